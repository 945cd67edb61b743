/** The service-request ledger on each store back-end (migration 0003). */
import type { ServiceRequestBody } from '../../src/domain/service-requests';
import type { Store } from '../../src/store';
import { STORE_BACKENDS, type StoreBackend } from '../helpers/stores';

jest.setTimeout(30_000);

const ID = 'a0B000000000001AAA';
const OTHER = 'a0B000000000002AAA';
const BODY: ServiceRequestBody = {
    clientId: 1,
    accountId: '001000000000001AAA',
    kind: 'plan_change',
    serviceId: 7,
    newProductId: 102
};
const at = new Date('2026-12-01T00:00:00Z');

describe.each(STORE_BACKENDS)('service-request ledger on $name', (backend: StoreBackend) => {
    let store: Store;
    beforeEach(async () => {
        store = await backend.open();
    });
    afterEach(() => store.close());

    it('ensure keeps the first body; the record reads back as written', async () => {
        await store.serviceRequests.ensure(ID, BODY, at);
        await store.serviceRequests.ensure(ID, { ...BODY, newProductId: 103, reason: 'other' }, at);
        expect(await store.serviceRequests.get(ID)).toEqual({
            requestId: ID,
            body: BODY,
            state: 'NEW',
            effectiveOn: null,
            whmcsOrderId: null,
            whmcsInvoiceId: null,
            code: null,
            message: null,
            sentAt: null,
            updatedAt: at.toISOString()
        });
        expect(await store.serviceRequests.get(OTHER)).toBeNull();
    });

    it('one lease holder at a time; only the holder may update; an expired lease is free', async () => {
        await store.serviceRequests.ensure(ID, BODY, at);
        const [a, b] = await Promise.all([
            store.serviceRequests.tryAcquire(ID, 'a', at, 1000),
            store.serviceRequests.tryAcquire(ID, 'b', at, 1000)
        ]);
        expect([a, b].sort()).toEqual([false, true]);
        const holder = a ? 'a' : 'b';
        const later = new Date(at.getTime() + 10);
        expect(await store.serviceRequests.update(ID, 'c', { state: 'SENT' }, later)).toBe(false);
        expect(
            await store.serviceRequests.update(
                ID,
                holder,
                { state: 'SENT', effectiveOn: '2026-12-13', sentAt: later.toISOString() },
                later
            )
        ).toBe(true);
        expect(await store.serviceRequests.get(ID)).toMatchObject({
            state: 'SENT',
            effectiveOn: '2026-12-13',
            code: null,
            updatedAt: later.toISOString()
        });
        expect(await store.serviceRequests.tryAcquire(ID, 'c', new Date(at.getTime() + 2000), 1000)).toBe(
            true
        );
    });

    it('concurrent attempts are all kept (distinct sequence numbers), in order of writing', async () => {
        await Promise.all(
            Array.from({ length: 12 }, (_, i) =>
                store.serviceRequests.addAttempt(ID, {
                    at: at.toISOString(),
                    step: 'CHECK',
                    result: 'ok',
                    message: `m${i}`
                })
            )
        );
        const attempts = await store.serviceRequests.attempts(ID);
        expect(attempts).toHaveLength(12);
        expect(new Set(attempts.map((a) => a.message)).size).toBe(12);
    });

    it("cancellationRecorded sees other requests' sent or done cancellations of the service", async () => {
        const cancel: ServiceRequestBody = { ...BODY, kind: 'cancellation', newProductId: undefined };
        await store.serviceRequests.ensure(ID, cancel, at);
        expect(await store.serviceRequests.cancellationRecorded(7)).toBe(false);
        await store.serviceRequests.tryAcquire(ID, 'a', at, 1000);
        await store.serviceRequests.update(ID, 'a', { state: 'SENT' }, at);
        expect(await store.serviceRequests.cancellationRecorded(7)).toBe(true);
        expect(await store.serviceRequests.cancellationRecorded(7, ID)).toBe(false);
        expect(await store.serviceRequests.cancellationRecorded(8)).toBe(false);
    });
});
