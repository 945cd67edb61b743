/**
 * Plan change and cancellation end to end against the sandbox over HTTP: quotes, execution exactly once
 * per requestId, every error code of the contract, hostile input, WHMCS refusals, and the in-doubt cases
 * (an answer lost after WHMCS committed, a timeout without commit, a crash after the write).
 */
import type { ServiceChangeBilling } from '../../src/domain/ports';
import { normaliseSalesforceId } from '../../src/domain/salesforce-id';
import { accountId, EMILY, KENTA } from '../helpers/fixtures';
import { startStack, type Stack } from '../helpers/stack';

jest.setTimeout(30_000);

interface ChangeState {
    services: {
        id: number;
        userid: number;
        packageid: number;
        amount: string;
        nextduedate: string;
        status: string;
    }[];
    upgrades: { relid: number; newvalue: string }[];
    cancelRequests: { relid: number; type: string; reason: string }[];
}

let stack: Stack;
let seq = 0;
/** A distinct 18-character Service_Request__c id per call. */
const nextRequest = () => normaliseSalesforceId(`a0B${String(++seq).padStart(12, '0')}`)!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const state = async () => (await stack.state()) as unknown as ChangeState;
const service = async (id: number) => (await state()).services.find((s) => s.id === id)!;
const calls = async (action?: string) =>
    ((await stack.control('/_sandbox/calls')) as { action: string }[]).filter(
        (c) => action === undefined || c.action === action
    );
const dayBefore = (d: string) =>
    new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

const quote = (clientId: number, serviceId: number, body: unknown) =>
    stack.post(`/v1/clients/${clientId}/subscriptions/${serviceId}/change-quote`, body);
const planChange = (over: Record<string, unknown> = {}) => ({
    clientId: KENTA,
    accountId: accountId(1),
    kind: 'plan_change',
    serviceId: 1,
    newProductId: 102,
    ...over
});
const cancellation = (over: Record<string, unknown> = {}) => ({
    clientId: EMILY,
    accountId: accountId(2),
    kind: 'cancellation',
    serviceId: 2,
    reason: 'Moving abroad',
    ...over
});
const execute = (id: string, body: unknown, on = stack) =>
    on.post(`/v1/service-requests/${id}/execute`, body);

// Room for a loaded machine; the late commit lies beyond it.
const TIMEOUT_MS = 2500;
// Longer than the timeout (as the configuration demands) and short enough to drive the timeout case to its end.
const SETTLE_MS = TIMEOUT_MS + 3000;
beforeAll(async () => {
    stack = await startStack({
        whmcsTimeoutMs: TIMEOUT_MS,
        settings: (x) => ({ ...x, provisioning: { ...x.provisioning, settleMs: SETTLE_MS } })
    });
});
afterAll(async () => {
    await stack.close();
});
beforeEach(async () => {
    stack.sandbox.reset();
    // Sandbox ids start again after a reset: the ledger must forget the services of earlier tests.
    await stack.store.db.deleteFrom('service_request_attempts').execute();
    await stack.store.db.deleteFrom('service_requests').execute();
});

describe('change-quote', () => {
    it('plan change: price difference and the end of the billing period, in two WHMCS calls', async () => {
        const due = (await service(1)).nextduedate;
        const res = await quote(KENTA, 1, { kind: 'plan_change', newProductId: 102 });
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
            quote: {
                serviceId: 1,
                kind: 'plan_change',
                currentProductId: 101,
                currentProductName: 'Fiber 1 Gbps',
                newProductId: 102,
                newProductName: 'Fiber 10 Gbps',
                billingCycle: 'monthly',
                currentAmount: '5280.00',
                newAmount: '6980.00',
                difference: '1700.00',
                currency: 'JPY',
                effectiveOn: due,
                lastServiceDay: dayBefore(due)
            }
        });
        expect((await calls()).map((c) => c.action).sort()).toEqual(['GetClientsProducts', 'GetProducts']);
        // A quote changes nothing.
        expect((await service(1)).packageid).toBe(101);
    });

    it('cancellation: one WHMCS call, no product fields', async () => {
        const due = (await service(2)).nextduedate;
        const res = await quote(EMILY, 2, { kind: 'cancellation' });
        expect(res.status).toBe(200);
        expect(res.body.quote).toMatchObject({
            kind: 'cancellation',
            currentProductId: 301,
            newProductId: null,
            newProductName: null,
            newAmount: null,
            difference: null,
            effectiveOn: due,
            lastServiceDay: dayBefore(due)
        });
        expect((await calls()).map((c) => c.action)).toEqual(['GetClientsProducts']);
    });
});

describe('execute', () => {
    it('plan change: DONE once; a repeat answers the recorded outcome without a WHMCS call', async () => {
        const id = nextRequest();
        const due = (await service(1)).nextduedate;
        const first = await execute(id, planChange());
        expect(first.status).toBe(200);
        expect(first.body).toEqual({
            outcome: 'DONE',
            kind: 'plan_change',
            serviceId: 1,
            effectiveOn: due,
            whmcsOrderId: expect.any(Number),
            whmcsInvoiceId: expect.any(Number)
        });
        expect(await service(1)).toMatchObject({ packageid: 102, amount: '6980.00' });
        expect((await calls()).map((c) => c.action)).toEqual(['GetClientsProducts', 'UpgradeProduct']);

        const again = await execute(id, planChange());
        expect(again.body).toEqual(first.body);
        expect(await calls('UpgradeProduct')).toHaveLength(1);
        expect((await state()).upgrades).toHaveLength(1);

        const trace = await stack.get(`/v1/service-requests/${id}`);
        expect(trace.status).toBe(200);
        expect(trace.body).toMatchObject({ requestId: id, state: 'DONE', outcome: first.body });
        expect(
            trace.body.attempts.map((a: { step: string; result: string }) => `${a.step}:${a.result}`)
        ).toEqual(['CHECK:ok', 'RECORD:ok', 'SEND:ok']);
    });

    it('cancellation: DONE with the reason in WHMCS, End of Billing Period', async () => {
        const id = nextRequest();
        const res = await execute(id, cancellation());
        expect(res.body).toMatchObject({ outcome: 'DONE', kind: 'cancellation', whmcsOrderId: null });
        expect((await state()).cancelRequests).toEqual([
            expect.objectContaining({ relid: 2, type: 'End of Billing Period', reason: 'Moving abroad' })
        ]);
        expect((await execute(id, cancellation())).body).toEqual(res.body);
        expect(await calls('AddCancelRequest')).toHaveLength(1);
        // The quote now knows a cancellation is on its way.
        const q = await quote(EMILY, 2, { kind: 'cancellation' });
        expect(q.status).toBe(422);
        expect(q.body.error).toMatchObject({
            code: 'CHANGE_NOT_ALLOWED',
            details: { reason: 'CANCELLATION_PENDING' }
        });
    });

    it('a different body for the same requestId is 409 REQUEST_MISMATCH, before and after completion', async () => {
        const id = nextRequest();
        expect((await execute(id, planChange())).status).toBe(200);
        const res = await execute(id, planChange({ newProductId: 101 }));
        expect(res.status).toBe(409);
        expect(res.body.error).toMatchObject({ code: 'REQUEST_MISMATCH', retryable: false });
        // The 15-character form of the same Id is the same request.
        expect((await execute(id.slice(0, 15), planChange())).status).toBe(200);
    });

    it('unknown request trace is 404', async () => {
        const res = await stack.get(`/v1/service-requests/${nextRequest()}`);
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('NOT_FOUND');
    });
});

/** A Pending plan (ordered, not accepted) and an Active one-time fee for Kenta: service ids. */
async function kentaExtraServices(): Promise<{ pending: number; oneTime: number }> {
    const pending = await stack.whmcs.addOrder({
        clientId: KENTA,
        paymentMethod: 'testcard',
        items: [{ productId: 102, billingCycle: 'monthly' }]
    });
    const fee = await stack.whmcs.addOrder({
        clientId: KENTA,
        paymentMethod: 'testcard',
        items: [{ productId: 111, billingCycle: 'onetime' }]
    });
    await stack.whmcs.acceptOrder({ orderId: fee.orderId });
    return { pending: pending.serviceIds[0], oneTime: fee.serviceIds[0] };
}

describe('every refusal of the contract', () => {
    it.each([
        ['SAME_PRODUCT', 1, { kind: 'plan_change', newProductId: 101 }],
        ['OTHER_CATEGORY', 1, { kind: 'plan_change', newProductId: 201 }],
        ['PRODUCT_NOT_ORDERABLE', 1, { kind: 'plan_change', newProductId: 103 }],
        ['PRODUCT_NOT_ORDERABLE', 1, { kind: 'plan_change', newProductId: 111 }],
        ['PRODUCT_NOT_ORDERABLE', 1, { kind: 'plan_change', newProductId: 999999 }]
    ])('quote 422 CHANGE_NOT_ALLOWED %s (%#)', async (reason, serviceId, body) => {
        const res = await quote(KENTA, serviceId, body);
        expect(res.status).toBe(422);
        expect(res.body.error).toMatchObject({
            code: 'CHANGE_NOT_ALLOWED',
            retryable: false,
            message: expect.stringMatching(/\w+ \w+/),
            details: { reason }
        });
    });

    it('SERVICE_NOT_ACTIVE and NOT_RECURRING, for the quote and for execute (PAUSED, no WHMCS write)', async () => {
        const { pending, oneTime } = await kentaExtraServices();
        for (const [serviceId, reason] of [
            [pending, 'SERVICE_NOT_ACTIVE'],
            [oneTime, 'NOT_RECURRING']
        ] as const) {
            const q = await quote(KENTA, serviceId, { kind: 'cancellation' });
            expect(q.status).toBe(422);
            expect(q.body.error.details).toEqual({ reason });
            const id = nextRequest();
            const res = await execute(
                id,
                planChange({ serviceId, kind: 'cancellation', newProductId: undefined })
            );
            expect(res.status).toBe(200);
            expect(res.body).toEqual({
                outcome: 'PAUSED',
                code: 'CHANGE_NOT_ALLOWED',
                message: expect.any(String)
            });
            const trace = await stack.get(`/v1/service-requests/${id}`);
            expect(trace.body.state).toBe('PAUSED');
            expect(trace.body.attempts.at(-1)).toMatchObject({
                step: 'CHECK',
                result: 'paused',
                code: reason
            });
        }
        expect(await calls('AddCancelRequest')).toHaveLength(0);
    });

    it("404 for another client's service and an unknown client, quote and execute, with no WHMCS write", async () => {
        expect((await quote(KENTA, 2, { kind: 'cancellation' })).status).toBe(404);
        expect((await quote(424242, 1, { kind: 'cancellation' })).status).toBe(404);
        const res = await execute(nextRequest(), cancellation({ clientId: KENTA, accountId: accountId(1) }));
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('NOT_FOUND');
        expect(await calls('AddCancelRequest')).toHaveLength(0);
        expect((await state()).cancelRequests).toHaveLength(0);
    });

    it('a cancellation WHMCS already has (made elsewhere) is PAUSED CANCELLATION_PENDING', async () => {
        await stack.whmcs.addCancelRequest({ serviceId: 2, type: 'Immediate' });
        const id = nextRequest();
        const res = await execute(id, cancellation());
        expect(res.body).toMatchObject({ outcome: 'PAUSED', code: 'CHANGE_NOT_ALLOWED' });
        const trace = await stack.get(`/v1/service-requests/${id}`);
        expect(trace.body.attempts.at(-1)).toMatchObject({
            step: 'SEND',
            code: 'CANCELLATION_PENDING',
            message: 'Existing Cancellation Request Exists'
        });
        expect((await state()).cancelRequests).toHaveLength(1);
    });

    it('a plan change of a service with a recorded cancellation is refused', async () => {
        expect(
            (
                await execute(
                    nextRequest(),
                    cancellation({ clientId: KENTA, serviceId: 1, accountId: accountId(1) })
                )
            ).body.outcome
        ).toBe('DONE');
        const q = await quote(KENTA, 1, { kind: 'plan_change', newProductId: 102 });
        expect(q.body.error.details).toEqual({ reason: 'CANCELLATION_PENDING' });
        const res = await execute(nextRequest(), planChange());
        expect(res.body).toMatchObject({ outcome: 'PAUSED', code: 'CHANGE_NOT_ALLOWED' });
        expect(await calls('UpgradeProduct')).toHaveLength(0);
    });

    it('WHMCS refuses: PAUSED BILLING_REJECTED with its text for staff, secrets masked; a retry after the fix is DONE', async () => {
        await stack.control('/_sandbox/faults', {
            action: 'UpgradeProduct',
            mode: 'error',
            message:
                'Module error: password=hunter2 key 4111111111111111 token 0123456789abcdef0123456789abcdef99'
        });
        const id = nextRequest();
        const res = await execute(id, planChange());
        expect(res.body).toEqual({
            outcome: 'PAUSED',
            code: 'BILLING_REJECTED',
            message: expect.stringContaining('Module error')
        });
        const trace = await stack.get(`/v1/service-requests/${id}`);
        const text = JSON.stringify([res.body, trace.body, stack.logs]);
        for (const secret of ['hunter2', '4111111111111111', '0123456789abcdef0123456789abcdef99'])
            expect(text).not.toContain(secret);
        expect(trace.body.attempts.at(-1)).toMatchObject({
            step: 'SEND',
            result: 'rejected',
            code: 'BILLING_REJECTED'
        });
        expect(trace.body.attempts.at(-1).message).toContain('password=[redacted]');

        const retry = await execute(id, planChange());
        expect(retry.body.outcome).toBe('DONE');
        expect((await state()).upgrades).toHaveLength(1);
    });

    it('WHMCS unreachable: 503 BILLING_UNAVAILABLE, retryable', async () => {
        await stack.control('/_sandbox/faults', { action: 'GetClientsProducts', mode: 'http500', times: 2 });
        const q = await quote(KENTA, 1, { kind: 'cancellation' });
        expect(q.status).toBe(503);
        expect(q.body.error).toMatchObject({ code: 'BILLING_UNAVAILABLE', retryable: true });
        const res = await execute(nextRequest(), planChange());
        expect(res.status).toBe(503);
        expect(await calls('UpgradeProduct')).toHaveLength(0);
    });
});

describe('hostile input', () => {
    const big = 'x'.repeat(70_000);
    it.each([
        ['no body', undefined],
        ['empty object', {}],
        ['unknown kind', { kind: 'upgrade', newProductId: 102 }],
        ['plan change without product', { kind: 'plan_change' }],
        ['cancellation with a product', { kind: 'cancellation', newProductId: 102 }],
        ['product id as text', { kind: 'plan_change', newProductId: '102' }],
        ['negative product', { kind: 'plan_change', newProductId: -1 }],
        ['fractional product', { kind: 'plan_change', newProductId: 1.5 }],
        ['product beyond int32', { kind: 'plan_change', newProductId: 2 ** 31 }],
        ['extra key', { kind: 'cancellation', clientId: 2 }],
        ['array body', [{ kind: 'cancellation' }]]
    ])('quote: %s → 400 VALIDATION_FAILED', async (_name, body) => {
        const res = await quote(KENTA, 1, body);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });

    it.each([
        ['zero service id', '/v1/clients/1/subscriptions/0/change-quote'],
        ['text client id', '/v1/clients/abc/subscriptions/1/change-quote'],
        ['huge service id', '/v1/clients/1/subscriptions/99999999999/change-quote']
    ])('quote path: %s → 400', async (_name, path) => {
        expect((await stack.post(path, { kind: 'cancellation' })).status).toBe(400);
    });

    it.each([
        ['reason over 500 characters', cancellation({ reason: 'r'.repeat(501) })],
        ['reason as a number', cancellation({ reason: 5 })],
        ['client id as text', planChange({ clientId: '1' })],
        ['bad account id', planChange({ accountId: 'not-an-id' })],
        ['missing service', planChange({ serviceId: undefined })],
        ['unknown kind', planChange({ kind: 'refund' })],
        ['extra key', planChange({ price: '0.00' })]
    ])('execute: %s → 400, nothing recorded', async (_name, body) => {
        const id = nextRequest();
        const res = await execute(id, body);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        expect((await stack.get(`/v1/service-requests/${id}`)).status).toBe(404);
    });

    it('execute: a body over 64 KiB → 413; a mangled request id → 400; nulls count as absent', async () => {
        expect((await execute(nextRequest(), cancellation({ reason: big }))).status).toBe(413);
        const id = nextRequest();
        expect((await execute(`${id.slice(0, 15)}zzz`, cancellation())).status).toBe(400);
        expect((await execute('0'.repeat(16), cancellation())).status).toBe(400);
        const ok = await execute(id, cancellation({ newProductId: null, reason: null }));
        expect(ok.body.outcome).toBe('DONE');
        expect((await state()).cancelRequests[0].reason).toBe('');
    });

    it('no token → 401', async () => {
        const res = await stack.http
            .post(`/v1/service-requests/${nextRequest()}/execute`)
            .send(cancellation());
        expect(res.status).toBe(401);
    });
});

describe('in doubt: WHMCS may have acted', () => {
    it('UpgradeProduct committed but the answer was lost: the retry finds it and sends nothing', async () => {
        await stack.control('/_sandbox/faults', { action: 'UpgradeProduct', mode: 'drop_after_commit' });
        const id = nextRequest();
        const first = await execute(id, planChange());
        expect(first.status).toBe(503);
        expect((await stack.get(`/v1/service-requests/${id}`)).body.state).toBe('SENT');
        const retry = await execute(id, planChange());
        expect(retry.body).toMatchObject({ outcome: 'DONE', whmcsOrderId: null });
        expect(await calls('UpgradeProduct')).toHaveLength(1);
        expect((await state()).upgrades).toHaveLength(1);
        const trace = await stack.get(`/v1/service-requests/${id}`);
        expect(
            trace.body.attempts.map((a: { step: string; result: string }) => `${a.step}:${a.result}`)
        ).toEqual(['CHECK:ok', 'RECORD:ok', 'SEND:unavailable', 'FIND:found']);
    });

    it('AddCancelRequest committed but the answer was lost: WHMCS refusing a second one confirms it', async () => {
        await stack.control('/_sandbox/faults', { action: 'AddCancelRequest', mode: 'drop_after_commit' });
        const id = nextRequest();
        expect((await execute(id, cancellation())).status).toBe(503);
        const retry = await execute(id, cancellation());
        expect(retry.body).toMatchObject({ outcome: 'DONE', kind: 'cancellation' });
        expect((await state()).cancelRequests).toHaveLength(1);
    });

    it('UpgradeProduct committed late: no second write before it shows; then DONE', async () => {
        await stack.control('/_sandbox/faults', {
            action: 'UpgradeProduct',
            mode: 'commit_late',
            ms: TIMEOUT_MS + 1500
        });
        const id = nextRequest();
        expect((await execute(id, planChange())).status).toBe(503);
        const early = await execute(id, planChange());
        expect(early.status).toBe(503);
        expect(early.body.error).toMatchObject({
            code: 'BILLING_UNAVAILABLE',
            retryable: true,
            details: { reason: 'IN_DOUBT' }
        });
        expect(Number(early.headers['retry-after'])).toBeGreaterThan(0);
        for (let i = 0; i < 80 && (await service(1)).packageid !== 102; i++) await sleep(100);
        expect((await execute(id, planChange())).body.outcome).toBe('DONE');
        expect(await calls('UpgradeProduct')).toHaveLength(1);
        expect((await state()).upgrades).toHaveLength(1);
    });

    it('timed out without a commit: after the settle time the change is sent again, once', async () => {
        await stack.control('/_sandbox/faults', { action: 'UpgradeProduct', mode: 'timeout' });
        const id = nextRequest();
        expect((await execute(id, planChange())).status).toBe(503);
        expect((await execute(id, planChange())).body.error.details.reason).toBe('IN_DOUBT');
        await sleep(SETTLE_MS + 100);
        const done = await execute(id, planChange());
        expect(done.body.outcome).toBe('DONE');
        expect((await state()).upgrades).toHaveLength(1);
    });

    it('a crash right after WHMCS made the change: the next call finishes it without a second UpgradeProduct', async () => {
        let crash = true;
        const crashing = await startStack({
            sandbox: stack.sandbox,
            store: stack.store,
            whmcsTimeoutMs: TIMEOUT_MS,
            wrapServiceChanges: (b: ServiceChangeBilling) => ({
                ...b,
                async upgradeProduct(c) {
                    const made = await b.upgradeProduct(c);
                    if (crash) throw new Error('process died after the WHMCS write');
                    return made;
                }
            })
        });
        try {
            const id = nextRequest();
            expect((await execute(id, planChange(), crashing)).status).toBe(500);
            crash = false;
            const done = await execute(id, planChange());
            expect(done.body.outcome).toBe('DONE');
            expect(await calls('UpgradeProduct')).toHaveLength(1);
        } finally {
            await crashing.close({ keepSandbox: true, keepStore: true });
        }
    });
});
