// The WHMCS sandbox as a library: tests start it in-process on a random port with an in-memory DB.
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { EmptyListForm } from './actions';
import { openDb } from './db';
import { createSandboxServer } from './server';

export const SANDBOX_DEFAULTS = {
    port: 8081,
    host: '127.0.0.1',
    dbPath: '.local/whmcs-sandbox.db',
    identifier: 'sandbox-identifier',
    secret: 'sandbox-secret-change-me',
    allowedIps: ['127.0.0.1', '::1'],
    portalUrl: 'http://localhost:3000'
} as const;

export interface StartSandboxOptions {
    /** 0 = a random free port (default 0). */
    port?: number;
    /** Interface to bind (default 127.0.0.1: the sandbox has development credentials). */
    host?: string;
    /** SQLite file, or ':memory:' (default ':memory:'). */
    dbPath?: string;
    identifier?: string;
    secret?: string;
    /** Optional API access key that bypasses the IP allow-list, as in WHMCS. */
    accessKey?: string;
    /** Caller IPs allowed to use the API and the control surface ('*' = any). Default loopback. */
    allowedIps?: string[];
    /** Where the client-area pages' "Back to the portal" link goes. */
    portalUrl?: string;
    /** System URL used in SSO links; default the URL the server listens on. */
    publicUrl?: string;
    logger?: Logger;
    /** How long a `timeout` fault holds the request before closing it (default 60 000 ms). */
    faultHoldMs?: number;
    /** SSO token lifetime (default 60 000 ms, as WHMCS). */
    ssoTtlMs?: number;
    /** Empty-list rendering for every list (default: one documented form per action). */
    emptyListForm?: EmptyListForm;
    /** Clock (tests). */
    now?: () => Date;
    /** Keep existing data in a file database instead of reseeding on start (default false). */
    keepData?: boolean;
}

export interface RunningSandbox {
    /** Base (System) URL, e.g. http://127.0.0.1:8081 — give this to createWhmcsClient({ baseUrl }). */
    url: string;
    /** The API endpoint: `${url}/includes/api.php`. */
    apiUrl: string;
    port: number;
    identifier: string;
    secret: string;
    /** Stops listening and drops open connections (including held `timeout` faults). */
    close(): Promise<void>;
    /** Same as POST /_sandbox/reset: empty the data, load the seed, clear calls, faults and latency. */
    reset(): void;
}

export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
    const identifier = options.identifier ?? SANDBOX_DEFAULTS.identifier;
    const secret = options.secret ?? SANDBOX_DEFAULTS.secret;
    const db = openDb(options.dbPath ?? ':memory:');
    const sandbox = createSandboxServer({
        db,
        identifier,
        secret,
        accessKey: options.accessKey,
        allowedIps: options.allowedIps ?? [...SANDBOX_DEFAULTS.allowedIps],
        portalUrl: options.portalUrl ?? SANDBOX_DEFAULTS.portalUrl,
        logger: options.logger,
        faultHoldMs: options.faultHoldMs ?? 60_000,
        ssoTtlMs: options.ssoTtlMs ?? 60_000,
        emptyListForm: options.emptyListForm ?? 'default',
        now: options.now ?? (() => new Date())
    });
    if (!options.keepData || !sandbox.hasData()) sandbox.reset();
    const host = options.host ?? SANDBOX_DEFAULTS.host;
    const { server } = sandbox;
    await new Promise<void>((resolve, reject) => {
        const onError = (err: NodeJS.ErrnoException) => {
            db.close();
            reject(
                err.code === 'EADDRINUSE'
                    ? new Error(`port ${options.port ?? 0} on ${host} is already in use`)
                    : err.code === 'EADDRNOTAVAIL'
                      ? new Error(`cannot bind to address ${host}`)
                      : err
            );
        };
        server.once('error', onError);
        server.listen(options.port ?? 0, host, () => {
            server.off('error', onError);
            resolve();
        });
    });
    server.keepAliveTimeout = 5_000;
    const port = (server.address() as AddressInfo).port;
    const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
    const url = (options.publicUrl ?? `http://${urlHost}:${port}`).replace(/\/+$/, '');
    sandbox.setSystemUrl(url);
    let closed = false;
    return {
        url,
        apiUrl: `${url}/includes/api.php`,
        port,
        identifier,
        secret,
        reset: () => sandbox.reset(),
        close: () =>
            new Promise<void>((resolve) => {
                if (closed) return resolve();
                closed = true;
                sandbox.destroyHeld();
                server.close(() => {
                    db.close();
                    resolve();
                });
                server.closeAllConnections();
            })
    };
}

export { snapshot as sandboxState } from './server';
