/**
 * System.Math (Apex Reference, apex_methods_system_math.htm). Overloads are chosen by the runtime type of the
 * arguments: Integer/Long versions where Apex has them, otherwise a Decimal argument picks the Decimal version
 * and any other number the Double one (Integer < Long < Double < Decimal).
 * Documented: round(Decimal) and roundToLong(Decimal) round half-even; round(Double) is the closest Integer and
 * errors outside the Integer range; Math.PI and Math.E are Double constants; pow takes Doubles.
 * The Decimal versions of sqrt, cbrt, exp, log, log10 and the trigonometric functions compute to a precision
 * Apex does not document: Unsupported.
 */
import { ApexDouble, ApexSystemError, Decimal, UnsupportedError, type ApexValue } from '../values/model';
import * as D from '../values/decimal';
import * as N from '../values/numbers';
import { methods, type NativeStatic, type NativeType } from './native';
import { arity, javaRoundDouble, numberArg } from './numbers';

function one(args: ApexValue[], what: string): ApexValue {
    arity(args, [1], what);
    return numberArg(args[0], what);
}

function two(args: ApexValue[], what: string): [ApexValue, ApexValue] {
    arity(args, [2], what);
    return [numberArg(args[0], what), numberArg(args[1], what)];
}

/** A Double-only function applied to a Double (or an Integer/Long widened to one). */
function doubleFn(fn: (x: number) => number, what: string): NativeStatic {
    return (_ctx, args) => {
        const x = one(args, what);
        if (x instanceof Decimal)
            throw new UnsupportedError(`${what}(Decimal) (result precision undocumented)`);
        return new ApexDouble(fn(N.toDouble(x)));
    };
}

/** A function with Decimal and Double versions where the Decimal one is an exact rounding. */
function roundingFn(mode: D.RoundingMode, fn: (x: number) => number, what: string): NativeStatic {
    return (_ctx, args) => {
        const x = one(args, what);
        if (x instanceof Decimal) return D.setScale(x, 0, mode);
        return new ApexDouble(fn(N.toDouble(x)));
    };
}

/** Java Math.rint: nearest integer, ties to even. */
function rint(x: number): number {
    if (!Number.isFinite(x)) return x;
    const f = Math.floor(x);
    const diff = x - f;
    if (diff > 0.5) return f + 1;
    if (diff < 0.5) return f;
    return f % 2 === 0 ? f : f + 1;
}

function minMax(pickFirst: (c: number) => boolean, what: string): NativeStatic {
    return (_ctx, args) => {
        const [a, b] = two(args, what);
        const kind = N.promotedKind(a, b);
        const result = pickFirst(N.compareNumbers(a, b)) ? a : b;
        return N.coerceNumber(result, kind);
    };
}

function toIntegerResult(v: bigint, what: string): number {
    if (v < BigInt(N.INTEGER_MIN) || v > BigInt(N.INTEGER_MAX)) {
        // "If the result is less than -2,147,483,648 or greater than 2,147,483,647, Apex generates an error."
        throw new UnsupportedError(`${what} outside the Integer range (error type undocumented)`);
    }
    return Number(v);
}

export const MATH_TYPE: NativeType = {
    name: 'Math',
    statics: methods<NativeStatic>({
        abs: (_ctx, args) => {
            const x = one(args, 'Math.abs');
            if (typeof x === 'number') return Math.abs(x) | 0; // abs(MIN_VALUE) stays MIN_VALUE, as in Java
            if (typeof x === 'bigint') return BigInt.asIntN(64, x < 0n ? -x : x);
            if (x instanceof ApexDouble) return new ApexDouble(Math.abs(x.value));
            return D.absDecimal(x as Decimal);
        },
        max: minMax((c) => c >= 0, 'Math.max'),
        min: minMax((c) => c <= 0, 'Math.min'),
        mod: (_ctx, args) => {
            const [a, b] = two(args, 'Math.mod');
            const kind = N.promotedKind(a, b);
            if (kind === 'Integer') {
                if (b === 0) throw new ApexSystemError('MathException', 'Divide by 0');
                return ((a as number) % (b as number)) | 0;
            }
            if (kind === 'Long') {
                const y = N.toLong(b);
                if (y === 0n) throw new ApexSystemError('MathException', 'Divide by 0');
                return N.toLong(a) % y;
            }
            throw new UnsupportedError(`Math.mod on ${kind} values`);
        },
        pow: (_ctx, args) => {
            const [a, b] = two(args, 'Math.pow');
            return new ApexDouble(Math.pow(N.toDouble(a), N.toDouble(b)));
        },
        random: (_ctx, args) => {
            arity(args, [0], 'Math.random');
            return new ApexDouble(Math.random());
        },
        ceil: roundingFn('CEILING', Math.ceil, 'Math.ceil'),
        floor: roundingFn('FLOOR', Math.floor, 'Math.floor'),
        rint: roundingFn('HALF_EVEN', rint, 'Math.rint'),
        round: (_ctx, args) => {
            const x = one(args, 'Math.round');
            if (x instanceof Decimal) return toIntegerResult(D.roundToBigInt(x, 'HALF_EVEN'), 'Math.round');
            return toIntegerResult(javaRoundDouble(N.toDouble(x)), 'Math.round');
        },
        roundToLong: (_ctx, args) => {
            const x = one(args, 'Math.roundToLong');
            if (x instanceof Decimal) return BigInt.asIntN(64, D.roundToBigInt(x, 'HALF_EVEN'));
            return javaRoundDouble(N.toDouble(x));
        },
        signum: (_ctx, args) => {
            const x = one(args, 'Math.signum');
            if (x instanceof Decimal)
                throw new UnsupportedError('Math.signum(Decimal) (result scale undocumented)');
            return new ApexDouble(Math.sign(N.toDouble(x)));
        },
        sqrt: doubleFn(Math.sqrt, 'Math.sqrt'),
        cbrt: doubleFn(Math.cbrt, 'Math.cbrt'),
        exp: doubleFn(Math.exp, 'Math.exp'),
        log: doubleFn(Math.log, 'Math.log'),
        log10: doubleFn(Math.log10, 'Math.log10'),
        sin: doubleFn(Math.sin, 'Math.sin'),
        cos: doubleFn(Math.cos, 'Math.cos'),
        tan: doubleFn(Math.tan, 'Math.tan'),
        asin: doubleFn(Math.asin, 'Math.asin'),
        acos: doubleFn(Math.acos, 'Math.acos'),
        atan: doubleFn(Math.atan, 'Math.atan'),
        sinh: doubleFn(Math.sinh, 'Math.sinh'),
        cosh: doubleFn(Math.cosh, 'Math.cosh'),
        tanh: doubleFn(Math.tanh, 'Math.tanh'),
        atan2: (_ctx, args) => {
            const [y, x] = two(args, 'Math.atan2');
            if (y instanceof Decimal || x instanceof Decimal)
                throw new UnsupportedError('Math.atan2(Decimal)');
            return new ApexDouble(Math.atan2(N.toDouble(y), N.toDouble(x)));
        }
    }),
    staticFields: new Map<string, ApexValue>([
        ['pi', new ApexDouble(Math.PI)],
        ['e', new ApexDouble(Math.E)]
    ])
};

export const MATH_TYPES = new Map<string, NativeType>([['math', MATH_TYPE]]);
