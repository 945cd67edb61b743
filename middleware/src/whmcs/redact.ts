// Everything that could reach a log passes through here first (WHMCS-API.md §7, §8.7).
import type { WhmcsParams, WhmcsParamValue } from './types';

export const REDACTED = '[REDACTED]';

const SENSITIVE_EXACT = new Set([
    'identifier',
    'secret',
    'accesskey',
    'username',
    'password',
    'password2',
    'servicepassword',
    'passwordhash',
    'rootpw',
    'cardnum',
    'cardnumber',
    'cvv',
    'cvc',
    'expdate',
    'issuenumber',
    'bank_account',
    'bank_code',
    'bankaccount',
    'bankcode',
    'remote_token',
    'access_token',
    'accesstoken',
    'redirect_url',
    'redirecturl',
    'customfields',
    'securityqans'
]);

/** True for keys whose values must never be logged (case-insensitive; card_* and *password* too). */
export function isSensitiveKey(key: string): boolean {
    const k = key.toLowerCase().replace(/\[.*$/, '');
    return (
        SENSITIVE_EXACT.has(k) ||
        k.startsWith('card') ||
        k.includes('password') ||
        k.includes('secret') ||
        k.includes('token')
    );
}

// Card and bank account numbers (12–19 digits, spaced or dashed) and `key=value` / `key: value` pairs
// whose key is sensitive, as they could appear in a billing system's free text.
const CARD_LIKE = /\b\d(?:[ -]?\d){11,18}\b/g;
const KEY_VALUE = /\b([A-Za-z_][\w-]*)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;&]+)/g;

/** Free text (e.g. WHMCS's error message) with card-like numbers and sensitive `key=value` values masked. */
export function redactText(text: string): string {
    return text
        .replace(KEY_VALUE, (_whole, key: string, sep: string, value: string) =>
            // A value may itself hold a pair ("input: password=x").
            isSensitiveKey(key) ? `${key}${sep}${REDACTED}` : `${key}${sep}${redactText(value)}`
        )
        .replace(CARD_LIKE, REDACTED);
}

/** A deep copy of request params (or a response body) with sensitive values replaced. */
export function redactParams<T extends WhmcsParams | Record<string, unknown>>(
    params: T
): Record<string, unknown> {
    const walk = (value: unknown): unknown => {
        if (Array.isArray(value)) return value.map(walk);
        if (value !== null && typeof value === 'object') {
            const out: Record<string, unknown> = {};
            for (const [k, v] of Object.entries(value as Record<string, WhmcsParamValue>)) {
                out[k] = isSensitiveKey(k) ? REDACTED : walk(v);
            }
            return out;
        }
        return value;
    };
    return walk(params) as Record<string, unknown>;
}
