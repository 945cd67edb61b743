// Reading WHMCS request parameters the way the PHP handlers do, with WHMCS's own refusals.
import { isPhpArray, type PhpArray, type PhpValue } from './php';

/** An action-level refusal: HTTP 200 + `{"result":"error","message":…}`. */
export class ApiError extends Error {}

export class Params {
    constructor(readonly raw: PhpArray) {}

    has(name: string): boolean {
        const v = this.raw[name];
        return v !== undefined && !(typeof v === 'string' && v.trim() === '');
    }

    /** A scalar string; arrays count as absent (PHP would see "Array"). */
    str(name: string): string | undefined {
        const v = this.raw[name];
        return typeof v === 'string' ? v : undefined;
    }

    trimmed(name: string): string {
        return (this.str(name) ?? '').trim();
    }

    /**
     * A positive integer id. `undefined` when absent/empty, NaN when present but not an integer
     * (so callers answer WHMCS's "not found" message for both wrong types and unknown ids).
     */
    id(name: string): number | undefined {
        const v = this.raw[name];
        if (v === undefined || (typeof v === 'string' && v.trim() === '')) return undefined;
        if (typeof v !== 'string' || !/^\s*\d+\s*$/.test(v)) return NaN;
        const n = Number(v.trim());
        return Number.isSafeInteger(n) && n > 0 ? n : NaN;
    }

    /** PHP (int) cast for paging values: junk → fallback, negative → 0. */
    int(name: string, fallback: number): number {
        const v = this.str(name);
        if (v === undefined || v.trim() === '') return fallback;
        const m = /^\s*(-?\d+)/.exec(v);
        if (!m) return 0;
        return Math.max(0, Math.min(Number(m[1]), 1_000_000));
    }

    /** PHP truthiness: absent, '' and '0' are false. */
    bool(name: string): boolean {
        const v = this.raw[name];
        if (v === undefined) return false;
        if (isPhpArray(v)) return Object.keys(v).length > 0;
        return v !== '' && v !== '0';
    }

    /** A list parameter (`pid[]`); a scalar is refused as WHMCS 8.6+ does. */
    list(name: string): PhpValue[] {
        const v = this.raw[name];
        if (v === undefined || v === '') return [];
        if (!isPhpArray(v)) throw new ApiError(`Expecting parameter '${name}' to be an array`);
        return indexed(v);
    }

    map(name: string): PhpArray {
        const v = this.raw[name];
        return isPhpArray(v) ? v : {};
    }
}

/** The values of a PHP list in index order (holes dropped). */
export function indexed(arr: PhpArray): PhpValue[] {
    const keys = Object.keys(arr);
    const numeric = keys.filter((k) => /^\d+$/.test(k)).sort((a, b) => Number(a) - Number(b));
    const others = keys.filter((k) => !/^\d+$/.test(k));
    return [...numeric, ...others].map((k) => arr[k]);
}

/** Value at position `i` of a parallel list (matched by PHP index). */
export function at(arr: PhpValue | undefined, i: number): string | undefined {
    if (!isPhpArray(arr)) return undefined;
    const v = arr[String(i)];
    return typeof v === 'string' ? v : undefined;
}

export const EMAIL_RE = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** ISO 3166-1 alpha-2 code → English name, or null when not a country code. */
export function countryName(code: string): string | null {
    if (!/^[A-Z]{2}$/.test(code)) return null;
    try {
        const name = regionNames.of(code);
        return name && name !== code && name !== 'Unknown Region' ? name : null;
    } catch {
        return null;
    }
}
