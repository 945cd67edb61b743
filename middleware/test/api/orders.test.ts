import { calendarDate } from '../../src/domain/dates';
import type { BillingPort, ProvisioningLedger } from '../../src/domain/ports';
import {
    ADDRESS,
    EMILY,
    KENTA,
    accountId,
    internetLines,
    line,
    orderId,
    simLines,
    vpnLines
} from '../helpers/fixtures';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
const SETTLE_MS = 1500;
let seq = 0;
const nextOrder = () => orderId(++seq + 1000);

beforeAll(async () => {
    stack = await startStack({
        whmcsTimeoutMs: 600,
        // An unanswered AddOrder keeps its order in doubt this long (just over the WHMCS timeout here).
        settings: (s) => ({ ...s, provisioning: { ...s.provisioning, settleMs: SETTLE_MS } })
    });
});
afterAll(async () => {
    await stack.close();
});
beforeEach(() => {
    stack.sandbox.reset();
});

async function ordersFor(sfOrderId: string) {
    const state = await stack.state();
    return state.orders.filter((o) => o.notes.includes(`sf-order:${sfOrderId}`));
}

async function fault(action: string, mode: string, times = 1, message?: string) {
    await stack.control('/_sandbox/faults', { action, mode, times, message });
}

async function addCard(clientId: number) {
    await stack.whmcs.addPayMethod({
        clientId,
        type: 'CreditCard',
        cardNumber: '4242424242424242',
        cardExpiry: '1230',
        gatewayModuleName: 'testcard'
    });
}

/** A client with a card and no Internet service (for Internet orders). */
async function newClientWithCard(email: string): Promise<number> {
    const res = await stack.post('/v1/billing-profiles', {
        accountId: accountId(Math.floor(Math.random() * 1e9)),
        customerNumber: '10000009',
        firstName: 'Test',
        lastName: 'Person',
        email,
        phone: '+81-3-5555-0199',
        address: ADDRESS,
        language: 'ja'
    });
    expect(res.status).toBe(201);
    await addCard(res.body.clientId);
    return res.body.clientId;
}

const provision = (id: string, body: object) => stack.post(`/v1/orders/${id}/provision`, body);

/** The WHMCS actions the middleware calls while `fn` runs (from the sandbox's call log). */
async function whmcsActions(fn: () => Promise<unknown>): Promise<string[]> {
    const log = async () => (await stack.control('/_sandbox/calls')) as { action: string }[];
    const before = (await log()).length;
    await fn();
    return (await log()).slice(before).map((c) => c.action);
}

describe('POST /v1/orders/check', () => {
    it('ok for a valid SIM order, with the billing address and payment method', async () => {
        const res = await stack.post('/v1/orders/check', {
            clientId: KENTA,
            accountId: accountId(1),
            lines: simLines()
        });
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
            ok: true,
            violations: [],
            billingAddress: expect.objectContaining({
                line1: '7-8-9 Sakae',
                country: 'JP',
                postalCode: '460-0008'
            }),
            paymentMethodOnFile: true
        });
    });

    it('INTERNET_ALREADY_ACTIVE from the existing WHMCS service', async () => {
        const res = await stack.post('/v1/orders/check', {
            clientId: KENTA,
            accountId: accountId(1),
            lines: internetLines(),
            installationAddress: { address: ADDRESS, confirmed: true }
        });
        expect(res.status).toBe(200);
        expect(res.body.ok).toBe(false);
        expect(res.body.violations.map((v: { code: string }) => v.code)).toEqual(['INTERNET_ALREADY_ACTIVE']);
    });

    it('PAYMENT_METHOD_REQUIRED when WHMCS has no card', async () => {
        const res = await stack.post('/v1/orders/check', {
            clientId: EMILY,
            accountId: accountId(2),
            lines: vpnLines()
        });
        expect(res.body.paymentMethodOnFile).toBe(false);
        expect(res.body.violations).toEqual([
            { code: 'PAYMENT_METHOD_REQUIRED', message: expect.any(String) }
        ]);
    });

    it('reports rule violations with line ids', async () => {
        const soon = new Date(Date.now() + 3 * 86_400_000);
        const res = await stack.post('/v1/orders/check', {
            clientId: KENTA,
            accountId: accountId(1),
            lines: [
                line('SIM-VOICE-20GB', {
                    details: {
                        mnp: {
                            reservationNumber: '1234567890',
                            expiresOn: calendarDate(soon),
                            phoneNumber: '090-1234-5678',
                            holderName: 'Kenta Suzuki'
                        }
                    }
                }),
                line('VPN-STANDARD')
            ],
            openOrderCategories: ['SIM']
        });
        expect(res.body.ok).toBe(false);
        expect(res.body.violations.map((v: { code: string }) => v.code)).toEqual(['ORDER_MIXED_CATEGORIES']);
    });

    it('unknown client → 404, bad body → 400', async () => {
        const unknown = await stack.post('/v1/orders/check', {
            clientId: 99999,
            accountId: accountId(1),
            lines: simLines()
        });
        expect(unknown.status).toBe(404);
        expect(unknown.body.error.code).toBe('NOT_FOUND');
        const bad = await stack.post('/v1/orders/check', { clientId: KENTA, accountId: 'x', lines: [] });
        expect(bad.status).toBe(400);
        const paths = bad.body.error.details.issues.map((i: { path: string }) => i.path);
        expect(paths).toEqual(expect.arrayContaining(['accountId', 'lines']));
    });

    it("reads the client's WHMCS services only for an Internet order", async () => {
        const check =
            (lines: object[], extra: object = {}) =>
            async () => {
                const res = await stack.post('/v1/orders/check', {
                    clientId: KENTA,
                    accountId: accountId(1),
                    lines,
                    ...extra
                });
                expect(res.status).toBe(200);
            };
        // The reads go out together with the client check, so WHMCS may see them in any order.
        const sorted = async (fn: () => Promise<void>) => (await whmcsActions(fn)).sort();
        expect(await sorted(check(simLines()))).toEqual(['GetClientsDetails', 'GetPayMethods']);
        expect(await sorted(check(vpnLines()))).toEqual(['GetClientsDetails', 'GetPayMethods']);
        expect(
            await sorted(
                check(internetLines(), { installationAddress: { address: ADDRESS, confirmed: true } })
            )
        ).toEqual(['GetClientsDetails', 'GetClientsProducts', 'GetPayMethods']);
    });

    it('a SIM order does not depend on the services read: GetClientsProducts down does not matter', async () => {
        await fault('GetClientsProducts', 'http500');
        const sim = await stack.post('/v1/orders/check', {
            clientId: KENTA,
            accountId: accountId(1),
            lines: simLines()
        });
        expect(sim.status).toBe(200);
        expect(sim.body.ok).toBe(true);
        await fault('GetClientsProducts', 'http500');
        const internet = await stack.post('/v1/orders/check', {
            clientId: KENTA,
            accountId: accountId(1),
            lines: internetLines(),
            installationAddress: { address: ADDRESS, confirmed: true }
        });
        expect(internet.status).toBe(503);
        expect(internet.body.error).toMatchObject({ code: 'BILLING_UNAVAILABLE', retryable: true });
    });

    it('WHMCS down → 503 BILLING_UNAVAILABLE, retryable', async () => {
        await fault('GetClientsDetails', 'http500');
        const res = await stack.post('/v1/orders/check', {
            clientId: KENTA,
            accountId: accountId(1),
            lines: simLines()
        });
        expect(res.status).toBe(503);
        expect(res.body.error).toMatchObject({ code: 'BILLING_UNAVAILABLE', retryable: true });
    });
});

describe('POST /v1/orders/{id}/provision', () => {
    const body = (lines = simLines(), clientId = KENTA) => ({ clientId, accountId: accountId(1), lines });

    it('activates once and answers the same again without a WHMCS write', async () => {
        const id = nextOrder();
        const first = await provision(id, body());
        expect(first.status).toBe(200);
        expect(first.body).toEqual({
            outcome: 'ACTIVATED',
            whmcsOrderId: expect.any(Number),
            whmcsInvoiceId: expect.any(Number),
            services: [
                { lineId: 'SIM-DATA-3GB', whmcsServiceId: expect.any(Number) },
                { lineId: 'SIM-ACTIVATION', whmcsServiceId: expect.any(Number) }
            ]
        });
        const orders = await ordersFor(id);
        expect(orders).toHaveLength(1);
        expect(orders[0].status).toBe('Active');

        const before = ((await stack.control('/_sandbox/calls')) as unknown[]).length;
        const again = await provision(id, body());
        expect(again.body).toEqual(first.body);
        const calls = (await stack.control('/_sandbox/calls')) as { action: string }[];
        expect(calls.slice(before).filter((c) => ['AddOrder', 'AcceptOrder'].includes(c.action))).toEqual([]);
        expect(await ordersFor(id)).toHaveLength(1);

        const trace = await stack.get(`/v1/orders/${id}/provisioning`);
        expect(trace.status).toBe(200);
        expect(trace.body).toMatchObject({
            orderId: id,
            state: 'ACTIVATED',
            whmcsOrderId: first.body.whmcsOrderId
        });
        expect(trace.body.attempts.map((a: { step: string }) => a.step)).toEqual([
            'FIND_ORDER',
            'CHECK',
            'RECORD_INTENT',
            'ADD_ORDER',
            'ACCEPT_ORDER',
            'ACTIVATE'
        ]);
    });

    it('first run of a SIM order: the notes search, no services read before AddOrder, no GetOrders between AddOrder and AcceptOrder', async () => {
        const id = nextOrder();
        let res: Awaited<ReturnType<Stack['post']>> | undefined;
        const actions = await whmcsActions(async () => {
            res = await provision(id, body());
        });
        expect(res?.body.outcome).toBe('ACTIVATED');
        expect(actions).toEqual([
            'GetClientsDetails',
            'GetOrders',
            'GetPayMethods',
            'AddOrder',
            'AcceptOrder',
            'GetClientsProducts'
        ]);
        expect(await ordersFor(id)).toHaveLength(1);
    });

    it('re-drive after AcceptOrder was lost reads the order status again (GetOrders) and accepts nothing twice', async () => {
        const id = nextOrder();
        await fault('AcceptOrder', 'drop_after_commit');
        expect((await provision(id, body())).status).toBe(503);
        let res: Awaited<ReturnType<Stack['post']>> | undefined;
        const actions = await whmcsActions(async () => {
            res = await provision(id, body());
        });
        expect(res?.body.outcome).toBe('ACTIVATED');
        expect(actions).toEqual(['GetPayMethods', 'GetOrders', 'GetClientsProducts']);
        const trace = await stack.get(`/v1/orders/${id}/provisioning`);
        expect(trace.body.attempts.at(-2)).toMatchObject({ step: 'ACCEPT_ORDER', result: 'found' });
    });

    it('re-drive after AddOrder was lost finds the order by its notes and reads its status before AcceptOrder', async () => {
        const id = nextOrder();
        await fault('AddOrder', 'drop_after_commit');
        expect((await provision(id, body())).status).toBe(503);
        let res: Awaited<ReturnType<Stack['post']>> | undefined;
        const actions = await whmcsActions(async () => {
            res = await provision(id, body());
        });
        expect(res?.body.outcome).toBe('ACTIVATED');
        expect(actions).toEqual([
            'GetOrders',
            'GetPayMethods',
            'GetOrders',
            'AcceptOrder',
            'GetClientsProducts'
        ]);
        expect(await ordersFor(id)).toHaveLength(1);
    });

    it('sends MNP and VPN region custom fields to WHMCS', async () => {
        const id = nextOrder();
        const expires = calendarDate(new Date(Date.now() + 20 * 86_400_000));
        const res = await provision(
            id,
            body([
                line('SIM-VOICE-20GB', {
                    details: {
                        mnp: {
                            reservationNumber: '1234567890',
                            expiresOn: expires,
                            phoneNumber: '090-1234-5678',
                            holderName: 'Kenta Suzuki'
                        }
                    }
                }),
                line('SIM-ACTIVATION')
            ])
        );
        expect(res.body.outcome).toBe('ACTIVATED');
        const state = await stack.state();
        const svc = state.services.find((s) => s.id === res.body.services[0].whmcsServiceId) as unknown as {
            customfields: Record<string, string>;
        };
        expect(svc.customfields).toEqual({
            11: '1234567890',
            12: expires,
            13: '090-1234-5678',
            14: 'Kenta Suzuki'
        });

        const vpnId = nextOrder();
        const vpn = await provision(vpnId, body(vpnLines('SG')));
        expect(vpn.body.outcome).toBe('ACTIVATED');
        const after = await stack.state();
        const vpnSvc = after.services.find(
            (s) => s.id === vpn.body.services[0].whmcsServiceId
        ) as unknown as {
            customfields: Record<string, string>;
        };
        expect(vpnSvc.customfields).toEqual({ 21: 'SG' });
    });

    it('Internet order for a new client: activates, and a second Internet order is refused', async () => {
        const clientId = await newClientWithCard('internet.buyer@example.jp');
        const lines = internetLines();
        const id = nextOrder();
        const res = await stack.post(`/v1/orders/${id}/provision`, {
            clientId,
            accountId: accountId(7),
            lines,
            installationAddress: { address: ADDRESS, confirmed: true }
        });
        expect(res.body.outcome).toBe('ACTIVATED');
        const second = await stack.post(`/v1/orders/${nextOrder()}/provision`, {
            clientId,
            accountId: accountId(7),
            lines,
            installationAddress: { address: ADDRESS, confirmed: true }
        });
        expect(second.body).toEqual({
            outcome: 'PAUSED',
            code: 'INTERNET_ALREADY_ACTIVE',
            message: expect.any(String),
            detail: null
        });
    });

    it('PAUSED with PAYMENT_METHOD_REQUIRED, then a re-drive after a card was added activates', async () => {
        const id = nextOrder();
        const paused = await provision(id, body(vpnLines(), EMILY));
        expect(paused.body).toEqual({
            outcome: 'PAUSED',
            code: 'PAYMENT_METHOD_REQUIRED',
            message: expect.any(String),
            detail: null
        });
        expect(await ordersFor(id)).toHaveLength(0);
        const again = await provision(id, body(vpnLines(), EMILY));
        expect(again.body.code).toBe('PAYMENT_METHOD_REQUIRED');

        await addCard(EMILY);
        const done = await provision(id, body(vpnLines(), EMILY));
        expect(done.body.outcome).toBe('ACTIVATED');
        expect(await ordersFor(id)).toHaveLength(1);
        const trace = await stack.get(`/v1/orders/${id}/provisioning`);
        expect(
            trace.body.attempts.filter((a: { code?: string }) => a.code === 'PAYMENT_METHOD_REQUIRED')
        ).toHaveLength(2);
    });

    it('five concurrent calls make one WHMCS order and give one answer', async () => {
        const id = nextOrder();
        await stack.control('/_sandbox/latency', { ms: 40 });
        try {
            const results = await Promise.all(Array.from({ length: 5 }, () => provision(id, body())));
            for (const r of results) {
                expect(r.status).toBe(200);
                expect(r.body).toEqual(results[0].body);
            }
            expect(results[0].body.outcome).toBe('ACTIVATED');
        } finally {
            await stack.control('/_sandbox/latency', { ms: 0 });
        }
        expect(await ordersFor(id)).toHaveLength(1);
    });

    describe.each(['AddOrder', 'AcceptOrder'])('faults on %s', (action) => {
        it.each(['http500', 'timeout', 'drop_after_commit'])(
            '%s → 503 retryable, then the re-drive finishes with one WHMCS order',
            async (mode) => {
                const id = nextOrder();
                await fault(action, mode);
                const failed = await provision(id, body());
                expect(failed.status).toBe(503);
                expect(failed.body.error).toMatchObject({ code: 'BILLING_UNAVAILABLE', retryable: true });
                expect((await ordersFor(id)).length).toBeLessThanOrEqual(1);

                if (action === 'AddOrder' && (await ordersFor(id)).length === 0) {
                    // No answer and no order yet: WHMCS may still commit it, so no second AddOrder yet.
                    const early = await provision(id, body());
                    expect(early.status).toBe(409);
                    expect(early.body.error).toMatchObject({
                        code: 'PROVISIONING_IN_PROGRESS',
                        retryable: true
                    });
                    expect(Number(early.headers['retry-after'])).toBeGreaterThanOrEqual(1);
                    await new Promise((r) => setTimeout(r, SETTLE_MS));
                }
                const done = await provision(id, body());
                expect(done.status).toBe(200);
                expect(done.body.outcome).toBe('ACTIVATED');
                const orders = await ordersFor(id);
                expect(orders).toHaveLength(1);
                expect(orders[0].status).toBe('Active');
                expect(done.body.whmcsOrderId).toBe(orders[0].id);

                const again = await provision(id, body());
                expect(again.body).toEqual(done.body);
                expect(await ordersFor(id)).toHaveLength(1);
            }
        );

        it('business error → PAUSED BILLING_REJECTED (generic message, detail for staff), re-drive activates', async () => {
            const id = nextOrder();
            await fault(action, 'error', 1, 'Sandbox says no: gateway misconfigured, password=hunter2');
            const paused = await provision(id, body());
            expect(paused.status).toBe(200);
            expect(paused.body).toEqual({
                outcome: 'PAUSED',
                code: 'BILLING_REJECTED',
                message: expect.any(String),
                // Staff see WHMCS's own text, with the secret masked.
                detail: 'Sandbox says no: gateway misconfigured, password=[REDACTED]'
            });
            expect(paused.body.message).not.toMatch(/Sandbox says no/);
            const trace = await stack.get(`/v1/orders/${id}/provisioning`);
            expect(trace.body.state).toBe('PAUSED');
            expect(trace.body.detail).toBe(paused.body.detail);
            expect(JSON.stringify(trace.body)).not.toMatch(/hunter2/);
            expect(trace.body.attempts).toEqual(
                expect.arrayContaining([
                    expect.objectContaining({
                        result: 'rejected',
                        code: 'BILLING_REJECTED',
                        detail: expect.stringMatching(/Sandbox says no/)
                    })
                ])
            );
            const done = await provision(id, body());
            expect(done.body.outcome).toBe('ACTIVATED');
            expect(await ordersFor(id)).toHaveLength(1);
        });
    });

    it('GetOrders failing during the re-drive lookup → 503, nothing duplicated', async () => {
        const id = nextOrder();
        await fault('AddOrder', 'drop_after_commit');
        expect((await provision(id, body())).status).toBe(503);
        await fault('GetOrders', 'http500');
        expect((await provision(id, body())).status).toBe(503);
        const done = await provision(id, body());
        expect(done.body.outcome).toBe('ACTIVATED');
        expect(await ordersFor(id)).toHaveLength(1);
    });

    it('crash after AddOrder (lease never released) → a new process finishes the same order', async () => {
        const id = nextOrder();
        const crashing = await startStack({
            sandbox: stack.sandbox,
            wrapBilling: (b: BillingPort) => ({
                ...b,
                addOrder: async (order) => {
                    await b.addOrder(order);
                    throw new Error('process killed right after AddOrder');
                }
            }),
            // A killed process releases nothing.
            wrapLedger: (l: ProvisioningLedger) => ({ ...l, release: async () => undefined })
        });
        try {
            const res = await crashing.post(`/v1/orders/${id}/provision`, body());
            expect(res.status).toBe(500);
            expect(res.body.error.code).toBe('INTERNAL_ERROR');
            expect(JSON.stringify(res.body)).not.toMatch(/process killed|at .*\.ts/);
            expect(await ordersFor(id)).toHaveLength(1);

            // Same store, later: the lease has expired.
            const later = Date.now() + 10 * 60_000;
            const restarted = await startStack({
                sandbox: stack.sandbox,
                store: crashing.store,
                clock: { now: () => new Date(later) }
            });
            try {
                const done = await restarted.post(`/v1/orders/${id}/provision`, body());
                expect(done.body.outcome).toBe('ACTIVATED');
                const orders = await ordersFor(id);
                expect(orders).toHaveLength(1);
                expect(done.body.whmcsOrderId).toBe(orders[0].id);
                const trace = await restarted.get(`/v1/orders/${id}/provisioning`);
                expect(trace.body.attempts).toEqual(
                    expect.arrayContaining([expect.objectContaining({ step: 'FIND_ORDER', result: 'found' })])
                );
            } finally {
                await restarted.close();
            }
        } finally {
            await crashing.close();
        }
    });

    it('a rule failure after the WHMCS order exists pauses and keeps that order for the re-drive', async () => {
        const id = nextOrder();
        let hideCards = false;
        const flaky = await startStack({
            sandbox: stack.sandbox,
            store: stack.store,
            wrapBilling: (b: BillingPort) => ({
                ...b,
                listPayMethods: async (clientId) => (hideCards ? [] : b.listPayMethods(clientId))
            })
        });
        try {
            await fault('AddOrder', 'drop_after_commit');
            expect((await flaky.post(`/v1/orders/${id}/provision`, body())).status).toBe(503);
            hideCards = true;
            const paused = await flaky.post(`/v1/orders/${id}/provision`, body());
            expect(paused.body).toMatchObject({ outcome: 'PAUSED', code: 'PAYMENT_METHOD_REQUIRED' });
            const orders = await ordersFor(id);
            expect(orders).toHaveLength(1);
            const trace = await flaky.get(`/v1/orders/${id}/provisioning`);
            expect(trace.body).toMatchObject({ state: 'PAUSED', whmcsOrderId: orders[0].id });
            hideCards = false;
            const done = await flaky.post(`/v1/orders/${id}/provision`, body());
            expect(done.body).toMatchObject({ outcome: 'ACTIVATED', whmcsOrderId: orders[0].id });
            expect(await ordersFor(id)).toHaveLength(1);
        } finally {
            await flaky.close();
        }
    });

    it('a held lease makes a concurrent caller answer 409 PROVISIONING_IN_PROGRESS after waiting', async () => {
        const id = nextOrder();
        const impatient = await startStack({
            sandbox: stack.sandbox,
            store: stack.store,
            settings: (s) => ({ ...s, provisioning: { ...s.provisioning, waitMs: 300 } })
        });
        try {
            await stack.store.provisioning.ensure(id, KENTA, new Date());
            expect(await stack.store.provisioning.tryAcquire(id, 'someone-else', new Date(), 60_000)).toBe(
                true
            );
            const res = await impatient.post(`/v1/orders/${id}/provision`, body());
            expect(res.status).toBe(409);
            expect(res.body.error).toMatchObject({ code: 'PROVISIONING_IN_PROGRESS', retryable: true });
            await stack.store.provisioning.release(id, 'someone-else');
        } finally {
            await impatient.close();
        }
    });

    it('unknown client → 404 and no ledger row; the trace of an unknown order → 404', async () => {
        const id = nextOrder();
        const res = await provision(id, body(simLines(), 99999));
        expect(res.status).toBe(404);
        const trace = await stack.get(`/v1/orders/${id}/provisioning`);
        expect(trace.status).toBe(404);
        expect(trace.body.error.code).toBe('NOT_FOUND');
        const badId = await stack.get(`/v1/orders/not-an-id/provisioning`);
        expect(badId.status).toBe(400);
    });

    it('the same orderId for another client is refused', async () => {
        const id = nextOrder();
        expect((await provision(id, body())).body.outcome).toBe('ACTIVATED');
        const other = await provision(id, body(simLines(), EMILY));
        expect(other.status).toBe(400);
    });
});
