import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../middleware/src/config';
import { createApp } from '../../middleware/src/http/app';
import { createTokenVerifier } from '../../middleware/src/http/auth';
import { createBillingAdapter } from '../../middleware/src/http/billing-adapter';
import { createServiceDeps, settingsFromConfig } from '../../middleware/src/http/compose';
import { createLogger } from '../../middleware/src/http/logger';
import { createStore } from '../../middleware/src/store';
import { createWhmcsClient } from '../../middleware/src/whmcs';

export interface RunningMiddleware {
    url: string;
    port: number;
    close(): Promise<void>;
}

// The middleware in-process, wired exactly like middleware/src/main.ts, from the same environment
// variables (loadConfig), so `npm start` runs what `npm run middleware` runs.
export async function startMiddleware(env: Record<string, string | undefined>): Promise<RunningMiddleware> {
    const config = loadConfig(env as NodeJS.ProcessEnv);
    const logger = createLogger(config.logLevel);
    const verifyToken = await createTokenVerifier(config.jwt);
    const store = await createStore({ databasePath: config.databasePath });
    const whmcsOptions = {
        baseUrl: config.whmcs.apiUrl,
        identifier: config.whmcs.identifier,
        secret: config.whmcs.secret,
        accessKey: config.whmcs.accessKey,
        logger: logger.child({ component: 'whmcs' })
    };
    const whmcs = createWhmcsClient({ ...whmcsOptions, timeoutMs: config.whmcs.timeoutMs });
    const probe = createBillingAdapter({
        client: createWhmcsClient({ ...whmcsOptions, timeoutMs: 2000, readRetries: 0 }),
        logger
    });
    const billing = createBillingAdapter({ client: whmcs, logger });
    const deps = createServiceDeps({ settings: settingsFromConfig(config), billing, store, logger });
    const app = createApp({
        deps,
        verifyToken,
        logger,
        readiness: { store: () => store.ping(), whmcs: () => probe.ping() }
    });
    const server: Server = createServer(app);
    server.keepAliveTimeout = 5000;
    try {
        await new Promise<void>((resolve, reject) => {
            server.once('error', reject);
            server.listen(config.port, config.host, () => {
                server.off('error', reject);
                resolve();
            });
        });
    } catch (error) {
        await store.close();
        throw error;
    }
    const port = (server.address() as AddressInfo).port;
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    return {
        url: `http://${host}:${port}`,
        port,
        close: () =>
            new Promise<void>((resolve) => {
                server.close(() => {
                    void store.close().finally(() => {
                        logger.flush();
                        resolve();
                    });
                });
                server.closeAllConnections();
            })
    };
}
