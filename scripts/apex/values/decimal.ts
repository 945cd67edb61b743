/**
 * Exact Decimal arithmetic on the model's `Decimal` (BigInt unscaled value × 10^-scale), following
 * java.math.BigDecimal, which Apex Decimal maps to.
 *
 * Sources (Apex Reference, Decimal Class, apex_methods_system_decimal.htm; read for this file):
 * - setScale(scale) rounds half-even; setScale's scale must be between -33 and 33.
 * - round() rounds to 0 places half-even and returns a Long; round(mode) uses the given System.RoundingMode.
 * - RoundingMode.UNNECESSARY on an inexact result throws System.MathException.
 * - divide(divisor, scale[, mode]): quotient with exactly `scale` places (19.divide(100, 3) == 0.190).
 * - pow(exponent): exponent 0..32,767; valueOf(String) reads the string "as in Java".
 * - format(): user locale, "12345.6789 → '12,345.679'" in the U.S. locale; scientific notation when an exponent
 *   is needed. toPlainString(): never scientific.
 * - Scale of a Decimal made from a String = characters after the point; from a non-decimal number = the same
 *   after converting it to a String (Apex Developer Guide, Primitive Data Types).
 */
import { ApexSystemError, Decimal, UnsupportedError } from './model';

export type RoundingMode =
    'UP' | 'DOWN' | 'CEILING' | 'FLOOR' | 'HALF_UP' | 'HALF_DOWN' | 'HALF_EVEN' | 'UNNECESSARY';

/** In java.math.RoundingMode's declaration order (the ordinal of `System.RoundingMode` values). */
export const ROUNDING_MODES: readonly RoundingMode[] = [
    'UP',
    'DOWN',
    'CEILING',
    'FLOOR',
    'HALF_UP',
    'HALF_DOWN',
    'HALF_EVEN',
    'UNNECESSARY'
];

const POW10: bigint[] = [1n];
export function pow10(n: number): bigint {
    if (n < 0) throw new Error(`pow10(${n})`);
    while (POW10.length <= n) POW10.push(POW10[POW10.length - 1] * 10n);
    return POW10[n];
}

const abs = (v: bigint): bigint => (v < 0n ? -v : v);

export const ZERO = new Decimal(0n, 0);
export const ONE = new Decimal(1n, 0);

export function isDecimal(v: unknown): v is Decimal {
    return v instanceof Decimal;
}

/** Integer division of num by den (den ≠ 0) rounded by mode, as BigDecimal does when it discards digits. */
export function divideRounded(num: bigint, den: bigint, mode: RoundingMode): bigint {
    const q = num / den;
    const r = num % den;
    if (r === 0n) return q;
    const negative = num < 0n !== den < 0n;
    const half = 2n * abs(r) - abs(den); // <0 below half, 0 exactly half, >0 above
    let away: boolean;
    switch (mode) {
        case 'UP':
            away = true;
            break;
        case 'DOWN':
            away = false;
            break;
        case 'CEILING':
            away = !negative;
            break;
        case 'FLOOR':
            away = negative;
            break;
        case 'HALF_UP':
            away = half >= 0n;
            break;
        case 'HALF_DOWN':
            away = half > 0n;
            break;
        case 'HALF_EVEN':
            away = half > 0n || (half === 0n && q % 2n !== 0n);
            break;
        case 'UNNECESSARY':
            // Documented: "If this rounding mode is specified on an operation that yields an inexact result, a
            // MathException is thrown". The message is Java's ArithmeticException text (unverified for Apex).
            throw new ApexSystemError('MathException', 'Rounding necessary');
    }
    return away ? q + (negative ? -1n : 1n) : q;
}

// ---------------------------------------------------------------------------------------------------------
// Construction and parsing

const DECIMAL_SYNTAX = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** java.math.BigDecimal(String) grammar; null when the text is not a number. No surrounding whitespace. */
export function parseDecimal(text: string): Decimal | null {
    const m = DECIMAL_SYNTAX.exec(text);
    if (!m) return null;
    const intPart = m[2];
    const fracPart = m[3] ?? '';
    if (intPart.length + fracPart.length === 0) return null;
    const exponent = m[4] === undefined ? 0 : Number(m[4]);
    if (!Number.isSafeInteger(exponent)) return null;
    let unscaled = BigInt(intPart + fracPart);
    if (m[1] === '-') unscaled = -unscaled;
    return new Decimal(unscaled, fracPart.length - exponent);
}

/** `Decimal.valueOf(String)`: TypeException `Invalid decimal: <text>` (message: community knowledge). */
export function decimalValueOf(text: string): Decimal {
    const d = parseDecimal(text);
    if (!d) throw new ApexSystemError('TypeException', `Invalid decimal: ${text}`);
    return d;
}

export function decimalFromInteger(n: number | bigint): Decimal {
    return new Decimal(BigInt(n), 0);
}

/**
 * A Double as a Decimal "converted to a String first": BigDecimal.valueOf(double) semantics, the Java
 * Double.toString digits. A result with a negative scale (1.0E10) has no documented Apex form: Unsupported.
 */
export function decimalFromDouble(value: number): Decimal {
    if (!Number.isFinite(value)) throw new UnsupportedError(`Decimal from Double ${value}`);
    const d = parseDecimal(javaDoubleToString(value));
    if (!d) throw new Error(`unparseable double ${value}`);
    if (d.scale < 0)
        throw new UnsupportedError(`Decimal from Double ${javaDoubleToString(value)} (negative scale)`);
    return d;
}

/**
 * Java's Double.toString layout over JavaScript's shortest round-trip digits: plain between 10^-3 and 10^7
 * (always one fractional digit: "1.0"), otherwise computerized scientific notation ("1.0E10", "1.2E-5").
 */
export function javaDoubleToString(value: number): string {
    if (Number.isNaN(value)) return 'NaN';
    if (value === Infinity) return 'Infinity';
    if (value === -Infinity) return '-Infinity';
    if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
    const sign = value < 0 ? '-' : '';
    const [mantissa, expText] = Math.abs(value).toExponential().split('e');
    const digits = mantissa.replace('.', '');
    const exp = Number(expText);
    const magnitude = Math.abs(value);
    if (magnitude >= 1e-3 && magnitude < 1e7) {
        if (exp >= 0) {
            const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
            const frac = digits.slice(exp + 1) || '0';
            return `${sign}${intPart}.${frac}`;
        }
        return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
    }
    const frac = digits.slice(1) || '0';
    return `${sign}${digits[0]}.${frac}E${exp}`;
}

// ---------------------------------------------------------------------------------------------------------
// Scale and rounding

/** The same value with the given scale, rounding by mode when digits are dropped (BigDecimal.setScale). */
export function setScale(d: Decimal, scale: number, mode: RoundingMode = 'HALF_EVEN'): Decimal {
    if (scale === d.scale) return d;
    if (scale > d.scale) return new Decimal(d.unscaled * pow10(scale - d.scale), scale);
    return new Decimal(divideRounded(d.unscaled, pow10(d.scale - scale), mode), scale);
}

/** Apex `setScale`: the documented scale range is -33..33. */
export function apexSetScale(d: Decimal, scale: number, mode: RoundingMode = 'HALF_EVEN'): Decimal {
    if (scale < -33 || scale > 33) throw new UnsupportedError(`Decimal.setScale(${scale}) outside -33..33`);
    return setScale(d, scale, mode);
}

/** `round()` / `round(mode)`: to zero places, as a Long (bigint); default half-even. */
export function roundToBigInt(d: Decimal, mode: RoundingMode = 'HALF_EVEN'): bigint {
    return setScale(d, 0, mode).unscaled;
}

export function stripTrailingZeros(d: Decimal): Decimal {
    if (d.unscaled === 0n) return ZERO;
    let u = d.unscaled;
    let s = d.scale;
    while (u % 10n === 0n) {
        u /= 10n;
        s -= 1;
    }
    return new Decimal(u, s);
}

/** Number of significant digits of the unscaled value (0 has precision 1), as BigDecimal.precision(). */
export function precision(d: Decimal): number {
    return d.unscaled === 0n ? 1 : abs(d.unscaled).toString().length;
}

// ---------------------------------------------------------------------------------------------------------
// Arithmetic

function aligned(a: Decimal, b: Decimal): [bigint, bigint, number] {
    if (a.scale === b.scale) return [a.unscaled, b.unscaled, a.scale];
    if (a.scale > b.scale) return [a.unscaled, b.unscaled * pow10(a.scale - b.scale), a.scale];
    return [a.unscaled * pow10(b.scale - a.scale), b.unscaled, b.scale];
}

export function add(a: Decimal, b: Decimal): Decimal {
    const [x, y, s] = aligned(a, b);
    return new Decimal(x + y, s);
}

export function subtract(a: Decimal, b: Decimal): Decimal {
    const [x, y, s] = aligned(a, b);
    return new Decimal(x - y, s);
}

export function multiply(a: Decimal, b: Decimal): Decimal {
    return new Decimal(a.unscaled * b.unscaled, a.scale + b.scale);
}

export function negate(d: Decimal): Decimal {
    return new Decimal(-d.unscaled, d.scale);
}

export function absDecimal(d: Decimal): Decimal {
    return d.unscaled < 0n ? negate(d) : d;
}

export function signum(d: Decimal): number {
    return d.unscaled === 0n ? 0 : d.unscaled < 0n ? -1 : 1;
}

function divideByZero(): never {
    // Message: community knowledge (APEX-PLATFORM.md §1), the same text as Integer and Long division.
    throw new ApexSystemError('MathException', 'Divide by 0');
}

/** `a.divide(b, scale[, mode])`: quotient with exactly `scale` fractional digits. */
export function divideToScale(a: Decimal, b: Decimal, scale: number, mode?: RoundingMode): Decimal {
    if (b.unscaled === 0n) divideByZero();
    // a/b = (ua·10^-sa) / (ub·10^-sb); the result unscaled = a/b · 10^scale.
    const shift = scale - a.scale + b.scale;
    const num = shift >= 0 ? a.unscaled * pow10(shift) : a.unscaled;
    const den = shift >= 0 ? b.unscaled : b.unscaled * pow10(-shift);
    if (mode) return new Decimal(divideRounded(num, den, mode), scale);
    // The two-argument form's rounding mode is not documented. Any "nearest" mode agrees unless the discarded
    // part is exactly one half (the documented 19.23.divide(100, 3) → 0.192 is not a tie), so ties are refused.
    const r = num % den;
    if (r !== 0n && 2n * abs(r) === abs(den)) {
        throw new UnsupportedError(
            'Decimal.divide(divisor, scale) on an exact half (default rounding mode undocumented)'
        );
    }
    if (r !== 0n && 2n * abs(r) < abs(den)) return new Decimal(num / den, scale);
    return new Decimal(divideRounded(num, den, 'HALF_UP'), scale);
}

/**
 * The Decimal `/` operator. Apex documents neither the precision nor the scale of this quotient. When the
 * quotient terminates, BigDecimal's exact division is used (preferred scale a.scale - b.scale, widened just
 * enough to hold the exact value: the same result BigDecimal.divide(divisor) and divide(divisor, MathContext)
 * give). A non-terminating quotient (1/3) would need the undocumented precision: Unsupported. A negative
 * resulting scale (10 / 0.5 → 2E+1 in Java) is refused as well, its printed form being unverified for Apex.
 */
export function divide(a: Decimal, b: Decimal): Decimal {
    if (b.unscaled === 0n) divideByZero();
    if (a.unscaled === 0n) {
        if (a.scale < b.scale) throw new UnsupportedError('Decimal division with a negative result scale');
        return new Decimal(0n, a.scale - b.scale);
    }
    // Reduce the fraction ua / ub, then the quotient terminates iff the reduced denominator is 2^x·5^y.
    let num = a.unscaled;
    let den = b.unscaled;
    if (den < 0n) {
        num = -num;
        den = -den;
    }
    const g = gcd(abs(num), den);
    num /= g;
    den /= g;
    let twos = 0;
    let fives = 0;
    while (den % 2n === 0n) {
        den /= 2n;
        twos++;
    }
    while (den % 5n === 0n) {
        den /= 5n;
        fives++;
    }
    if (den !== 1n)
        throw new UnsupportedError(
            'Decimal division with a non-terminating quotient (precision undocumented)'
        );
    // num / (2^twos·5^fives) = num·2^(k-twos)·5^(k-fives) / 10^k with k = max(twos, fives).
    const k = Math.max(twos, fives);
    const exact = num * 2n ** BigInt(k - twos) * 5n ** BigInt(k - fives);
    // Value = exact·10^-k · 10^-(sa - sb).
    let unscaled = exact;
    let scale = k + a.scale - b.scale;
    const preferred = a.scale - b.scale;
    while (scale > preferred && unscaled % 10n === 0n) {
        unscaled /= 10n;
        scale--;
    }
    if (scale < preferred) {
        unscaled *= pow10(preferred - scale);
        scale = preferred;
    }
    if (scale < 0) throw new UnsupportedError('Decimal division with a negative result scale');
    return new Decimal(unscaled, scale);
}

function gcd(a: bigint, b: bigint): bigint {
    while (b !== 0n) [a, b] = [b, a % b];
    return a;
}

/** `pow(exponent)`: exact, documented exponent range 0..32,767. */
export function pow(d: Decimal, exponent: number): Decimal {
    if (!Number.isInteger(exponent) || exponent < 0 || exponent > 32767) {
        throw new UnsupportedError(`Decimal.pow(${exponent}) outside 0..32,767`);
    }
    return new Decimal(d.unscaled ** BigInt(exponent), d.scale * exponent);
}

export function compare(a: Decimal, b: Decimal): number {
    const [x, y] = aligned(a, b);
    return x < y ? -1 : x > y ? 1 : 0;
}

/** Numeric equality (compareTo == 0): `1.1 == 1.10`. */
export function numericallyEqual(a: Decimal, b: Decimal): boolean {
    return compare(a, b) === 0;
}

/** Equality including scale (BigDecimal.equals), for places where Java identity matters (hash keys). */
export function identical(a: Decimal, b: Decimal): boolean {
    return a.unscaled === b.unscaled && a.scale === b.scale;
}

// ---------------------------------------------------------------------------------------------------------
// Conversions

/** Integer part, truncated toward zero (BigDecimal.toBigInteger). */
export function truncate(d: Decimal): bigint {
    if (d.scale <= 0) return d.unscaled * pow10(-d.scale);
    return d.unscaled / pow10(d.scale);
}

/** intValue(): Java narrowing — truncate, then keep the low 32 bits. */
export function intValue(d: Decimal): number {
    return Number(BigInt.asIntN(32, truncate(d)));
}

/** longValue(): truncate, then keep the low 64 bits. */
export function longValue(d: Decimal): bigint {
    return BigInt.asIntN(64, truncate(d));
}

/** doubleValue(): nearest double, via the decimal text (JavaScript's parser rounds correctly). */
export function doubleValue(d: Decimal): number {
    return Number(toScientificString(d));
}

function toScientificString(d: Decimal): string {
    return `${d.unscaled.toString()}e${-d.scale}`;
}

/** toPlainString(): no exponent. */
export function toPlainString(d: Decimal): string {
    const negative = d.unscaled < 0n;
    const digits = abs(d.unscaled).toString();
    let body: string;
    if (d.scale <= 0) {
        body = d.unscaled === 0n ? '0' : digits + '0'.repeat(-d.scale);
    } else {
        const padded = digits.padStart(d.scale + 1, '0');
        body = `${padded.slice(0, padded.length - d.scale)}.${padded.slice(padded.length - d.scale)}`;
    }
    return negative ? `-${body}` : body;
}

/** toString() / String.valueOf(Decimal): BigDecimal.toString, scientific when scale < 0 or the exponent < -6. */
export function decimalToString(d: Decimal): string {
    const digits = abs(d.unscaled).toString();
    const adjusted = -d.scale + (digits.length - 1);
    if (d.scale >= 0 && adjusted >= -6) return toPlainString(d);
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const exponent = adjusted === 0 ? '' : `E${adjusted > 0 ? '+' : ''}${adjusted}`;
    return `${d.unscaled < 0n ? '-' : ''}${mantissa}${exponent}`;
}

// ---------------------------------------------------------------------------------------------------------
// Locale formatting

interface NumberSymbols {
    group: string;
    decimal: string;
}

/** Locales whose number symbols are certain (Java and ICU agree): others are Unsupported. */
const NUMBER_SYMBOLS: Record<string, NumberSymbols> = {
    en_us: { group: ',', decimal: '.' },
    ja_jp: { group: ',', decimal: '.' }
};

export function numberSymbols(locale: string): NumberSymbols {
    const symbols = NUMBER_SYMBOLS[locale.toLowerCase()];
    if (!symbols) throw new UnsupportedError(`number format for locale ${locale}`);
    return symbols;
}

function groupDigits(intDigits: string, group: string): string {
    return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, group);
}

/**
 * Java NumberFormat.getInstance(locale) layout: grouping, at most 3 fractional digits rounded half-even, no
 * trailing fractional zeros. Values that would need an exponent are Unsupported (the documented "scientific
 * notation" layout of format() was not verified).
 */
export function formatDecimal(d: Decimal, locale: string, maxFraction = 3): string {
    const symbols = numberSymbols(locale);
    if (decimalToString(d).includes('E'))
        throw new UnsupportedError(`format() of ${decimalToString(d)} (exponent layout unverified)`);
    const rounded = stripTrailingZeros(setScale(d, Math.min(Math.max(d.scale, 0), maxFraction), 'HALF_EVEN'));
    const plain = toPlainString(rounded.scale < 0 ? setScale(rounded, 0) : rounded);
    const negative = plain.startsWith('-');
    const [intDigits, frac] = (negative ? plain.slice(1) : plain).split('.');
    const body = groupDigits(intDigits, symbols.group) + (frac ? symbols.decimal + frac : '');
    return negative && rounded.unscaled !== 0n ? `-${body}` : body;
}
