import { randomUUID } from 'node:crypto';
import { SignJWT, type CryptoKey, type KeyObject } from 'jose';

// The Named Credential `Portal_Middleware` of the org: RS256 JWT (iss/aud per contract), JSON in and out.
export interface MiddlewareOptions {
    baseUrl: string;
    privateKey: CryptoKey | KeyObject;
    issuer?: string;
    audience?: string;
    subject?: string;
    fetchImpl?: typeof fetch;
    timeoutMs?: number;
}

// MiddlewareClient.MiddlewareException: the code is what Apex passes on to the LWC.
export class MiddlewareError extends Error {
    constructor(
        readonly code: string,
        message: string,
        readonly retryable: boolean,
        readonly statusCode: number,
        readonly details: Record<string, unknown> = {}
    ) {
        super(message || code);
        this.name = 'MiddlewareError';
    }
}

export type Json = Record<string, unknown>;

export interface MiddlewareClient {
    send(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, timeoutMs?: number): Promise<Json>;
}

// JSON.serialize(body, true) in Apex: null fields are left out.
export function withoutNulls<T>(value: T): T {
    if (Array.isArray(value)) return value.map((v) => withoutNulls(v)) as T;
    if (value && typeof value === 'object') {
        const out: Record<string, unknown> = {};
        for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
            if (v !== null && v !== undefined) out[key] = withoutNulls(v);
        }
        return out as T;
    }
    return value;
}

function asMap(value: unknown): Json {
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

export function createMiddlewareClient(options: MiddlewareOptions): MiddlewareClient {
    const fetchImpl = options.fetchImpl ?? fetch;
    const issuer = options.issuer ?? 'salesforce-portal';
    const audience = options.audience ?? 'portal-middleware';

    async function token(): Promise<string> {
        return new SignJWT({})
            .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
            .setIssuer(issuer)
            .setAudience(audience)
            .setSubject(options.subject ?? 'local-preview-org')
            .setIssuedAt()
            .setJti(randomUUID())
            .setExpirationTime('2m')
            .sign(options.privateKey);
    }

    return {
        async send(method, path, body, timeoutMs) {
            const headers: Record<string, string> = {
                Accept: 'application/json',
                Authorization: `Bearer ${await token()}`,
                'X-Request-Id': randomUUID()
            };
            if (body !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
            let response: Response;
            try {
                response = await fetchImpl(options.baseUrl.replace(/\/$/, '') + path, {
                    method,
                    headers,
                    body: body === undefined ? undefined : JSON.stringify(body),
                    signal: AbortSignal.timeout(timeoutMs ?? options.timeoutMs ?? 20000)
                });
            } catch {
                throw new MiddlewareError(
                    'BILLING_UNAVAILABLE',
                    'The billing service could not be reached.',
                    true,
                    0
                );
            }
            const text = await response.text();
            let parsed: unknown = null;
            try {
                parsed = text ? JSON.parse(text) : null;
            } catch {
                parsed = null;
            }
            if (response.status >= 200 && response.status < 300) {
                if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
                    throw new MiddlewareError(
                        'BILLING_UNAVAILABLE',
                        'The billing service answered without a readable body.',
                        true,
                        response.status
                    );
                }
                return parsed as Json;
            }
            const error = asMap(asMap(parsed).error);
            const code = typeof error.code === 'string' && error.code ? error.code : '';
            if (!code) {
                throw new MiddlewareError(
                    'BILLING_UNAVAILABLE',
                    `The billing service answered HTTP ${response.status}.`,
                    true,
                    response.status
                );
            }
            const retryable = 'retryable' in error ? error.retryable === true : response.status >= 500;
            throw new MiddlewareError(
                code,
                typeof error.message === 'string' ? error.message : code,
                retryable,
                response.status,
                asMap(error.details)
            );
        }
    };
}
