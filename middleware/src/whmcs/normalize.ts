// Coercers for WHMCS's loose typing (WHMCS-API.md §2): the same field can arrive as "1" or 1,
// lists can arrive in six shapes, "no date" is a zero date.
import { array, fail, integer, isPlainObject, object, string, type Decoder } from './decode';
import type { BillingCycle } from './types';

export function toNumberish(v: unknown): unknown {
    if (typeof v === 'number') return v;
    if (typeof v === 'string') {
        const t = v.trim();
        if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
    }
    return v;
}

/** An id or a count: "12" and 12 → 12. */
export const int: Decoder<number> = (v) => integer(toNumberish(v));

/** An optional id: null, "", 0, "0" and absence → null. */
export const idOrNull: Decoder<number | null> = (v) =>
    v === null || v === undefined || v === '' || v === 0 || v === '0' ? null : integer(toNumberish(v));

/** A count that WHMCS sometimes omits: absent → 0. */
export const count: Decoder<number> = (v) => (v === undefined || v === null || v === '' ? 0 : int(v));

/** Strings, tolerating null/absent (→ '') and numbers (→ their digits). */
export const str: Decoder<string> = (v) => {
    if (typeof v === 'string') return v;
    if (v === null || v === undefined) return '';
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return fail();
};

/** A nullable string: null, absent and '' → null. */
export const strOrNull: Decoder<string | null> = (v) => {
    if (v === null || v === undefined || v === '') return null;
    if (typeof v === 'number') return String(v);
    return string(v);
};

/** What WHMCS sends nearly always, and what toMoney would return for it unchanged. */
const CANONICAL_MONEY = /^-?(0|[1-9]\d*)\.\d\d$/;

/** Two-place decimal string without going through floats where WHMCS already sent a string. */
export function toMoney(v: unknown): unknown {
    if (v === null || v === undefined || v === '') return '0.00';
    if (typeof v === 'number') return Number.isFinite(v) ? v.toFixed(2) : v;
    if (typeof v !== 'string') return v;
    if (CANONICAL_MONEY.test(v)) return v;
    const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(v.trim());
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) return v;
    const int = (m[2] || '0').replace(/^0+(?=\d)/, '');
    const frac = m[3] ?? '';
    if (frac.length <= 2) return `${m[1]}${int}.${frac.padEnd(2, '0')}`;
    // More than two places (rare): round half up on the decimal digits.
    const scaled = BigInt(int + frac.slice(0, 2)) + (Number(frac[2]) >= 5 ? 1n : 0n);
    const s = scaled.toString().padStart(3, '0');
    return `${m[1]}${s.slice(0, -2)}.${s.slice(-2)}`;
}

const MONEY = /^-?\d+\.\d{2}$/;

export const money: Decoder<string> = (v) => {
    const m = toMoney(v);
    return typeof m === 'string' && MONEY.test(m) ? m : fail();
};

const RATE = /^\d+(\.\d+)?$/;

/** A tax rate in percent ("10.000", "10.00", 10 → "10"; "8.500" → "8.5"); absent or '' → "0". */
export const rate: Decoder<string> = (v) => {
    if (v === null || v === undefined || v === '') return '0';
    const text = typeof v === 'number' && Number.isFinite(v) ? String(v) : v;
    if (typeof text !== 'string' || !RATE.test(text.trim())) return fail();
    return text
        .trim()
        .replace(/^0+(?=\d)/, '')
        .replace(/(\.\d*?)0+$/, '$1')
        .replace(/\.$/, '');
};

/** Money or "not offered" (-1.00 / -1 / absent) → null. */
export const priceOrNull: Decoder<string | null> = (v) => {
    if (v === undefined || v === null) return null;
    const m = toMoney(v);
    return m === '-1.00' ? null : string(m);
};

/** Zero dates, '' and null → null. */
export function toDate(v: unknown): unknown {
    if (v === null || v === undefined) return null;
    if (typeof v !== 'string') return v;
    const t = v.trim();
    if (t === '' || /^0000-00-00( 00:00:00)?$/.test(t)) return null;
    return t;
}

export const date: Decoder<string | null> = (v) => {
    const d = toDate(v);
    return d === null ? null : string(d);
};

const TRUE_WORDS = new Set(['1', 'true', 'on', 'yes']);

/** The boolean spellings: true/1/"1"/"true"/"on" → true; anything else (0, "", "false", null) → false. */
export function toBool(v: unknown): boolean {
    if (typeof v === 'boolean') return v;
    if (typeof v === 'number') return v !== 0;
    if (typeof v === 'string') return TRUE_WORDS.has(v.trim().toLowerCase());
    return false;
}

export const bool: Decoder<boolean> = toBool;

function objectToList(v: Record<string, unknown>): unknown[] {
    const keys = Object.keys(v);
    if (keys.length === 0) return [];
    if (keys.every((k) => /^\d+$/.test(k))) {
        return keys.sort((a, b) => Number(a) - Number(b)).map((k) => v[k]);
    }
    return [v]; // a lone object where a one-element list was meant
}

/**
 * Every empty/odd list form → an array: `""`, null, absent, `[]`, `{}`, a wrapper without its
 * inner key (`{ invoices: {} }`), a single object, a numeric-keyed object.
 * `innerKey` is the singular name inside the wrapper (`invoices.invoice`).
 */
export function toList(v: unknown, innerKey?: string): unknown[] {
    if (v === null || v === undefined || v === '' || v === false) return [];
    if (Array.isArray(v)) return v;
    if (!isPlainObject(v)) return [];
    if (innerKey !== undefined) {
        if (innerKey in v) return toList(v[innerKey]);
        // A wrapper with nothing (or only junk) inside is an empty list; a bare item has an id-ish key.
        const keys = Object.keys(v);
        if (keys.length === 0) return [];
        if (keys.every((k) => /^\d+$/.test(k))) return objectToList(v);
        return looksLikeItem(v) ? [v] : [];
    }
    return objectToList(v);
}

function looksLikeItem(v: Record<string, unknown>): boolean {
    return Object.values(v).some((x) => x === null || typeof x !== 'object');
}

/** A list in any of its forms (see toList), every item decoded. */
export function list<T>(item: Decoder<T>, innerKey?: string): Decoder<T[]> {
    const items = array(item);
    return (v) => items(toList(v, innerKey));
}

const cycleKey = (v: string) => v.toLowerCase().replace(/[\s_-]/g, '');

/** Display or request billing cycle → the request form; null when unknown. */
export function normalizeBillingCycle(v: unknown): BillingCycle | null {
    if (typeof v !== 'string') return null;
    const k = cycleKey(v);
    const map: Record<string, BillingCycle> = {
        free: 'free',
        freeaccount: 'free',
        onetime: 'onetime',
        monthly: 'monthly',
        quarterly: 'quarterly',
        semiannually: 'semiannually',
        annually: 'annually',
        biennially: 'biennially',
        triennially: 'triennially'
    };
    return map[k] ?? null;
}

/** A billing cycle to show: the request form, else the label squashed the same way, else 'unknown'. */
export function billingCycleForDisplay(label: string | null | undefined): string {
    return normalizeBillingCycle(label) ?? (cycleKey(label ?? '') || 'unknown');
}

const customFieldRows = list(object({ id: int, value: str }), 'customfield');

/** Client-style custom fields `[{id, value}]` (any list form) → { id: value }. */
export const customFieldValues: Decoder<Record<number, string>> = (v) => {
    const out: Record<number, string> = {};
    for (const r of customFieldRows(v)) out[r.id] = r.value;
    return out;
};
