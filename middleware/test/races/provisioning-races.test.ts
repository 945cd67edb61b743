/**
 * Races 1 and 2 of issue 13, against the sandbox over HTTP: each ends with exactly one WHMCS order per
 * Salesforce order (counted in /_sandbox/state).
 */
import { accountId, KENTA, orderId, simLines } from '../helpers/fixtures';
import { startStack, type Stack } from '../helpers/stack';
import { STORE_BACKENDS, type StoreBackend } from '../helpers/stores';

jest.setTimeout(30_000);

// The WHMCS timeout leaves room for a loaded machine; the late commit and the settle time lie beyond it.
const TIMEOUT_MS = 2000;
const SETTLE_MS = 5000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(STORE_BACKENDS)('provisioning races on $name', (backend: StoreBackend) => {
    let stack: Stack;
    let seq = 0;
    const nextOrder = () => orderId(++seq + 5000);
    const body = () => ({ clientId: KENTA, accountId: accountId(1), lines: simLines() });
    const stackOn = async (s?: Stack) =>
        startStack({
            sandbox: s?.sandbox,
            store: await backend.open(),
            whmcsTimeoutMs: TIMEOUT_MS,
            settings: (x) => ({ ...x, provisioning: { ...x.provisioning, settleMs: SETTLE_MS } })
        });

    beforeAll(async () => {
        stack = await stackOn();
    });
    afterAll(async () => {
        await stack.close();
        await stack.store.close();
    });
    beforeEach(() => stack.sandbox.reset());

    const provision = (id: string, on = stack) => on.post(`/v1/orders/${id}/provision`, body());
    const ordersFor = async (id18: string) =>
        (await stack.state()).orders.filter((o) => o.notes.includes(`sf-order:${id18}`));
    const addOrderCalls = async () =>
        ((await stack.control('/_sandbox/calls')) as { action: string }[]).filter(
            (c) => c.action === 'AddOrder'
        ).length;

    it('race 1: AddOrder commits after our timeout; an immediate re-drive does not order again', async () => {
        const id = nextOrder();
        await stack.control('/_sandbox/faults', {
            action: 'AddOrder',
            mode: 'commit_late',
            ms: TIMEOUT_MS + 1500
        });

        const first = await provision(id);
        expect(first.status).toBe(503);
        expect(first.body.error.code).toBe('BILLING_UNAVAILABLE');

        // A staff Retry at once: WHMCS has not committed yet, so the search finds nothing; no AddOrder.
        const retry = await provision(id);
        expect(retry.status).toBe(409);
        expect(retry.body.error).toMatchObject({ code: 'PROVISIONING_IN_PROGRESS', retryable: true });
        expect(Number(retry.headers['retry-after'])).toBeGreaterThan(0);
        expect(await ordersFor(id)).toHaveLength(0);

        // WHMCS commits the first AddOrder late.
        for (let i = 0; i < 80 && (await ordersFor(id)).length === 0; i++) await sleep(100);
        const done = await provision(id);
        expect(done.status).toBe(200);
        expect(done.body.outcome).toBe('ACTIVATED');
        const orders = await ordersFor(id);
        expect(orders).toHaveLength(1);
        expect(done.body.whmcsOrderId).toBe(orders[0].id);
        expect(await addOrderCalls()).toBe(1);

        const trace = await stack.get(`/v1/orders/${id}/provisioning`);
        expect(trace.body.attempts).toEqual(
            expect.arrayContaining([
                expect.objectContaining({ step: 'FIND_ORDER', result: 'in_doubt' }),
                expect.objectContaining({ step: 'FIND_ORDER', result: 'found' })
            ])
        );
    });

    it('race 1: an AddOrder that never commits is sent again only after the settle time', async () => {
        const id = nextOrder();
        await stack.control('/_sandbox/faults', { action: 'AddOrder', mode: 'timeout' });
        expect((await provision(id)).status).toBe(503);
        expect((await provision(id)).status).toBe(409);
        await sleep(SETTLE_MS);
        const done = await provision(id);
        expect(done.body.outcome).toBe('ACTIVATED');
        expect(await ordersFor(id)).toHaveLength(1);
        expect(await addOrderCalls()).toBe(2);
    });

    it('race 2: a lost ledger finds the WHMCS order by its notes instead of ordering again', async () => {
        const id = nextOrder();
        const first = await provision(id);
        expect(first.body.outcome).toBe('ACTIVATED');

        const amnesiac = await stackOn(stack); // same WHMCS, an empty ledger
        try {
            const again = await provision(id, amnesiac);
            expect(again.status).toBe(200);
            expect(again.body).toMatchObject({ outcome: 'ACTIVATED', whmcsOrderId: first.body.whmcsOrderId });
        } finally {
            await amnesiac.close();
            await amnesiac.store.close();
        }
        expect(await ordersFor(id)).toHaveLength(1);
        expect(await addOrderCalls()).toBe(1);
    });

    it('race 2: the 18-character, 15-character and lower-case spellings are one order, ledger or not', async () => {
        const id18 = nextOrder();
        const id15 = id18.slice(0, 15);
        const lower = `${id15}${id18.slice(15).toLowerCase()}`;
        const first = await provision(id15);
        expect(first.body.outcome).toBe('ACTIVATED');
        // The marker carries the 18-character Id whatever spelling the caller used.
        expect((await stack.state()).orders.filter((o) => o.notes === `sf-order:${id18}`)).toHaveLength(1);

        for (const spelling of [id18, lower]) {
            const again = await provision(spelling);
            expect(again.body).toEqual(first.body);
        }
        const amnesiac = await stackOn(stack);
        try {
            for (const spelling of [lower, id15, id18]) {
                const again = await provision(spelling, amnesiac);
                expect(again.body).toMatchObject({
                    outcome: 'ACTIVATED',
                    whmcsOrderId: first.body.whmcsOrderId
                });
            }
        } finally {
            await amnesiac.close();
            await amnesiac.store.close();
        }
        expect(await ordersFor(id18)).toHaveLength(1);
        expect(await addOrderCalls()).toBe(1);

        const trace = await stack.get(`/v1/orders/${lower}/provisioning`);
        expect(trace.body.orderId).toBe(id18);
    });

    it('race 2: an 18-character Id whose suffix does not match its case is refused (400), nothing ordered', async () => {
        // 801A… has a capital in the first chunk: its suffix is IAA, so …AAA names no record.
        const mangled = '801A00000000051AAA';
        const res = await provision(mangled);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        expect(JSON.stringify(res.body.error.details)).toMatch(/do not match its case/);
        expect(await addOrderCalls()).toBe(0);
        const wrongAccount = await stack.post(`/v1/orders/${nextOrder()}/provision`, {
            ...body(),
            accountId: '001A00000000001AAA'
        });
        expect(wrongAccount.status).toBe(400);
    });

    it('race 2: a billing profile keyed by another spelling of the same Account is not created twice', async () => {
        const acct18 = accountId(777);
        const profile = (id: string) =>
            stack.post('/v1/billing-profiles', {
                accountId: id,
                customerNumber: '10000777',
                firstName: 'Aki',
                lastName: 'Mori',
                email: 'aki.mori@example.jp',
                address: {
                    line1: '1-1',
                    city: 'Chiyoda',
                    state: 'Tokyo',
                    postalCode: '100-0001',
                    country: 'JP'
                }
            });
        const created = await profile(acct18.slice(0, 15));
        expect(created.status).toBe(201);
        for (const spelling of [acct18, acct18.toLowerCase()]) {
            const again = await profile(spelling);
            expect(again.status).toBe(200);
            expect(again.body.clientId).toBe(created.body.clientId);
        }
        expect((await stack.state()).clients.filter((c) => c.email === 'aki.mori@example.jp')).toHaveLength(
            1
        );
    });
});
