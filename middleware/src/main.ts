/**
 * Process entry: `npm run middleware`. Prints the URL once listening; exits 1 with a one-line reason when
 * it cannot start; shuts down gracefully on SIGTERM/SIGINT.
 */
import { createServer, type Server } from 'node:http';
import { ConfigError, loadConfig, type Config } from './config';
import { createApp } from './http/app';
import { createTokenVerifier } from './http/auth';
import { createBillingAdapter } from './http/billing-adapter';
import { createServiceDeps, settingsFromConfig } from './http/compose';
import { createLogger } from './http/logger';
import { createStore, type Store } from './store';
import { createWhmcsClient } from './whmcs';

function fail(reason: string): never {
    process.stderr.write(`middleware: cannot start: ${reason}\n`);
    process.exit(1);
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

async function start(config: Config): Promise<void> {
    if (config.databaseUrl) {
        fail('DATABASE_URL (PostgreSQL) is not supported yet; unset it and use DATABASE_PATH (SQLite)');
    }
    const logger = createLogger(config.logLevel);
    const verifyToken = await createTokenVerifier(config.jwt);
    let store: Store;
    try {
        store = await createStore({ databasePath: config.databasePath });
    } catch (err) {
        fail(`DATABASE_PATH ${config.databasePath}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const whmcsOptions = {
        baseUrl: config.whmcs.apiUrl,
        identifier: config.whmcs.identifier,
        secret: config.whmcs.secret,
        accessKey: config.whmcs.accessKey,
        logger: logger.child({ component: 'whmcs' })
    };
    const whmcs = createWhmcsClient({ ...whmcsOptions, timeoutMs: config.whmcs.timeoutMs });
    // Readiness must answer quickly: a separate client with a short timeout and no retries.
    const probe = createWhmcsAdapterForProbe(whmcsOptions, logger);
    const billing = createBillingAdapter({ client: whmcs, logger });
    const deps = createServiceDeps({ settings: settingsFromConfig(config), billing, store, logger });
    const app = createApp({
        deps,
        verifyToken,
        logger,
        readiness: { store: () => store.ping(), whmcs: () => probe.ping() }
    });

    // Housekeeping: verification failures older than the lockout window are no longer needed.
    const windowMs = config.verification.windowMinutes * 60_000;
    const prune = setInterval(() => {
        store.counters.prune(new Date(Date.now() - windowMs)).catch((err: unknown) => {
            logger.warn(
                { err: err instanceof Error ? err.message : String(err) },
                'pruning verification counters failed'
            );
        });
    }, 10 * 60_000);
    prune.unref();

    const http = createServer(app);
    http.keepAliveTimeout = 5000;
    try {
        await listen(http, config.port, config.host);
    } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        fail(
            code === 'EADDRINUSE'
                ? `port ${config.port} is already in use (set PORT)`
                : `cannot listen on ${config.host}:${config.port}: ${code ?? String(err)}`
        );
    }
    const address = http.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const shownHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    if (config.whmcs.usingSandboxDefaults) {
        logger.info(
            { whmcs: config.whmcs.apiUrl },
            'no WHMCS_API_* variables set: using the local sandbox defaults'
        );
    }
    logger.info({ port, database: config.databasePath }, 'middleware ready');
    process.stdout.write(`middleware listening on http://${shownHost}:${port}\n`);

    let stopping = false;
    const shutdown = (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'shutting down');
        clearInterval(prune);
        const force = setTimeout(() => {
            http.closeAllConnections();
        }, 10_000);
        force.unref();
        http.close(() => {
            void store.close().finally(() => {
                logger.info({}, 'stopped');
                logger.flush();
                process.exit(0);
            });
        });
        http.closeIdleConnections();
    };
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    process.on('SIGINT', () => shutdown('SIGINT'));
}

function createWhmcsAdapterForProbe(
    options: Parameters<typeof createWhmcsClient>[0],
    logger: ReturnType<typeof createLogger>
) {
    return createBillingAdapter({
        client: createWhmcsClient({ ...options, timeoutMs: 2000, readRetries: 0 }),
        logger
    });
}

let config: Config;
try {
    config = loadConfig(process.env);
} catch (err) {
    if (err instanceof ConfigError) fail(err.problems.join('; '));
    throw err;
}
start(config).catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
