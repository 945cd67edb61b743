import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { counterKey, createStore, type Store } from '../../src/store';
import { createDatabase, postgresServer } from '../helpers/postgres';
import { STORE_BACKENDS } from '../helpers/stores';

const T0 = new Date('2026-11-27T00:00:00Z');
const plus = (ms: number) => new Date(T0.getTime() + ms);
const ORDER = '801000000000001AAA';

describe('migrations', () => {
    it('create the tables and can run again on an existing file', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'mw-store-'));
        try {
            const path = join(dir, 'nested', 'middleware.db');
            const a = await createStore({ databasePath: path });
            await a.billingProfiles.putClientId('001000000000001AAA', 7, T0);
            await a.close();
            const b = await createStore({ databasePath: path });
            expect(await b.billingProfiles.getClientId('001000000000001AAA')).toBe(7);
            await b.ping();
            await b.close();
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    const pg = postgresServer();
    ('url' in pg ? it : it.skip)(
        'run again on an existing PostgreSQL database, also by two instances starting at once',
        async () => {
            const database = await createDatabase((pg as { url: string }).url);
            try {
                // Two instances starting together: Kysely's migrator takes a lock, one migrates, both start.
                const [a, b] = await Promise.all([
                    createStore({ databaseUrl: database.url }),
                    createStore({ databaseUrl: database.url })
                ]);
                await a.billingProfiles.putClientId('001000000000001AAA', 7, T0);
                expect(await b.billingProfiles.getClientId('001000000000001AAA')).toBe(7);
                await Promise.all([a.close(), b.close()]);
                const c = await createStore({ databaseUrl: database.url });
                expect(await c.billingProfiles.getClientId('001000000000001AAA')).toBe(7);
                await c.ping();
                await c.close();
            } finally {
                await database.drop();
            }
        }
    );
});

describe.each(STORE_BACKENDS)('store on $name', (backend) => {
    let store: Store;
    beforeAll(async () => {
        store = await backend.open();
    });
    afterAll(async () => {
        await store.close();
    });
    beforeEach(async () => {
        for (const table of [
            'billing_profiles',
            'verification_failures',
            'provisioning',
            'provisioning_attempts'
        ] as const) {
            await store.db.deleteFrom(table).execute();
        }
    });

    describe('billing profiles', () => {
        it('first writer wins', async () => {
            expect(await store.billingProfiles.getClientId('001000000000001AAA')).toBeNull();
            expect(await store.billingProfiles.putClientId('001000000000001AAA', 5, T0)).toBe(5);
            expect(await store.billingProfiles.putClientId('001000000000001AAA', 6, T0)).toBe(5);
            expect(await store.billingProfiles.getClientId('001000000000001AAA')).toBe(5);
        });
    });

    describe('verification counters', () => {
        const email = (key: string, max = 2) => ({ scope: 'email' as const, key, max });
        const ip = (key: string, max = 3) => ({ scope: 'ip' as const, key, max });

        it('reserve counts per scope and key in a window (case-insensitive keys); release, reset, prune', async () => {
            const c = store.counters;
            expect(await c.reserve('a1', [email('A@Example.com'), ip('10.0.0.1')], T0, T0)).toEqual({
                reserved: true
            });
            expect(await c.reserve('a2', [email('a@example.com'), ip('10.0.0.1')], plus(60_000), T0)).toEqual(
                {
                    reserved: true
                }
            );
            // The email limit (2) is reached: nothing is recorded for either key.
            expect(await c.reserve('a3', [email('a@example.com'), ip('10.0.0.1')], plus(61_000), T0)).toEqual(
                {
                    reserved: false,
                    limit: email('a@example.com'),
                    failures: [T0, plus(60_000)]
                }
            );
            expect(await c.failuresSince('ip', '10.0.0.1', T0)).toHaveLength(2);
            // Outside the window the old attempt no longer counts.
            expect(await c.reserve('a4', [email('a@example.com')], plus(62_000), plus(1))).toEqual({
                reserved: true
            });
            await c.release('a4');
            expect(await c.failuresSince('email', 'a@example.com', T0)).toEqual([T0, plus(60_000)]);
            await c.reset('email', 'a@example.com');
            expect(await c.failuresSince('email', 'a@example.com', T0)).toEqual([]);
            expect(await c.failuresSince('ip', '10.0.0.1', T0)).toHaveLength(2);
            await c.prune(plus(120_000));
            expect(await c.failuresSince('ip', '10.0.0.1', T0)).toEqual([]);
        });

        it('concurrent reservations never exceed the limit', async () => {
            const results = await Promise.all(
                Array.from({ length: 30 }, (_, i) =>
                    store.counters.reserve(`c${i}`, [email('race@example.com', 5)], T0, T0)
                )
            );
            expect(results.filter((r) => r.reserved)).toHaveLength(5);
        });

        it('stores hashed keys only', async () => {
            await store.counters.reserve('h1', [email('secret.person@example.com')], T0, T0);
            const rows = await store.db.selectFrom('verification_failures').selectAll().execute();
            expect(JSON.stringify(rows)).not.toContain('secret.person');
            expect(rows[0].key_hash).toBe(counterKey('secret.person@example.com'));
        });
    });

    describe('provisioning ledger', () => {
        const ledger = () => store.provisioning;

        it('ensure creates once and never overwrites', async () => {
            await ledger().ensure(ORDER, 1, T0);
            await ledger().ensure(ORDER, 2, plus(1000));
            const r = await ledger().get(ORDER);
            expect(r).toMatchObject({
                orderId: ORDER,
                clientId: 1,
                state: 'NEW',
                whmcsOrderId: null,
                services: []
            });
            expect(await ledger().get('801000000000002AAA')).toBeNull();
        });

        it('the lease is exclusive until released or expired', async () => {
            await ledger().ensure(ORDER, 1, T0);
            expect(await ledger().tryAcquire(ORDER, 'a', T0, 1000)).toBe(true);
            expect(await ledger().tryAcquire(ORDER, 'b', plus(500), 1000)).toBe(false);
            expect(await ledger().tryAcquire(ORDER, 'b', plus(1001), 1000)).toBe(true);
            // 'a' lost the lease: its writes are refused, its release is a no-op.
            expect(await ledger().update(ORDER, 'a', { state: 'INTENT_RECORDED' }, plus(1002))).toBe(false);
            await ledger().release(ORDER, 'a');
            expect(await ledger().tryAcquire(ORDER, 'c', plus(1003), 1000)).toBe(false);
            await ledger().release(ORDER, 'b');
            expect(await ledger().tryAcquire(ORDER, 'c', plus(1004), 1000)).toBe(true);
        });

        it('concurrent acquirers: exactly one wins', async () => {
            await ledger().ensure(ORDER, 1, T0);
            const wins = await Promise.all(
                Array.from({ length: 10 }, (_, i) => ledger().tryAcquire(ORDER, `o${i}`, T0, 60_000))
            );
            expect(wins.filter(Boolean)).toHaveLength(1);
        });

        it('update patches fields under the lease', async () => {
            await ledger().ensure(ORDER, 1, T0);
            await ledger().tryAcquire(ORDER, 'a', T0, 60_000);
            expect(
                await ledger().update(
                    ORDER,
                    'a',
                    {
                        state: 'ACTIVATED',
                        whmcsOrderId: 10,
                        whmcsInvoiceId: 20,
                        services: [{ lineId: 'x', whmcsServiceId: 30 }],
                        code: null,
                        message: null
                    },
                    plus(5)
                )
            ).toBe(true);
            expect(await ledger().get(ORDER)).toEqual({
                orderId: ORDER,
                clientId: 1,
                state: 'ACTIVATED',
                whmcsOrderId: 10,
                whmcsInvoiceId: 20,
                services: [{ lineId: 'x', whmcsServiceId: 30 }],
                code: null,
                message: null,
                detail: null,
                addOrderSentAt: null,
                updatedAt: plus(5).toISOString()
            });
        });

        it('attempts keep their order', async () => {
            await ledger().ensure(ORDER, 1, T0);
            await ledger().addAttempt(ORDER, { at: T0.toISOString(), step: 'CHECK', result: 'ok' });
            await ledger().addAttempt(ORDER, {
                at: T0.toISOString(),
                step: 'ADD_ORDER',
                result: 'rejected',
                code: 'BILLING_REJECTED',
                detail: 'x'
            });
            await Promise.all([
                ledger().addAttempt(ORDER, { at: T0.toISOString(), step: 'ACCEPT_ORDER', result: 'ok' }),
                ledger().addAttempt(ORDER, { at: T0.toISOString(), step: 'ACTIVATE', result: 'ok' })
            ]);
            const attempts = await ledger().attempts(ORDER);
            expect(attempts.slice(0, 2)).toEqual([
                { at: T0.toISOString(), step: 'CHECK', result: 'ok' },
                {
                    at: T0.toISOString(),
                    step: 'ADD_ORDER',
                    result: 'rejected',
                    code: 'BILLING_REJECTED',
                    detail: 'x'
                }
            ]);
            expect(attempts).toHaveLength(4);
        });
    });
});
