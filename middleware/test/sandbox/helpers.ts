// Shared setup for tests that run the client against the in-process sandbox over real HTTP.
import { createWhmcsClient, type WhmcsClient } from '../../src/whmcs';
import { startSandbox, type RunningSandbox, type StartSandboxOptions } from '../../sandbox';

export interface SandboxState {
    clients: Record<string, unknown>[];
    orders: Record<string, unknown>[];
    services: Record<string, unknown>[];
    invoices: Record<string, unknown>[];
    payMethods: Record<string, unknown>[];
}

export async function bootSandbox(options: StartSandboxOptions = {}) {
    const sandbox: RunningSandbox = await startSandbox({ port: 0, dbPath: ':memory:', ...options });
    const client: WhmcsClient = createWhmcsClient({
        baseUrl: sandbox.url,
        identifier: sandbox.identifier,
        secret: sandbox.secret,
        timeoutMs: 2000,
        retryBaseDelayMs: 5
    });
    const control = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
        const res = await fetch(`${sandbox.url}${path}`, {
            method,
            headers: body === undefined ? {} : { 'content-type': 'application/json' },
            body: body === undefined ? undefined : JSON.stringify(body)
        });
        return { status: res.status, body: (await res.json()) as unknown };
    };
    const state = async () => (await control('GET', '/_sandbox/state')).body as SandboxState;
    const calls = async () =>
        (await control('GET', '/_sandbox/calls')).body as { at: string; action: string }[];
    /** A raw API POST (params as given), for protocol-level checks. */
    const raw = async (params: Record<string, string>, opts: { auth?: boolean; query?: string } = {}) => {
        const body = new URLSearchParams({
            ...(opts.auth === false ? {} : { identifier: sandbox.identifier, secret: sandbox.secret }),
            responsetype: 'json',
            ...params
        });
        const res = await fetch(`${sandbox.apiUrl}${opts.query ? `?${opts.query}` : ''}`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body
        });
        const text = await res.text();
        let json: Record<string, unknown> | undefined;
        try {
            json = JSON.parse(text) as Record<string, unknown>;
        } catch {
            json = undefined;
        }
        return { status: res.status, text, json };
    };
    return { sandbox, client, control, state, calls, raw };
}

/** A minimal cookie jar over fetch for the client-area pages (redirects followed by hand). */
export function browser(base: string) {
    const cookies = new Map<string, string>();
    const request = async (
        pathOrUrl: string,
        init: { method?: string; form?: Record<string, string> } = {}
    ) => {
        const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${base}/${pathOrUrl.replace(/^\//, '')}`;
        const res = await fetch(url, {
            method: init.method ?? (init.form ? 'POST' : 'GET'),
            redirect: 'manual',
            headers: {
                ...(cookies.size ? { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
                ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {})
            },
            body: init.form ? new URLSearchParams(init.form) : undefined
        });
        const setCookie = res.headers.get('set-cookie');
        if (setCookie) {
            const [pair] = setCookie.split(';');
            const [k, v] = pair.split('=');
            cookies.set(k.trim(), v.trim());
        }
        return {
            status: res.status,
            location: res.headers.get('location'),
            html: await res.text(),
            headers: res.headers
        };
    };
    return { request, cookies };
}

export function csrfFrom(html: string): string {
    const m = /name="token" value="([0-9a-f]+)"/.exec(html);
    if (!m) throw new Error('no CSRF token in page');
    return m[1];
}
