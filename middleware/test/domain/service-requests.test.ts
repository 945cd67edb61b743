import {
    canonicalBody,
    effectiveDates,
    moneyDifference,
    refusalOf,
    staffText,
    type CatalogProduct,
    type ChangeableService
} from '../../src/domain/service-requests';

const plan = (category: CatalogProduct['category'], orderable = true): CatalogProduct => ({
    category,
    itemType: 'Plan',
    orderable,
    billingCycle: 'monthly'
});
const CATALOG = new Map<number, CatalogProduct>([
    [101, plan('Internet')],
    [102, plan('Internet')],
    [103, plan('Internet', false)],
    [111, { category: 'Internet', itemType: 'Installation', orderable: true, billingCycle: 'onetime' }],
    [201, plan('SIM')]
]);
const active: ChangeableService = {
    id: 1,
    productId: 101,
    name: 'Fiber 1 Gbps',
    status: 'Active',
    billingCycle: 'monthly',
    recurringAmount: '5280.00',
    nextDueDate: '2026-12-13'
};

describe('refusalOf', () => {
    it.each([
        [{ status: 'Suspended' }, { kind: 'cancellation' }, false, 'SERVICE_NOT_ACTIVE'],
        [{ billingCycle: 'onetime', nextDueDate: null }, { kind: 'cancellation' }, false, 'NOT_RECURRING'],
        [{ nextDueDate: '0000-00-00' }, { kind: 'cancellation' }, false, 'NOT_RECURRING'],
        [{}, { kind: 'cancellation' }, true, 'CANCELLATION_PENDING'],
        [{}, { kind: 'plan_change', newProductId: 101 }, false, 'SAME_PRODUCT'],
        [{}, { kind: 'plan_change', newProductId: 201 }, false, 'OTHER_CATEGORY'],
        [{}, { kind: 'plan_change', newProductId: 103 }, false, 'PRODUCT_NOT_ORDERABLE'],
        [{}, { kind: 'plan_change', newProductId: 111 }, false, 'PRODUCT_NOT_ORDERABLE'],
        [{}, { kind: 'plan_change', newProductId: 5 }, false, 'PRODUCT_NOT_ORDERABLE'],
        [{ productId: 999 }, { kind: 'plan_change', newProductId: 102 }, false, 'OTHER_CATEGORY'],
        [{}, { kind: 'plan_change', newProductId: 102 }, false, null],
        [{}, { kind: 'cancellation' }, false, null]
    ] as const)('%j %j pending=%s → %s', (over, change, pending, expected) => {
        expect(refusalOf({ ...active, ...over }, change, CATALOG, pending)).toBe(expected);
    });
});

describe('effectiveDates (end of the billing period)', () => {
    it.each([
        ['2026-12-13', '2026-12-07', '2026-12-13', '2026-12-12'],
        ['2026-12-07', '2026-12-07', '2026-12-07', '2026-12-06'],
        // overdue: moved on by whole months, the day clamped to the month's end
        ['2026-01-31', '2026-03-02', '2026-03-31', '2026-03-30'],
        ['2026-01-31', '2026-02-10', '2026-02-28', '2026-02-27'],
        ['2026-03-01', '2026-03-02', '2026-04-01', '2026-03-31']
    ])('due %s, today %s → effective %s, last day %s', (due, today, effectiveOn, lastServiceDay) => {
        expect(effectiveDates(due, today, 'end_of_billing_period')).toEqual({ effectiveOn, lastServiceDay });
    });
    it('refuses a due date that is not a date', () => {
        expect(() => effectiveDates('', '2026-12-07', 'end_of_billing_period')).toThrow(RangeError);
    });
});

describe('money, canonical bodies, staff text', () => {
    it.each([
        ['6980.00', '5280.00', '1700.00'],
        ['5280', '6980.00', '-1700.00'],
        ['0.05', '0.10', '-0.05'],
        ['-1.00', '1.00', '-2.00'],
        ['100.5', '100.50', '0.00']
    ])('%s − %s = %s', (to, from, diff) => {
        expect(moneyDifference(to, from)).toBe(diff);
    });

    it('a body is the same request whatever the key order; any value difference is not', () => {
        const a = { clientId: 1, accountId: 'A', kind: 'cancellation' as const, serviceId: 2, reason: 'x' };
        const b = { reason: 'x', serviceId: 2, kind: 'cancellation' as const, accountId: 'A', clientId: 1 };
        expect(canonicalBody(a)).toBe(canonicalBody(b));
        expect(canonicalBody(a)).not.toBe(canonicalBody({ ...a, reason: 'y' }));
        expect(canonicalBody(a)).not.toBe(canonicalBody({ ...a, reason: undefined }));
    });

    it('staff text keeps WHMCS words and masks secrets, on one line of at most 500 characters', () => {
        const out = staffText(
            'Error: password=hunter2\nsecret: "s3cr3t value" card 4242 4242 4242 4242 tok abcdefghijklmnopqrstuvwxyz0123456789'
        );
        expect(out).toBe('Error: password=[redacted] secret: [redacted] card [redacted] tok [redacted]');
        expect(staffText('Service ID Not Found')).toBe('Service ID Not Found');
        expect(staffText('x '.repeat(600))).toHaveLength(500);
    });
});
