// Fault injection and the control surface: the client sees the right typed error and
// GET /_sandbox/calls shows exactly the calls made.
import { WhmcsBusinessError, WhmcsTransportError, type WhmcsError } from '../../src/whmcs';
import { bootSandbox } from './helpers';

// The node project's testTimeout is not applied per project by Jest 29; set it here.
jest.setTimeout(20_000);

let env: Awaited<ReturnType<typeof bootSandbox>>;

beforeAll(async () => {
    env = await bootSandbox({ faultHoldMs: 3000 });
});
afterAll(async () => {
    await env.sandbox.close();
});
beforeEach(async () => {
    expect((await env.control('POST', '/_sandbox/reset')).status).toBe(200);
});

const fail = async (p: Promise<unknown>) =>
    (await p.then(
        () => undefined,
        (e: unknown) => e
    )) as WhmcsError;
const actions = async () => (await env.calls()).map((c) => c.action);

describe('faults', () => {
    it('timeout: the read times out (and is retried), the calls list shows each attempt', async () => {
        const set = await env.control('POST', '/_sandbox/faults', {
            action: 'GetInvoices',
            mode: 'timeout',
            times: 2
        });
        expect(set.status).toBe(200);
        const started = Date.now();
        // timeoutMs 300 per attempt, 1 retry → both attempts hit the fault.
        const { createWhmcsClient } = await import('../../src/whmcs');
        const client = createWhmcsClient({
            baseUrl: env.sandbox.url,
            identifier: env.sandbox.identifier,
            secret: env.sandbox.secret,
            timeoutMs: 300,
            readRetries: 1,
            retryBaseDelayMs: 1
        });
        const err = await fail(client.getInvoices({ userId: 1 }));
        expect(err).toBeInstanceOf(WhmcsTransportError);
        expect(err).toMatchObject({ kind: 'transport', reason: 'timeout' });
        expect(Date.now() - started).toBeLessThan(2500);
        expect(await actions()).toEqual(['GetInvoices', 'GetInvoices']);
        // The fault is used up: the next call answers.
        await expect(client.getInvoices({ userId: 1 })).resolves.toMatchObject({ total: 2 });
        expect(await actions()).toEqual(['GetInvoices', 'GetInvoices', 'GetInvoices']);
    });

    it('http500: transport http_status; a read recovers on retry', async () => {
        await env.control('POST', '/_sandbox/faults', {
            action: 'getclientsdetails',
            mode: 'http500',
            times: 1
        });
        await expect(env.client.getClientsDetails({ clientId: 1 })).resolves.toMatchObject({ id: 1 });
        expect(await actions()).toEqual(['GetClientsDetails', 'GetClientsDetails']);

        await env.control('POST', '/_sandbox/faults', { action: 'AddClient', mode: 'http500', times: 1 });
        const err = await fail(
            env.client.addClient({
                firstName: 'A',
                lastName: 'B',
                email: 'a.b@example.jp',
                password: 'x',
                phone: '+81-3-0000-0000',
                address: { line1: 'x', city: 'c', state: 's', postalCode: '1', country: 'JP' }
            })
        );
        expect(err).toMatchObject({ kind: 'transport', reason: 'http_status', httpStatus: 500 });
        expect((await actions()).slice(2)).toEqual(['AddClient']); // the write was not retried
        expect((await env.state()).clients).toHaveLength(3); // and a 500 fault commits nothing
    });

    it('drop_after_commit: the order exists in WHMCS but the client sees a connection error and does not retry', async () => {
        await env.control('POST', '/_sandbox/faults', {
            action: 'AddOrder',
            mode: 'drop_after_commit',
            times: 1
        });
        const err = await fail(
            env.client.addOrder({
                clientId: 1,
                paymentMethod: 'testcard',
                notes: 'SF-801000000000009AAA',
                items: [{ productId: 221, billingCycle: 'monthly' }]
            })
        );
        expect(err).toBeInstanceOf(WhmcsTransportError);
        expect(err).toMatchObject({ kind: 'transport', reason: 'connection' });
        expect(await actions()).toEqual(['AddOrder']);
        // The effect was saved: a re-drive can find it by the notes.
        const orders = await env.client.getOrders({ userId: 1, status: 'Pending' });
        expect(orders.orders).toEqual([
            expect.objectContaining({ notes: 'SF-801000000000009AAA', status: 'Pending' })
        ]);
        expect(await actions()).toEqual(['AddOrder', 'GetOrders']);
    });

    it('commit_late: the caller times out, the order appears only after `ms`', async () => {
        const set = await env.control('POST', '/_sandbox/faults', {
            action: 'AddOrder',
            mode: 'commit_late',
            ms: 700
        });
        expect(set.status).toBe(200);
        const { createWhmcsClient } = await import('../../src/whmcs');
        const hasty = createWhmcsClient({
            baseUrl: env.sandbox.url,
            identifier: env.sandbox.identifier,
            secret: env.sandbox.secret,
            timeoutMs: 200
        });
        const err = await fail(
            hasty.addOrder({
                clientId: 1,
                paymentMethod: 'testcard',
                notes: 'sf-order:801000000000019AAA',
                items: [{ productId: 221, billingCycle: 'monthly' }]
            })
        );
        expect(err).toMatchObject({ kind: 'transport', reason: 'timeout' });
        const late = async () =>
            (await env.state()).orders.filter((o) => o.notes === 'sf-order:801000000000019AAA');
        expect(await late()).toHaveLength(0); // nothing yet when the caller gave up
        await new Promise((r) => setTimeout(r, 900));
        expect(await late()).toHaveLength(1); // then WHMCS commits
        expect(await actions()).toEqual(['AddOrder']);
    });

    it('commit_late needs ms; ms is refused for other modes', async () => {
        const noMs = await env.control('POST', '/_sandbox/faults', {
            action: 'AddOrder',
            mode: 'commit_late'
        });
        expect(noMs).toMatchObject({ status: 400, body: { error: expect.stringMatching(/ms must be/) } });
        const stray = await env.control('POST', '/_sandbox/faults', {
            action: 'AddOrder',
            mode: 'error',
            ms: 5
        });
        expect(stray).toMatchObject({ status: 400, body: { error: 'ms applies to commit_late only' } });
    });

    it('error: a business error with the given message, `times` times', async () => {
        await env.control('POST', '/_sandbox/faults', {
            action: 'AcceptOrder',
            mode: 'error',
            times: 2,
            message: 'Module Command Error: provisioning down'
        });
        for (let i = 0; i < 2; i++) {
            const err = await fail(env.client.acceptOrder({ orderId: 1 }));
            expect(err).toBeInstanceOf(WhmcsBusinessError);
            expect(err.message).toBe('Module Command Error: provisioning down');
        }
        // Seed order 1 is already Active: the real answer comes back once the faults are used up.
        const real = await fail(env.client.acceptOrder({ orderId: 1 }));
        expect(real.message).toBe('Order ID not found or Status not Pending');
        expect(await actions()).toEqual(['AcceptOrder', 'AcceptOrder', 'AcceptOrder']);
    });

    it('rejects malformed fault requests', async () => {
        for (const body of [
            { action: 'Nope', mode: 'error', times: 1 },
            { action: 'GetInvoices', mode: 'explode', times: 1 },
            { action: 'GetInvoices', mode: 'error', times: 0 },
            { action: 'GetInvoices', mode: 'error', times: 1, message: 5 }
        ]) {
            expect((await env.control('POST', '/_sandbox/faults', body)).status).toBe(400);
        }
        const res = await fetch(`${env.sandbox.url}/_sandbox/faults`, { method: 'POST', body: '{not json' });
        expect(res.status).toBe(400);
    });
});

describe('control surface', () => {
    it('latency delays every API answer until reset', async () => {
        // Wide margins: a loaded CI machine can add hundreds of milliseconds to any call.
        expect((await env.control('POST', '/_sandbox/latency', { ms: 1000 })).status).toBe(200);
        let started = Date.now();
        await env.client.getProducts({ productId: 101 });
        expect(Date.now() - started).toBeGreaterThanOrEqual(990);
        await env.control('POST', '/_sandbox/reset');
        started = Date.now();
        await env.client.getProducts({ productId: 101 });
        expect(Date.now() - started).toBeLessThan(700);
        expect((await env.control('POST', '/_sandbox/latency', { ms: -1 })).status).toBe(400);
    });

    it('calls lists action and time only, never credentials or params', async () => {
        await env.client.validateLogin({ email: 'kenta.suzuki@example.jp', password: 'Suzuki-Whmcs-2026' });
        await env.client.createSsoToken({ clientId: 1 });
        const calls = await env.calls();
        expect(calls.map((c) => Object.keys(c).sort())).toEqual([
            ['action', 'at'],
            ['action', 'at']
        ]);
        expect(calls.map((c) => c.action)).toEqual(['ValidateLogin', 'CreateSsoToken']);
        expect(Number.isNaN(Date.parse(calls[0].at))).toBe(false);
        const text = JSON.stringify(calls);
        expect(text).not.toContain(env.sandbox.secret);
        expect(text).not.toContain('Suzuki-Whmcs-2026');
    });

    it('state shows the seed: clients, orders, services, invoices, pay methods, without password hashes', async () => {
        const state = await env.state();
        expect(state.clients.map((c) => [c.id, c.email, c.customfields])).toEqual([
            [1, 'kenta.suzuki@example.jp', { 1: '20000001' }],
            [2, 'emily.carter@example.com', { 1: '20000002' }],
            [3, 'noah.kimura@example.jp', {}]
        ]);
        expect(state.clients[0]).toMatchObject({
            address1: '7-8-9 Sakae',
            city: 'Naka-ku, Nagoya-shi',
            state: 'Aichi',
            postcode: '460-0008',
            country: 'JP'
        });
        expect(JSON.stringify(state)).not.toMatch(/password_hash|scrypt\$|Whmcs-2026/);
        expect(state.services.map((s) => [s.id, s.userid, s.packageid, s.status])).toEqual([
            [1, 1, 101, 'Active'],
            [2, 2, 301, 'Active']
        ]);
        expect(state.invoices.map((i) => [i.id, i.userid, i.status, i.total, i.balance])).toEqual([
            [1, 1, 'Paid', '5280.00', '0.00'],
            [2, 1, 'Unpaid', '5280.00', '5280.00'],
            [3, 2, 'Unpaid', '880.00', '880.00']
        ]);
        expect(state.payMethods.map((p) => [p.userid, p.card_type, p.card_last_four])).toEqual([
            [1, 'Visa', '4242']
        ]);
        expect(state.orders.map((o) => [o.id, o.status])).toEqual([
            [1, 'Active'],
            [2, 'Active']
        ]);
    });

    it('reset empties new data and reloads the seed', async () => {
        await env.client.addPayMethod({ clientId: 2, cardNumber: '4242424242424242', cardExpiry: '1230' });
        expect((await env.state()).payMethods).toHaveLength(2);
        await env.control('POST', '/_sandbox/reset');
        expect((await env.state()).payMethods).toHaveLength(1);
        expect(await env.calls()).toEqual([]);
    });
});
