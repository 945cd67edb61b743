import {
    PROVISIONING_STATES,
    assertTransition,
    canTransition,
    mapServicesToLines,
    nextStep,
    notesMatchOrder,
    orderNotesMarker,
    recordedOutcome,
    type ProvisioningRecord
} from '../../src/domain/provisioning';

const base: ProvisioningRecord = {
    orderId: '801000000000001AAA',
    clientId: 1,
    state: 'NEW',
    whmcsOrderId: null,
    whmcsInvoiceId: null,
    services: [],
    code: null,
    message: null,
    detail: null,
    addOrderSentAt: null,
    updatedAt: '2026-11-27T00:00:00.000Z'
};

describe('provisioning state machine', () => {
    it('allowed transitions', () => {
        const allowed = PROVISIONING_STATES.flatMap((from) =>
            PROVISIONING_STATES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`)
        );
        expect(allowed.sort()).toEqual(
            [
                'NEW→INTENT_RECORDED',
                'NEW→ORDER_CREATED',
                'NEW→PAUSED',
                'INTENT_RECORDED→INTENT_RECORDED',
                'INTENT_RECORDED→ORDER_CREATED',
                'INTENT_RECORDED→PAUSED',
                'ORDER_CREATED→ORDER_CREATED',
                'ORDER_CREATED→ACTIVATED',
                'ORDER_CREATED→PAUSED',
                'PAUSED→INTENT_RECORDED',
                'PAUSED→ORDER_CREATED',
                'PAUSED→PAUSED'
            ].sort()
        );
    });

    it('ACTIVATED is final; skipping the order step is illegal', () => {
        expect(() => assertTransition('ACTIVATED', 'PAUSED')).toThrow(/illegal/);
        expect(() => assertTransition('NEW', 'ACTIVATED')).toThrow(/illegal/);
        expect(() => assertTransition('INTENT_RECORDED', 'ACTIVATED')).toThrow(/illegal/);
    });

    it('nextStep', () => {
        expect(nextStep({ state: 'NEW', whmcsOrderId: null })).toBe('CHECK');
        expect(nextStep({ state: 'PAUSED', whmcsOrderId: 5 })).toBe('CHECK');
        expect(nextStep({ state: 'INTENT_RECORDED', whmcsOrderId: null })).toBe('FIND_ORDER');
        expect(nextStep({ state: 'INTENT_RECORDED', whmcsOrderId: 5 })).toBe('ACCEPT_ORDER');
        expect(nextStep({ state: 'ORDER_CREATED', whmcsOrderId: 5 })).toBe('ACCEPT_ORDER');
        expect(nextStep({ state: 'ACTIVATED', whmcsOrderId: 5 })).toBe('DONE');
    });

    it('recordedOutcome', () => {
        expect(recordedOutcome(base)).toBeNull();
        expect(recordedOutcome({ ...base, state: 'ORDER_CREATED', whmcsOrderId: 3 })).toBeNull();
        expect(
            recordedOutcome({
                ...base,
                state: 'ACTIVATED',
                whmcsOrderId: 3,
                whmcsInvoiceId: 4,
                services: [{ lineId: 'a', whmcsServiceId: 9 }]
            })
        ).toEqual({
            outcome: 'ACTIVATED',
            whmcsOrderId: 3,
            whmcsInvoiceId: 4,
            services: [{ lineId: 'a', whmcsServiceId: 9 }]
        });
        expect(
            recordedOutcome({ ...base, state: 'PAUSED', code: 'BILLING_REJECTED', message: 'm', detail: 'd' })
        ).toEqual({
            outcome: 'PAUSED',
            code: 'BILLING_REJECTED',
            message: 'm',
            detail: 'd'
        });
    });

    it('notes marker matches whole tokens only, in any spelling of the same Id', () => {
        const id = '801000000000001AAA';
        expect(orderNotesMarker(id)).toBe(`sf-order:${id}`);
        expect(notesMatchOrder(`sf-order:${id}`, id)).toBe(true);
        expect(notesMatchOrder(`note\nsf-order:${id} more`, id)).toBe(true);
        expect(notesMatchOrder(`sf-order:${id}X`, id)).toBe(false);
        // Markers written by an older middleware for the 15-character or lower-case spelling.
        expect(notesMatchOrder(`sf-order:801000000000001`, id)).toBe(true);
        expect(notesMatchOrder(`sf-order:801000000000001aaa`, id)).toBe(true);
        expect(notesMatchOrder(`sf-order:801000000000002`, id)).toBe(false);
        expect(notesMatchOrder(`sf-order:8010000000000010`, id)).toBe(false);
        expect(notesMatchOrder('', id)).toBe(false);
        expect(notesMatchOrder(null, id)).toBe(false);
    });

    it('maps services to lines by product in creation order', () => {
        const lines = [
            { lineId: 'plan-a', whmcsProductId: 201 },
            { lineId: 'fee', whmcsProductId: 211 },
            { lineId: 'plan-b', whmcsProductId: 201 },
            { lineId: 'missing', whmcsProductId: 999 }
        ];
        const services = [
            { id: 12, productId: 211 },
            { id: 13, productId: 201 },
            { id: 11, productId: 201 }
        ];
        expect(mapServicesToLines(lines, services)).toEqual([
            { lineId: 'plan-a', whmcsServiceId: 11 },
            { lineId: 'fee', whmcsServiceId: 12 },
            { lineId: 'plan-b', whmcsServiceId: 13 }
        ]);
    });
});
