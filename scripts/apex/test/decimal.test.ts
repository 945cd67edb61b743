/**
 * Decimal semantics against the documented examples of the Apex Reference (Decimal Class) and BigDecimal rules.
 */
import { ApexEnumValue, ApexSystemError, Decimal, UnsupportedError, type ApexValue } from '../values/model';
import * as D from '../values/decimal';
import { DECIMAL_TYPE } from '../platform/numbers';
import type { NativeContext } from '../platform/native';
import { thrownSystemError } from './valueHelpers';

const dec = (s: string): Decimal => D.decimalValueOf(s);
const str = (d: Decimal): string => D.decimalToString(d);
const ctx = { locale: 'en_US', timeZone: 'America/Los_Angeles', language: 'en' } as NativeContext;
const mode = (name: string): ApexEnumValue => new ApexEnumValue('RoundingMode', name, 0);
const call = (self: Decimal, name: string, ...args: ApexValue[]): ApexValue =>
    DECIMAL_TYPE.instance!.get(name.toLowerCase())!(ctx, self, args);

describe('parsing and printing', () => {
    it.each([
        ['12.4567', 124567n, 4],
        ['1.10', 110n, 2],
        ['-0.5', -5n, 1],
        ['.5', 5n, 1],
        ['7.', 7n, 0],
        ['1E+3', 1n, -3],
        ['1.5e-2', 15n, 3],
        ['+42', 42n, 0]
    ])('valueOf(%s): scale is the digits after the point', (text, unscaled, scale) => {
        const d = dec(text);
        expect(d.unscaled).toBe(unscaled);
        expect(d.scale).toBe(scale);
    });

    it.each(['abc', '', '1.2.3', ' 1', '1e', '-'])('valueOf(%j) is a TypeException', (text) => {
        const e = thrownSystemError(() => dec(text));
        expect(e).toBeInstanceOf(ApexSystemError);
        expect(e.exceptionType).toBe('TypeException');
        expect(e.message).toBe(`Invalid decimal: ${text}`);
    });

    it('toString follows BigDecimal: plain unless the exponent needs notation', () => {
        expect(str(dec('12345.6789'))).toBe('12345.6789');
        expect(str(dec('0.000001'))).toBe('0.000001');
        expect(str(dec('0.0000001'))).toBe('1E-7');
        expect(str(dec('1E+3'))).toBe('1E+3');
        expect(str(dec('-1.23E+5'))).toBe('-1.23E+5');
        expect(str(dec('0.00'))).toBe('0.00');
        expect(D.toPlainString(dec('1E+3'))).toBe('1000');
        expect(D.toPlainString(dec('-1.5E-7'))).toBe('-0.00000015');
        // toPlainString example: 12345.6789 → '12345.6789'
        expect(D.toPlainString(dec('12345.6789'))).toBe('12345.6789');
    });

    it('a Double becomes a Decimal through its String form', () => {
        expect(str(D.decimalFromDouble(2.718281828459045))).toBe('2.718281828459045');
        expect(str(D.decimalFromDouble(1))).toBe('1.0');
        expect(str(D.decimalFromDouble(0.1))).toBe('0.1');
        expect(str(D.decimalFromDouble(1.2345678e7))).toBe('12345678');
        expect(() => D.decimalFromDouble(1e10)).toThrow(UnsupportedError);
    });

    it("Java's Double.toString layout", () => {
        expect(D.javaDoubleToString(1)).toBe('1.0');
        expect(D.javaDoubleToString(1e10)).toBe('1.0E10');
        expect(D.javaDoubleToString(1234567.5)).toBe('1234567.5');
        expect(D.javaDoubleToString(12345678.9)).toBe('1.23456789E7');
        expect(D.javaDoubleToString(0.001)).toBe('0.001');
        expect(D.javaDoubleToString(0.0001)).toBe('1.0E-4');
        expect(D.javaDoubleToString(-2.5e-7)).toBe('-2.5E-7');
        expect(D.javaDoubleToString(100)).toBe('100.0');
    });
});

describe('arithmetic', () => {
    it('add and subtract keep the larger scale; multiply adds scales', () => {
        expect(str(D.add(dec('1.1'), dec('2.25')))).toBe('3.35');
        expect(str(D.subtract(dec('5'), dec('0.10')))).toBe('4.90');
        expect(str(D.multiply(dec('1.10'), dec('3')))).toBe('3.30');
        expect(str(D.multiply(dec('4.12'), dec('4.12')))).toBe('16.9744');
    });

    it('pow: documented example 4.12.pow(2) == 16.9744; pow(0) is 1', () => {
        expect(str(D.pow(dec('4.12'), 2))).toBe('16.9744');
        expect(str(D.pow(dec('4.12'), 0))).toBe('1');
        expect(() => D.pow(dec('2'), 32768)).toThrow(UnsupportedError);
    });

    it('the / operator divides exactly when the quotient terminates', () => {
        expect(str(D.divide(dec('10.00'), dec('4')))).toBe('2.50');
        expect(str(D.divide(dec('1'), dec('8')))).toBe('0.125');
        expect(str(D.divide(dec('4980'), dec('2')))).toBe('2490');
        expect(str(D.divide(dec('-3'), dec('0.5')))).toBe('-6');
    });

    it('a non-terminating quotient of / is Unsupported (precision undocumented)', () => {
        expect(() => D.divide(dec('1'), dec('3'))).toThrow(UnsupportedError);
    });

    it('division by zero is MathException "Divide by 0"', () => {
        for (const fn of [
            () => D.divide(dec('1'), dec('0.0')),
            () => D.divideToScale(dec('1'), dec('0'), 2)
        ]) {
            const e = thrownSystemError(fn);
            expect(e.exceptionType).toBe('MathException');
            expect(e.message).toBe('Divide by 0');
        }
    });

    it('divide(divisor, scale): 19.divide(100, 3) == 0.190 and 19.23.divide(100, 3) == 0.192', () => {
        expect(str(D.divideToScale(dec('19'), dec('100'), 3))).toBe('0.190');
        expect(str(D.divideToScale(dec('19.23'), dec('100'), 3))).toBe('0.192');
        expect(str(D.divideToScale(dec('5'), dec('3'), 30))).toBe('1.666666666666666666666666666667');
        expect(() => D.divideToScale(dec('1'), dec('8'), 2)).toThrow(UnsupportedError);
    });

    it('divide(divisor, scale, mode): 12.4567.divide(7, 2, UP) == 1.78', () => {
        expect(str(D.divideToScale(dec('12.4567'), dec('7'), 2, 'UP'))).toBe('1.78');
        expect(str(D.divideToScale(dec('1'), dec('8'), 2, 'HALF_EVEN'))).toBe('0.12');
        expect(str(D.divideToScale(dec('1'), dec('8'), 2, 'HALF_UP'))).toBe('0.13');
    });

    it('compares numerically: 1.1 equals 1.10 but is not identical', () => {
        expect(D.numericallyEqual(dec('1.1'), dec('1.10'))).toBe(true);
        expect(D.identical(dec('1.1'), dec('1.10'))).toBe(false);
        expect(D.compare(dec('-2'), dec('1.5'))).toBe(-1);
    });
});

describe('rounding (documented RoundingMode table)', () => {
    const inputs = ['5.5', '1.1', '-1.1', '-2.7'];
    const expected: Record<D.RoundingMode, (number | 'MathException')[]> = {
        CEILING: [6, 2, -1, -2],
        DOWN: [5, 1, -1, -2],
        FLOOR: [5, 1, -2, -3],
        HALF_DOWN: [5, 1, -1, -3],
        HALF_EVEN: [6, 1, -1, -3],
        HALF_UP: [6, 1, -1, -3],
        UP: [6, 2, -2, -3],
        UNNECESSARY: ['MathException', 'MathException', 'MathException', 'MathException']
    };
    it.each(Object.entries(expected))('%s', (name, results) => {
        inputs.forEach((input, i) => {
            const want = results[i];
            if (want === 'MathException') {
                expect(thrownSystemError(() => call(dec(input), 'round', mode(name))).exceptionType).toBe(
                    'MathException'
                );
            } else {
                expect(call(dec(input), 'round', mode(name))).toBe(BigInt(want));
            }
        });
    });

    it('UNNECESSARY on an exact value: 1.0 → 1, -1.0 → -1', () => {
        expect(call(dec('1.0'), 'round', mode('UNNECESSARY'))).toBe(1n);
        expect(call(dec('-1.0'), 'round', mode('UNNECESSARY'))).toBe(-1n);
    });

    it('round() is half-even: 4.5 → 4, 5.5 → 6, 5.2 → 5, -5.7 → -6', () => {
        expect(call(dec('4.5'), 'round')).toBe(4n);
        expect(call(dec('5.5'), 'round')).toBe(6n);
        expect(call(dec('5.2'), 'round')).toBe(5n);
        expect(call(dec('-5.7'), 'round')).toBe(-6n);
    });

    it('5.5 setScale(0, mode) for each mode', () => {
        const got = D.ROUNDING_MODES.filter((m) => m !== 'UNNECESSARY').map((m) =>
            str(D.setScale(dec('5.5'), 0, m))
        );
        // UP, DOWN, CEILING, FLOOR, HALF_UP, HALF_DOWN, HALF_EVEN
        expect(got).toEqual(['6', '5', '6', '5', '6', '5', '6']);
    });

    it('setScale: 8.987551787.setScale(3) == 8.988, half-even on ties, pads zeros, -3 allowed', () => {
        expect(str(call(dec('8.987551787'), 'setScale', 3) as Decimal)).toBe('8.988');
        expect(str(call(dec('2.125'), 'setScale', 2) as Decimal)).toBe('2.12');
        expect(str(call(dec('2.135'), 'setScale', 2) as Decimal)).toBe('2.14');
        expect(str(call(dec('4980'), 'setScale', 2) as Decimal)).toBe('4980.00');
        expect(str(call(dec('4000'), 'setScale', -3) as Decimal)).toBe('4E+3');
        expect(str(call(dec('2.125'), 'setScale', 2, mode('HALF_UP')) as Decimal)).toBe('2.13');
        expect(() => call(dec('1'), 'setScale', 34)).toThrow(UnsupportedError);
    });
});

describe('Decimal methods (documented examples)', () => {
    it('abs, scale, precision, stripTrailingZeros, intValue, longValue, doubleValue', () => {
        expect(str(call(dec('-6.02214129'), 'abs') as Decimal)).toBe('6.02214129');
        expect(call(dec('9.27400968'), 'scale')).toBe(8);
        expect(call(dec('123.45'), 'precision')).toBe(5);
        expect(call(dec('123.123'), 'precision')).toBe(6);
        expect(str(call(dec('1.10000'), 'stripTrailingZeros') as Decimal)).toBe('1.1');
        expect(call(dec('1.602176565'), 'intValue')).toBe(1);
        expect(call(dec('-3.7'), 'intValue')).toBe(-3);
        expect(call(dec('376.730313461'), 'longValue')).toBe(376n);
        expect((call(dec('6.62606957'), 'doubleValue') as { value: number }).value).toBe(6.62606957);
    });

    it('format(): 12345.6789 → 12,345.679 (U.S. locale); other locales Unsupported', () => {
        expect(call(dec('12345.6789'), 'format')).toBe('12,345.679');
        expect(call(dec('-1234567'), 'format')).toBe('-1,234,567');
        expect(call(dec('0.10'), 'format')).toBe('0.1');
        expect(D.formatDecimal(dec('4980.00'), 'ja_JP')).toBe('4,980');
        expect(() => D.formatDecimal(dec('1'), 'de_DE')).toThrow(UnsupportedError);
    });

    it('valueOf statics: String, Long, Integer and Double', () => {
        const valueOf = DECIMAL_TYPE.statics!.get('valueof')!;
        expect(str(valueOf(ctx, ['12.4567']) as Decimal)).toBe('12.4567');
        expect(str(valueOf(ctx, [299792458n]) as Decimal)).toBe('299792458');
        expect(str(valueOf(ctx, [5]) as Decimal)).toBe('5');
    });
});

describe('format() of values BigDecimal prints with an exponent', () => {
    it('is Unsupported ("scientific notation will be used if an exponent is needed", layout unverified)', () => {
        expect(() => D.formatDecimal(dec('1E-7'), 'en_US')).toThrow(UnsupportedError);
        expect(() => D.formatDecimal(dec('1E+3'), 'en_US')).toThrow(UnsupportedError);
        expect(D.formatDecimal(dec('1000'), 'en_US')).toBe('1,000');
    });
});
