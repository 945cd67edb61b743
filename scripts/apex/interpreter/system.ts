/**
 * The platform's classes as Apex code sees them: static calls (`System.debug`, `Test.startTest`,
 * `Assert.areEqual`), system enums, built-in objects (exceptions, HttpRequest, SaveResult) and the instance
 * methods of primitives. Types implemented as native tables (platform/*.ts) are dispatched through `natives`.
 */
import {
    ApexBlob,
    ApexDate,
    ApexDatetime,
    ApexDouble,
    ApexEnumValue,
    ApexId,
    ApexList,
    ApexMap,
    ApexObject,
    ApexSet,
    ApexSystemError,
    ApexTime,
    ApexToken,
    ApexTypeValue,
    Decimal,
    SObjectValue,
    T,
    UnsupportedError,
    typeToString,
    type ApexValue,
    type TypeRef
} from '../values/model';
import type { NativeContext, NativeType, ClassReflection, ClassFieldInfo } from '../platform/native';
import { hasAnnotation, type ClassInfo } from './classes';
import { listMethod, mapMethod, setMethod } from './collections';
import { exceptionState, newException } from './exceptions';
import type { Frame } from './frames';
import * as ops from './ops';
import { runtimeType, typeNameForMessage } from './semantics';
import type { Runtime } from './runtime';
import { NATIVE_TYPES } from '../platform/registry';
import { toSObject } from '../data/dml';
import { fieldApexType } from './data';
import { randomUUID } from 'node:crypto';

/** System types the runtime knows by name (lower-cased → canonical). */
export const SYSTEM_TYPES = new Map<string, string>(
    [
        'System',
        'Test',
        'Assert',
        'Limits',
        'UserInfo',
        'Type',
        'Math',
        'JSON',
        'JSONGenerator',
        'JSONParser',
        'JSONToken',
        'Pattern',
        'Matcher',
        'EncodingUtil',
        'Crypto',
        'Database',
        'Schema',
        'Label',
        'Site',
        'Http',
        'HttpRequest',
        'HttpResponse',
        'HttpCalloutMock',
        'Security',
        'SObjectAccessDecision',
        'AccessType',
        'AccessLevel',
        'StatusCode',
        'RoundingMode',
        'LoggingLevel',
        'Queueable',
        'QueueableContext',
        'Schedulable',
        'SchedulableContext',
        'Finalizer',
        'FinalizerContext',
        'ParentJobResult',
        'Comparable',
        'Iterable',
        'Iterator',
        'Savepoint',
        'Url',
        'Cookie',
        'PageReference',
        'Network',
        'AggregateResult',
        'SObjectType',
        'SObjectField',
        'DescribeSObjectResult',
        'DescribeFieldResult',
        'PicklistEntry',
        'DisplayType',
        'Quiddity',
        'Request',
        'TriggerOperation',
        'Trigger',
        'Callable',
        'StubProvider',
        'RestContext',
        'RestRequest',
        'RestResponse',
        'Address',
        'Location',
        'OrgLimits',
        'UUID'
    ].map((n) => [n.toLowerCase(), n])
);
for (const [k, v] of [
    ['database.saveresult', 'Database.SaveResult'],
    ['database.upsertresult', 'Database.UpsertResult'],
    ['database.deleteresult', 'Database.DeleteResult'],
    ['database.undeleteresult', 'Database.UndeleteResult'],
    ['database.error', 'Database.Error'],
    ['database.allowscallouts', 'Database.AllowsCallouts'],
    ['database.stateful', 'Database.Stateful'],
    ['database.batchable', 'Database.Batchable'],
    ['database.batchablecontext', 'Database.BatchableContext'],
    ['database.querylocator', 'Database.QueryLocator'],
    ['database.dmloptions', 'Database.DMLOptions'],
    ['system.savepoint', 'Savepoint'],
    ['schema.sobjecttype', 'SObjectType'],
    ['schema.sobjectfield', 'SObjectField'],
    ['schema.describesobjectresult', 'DescribeSObjectResult'],
    ['schema.describefieldresult', 'DescribeFieldResult'],
    ['schema.picklistentry', 'PicklistEntry'],
    ['schema.displaytype', 'DisplayType'],
    ['system.finalizer', 'Finalizer'],
    ['system.finalizercontext', 'FinalizerContext'],
    ['system.parentjobresult', 'ParentJobResult'],
    ['system.queueable', 'Queueable'],
    ['system.accesslevel', 'AccessLevel'],
    ['system.accesstype', 'AccessType'],
    ['system.logginglevel', 'LoggingLevel'],
    ['system.roundingmode', 'RoundingMode'],
    ['system.statuscode', 'StatusCode'],
    ['system.type', 'Type'],
    ['system.url', 'Url'],
    ['auth.sessionmanagement', 'Auth.SessionManagement'],
    ['site.externalusercreateexception', 'Site.ExternalUserCreateException']
] as const) {
    SYSTEM_TYPES.set(k, v);
}

/** System enums and their values (Apex Reference). */
export const SYSTEM_ENUMS = new Map<string, string[]>([
    ['RoundingMode', ['CEILING', 'DOWN', 'FLOOR', 'HALF_DOWN', 'HALF_EVEN', 'HALF_UP', 'UNNECESSARY', 'UP']],
    ['LoggingLevel', ['NONE', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'FINE', 'FINER', 'FINEST']],
    ['AccessType', ['CREATABLE', 'READABLE', 'UPDATABLE', 'UPSERTABLE']],
    ['ParentJobResult', ['SUCCESS', 'UNHANDLED_EXCEPTION']],
    [
        'TriggerOperation',
        [
            'BEFORE_INSERT',
            'BEFORE_UPDATE',
            'BEFORE_DELETE',
            'AFTER_INSERT',
            'AFTER_UPDATE',
            'AFTER_DELETE',
            'AFTER_UNDELETE'
        ]
    ],
    [
        'JSONToken',
        [
            'END_ARRAY',
            'END_OBJECT',
            'FIELD_NAME',
            'NOT_AVAILABLE',
            'START_ARRAY',
            'START_OBJECT',
            'VALUE_EMBEDDED_OBJECT',
            'VALUE_FALSE',
            'VALUE_NULL',
            'VALUE_NUMBER_FLOAT',
            'VALUE_NUMBER_INT',
            'VALUE_STRING',
            'VALUE_TRUE'
        ]
    ],
    [
        'DisplayType',
        [
            'ADDRESS',
            'ANYTYPE',
            'BASE64',
            'BOOLEAN',
            'COMBOBOX',
            'CURRENCY',
            'DATACATEGORYGROUPREFERENCE',
            'DATE',
            'DATETIME',
            'DOUBLE',
            'EMAIL',
            'ENCRYPTEDSTRING',
            'ID',
            'INTEGER',
            'LOCATION',
            'LONG',
            'MULTIPICKLIST',
            'PERCENT',
            'PHONE',
            'PICKLIST',
            'REFERENCE',
            'STRING',
            'TEXTAREA',
            'TIME',
            'URL'
        ]
    ],
    [
        'StatusCode',
        [
            'ALREADY_IN_PROCESS',
            'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
            'DELETE_FAILED',
            'DUPLICATE_EXTERNAL_ID',
            'DUPLICATE_USERNAME',
            'DUPLICATE_VALUE',
            'ENTITY_IS_DELETED',
            'FIELD_CUSTOM_VALIDATION_EXCEPTION',
            'FIELD_INTEGRITY_EXCEPTION',
            'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
            'INSUFFICIENT_ACCESS_OR_READONLY',
            'INVALID_CROSS_REFERENCE_KEY',
            'INVALID_EMAIL_ADDRESS',
            'INVALID_FIELD',
            'INVALID_FIELD_FOR_INSERT_UPDATE',
            'INVALID_ID_FIELD',
            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
            'INVALID_TYPE',
            'LIMIT_EXCEEDED',
            'MALFORMED_ID',
            'MISSING_ARGUMENT',
            'MIXED_DML_OPERATION',
            'NUMBER_OUTSIDE_VALID_RANGE',
            'REQUIRED_FIELD_MISSING',
            'STANDARD_PRICE_NOT_DEFINED',
            'STRING_TOO_LONG',
            'UNABLE_TO_LOCK_ROW',
            'UNKNOWN_EXCEPTION'
        ]
    ]
]);

/** `Id,Map<String,Object>` → ['Id', 'Map<String,Object>'] (commas inside angle brackets stay). */
function splitTypeArgs(text: string): string[] {
    const out: string[] = [];
    let depth = 0;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
        if (text[i] === '<') depth++;
        else if (text[i] === '>') depth--;
        else if (text[i] === ',' && depth === 0) {
            out.push(text.slice(start, i));
            start = i + 1;
        }
    }
    out.push(text.slice(start));
    return out;
}

export function enumValue(type: string, name: string): ApexEnumValue {
    const values = SYSTEM_ENUMS.get(type);
    const idx = values ? values.findIndex((v) => v.toLowerCase() === name.toLowerCase()) : -1;
    if (!values || idx < 0) throw new UnsupportedError(`${type}.${name}`);
    return new ApexEnumValue(type, values[idx], idx);
}

export class SystemLibrary {
    constructor(private readonly rt: Runtime) {}

    private get ip() {
        return this.rt.interp;
    }

    relational(op: '<' | '>', a: ApexValue, b: ApexValue): boolean {
        return ops.relational(op, a, b);
    }

    /** The context native tables run with. */
    nativeContext(): NativeContext {
        const rt = this.rt;
        const ip = rt.interp;
        const classes: ClassReflection = {
            resolveClass: (name, from) =>
                rt.resolveClass(name, from ? rt.classByName(from) : undefined)?.name,
            fields: (className) =>
                ip.allFields(className).map((f): ClassFieldInfo => ({
                    name: f.name,
                    type: ip.resolveType(f.typeCtx, f.owner),
                    isStatic: f.isStatic,
                    isTransient: f.isTransient,
                    auraEnabled: !!hasAnnotation(f.annotations, 'auraenabled')
                })),
            newInstance: (className) => {
                const cls = rt.classByName(className);
                if (!cls) throw new UnsupportedError(`Type.newInstance of ${className}`);
                return ip.instantiate(cls, []);
            },
            getField: (target, name) => {
                if (target instanceof ApexObject) {
                    const cls = rt.classByName(target.className);
                    const field = cls && ip.findField(cls, name);
                    if (field && !field.isStatic) return ip.instanceField(target, field).get();
                }
                return null;
            },
            setField: (target, name, value) => {
                if (target instanceof ApexObject) {
                    const cls = rt.classByName(target.className);
                    const field = cls && ip.findField(cls, name);
                    if (field && !field.isStatic) ip.instanceField(target, field).set(value);
                }
            },
            isEnum: (name) => rt.classByName(name)?.kind === 'enum' || SYSTEM_ENUMS.has(name),
            enumValues: (name) => {
                const cls = rt.classByName(name);
                if (cls) return cls.enumValues.map((v, i) => new ApexEnumValue(cls.name, v, i));
                return (SYSTEM_ENUMS.get(name) ?? []).map((v, i) => new ApexEnumValue(name, v, i));
            },
            isSObjectType: (name) => !!rt.schema.sobject(name)
        };
        return {
            timeZone: rt.user.timeZone,
            locale: rt.user.locale,
            language: rt.user.language,
            keyOf: (v) => ip.keyOf(v),
            equals: (a, b) => ip.equals(a, b),
            stringOf: (v) => ip.stringOf(v),
            typeOf: (v) => runtimeType(v),
            classes,
            now: () => rt.now(),
            fieldName: (sobject: string, lower: string) => rt.fieldName(sobject, lower),
            sobjectByKeyPrefix: (prefix: string) => rt.schema.sobjectByKeyPrefix(prefix)?.name,
            sobjectField: (sobjectType: string, name: string) => {
                const d = rt.schema.sobject(sobjectType);
                if (!d) return undefined;
                const lower = name.toLowerCase();
                const f = d.fields.get(lower);
                if (f) return { name: f.name, type: fieldApexType(f) };
                for (const fd of d.fields.values()) {
                    if (fd.relationshipName?.toLowerCase() === lower)
                        return { name: fd.relationshipName, type: { name: fd.referenceTo[0] ?? 'SObject' } };
                }
                const child = d.childRelationships.find((c) => c.relationshipName?.toLowerCase() === lower);
                if (child?.relationshipName)
                    return { name: child.relationshipName, type: T.listOf({ name: child.childSObject }) };
                return undefined;
            }
        } as NativeContext;
    }

    private native(type: string): NativeType | undefined {
        return NATIVE_TYPES.get(type.toLowerCase());
    }

    // ---------------------------------------------------------------- statics

    callStatic(type: string, method: string, args: ApexValue[], f: Frame): ApexValue {
        const m = method.toLowerCase();
        switch (type) {
            case 'System':
                return this.systemStatic(m, args, f);
            case 'Test':
                return this.rt.data.testStatic(m, args, f);
            case 'Assert':
                return this.assertStatic(m, args);
            case 'Limits':
                return this.limitsStatic(m);
            case 'UserInfo':
                return this.rt.data.userInfo(m, args);
            case 'Database':
                return this.rt.data.databaseStatic(m, args, f);
            case 'Schema':
                return this.rt.data.schemaStatic(m, args);
            case 'Site':
                return this.rt.data.siteStatic(m, args, f);
            case 'Security':
                return this.rt.data.securityStatic(m, args);
            case 'Type':
                return this.typeStatic(m, args);
            case 'Auth.SessionManagement':
                return this.rt.data.sessionStatic(m, args);
            case 'UUID':
                return this.uuidStatic(m, args);
        }
        const sobject = this.rt.schema.sobject(type);
        if (m === 'getsobjecttype' && !args.length && sobject)
            return new ApexToken('SObjectType', sobject.name);
        if (type.toLowerCase().endsWith('__mdt') && sobject) return this.customMetadataStatic(type, m, args);
        if (SYSTEM_ENUMS.has(type)) {
            if (m === 'values')
                return new ApexList(
                    { name: type },
                    SYSTEM_ENUMS.get(type)!.map((v, i) => new ApexEnumValue(type, v, i))
                );
            if (m === 'valueof') return enumValue(type, String(args[0]));
        }
        const nt = this.native(type);
        const fn = nt?.statics?.get(m);
        if (fn) return fn(this.nativeContext(), args);
        throw new UnsupportedError(`${type}.${method}()`);
    }

    staticMember(type: string, name: string, f: Frame): ApexValue {
        if (SYSTEM_ENUMS.has(type)) return enumValue(type, name);
        if (type === 'AccessLevel') {
            const n = name.toUpperCase();
            if (n === 'USER_MODE' || n === 'SYSTEM_MODE')
                return new ApexEnumValue('AccessLevel', n, n === 'USER_MODE' ? 0 : 1);
        }
        if (type === 'Label') return this.rt.data.label(name);
        if (type === 'Trigger') return this.rt.data.triggers.variable(name);
        if (type === 'RestContext') return this.rt.data.rest.contextProperty(name).get();
        const sobj = this.rt.schema.sobject(type);
        if (sobj) {
            if (name.toLowerCase() === 'sobjecttype') return new ApexToken('SObjectType', sobj.name);
            const field = sobj.fields.get(name.toLowerCase());
            if (field) return new ApexToken('SObjectField', `${sobj.name}.${field.name}`);
        }
        if (type === 'SObjectType' || type === 'Schema') {
            const target = this.rt.schema.sobject(name);
            if (target) return type === 'Schema' ? null : new ApexToken('DescribeSObjectResult', target.name);
        }
        const nt = this.native(type);
        const v = nt?.staticFields?.get(name.toLowerCase());
        if (v !== undefined) return v;
        void f;
        throw new UnsupportedError(`${type}.${name}`);
    }

    private systemStatic(m: string, args: ApexValue[], f: Frame): ApexValue {
        switch (m) {
            case 'debug':
                this.rt.debugLog?.(this.ip.stringOf(args[args.length - 1] ?? null));
                return null;
            case 'assert':
                if (args[0] !== true)
                    this.assertFail(args.length > 1 ? this.ip.stringOf(args[1]) : undefined);
                return null;
            case 'assertequals':
                if (!this.ip.equals(args[0], args[1]))
                    this.assertFail(
                        args.length > 2 ? this.ip.stringOf(args[2]) : undefined,
                        args[0],
                        args[1]
                    );
                return null;
            case 'assertnotequals':
                if (this.ip.equals(args[0], args[1]))
                    this.assertFail(
                        args.length > 2 ? this.ip.stringOf(args[2]) : undefined,
                        args[0],
                        args[1],
                        true
                    );
                return null;
            case 'now':
                return new ApexDatetime(this.rt.now());
            case 'today':
                return this.callStatic('Date', 'today', [], f);
            case 'currenttimemillis':
                return BigInt(this.rt.now());
            case 'enqueuejob':
                return this.rt.data.enqueueJob(args, f);
            case 'attachfinalizer':
                return this.rt.data.attachFinalizer(args[0]);
            case 'schedule':
                return this.rt.data.schedule(args, f);
            case 'isqueueable':
                return this.rt.data.asyncContext === 'queueable';
            case 'isscheduled':
                return this.rt.data.asyncContext === 'scheduled';
            case 'isfuture':
                return this.rt.data.asyncContext === 'future';
            case 'isbatch':
                return this.rt.data.asyncContext === 'batch';
            case 'runas':
                throw new UnsupportedError('System.runAs as an expression');
            case 'abortjob':
                return this.rt.data.abortJob(args[0]);
            case 'equals':
                return this.ip.equals(args[0], args[1]);
            case 'hashcode':
                return null;
            case 'requestversion':
                throw new UnsupportedError('System.requestVersion');
        }
        throw new UnsupportedError(`System.${m}()`);
    }

    private assertFail(
        message: string | undefined,
        expected?: ApexValue,
        actual?: ApexValue,
        notEqual = false
    ): never {
        let text = 'Assertion Failed';
        if (message !== undefined) text += `: ${message}`;
        if (arguments.length > 1) {
            text += notEqual
                ? `: Same value: ${this.ip.stringOf(actual ?? null)}`
                : `: Expected: ${this.ip.stringOf(expected ?? null)}, Actual: ${this.ip.stringOf(actual ?? null)}`;
        }
        throw new ApexSystemError('AssertException', text);
    }

    private assertStatic(m: string, a: ApexValue[]): ApexValue {
        const msg = (i: number): string | undefined =>
            a.length > i && a[i] !== null ? this.ip.stringOf(a[i]) : undefined;
        switch (m) {
            case 'areequal':
                if (!this.ip.equals(a[0], a[1])) this.assertFail(msg(2), a[0], a[1]);
                return null;
            case 'arenotequal':
                if (this.ip.equals(a[0], a[1])) this.assertFail(msg(2), a[0], a[1], true);
                return null;
            case 'istrue':
                if (a[0] !== true)
                    this.assertFail(msg(1) ?? 'Expected: true, Actual: ' + this.ip.stringOf(a[0]));
                return null;
            case 'isfalse':
                if (a[0] !== false)
                    this.assertFail(msg(1) ?? 'Expected: false, Actual: ' + this.ip.stringOf(a[0]));
                return null;
            case 'isnull':
                if (a[0] !== null)
                    this.assertFail(msg(1) ?? 'Expected: null, Actual: ' + this.ip.stringOf(a[0]));
                return null;
            case 'isnotnull':
                if (a[0] === null) this.assertFail(msg(1) ?? 'Expected: not null, Actual: null');
                return null;
            case 'fail':
                this.assertFail(msg(0));
                break;
            case 'isinstanceoftype':
                if (!(a[1] instanceof ApexTypeValue) || !this.ip.isInstance(a[0], a[1].type))
                    this.assertFail(
                        msg(2) ??
                            `Expected instance of ${a[1] instanceof ApexTypeValue ? typeToString(a[1].type) : '?'}`
                    );
                return null;
            case 'isnotinstanceoftype':
                if (a[1] instanceof ApexTypeValue && this.ip.isInstance(a[0], a[1].type))
                    this.assertFail(msg(2));
                return null;
        }
        throw new UnsupportedError(`Assert.${m}()`);
    }

    private limitsStatic(m: string): ApexValue {
        const l = this.rt.limits;
        const table: Record<string, number> = {
            getqueries: l.queries,
            getlimitqueries: this.rt.data.asyncContext ? 200 : 100,
            getqueryrows: l.queryRows,
            getlimitqueryrows: 50000,
            getdmlstatements: this.rt.data.tx.dmlStatements,
            getlimitdmlstatements: 150,
            getdmlrows: this.rt.data.tx.dmlRows,
            getlimitdmlrows: 10000,
            getcallouts: l.callouts,
            getlimitcallouts: 100,
            getqueueablejobs: l.queueableJobs,
            getlimitqueueablejobs: this.rt.data.asyncContext ? 1 : 50,
            getfuturecalls: l.futureCalls,
            getlimitfuturecalls: this.rt.data.asyncContext ? 0 : 50,
            getemailinvocations: l.emailInvocations,
            getlimitemailinvocations: 10
        };
        if (m in table) return table[m];
        throw new UnsupportedError(`Limits.${m}()`);
    }

    /**
     * Custom metadata type methods (Apex Reference, "Custom Metadata Types Methods"): getAll() maps DeveloperName to
     * each record; getInstance(DeveloperName or Id) gives one record or null.
     */
    private customMetadataStatic(type: string, m: string, a: ApexValue[]): ApexValue {
        const d = this.rt.schema.sobject(type)!;
        const records = [...this.rt.data.store.table(d.name).entries()].map(([id, row]) =>
            toSObject(d.name, row, id)
        );
        if (m === 'getall') {
            const map = new ApexMap(T.String, { name: d.name });
            for (const r of records) {
                const key = String(r.fields.get('developername'));
                map.entries.set(`s:${key}`, { key, value: r });
            }
            return map;
        }
        if (m === 'getinstance') {
            const want = a[0];
            if (want === null) throw new ApexSystemError('NullPointerException', 'Argument cannot be null.');
            const text = this.ip.stringOf(want);
            const byId = want instanceof ApexId || /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(text);
            return (
                records.find((r) => String(r.fields.get('developername')) === text) ??
                (byId
                    ? records.find((r) => String(r.fields.get('id')).slice(0, 15) === text.slice(0, 15))
                    : undefined) ??
                null
            );
        }
        throw new UnsupportedError(`${type}.${m}()`);
    }

    /** System.UUID: version 4 UUIDs (Apex Reference, UUID Class). */
    private uuidStatic(m: string, a: ApexValue[]): ApexValue {
        const make = (text: string): ApexObject => {
            const o = new ApexObject('UUID');
            o.native = text.toLowerCase();
            return o;
        };
        if (m === 'randomuuid') return make(randomUUID());
        if (m === 'fromstring') {
            const s = String(a[0]);
            if (!/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(s)) {
                throw new ApexSystemError('IllegalArgumentException', `Invalid UUID string: ${s}`);
            }
            return make(s);
        }
        throw new UnsupportedError(`UUID.${m}()`);
    }

    private typeStatic(m: string, a: ApexValue[]): ApexValue {
        if (m === 'forname') {
            const name = a.length === 2 ? `${a[0] ?? ''}${a[0] ? '.' : ''}${a[1]}` : String(a[0]);
            const generic = /^\s*(list|set|map)\s*<(.*)>\s*$/i.exec(name);
            if (generic) {
                // `Map<Id,Account>`: each argument resolved as a type name (null when one is unknown).
                const args = splitTypeArgs(generic[2]).map((x) => this.typeStatic('forname', [x.trim()]));
                if (args.some((x) => !(x instanceof ApexTypeValue))) return null;
                const kind = generic[1].toLowerCase();
                return new ApexTypeValue({
                    name: kind === 'list' ? 'List' : kind === 'set' ? 'Set' : 'Map',
                    args: args.map((x) => (x as ApexTypeValue).type)
                });
            }
            const cls = this.rt.resolveClass(name);
            if (cls) return new ApexTypeValue({ name: cls.name });
            const t = this.ip.resolveTypeName(name, undefined);
            if (
                this.rt.schema.sobject(t.name) ||
                this.rt.systemTypeName(name) ||
                [
                    'Integer',
                    'String',
                    'Boolean',
                    'Decimal',
                    'Long',
                    'Double',
                    'Date',
                    'Datetime',
                    'Id',
                    'Object'
                ].includes(t.name)
            ) {
                return new ApexTypeValue(t);
            }
            return null;
        }
        throw new UnsupportedError(`Type.${m}()`);
    }

    // ---------------------------------------------------------------- instance methods

    callMethod(target: ApexValue, name: string, args: ApexValue[], f: Frame): ApexValue {
        const m = name.toLowerCase();
        if (target instanceof ApexList) return listMethod(this.ip, target, m, args, f);
        if (target instanceof ApexSet) return setMethod(this.ip, target, m, args);
        if (target instanceof ApexMap) return mapMethod(this.ip, target, m, args);
        if (target instanceof SObjectValue) return this.rt.data.sobjectMethod(target, m, args, f);
        if (target instanceof ApexObject) return this.callObjectMethod(target, m, args, f, target.className);
        if (target instanceof ApexEnumValue) {
            switch (m) {
                case 'name':
                    return target.name;
                case 'ordinal':
                    return target.ordinal;
                case 'equals':
                    return this.ip.equals(target, args[0]);
                case 'hashcode':
                    return target.ordinal;
                case 'tostring':
                    return target.name;
            }
        }
        if (target instanceof ApexTypeValue) return this.typeMethod(target, m, args);
        if (target instanceof ApexToken) {
            if (target.name.endsWith('#fields')) return this.rt.data.describe.fieldsMethod(target, m);
            return this.rt.data.tokenMethod(target, m, args);
        }
        const type = runtimeType(target).name;
        const nt = this.native(type);
        const fn = nt?.instance?.get(m);
        if (fn) return fn(this.nativeContext(), target, args);
        // A conditional or arithmetic whose static type is Decimal may hold an Integer here (`(x == null ? 0 : x)`):
        // Decimal-only methods see the Decimal the compiler would have made.
        if (typeof target === 'number' || typeof target === 'bigint') {
            const dec = this.native('Decimal')?.instance?.get(m);
            if (dec) return dec(this.nativeContext(), this.ip.coerce(target, T.Decimal), args);
        }
        if (m === 'equals') return this.ip.equals(target, args[0]);
        if (m === 'tostring' || m === 'valueof') return this.ip.stringOf(target);
        if (m === 'hashcode' && typeof target === 'number') return target;
        throw new UnsupportedError(`${type}.${name}()`);
    }

    private typeMethod(t: ApexTypeValue, m: string, args: ApexValue[]): ApexValue {
        switch (m) {
            case 'getname':
                return typeToString(t.type);
            case 'tostring':
                return typeToString(t.type);
            case 'newinstance': {
                const cls = this.rt.classByName(t.type.name);
                if (cls) return this.ip.instantiate(cls, []);
                const sobj = this.rt.schema.sobject(t.type.name);
                if (sobj) return new SObjectValue(sobj.name);
                if (t.type.name === 'List') return new ApexList(t.type.args?.[0] ?? T.Object);
                if (t.type.name === 'Map')
                    return new ApexMap(t.type.args?.[0] ?? T.Object, t.type.args?.[1] ?? T.Object);
                if (t.type.name === 'Set') return new ApexSet(t.type.args?.[0] ?? T.Object);
                throw new UnsupportedError(`Type.newInstance of ${typeToString(t.type)}`);
            }
            case 'equals':
                return this.ip.equals(t, args[0]);
            case 'hashcode':
                return typeToString(t.type).length;
            case 'isassignablefrom': {
                const other = args[0];
                if (!(other instanceof ApexTypeValue)) return false;
                return this.ip.isSubclass(other.type.name, t.type.name) || t.type.name === 'Object';
            }
        }
        throw new UnsupportedError(`Type.${m}()`);
    }

    /** Methods of built-in classes (exceptions, HTTP, results) and of user classes that extend them. */
    callObjectMethod(
        obj: ApexObject,
        m: string,
        args: ApexValue[],
        f: Frame,
        nativeClass: string
    ): ApexValue {
        if (this.ip.isSubclass(obj.className, 'Exception')) return this.exceptionMethod(obj, m, args);
        const handled = this.rt.data.objectMethod(obj, m, args, f);
        if (handled !== undefined) return handled;
        if (obj.className === 'UUID') {
            if (m === 'tostring') return obj.native as string;
            if (m === 'equals')
                return (
                    args[0] instanceof ApexObject &&
                    args[0].className === 'UUID' &&
                    args[0].native === obj.native
                );
            if (m === 'hashcode') return 0;
        }
        if (obj.className === 'System.ListIterator') {
            const s = obj.native as { items: ApexValue[]; index: number };
            if (m === 'hasnext') return s.index < s.items.length;
            if (m === 'next') {
                if (s.index >= s.items.length)
                    throw new ApexSystemError('NoSuchElementException', 'Iterator has no more elements.');
                return s.items[s.index++];
            }
        }
        const nt = this.native(obj.className) ?? this.native(nativeClass);
        const fn = nt?.instance?.get(m);
        if (fn) return fn(this.nativeContext(), obj, args);
        if (m === 'equals') return obj === args[0];
        if (m === 'hashcode') return 0;
        if (m === 'tostring') return this.ip.stringOf(obj);
        throw new UnsupportedError(`${obj.className}.${m}()`);
    }

    objectProperty(
        obj: ApexObject,
        name: string
    ): { get(): ApexValue; set(v: ApexValue): void; type(): TypeRef } | undefined {
        return this.rt.data.objectProperty(obj, name);
    }

    private exceptionMethod(e: ApexObject, m: string, args: ApexValue[]): ApexValue {
        const s = exceptionState(e);
        const isAura = this.ip.isSubclass(e.className, 'AuraHandledException');
        switch (m) {
            case 'getmessage':
                if (isAura && s.clientMessage === undefined) return 'Script-thrown exception';
                return s.message;
            case 'setmessage':
                s.message = args[0] === null ? null : this.ip.stringOf(args[0]);
                if (isAura) s.clientMessage = s.message ?? '';
                return null;
            case 'gettypename':
                return e.className;
            case 'getcause':
                return s.cause;
            case 'initcause':
                s.cause = args[0] as ApexObject;
                return null;
            case 'getlinenumber':
                return s.line;
            case 'getstacktracestring':
                return s.stack.join('\n');
            case 'tostring':
                return this.ip.stringOf(e);
            case 'equals':
                return e === args[0];
            case 'hashcode':
                return 0;
        }
        return this.rt.data.exceptionDetailMethod(e, m, args);
    }

    construct(name: string, typeArgs: TypeRef[], args: ApexValue[], f: Frame): ApexValue {
        if (name === 'Exception' || this.ip.isSubclass(name, 'Exception')) {
            const e = newException(name, null);
            const s = exceptionState(e);
            for (const a of args) {
                if (typeof a === 'string' || a === null) s.message = a;
                else if (a instanceof ApexObject) s.cause = a;
            }
            if (name === 'AuraHandledException') s.clientMessage = undefined;
            return e;
        }
        const made = this.rt.data.construct(name, args, f);
        if (made !== undefined) return made;
        const nt = this.native(name);
        const ctor = nt?.statics?.get('<init>');
        if (ctor) return ctor(this.nativeContext(), args);
        void typeArgs;
        throw new UnsupportedError(`new ${name}()`);
    }

    callEnumStatic(cls: ClassInfo, m: string, args: ApexValue[]): ApexValue {
        if (m === 'values')
            return new ApexList(
                { name: cls.name },
                cls.enumValues.map((v, i) => new ApexEnumValue(cls.name, v, i))
            );
        if (m === 'valueof') {
            const idx = cls.enumValues.findIndex((v) => v === args[0]);
            if (idx < 0)
                throw new ApexSystemError(
                    'NoSuchElementException',
                    `No enum constant ${cls.name}.${String(args[0])}`
                );
            return new ApexEnumValue(cls.name, cls.enumValues[idx], idx);
        }
        throw new UnsupportedError(`${cls.name}.${m}()`);
    }
}

export { ApexBlob, ApexDate, ApexDouble, ApexId, ApexTime, Decimal, typeNameForMessage };
