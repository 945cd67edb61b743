// UpgradeProduct and AddCancelRequest in the sandbox: documented answers and errors, state, calls, faults.
import { bootSandbox } from './helpers';

jest.setTimeout(20_000);

let env: Awaited<ReturnType<typeof bootSandbox>>;

beforeAll(async () => {
    env = await bootSandbox();
});
afterAll(async () => {
    await env.sandbox.close();
});
beforeEach(() => env.sandbox.reset());

interface ChangeState {
    services: { id: number; packageid: number; amount: string; status: string }[];
    orders: { id: number; userid: number; status: string; invoiceid: number; amount: string }[];
    invoices: { id: number; status: string; total: string; items: { type: string; description: string }[] }[];
    upgrades: { orderid: number; relid: number; originalvalue: string; newvalue: string; amount: string }[];
    cancelRequests: { relid: number; type: string; reason: string }[];
}
const state = async () => (await env.state()) as unknown as ChangeState;

// Kenta's service 1 is Fiber 1 Gbps (101, ¥5,280), next due in 7 days; Fiber 10 Gbps (102) is ¥6,980.
const upgrade = (extra: Record<string, string> = {}) =>
    env.raw({
        action: 'UpgradeProduct',
        serviceid: '1',
        paymentmethod: 'testcard',
        type: 'product',
        newproductid: '102',
        newproductbillingcycle: 'monthly',
        ...extra
    });

describe('UpgradeProduct', () => {
    it('calconly answers the prorated price and changes nothing', async () => {
        const before = await state();
        const { status, json } = await upgrade({ calconly: '1' });
        expect(status).toBe(200);
        expect(json).toMatchObject({
            result: 'success',
            oldproductid: '101',
            oldproductname: 'Fiber 1 Gbps',
            newproductid: 102,
            newproductname: 'Fiber 10 Gbps',
            daysuntilrenewal: 7,
            newproductbillingcycle: 'monthly',
            upgradeinprogress: false
        });
        const total = json?.totaldays as number;
        expect(total).toBeGreaterThanOrEqual(28);
        expect(json?.price).toBe(`¥${(Math.round((170000 * 7) / total) / 100).toFixed(2)}`);
        expect(await state()).toEqual(before);
    });

    it('an upgrade changes the service, makes an upgrade order and invoices the prorated difference', async () => {
        const { json } = await upgrade();
        expect(json).toMatchObject({
            result: 'success',
            oldproductid: '101',
            newproductid: 102,
            id: expect.stringMatching(/^\d+$/),
            orderid: 3,
            order_number: expect.stringMatching(/^\d{10}$/),
            invoiceid: expect.any(Number)
        });
        const s = await state();
        expect(s.services.find((x) => x.id === 1)).toMatchObject({ packageid: 102, amount: '6980.00' });
        const order = s.orders.find((o) => o.id === 3);
        expect(order).toMatchObject({ userid: 1, status: 'Pending', invoiceid: json?.invoiceid });
        expect(s.upgrades).toEqual([
            expect.objectContaining({ orderid: 3, relid: 1, originalvalue: '101', newvalue: '102,monthly' })
        ]);
        const invoice = s.invoices.find((i) => i.id === json?.invoiceid);
        expect(invoice).toMatchObject({ status: 'Unpaid', total: s.upgrades[0].amount });
        expect(invoice?.items[0]).toMatchObject({ type: 'Upgrade' });
        expect(invoice?.items[0].description).toContain('Fiber 1 Gbps => Internet - Fiber 10 Gbps');

        // A second upgrade while the first invoice is unpaid: WHMCS's documented refusal.
        const again = await upgrade({ newproductid: '103' });
        expect(again.json).toEqual({
            result: 'error',
            message: 'Unable to accept upgrade order. Previous upgrade invoice for service is still unpaid.'
        });
        expect((await upgrade({ newproductid: '103', calconly: '1' })).json?.upgradeinprogress).toBe(true);
    });

    it('a downgrade has a negative price, no invoice and an Active order', async () => {
        const { json } = await upgrade({ newproductid: '103' });
        expect(json?.price).toMatch(/^¥-\d+\.\d{2}$/);
        expect(json?.invoiceid).toBeNull();
        const s = await state();
        expect(s.services.find((x) => x.id === 1)).toMatchObject({ packageid: 103, amount: '2980.00' });
        expect(s.orders.find((o) => o.id === json?.orderid)).toMatchObject({
            status: 'Active',
            invoiceid: 0
        });
    });

    it.each([
        [{ serviceid: '999' }, 'Service ID Not Found'],
        [{ serviceid: 'abc' }, 'Service ID Not Found'],
        [{ paymentmethod: 'paypal' }, 'Invalid Payment Method. Valid options include testcard'],
        [{ type: 'addon' }, 'Invalid Upgrade Type'],
        [{ type: '' }, 'Invalid Upgrade Type'],
        [{ newproductid: '999' }, 'Invalid Product ID: 999'],
        [{ newproductid: '' }, 'Invalid Product ID: '],
        [{ newproductid: '201' }, 'Product ID 201 is not an available upgrade for Service ID 1'],
        [{ newproductid: '111' }, 'Product ID 111 is not an available upgrade for Service ID 1'],
        [{ newproductid: '101' }, 'Product ID 101 is not an available upgrade for Service ID 1'],
        [{ newproductbillingcycle: 'annually' }, "Invalid Billing Cycle 'annually' for Product ID 102"]
    ])('%j → %s, nothing changed', async (params, message) => {
        const before = await state();
        expect((await upgrade(params)).json).toEqual({ result: 'error', message });
        expect(await state()).toEqual(before);
    });
});

describe('AddCancelRequest', () => {
    it('records one request per service, as WHMCS keeps them; a second is refused', async () => {
        const { status, json } = await env.raw({
            action: 'AddCancelRequest',
            serviceid: '2',
            type: 'End of Billing Period',
            reason: 'Moving abroad'
        });
        expect(status).toBe(200);
        expect(json).toEqual({ result: 'success', serviceid: '2', userid: '2' });
        const s = await state();
        expect(s.cancelRequests).toEqual([
            expect.objectContaining({ relid: 2, type: 'End of Billing Period', reason: 'Moving abroad' })
        ]);
        // The service stays Active until WHMCS's cron acts on the request.
        expect(s.services.find((x) => x.id === 2)?.status).toBe('Active');

        const again = await env.raw({ action: 'AddCancelRequest', serviceid: '2', type: 'Immediate' });
        expect(again.json).toEqual({ result: 'error', message: 'Existing Cancellation Request Exists' });
        expect((await state()).cancelRequests).toHaveLength(1);
    });

    it('type defaults to End of Billing Period; unknown service and type are refused', async () => {
        await env.raw({ action: 'AddCancelRequest', serviceid: '1' });
        expect((await state()).cancelRequests).toEqual([
            expect.objectContaining({ relid: 1, type: 'End of Billing Period', reason: '' })
        ]);
        expect((await env.raw({ action: 'AddCancelRequest', serviceid: '77' })).json).toEqual({
            result: 'error',
            message: 'Service ID Not Found'
        });
        expect((await env.raw({ action: 'AddCancelRequest', serviceid: '2', type: 'Later' })).json).toEqual({
            result: 'error',
            message: 'Invalid Cancellation Type. Must be one of: Immediate, End of Billing Period'
        });
    });
});

describe('calls and faults', () => {
    it('both actions are counted in /_sandbox/calls and take injected faults', async () => {
        await env.control('POST', '/_sandbox/faults', {
            action: 'UpgradeProduct',
            mode: 'error',
            message: 'Module command failed'
        });
        expect((await upgrade()).json).toEqual({ result: 'error', message: 'Module command failed' });
        expect((await state()).services.find((x) => x.id === 1)?.packageid).toBe(101);

        // The commit happens, the answer is lost: the caller cannot tell.
        await env.control('POST', '/_sandbox/faults', {
            action: 'AddCancelRequest',
            mode: 'drop_after_commit'
        });
        await expect(env.client.call('AddCancelRequest', { serviceid: 1 })).rejects.toMatchObject({
            kind: 'transport'
        });
        expect((await state()).cancelRequests).toHaveLength(1);

        const names = (await env.calls()).map((c) => c.action);
        expect(names).toEqual(['UpgradeProduct', 'AddCancelRequest']);
    });
});
