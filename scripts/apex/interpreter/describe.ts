/**
 * Schema describe: SObjectType / SObjectField tokens, DescribeSObjectResult / DescribeFieldResult, picklist
 * entries and Schema.getGlobalDescribe(), answered from the schema (and the running user's permissions for
 * isAccessible / isCreateable / isUpdateable).
 */
import {
    ApexEnumValue,
    ApexList,
    ApexMap,
    ApexObject,
    ApexSystemError,
    ApexToken,
    SObjectValue,
    T,
    UnsupportedError,
    type ApexValue
} from '../values/model';
import type { FieldDescribe, SObjectDescribe } from '../schema/types';
import type { Runtime } from './runtime';
import { enumValue } from './system';
import { AUTO_NUMBER_FIELDS } from './data';

export class Describe {
    constructor(private readonly rt: Runtime) {}

    private sobject(name: string): SObjectDescribe {
        const d = this.rt.schema.sobject(name);
        if (!d) throw new ApexSystemError('TypeException', `Invalid SObject type: ${name}`);
        return d;
    }

    private field(token: ApexToken): { d: SObjectDescribe; f: FieldDescribe } {
        const [obj, field] = token.name.split('.');
        const d = this.sobject(obj);
        const f = d.fields.get(field.toLowerCase());
        if (!f) throw new ApexSystemError('TypeException', `Invalid field ${field} for ${obj}`);
        return { d, f };
    }

    schemaStatic(m: string, a: ApexValue[]): ApexValue {
        if (m === 'getglobaldescribe') {
            const map = new ApexMap(T.String, { name: 'SObjectType' }, new Map(), true);
            for (const d of this.rt.schema.sobjects()) {
                const key = d.name.toLowerCase();
                map.entries.set(`s:${key}`, { key, value: new ApexToken('SObjectType', d.name) });
            }
            return map;
        }
        if (m === 'describesobjects') {
            const names = a[0] instanceof ApexList ? a[0].items : [];
            return new ApexList(
                { name: 'DescribeSObjectResult' },
                names.map((n) => new ApexToken('DescribeSObjectResult', this.sobject(String(n)).name))
            );
        }
        throw new UnsupportedError(`Schema.${m}()`);
    }

    tokenMethod(t: ApexToken, m: string, a: ApexValue[]): ApexValue {
        const user = this.rt.user;
        const sec = this.rt.data.security;
        switch (t.kind) {
            case 'SObjectType':
                if (m === 'getdescribe') return new ApexToken('DescribeSObjectResult', t.name);
                if (m === 'newsobject') {
                    const r = new SObjectValue(t.name);
                    if (a[0] !== undefined && a[0] !== null)
                        r.fields.set('id', this.rt.interp.coerce(a[0], T.Id));
                    return r;
                }
                if (m === 'tostring') return t.name;
                if (m === 'equals')
                    return (
                        a[0] instanceof ApexToken &&
                        a[0].kind === t.kind &&
                        a[0].name.toLowerCase() === t.name.toLowerCase()
                    );
                if (m === 'hashcode') return t.name.length;
                break;
            case 'SObjectField':
                if (m === 'getdescribe') return new ApexToken('DescribeFieldResult', t.name);
                if (m === 'tostring') return t.name.split('.')[1];
                break;
            case 'DescribeSObjectResult': {
                const d = this.sobject(t.name);
                switch (m) {
                    case 'getname':
                    case 'getlocalname':
                        return d.name;
                    case 'getlabel':
                        return d.label;
                    case 'getlabelplural':
                        return d.labelPlural;
                    case 'getkeyprefix':
                        return d.keyPrefix;
                    case 'iscustom':
                        return d.custom;
                    case 'iscustomsetting':
                        return false;
                    case 'isaccessible':
                    case 'isqueryable':
                        return sec.canReadObject(user, d.name);
                    case 'iscreateable':
                        return sec.canCreate(user, d.name);
                    case 'isupdateable':
                        return sec.canEdit(user, d.name);
                    case 'isdeletable':
                        return sec.canDelete(user, d.name);
                    case 'getsobjecttype':
                        return new ApexToken('SObjectType', d.name);
                    case 'fields':
                        return new ApexToken('DescribeSObjectResult', `${d.name}#fields`);
                }
                break;
            }
            case 'DescribeFieldResult': {
                const { d, f } = this.field(t);
                switch (m) {
                    case 'getname':
                    case 'getlocalname':
                        return f.name;
                    case 'getlabel':
                        return f.label;
                    case 'gettype':
                        return enumValue('DisplayType', displayType(f));
                    case 'getlength':
                        return f.length ?? 0;
                    case 'getprecision':
                        return f.precision ?? 0;
                    case 'getscale':
                        return f.scale ?? 0;
                    case 'isaccessible':
                        return sec.canReadField(user, d.name, f.name);
                    case 'iscreateable':
                        return sec.canCreateField(user, d.name, f.name);
                    case 'isupdateable':
                        return sec.canEditField(user, d.name, f.name);
                    case 'isnillable':
                        return f.nillable;
                    case 'iscustom':
                        return f.custom;
                    case 'isexternalid':
                        return f.externalId;
                    case 'isunique':
                        return f.unique;
                    case 'iscalculated':
                        return f.calculated;
                    case 'isautonumber':
                        return (
                            f.autoNumber === true ||
                            AUTO_NUMBER_FIELDS.get(d.name.toLowerCase()) === f.name.toLowerCase()
                        );
                    case 'isdefaultedoncreate':
                        return f.defaultedOnCreate;
                    case 'isrestrictedpicklist':
                        return f.restrictedPicklist;
                    case 'getrelationshipname':
                        return f.relationshipName ?? null;
                    case 'getreferenceto':
                        return new ApexList(
                            { name: 'SObjectType' },
                            f.referenceTo.map((x) => new ApexToken('SObjectType', x))
                        );
                    case 'getsobjectfield':
                        return new ApexToken('SObjectField', `${d.name}.${f.name}`);
                    case 'getpicklistvalues':
                        return new ApexList(
                            { name: 'PicklistEntry' },
                            (f.picklistValues ?? []).map((p) => {
                                const o = new ApexObject('PicklistEntry');
                                o.native = p;
                                return o;
                            })
                        );
                }
                break;
            }
        }
        throw new UnsupportedError(`${t.kind}.${m}()`);
    }

    /** `describe.fields.Name`, `describe.fields.getMap()`, `Schema.SObjectType.Account.fields.Name` */
    tokenProperty(t: ApexToken, name: string): ApexValue {
        const lower = name.toLowerCase();
        if (t.kind === 'DescribeSObjectResult' && !t.name.includes('#')) {
            if (lower === 'fields') return new ApexToken('DescribeSObjectResult', `${t.name}#fields`);
            if (lower === 'fieldsets') throw new UnsupportedError('fieldSets');
        }
        if (t.kind === 'DescribeSObjectResult' && t.name.endsWith('#fields')) {
            const d = this.sobject(t.name.split('#')[0]);
            const f = d.fields.get(lower);
            if (f) return new ApexToken('DescribeFieldResult', `${d.name}.${f.name}`);
        }
        throw new UnsupportedError(`${t.kind}.${name}`);
    }

    fieldsMethod(t: ApexToken, m: string): ApexValue {
        const d = this.sobject(t.name.split('#')[0]);
        if (m === 'getmap') {
            const map = new ApexMap(T.String, { name: 'SObjectField' }, new Map(), true);
            for (const f of d.fields.values()) {
                const key = f.name.toLowerCase();
                map.entries.set(`s:${key}`, {
                    key,
                    value: new ApexToken('SObjectField', `${d.name}.${f.name}`)
                });
            }
            return map;
        }
        throw new UnsupportedError(`fields.${m}()`);
    }

    objectMethod(obj: ApexObject, m: string, a: ApexValue[]): ApexValue | undefined {
        void a;
        if (obj.className === 'PicklistEntry') {
            const p = obj.native as { value: string; label: string; active: boolean; defaultValue: boolean };
            if (m === 'getvalue') return p.value;
            if (m === 'getlabel') return p.label;
            if (m === 'isactive') return p.active;
            if (m === 'isdefaultvalue') return p.defaultValue;
        }
        if (obj.className === 'PageReference') {
            const p = obj.native as { url: string };
            if (m === 'geturl') return p.url;
        }
        return undefined;
    }
}

function displayType(f: FieldDescribe): string {
    switch (f.type) {
        case 'int':
            return 'INTEGER';
        case 'string':
            return 'STRING';
        default:
            return f.type.toUpperCase();
    }
}

export { ApexEnumValue };
