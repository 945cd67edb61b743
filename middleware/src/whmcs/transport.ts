// One WHMCS API call over HTTP: form-encoded POST, timeout, error classification, read retries.
import type { Logger } from 'pino';
import { classifyErrorBody, WhmcsError, WhmcsTransportError } from './errors';
import { isPostTimeout, type HttpPost } from './http-post';
import { encodeForm } from './php';
import { redactParams } from './redact';
import type { WhmcsParams, WhmcsRawResponse } from './types';

/** Actions that change state or mint secrets: never retried by the client (WHMCS-API.md §8, ARCHITECTURE §3.2). */
export const WRITE_ACTIONS: ReadonlySet<string> = new Set(
    [
        'AddClient',
        'UpdateClient',
        'AddOrder',
        'AcceptOrder',
        'PendingOrder',
        'CancelOrder',
        'AddPayMethod',
        'DeletePayMethod',
        'UpdatePayMethod',
        'AddInvoicePayment',
        'CreateSsoToken',
        'ValidateLogin',
        'UpgradeProduct',
        'AddCancelRequest'
    ].map((a) => a.toLowerCase())
);

/** Actions known to be side-effect free; only these are retried (an unknown raw action is treated as a write). */
export const READ_ACTIONS: ReadonlySet<string> = new Set(
    [
        'GetClientsDetails',
        'GetClients',
        'GetPayMethods',
        'GetOrders',
        'GetClientsProducts',
        'GetProducts',
        'GetInvoices',
        'GetInvoice',
        'GetPaymentMethods',
        'GetOrderStatuses',
        'GetTransactions',
        'GetUsers',
        'GetCurrencies'
    ].map((a) => a.toLowerCase())
);

/** Set by the transport itself on every call. */
const RESERVED_PARAMS: ReadonlySet<string> = new Set([
    'action',
    'identifier',
    'secret',
    'accesskey',
    'responsetype'
]);

export interface TransportOptions {
    baseUrl: string;
    identifier: string;
    secret: string;
    accessKey?: string;
    timeoutMs: number;
    readRetries: number;
    retryBaseDelayMs: number;
    logger?: Logger;
    fetchImpl: HttpPost;
}

export function apiUrlFor(baseUrl: string): string {
    const trimmed = baseUrl.replace(/\/+$/, '');
    // Tolerate a base that already ends with the endpoint (a classic misconfiguration, §1).
    return trimmed.endsWith('/includes/api.php') ? trimmed : `${trimmed}/includes/api.php`;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Whether another attempt may help: transport failures that are not 4xx answers or bad shapes. */
function isRetryable(err: unknown): boolean {
    if (!(err instanceof WhmcsTransportError)) return false;
    if (err.reason === 'invalid_response') return false;
    if (err.httpStatus !== null && err.httpStatus >= 400 && err.httpStatus < 500) return false;
    return true;
}

export function createTransport(opts: TransportOptions) {
    const url = apiUrlFor(opts.baseUrl);
    // The end of every body, encoded once: encoding the credentials was most of the cost of a call's body.
    const credentials = encodeForm({
        identifier: opts.identifier,
        secret: opts.secret,
        ...(opts.accessKey ? { accesskey: opts.accessKey } : {}),
        responsetype: 'json'
    });

    /** The params, then the action and the credentials (which a param of the same name cannot replace). */
    function formBody(action: string, params: WhmcsParams): string {
        let own = params;
        if (Object.keys(params).some((k) => RESERVED_PARAMS.has(k))) {
            own = Object.fromEntries(Object.entries(params).filter(([k]) => !RESERVED_PARAMS.has(k)));
        }
        return `${encodeForm({ ...own, action })}&${credentials}`;
    }

    /** One attempt. Chained rather than async: it is on every call, and each await costs promises. */
    function once(action: string, params: WhmcsParams): Promise<WhmcsRawResponse> {
        let status: number | null = null;
        return opts
            .fetchImpl(url, {
                method: 'POST',
                headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
                body: formBody(action, params),
                timeoutMs: opts.timeoutMs,
                redirect: 'manual'
            })
            .then((res) => {
                status = res.status;
                return res.text();
            })
            .then(
                (text) => interpret(action, status as number, text),
                (err: unknown) => {
                    throw exchangeFailure(action, status, err);
                }
            );
    }

    function exchangeFailure(action: string, status: number | null, err: unknown): WhmcsTransportError {
        if (isPostTimeout(err)) {
            return new WhmcsTransportError(`WHMCS did not answer within ${opts.timeoutMs} ms`, 'timeout', {
                action,
                httpStatus: status,
                cause: err
            });
        }
        return new WhmcsTransportError(`Could not reach WHMCS: ${describe(err)}`, 'connection', {
            action,
            httpStatus: status,
            cause: err
        });
    }

    function interpret(action: string, status: number, text: string): WhmcsRawResponse {
        let parsed: unknown;
        try {
            parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
        } catch {
            const head = text.slice(0, 80).replace(/\s+/g, ' ').trim();
            if (status >= 500) {
                throw new WhmcsTransportError(`WHMCS answered HTTP ${status}`, 'http_status', {
                    action,
                    httpStatus: status
                });
            }
            throw new WhmcsTransportError(
                `WHMCS answered HTTP ${status} with a body that is not JSON: ${JSON.stringify(head)}`,
                'non_json',
                { action, httpStatus: status }
            );
        }
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
            throw new WhmcsTransportError(
                `WHMCS answered HTTP ${status} with JSON that is not an object`,
                'non_json',
                {
                    action,
                    httpStatus: status
                }
            );
        }
        const body = parsed as Record<string, unknown>;
        const result = typeof body.result === 'string' ? body.result.toLowerCase() : undefined;
        const altStatus = typeof body.status === 'string' ? body.status.toLowerCase() : undefined;
        if (result === 'success' && status < 500 && status !== 403) return body;
        if (result === undefined && altStatus === 'success' && status < 400) return body;
        if (result === 'success' || (result === undefined && altStatus === 'success')) {
            // A success body with an error status: trust the status.
            throw classifyErrorBody(action, status, { message: `HTTP ${status}` });
        }
        if (result === undefined && altStatus === undefined && status >= 500) {
            throw new WhmcsTransportError(`WHMCS answered HTTP ${status}`, 'http_status', {
                action,
                httpStatus: status
            });
        }
        throw classifyErrorBody(action, status, body);
    }

    function call(action: string, params: WhmcsParams = {}): Promise<WhmcsRawResponse> {
        const isRead = READ_ACTIONS.has(action.toLowerCase());
        const maxAttempts = isRead ? 1 + Math.max(0, opts.readRetries) : 1;
        if (opts.logger?.isLevelEnabled('trace')) {
            opts.logger.trace({ whmcsAction: action, params: redactParams(params) }, 'whmcs call');
        }
        const attempt = (n: number): Promise<WhmcsRawResponse> => {
            const started = Date.now();
            let exchange: Promise<WhmcsRawResponse>;
            try {
                exchange = once(action, params);
            } catch (err) {
                // A param that cannot be encoded, or an HttpPost that throws: a rejection like any failure.
                exchange = Promise.reject(err as Error);
            }
            return exchange.then(
                (body) => {
                    const log = {
                        whmcsAction: action,
                        durationMs: Date.now() - started,
                        outcome: 'success',
                        attempt: n
                    };
                    if (typeof body.warning === 'string' && body.warning !== '') {
                        // Some "warnings" mean nothing happened (§1.2); make them visible.
                        opts.logger?.warn(
                            { ...log, warning: body.warning },
                            'whmcs call succeeded with a warning'
                        );
                    } else {
                        opts.logger?.debug(log, 'whmcs call');
                    }
                    return body;
                },
                (err: unknown) => {
                    const e = err instanceof WhmcsError ? err : undefined;
                    const retry = n < maxAttempts && isRetryable(err);
                    opts.logger?.[retry || e?.kind === 'business' ? 'info' : 'warn'](
                        {
                            whmcsAction: action,
                            durationMs: Date.now() - started,
                            outcome: e?.kind ?? 'error',
                            reason: e instanceof WhmcsTransportError ? e.reason : undefined,
                            httpStatus: e?.httpStatus ?? null,
                            attempt: n,
                            willRetry: retry
                        },
                        'whmcs call failed'
                    );
                    if (!retry) throw err;
                    // Full jitter: uniform in [0, base * 2^(n-1)].
                    return sleep(Math.random() * opts.retryBaseDelayMs * 2 ** (n - 1)).then(() =>
                        attempt(n + 1)
                    );
                }
            );
        };
        return attempt(1);
    }

    return { call, url };
}

function describe(err: unknown): string {
    const cause = (err as { cause?: { code?: string; message?: string } } | undefined)?.cause;
    if (cause?.code) return cause.code;
    if (cause?.message) return cause.message;
    return err instanceof Error ? err.message : 'unknown error';
}
