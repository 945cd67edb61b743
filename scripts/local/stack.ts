import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startSandbox } from '../../middleware/sandbox/index';
import { loadConfig } from '../../middleware/src/config';
import { startMiddleware } from '../../middleware/src/server';
import { createLocalOrg, type LocalOrg } from '../preview/org/index';
import { createPreviewApp, listen } from '../preview/server';
import { localDir } from '../preview/paths';
import { ensureJwtKeyPair, generateJwtKeyPair } from './keys';

export interface StackOptions {
    /** 0 = a free port. */
    previewPort: number;
    middlewarePort: number;
    sandboxPort: number;
    /** Where the SQLite files and the JWT key pair live; null = everything in memory, fresh keys (tests). */
    stateDir: string | null;
    logLevel?: string;
    log?: (line: string) => void;
}

export interface RunningStack {
    previewUrl: string;
    middlewareUrl: string;
    sandboxUrl: string;
    org: LocalOrg;
    /** Resets the WHMCS sandbox to its seed (e2e). */
    resetSandbox(): void;
    close(): Promise<void>;
}

export class PortInUseError extends Error {
    constructor(
        readonly service: string,
        readonly port: number,
        readonly variable: string
    ) {
        super(`port ${port} (${service}) is already in use; set ${variable} to another port`);
        this.name = 'PortInUseError';
    }
}

// Fails early, before anything starts, when a fixed port is taken.
export function assertPortFree(
    port: number,
    service: string,
    variable: string,
    host = '127.0.0.1'
): Promise<void> {
    if (port === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
        const probe = net.createServer();
        probe.once('error', (error: NodeJS.ErrnoException) => {
            reject(error.code === 'EADDRINUSE' ? new PortInUseError(service, port, variable) : error);
        });
        probe.listen(port, host, () => probe.close(() => resolve()));
    });
}

export async function startStack(options: StackOptions): Promise<RunningStack> {
    const log = options.log ?? (() => undefined);
    await assertPortFree(options.sandboxPort, 'WHMCS sandbox', 'SANDBOX_PORT');
    await assertPortFree(options.middlewarePort, 'middleware', 'PORT');
    await assertPortFree(options.previewPort, 'portal preview', 'PREVIEW_PORT');

    const stateDir = options.stateDir;
    const keys = stateDir ? await ensureJwtKeyPair(path.join(stateDir, 'jwt')) : await generateJwtKeyPair();
    if (stateDir && 'created' in keys && keys.created)
        log(`Generated a JWT key pair in ${path.join(stateDir, 'jwt')}`);
    const file = (name: string) => (stateDir ? path.join(stateDir, name) : ':memory:');
    if (stateDir) {
        fs.mkdirSync(stateDir, { recursive: true });
        // The sandbox reloads its seed at every start, so the ledger and the local org start fresh with it:
        // ids they hold would otherwise point at WHMCS clients and orders that no longer exist.
        for (const name of ['middleware.db']) {
            for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file(name) + suffix, { force: true });
        }
    }

    const closers: (() => Promise<void>)[] = [];
    const closeAll = async () => {
        for (const close of closers.reverse()) {
            await close().catch((error: unknown) => log(`shutdown: ${String(error)}`));
        }
    };
    try {
        let previewUrl = '';
        const sandbox = await startSandbox({
            port: options.sandboxPort,
            dbPath: file('whmcs-sandbox.db'),
            // The SSO pages' "back to the portal" link; the preview port is known up front unless it is 0.
            portalUrl: `http://127.0.0.1:${options.previewPort || 3000}`
        });
        closers.push(() => sandbox.close());
        // What `npm run middleware` runs, configured through the same variables (loadConfig).
        const middleware = await startMiddleware(
            loadConfig({
                PORT: String(options.middlewarePort),
                HOST: '127.0.0.1',
                DATABASE_PATH: file('middleware.db'),
                WHMCS_API_URL: sandbox.url,
                WHMCS_API_IDENTIFIER: sandbox.identifier,
                WHMCS_API_SECRET: sandbox.secret,
                JWT_PUBLIC_KEYS: keys.publicKeyPem,
                LOG_LEVEL: options.logLevel ?? 'warn'
            })
        );
        closers.push(() => middleware.close());
        const org = await createLocalOrg({
            middlewareUrl: middleware.url,
            privateKey: keys.privateKeyPem,
            log
        });
        closers.push(async () => {
            await org.idle();
            await org.close();
        });
        const preview = await listen(createPreviewApp(org), options.previewPort);
        closers.push(() => preview.close());
        previewUrl = preview.url;
        return {
            previewUrl,
            middlewareUrl: middleware.url,
            sandboxUrl: sandbox.url,
            org,
            resetSandbox: () => sandbox.reset(),
            close: closeAll
        };
    } catch (error) {
        await closeAll();
        throw error;
    }
}

export const defaultStateDir = localDir;
