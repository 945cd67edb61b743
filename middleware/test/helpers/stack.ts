/**
 * Integration stack for tests: the WHMCS sandbox in-process on a random port, the middleware app on a
 * random port with an in-memory store, a test key pair, and a captured log stream.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import supertest from 'supertest';
import { loadConfig } from '../../src/config';
import type { BillingPort, Clock, ProvisioningLedger, ServiceChangeBilling } from '../../src/domain/ports';
import type { DomainSettings, ServiceDeps } from '../../src/domain/services/deps';
import { createTokenVerifier } from '../../src/http/auth';
import { createLogger } from '../../src/http/logger';
import { wireMiddleware } from '../../src/server';
import { createStore, type Store } from '../../src/store';
import type { WhmcsClient } from '../../src/whmcs';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { newKeyPair, signToken, type SignOptions, type TestKeyPair } from './keys';

let sharedKeys: Promise<TestKeyPair> | undefined;
export function testKeys(): Promise<TestKeyPair> {
    sharedKeys ??= newKeyPair();
    return sharedKeys;
}

export interface StackOptions {
    env?: Record<string, string>;
    settings?: (s: DomainSettings) => DomainSettings;
    clock?: Clock;
    /** Reuse an existing store (crash-and-redrive tests). */
    store?: Store;
    /** Reuse an existing sandbox. */
    sandbox?: RunningSandbox;
    whmcsTimeoutMs?: number;
    /** Wrap the ports (fault injection beyond what the sandbox can do, e.g. a crash). */
    wrapBilling?: (billing: BillingPort) => BillingPort;
    wrapLedger?: (ledger: ProvisioningLedger) => ProvisioningLedger;
    wrapServiceChanges?: (billing: ServiceChangeBilling) => ServiceChangeBilling;
}

export interface Stack {
    sandbox: RunningSandbox;
    /** A WHMCS client on the sandbox, for test set-up (e.g. adding a card). */
    whmcs: WhmcsClient;
    store: Store;
    deps: ServiceDeps;
    baseUrl: string;
    logs: string[];
    http: ReturnType<typeof supertest>;
    token(options?: SignOptions): Promise<string>;
    /** Authenticated JSON request helpers. */
    get(path: string): Promise<supertest.Response>;
    post(path: string, body: unknown): Promise<supertest.Response>;
    put(path: string, body: unknown): Promise<supertest.Response>;
    control(path: string, body?: unknown): Promise<unknown>;
    state(): Promise<SandboxState>;
    close(options?: { keepSandbox?: boolean; keepStore?: boolean }): Promise<void>;
}

export interface SandboxState {
    clients: { id: number; email: string }[];
    orders: { id: number; userid: number; status: string; notes: string }[];
    services: { id: number; userid: number; orderid: number; packageid: number; status: string }[];
    invoices: { id: number; userid: number }[];
    [key: string]: unknown;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
    const keys = await testKeys();
    const sandbox = options.sandbox ?? (await startSandbox({ port: 0, faultHoldMs: 3000 }));
    const logs: string[] = [];
    const logger = createLogger('debug', { write: (line: string) => void logs.push(line) });
    const store = options.store ?? (await createStore({ databasePath: ':memory:' }));
    const config = loadConfig({
        JWT_PUBLIC_KEYS: keys.publicPem,
        WHMCS_API_URL: sandbox.url,
        WHMCS_API_IDENTIFIER: sandbox.identifier,
        WHMCS_API_SECRET: sandbox.secret,
        ...options.env
    });
    const {
        app,
        deps,
        whmcs: client
    } = wireMiddleware(config, {
        logger,
        store,
        verifyToken: await createTokenVerifier(config.jwt),
        whmcs: { timeoutMs: options.whmcsTimeoutMs ?? 1000, readRetries: 0, retryBaseDelayMs: 10 },
        settings: (s) => {
            const quick = { ...s, provisioning: { ...s.provisioning, waitMs: 8000, pollMs: 20 } };
            return options.settings ? options.settings(quick) : quick;
        },
        clock: options.clock,
        wrapBilling: options.wrapBilling,
        wrapLedger: options.wrapLedger,
        wrapServiceChanges: options.wrapServiceChanges,
        readinessTimeoutMs: 500
    });
    const server: Server = await new Promise((resolve) => {
        const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const http = supertest(baseUrl);
    const bearer = await signToken(keys.privateKey);

    const control = async (path: string, body?: unknown) => {
        const res = await fetch(`${sandbox.url}${path}`, {
            method: body === undefined ? 'GET' : 'POST',
            headers: { 'content-type': 'application/json' },
            body: body === undefined ? undefined : JSON.stringify(body)
        });
        return res.json();
    };

    return {
        sandbox,
        whmcs: client,
        store,
        deps,
        baseUrl,
        logs,
        http,
        token: (o) => signToken(keys.privateKey, o),
        get: (path) => http.get(path).set('authorization', `Bearer ${bearer}`),
        post: (path, body) =>
            http
                .post(path)
                .set('authorization', `Bearer ${bearer}`)
                .send(body as object),
        put: (path, body) =>
            http
                .put(path)
                .set('authorization', `Bearer ${bearer}`)
                .send(body as object),
        control,
        state: async () => (await control('/_sandbox/state')) as SandboxState,
        async close(o = {}) {
            server.closeAllConnections();
            await new Promise<void>((resolve) => server.close(() => resolve()));
            if (!o.keepStore && !options.store) await store.close();
            if (!o.keepSandbox && !options.sandbox) await sandbox.close();
        }
    };
}
