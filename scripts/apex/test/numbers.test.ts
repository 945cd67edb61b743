/**
 * Integer/Long/Double/Decimal operators, promotion, parsing, printing, and the Integer/Long/Double/Math tables.
 */
import { ApexDouble, Decimal, UnsupportedError, type ApexValue } from '../values/model';
import * as N from '../values/numbers';
import * as D from '../values/decimal';
import { DOUBLE_TYPE, INTEGER_TYPE, LONG_TYPE } from '../platform/numbers';
import { MATH_TYPE } from '../platform/math';
import type { NativeContext } from '../platform/native';
import { thrownSystemError } from './valueHelpers';

const ctx = { locale: 'en_US', timeZone: 'Asia/Tokyo', language: 'en' } as NativeContext;
const dbl = (x: number): ApexDouble => new ApexDouble(x);
const dec = (s: string): Decimal => D.decimalValueOf(s);
const math = (name: string, ...args: ApexValue[]): ApexValue =>
    MATH_TYPE.statics!.get(name.toLowerCase())!(ctx, args);

describe('Integer and Long', () => {
    it('Integer arithmetic wraps: 2147483647 + 1 == -2147483648 (Rules of Conversion)', () => {
        expect(N.arith('+', 2147483647, 1)).toBe(-2147483648);
        expect(N.arith('-', -2147483648, 1)).toBe(2147483647);
        // Long MillsPerYear = 365 * 24 * 60 * 60 * 1000 overflows in Integer before widening.
        expect(N.arith('*', N.arith('*', N.arith('*', N.arith('*', 365, 24), 60), 60), 1000)).toBe(
            1471228928
        );
        expect(N.arith('*', 65536, 65536)).toBe(0);
    });

    it('Integer division truncates toward zero', () => {
        expect(N.arith('/', 7, 2)).toBe(3);
        expect(N.arith('/', -7, 2)).toBe(-3);
        expect(N.arith('/', -2147483648, -1)).toBe(-2147483648);
    });

    it('division by zero is MathException "Divide by 0" for Integer and Long', () => {
        for (const e of [
            thrownSystemError(() => N.arith('/', 1, 0)),
            thrownSystemError(() => N.arith('/', 1n, 0n))
        ]) {
            expect(e.exceptionType).toBe('MathException');
            expect(e.message).toBe('Divide by 0');
        }
    });

    it('Long arithmetic wraps at 64 bits; Integer op Long is Long', () => {
        expect(N.arith('+', N.LONG_MAX, 1n)).toBe(N.LONG_MIN);
        expect(N.arith('*', 2147483647, 2n)).toBe(4294967294n);
        expect(N.arith('/', -7n, 2)).toBe(-3n);
    });

    it('unary minus wraps', () => {
        expect(N.negateNumber(-2147483648)).toBe(-2147483648);
        expect(N.negateNumber(N.LONG_MIN)).toBe(N.LONG_MIN);
        expect(D.decimalToString(N.negateNumber(dec('1.50')) as Decimal)).toBe('-1.50');
    });

    it('shifts and bitwise operators follow Java', () => {
        expect(N.shift('<<', 1, 31)).toBe(-2147483648);
        expect(N.shift('<<', 1, 32)).toBe(1);
        expect(N.shift('>>', -8, 1)).toBe(-4);
        expect(N.shift('>>>', -8, 28)).toBe(15);
        expect(N.shift('>>>', -1n, 60)).toBe(15n);
        expect(N.shift('<<', 1n, 63)).toBe(N.LONG_MIN);
        expect(N.bitwise('&', 12, 10)).toBe(8);
        expect(N.bitwise('|', 12, 10n)).toBe(14n);
        expect(N.bitwise('^', 12, 10)).toBe(6);
        expect(N.complement(0)).toBe(-1);
    });
});

describe('promotion: Integer < Long < Double < Decimal', () => {
    it('picks the higher type', () => {
        expect(N.promotedKind(1, 1n)).toBe('Long');
        expect(N.promotedKind(1n, dbl(1))).toBe('Double');
        expect(N.promotedKind(dbl(1), dec('1'))).toBe('Decimal');
        expect(N.arith('+', 1, dbl(0.5))).toEqual(dbl(1.5));
        expect(D.decimalToString(N.arith('+', dbl(0.5), dec('1.25')) as Decimal)).toBe('1.75');
        expect(D.decimalToString(N.arith('*', 3, dec('1.10')) as Decimal)).toBe('3.30');
    });

    it('compares across types numerically', () => {
        expect(N.numericEquals(5, dec('5.00'))).toBe(true);
        expect(N.numericEquals(1, 1n)).toBe(true);
        expect(N.numericEquals(dbl(0.1), dec('0.1'))).toBe(true);
        expect(N.compareNumbers(2, dbl(2.5))).toBe(-1);
        expect(N.compareNumbers(3n, 2)).toBe(1);
    });

    it('coerces on assignment by widening; narrowing is a TypeException', () => {
        expect(N.coerceNumber(5, 'Long')).toBe(5n);
        expect(N.coerceNumber(5, 'Double')).toEqual(dbl(5));
        const d = N.coerceNumber(5, 'Decimal') as Decimal;
        expect([d.unscaled, d.scale]).toEqual([5n, 0]);
        expect(N.coerceNumber(dec('1.5'), 'Double')).toEqual(dbl(1.5));
        const e = thrownSystemError(() => N.coerceNumber(5n, 'Integer'));
        expect(e.exceptionType).toBe('TypeException');
        expect(e.message).toBe('Invalid conversion from runtime type Long to Integer');
        expect(N.coerceNumber(null, 'Decimal')).toBeNull();
    });

    it('Double division by zero is Unsupported', () => {
        expect(() => N.arith('/', dbl(1), 0)).toThrow(UnsupportedError);
    });

    it('Decimal literals keep their scale', () => {
        const d = N.parseDecimalLiteral('1.50');
        expect([d.unscaled, d.scale]).toEqual([150n, 2]);
    });
});

describe('strings', () => {
    it('String.valueOf of each type', () => {
        expect(N.numberToString(-42)).toBe('-42');
        expect(N.numberToString(2147483648n)).toBe('2147483648');
        expect(N.numberToString(dbl(1))).toBe('1.0');
        expect(N.numberToString(dbl(1e10))).toBe('1.0E10');
        expect(N.numberToString(dbl(3.14159))).toBe('3.14159');
        expect(N.numberToString(dec('0.10'))).toBe('0.10');
    });

    it('Integer.valueOf reads Java integers, TypeException otherwise', () => {
        const valueOf = INTEGER_TYPE.statics!.get('valueof')!;
        expect(valueOf(ctx, ['123'])).toBe(123);
        expect(valueOf(ctx, ['-7'])).toBe(-7);
        for (const bad of ['x', '1.5', ' 1', '2147483648', '']) {
            const e = thrownSystemError(() => valueOf(ctx, [bad]));
            expect(e.exceptionType).toBe('TypeException');
            expect(e.message).toBe(`Invalid integer: ${bad}`);
        }
    });

    it('Long.valueOf and Double.valueOf', () => {
        expect(LONG_TYPE.statics!.get('valueof')!(ctx, ['9223372036854775807'])).toBe(N.LONG_MAX);
        expect(
            thrownSystemError(() => LONG_TYPE.statics!.get('valueof')!(ctx, ['9223372036854775808'])).message
        ).toBe('Invalid long: 9223372036854775808');
        const dv = DOUBLE_TYPE.statics!.get('valueof')!;
        expect(dv(ctx, ['3.14159'])).toEqual(dbl(3.14159));
        expect(dv(ctx, [' 1e3 '])).toEqual(dbl(1000));
        expect(dv(ctx, ['2d'])).toEqual(dbl(2));
        expect(thrownSystemError(() => dv(ctx, ['abc'])).message).toBe('Invalid double: abc');
        expect(() => dv(ctx, ['NaN'])).toThrow(UnsupportedError);
    });

    it('format() in the user locale (documented: 1261992.0 → 1,261,992; 22 → 22)', () => {
        expect(INTEGER_TYPE.instance!.get('format')!(ctx, 22, [])).toBe('22');
        expect(INTEGER_TYPE.instance!.get('format')!(ctx, -1234567, [])).toBe('-1,234,567');
        expect(LONG_TYPE.instance!.get('format')!(ctx, 1234567890123n, [])).toBe('1,234,567,890,123');
        expect(DOUBLE_TYPE.instance!.get('format')!(ctx, dbl(1261992), [])).toBe('1,261,992');
        expect(DOUBLE_TYPE.instance!.get('format')!(ctx, dbl(1234.56789), [])).toBe('1,234.568');
        expect(() => DOUBLE_TYPE.instance!.get('format')!({ ...ctx, locale: 'fr_FR' }, dbl(1), [])).toThrow(
            UnsupportedError
        );
    });
});

describe('Double and Long methods', () => {
    const d = (name: string, x: number): ApexValue =>
        DOUBLE_TYPE.instance!.get(name.toLowerCase())!(ctx, dbl(x), []);
    it('round() is the closest Long: 4.5 → 5, 4.2 → 4, -4.7 → -5', () => {
        expect(d('round', 4.5)).toBe(5n);
        expect(d('round', 4.2)).toBe(4n);
        expect(d('round', -4.7)).toBe(-5n);
        expect(d('round', -4.5)).toBe(-4n);
    });

    it('intValue casts (3.14159 → 3), saturating like Java; longValue', () => {
        expect(d('intValue', 3.14159)).toBe(3);
        expect(d('intValue', -3.9)).toBe(-3);
        expect(d('intValue', 3e9)).toBe(2147483647);
        expect(d('longValue', 421994)).toBe(421994n);
        expect(LONG_TYPE.instance!.get('intvalue')!(ctx, 4294967297n, [])).toBe(1);
    });
});

describe('Math', () => {
    it('round(Decimal) is half-even; round(Double) is the closest Integer', () => {
        expect(math('round', dec('4.5'))).toBe(4);
        expect(math('round', dec('5.5'))).toBe(6);
        expect(math('round', dbl(4.5))).toBe(5);
        expect(math('roundToLong', dec('-2.5'))).toBe(-2n);
        expect(math('roundToLong', dbl(2.5))).toBe(3n);
        expect(() => math('round', dbl(3e9))).toThrow(UnsupportedError);
    });

    it('mod keeps the dividend sign; mod by zero is Divide by 0', () => {
        expect(math('mod', 7, 3)).toBe(1);
        expect(math('mod', -7, 3)).toBe(-1);
        expect(math('mod', 10n, 3)).toBe(1n);
        expect(thrownSystemError(() => math('mod', 1, 0)).message).toBe('Divide by 0');
    });

    it('max/min/abs by type', () => {
        expect(math('max', 0, 5)).toBe(5);
        expect(math('min', 3, 5n)).toBe(3n);
        expect(math('max', dbl(1.5), 2)).toEqual(dbl(2));
        expect(D.decimalToString(math('max', dec('1.10'), 1) as Decimal)).toBe('1.10');
        expect(math('abs', -2147483648)).toBe(-2147483648);
        expect(math('abs', -5n)).toBe(5n);
        expect(D.decimalToString(math('abs', dec('-6.02')) as Decimal)).toBe('6.02');
    });

    it('pow returns a Double (Math.pow(2, 3).intValue() == 8); ceil/floor keep the type', () => {
        expect(math('pow', 2, 3)).toEqual(dbl(8));
        expect(math('ceil', dbl(1.2))).toEqual(dbl(2));
        expect(D.decimalToString(math('floor', dec('-1.5')) as Decimal)).toBe('-2');
        expect(D.decimalToString(math('ceil', dec('1.01')) as Decimal)).toBe('2');
        expect(math('rint', dbl(2.5))).toEqual(dbl(2));
        expect(math('sqrt', 16)).toEqual(dbl(4));
        expect(() => math('sqrt', dec('2'))).toThrow(UnsupportedError);
    });

    it('PI and E are Double constants', () => {
        expect(MATH_TYPE.staticFields!.get('pi')).toEqual(dbl(Math.PI));
        expect(MATH_TYPE.staticFields!.get('e')).toEqual(dbl(Math.E));
    });
});

describe('large Doubles against Decimals', () => {
    it('compare by value even where a Decimal conversion would have a negative scale', () => {
        expect(N.compareNumbers(dbl(1e10), dec('10000000000'))).toBe(0);
        expect(N.compareNumbers(dbl(1e10), dec('9999999999.5'))).toBe(1);
        expect(() => N.arith('+', dbl(1e10), dec('1'))).toThrow(UnsupportedError);
    });
});
