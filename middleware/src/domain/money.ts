/** Money is carried as decimal strings with two places; never as floats. */

const DECIMAL = /^-?\d+(\.\d+)?$/;
/** Already in the form toMoney returns (what WHMCS sends nearly always): returned as it is. */
const CANONICAL = /^-?(0|[1-9]\d*)\.\d\d$/;

/** Normalises "4980", "4980.0", "4980.000" to "4980.00"; rounds half-up on the third decimal. */
export function toMoney(value: string | number | null | undefined): string {
    if (value === null || value === undefined || value === '') return '0.00';
    const text = typeof value === 'number' ? value.toFixed(2) : value.trim();
    if (CANONICAL.test(text) && text !== '-0.00') return text;
    if (!DECIMAL.test(text)) return '0.00';
    const negative = text.startsWith('-');
    const [intPart, frac = ''] = (negative ? text.slice(1) : text).split('.');
    let cents = BigInt(intPart) * 100n + BigInt((frac + '00').slice(0, 2));
    if (frac.length > 2 && Number(frac[2]) >= 5) cents += 1n;
    const whole = cents / 100n;
    const rest = (cents % 100n).toString().padStart(2, '0');
    return `${negative && cents !== 0n ? '-' : ''}${whole}.${rest}`;
}

/** a − b on money strings, in whole cents (no float arithmetic). */
export function subtractMoney(a: string, b: string): string {
    if (toMoney(b) === '0.00') return toMoney(a);
    const cents = (m: string) => {
        const t = toMoney(m);
        const negative = t.startsWith('-');
        const [whole, frac] = (negative ? t.slice(1) : t).split('.');
        const c = BigInt(whole) * 100n + BigInt(frac);
        return negative ? -c : c;
    };
    const diff = cents(a) - cents(b);
    const abs = diff < 0n ? -diff : diff;
    return `${diff < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}
