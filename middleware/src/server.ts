/**
 * The middleware wired and listening: store, WHMCS client, services, Express app, HTTP server and the
 * housekeeping timer. `main.ts` runs it as a process; the local stack (`npm start`, e2e) runs it in-process.
 * Nothing happens on import.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';
import type express from 'express';
import type { Logger } from 'pino';
import type { Config } from './config';
import { AppError } from './domain/errors';
import type { BillingPort, Clock, ProvisioningLedger, ServiceChangeBilling } from './domain/ports';
import type { DomainSettings, ServiceDeps } from './domain/services/deps';
import { createApp } from './http/app';
import { createTokenVerifier, type TokenVerifier } from './http/auth';
import { createBillingAdapter } from './http/billing-adapter';
import { createServiceDeps, serviceChangeSettings, settingsFromConfig } from './http/compose';
import { createLogger } from './http/logger';
import { createServiceChangeAdapter } from './http/service-change-adapter';
import { createStore, type Store } from './store';
import { createWhmcsClient, type WhmcsClient, type WhmcsClientOptions } from './whmcs';

export interface StartOptions {
    /** Defaults to a pino logger at `config.logLevel` on stdout. */
    logger?: Logger;
}

export interface RunningMiddleware {
    /** http://host:port, with a wildcard listen address shown as 127.0.0.1. */
    url: string;
    port: number;
    /**
     * Stops accepting connections, lets in-flight requests finish (10 s at most, then their connections are
     * closed), closes the store and flushes the logger.
     */
    close(): Promise<void>;
}

const SHUTDOWN_GRACE_MS = 10_000;
/** How long a connection accepted before shutdown may take to send its request (then it gets a 503). */
const SHUTDOWN_DRAIN_MS = 1000;
const PRUNE_EVERY_MS = 10 * 60_000;

/** The parts `wireMiddleware` needs, plus hooks the in-process test stack uses; production passes none. */
export interface WiringOptions {
    logger: Logger;
    store: Store;
    verifyToken: TokenVerifier;
    /** Overrides for the services' WHMCS client (tests: short timeouts, no retries). */
    whmcs?: Pick<WhmcsClientOptions, 'timeoutMs' | 'readRetries' | 'retryBaseDelayMs'>;
    settings?: (s: DomainSettings) => DomainSettings;
    clock?: Clock;
    /** Fault injection beyond what the sandbox can do, e.g. a crash. */
    wrapBilling?: (billing: BillingPort) => BillingPort;
    wrapLedger?: (ledger: ProvisioningLedger) => ProvisioningLedger;
    wrapServiceChanges?: (billing: ServiceChangeBilling) => ServiceChangeBilling;
    readinessTimeoutMs?: number;
}

export interface WiredMiddleware {
    app: express.Express;
    deps: ServiceDeps;
    /** The WHMCS client behind the services. */
    whmcs: WhmcsClient;
}

/** WHMCS client, billing adapter, services and Express app, without listening. */
export function wireMiddleware(config: Config, options: WiringOptions): WiredMiddleware {
    const { logger, store } = options;
    const whmcsOptions = {
        baseUrl: config.whmcs.apiUrl,
        identifier: config.whmcs.identifier,
        secret: config.whmcs.secret,
        accessKey: config.whmcs.accessKey,
        logger: logger.child({ component: 'whmcs' })
    };
    const whmcs = createWhmcsClient({ ...whmcsOptions, timeoutMs: config.whmcs.timeoutMs, ...options.whmcs });
    // Readiness must answer quickly: a separate client with a short timeout and no retries.
    const probe = createBillingAdapter({
        client: createWhmcsClient({ ...whmcsOptions, timeoutMs: 2000, readRetries: 0 }),
        logger
    });
    const realBilling = createBillingAdapter({ client: whmcs, logger });
    const billing = options.wrapBilling ? options.wrapBilling(realBilling) : realBilling;
    const settings = settingsFromConfig(config);
    let deps = createServiceDeps({
        settings: options.settings ? options.settings(settings) : settings,
        billing,
        store,
        logger,
        clock: options.clock,
        knownClientTtlMs: config.knownClientTtlSeconds * 1000,
        serviceChanges: {
            billing: (options.wrapServiceChanges ?? ((b) => b))(
                createServiceChangeAdapter({ client: whmcs, logger })
            ),
            settings: serviceChangeSettings(config)
        }
    });
    if (options.wrapLedger) deps = { ...deps, provisioning: options.wrapLedger(deps.provisioning) };
    const app = createApp({
        deps,
        verifyToken: options.verifyToken,
        logger,
        readiness: { store: () => store.ping(), whmcs: () => probe.ping() },
        readinessTimeoutMs: options.readinessTimeoutMs
    });
    return { app, deps, whmcs };
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Rejects with an Error whose message is one line fit for `middleware: cannot start: …`. */
export async function startMiddleware(
    config: Config,
    options: StartOptions = {}
): Promise<RunningMiddleware> {
    const logger = options.logger ?? createLogger(config.logLevel);
    const verifyToken = await createTokenVerifier(config.jwt);
    let store: Store;
    try {
        store = await createStore(
            config.databaseUrl ? { databaseUrl: config.databaseUrl } : { databasePath: config.databasePath }
        );
    } catch (err) {
        // The URL may carry a password: name the variable, not its value.
        const where = config.databaseUrl ? 'DATABASE_URL' : `DATABASE_PATH ${config.databasePath}`;
        throw new Error(`${where}: ${message(err)}`, { cause: err });
    }
    const { app } = wireMiddleware(config, { logger, store, verifyToken });

    let shuttingDown = false;
    const http = createServer((req, res) => {
        if (shuttingDown) return refuseWhileShuttingDown(res);
        app(req, res);
    });
    http.keepAliveTimeout = 5000;
    try {
        await listen(http, config.port, config.host);
    } catch (err) {
        await store.close().catch(() => undefined);
        const code = (err as NodeJS.ErrnoException).code;
        throw new Error(
            code === 'EADDRINUSE'
                ? `port ${config.port} is already in use (set PORT)`
                : `cannot listen on ${config.host}:${config.port}: ${code ?? String(err)}`,
            { cause: err }
        );
    }

    // Housekeeping: verification failures older than the lockout window are no longer needed.
    const windowMs = config.verification.windowMinutes * 60_000;
    const prune = setInterval(() => {
        store.counters.prune(new Date(Date.now() - windowMs)).catch((err: unknown) => {
            logger.warn({ err: message(err) }, 'pruning verification counters failed');
        });
    }, PRUNE_EVERY_MS);
    prune.unref();

    const address = http.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    if (config.whmcs.usingSandboxDefaults) {
        logger.info(
            { whmcs: config.whmcs.apiUrl },
            'no WHMCS_API_* variables set: using the local sandbox defaults'
        );
    }
    logger.info(
        { port, database: config.databaseUrl ? 'postgres' : config.databasePath },
        'middleware ready'
    );

    let closing: Promise<void> | undefined;
    const close = () => {
        closing ??= new Promise<void>((resolve) => {
            shuttingDown = true;
            clearInterval(prune);
            const force = setTimeout(() => http.closeAllConnections(), SHUTDOWN_GRACE_MS);
            force.unref();
            // http.Server#close would also drop connections accepted but not yet parsed (a reset for their
            // client): stop listening only, let them be answered 503, then close what stays idle.
            const drain = setTimeout(() => http.closeIdleConnections(), SHUTDOWN_DRAIN_MS);
            drain.unref();
            NetServer.prototype.close.call(http, () => {
                clearTimeout(force);
                clearTimeout(drain);
                void store.close().finally(() => {
                    logger.flush();
                    resolve();
                });
            });
        });
        return closing;
    };
    return { url: `http://${host}:${port}`, port, close };
}

/** A request that arrives once shutdown has begun: 503, retryable, and the connection is closed after it. */
function refuseWhileShuttingDown(res: ServerResponse): void {
    const error = new AppError('SERVICE_UNAVAILABLE');
    const body = JSON.stringify({
        error: { code: error.code, message: error.message, retryable: error.retryable },
        requestId: globalThis.crypto.randomUUID()
    });
    res.writeHead(error.status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
        'cache-control': 'no-store',
        'retry-after': '1',
        connection: 'close'
    });
    res.end(body);
}

function listen(server: Server, port: number, host: string): Promise<void> {
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
            server.off('error', reject);
            resolve();
        });
    });
}
