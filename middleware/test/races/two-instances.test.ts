/**
 * Several middleware processes on one PostgreSQL database (the design's "several instances behind a
 * balancer"): 50 concurrent provision calls for one order split between two processes, and a SIGKILL of
 * one while its AddOrder is in flight followed by a re-drive on the other, each end with one WHMCS order.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { KENTA, accountId, orderId, simLines } from '../helpers/fixtures';
import { signToken } from '../helpers/keys';
import { createDatabase, postgresServer } from '../helpers/postgres';
import { testKeys } from '../helpers/stack';

jest.setTimeout(180_000);

const ROOT = join(__dirname, '../../..');
const server = postgresServer();
const runs = 'url' in server || process.env.CI === 'true';
if (!runs) console.warn(`two-instance PostgreSQL test skipped (outside CI only): ${server.error}`);

interface Instance {
    url: string;
    child: ChildProcess;
}

function startInstance(env: Record<string, string>): Promise<Instance> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'middleware/src/main.ts'], {
            cwd: ROOT,
            env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', ...env },
            stdio: ['ignore', 'pipe', 'pipe']
        });
        let out = '';
        let err = '';
        child.stdout?.on('data', (d: Buffer) => {
            out += d.toString();
            const m = /listening on (http:\/\/\S+)/.exec(out);
            if (m) resolve({ url: m[1], child });
        });
        child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
        child.once('exit', (code) => reject(new Error(`middleware exited ${code}: ${err.trim()}`)));
    });
}

const stop = (i: Instance | undefined) =>
    new Promise<void>((resolve) => {
        if (!i || i.child.exitCode !== null || i.child.signalCode !== null) return resolve();
        i.child.once('exit', () => resolve());
        i.child.kill('SIGTERM');
    });

(runs ? describe : describe.skip)('two middleware processes on one PostgreSQL database', () => {
    let sandbox: RunningSandbox;
    let database: Awaited<ReturnType<typeof createDatabase>>;
    let a: Instance;
    let b: Instance;
    let bearer: string;
    let env: Record<string, string>;

    beforeAll(async () => {
        if ('error' in server) throw new Error(`PostgreSQL is required under CI: ${server.error}`);
        const keys = await testKeys();
        bearer = await signToken(keys.privateKey, { expiresIn: 3000 });
        sandbox = await startSandbox({ port: 0 });
        database = await createDatabase(server.url);
        env = {
            DATABASE_URL: database.url,
            JWT_PUBLIC_KEYS: keys.publicPem,
            WHMCS_API_URL: sandbox.url,
            WHMCS_API_IDENTIFIER: sandbox.identifier,
            WHMCS_API_SECRET: sandbox.secret,
            WHMCS_TIMEOUT_MS: '1000',
            PROVISIONING_LEASE_MS: '4000',
            PROVISIONING_SETTLE_MS: '9000',
            PROVISIONING_WAIT_MS: '20000'
        };
        [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
    });
    afterAll(async () => {
        await Promise.all([stop(a), stop(b)]);
        await sandbox?.close();
        await database?.drop();
    });

    let restartA = false;
    beforeEach(async () => {
        if (restartA) a = await startInstance(env);
        restartA = false;
    });

    const provision = (on: Instance, id: string) =>
        fetch(`${on.url}/v1/orders/${id}/provision`, {
            method: 'POST',
            headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
            body: JSON.stringify({ clientId: KENTA, accountId: accountId(1), lines: simLines() })
        }).then(async (res) => ({ status: res.status, body: (await res.json()) as Record<string, unknown> }));
    const control = async (path: string, body?: unknown) =>
        (await fetch(`${sandbox.url}${path}`, {
            method: body === undefined ? 'GET' : 'POST',
            headers: { 'content-type': 'application/json' },
            body: body === undefined ? undefined : JSON.stringify(body)
        }).then((r) => r.json())) as unknown;
    const ordersFor = async (id: string) =>
        ((await control('/_sandbox/state')) as { orders: { id: number; notes: string }[] }).orders.filter(
            (o) => o.notes === `sf-order:${id}`
        );
    const addOrders = async () =>
        ((await control('/_sandbox/calls')) as { action: string }[]).filter((c) => c.action === 'AddOrder')
            .length;

    it('50 concurrent provision calls split between the two processes make one WHMCS order', async () => {
        const id = orderId(7001);
        await control('/_sandbox/latency', { ms: 30 });
        const results = await Promise.all(Array.from({ length: 50 }, (_, i) => provision(i % 2 ? a : b, id)));
        await control('/_sandbox/latency', { ms: 0 });

        // 409: waited for the other caller too long; 503: a WHMCS call timed out on a loaded machine. Both are
        // retryable, and a re-drive must then finish the same order.
        expect(results.every((r) => [200, 409, 503].includes(r.status))).toBe(true);
        const done = results.filter((r) => r.status === 200);
        for (let i = 0; i < 60 && done.length === 0; i++) {
            const again = await provision(i % 2 ? a : b, id);
            if (again.status === 200) done.push(again);
            else await new Promise((r) => setTimeout(r, 500));
        }
        expect(done.length).toBeGreaterThan(0);
        const orders = await ordersFor(id);
        expect(orders).toHaveLength(1);
        for (const r of done)
            expect(r.body).toMatchObject({ outcome: 'ACTIVATED', whmcsOrderId: orders[0].id });
        expect(await addOrders()).toBe(1);
        // Both processes answer the recorded outcome afterwards.
        for (const on of [a, b]) expect((await provision(on, id)).body).toEqual(done[0].body);
    });

    it.each([
        { n: 7002, commitMs: 2000, when: "WHMCS commits before the dead holder's lease (4 s) expires" },
        { n: 7003, commitMs: 6000, when: 'WHMCS commits after the lease expired: in doubt meanwhile' }
    ])(
        'SIGKILL of the process whose AddOrder is in flight, then a re-drive on the other: one WHMCS order ($when)',
        async ({ n, commitMs }) => {
            const id = orderId(n);
            const before = await addOrders();
            await control('/_sandbox/faults', { action: 'AddOrder', mode: 'commit_late', ms: commitMs });
            const killed = provision(a, id).catch(() => null); // its answer never comes
            for (let i = 0; i < 100 && (await addOrders()) === before; i++)
                await new Promise((r) => setTimeout(r, 50));
            expect(await addOrders()).toBe(before + 1);
            a.child.kill('SIGKILL');
            await killed;
            restartA = true;

            // The re-drive: the dead holder's lease must expire, then the order is in doubt until WHMCS commits it.
            const seen: number[] = [];
            let last: { status: number; body: Record<string, unknown> } | undefined;
            const deadline = Date.now() + 30_000;
            while (Date.now() < deadline) {
                last = await provision(b, id);
                seen.push(last.status);
                if (last.status === 200) break;
                await new Promise((r) => setTimeout(r, 500));
            }
            expect(last?.status).toBe(200);
            const orders = await ordersFor(id);
            expect(orders).toHaveLength(1);
            expect(last?.body).toMatchObject({ outcome: 'ACTIVATED', whmcsOrderId: orders[0].id });
            expect(await addOrders()).toBe(before + 1);
            // B finished the dead process's order (found by its notes) instead of ordering again.
            const trace = (await fetch(`${b.url}/v1/orders/${id}/provisioning`, {
                headers: { authorization: `Bearer ${bearer}` }
            }).then((r) => r.json())) as { attempts: { step: string; result: string }[] };
            expect(trace.attempts).toEqual(
                expect.arrayContaining([expect.objectContaining({ step: 'FIND_ORDER', result: 'found' })])
            );
            expect(seen.every((s) => s === 200 || s === 409 || s === 503)).toBe(true);
            // Committing after the lease expired, the re-drive found nothing at first: 409 (in doubt), no AddOrder.
            if (commitMs > 4000) expect(seen).toContain(409);
        }
    );
});
