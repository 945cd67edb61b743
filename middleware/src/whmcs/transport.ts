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

    async function once(action: string, params: WhmcsParams): Promise<WhmcsRawResponse> {
        const body = encodeForm({
            ...params,
            action,
            identifier: opts.identifier,
            secret: opts.secret,
            ...(opts.accessKey ? { accesskey: opts.accessKey } : {}),
            responsetype: 'json'
        });
        let status: number | null = null;
        let text: string;
        try {
            const res = await opts.fetchImpl(url, {
                method: 'POST',
                headers: {
                    'content-type': 'application/x-www-form-urlencoded',
                    accept: 'application/json'
                },
                body,
                timeoutMs: opts.timeoutMs,
                redirect: 'manual'
            });
            status = res.status;
            text = await res.text();
        } catch (err) {
            if (isPostTimeout(err)) {
                throw new WhmcsTransportError(`WHMCS did not answer within ${opts.timeoutMs} ms`, 'timeout', {
                    action,
                    httpStatus: status,
                    cause: err
                });
            }
            throw new WhmcsTransportError(`Could not reach WHMCS: ${describe(err)}`, 'connection', {
                action,
                httpStatus: status,
                cause: err
            });
        }
        return interpret(action, status, text);
    }

    function interpret(action: string, status: number, text: string): WhmcsRawResponse {
        let parsed: unknown;
        try {
            parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
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

    async function call(action: string, params: WhmcsParams = {}): Promise<WhmcsRawResponse> {
        const isRead = READ_ACTIONS.has(action.toLowerCase());
        const maxAttempts = isRead ? 1 + Math.max(0, opts.readRetries) : 1;
        if (opts.logger?.isLevelEnabled('trace')) {
            opts.logger.trace({ whmcsAction: action, params: redactParams(params) }, 'whmcs call');
        }
        for (let attempt = 1; ; attempt++) {
            const started = Date.now();
            try {
                const body = await once(action, params);
                const log = {
                    whmcsAction: action,
                    durationMs: Date.now() - started,
                    outcome: 'success',
                    attempt
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
            } catch (err) {
                const e = err instanceof WhmcsError ? err : undefined;
                const retry = attempt < maxAttempts && isRetryable(err);
                opts.logger?.[retry || e?.kind === 'business' ? 'info' : 'warn'](
                    {
                        whmcsAction: action,
                        durationMs: Date.now() - started,
                        outcome: e?.kind ?? 'error',
                        reason: e instanceof WhmcsTransportError ? e.reason : undefined,
                        httpStatus: e?.httpStatus ?? null,
                        attempt,
                        willRetry: retry
                    },
                    'whmcs call failed'
                );
                if (!retry) throw err;
                // Full jitter: uniform in [0, base * 2^(attempt-1)].
                await sleep(Math.random() * opts.retryBaseDelayMs * 2 ** (attempt - 1));
            }
        }
    }

    return { call, url };
}

function describe(err: unknown): string {
    const cause = (err as { cause?: { code?: string; message?: string } } | undefined)?.cause;
    if (cause?.code) return cause.code;
    if (cause?.message) return cause.message;
    return err instanceof Error ? err.message : 'unknown error';
}
