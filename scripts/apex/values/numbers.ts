/**
 * Apex numeric semantics: Integer (int32), Long (int64), Double (IEEE 754) and Decimal (values/decimal.ts).
 *
 * Sources:
 * - Rules of Conversion (apexcode langCon_apex_rules_of_conversion.htm, read): numbers form the hierarchy
 *   Integer < Long < Double < Decimal; a lower type is converted to the higher one. Binary arithmetic and
 *   comparison here therefore run in the higher operand type (Double op Decimal → Decimal).
 * - Same page (JA 212 copy): `Integer i = 2147483647 + 1` gives -2147483648 — Integer and Long wrap silently.
 * - Integer Class (apex_methods_system_integer.htm, read): Integer.valueOf(String) is read "as in Java" and an
 *   invalid string throws TypeException. The messages `Invalid integer: x`, `Invalid long: x`,
 *   `Invalid double: x` are community knowledge (unverified).
 * - Division by zero of Integer/Long/Decimal → MathException `Divide by 0` (community knowledge, APEX-PLATFORM.md).
 * Apex has no `%` operator (Math.mod is the remainder); the interpreter never calls arith with it.
 */
import { ApexDouble, ApexSystemError, Decimal, UnsupportedError, type ApexValue } from './model';
import * as D from './decimal';

export type NumericKind = 'Integer' | 'Long' | 'Double' | 'Decimal';

const RANK: Record<NumericKind, number> = { Integer: 0, Long: 1, Double: 2, Decimal: 3 };
const KINDS: NumericKind[] = ['Integer', 'Long', 'Double', 'Decimal'];

export const INTEGER_MIN = -2147483648;
export const INTEGER_MAX = 2147483647;
export const LONG_MIN = -(2n ** 63n);
export const LONG_MAX = 2n ** 63n - 1n;

export function numericKind(v: ApexValue): NumericKind | null {
    if (typeof v === 'number') return 'Integer';
    if (typeof v === 'bigint') return 'Long';
    if (v instanceof ApexDouble) return 'Double';
    if (v instanceof Decimal) return 'Decimal';
    return null;
}

export function isNumber(v: ApexValue): boolean {
    return numericKind(v) !== null;
}

function kindOf(v: ApexValue, what: string): NumericKind {
    const k = numericKind(v);
    if (!k) throw new Error(`${what}: not a number`);
    return k;
}

/** The type a binary operation on a and b runs in (the higher in the hierarchy). */
export function promotedKind(a: ApexValue, b: ApexValue): NumericKind {
    return KINDS[Math.max(RANK[kindOf(a, 'promote')], RANK[kindOf(b, 'promote')])];
}

// ---------------------------------------------------------------------------------------------------------
// Widening conversions (assignment to a higher type, and operands of mixed arithmetic)

export function toLong(v: ApexValue): bigint {
    if (typeof v === 'bigint') return v;
    if (typeof v === 'number') return BigInt(v);
    throw invalidConversion(v, 'Long');
}

/** The IEEE value of a number as a Double holds it (wrap in ApexDouble to store it). */
export function toDouble(v: ApexValue): number {
    if (v instanceof ApexDouble) return v.value;
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    // Decimal → Double is allowed where Apex converts implicitly (a Decimal literal assigned to a Double).
    if (v instanceof Decimal) return D.doubleValue(v);
    throw invalidConversion(v, 'Double');
}

/** Integer/Long → scale 0; Double → through its String form (documented Decimal scale rule). */
export function toDecimal(v: ApexValue): Decimal {
    if (v instanceof Decimal) return v;
    if (typeof v === 'number' || typeof v === 'bigint') return D.decimalFromInteger(v);
    if (v instanceof ApexDouble) return D.decimalFromDouble(v.value);
    throw invalidConversion(v, 'Decimal');
}

export function toInteger(v: ApexValue): number {
    if (typeof v === 'number') return v;
    throw invalidConversion(v, 'Integer');
}

function invalidConversion(v: ApexValue, target: NumericKind): Error {
    const kind = numericKind(v);
    if (!kind) return new Error(`toNumber: ${String(v)} is not a number`);
    // Message layout of a failed cast (community knowledge): "Invalid conversion from runtime type Long to Integer".
    return new ApexSystemError('TypeException', `Invalid conversion from runtime type ${kind} to ${target}`);
}

/**
 * The value stored in a variable, field or parameter of a numeric type: widening only (Integer → Long →
 * Double → Decimal, and Decimal → Double). Narrowing (Long → Integer, Decimal → Integer) needs intValue()
 * and the like in Apex; a cast from Object that would narrow throws TypeException.
 */
export function coerceNumber(v: ApexValue, target: NumericKind): ApexValue {
    if (v === null) return null;
    switch (target) {
        case 'Integer':
            return toInteger(v);
        case 'Long':
            return toLong(v);
        case 'Double':
            return v instanceof ApexDouble ? v : new ApexDouble(toDouble(v));
        case 'Decimal':
            return toDecimal(v);
    }
}

/** A Decimal literal (`1.50` has scale 2). Apex has no exponent literals. */
export function parseDecimalLiteral(text: string): Decimal {
    const d = /^\d*\.?\d*$/.test(text) ? D.parseDecimal(text) : null;
    if (!d) throw new UnsupportedError(`numeric literal ${text}`);
    return d;
}

// ---------------------------------------------------------------------------------------------------------
// Arithmetic

export type ArithOp = '+' | '-' | '*' | '/';

function divideByZero(): never {
    throw new ApexSystemError('MathException', 'Divide by 0');
}

function integerArith(op: ArithOp, a: number, b: number): number {
    switch (op) {
        case '+':
            return (a + b) | 0;
        case '-':
            return (a - b) | 0;
        case '*':
            return Math.imul(a, b);
        case '/':
            if (b === 0) divideByZero();
            // Truncates toward zero; MIN / -1 wraps to MIN as in Java.
            return Number(BigInt.asIntN(32, BigInt(a) / BigInt(b)));
    }
}

function longArith(op: ArithOp, a: bigint, b: bigint): bigint {
    switch (op) {
        case '+':
            return BigInt.asIntN(64, a + b);
        case '-':
            return BigInt.asIntN(64, a - b);
        case '*':
            return BigInt.asIntN(64, a * b);
        case '/':
            if (b === 0n) divideByZero();
            return BigInt.asIntN(64, a / b);
    }
}

function doubleArith(op: ArithOp, a: number, b: number): ApexDouble {
    switch (op) {
        case '+':
            return new ApexDouble(a + b);
        case '-':
            return new ApexDouble(a - b);
        case '*':
            return new ApexDouble(a * b);
        case '/':
            // Java would give Infinity/NaN; what Apex does for a Double divided by zero is not documented.
            if (b === 0) throw new UnsupportedError('Double division by zero');
            return new ApexDouble(a / b);
    }
}

function decimalArith(op: ArithOp, a: Decimal, b: Decimal): Decimal {
    switch (op) {
        case '+':
            return D.add(a, b);
        case '-':
            return D.subtract(a, b);
        case '*':
            return D.multiply(a, b);
        case '/':
            return D.divide(a, b);
    }
}

/** `a op b` for two numbers (null operands are the interpreter's NullPointerException, checked before). */
export function arith(op: ArithOp, a: ApexValue, b: ApexValue): ApexValue {
    switch (promotedKind(a, b)) {
        case 'Integer':
            return integerArith(op, a as number, b as number);
        case 'Long':
            return longArith(op, toLong(a), toLong(b));
        case 'Double':
            return doubleArith(op, toDouble(a), toDouble(b));
        case 'Decimal':
            return decimalArith(op, toDecimal(a), toDecimal(b));
    }
}

/** Unary minus. */
export function negateNumber(v: ApexValue): ApexValue {
    switch (kindOf(v, 'negate')) {
        case 'Integer':
            return -(v as number) | 0;
        case 'Long':
            return BigInt.asIntN(64, -(v as bigint));
        case 'Double':
            return new ApexDouble(-(v as ApexDouble).value);
        case 'Decimal':
            return D.negate(v as Decimal);
    }
}

export type ShiftOp = '<<' | '>>' | '>>>';

/** Shifts: the result has the left operand's type; the distance is masked (& 31 / & 63) as in Java. */
export function shift(op: ShiftOp, a: ApexValue, b: ApexValue): ApexValue {
    const distanceKind = kindOf(b, 'shift');
    if (distanceKind !== 'Integer' && distanceKind !== 'Long')
        throw new Error('shift distance must be integral');
    const distance = Number(BigInt.asUintN(6, toLong(b)));
    const kind = kindOf(a, 'shift');
    if (kind === 'Integer') {
        const x = a as number;
        const s = distance & 31;
        return op === '<<' ? x << s : op === '>>' ? x >> s : (x >>> s) | 0;
    }
    if (kind === 'Long') {
        const x = a as bigint;
        const s = BigInt(distance);
        if (op === '<<') return BigInt.asIntN(64, x << s);
        if (op === '>>') return x >> s;
        return BigInt.asIntN(64, BigInt.asUintN(64, x) >> s);
    }
    throw new Error(`shift of a ${kind}`);
}

export type BitOp = '&' | '|' | '^';

/** Bitwise operators on Integer/Long (Boolean operands are the interpreter's). */
export function bitwise(op: BitOp, a: ApexValue, b: ApexValue): ApexValue {
    const kind = promotedKind(a, b);
    if (kind === 'Integer') {
        const x = a as number;
        const y = b as number;
        return op === '&' ? x & y : op === '|' ? x | y : x ^ y;
    }
    if (kind === 'Long') {
        const x = toLong(a);
        const y = toLong(b);
        return BigInt.asIntN(64, op === '&' ? x & y : op === '|' ? x | y : x ^ y);
    }
    throw new Error(`bitwise ${op} on ${kind}`);
}

/** Bitwise complement `~x`. */
export function complement(v: ApexValue): ApexValue {
    if (typeof v === 'number') return ~v;
    if (typeof v === 'bigint') return BigInt.asIntN(64, ~v);
    throw new Error('~ on a non-integral value');
}

// ---------------------------------------------------------------------------------------------------------
// Comparison

/** Sign of a - b, compared in the promoted type. */
export function compareNumbers(a: ApexValue, b: ApexValue): number {
    switch (promotedKind(a, b)) {
        case 'Integer': {
            const x = a as number;
            const y = b as number;
            return x < y ? -1 : x > y ? 1 : 0;
        }
        case 'Long': {
            const x = toLong(a);
            const y = toLong(b);
            return x < y ? -1 : x > y ? 1 : 0;
        }
        case 'Double': {
            const x = toDouble(a);
            const y = toDouble(b);
            if (Number.isNaN(x) || Number.isNaN(y))
                throw new UnsupportedError('comparison with a NaN Double');
            return x < y ? -1 : x > y ? 1 : 0;
        }
        case 'Decimal':
            return D.compare(exactDecimal(a), exactDecimal(b));
    }
}

/** For comparison only: a Double's Decimal value without the printing concerns of toDecimal (1.0E10 is fine). */
function exactDecimal(v: ApexValue): Decimal {
    if (!(v instanceof ApexDouble)) return toDecimal(v);
    const d = Number.isFinite(v.value) ? D.parseDecimal(D.javaDoubleToString(v.value)) : null;
    if (!d) throw new UnsupportedError(`comparison with the Double ${v.value}`);
    return d;
}

/** Apex `==` between two numbers: numeric (1.1 == 1.10, 5 == 5.0, 1 == 1L). */
export function numericEquals(a: ApexValue, b: ApexValue): boolean {
    return compareNumbers(a, b) === 0;
}

// ---------------------------------------------------------------------------------------------------------
// Strings

/** String.valueOf for a number: Java's toString of the underlying type. */
export function numberToString(v: ApexValue): string {
    switch (kindOf(v, 'numberToString')) {
        case 'Integer':
            return String(v as number);
        case 'Long':
            return (v as bigint).toString();
        case 'Double':
            return D.javaDoubleToString((v as ApexDouble).value);
        case 'Decimal':
            return D.decimalToString(v as Decimal);
    }
}

const INTEGRAL = /^[+-]?\d+$/;

/** Integer.valueOf(String): Java Integer.parseInt (optional sign, digits, no spaces, int32 range). */
export function parseInteger(text: string): number {
    if (INTEGRAL.test(text)) {
        const n = BigInt(text);
        if (n >= BigInt(INTEGER_MIN) && n <= BigInt(INTEGER_MAX)) return Number(n);
    }
    throw new ApexSystemError('TypeException', `Invalid integer: ${text}`);
}

/** Long.valueOf(String): Java Long.parseLong. */
export function parseLong(text: string): bigint {
    if (INTEGRAL.test(text)) {
        const n = BigInt(text);
        if (n >= LONG_MIN && n <= LONG_MAX) return n;
    }
    throw new ApexSystemError('TypeException', `Invalid long: ${text}`);
}

const JAVA_DOUBLE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?$/;

/**
 * Double.valueOf(String) "as in Java" (Double.parseDouble): surrounding whitespace is ignored, an exponent and
 * a trailing f/d are accepted. NaN, Infinity and hexadecimal forms are Unsupported.
 */
export function parseDouble(text: string): ApexDouble {
    // eslint-disable-next-line no-control-regex
    const trimmed = text.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
    if (JAVA_DOUBLE.test(trimmed)) return new ApexDouble(Number(trimmed.replace(/[fFdD]$/, '')));
    if (/^[+-]?(NaN|Infinity|0[xX])/.test(trimmed)) throw new UnsupportedError(`Double.valueOf('${text}')`);
    throw new ApexSystemError('TypeException', `Invalid double: ${text}`);
}

/** `format()` of Integer, Long, Double, Decimal in the user's locale (Java NumberFormat, en_US and ja_JP). */
export function formatNumber(v: ApexValue, locale: string): string {
    switch (kindOf(v, 'format')) {
        case 'Integer':
        case 'Long':
            return D.formatDecimal(D.decimalFromInteger(v as number | bigint), locale);
        case 'Double': {
            const x = (v as ApexDouble).value;
            if (!Number.isFinite(x)) throw new UnsupportedError(`Double.format() of ${x}`);
            const d = D.parseDecimal(D.javaDoubleToString(x)) as Decimal;
            // NumberFormat rounds a double by its exact binary value; refuse the ties where that can differ.
            if (d.scale > 3 && isHalfAt(d, 3))
                throw new UnsupportedError('Double.format() of a value ending in a half');
            return D.formatDecimal(d, locale);
        }
        case 'Decimal':
            return D.formatDecimal(v as Decimal, locale);
    }
}

function isHalfAt(d: Decimal, places: number): boolean {
    const drop = D.pow10(d.scale - places);
    const r = d.unscaled % drop;
    return 2n * (r < 0n ? -r : r) === drop;
}
