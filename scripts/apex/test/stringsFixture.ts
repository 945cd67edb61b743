/**
 * A small NativeContext for the String / JSON / crypto tests: a fake ClassReflection over declared classes,
 * an Account/Contact schema, and simple keyOf / stringOf rules (the interpreter provides the real ones).
 */
import {
    ApexDate,
    ApexEnumValue,
    ApexId,
    ApexObject,
    Decimal,
    T,
    type ApexValue,
    type TypeRef
} from '../values/model';
import type { ClassFieldInfo, ClassReflection, NativeContext, NativeType } from '../platform/native';

export interface FakeClass {
    fields: Partial<ClassFieldInfo>[];
}

function field(f: Partial<ClassFieldInfo>): ClassFieldInfo {
    return {
        name: f.name!,
        type: f.type ?? T.String,
        isStatic: false,
        isTransient: false,
        auraEnabled: false,
        ...f
    };
}

const SCHEMA: Record<string, Record<string, { name: string; type: TypeRef }>> = {
    account: {
        id: { name: 'Id', type: T.Id },
        name: { name: 'Name', type: T.String },
        annualrevenue: { name: 'AnnualRevenue', type: T.Decimal },
        numberofemployees: { name: 'NumberOfEmployees', type: T.Integer },
        contacts: { name: 'Contacts', type: T.listOf({ name: 'Contact' }) }
    },
    contact: {
        id: { name: 'Id', type: T.Id },
        lastname: { name: 'LastName', type: T.String },
        accountid: { name: 'AccountId', type: T.Id },
        account: { name: 'Account', type: { name: 'Account' } },
        birthdate: { name: 'Birthdate', type: T.Date }
    }
};

function plainDecimal(d: Decimal): string {
    const neg = d.unscaled < 0n;
    const digits = (neg ? -d.unscaled : d.unscaled).toString().padStart(d.scale + 1, '0');
    const body = d.scale > 0 ? `${digits.slice(0, -d.scale)}.${digits.slice(-d.scale)}` : digits;
    return (neg ? '-' : '') + body;
}

export function fakeContext(
    classes: Record<string, FakeClass> = {},
    enums: Record<string, string[]> = {}
): NativeContext {
    const lower = new Map(Object.keys(classes).map((k) => [k.toLowerCase(), k]));
    const enumValues = (name: string): ApexValue[] =>
        (enums[name] ?? []).map((v, k) => new ApexEnumValue(name, v, k));
    const reflection: ClassReflection = {
        resolveClass: (name) => lower.get(name.toLowerCase()),
        fields: (name) => classes[name].fields.map(field),
        newInstance: (name) => new ApexObject(name),
        getField: (target, name) => (target as ApexObject).fields.get(name.toLowerCase()) ?? null,
        setField: (target, name, value) => {
            (target as ApexObject).fields.set(name.toLowerCase(), value);
        },
        isEnum: (name) => name in enums,
        enumValues,
        isSObjectType: (name) => name.toLowerCase() in SCHEMA
    };
    const stringOf = (v: ApexValue): string => {
        if (v === null) return 'null';
        if (v instanceof Decimal) return plainDecimal(v);
        if (v instanceof ApexDate)
            return `${v.year}-${String(v.month).padStart(2, '0')}-${String(v.day).padStart(2, '0')}`;
        return String(v);
    };
    return {
        timeZone: 'Asia/Tokyo',
        locale: 'ja_JP',
        language: 'ja',
        keyOf: (v) => (v instanceof ApexId ? `id:${v.value}` : `${typeof v}:${stringOf(v)}`),
        equals: (a, b) => a === b,
        stringOf,
        typeOf: () => T.Object,
        classes: reflection,
        now: () => Date.UTC(2026, 1, 1),
        sobjectByKeyPrefix: (p) => ({ '001': 'Account', '003': 'Contact' })[p],
        fieldName: (type, lower) => SCHEMA[type.toLowerCase()]?.[lower]?.name ?? lower,
        sobjectField: (type, name) => SCHEMA[type.toLowerCase()]?.[name.toLowerCase()]
    };
}

/** Calls an instance method of a native type. */
export function call(
    type: NativeType,
    ctx: NativeContext,
    self: ApexValue,
    name: string,
    ...args: ApexValue[]
): ApexValue {
    const f = type.instance?.get(name.toLowerCase());
    if (!f) throw new Error(`no ${type.name}.${name}`);
    return f(ctx, self, args);
}

export function callStatic(
    type: NativeType,
    ctx: NativeContext,
    name: string,
    ...args: ApexValue[]
): ApexValue {
    const f = type.statics?.get(name.toLowerCase());
    if (!f) throw new Error(`no static ${type.name}.${name}`);
    return f(ctx, args);
}
