import fc from 'fast-check';
import { createWhmcsClient } from '../../src/whmcs';
import {
    billingCycleForDisplay,
    normalizeBillingCycle,
    toBool,
    toDate,
    toList,
    toMoney
} from '../../src/whmcs/normalize';
import { CREDS, fixture, scriptedFetch } from './helpers';

const EMPTY_FORMS: [string, (inner: string) => unknown][] = [
    ['""', () => ''],
    ['[]', () => []],
    ['{}', () => ({})],
    ['null', () => null],
    ['wrapper with empty inner list', (inner) => ({ [inner]: [] })],
    ['wrapper with inner ""', (inner) => ({ [inner]: '' })],
    ['wrapper with inner {}', (inner) => ({ [inner]: {} })]
];

function client(body: unknown) {
    return createWhmcsClient({
        baseUrl: 'http://whmcs.test',
        ...CREDS,
        fetchImpl: scriptedFetch({ body }).fetchImpl
    });
}

const paging = { result: 'success', totalresults: 0, startnumber: 0, numreturned: 0 };

describe('every empty-list form normalises to []', () => {
    describe.each(EMPTY_FORMS)('%s', (_name, form) => {
        it('GetClients.clients', async () => {
            await expect(client({ ...paging, clients: form('client') }).getClients()).resolves.toMatchObject({
                clients: []
            });
        });
        it('GetInvoices.invoices', async () => {
            const r = await client({ ...paging, invoices: form('invoice') }).getInvoices();
            expect(r.invoices).toEqual([]);
        });
        it('GetOrders.orders', async () => {
            const r = await client({ ...paging, orders: form('order') }).getOrders();
            expect(r.orders).toEqual([]);
        });
        it('GetClientsProducts.products', async () => {
            const r = await client({
                ...paging,
                totalresults: '0',
                products: form('product')
            }).getClientsProducts({
                clientId: 1
            });
            expect(r.services).toEqual([]);
        });
        it('GetProducts.products', async () => {
            const r = await client({
                result: 'success',
                totalresults: 0,
                products: form('product')
            }).getProducts();
            expect(r.products).toEqual([]);
        });
        it('GetPayMethods.paymethods', async () => {
            const r = await client({
                result: 'success',
                clientid: '1',
                paymethods: form('paymethod')
            }).getPayMethods({
                clientId: 1
            });
            expect(r).toEqual([]);
        });
        it('GetInvoice.items and .transactions', async () => {
            const base = fixture('getinvoice.json');
            const r = await client({
                ...base,
                items: form('item'),
                transactions: form('transaction')
            }).getInvoice({
                invoiceId: 88
            });
            expect(r.items).toEqual([]);
            expect(r.transactions).toEqual([]);
        });
        it('GetOrders line items and GetClientsDetails custom fields', async () => {
            const orders = fixture<{ orders: { order: Record<string, Record<string, unknown>> } }>(
                'getorders.json'
            );
            const first = { ...orders.orders.order['0'], lineitems: form('lineitem') };
            const r = await client({ ...paging, totalresults: 1, orders: { order: [first] } }).getOrders();
            expect(r.orders[0].lineItems).toEqual([]);
            const details = fixture<{ client: Record<string, unknown> }>('getclientsdetails.json');
            const c = await client({
                result: 'success',
                client: { ...details.client, customfields: form('customfield'), users: form('user') }
            }).getClientsDetails({ clientId: 7 });
            expect(c.customFields).toEqual({});
            expect(c.users).toEqual([]);
        });
    });

    it('a missing list key is an empty list too', async () => {
        await expect(client({ ...paging }).getInvoices()).resolves.toMatchObject({ invoices: [] });
        await expect(
            client({ result: 'success', clientid: '1' }).getPayMethods({ clientId: 1 })
        ).resolves.toEqual([]);
    });

    it('a lone object and a numeric-keyed object become lists', async () => {
        const inv = fixture<{ invoices: { invoice: Record<string, unknown>[] } }>('getinvoices.json').invoices
            .invoice;
        const lone = await client({ ...paging, invoices: { invoice: inv[0] } }).getInvoices();
        expect(lone.invoices.map((i) => i.id)).toEqual([88]);
        const keyed = await client({
            ...paging,
            invoices: { invoice: { '1': inv[1], '0': inv[0] } }
        }).getInvoices();
        expect(keyed.invoices.map((i) => i.id)).toEqual([88, 12]);
        const bare = await client({ ...paging, invoices: inv[1] }).getInvoices();
        expect(bare.invoices.map((i) => i.id)).toEqual([12]);
    });
});

describe('coercers', () => {
    it.each([true, 1, '1', 'true', 'on', 'TRUE', ' yes '])('%p is true', (v) => expect(toBool(v)).toBe(true));
    it.each([false, 0, '0', '', 'false', 'off', null, undefined])('%p is false', (v) =>
        expect(toBool(v)).toBe(false)
    );

    it('booleans in responses accept every spelling', async () => {
        for (const [raw, expected] of [
            [true, true],
            [1, true],
            ['1', true],
            ['true', true],
            ['on', true],
            [false, false],
            [0, false],
            ['0', false],
            ['', false],
            ['false', false]
        ] as const) {
            const r = await client({ result: 'success', userid: '1', twoFactorEnabled: raw }).validateLogin({
                email: 'a@b.c',
                password: 'x'
            });
            expect(r.twoFactorEnabled).toBe(expected);
        }
    });

    it('zero dates become null, real dates stay', () => {
        expect(toDate('0000-00-00')).toBeNull();
        expect(toDate('0000-00-00 00:00:00')).toBeNull();
        expect(toDate('')).toBeNull();
        expect(toDate(null)).toBeNull();
        expect(toDate('2026-11-20')).toBe('2026-11-20');
        expect(toDate('2026-11-20 10:00:00')).toBe('2026-11-20 10:00:00');
    });

    it('money stays a 2-dp decimal string without float rounding', () => {
        expect(toMoney('5280')).toBe('5280.00');
        expect(toMoney('5280.5')).toBe('5280.50');
        expect(toMoney(5280)).toBe('5280.00');
        expect(toMoney('0.00')).toBe('0.00');
        expect(toMoney('-1.00')).toBe('-1.00');
        expect(toMoney('1.005')).toBe('1.01');
        expect(toMoney('12345678901234567.89')).toBe('12345678901234567.89');
        expect(toMoney('')).toBe('0.00');
        expect(toMoney('007.50')).toBe('7.50');
        expect(toMoney('-0.00')).toBe('-0.00');
    });

    it('money already in two-place form comes back as the long way makes it', () => {
        fc.assert(
            fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), (cents) => {
                const abs = cents < 0n ? -cents : cents;
                const text = `${cents < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
                expect(toMoney(text)).toBe(toMoney(`${text}0`));
            })
        );
    });

    it('numeric strings for ids and counts become numbers', async () => {
        const r = await client({
            result: 'success',
            totalresults: '3',
            startnumber: '0',
            numreturned: '1',
            clients: {
                client: [
                    { id: '5', firstname: 'A', lastname: 'B', email: 'a@b.c', groupid: '2', status: 'Active' }
                ]
            }
        }).getClients();
        expect(r.total).toBe(3);
        expect(r.clients[0]).toMatchObject({ id: 5, groupId: 2, companyName: '', dateCreated: null });
    });

    it('toList never throws and always returns an array', () => {
        fc.assert(
            fc.property(
                fc.jsonValue(),
                fc.option(fc.constantFrom('invoice', 'order'), { nil: undefined }),
                (v, inner) => {
                    expect(Array.isArray(toList(v, inner))).toBe(true);
                }
            )
        );
    });
});

describe('billing cycles', () => {
    it('display and request forms → the request form; unknown → null, or squashed for display', () => {
        expect(normalizeBillingCycle('Monthly')).toBe('monthly');
        expect(normalizeBillingCycle('One Time')).toBe('onetime');
        expect(normalizeBillingCycle('One-Time')).toBe('onetime');
        expect(normalizeBillingCycle('Semi-Annually')).toBe('semiannually');
        expect(normalizeBillingCycle('Free Account')).toBe('free');
        expect(normalizeBillingCycle('Every Two Weeks')).toBeNull();
        expect(normalizeBillingCycle(3)).toBeNull();
        expect(billingCycleForDisplay('Semi-Annually')).toBe('semiannually');
        expect(billingCycleForDisplay('Every Two Weeks')).toBe('everytwoweeks');
        expect(billingCycleForDisplay('')).toBe('unknown');
        expect(billingCycleForDisplay(null)).toBe('unknown');
    });
});

describe('unexpected shapes', () => {
    it('a list item without its id is an invalid_response transport error naming only the path', async () => {
        const c = client({
            ...paging,
            invoices: { invoice: [{ userid: 7, total: '1.00', notes: 'secret note' }] }
        });
        await expect(c.getInvoices()).rejects.toMatchObject({
            name: 'WhmcsTransportError',
            kind: 'transport',
            reason: 'invalid_response'
        });
        await expect(c.getInvoices()).rejects.not.toThrow(/secret note/);
    });

    it('a client without any id is an invalid_response naming client.id', async () => {
        const c = client({ result: 'success', client: { firstname: 'A', email: 'a@b.c' } });
        await expect(c.getClientsDetails({ clientId: 1 })).rejects.toMatchObject({
            reason: 'invalid_response',
            message: 'WHMCS GetClientsDetails answer has an unexpected shape at: client.id'
        });
    });
});
