/** Use cases against in-memory fakes of the billing port (no WHMCS, no HTTP). */
import { AppError, BillingRejectedError, BillingUnavailableError } from '../../src/domain/errors';
import type {
    BillingClientRecord,
    BillingOrder,
    BillingPort,
    BillingService,
    InvoiceDetail
} from '../../src/domain/ports';
import type { DomainSettings, ServiceDeps } from '../../src/domain/services/deps';
import { verifyMigration } from '../../src/domain/services/migration';
import { getProvisioningTrace, provisionOrder } from '../../src/domain/services/provisioning';
import { createBillingProfile } from '../../src/domain/services/billing-profile';
import { getInvoice } from '../../src/domain/services/billing';
import { createStore, type Store } from '../../src/store';
import { ADDRESS, accountId, internetLines, orderId, simLines } from '../helpers/fixtures';

const SETTINGS: DomainSettings = {
    rules: { mnpMinDaysLeft: 10, vpnRegions: ['JP'] },
    customerNumberFieldId: 1,
    productFields: {
        mnpReservationNumber: 11,
        mnpExpiresOn: 12,
        mnpPhoneNumber: 13,
        mnpHolderName: 14,
        vpnRegion: 21,
        installationAddress: 31
    },
    internetProductIds: [101],
    paymentMethod: 'testcard',
    addPaymentMethodPath: 'add',
    verification: { maxFailuresPerEmail: 2, maxFailuresPerIp: 3, windowMs: 60_000 },
    provisioning: { leaseMs: 60_000, waitMs: 200, pollMs: 10, settleMs: 1000 },
    ssoLifetimeSeconds: 60
};

const CLIENT: BillingClientRecord = {
    id: 1,
    firstName: 'Kenta',
    lastName: 'Suzuki',
    email: 'kenta@example.jp',
    companyName: '',
    phone: '',
    status: 'Active',
    currency: 'JPY',
    address: { ...ADDRESS, line2: '' },
    customFields: { 1: '20000001' }
};

function unexpected(name: string) {
    return async () => {
        throw new Error(`unexpected call ${name}`);
    };
}

function fakeBilling(over: Partial<BillingPort> = {}): BillingPort & { calls: string[] } {
    const calls: string[] = [];
    const base: BillingPort = {
        getClient: async (id) => (id === 1 ? CLIENT : null),
        getClientByEmail: async () => CLIENT,
        findClientIdsByEmail: async () => [],
        addClient: async () => 50,
        updateClientAddress: unexpected('updateClientAddress'),
        validateLogin: async () => true,
        listPayMethods: async () => [{ id: 1, type: 'CreditCard', lastFour: '4242', expiry: '12/99' }],
        deletePayMethod: unexpected('deletePayMethod'),
        setDefaultPayMethod: unexpected('setDefaultPayMethod'),
        listInvoices: unexpected('listInvoices'),
        getInvoice: unexpected('getInvoice'),
        paymentGatewayNames: unexpected('paymentGatewayNames'),
        listServices: async () => [],
        listServicesPage: unexpected('listServicesPage'),
        createSsoUrl: unexpected('createSsoUrl'),
        listOrders: async () => [],
        getOrder: async (id) => ({ id, clientId: 1, status: 'Pending', notes: '', invoiceId: 9 }),
        addOrder: async () => ({ orderId: 77, invoiceId: 9 }),
        acceptOrder: async () => undefined,
        ping: async () => undefined,
        ...over
    };
    const spied = Object.fromEntries(
        Object.entries(base).map(([name, fn]) => [
            name,
            (...args: unknown[]) => {
                calls.push(name);
                return (fn as (...a: unknown[]) => unknown)(...args);
            }
        ])
    ) as unknown as BillingPort;
    return Object.assign(spied, { calls });
}

let store: Store;
let now = new Date('2026-11-27T00:00:00Z');
const logs: object[] = [];
function deps(billing: BillingPort): ServiceDeps {
    return {
        billing,
        billingProfiles: store.billingProfiles,
        counters: store.counters,
        provisioning: store.provisioning,
        clock: { now: () => now },
        logger: { info: (o) => logs.push(o), warn: (o) => logs.push(o), error: (o) => logs.push(o) },
        settings: SETTINGS
    };
}

beforeEach(async () => {
    store = await createStore({ databasePath: ':memory:' });
    now = new Date('2026-11-27T00:00:00Z');
});
afterEach(async () => {
    await store.close();
});

describe('verifyMigration', () => {
    it('locked email: no billing call at all; the lock lifts after the window', async () => {
        const billing = fakeBilling({ validateLogin: async () => false });
        for (let i = 0; i < 2; i++) {
            await expect(
                verifyMigration(deps(billing), {
                    email: 'a@example.com',
                    password: 'p',
                    sourceIp: '192.0.2.1'
                })
            ).rejects.toMatchObject({ code: 'CREDENTIALS_INVALID' });
        }
        billing.calls.length = 0;
        await expect(
            verifyMigration(deps(billing), { email: 'A@example.com', password: 'p', sourceIp: '192.0.2.1' })
        ).rejects.toMatchObject({
            code: 'VERIFICATION_LOCKED',
            details: { retryAfterSeconds: 60 }
        });
        expect(billing.calls).toEqual([]);
        now = new Date(now.getTime() + 61_000);
        await expect(
            verifyMigration(deps(billing), { email: 'a@example.com', password: 'p', sourceIp: '192.0.2.1' })
        ).rejects.toMatchObject({
            code: 'CREDENTIALS_INVALID'
        });
    });

    it('billing unavailable counts nothing', async () => {
        const billing = fakeBilling({
            validateLogin: async () => {
                throw new BillingUnavailableError('ValidateLogin', 'timeout');
            }
        });
        await expect(
            verifyMigration(deps(billing), { email: 'a@example.com', password: 'p', sourceIp: '192.0.2.1' })
        ).rejects.toBeInstanceOf(BillingUnavailableError);
        expect(await store.counters.failuresSince('ip', '192.0.2.1', new Date(0))).toEqual([]);
    });

    it('no client behind a valid login → NOT_FOUND', async () => {
        const billing = fakeBilling({ getClientByEmail: async () => null });
        await expect(
            verifyMigration(deps(billing), { email: 'a@example.com', password: 'p', sourceIp: '192.0.2.1' })
        ).rejects.toMatchObject({
            code: 'NOT_FOUND'
        });
    });
});

describe('createBillingProfile', () => {
    const input = {
        accountId: accountId(1),
        customerNumber: '10000001',
        firstName: 'Hanako',
        lastName: 'Sato',
        email: 'h@example.jp',
        address: ADDRESS
    };

    it('a non-email WHMCS refusal → BILLING_REJECTED, WHMCS text only in the log', async () => {
        const billing = fakeBilling({
            addClient: async () => {
                throw new BillingRejectedError('AddClient', 'Invalid telephone phone number');
            }
        });
        const err = await createBillingProfile(deps(billing), input).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(AppError);
        expect((err as AppError).code).toBe('BILLING_REJECTED');
        expect((err as AppError).message).not.toMatch(/telephone/);
        expect(JSON.stringify(logs)).toMatch(/telephone/);
    });

    it('a duplicate-email refusal without a matching client → EMAIL_IN_USE', async () => {
        const billing = fakeBilling({
            addClient: async () => {
                throw new BillingRejectedError('AddClient', 'A user already exists with that email address');
            }
        });
        await expect(createBillingProfile(deps(billing), input)).rejects.toMatchObject({
            code: 'EMAIL_IN_USE'
        });
    });
});

describe('provisionOrder edge cases', () => {
    const req = (n: number) => ({
        orderId: orderId(n),
        clientId: 1,
        accountId: accountId(1),
        lines: simLines()
    });

    /** A first run whose AcceptOrder found WHMCS unreachable: the ledger row keeps WHMCS order 77. */
    async function orderCreatedEarlier(n: number, over: Partial<BillingPort> = {}) {
        let acceptUnavailable = true;
        const billing = fakeBilling({
            acceptOrder: async () => {
                if (acceptUnavailable) throw new BillingUnavailableError('AcceptOrder', 'timeout');
            },
            ...over
        });
        await expect(provisionOrder(deps(billing), req(n))).rejects.toMatchObject({
            code: 'BILLING_UNAVAILABLE'
        });
        expect(await store.provisioning.get(orderId(n))).toMatchObject({
            state: 'ORDER_CREATED',
            whmcsOrderId: 77
        });
        acceptUnavailable = false;
        billing.calls.length = 0;
        return billing;
    }

    it.each([
        ['Fraud', 'WHMCS order 77 is Fraud'],
        ['Cancelled', 'WHMCS order 77 is Cancelled']
    ])('re-drive: a WHMCS order now in status %s pauses with BILLING_REJECTED', async (status, detail) => {
        let orderStatus = 'Pending';
        const billing = await orderCreatedEarlier(1, {
            getOrder: async (id): Promise<BillingOrder> => ({
                id,
                clientId: 1,
                status: orderStatus,
                notes: '',
                invoiceId: 9
            })
        });
        orderStatus = status;
        const outcome = await provisionOrder(deps(billing), req(1));
        expect(outcome).toMatchObject({ outcome: 'PAUSED', code: 'BILLING_REJECTED' });
        const trace = await getProvisioningTrace(deps(billing), orderId(1));
        expect(trace.attempts.at(-1)).toMatchObject({ step: 'ACCEPT_ORDER', result: 'rejected', detail });
        expect(billing.calls).toContain('getOrder');
        expect(billing.calls).not.toContain('acceptOrder');
    });

    it('re-drive: an order that vanished pauses with BILLING_REJECTED', async () => {
        let vanished = false;
        const billing = await orderCreatedEarlier(2, {
            getOrder: async (id) =>
                vanished ? null : { id, clientId: 1, status: 'Pending', notes: '', invoiceId: 9 }
        });
        vanished = true;
        expect(await provisionOrder(deps(billing), req(2))).toMatchObject({
            outcome: 'PAUSED',
            code: 'BILLING_REJECTED'
        });
        const trace = await getProvisioningTrace(deps(billing), orderId(2));
        expect(trace.attempts.at(-1)).toMatchObject({
            step: 'ACCEPT_ORDER',
            result: 'rejected',
            detail: 'WHMCS order 77 not found'
        });
    });

    it('first run of a SIM order: the notes search, no services read before AddOrder, no order status read before AcceptOrder', async () => {
        const billing = fakeBilling();
        expect(await provisionOrder(deps(billing), req(6))).toMatchObject({
            outcome: 'ACTIVATED',
            whmcsOrderId: 77,
            whmcsInvoiceId: 9
        });
        expect(billing.calls).toEqual([
            'getClient',
            'listOrders',
            'listPayMethods',
            'addOrder',
            'acceptOrder',
            'listServices'
        ]);
    });

    it('first run of an Internet order: the services are read for the Internet rules', async () => {
        const billing = fakeBilling();
        const outcome = await provisionOrder(deps(billing), {
            ...req(7),
            lines: internetLines(),
            installationAddress: { address: ADDRESS, confirmed: true }
        });
        expect(outcome).toMatchObject({ outcome: 'ACTIVATED', whmcsOrderId: 77 });
        expect(billing.calls).toEqual([
            'getClient',
            'listOrders',
            'listPayMethods',
            'listServices',
            'addOrder',
            'acceptOrder',
            'listServices'
        ]);
    });

    it('an existing Internet service pauses an Internet order before AddOrder', async () => {
        const existing: BillingService = {
            id: 4,
            productId: 101,
            orderId: 3,
            name: '',
            status: 'Active',
            billingCycle: 'monthly',
            recurringAmount: '0',
            nextDueDate: null,
            registeredOn: null,
            groupName: '',
            customFields: {}
        };
        const billing = fakeBilling({ listServices: async () => [existing] });
        const outcome = await provisionOrder(deps(billing), {
            ...req(8),
            lines: internetLines().map((l) => (l.itemType === 'Plan' ? { ...l, whmcsProductId: 101 } : l)),
            installationAddress: { address: ADDRESS, confirmed: true }
        });
        expect(outcome).toMatchObject({ outcome: 'PAUSED', code: 'INTERNET_ALREADY_ACTIVE' });
        expect(billing.calls).not.toContain('addOrder');
    });

    it('first run whose AddOrder answer has no invoice id still reads the order (for its invoice id)', async () => {
        const billing = fakeBilling({ addOrder: async () => ({ orderId: 77, invoiceId: null }) });
        expect(await provisionOrder(deps(billing), req(9))).toMatchObject({
            outcome: 'ACTIVATED',
            whmcsOrderId: 77,
            whmcsInvoiceId: 9
        });
        expect(billing.calls).toEqual([
            'getClient',
            'listOrders',
            'listPayMethods',
            'addOrder',
            'getOrder',
            'acceptOrder',
            'listServices'
        ]);
    });

    it('re-drive after AcceptOrder was unreachable reads the order status before accepting', async () => {
        const billing = await orderCreatedEarlier(10);
        expect(await provisionOrder(deps(billing), req(10))).toMatchObject({
            outcome: 'ACTIVATED',
            whmcsOrderId: 77
        });
        expect(billing.calls).toEqual(['listPayMethods', 'getOrder', 'acceptOrder', 'listServices']);
    });

    it('services are mapped to lines from the services of the created order only', async () => {
        const services: BillingService[] = [
            {
                id: 5,
                productId: 201,
                orderId: 3,
                name: '',
                status: 'Active',
                billingCycle: 'monthly',
                recurringAmount: '0',
                nextDueDate: null,
                registeredOn: null,
                groupName: '',
                customFields: {}
            },
            {
                id: 8,
                productId: 201,
                orderId: 77,
                name: '',
                status: 'Active',
                billingCycle: 'monthly',
                recurringAmount: '0',
                nextDueDate: null,
                registeredOn: null,
                groupName: '',
                customFields: {}
            },
            {
                id: 9,
                productId: 211,
                orderId: 77,
                name: '',
                status: 'Active',
                billingCycle: 'onetime',
                recurringAmount: '0',
                nextDueDate: null,
                registeredOn: null,
                groupName: '',
                customFields: {}
            }
        ];
        const billing = fakeBilling({ listServices: async () => services });
        expect(await provisionOrder(deps(billing), req(3))).toEqual({
            outcome: 'ACTIVATED',
            whmcsOrderId: 77,
            whmcsInvoiceId: 9,
            services: [
                { lineId: 'SIM-DATA-3GB', whmcsServiceId: 8 },
                { lineId: 'SIM-ACTIVATION', whmcsServiceId: 9 }
            ]
        });
        expect(billing.calls.filter((c) => c === 'addOrder')).toHaveLength(1);
        const addOrderArgs: unknown[] = [];
        const spy = fakeBilling({
            addOrder: async (o) => {
                addOrderArgs.push(o);
                return { orderId: 78, invoiceId: null };
            }
        });
        await provisionOrder(deps(spy), req(4));
        expect(addOrderArgs).toEqual([
            {
                clientId: 1,
                paymentMethod: 'testcard',
                notes: `sf-order:${orderId(4)}`,
                lines: [
                    { productId: 201, billingCycle: 'monthly', quantity: 1, customFields: {} },
                    { productId: 211, billingCycle: 'onetime', quantity: 1, customFields: {} }
                ]
            }
        ]);
    });

    it('an unknown client is refused before anything is recorded', async () => {
        const billing = fakeBilling();
        await expect(provisionOrder(deps(billing), { ...req(5), clientId: 2 })).rejects.toMatchObject({
            code: 'NOT_FOUND'
        });
        expect(await store.provisioning.get(orderId(5))).toBeNull();
    });
});

describe('getInvoice', () => {
    const INVOICE: InvoiceDetail = {
        id: 7,
        clientId: 1,
        number: '7',
        status: 'Paid',
        issuedOn: '2026-11-01',
        dueOn: '2026-11-01',
        paidOn: '2026-11-02 09:00:00',
        total: '1100',
        balance: '0',
        currency: '',
        lines: [{ description: 'VPN', amount: '1100', taxed: true }],
        subtotal: '1000',
        credit: '0',
        taxes: [{ rate: '10', amount: '100' }],
        payments: [
            { date: '2026-11-02 09:00:00', method: 'testcard', amount: '1100', transactionId: 't1' },
            { date: '2026-11-03 09:00:00', method: 'banktransfer', amount: '-100', transactionId: 'r1' }
        ]
    };

    it('names the gateways, normalises money and dates, takes the client currency', async () => {
        const billing = fakeBilling({
            getInvoice: async () => INVOICE,
            paymentGatewayNames: async () => ({ testcard: 'Test card' })
        });
        const inv = await getInvoice(deps(billing), 1, 7);
        expect(inv).toMatchObject({
            total: '1100.00',
            subtotal: '1000.00',
            currency: 'JPY',
            paidOn: '2026-11-02',
            taxes: [{ rate: '10', amount: '100.00' }],
            lines: [{ description: 'VPN', amount: '1100.00', taxed: true }]
        });
        expect(inv.payments).toEqual([
            { date: '2026-11-02', method: 'Test card', amount: '1100.00', transactionId: 't1' },
            { date: '2026-11-03', method: 'banktransfer', amount: '-100.00', transactionId: 'r1' }
        ]);
    });

    it('shows the module name when the gateway names cannot be read; never asks without payments', async () => {
        const failing = fakeBilling({
            getInvoice: async () => INVOICE,
            paymentGatewayNames: async () => {
                throw new BillingUnavailableError('GetPaymentMethods', 'transport');
            }
        });
        const inv = await getInvoice(deps(failing), 1, 7);
        expect(inv.payments.map((p) => p.method)).toEqual(['testcard', 'banktransfer']);

        const unpaid = fakeBilling({ getInvoice: async () => ({ ...INVOICE, payments: [] }) });
        await getInvoice(deps(unpaid), 1, 7);
        expect(unpaid.calls).not.toContain('paymentGatewayNames');
    });

    it("another client's invoice is NOT_FOUND", async () => {
        const billing = fakeBilling({ getInvoice: async () => ({ ...INVOICE, clientId: 2 }) });
        await expect(getInvoice(deps(billing), 1, 7)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
});
