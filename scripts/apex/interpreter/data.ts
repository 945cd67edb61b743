/**
 * The interpreter's side of data: SOQL and DML statements with their access mode (user or system, from the
 * statement, the query or the class's API version), SObject field access (fields not queried, type conversion),
 * the running user, System.runAs, and the platform classes that act on data (Database, Test, UserInfo, Schema,
 * Site, Security). The engines themselves are in data/ (soql.ts, dml.ts, security.ts, sharing.ts).
 */
import {
    AssignExpressionContext,
    IdPrimaryContext,
    PrimaryExpressionContext,
    type ExpressionContext,
    type ExpressionListContext,
    type QueryContext,
    type StatementContext
} from '@apexdevtools/apex-parser';
import {
    ApexDatetime,
    ApexEnumValue,
    ApexId,
    ApexList,
    ApexMap,
    ApexObject,
    ApexSet,
    ApexSystemError,
    ApexToken,
    ApexTypeValue,
    SObjectValue,
    T,
    UnsupportedError,
    type ApexValue,
    type TypeRef
} from '../values/model';
import type { FieldDescribe } from '../schema/types';
import { RecordStore, type Row } from '../data/store';
import { Transaction, type Savepoint } from '../data/transaction';
import { SecurityModel, type RunningUser, type AccessType } from '../data/security';
import { SharingModel } from '../data/sharing';
import { runSoql, queryAccessMode, parseSoql, type SoqlResult } from '../data/soql';
import { dml as runDml, type DmlOp, type DmlResult as DmlRecordResult } from '../data/dml';
import { exceptionState } from './exceptions';
import { cloneSObject } from './collections';
import { enumValue } from './system';
import type { Frame } from './frames';
import { npe } from './ops';
import { freshLimits, type Runtime } from './runtime';
import { AsyncQueue } from './async';
import { Callouts } from './http';
import { SiteService } from './site';
import { Describe } from './describe';
import { TriggerRunner } from './triggers';
import { RestContextState } from './rest';
import { seedOrg, type OrgSeed } from './seed';

export type { RunningUser };

type Mode = 'user' | 'system';

export class DataLayer {
    store = new RecordStore();
    tx: Transaction;
    readonly security: SecurityModel;
    readonly sharing: SharingModel;
    readonly async: AsyncQueue;
    readonly callouts: Callouts;
    readonly site: SiteService;
    readonly describe: Describe;
    readonly triggers: TriggerRunner;
    readonly rest = new RestContextState();
    org!: OrgSeed;
    asyncContext: 'queueable' | 'future' | 'scheduled' | 'batch' | undefined;
    private testStarted = false;
    private savedDml: { statements: number; rows: number } | undefined;
    private testStopped = false;

    constructor(private readonly rt: Runtime) {
        this.tx = new Transaction(this.store);
        this.security = new SecurityModel(rt.project.permissionSets, rt.schema);
        this.sharing = new SharingModel(
            rt.schema,
            this.security,
            this.store,
            new OrgWideDefaults(rt),
            'ReadWrite'
        );
        this.async = new AsyncQueue(rt);
        this.callouts = new Callouts(rt);
        this.site = new SiteService(rt);
        this.describe = new Describe(rt);
        this.triggers = new TriggerRunner(rt);
    }

    /** Seeds the org rows every test sees (profiles, licences, permission sets, the running admin user). */
    defaultUser(): RunningUser {
        this.org = seedOrg(this.rt, this.store);
        return this.org.admin;
    }

    beginTransaction(): void {
        this.tx.close();
        this.tx = new Transaction(this.store);
        this.testStarted = false;
        this.testStopped = false;
        this.savedDml = undefined;
        this.asyncContext = undefined;
        this.async.reset();
        this.callouts.reset();
        this.rest.reset();
    }

    // ---------------------------------------------------------------- modes

    /** The access mode of a query or DML without an explicit one: user mode from API 67.0 (Apex Developer Guide, versioned behaviour). */
    defaultMode(f: Frame): Mode {
        return f.cls.apiVersion >= 67 ? 'user' : 'system';
    }

    private soqlOptions(f: Frame, mode: Mode, bind: (e: ExpressionContext | string) => ApexValue) {
        const user = this.rt.user;
        const sharingMode = mode === 'user' ? 'with' : f.sharing;
        return {
            schema: this.rt.schema,
            store: this.store,
            bind,
            mode,
            canReadObject: (o: string) => this.security.canReadObject(user, o),
            canReadField: (o: string, fld: string) => this.security.canReadField(user, o, fld),
            isVisible: (o: string, row: Row) => this.sharing.isVisible(user, o, row, sharingMode),
            timeZone: user.timeZone,
            locale: user.locale,
            now: () => this.rt.now()
        };
    }

    /** WITH USER_MODE / SYSTEM_MODE in the query, else the class's default (the engine checks SECURITY_ENFORCED itself). */
    private queryMode(q: QueryContext, f: Frame): Mode {
        const asked = queryAccessMode(q);
        if (asked === 'user' || asked === 'system') return asked;
        return this.defaultMode(f);
    }

    private countQuery(rows: number): void {
        const l = this.rt.limits;
        l.queries++;
        const limit = this.asyncContext ? 200 : 100;
        if (l.queries > limit)
            throw new ApexSystemError('LimitException', `Too many SOQL queries: ${l.queries}`);
        l.queryRows += rows;
        if (l.queryRows > 50000)
            throw new ApexSystemError('LimitException', `Too many query rows: ${l.queryRows}`);
    }

    private toApex(result: SoqlResult): ApexValue {
        this.countQuery(result.rows);
        if (result.kind === 'count') return result.count;
        const type = result.kind === 'aggregate' ? { name: 'AggregateResult' } : { name: result.sobjectType };
        return this.rt.markSoqlResult(new ApexList(type, result.records));
    }

    inlineQuery(q: QueryContext, f: Frame): ApexValue {
        let result: SoqlResult;
        try {
            result = runSoql(
                q,
                this.soqlOptions(f, this.queryMode(q, f), (e) => this.bindValue(e, f))
            );
        } catch (e) {
            // Inline SOQL is checked when the class compiles: a name the schema cannot resolve is a gap of the
            // runtime's schema, not an error the org would raise.
            const unknownObject = /^sObject type '([^']*)'/.exec(e instanceof Error ? e.message : '');
            const known = unknownObject && this.rt.schema.sobject(unknownObject[1]);
            if (e instanceof ApexSystemError && UNRESOLVED_NAME.test(e.message) && !known) {
                throw new UnsupportedError(`SOQL: ${e.message.split('. ')[0]}`);
            }
            throw e;
        }
        return this.toApex(result);
    }

    private bindValue(e: ExpressionContext | string, f: Frame): ApexValue {
        if (typeof e === 'string') {
            const v = f.lookup(e);
            if (!v) throw new ApexSystemError('QueryException', `Variable does not exist: ${e}`);
            return v.value;
        }
        return this.rt.interp.evalValue(e, f);
    }

    dynamicQuery(text: string, f: Frame, explicitMode: Mode | undefined, binds?: ApexMap): ApexValue {
        const q = parseSoql(text);
        const mode = explicitMode ?? this.queryMode(q, f);
        const bind = (e: ExpressionContext | string): ApexValue => {
            const name = typeof e === 'string' ? e : e.getText();
            if (binds) {
                for (const entry of binds.entries.values())
                    if (String(entry.key) === name) return entry.value;
                throw new ApexSystemError('QueryException', `Key '${name}' does not exist in the bindMap`);
            }
            if (typeof e !== 'string' && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
                throw new ApexSystemError(
                    'QueryException',
                    `Only variable references are allowed in dynamic SOQL/SOSL.`
                );
            }
            return this.bindValue(name, f);
        };
        return this.toApex(runSoql(q, this.soqlOptions(f, mode, bind)));
    }

    // ---------------------------------------------------------------- DML

    dmlStatement(s: StatementContext, f: Frame): void {
        const child = s.getChild(0) as StatementContext;
        const kind = child.constructor.name.replace('StatementContext', '').toLowerCase() as DmlOp;
        const ctx = child as unknown as {
            expression(): ExpressionContext;
            expression_list?(): ExpressionContext[];
            accessLevel(): { USER(): unknown; SYSTEM(): unknown } | null;
            qualifiedName?(): { getText(): string } | null;
        };
        const al = ctx.accessLevel();
        const mode: Mode = al ? (al.USER() ? 'user' : 'system') : this.defaultMode(f);
        if (kind === 'merge') throw new UnsupportedError('merge statement');
        const value = this.rt.interp.evalValue(ctx.expression(), f);
        const ext = kind === 'upsert' ? ctx.qualifiedName?.()?.getText() : undefined;
        this.dml(kind, value, { allOrNone: true, mode, externalIdField: ext }, f);
    }

    /** Runs DML on one record or a list; statement form throws DmlException, `allOrNone=false` returns results. */
    dml(
        op: DmlOp,
        value: ApexValue,
        opts: { allOrNone: boolean; mode: Mode; externalIdField?: string },
        f: Frame
    ): DmlRecordResult[] {
        if (value === null)
            throw new ApexSystemError(
                'DmlException',
                `${op === 'upsert' ? 'Upsert' : op[0].toUpperCase() + op.slice(1)} failed. First exception on row 0; first error: REQUIRED_FIELD_MISSING, Required fields are missing: []`
            );
        let records: SObjectValue[];
        if (value instanceof SObjectValue) records = [value];
        else if (value instanceof ApexList) {
            records = value.items.map((x) => {
                if (!(x instanceof SObjectValue)) throw npe();
                return x;
            });
        } else if (op === 'delete' || op === 'undelete') {
            records = this.recordsFromIds(value);
        } else throw new UnsupportedError(`DML on ${value?.constructor.name}`);
        const before = new Map<string, Row>();
        if (op === 'update' || op === 'upsert') {
            for (const r of records) {
                const id = r.fields.get('id');
                const row = id instanceof ApexId ? this.store.get(r.sobjectType, id.value) : undefined;
                if (row && id instanceof ApexId) before.set(id.value, row);
            }
        }
        const results = runDml(op, records, {
            allOrNone: opts.allOrNone,
            mode: opts.mode,
            externalIdField: opts.externalIdField,
            user: this.rt.user,
            schema: this.rt.schema,
            store: this.store,
            tx: this.tx,
            security: this.security,
            sharing: { model: this.sharing, mode: opts.mode === 'user' ? 'with' : f.sharing },
            now: () => this.rt.now(),
            runTriggers: (call) => this.triggers.run(call)
        });
        if (op === 'insert' || op === 'upsert') this.assignAutoNumbers(records[0]?.sobjectType, results);
        if (records[0]?.sobjectType === 'User' && (op === 'insert' || op === 'update' || op === 'upsert')) {
            this.deriveUserFields(results.filter((r) => r.success && r.id).map((r) => r.id!));
        }
        this.async.afterSave(op, records, results, before, f);
        return results;
    }

    /** Auto-number fields of standard objects: Order.OrderNumber is `00000100` and so on (8 digits). */
    private readonly autoNumbers = new Map<string, number>();

    private assignAutoNumbers(sobject: string | undefined, results: DmlRecordResult[]): void {
        if (sobject) this.defaultCustomNames(sobject, results);
        const field = sobject && AUTO_NUMBER_FIELDS.get(sobject.toLowerCase());
        if (!field) return;
        for (const r of results) {
            if (!r.success || !r.id || r.created === false) continue;
            const row = this.store.get(sobject!, r.id);
            if (!row || row.get(field)) continue;
            const next = (this.autoNumbers.get(field) ?? 99) + 1;
            this.autoNumbers.set(field, next);
            this.store.put(sobject!, r.id, new Map(row).set(field, String(next).padStart(8, '0')));
        }
    }

    /**
     * Custom objects: a record saved without a text Name gets its Id as Name; auto-number fields (the Name or
     * others) count up from 0 in their display format.
     */
    private defaultCustomNames(sobject: string, results: DmlRecordResult[]): void {
        const d = this.rt.schema.sobject(sobject);
        if (!d?.custom) return;
        const autos = [...d.fields.values()].filter((f) => f.autoNumber && f.autoNumberFormat);
        const name = d.fields.get('name');
        for (const r of results) {
            if (!r.success || !r.id || r.created === false) continue;
            const row = this.store.get(sobject, r.id);
            if (!row) continue;
            const copy = new Map(row);
            if (name && !name.autoNumber && !copy.get('name')) copy.set('name', r.id);
            for (const f of autos) {
                const key = `${d.name}.${f.name}`;
                const n = this.autoNumbers.get(key) ?? 0;
                this.autoNumbers.set(key, n + 1);
                copy.set(f.name.toLowerCase(), formatAutoNumber(f.autoNumberFormat!, n, this.rt.now()));
            }
            this.store.put(sobject, r.id, copy);
        }
    }

    /**
     * Fields the platform derives on User: UserType from the profile, AccountId from the contact, IsPortalEnabled
     * for a user with a contact on an external licence; IsActive defaults to true.
     */
    private deriveUserFields(ids: string[]): void {
        for (const id of ids) {
            const row = this.store.get('User', id);
            if (!row) continue;
            const copy = new Map(row);
            const profile = row.get('profileid')
                ? this.store.get('Profile', String(row.get('profileid')))
                : undefined;
            const userType = profile ? String(profile.get('usertype') ?? 'Standard') : 'Standard';
            const contactId = row.get('contactid');
            const contact = contactId ? this.store.get('Contact', String(contactId)) : undefined;
            const d = this.rt.schema.sobject('User')!;
            const set = (k: string, v: ApexValue): void => {
                if (d.fields.has(k)) copy.set(k, v);
            };
            set('usertype', userType);
            set('accountid', contact?.get('accountid') ?? null);
            set('isportalenabled', !!contact && userType !== 'Standard' && userType !== 'Guest');
            if (copy.get('isactive') === null || copy.get('isactive') === undefined) set('isactive', true);
            this.store.put('User', id, copy);
        }
    }

    private recordsFromIds(value: ApexValue): SObjectValue[] {
        const ids = value instanceof ApexId ? [value] : value instanceof ApexList ? value.items : [];
        return ids.map((id) => {
            if (!(id instanceof ApexId)) throw new UnsupportedError('delete of a non-Id value');
            const type = this.rt.schema.sobjectByKeyPrefix(id.value.slice(0, 3));
            if (!type)
                throw new ApexSystemError(
                    'DmlException',
                    'Delete failed. First exception on row 0; first error: MALFORMED_ID, bad id ' + id.value
                );
            return new SObjectValue(type.name, new Map([['id', id]]));
        });
    }

    // ---------------------------------------------------------------- SObjects

    newSObject(type: string, args: ExpressionListContext | null, f: Frame): SObjectValue {
        const record = new SObjectValue(type);
        if (!args) return record;
        for (const e of args.expression_list()) {
            if (!(e instanceof AssignExpressionContext))
                throw new UnsupportedError('SObject constructor argument that is not Field = value');
            const [left, right] = e.expression_list();
            if (
                !(left instanceof PrimaryExpressionContext) ||
                !(left.primary() instanceof IdPrimaryContext)
            ) {
                throw new UnsupportedError('SObject constructor argument that is not Field = value');
            }
            const name = left.getText();
            this.fieldLValue(record, name).set(this.rt.interp.evalValue(right, f));
        }
        return record;
    }

    describeField(
        record: SObjectValue,
        name: string
    ): { field?: FieldDescribe; relationship?: string; child?: string } {
        const d = this.rt.schema.sobject(record.sobjectType);
        if (!d) throw new UnsupportedError(`SObject ${record.sobjectType}`);
        const lower = name.toLowerCase();
        const field = d.fields.get(lower);
        if (field) return { field };
        for (const fd of d.fields.values())
            if (fd.relationshipName?.toLowerCase() === lower) return { relationship: fd.relationshipName };
        for (const cr of d.childRelationships)
            if (cr.relationshipName?.toLowerCase() === lower) return { child: cr.relationshipName };
        throw new ApexSystemError('SObjectException', `Invalid field ${name} for ${d.name}`);
    }

    fieldLValue(record: SObjectValue, name: string) {
        const lower = name.toLowerCase();
        const info = this.describeField(record, name);
        const type = info.field
            ? fieldApexType(info.field)
            : info.relationship
              ? T.SObject
              : T.listOf(T.SObject);
        return {
            get: (): ApexValue => {
                if (record.fields.has(lower)) return record.fields.get(lower) ?? null;
                if (record.queried && !record.queried.has(lower)) {
                    const canonical = info.field?.name ?? info.relationship ?? info.child ?? name;
                    throw new ApexSystemError(
                        'SObjectException',
                        `SObject row was retrieved via SOQL without querying the requested field: ${record.sobjectType}.${canonical}`
                    );
                }
                return null;
            },
            set: (v: ApexValue): void => {
                record.fields.set(lower, this.convertForField(info.field, v, record.sobjectType));
            },
            type: (): TypeRef => type
        };
    }

    /** Field assignment converts as the platform does: a String into an Id field is validated, numbers widen. */
    convertForField(field: FieldDescribe | undefined, v: ApexValue, sobject: string): ApexValue {
        if (v === null || !field) return v;
        const t = fieldApexType(field);
        if (t.name === 'Id' && typeof v === 'string') return new ApexId(this.rt.toId(v));
        if (t.name === 'String' && v instanceof ApexId) return v.value;
        const coerced = this.rt.interp.coerce(v, t);
        void sobject;
        return coerced;
    }

    sobjectMethod(record: SObjectValue, m: string, args: ApexValue[], f: Frame): ApexValue {
        switch (m) {
            case 'get': {
                const name = args[0] instanceof ApexToken ? args[0].name.split('.').pop()! : String(args[0]);
                // AggregateResult columns are the query's aliases (expr0...), not fields of a schema.
                if (record.sobjectType === 'AggregateResult') {
                    if (!record.fields.has(name.toLowerCase()))
                        throw new ApexSystemError(
                            'SObjectException',
                            `Invalid field ${name} for AggregateResult`
                        );
                    return record.fields.get(name.toLowerCase()) ?? null;
                }
                if (name.includes('.')) {
                    const [rel, ...rest] = name.split('.');
                    const parent = this.fieldLValue(record, rel).get();
                    if (parent === null) return null;
                    return this.sobjectMethod(parent as SObjectValue, 'get', [rest.join('.')], f);
                }
                return this.fieldLValue(record, name).get();
            }
            case 'put': {
                const name = args[0] instanceof ApexToken ? args[0].name.split('.').pop()! : String(args[0]);
                const lv = this.fieldLValue(record, name);
                const old = record.fields.get(name.toLowerCase()) ?? null;
                lv.set(args[1]);
                return old;
            }
            case 'getsobject':
                return this.fieldLValue(
                    record,
                    args[0] instanceof ApexToken ? args[0].name.split('.').pop()! : String(args[0])
                ).get();
            case 'getsobjects':
                return this.fieldLValue(record, String(args[0])).get();
            case 'getsobjecttype':
                return new ApexToken('SObjectType', record.sobjectType);
            case 'clone': {
                return cloneSObject(record, args[0] === true, args[1] === true, args[2] === true);
            }
            case 'getpopulatedfieldsasmap': {
                const map = new ApexMap(T.String, T.Object);
                for (const [k, v] of record.fields) {
                    const key = this.rt.fieldName(record.sobjectType, k);
                    map.entries.set(`s:${key}`, { key, value: v });
                }
                return map;
            }
            case 'isset': {
                const name = args[0] instanceof ApexToken ? args[0].name.split('.').pop()! : String(args[0]);
                return record.fields.has(name.toLowerCase());
            }
            case 'adderror':
                if (this.triggers.addError(record, this.rt.interp.stringOf(args[0]))) return null;
                throw new UnsupportedError('SObject.addError outside a trigger');
            case 'equals':
                return this.rt.interp.equals(record, args[0]);
            case 'hashcode':
                return 0;
            case 'tostring':
                return this.rt.interp.stringOf(record);
        }
        throw new UnsupportedError(`SObject.${m}()`);
    }

    // ---------------------------------------------------------------- users

    runAs<R>(args: ApexValue[], fn: () => R): R {
        if (!this.rt.inTest)
            throw new ApexSystemError('TypeException', 'System.runAs is only allowed in test methods');
        const target = args[0];
        if (!(target instanceof SObjectValue)) throw new UnsupportedError('System.runAs with a Version');
        const id = target.fields.get('id');
        if (!(id instanceof ApexId))
            throw new ApexSystemError('DmlException', 'System.runAs requires a User with an Id');
        const previous = this.rt.user;
        this.rt.user = this.org.userFromStore(id.value);
        this.tx.enterRunAs();
        try {
            return fn();
        } finally {
            this.tx.exitRunAs();
            this.rt.user = previous;
        }
    }

    userInfo(m: string, args: ApexValue[]): ApexValue {
        const u = this.rt.user;
        const row = this.store.get('User', u.id);
        const field = (n: string): ApexValue => row?.get(n) ?? null;
        switch (m) {
            case 'getuserid':
                return new ApexId(u.id);
            case 'getusername':
                return u.username;
            case 'getname':
                return [field('firstname'), field('lastname')].filter((x) => x !== null).join(' ');
            case 'getfirstname':
                return field('firstname');
            case 'getlastname':
                return field('lastname');
            case 'getuseremail':
                return field('email');
            case 'getprofileid':
                return field('profileid');
            case 'getuserroleid':
                return field('userroleid');
            case 'gettimezone':
                return this.rt.system.construct('TimeZone', [], [u.timeZone], undefined as never);
            case 'getlocale':
                return u.locale;
            case 'getlanguage':
                return u.language;
            case 'getorganizationid':
                return new ApexId(this.org.organizationId);
            case 'getorganizationname':
                return 'Portal Test Org';
            case 'getusertype':
                return u.isGuest ? 'Guest' : u.isPortal ? 'PowerCustomerSuccess' : 'Standard';
            case 'isguestuser'.toLowerCase():
                return u.isGuest;
            case 'getdefaultcurrency':
                return 'JPY';
        }
        void args;
        throw new UnsupportedError(`UserInfo.${m}()`);
    }

    // ---------------------------------------------------------------- Test

    testStatic(m: string, args: ApexValue[], f: Frame): ApexValue {
        switch (m) {
            case 'isrunningtest':
                return this.rt.inTest;
            case 'starttest':
                if (this.testStarted) throw new ApexSystemError('FinalException', 'Testing already started');
                this.testStarted = true;
                this.rt.savedLimits = this.rt.limits;
                this.savedDml = { statements: this.tx.dmlStatements, rows: this.tx.dmlRows };
                this.tx.dmlStatements = 0;
                this.tx.dmlRows = 0;
                this.rt.limits = freshLimits();
                this.tx.commit();
                return null;
            case 'stoptest':
                if (!this.testStarted || this.testStopped)
                    throw new ApexSystemError('FinalException', 'Testing has not started');
                this.testStopped = true;
                this.tx.commit();
                this.async.runPending(f);
                if (this.rt.savedLimits) this.rt.limits = this.rt.savedLimits;
                if (this.savedDml) {
                    // After stopTest the limits of the test method before startTest apply again.
                    this.tx.dmlStatements = this.savedDml.statements;
                    this.tx.dmlRows = this.savedDml.rows;
                }
                return null;
            case 'getstandardpricebookid':
                return new ApexId(
                    this.store.standardPricebookId(this.rt.schema, this.rt.user.id, this.rt.now())
                );
            case 'setmock':
                this.callouts.setMock(args[0], args[1]);
                return null;
            case 'setcreateddate': {
                const id = args[0];
                const when = args[1];
                if (!(id instanceof ApexId) || !(when instanceof ApexDatetime))
                    throw new UnsupportedError('Test.setCreatedDate arguments');
                const type = this.rt.schema.sobjectByKeyPrefix(id.value.slice(0, 3));
                const row = type && this.store.get(type.name, id.value);
                if (!type || !row)
                    throw new ApexSystemError('IllegalArgumentException', 'The record does not exist');
                const copy = new Map(row);
                copy.set('createddate', when);
                this.store.put(type.name, id.value, copy);
                return null;
            }
            case 'createstub': {
                const [type, provider] = args;
                if (!(type instanceof ApexTypeValue) || !(provider instanceof ApexObject))
                    throw new ApexSystemError('NullPointerException', 'Argument cannot be null.');
                if (
                    !this.rt.interp.isSubclass(provider.className, 'System.StubProvider') &&
                    !this.rt.interp.isSubclass(provider.className, 'StubProvider')
                ) {
                    throw new ApexSystemError(
                        'TypeException',
                        'The stub provider must implement System.StubProvider'
                    );
                }
                const cls = this.rt.classByName(type.type.name);
                if (!cls) throw new UnsupportedError(`Test.createStub of ${type.type.name}`);
                const stub = new ApexObject(cls.name);
                stub.native = { stubProvider: provider };
                return stub;
            }
            case 'enqueuebatchjobs':
            case 'getflexqueueorder':
            case 'setcurrentpage':
            case 'setcurrentpagereference':
            case 'loaddata':
            case 'setreadonlyapplicationmode':
            case 'setfixedsearchresults':
            case 'testinstall':
                throw new UnsupportedError(`Test.${m}()`);
        }
        throw new UnsupportedError(`Test.${m}()`);
    }

    // ---------------------------------------------------------------- Database

    databaseStatic(m: string, a: ApexValue[], f: Frame): ApexValue {
        const levelOf = (v: ApexValue): Mode | undefined =>
            v instanceof ApexEnumValue && v.enumType === 'AccessLevel'
                ? v.name === 'USER_MODE'
                    ? 'user'
                    : 'system'
                : undefined;
        switch (m) {
            case 'query': {
                const mode = a.length > 1 ? levelOf(a[1]) : undefined;
                return this.dynamicQuery(String(a[0]), f, mode);
            }
            case 'querywithbinds':
                return this.dynamicQuery(String(a[0]), f, levelOf(a[2]), a[1] as ApexMap);
            case 'countquery': {
                const r = this.dynamicQuery(String(a[0]), f, a.length > 1 ? levelOf(a[1]) : undefined);
                if (typeof r !== 'number')
                    throw new ApexSystemError('QueryException', 'countQuery needs a COUNT() query');
                return r;
            }
            case 'countquerywithbinds': {
                const r = this.dynamicQuery(String(a[0]), f, levelOf(a[2]), a[1] as ApexMap);
                return r;
            }
            case 'insert':
            case 'update':
            case 'delete':
            case 'undelete':
            case 'upsert': {
                let rest = a.slice(1);
                let ext: string | undefined;
                if (m === 'upsert' && rest[0] instanceof ApexToken) {
                    ext = rest[0].name.split('.').pop();
                    rest = rest.slice(1);
                }
                let allOrNone = true;
                let mode: Mode = this.defaultMode(f);
                for (const x of rest) {
                    if (typeof x === 'boolean') allOrNone = x;
                    else if (levelOf(x)) mode = levelOf(x)!;
                    else if (x instanceof ApexObject && x.className === 'Database.DMLOptions')
                        allOrNone = (x.native as { optAllOrNone?: boolean }).optAllOrNone ?? true;
                    else if (x !== null)
                        throw new UnsupportedError(`Database.${m} argument ${x.constructor.name}`);
                }
                const results = this.dml(m as DmlOp, a[0], { allOrNone, mode, externalIdField: ext }, f);
                const kind =
                    m === 'insert' || m === 'update'
                        ? 'Database.SaveResult'
                        : m === 'upsert'
                          ? 'Database.UpsertResult'
                          : m === 'delete'
                            ? 'Database.DeleteResult'
                            : 'Database.UndeleteResult';
                const objs = results.map((r) => resultObject(kind, r));
                if (a[0] instanceof SObjectValue) return objs[0];
                return new ApexList({ name: kind }, objs);
            }
            case 'setsavepoint': {
                const sp = new ApexObject('Savepoint');
                sp.native = this.tx.setSavepoint();
                return sp;
            }
            case 'rollback': {
                const sp = a[0];
                if (!(sp instanceof ApexObject) || sp.className !== 'Savepoint') throw npe();
                this.tx.rollback(sp.native as Savepoint);
                return null;
            }
            case 'getquerylocator': {
                const records =
                    a[0] instanceof ApexList
                        ? a[0]
                        : this.dynamicQuery(String(a[0]), f, levelOf(a[1] ?? null));
                if (!(records instanceof ApexList))
                    throw new ApexSystemError('QueryException', 'getQueryLocator needs a query of records');
                const locator = new ApexObject('Database.QueryLocator');
                locator.native = records;
                return locator;
            }
            case 'executebatch':
                return this.async.executeBatch(a[0], a.length > 1 ? Number(a[1]) : 200, f);
            case 'emptyrecyclebin':
            case 'merge':
            case 'convertlead':
                throw new UnsupportedError(`Database.${m}()`);
        }
        throw new UnsupportedError(`Database.${m}()`);
    }

    // ---------------------------------------------------------------- other platform classes

    schemaStatic(m: string, a: ApexValue[]): ApexValue {
        return this.describe.schemaStatic(m, a);
    }

    tokenMethod(t: ApexToken, m: string, a: ApexValue[]): ApexValue {
        return this.describe.tokenMethod(t, m, a);
    }

    siteStatic(m: string, a: ApexValue[], f: Frame): ApexValue {
        return this.site.call(m, a, f);
    }

    securityStatic(m: string, a: ApexValue[]): ApexValue {
        if (m === 'stripinaccessible') {
            const type = a[0] as ApexEnumValue;
            const list = a[1] as ApexList;
            if (!list) throw npe();
            const r = this.security.stripInaccessible(
                this.rt.user,
                type.name as AccessType,
                list.items as SObjectValue[]
            );
            const decision = new ApexObject('SObjectAccessDecision');
            decision.native = { records: r.records, removed: r.removedFields, type: list.elementType };
            return decision;
        }
        throw new UnsupportedError(`Security.${m}()`);
    }

    sessionStatic(m: string, a: ApexValue[]): ApexValue {
        return this.site.session(m, a);
    }

    label(name: string): ApexValue {
        const l =
            this.rt.project.labels.get(name.toLowerCase()) ??
            [...this.rt.project.labels.values()].find((x) => x.name.toLowerCase() === name.toLowerCase());
        if (!l) throw new ApexSystemError('TypeException', `Field ${name} does not exist. Check spelling.`);
        const lang = this.rt.user.language;
        return l.translations.get(lang) ?? l.translations.get(lang.split('_')[0]) ?? l.value;
    }

    enqueueJob(args: ApexValue[], f: Frame): ApexValue {
        return this.async.enqueue(args[0], f);
    }

    attachFinalizer(fin: ApexValue): ApexValue {
        return this.async.attachFinalizer(fin);
    }

    schedule(args: ApexValue[], f: Frame): ApexValue {
        return this.async.schedule(args, f);
    }

    abortJob(id: ApexValue): ApexValue {
        return this.async.abort(id);
    }

    objectMethod(obj: ApexObject, m: string, a: ApexValue[], f: Frame): ApexValue | undefined {
        switch (obj.className) {
            case 'Database.SaveResult':
            case 'Database.UpsertResult':
            case 'Database.DeleteResult':
            case 'Database.UndeleteResult': {
                const r = obj.native as DmlRecordResult;
                if (m === 'issuccess') return r.success;
                if (m === 'getid') return r.id ? new ApexId(r.id) : null;
                if (m === 'iscreated') return r.created ?? false;
                if (m === 'geterrors')
                    return new ApexList(
                        { name: 'Database.Error' },
                        r.errors.map((e) => errorObject(e))
                    );
                break;
            }
            case 'Database.Error': {
                const e = obj.native as { statusCode: string; message: string; fields: string[] };
                if (m === 'getstatuscode') return statusCode(e.statusCode);
                if (m === 'getmessage') return e.message;
                if (m === 'getfields') return new ApexList(T.String, [...e.fields]);
                break;
            }
            case 'SObjectAccessDecision': {
                const d = obj.native as {
                    records: SObjectValue[];
                    removed: Map<string, Set<string>>;
                    type: TypeRef;
                };
                if (m === 'getrecords') return new ApexList(d.type, d.records);
                if (m === 'getremovedfields') {
                    const map = new ApexMap(T.String, T.setOf(T.String));
                    for (const [k, v] of d.removed) {
                        const set = new ApexSet(T.String);
                        for (const x of v) set.entries.set(`s:${x}`, x);
                        map.entries.set(`s:${k}`, { key: k, value: set });
                    }
                    return map;
                }
                break;
            }
        }
        const viaRest = this.rest.objectMethod(obj, m, a);
        if (viaRest !== undefined) return viaRest;
        const viaAsync = this.async.objectMethod(obj, m, a, f);
        if (viaAsync !== undefined) return viaAsync;
        const viaHttp = this.callouts.objectMethod(obj, m, a, f);
        if (viaHttp !== undefined) return viaHttp;
        return this.describe.objectMethod(obj, m, a);
    }

    objectProperty(obj: ApexObject, name: string) {
        return this.rest.objectProperty(obj, name);
    }

    exceptionDetailMethod(e: ApexObject, m: string, a: ApexValue[]): ApexValue {
        const s = exceptionState(e);
        const rows = (Array.isArray(s.detail) ? s.detail : []) as {
            statusCode: string;
            message: string;
            fields: string[];
            id?: string;
            index?: number;
        }[];
        const row = (): (typeof rows)[number] => {
            const i = Number(a[0]);
            if (!rows[i]) throw new ApexSystemError('ListException', `List index out of bounds: ${i}`);
            return rows[i];
        };
        switch (m) {
            case 'getnumdml':
                return rows.length;
            case 'getdmltype':
                return statusCode(row().statusCode);
            case 'getdmlstatuscode':
                return row().statusCode;
            case 'getdmlmessage':
                return row().message;
            case 'getdmlfieldnames':
                return new ApexList(T.String, [...row().fields]);
            case 'getdmlfields':
                return new ApexList(
                    { name: 'SObjectField' },
                    row().fields.map((x) => new ApexToken('SObjectField', x))
                );
            case 'getdmlid':
                return row().id ? new ApexId(row().id!) : null;
            case 'getdmlindex':
                return row().index ?? Number(a[0]);
            case 'getdisplaymessages':
                return this.site.displayMessages(e);
            case 'getinaccessiblefields': {
                const detail = s.detail as { inaccessibleFields?: Map<string, Set<string>> } | undefined;
                const map = new ApexMap(T.String, T.setOf(T.String));
                for (const [k, v] of detail?.inaccessibleFields ?? []) {
                    const set = new ApexSet(T.String);
                    for (const x of v) set.entries.set(`s:${x}`, x);
                    map.entries.set(`s:${k}`, { key: k, value: set });
                }
                return map;
            }
        }
        throw new UnsupportedError(`${e.className}.${m}()`);
    }

    construct(name: string, args: ApexValue[], f: Frame): ApexValue | undefined {
        const http = this.callouts.construct(name, args) ?? this.rest.construct(name, args);
        if (http !== undefined) return http;
        if (name === 'Database.DMLOptions') {
            const o = new ApexObject('Database.DMLOptions');
            o.native = {};
            return o;
        }
        void f;
        return undefined;
    }
}

/**
 * Internal org-wide defaults: an object's `<sharingModel>` when its metadata states one, else Public Read/Write,
 * the default internal access of a new org (Setup › Sharing Settings) for standard and custom objects. Read per
 * object when first needed (describing every object up front is slow). External users (portal, guest) are
 * governed by the sharing model itself (data/sharing.ts).
 */
class OrgWideDefaults extends Map<string, 'Private' | 'Read' | 'ReadWrite'> {
    constructor(private readonly rt: Runtime) {
        super();
    }

    override get(key: string): 'Private' | 'Read' | 'ReadWrite' | undefined {
        const m = this.rt.schema.sobject(key)?.sharingModel?.toLowerCase();
        if (m === 'private') return 'Private';
        if (m === 'read') return 'Read';
        if (m?.startsWith('readwrite') || m === 'fullaccess') return 'ReadWrite';
        return undefined;
    }
}

/** `INV-{0000}` with 7 → `INV-0007`; `{YYYY}`, `{YY}`, `{MM}`, `{DD}` are today's date (GMT). */
function formatAutoNumber(format: string, n: number, now: number): string {
    const d = new Date(now);
    return format.replace(/\{(0+|YYYY|YY|MM|DD)\}/g, (_m, token: string) => {
        if (token === 'YYYY') return String(d.getUTCFullYear());
        if (token === 'YY') return String(d.getUTCFullYear()).slice(2);
        if (token === 'MM') return String(d.getUTCMonth() + 1).padStart(2, '0');
        if (token === 'DD') return String(d.getUTCDate()).padStart(2, '0');
        return String(n).padStart(token.length, '0');
    });
}

const UNRESOLVED_NAME =
    /^(Didn't understand relationship|No such column|sObject type '[^']*' is not supported)/;

/** Auto-number fields of standard objects (lower-cased object → field). */
export const AUTO_NUMBER_FIELDS = new Map([
    ['orderitem', 'orderitemnumber'],
    ['order', 'ordernumber'],
    ['case', 'casenumber'],
    ['contract', 'contractnumber'],
    ['solution', 'solutionnumber']
]);

function statusCode(code: string): ApexEnumValue {
    try {
        return enumValue('StatusCode', code);
    } catch {
        return new ApexEnumValue('StatusCode', code, -1);
    }
}

function resultObject(kind: string, r: DmlRecordResult): ApexObject {
    const o = new ApexObject(kind);
    o.native = r;
    return o;
}

function errorObject(e: { statusCode: string; message: string; fields: string[] }): ApexObject {
    const o = new ApexObject('Database.Error');
    o.native = e;
    return o;
}

/** The Apex type of a field's values. */
export function fieldApexType(f: FieldDescribe): TypeRef {
    switch (f.type) {
        case 'id':
        case 'reference':
            return T.Id;
        case 'boolean':
            return T.Boolean;
        case 'int':
            return T.Integer;
        case 'long':
            return T.Long;
        case 'double':
            // Number fields are Decimal in Apex, whatever their scale.
            return T.Decimal;
        case 'currency':
        case 'percent':
            return T.Decimal;
        case 'date':
            return T.Date;
        case 'datetime':
            return T.Datetime;
        case 'time':
            return T.Time;
        case 'base64':
            return T.Blob;
        case 'address':
        case 'location':
        case 'anytype':
        case 'json':
            return T.Object;
        default:
            return T.String;
    }
}

export { ApexTypeValue };
