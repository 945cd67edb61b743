// PHP wire conventions: `serialize()` for customfields/configoptions and the bracket syntax of
// `http_build_query` for nested request parameters (WHMCS-API.md §3).
import type { WhmcsParams, WhmcsParamValue } from './types';

export type PhpSerializable =
    string | number | boolean | null | PhpSerializable[] | { [key: string]: PhpSerializable };

/**
 * Minimal PHP `serialize()`: arrays/objects become PHP arrays; integer-looking keys become int keys;
 * string lengths are UTF-8 byte lengths ("Zürich" is s:7).
 */
export function phpSerialize(value: PhpSerializable): string {
    if (value === null) return 'N;';
    if (typeof value === 'boolean') return `b:${value ? 1 : 0};`;
    if (typeof value === 'number') {
        if (Number.isInteger(value)) return `i:${value};`;
        if (!Number.isFinite(value)) throw new TypeError('phpSerialize: non-finite number');
        return `d:${value};`;
    }
    if (typeof value === 'string') return `s:${Buffer.byteLength(value, 'utf8')}:"${value}";`;
    const entries: [string, PhpSerializable][] = Array.isArray(value)
        ? value.map((v, i) => [String(i), v])
        : Object.entries(value);
    const body = entries.map(([k, v]) => serializeKey(k) + phpSerialize(v)).join('');
    return `a:${entries.length}:{${body}}`;
}

function serializeKey(key: string): string {
    // PHP turns decimal integer strings into int keys.
    if (/^(0|-?[1-9]\d*)$/.test(key) && Number.isSafeInteger(Number(key))) return `i:${key};`;
    return `s:${Buffer.byteLength(key, 'utf8')}:"${key}";`;
}

/** base64(serialize(map)) — the `customfields` / `configoptions` / `domainfields` encoding. */
export function encodeCustomFields(map: Record<number | string, string | number>): string {
    const plain: Record<string, PhpSerializable> = {};
    for (const [k, v] of Object.entries(map)) plain[k] = typeof v === 'number' ? v : String(v);
    return Buffer.from(phpSerialize(plain), 'utf8').toString('base64');
}

/**
 * Flattens params into `[name, value]` pairs with PHP bracket names: `pid[0]=1`, `a[key]=v`.
 * Booleans: true → '1', false omitted (PHP truth-tests flags); null/undefined omitted.
 */
export function flattenParams(params: WhmcsParams): [string, string][] {
    const out: [string, string][] = [];
    const walk = (name: string, value: WhmcsParamValue): void => {
        if (value === undefined || value === null || value === false) return;
        if (value === true) {
            out.push([name, '1']);
        } else if (typeof value === 'number') {
            if (!Number.isFinite(value)) throw new TypeError(`Parameter ${name} is not a finite number`);
            out.push([name, String(value)]);
        } else if (typeof value === 'string') {
            out.push([name, value]);
        } else if (Array.isArray(value)) {
            value.forEach((v, i) => walk(`${name}[${i}]`, v));
        } else {
            for (const [k, v] of Object.entries(value)) walk(`${name}[${k}]`, v);
        }
    };
    for (const [k, v] of Object.entries(params)) walk(k, v);
    return out;
}

/** application/x-www-form-urlencoded body with PHP bracket names. */
export function encodeForm(params: WhmcsParams): string {
    const search = new URLSearchParams();
    for (const [k, v] of flattenParams(params)) search.append(k, v);
    return search.toString();
}
