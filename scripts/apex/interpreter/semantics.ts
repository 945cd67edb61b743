/**
 * Value semantics the whole runtime shares: runtime types, Apex `==`, Set/Map keys, String.valueOf.
 * Numbers, dates and strings delegate to the values/ library; this file only decides which rule applies.
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
    ApexTime,
    ApexToken,
    ApexTypeValue,
    Decimal,
    SObjectValue,
    T,
    typeToString,
    type ApexValue,
    type TypeRef
} from '../values/model';

export const PRIMITIVES = new Map(
    [
        'Integer',
        'Long',
        'Double',
        'Decimal',
        'String',
        'Boolean',
        'Id',
        'Date',
        'Datetime',
        'Time',
        'Blob',
        'Object',
        'SObject'
    ].map((n) => [n.toLowerCase(), n])
);

export function isNumber(v: ApexValue): v is number | bigint | ApexDouble | Decimal {
    return typeof v === 'number' || typeof v === 'bigint' || v instanceof ApexDouble || v instanceof Decimal;
}

/** The runtime type of a value (`Object` for null). */
export function runtimeType(v: ApexValue): TypeRef {
    if (v === null || v === undefined) return T.Object;
    switch (typeof v) {
        case 'boolean':
            return T.Boolean;
        case 'number':
            return T.Integer;
        case 'bigint':
            return T.Long;
        case 'string':
            return T.String;
    }
    if (v instanceof ApexDouble) return T.Double;
    if (v instanceof Decimal) return T.Decimal;
    if (v instanceof ApexId) return T.Id;
    if (v instanceof ApexDate) return T.Date;
    if (v instanceof ApexDatetime) return T.Datetime;
    if (v instanceof ApexTime) return T.Time;
    if (v instanceof ApexBlob) return T.Blob;
    if (v instanceof ApexList) return T.listOf(v.elementType);
    if (v instanceof ApexSet) return T.setOf(v.elementType);
    if (v instanceof ApexMap) return T.mapOf(v.keyType, v.valueType);
    if (v instanceof SObjectValue) return { name: v.sobjectType };
    if (v instanceof ApexObject) return { name: v.className };
    if (v instanceof ApexEnumValue) return { name: v.enumType };
    if (v instanceof ApexTypeValue) return { name: 'System.Type' };
    if (v instanceof ApexToken) return { name: `Schema.${v.kind}` };
    return T.Object;
}

/** How Apex names a runtime type in messages: `List<ANY>` for a list of Object, as the platform prints it. */
export function typeNameForMessage(t: TypeRef): string {
    if (t.name === 'Object') return 'ANY';
    if (t.args?.length) return `${t.name}<${t.args.map(typeNameForMessage).join(',')}>`;
    return t.name;
}

export { typeToString };

const identities = new WeakMap<object, number>();
let nextIdentity = 1;
export function identityOf(o: object): number {
    let id = identities.get(o);
    if (id === undefined) {
        id = nextIdentity++;
        identities.set(o, id);
    }
    return id;
}
