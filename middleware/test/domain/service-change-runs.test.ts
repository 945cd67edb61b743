/**
 * Execution paths the sandbox cannot stage, with a fake billing port on a real store: a cancellation in doubt
 * whose service WHMCS has already ended, and a caller that never gets the lease.
 */
import type { ServiceChangeBilling } from '../../src/domain/ports';
import type { ServiceDeps } from '../../src/domain/services/deps';
import { executeServiceRequest } from '../../src/domain/services/service-changes';
import type { ServiceRequestBody } from '../../src/domain/service-requests';
import { serviceChangeSettings } from '../../src/http/compose';
import { createStore, type Store } from '../../src/store';

const REQUEST = 'a0B000000000001AAA';
const BODY: ServiceRequestBody = {
    clientId: 2,
    accountId: '001000000000002AAA',
    kind: 'cancellation',
    serviceId: 2
};

let store: Store;
const calls: string[] = [];
let status = 'Active';

const billing: ServiceChangeBilling = {
    getService: async () => {
        calls.push('getService');
        return {
            id: 2,
            productId: 301,
            name: 'VPN Standard',
            status,
            billingCycle: 'monthly',
            recurringAmount: '980.00',
            nextDueDate: '2026-12-12',
            paymentMethod: 'testcard'
        };
    },
    getProduct: async () => null,
    upgradeProduct: async () => {
        throw new Error('not expected');
    },
    addCancelRequest: async () => {
        calls.push('addCancelRequest');
    }
};

function deps(waitMs = 1000): ServiceDeps {
    return {
        clock: { now: () => new Date('2026-12-01T00:00:00Z') },
        settings: {
            paymentMethod: 'testcard',
            provisioning: { leaseMs: 60_000, waitMs, pollMs: 10, settleMs: 5000 }
        },
        serviceChanges: {
            billing,
            ledger: store.serviceRequests,
            settings: serviceChangeSettings({ serviceChangeEffective: 'end_of_billing_period' } as never)
        }
    } as unknown as ServiceDeps;
}

beforeEach(async () => {
    store = await createStore({ databasePath: ':memory:' });
    calls.length = 0;
    status = 'Active';
});
afterEach(() => store.close());

it('a cancellation in doubt whose service WHMCS has ended is DONE without a second AddCancelRequest', async () => {
    await store.serviceRequests.ensure(REQUEST, BODY, new Date());
    expect(await store.serviceRequests.tryAcquire(REQUEST, 'crashed', new Date(), 60_000)).toBe(true);
    await store.serviceRequests.update(
        REQUEST,
        'crashed',
        { state: 'SENT', effectiveOn: '2026-12-12', sentAt: '2026-11-30T00:00:00.000Z' },
        new Date()
    );
    await store.serviceRequests.release(REQUEST, 'crashed');
    status = 'Cancelled';

    await expect(executeServiceRequest(deps(), REQUEST, BODY)).resolves.toEqual({
        outcome: 'DONE',
        kind: 'cancellation',
        serviceId: 2,
        effectiveOn: '2026-12-12',
        whmcsOrderId: null,
        whmcsInvoiceId: null
    });
    expect(calls).toEqual(['getService']);
});

it('a caller that cannot get the lease in time answers 503 IN_PROGRESS and calls nothing', async () => {
    await store.serviceRequests.ensure(REQUEST, BODY, new Date());
    expect(await store.serviceRequests.tryAcquire(REQUEST, 'other', new Date(), 60_000)).toBe(true);
    await expect(executeServiceRequest(deps(100), REQUEST, BODY)).rejects.toMatchObject({
        code: 'BILLING_UNAVAILABLE',
        details: { reason: 'IN_PROGRESS', retryAfterSeconds: 1 }
    });
    expect(calls).toEqual([]);
});
