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
