/**
 * Service requests under concurrency, against the sandbox over HTTP, on each store back-end: concurrent
 * executes of one request (one instance, and two instances on one database) make one WHMCS write; two
 * different bodies racing for one requestId leave one recorded; a lost ledger never writes twice.
 */
import { normaliseSalesforceId } from '../../src/domain/salesforce-id';
import { createStore, type Store } from '../../src/store';
import { accountId, EMILY, KENTA } from '../helpers/fixtures';
import { createDatabase, postgresServer } from '../helpers/postgres';
import { startStack, type Stack } from '../helpers/stack';
import { STORE_BACKENDS, type StoreBackend } from '../helpers/stores';

jest.setTimeout(60_000);

/** Two stores on one database: the same object on SQLite in memory, two pools on PostgreSQL. */
async function twoStoresOnOneDatabase(
    backend: StoreBackend
): Promise<{ stores: [Store, Store]; close(): Promise<void> }> {
    if (backend.name === 'SQLite') {
        const store = await backend.open();
        return { stores: [store, store], close: () => store.close() };
    }
    const server = postgresServer();
    if (!('url' in server)) throw new Error(server.error);
    const database = await createDatabase(server.url);
    const a = await createStore({ databaseUrl: database.url });
    const b = await createStore({ databaseUrl: database.url });
    return {
        stores: [a, b],
        async close() {
            await a.close();
            await b.close();
            await database.drop();
        }
    };
}

describe.each(STORE_BACKENDS)('service-request races on $name', (backend: StoreBackend) => {
    let pair: Awaited<ReturnType<typeof twoStoresOnOneDatabase>>;
    let one: Stack;
    let two: Stack;
    let seq = 0;
    const nextRequest = () => normaliseSalesforceId(`a0B${String(++seq + 7000).padStart(12, '0')}`)!;
    const planChange = {
        clientId: KENTA,
        accountId: accountId(1),
        kind: 'plan_change',
        serviceId: 1,
        newProductId: 102
    };
    const cancellation = {
        clientId: EMILY,
        accountId: accountId(2),
        kind: 'cancellation',
        serviceId: 2,
        reason: 'x'
    };
    const execute = (on: Stack, id: string, body: unknown) =>
        on.post(`/v1/service-requests/${id}/execute`, body);
    const writes = async (action: string) =>
        ((await one.control('/_sandbox/calls')) as { action: string }[]).filter((c) => c.action === action)
            .length;

    beforeAll(async () => {
        pair = await twoStoresOnOneDatabase(backend);
        // A WHMCS timeout with room for a loaded machine: a timed-out call would be a 503, not a race.
        one = await startStack({ store: pair.stores[0], whmcsTimeoutMs: 5000 });
        two = await startStack({ sandbox: one.sandbox, store: pair.stores[1], whmcsTimeoutMs: 5000 });
    });
    afterAll(async () => {
        await two.close();
        await one.close();
        await pair.close();
    });
    beforeEach(async () => {
        one.sandbox.reset();
        await one.store.db.deleteFrom('service_request_attempts').execute();
        await one.store.db.deleteFrom('service_requests').execute();
    });

    it.each([
        ['plan change', planChange, 'UpgradeProduct'],
        ['cancellation', cancellation, 'AddCancelRequest']
    ])(
        '12 concurrent executes of one %s on two instances: one WHMCS write, one outcome',
        async (_n, body, action) => {
            const id = nextRequest();
            const answers = await Promise.all(
                Array.from({ length: 12 }, (_, i) => execute(i % 2 ? two : one, id, body))
            );
            expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
            expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
            expect(answers[0].body.outcome).toBe('DONE');
            expect(await writes(action)).toBe(1);
            const state = (await one.state()) as unknown as {
                upgrades: unknown[];
                cancelRequests: unknown[];
            };
            expect(state.upgrades.length + state.cancelRequests.length).toBe(1);
        }
    );

    it('two different bodies racing for one requestId: one is carried out, the other is 409 REQUEST_MISMATCH', async () => {
        const id = nextRequest();
        const [a, b] = await Promise.all([
            execute(one, id, planChange),
            execute(two, id, { ...planChange, accountId: accountId(9) })
        ]);
        expect([a.status, b.status].sort()).toEqual([200, 409]);
        const winner = a.status === 200 ? a : b;
        expect(winner.body.outcome).toBe('DONE');
        expect(await writes('UpgradeProduct')).toBe(1);
    });

    it('a lost ledger never writes twice: the repeat is refused by the rules or by WHMCS', async () => {
        const change = nextRequest();
        const cancel = nextRequest();
        expect((await execute(one, change, planChange)).body.outcome).toBe('DONE');
        expect((await execute(one, cancel, cancellation)).body.outcome).toBe('DONE');
        await one.store.db.deleteFrom('service_request_attempts').execute();
        await one.store.db.deleteFrom('service_requests').execute();

        expect((await execute(two, change, planChange)).body).toMatchObject({
            outcome: 'PAUSED',
            code: 'CHANGE_NOT_ALLOWED'
        });
        expect((await execute(two, cancel, cancellation)).body).toMatchObject({
            outcome: 'PAUSED',
            code: 'CHANGE_NOT_ALLOWED'
        });
        expect(await writes('UpgradeProduct')).toBe(1);
        const state = (await one.state()) as unknown as { upgrades: unknown[]; cancelRequests: unknown[] };
        expect(state.upgrades).toHaveLength(1);
        expect(state.cancelRequests).toHaveLength(1);
    });
});
