/**
 * Operators on primitive values: arithmetic with Apex's numeric promotion, comparison, equality, string
 * conversion. Number and date rules live in values/ (numbers.ts, decimal.ts, datetime.ts); this file picks the
 * rule from the operand types and handles strings, nulls and Ids.
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
    UnsupportedError,
    typeToString,
    type ApexValue
} from '../values/model';
import * as num from '../values/numbers';
import * as dt from '../values/datetime';
import { normalizeId } from '../values/ids';
import { isNumber } from './semantics';

export function npe(): ApexSystemError {
    return new ApexSystemError('NullPointerException', 'Attempt to de-reference a null object');
}

/** `a + b` in Apex: string concatenation when either side is a String, date/time shifts, numeric addition. */
export function add(
    a: ApexValue,
    b: ApexValue,
    stringOf: (v: ApexValue) => string,
    timeZone: string
): ApexValue {
    if (typeof a === 'string' || typeof b === 'string' || a instanceof ApexId || b instanceof ApexId) {
        return stringOf(a) + stringOf(b);
    }
    if (a === null || b === null) throw npe();
    if (a instanceof ApexDate || a instanceof ApexDatetime || a instanceof ApexTime)
        return dt.addNumber(a, b, 1, timeZone);
    if (isNumber(a) && isNumber(b)) return num.arith('+', a, b);
    throw new UnsupportedError(`operator + on ${describe(a)} and ${describe(b)}`);
}

export function arith(op: '-' | '*' | '/', a: ApexValue, b: ApexValue, timeZone: string): ApexValue {
    if (a === null || b === null) throw npe();
    if (op === '-' && (a instanceof ApexDate || a instanceof ApexDatetime || a instanceof ApexTime)) {
        return dt.addNumber(a, b, -1, timeZone);
    }
    if (isNumber(a) && isNumber(b)) return num.arith(op, a, b);
    throw new UnsupportedError(`operator ${op} on ${describe(a)} and ${describe(b)}`);
}

export function negate(a: ApexValue): ApexValue {
    if (a === null) throw npe();
    if (isNumber(a)) return num.negateNumber(a);
    throw new UnsupportedError(`unary - on ${describe(a)}`);
}

/**
 * `<`, `>`, `<=`, `>=`. Strings compare case-insensitively; a null operand makes the comparison false, except that
 * a non-null String or Id is greater than null (Apex Developer Guide, "Expression Operators").
 */
export function relational(op: '<' | '>' | '<=' | '>=', a: ApexValue, b: ApexValue): boolean {
    let c: number;
    if (isText(a) || isText(b)) {
        if (a === null && b === null) return false;
        if (a === null) c = -1;
        else if (b === null) c = 1;
        else {
            const x = String(a).toUpperCase();
            const y = String(b).toUpperCase();
            c = x < y ? -1 : x > y ? 1 : 0;
        }
    } else {
        if (a === null || b === null) return false;
        if (isNumber(a) && isNumber(b)) c = num.compareNumbers(a, b);
        else if (a instanceof ApexDate && b instanceof ApexDate) c = dt.compareDates(a, b);
        else if (a instanceof ApexDatetime && b instanceof ApexDatetime) c = a.epochMs - b.epochMs;
        else if (a instanceof ApexTime && b instanceof ApexTime) c = dt.compareTimes(a, b);
        else throw new UnsupportedError(`comparison of ${describe(a)} and ${describe(b)}`);
    }
    switch (op) {
        case '<':
            return c < 0;
        case '>':
            return c > 0;
        case '<=':
            return c <= 0;
        case '>=':
            return c >= 0;
    }
}

function isText(v: ApexValue): boolean {
    return typeof v === 'string' || v instanceof ApexId;
}

export function describe(v: ApexValue): string {
    if (v === null) return 'null';
    if (typeof v !== 'object') return typeof v;
    if (v instanceof ApexObject) return v.className;
    if (v instanceof SObjectValue) return v.sobjectType;
    if (v instanceof ApexList) return `List<${typeToString(v.elementType)}>`;
    if (v instanceof ApexSet) return `Set<${typeToString(v.elementType)}>`;
    if (v instanceof ApexMap) return `Map<${typeToString(v.keyType)},${typeToString(v.valueType)}>`;
    return v.constructor.name;
}

/**
 * Primitive `==` (Apex Developer Guide, "Expression Operators"): strings case-insensitive, Ids in either form,
 * numbers by value across types, dates and times by value. Collections, SObjects and objects are handled by the
 * interpreter (they may call Apex `equals`).
 */
export function primitiveEquals(a: ApexValue, b: ApexValue): boolean | undefined {
    if (a === null || b === null) return a === b;
    if (isText(a) && isText(b)) {
        if (a instanceof ApexId || b instanceof ApexId) return idText(a) === idText(b);
        return (a as string).toLowerCase() === (b as string).toLowerCase();
    }
    if (typeof a === 'boolean' || typeof b === 'boolean') return a === b;
    if (isNumber(a) && isNumber(b)) return num.compareNumbers(a, b) === 0;
    if (a instanceof ApexDate && b instanceof ApexDate) return dt.compareDates(a, b) === 0;
    if (a instanceof ApexDatetime && b instanceof ApexDatetime) return a.epochMs === b.epochMs;
    if (a instanceof ApexTime && b instanceof ApexTime) return dt.compareTimes(a, b) === 0;
    if (a instanceof ApexBlob && b instanceof ApexBlob)
        return Buffer.from(a.bytes).equals(Buffer.from(b.bytes));
    if (a instanceof ApexEnumValue && b instanceof ApexEnumValue)
        return a.enumType === b.enumType && a.name === b.name;
    if (a instanceof ApexTypeValue && b instanceof ApexTypeValue)
        return typeToString(a.type).toLowerCase() === typeToString(b.type).toLowerCase();
    if (a instanceof ApexToken && b instanceof ApexToken)
        return a.kind === b.kind && a.name.toLowerCase() === b.name.toLowerCase();
    return undefined;
}

/** An Id compared with a String: the String is taken as an Id (15 or 18 characters, same record). */
function idText(v: ApexValue): string {
    if (v instanceof ApexId) return v.value;
    const s = v as string;
    if (s.length === 15 || s.length === 18) return normalizeId(s) ?? s;
    return s;
}

/** String.valueOf for primitives (null → 'null'). Undefined for values the interpreter renders itself. */
export function primitiveString(v: ApexValue, timeZone: string): string | undefined {
    if (v === null) return 'null';
    switch (typeof v) {
        case 'string':
            return v;
        case 'boolean':
            return v ? 'true' : 'false';
        case 'number':
        case 'bigint':
            return num.numberToString(v);
    }
    if (v instanceof ApexDouble || v instanceof Decimal) return num.numberToString(v);
    if (v instanceof ApexId) return v.value;
    if (v instanceof ApexDate) return dt.dateToString(v);
    if (v instanceof ApexDatetime) return dt.datetimeToString(v, timeZone);
    if (v instanceof ApexTime) return dt.timeToString(v);
    if (v instanceof ApexEnumValue) return v.name;
    if (v instanceof ApexBlob) return `Blob[${v.bytes.length}]`;
    if (v instanceof ApexTypeValue) return typeToString(v.type);
    if (v instanceof ApexToken) return v.name.includes('.') ? v.name.split('.').pop()! : v.name;
    return undefined;
}
