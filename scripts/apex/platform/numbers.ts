/**
 * Integer, Long, Double and Decimal methods (Apex Reference: Integer, Long, Double and Decimal classes,
 * apex_methods_system_{integer,long,double,decimal}.htm). Semantics live in values/numbers.ts and
 * values/decimal.ts; this file resolves overloads by argument count and runtime type.
 */
import { ApexDouble, ApexEnumValue, Decimal, UnsupportedError, type ApexValue } from '../values/model';
import * as D from '../values/decimal';
import * as N from '../values/numbers';
import { methods, type NativeContext, type NativeMethod, type NativeStatic, type NativeType } from './native';

// ---------------------------------------------------------------------------------------------------------
// Argument helpers shared by the number, math and date tables

/** A null argument's outcome in these methods is undocumented, so it is named in the Unsupported message. */
function describeArg(v: ApexValue): string {
    return v === null ? 'null' : (N.numericKind(v) ?? typeof v);
}

export function arity(args: ApexValue[], counts: number[], what: string): number {
    if (!counts.includes(args.length)) throw new UnsupportedError(`${what} with ${args.length} argument(s)`);
    return args.length;
}

/** An Integer parameter (a null argument's outcome is not documented). */
export function intArg(v: ApexValue, what: string): number {
    if (typeof v === 'number') return v;
    throw new UnsupportedError(`${what} with a ${describeArg(v)} argument`);
}

export function stringArg(v: ApexValue, what: string): string {
    if (typeof v === 'string') return v;
    throw new UnsupportedError(`${what} with a non-String argument`);
}

/** A number parameter of any numeric type. */
export function numberArg(v: ApexValue, what: string): ApexValue {
    if (N.isNumber(v)) return v;
    throw new UnsupportedError(`${what} with a ${describeArg(v)} argument`);
}

export function roundingModeArg(v: ApexValue, what: string): D.RoundingMode {
    if (v instanceof ApexEnumValue && /(^|\.)RoundingMode$/i.test(v.enumType)) {
        const mode = D.ROUNDING_MODES.find((m) => m === v.name.toUpperCase());
        if (mode) return mode;
    }
    throw new UnsupportedError(`${what} with a rounding mode that is not a System.RoundingMode`);
}

function selfOf<T>(v: ApexValue, check: (v: ApexValue) => v is T & ApexValue, type: string): T {
    if (!check(v)) throw new UnsupportedError(`${type} method on a non-${type} value`);
    return v;
}

const isInteger = (v: ApexValue): v is number => typeof v === 'number';
const isLong = (v: ApexValue): v is bigint => typeof v === 'bigint';
const isDouble = (v: ApexValue): v is ApexDouble => v instanceof ApexDouble;
const isDecimal = (v: ApexValue): v is Decimal => v instanceof Decimal;

function noArgs(args: ApexValue[], what: string): void {
    arity(args, [0], what);
}

// ---------------------------------------------------------------------------------------------------------
// Java narrowing of doubles

/** (int) / (long) casts of a double: truncation toward zero, saturating, NaN → 0 (Java Language Spec 5.1.3). */
function doubleToIntegral(x: number, bits: 32 | 64): bigint {
    if (Number.isNaN(x)) return 0n;
    const max = bits === 32 ? BigInt(N.INTEGER_MAX) : N.LONG_MAX;
    const min = bits === 32 ? BigInt(N.INTEGER_MIN) : N.LONG_MIN;
    if (x >= Number(max)) return max;
    if (x <= Number(min)) return min;
    return BigInt(Math.trunc(x));
}

/** Java Math.round(double): floor(x + 0.5) as a long, saturating; the documented examples 4.5 → 5, -4.7 → -5. */
export function javaRoundDouble(x: number): bigint {
    if (Number.isNaN(x)) return 0n;
    // floor(x + 0.5) computed without the rounding error of x + 0.5 on large odd values.
    const f = Math.floor(x);
    const r = x - f >= 0.5 ? f + 1 : f;
    return doubleToIntegral(r, 64);
}

/** `format()` of a number in the user's locale. */
function formatOf(ctx: NativeContext, v: ApexValue, args: ApexValue[], what: string): string {
    noArgs(args, what);
    return N.formatNumber(v, ctx.locale);
}

// ---------------------------------------------------------------------------------------------------------
// Integer

function integerValueOf(args: ApexValue[]): ApexValue {
    arity(args, [1], 'Integer.valueOf');
    const v = args[0];
    if (typeof v === 'string') return N.parseInteger(v);
    if (typeof v === 'number') return v;
    throw new UnsupportedError(`Integer.valueOf(${describeArg(v)})`);
}

export const INTEGER_TYPE: NativeType = {
    name: 'Integer',
    instance: methods<NativeMethod>({
        format: (ctx, s, args) => formatOf(ctx, selfOf(s, isInteger, 'Integer'), args, 'Integer.format')
    }),
    statics: methods<NativeStatic>({
        valueOf: (_ctx: NativeContext, args: ApexValue[]) => integerValueOf(args)
    })
};

// ---------------------------------------------------------------------------------------------------------
// Long

export const LONG_TYPE: NativeType = {
    name: 'Long',
    instance: methods<NativeMethod>({
        format: (ctx, s, args) => formatOf(ctx, selfOf(s, isLong, 'Long'), args, 'Long.format'),
        intValue: (_ctx, s, args) => {
            noArgs(args, 'Long.intValue');
            return Number(BigInt.asIntN(32, selfOf(s, isLong, 'Long')));
        }
    }),
    statics: methods<NativeStatic>({
        valueOf: (_ctx: NativeContext, args: ApexValue[]) => {
            arity(args, [1], 'Long.valueOf');
            const v = args[0];
            if (typeof v === 'string') return N.parseLong(v);
            if (typeof v === 'number' || typeof v === 'bigint') return N.toLong(v);
            throw new UnsupportedError(`Long.valueOf(${describeArg(v)})`);
        }
    })
};

// ---------------------------------------------------------------------------------------------------------
// Double

export const DOUBLE_TYPE: NativeType = {
    name: 'Double',
    instance: methods<NativeMethod>({
        format: (ctx, s, args) => formatOf(ctx, selfOf(s, isDouble, 'Double'), args, 'Double.format'),
        intValue: (_ctx, s, args) => {
            noArgs(args, 'Double.intValue');
            return Number(doubleToIntegral(selfOf(s, isDouble, 'Double').value, 32));
        },
        longValue: (_ctx, s, args) => {
            noArgs(args, 'Double.longValue');
            return doubleToIntegral(selfOf(s, isDouble, 'Double').value, 64);
        },
        round: (_ctx, s, args) => {
            noArgs(args, 'Double.round');
            return javaRoundDouble(selfOf(s, isDouble, 'Double').value);
        }
    }),
    statics: methods<NativeStatic>({
        valueOf: (_ctx: NativeContext, args: ApexValue[]) => {
            arity(args, [1], 'Double.valueOf');
            const v = args[0];
            if (typeof v === 'string') return N.parseDouble(v);
            if (N.isNumber(v)) return new ApexDouble(N.toDouble(v));
            throw new UnsupportedError(`Double.valueOf(${describeArg(v)})`);
        }
    })
};

// ---------------------------------------------------------------------------------------------------------
// Decimal

const dec = (s: ApexValue): Decimal => selfOf(s, isDecimal, 'Decimal');

export const DECIMAL_TYPE: NativeType = {
    name: 'Decimal',
    instance: methods<NativeMethod>({
        abs: (_ctx, s, args) => {
            noArgs(args, 'Decimal.abs');
            return D.absDecimal(dec(s));
        },
        divide: (_ctx, s, args) => {
            const n = arity(args, [2, 3], 'Decimal.divide');
            const divisor = N.toDecimal(numberArg(args[0], 'Decimal.divide'));
            const scale = intArg(args[1], 'Decimal.divide');
            const mode = n === 3 ? roundingModeArg(args[2], 'Decimal.divide') : undefined;
            return D.divideToScale(dec(s), divisor, scale, mode);
        },
        doubleValue: (_ctx, s, args) => {
            noArgs(args, 'Decimal.doubleValue');
            return new ApexDouble(D.doubleValue(dec(s)));
        },
        format: (ctx, s, args) => formatOf(ctx, dec(s), args, 'Decimal.format'),
        intValue: (_ctx, s, args) => {
            noArgs(args, 'Decimal.intValue');
            return D.intValue(dec(s));
        },
        longValue: (_ctx, s, args) => {
            noArgs(args, 'Decimal.longValue');
            return D.longValue(dec(s));
        },
        pow: (_ctx, s, args) => {
            arity(args, [1], 'Decimal.pow');
            return D.pow(dec(s), intArg(args[0], 'Decimal.pow'));
        },
        precision: (_ctx, s, args) => {
            noArgs(args, 'Decimal.precision');
            return D.precision(dec(s));
        },
        round: (_ctx, s, args) => {
            const n = arity(args, [0, 1], 'Decimal.round');
            return D.roundToBigInt(dec(s), n === 1 ? roundingModeArg(args[0], 'Decimal.round') : 'HALF_EVEN');
        },
        scale: (_ctx, s, args) => {
            noArgs(args, 'Decimal.scale');
            return dec(s).scale;
        },
        setScale: (_ctx, s, args) => {
            const n = arity(args, [1, 2], 'Decimal.setScale');
            const scale = intArg(args[0], 'Decimal.setScale');
            return D.apexSetScale(
                dec(s),
                scale,
                n === 2 ? roundingModeArg(args[1], 'Decimal.setScale') : 'HALF_EVEN'
            );
        },
        stripTrailingZeros: (_ctx, s, args) => {
            noArgs(args, 'Decimal.stripTrailingZeros');
            return D.stripTrailingZeros(dec(s));
        },
        toPlainString: (_ctx, s, args) => {
            noArgs(args, 'Decimal.toPlainString');
            return D.toPlainString(dec(s));
        }
    }),
    statics: methods<NativeStatic>({
        valueOf: (_ctx: NativeContext, args: ApexValue[]) => {
            arity(args, [1], 'Decimal.valueOf');
            const v = args[0];
            if (typeof v === 'string') return D.decimalValueOf(v);
            // valueOf(Long) takes Integers too; valueOf(Double) converts through the Double's String form.
            if (typeof v === 'number' || typeof v === 'bigint' || v instanceof ApexDouble)
                return N.toDecimal(v);
            throw new UnsupportedError(`Decimal.valueOf(${describeArg(v)})`);
        }
    })
};

export const NUMBER_TYPES = new Map<string, NativeType>([
    ['integer', INTEGER_TYPE],
    ['long', LONG_TYPE],
    ['double', DOUBLE_TYPE],
    ['decimal', DECIMAL_TYPE]
]);
