// Every action round-trips client → sandbox → client over HTTP, success and failure.
import {
    WhmcsAuthError,
    WhmcsBusinessError,
    WhmcsUnknownActionError,
    createWhmcsClient,
    type WhmcsError
} from '../../src/whmcs';
import { bootSandbox } from './helpers';

// The node project's testTimeout is not applied per project by Jest 29; set it here.
jest.setTimeout(20_000);

let env: Awaited<ReturnType<typeof bootSandbox>>;

beforeAll(async () => {
    env = await bootSandbox();
});
afterAll(async () => {
    await env.sandbox.close();
});
beforeEach(() => env.sandbox.reset());

async function businessError(p: Promise<unknown>): Promise<string> {
    const err = (await p.then(
        () => {
            throw new Error('expected a WHMCS error');
        },
        (e: unknown) => e
    )) as WhmcsError;
    expect(err).toBeInstanceOf(WhmcsBusinessError);
    expect(err.httpStatus).toBe(200);
    return err.message;
}

const newClient = {
    firstName: 'Hanako',
    lastName: 'Sato',
    email: 'hanako.sato@example.jp',
    password: 'Sato-Pass-2026',
    phone: '+81-3-5555-0101',
    address: {
        line1: '1-2-3 Jingumae',
        city: 'Shibuya-ku',
        state: 'Tokyo',
        postalCode: '150-0001',
        country: 'JP'
    },
    customFields: { 1: '10000001' },
    language: 'japanese'
};

describe('clients', () => {
    it('GetClientsDetails answers the documented shapes: users.user[], customfields list, the full stats block', async () => {
        const { json } = await env.raw({ action: 'GetClientsDetails', clientid: '1', stats: '1' });
        const client = json?.client as Record<string, unknown>;
        expect(client.users).toEqual({
            user: [
                {
                    id: expect.any(Number),
                    name: 'Kenta Suzuki',
                    email: 'kenta.suzuki@example.jp',
                    is_owner: true
                }
            ]
        });
        expect(client.customfields).toEqual([{ id: 1, value: '20000001' }]);
        expect(client.customfields1).toBe('20000001');
        const stats = json?.stats as Record<string, unknown>;
        const counts = [
            'numdueinvoices',
            'numoverdueinvoices',
            'numDraftInvoices',
            'numunpaidinvoices',
            'numpaidinvoices',
            'numcancelledinvoices',
            'numrefundedinvoices',
            'numcollectionsinvoices',
            'numpaymentpendinginvoices',
            'productsnumactive',
            'productsnumtotal',
            'numactivedomains',
            'numdomains',
            'numacceptedquotes',
            'numquotes',
            'numtickets',
            'numactivetickets',
            'numaffiliatesignups'
        ];
        const amounts = [
            'dueinvoicesbalance',
            'creditbalance',
            'grossRevenue',
            'expenses',
            'income',
            'overdueinvoicesbalance',
            'draftInvoicesBalance',
            'unpaidinvoicesamount',
            'paidinvoicesamount',
            'cancelledinvoicesamount',
            'refundedinvoicesamount',
            'collectionsinvoicesamount',
            'paymentpendinginvoicesamount'
        ];
        for (const key of counts) expect([key, typeof stats[key]]).toEqual([key, 'number']);
        for (const key of amounts)
            expect([key, stats[key]]).toEqual([key, expect.stringMatching(/^¥\d+\.\d{2}JPY$/)]);
        expect(stats).toMatchObject({
            numpaidinvoices: 1,
            numunpaidinvoices: 1,
            productsnumactive: 1,
            incredit: false,
            isAffiliate: false
        });
        expect(stats.paidinvoicesamount).not.toBe('¥0.00JPY');
    });

    it('AddClient → GetClientsDetails by id and by email, with the customer number', async () => {
        const { client } = env;
        const { clientId } = await client.addClient(newClient);
        expect(clientId).toBe(4);
        const byId = await client.getClientsDetails({ clientId, stats: true });
        expect(byId).toMatchObject({
            id: 4,
            firstName: 'Hanako',
            lastName: 'Sato',
            email: 'hanako.sato@example.jp',
            companyName: '',
            address: { ...newClient.address, line2: '' },
            phone: '+81-3-5555-0101',
            status: 'Active',
            customFields: { 1: '10000001' },
            allowSso: true,
            currencyCode: 'JPY',
            stats: { numUnpaidInvoices: 0, productsNumTotal: 0 }
        });
        const byEmail = await client.getClientsDetails({ email: 'HANAKO.SATO@example.jp' });
        expect(byEmail.id).toBe(4);
        // The password is stored hashed only.
        const state = await env.state();
        const stored = state.clients.find((c) => c.id === 4)!;
        expect(JSON.stringify(stored)).not.toContain('Sato-Pass-2026');
        expect(stored).not.toHaveProperty('password_hash');
        expect(stored.hasPassword).toBe(true);
    });

    it('AddClient refusals use WHMCS text', async () => {
        const { client } = env;
        expect(
            await businessError(client.addClient({ ...newClient, email: 'kenta.suzuki@example.jp' }))
        ).toBe('A user already exists with that email address');
        expect(await businessError(client.addClient({ ...newClient, firstName: '' }))).toBe(
            'You did not enter your first name'
        );
        expect(await businessError(client.addClient({ ...newClient, email: 'not-an-email' }))).toBe(
            'The email address you entered was not valid'
        );
        expect(
            await businessError(
                client.addClient({ ...newClient, address: { ...newClient.address, line1: '' } })
            )
        ).toBe('You did not enter your  address line 1');
        expect(
            await businessError(
                client.addClient({ ...newClient, address: { ...newClient.address, country: 'XX' } })
            )
        ).toBe('Valid country required');
        expect(await businessError(client.addClient({ ...newClient, phone: 'call me' }))).toBe(
            'Invalid telephone phone number'
        );
        expect(await businessError(client.addClient({ ...newClient, customFields: { 77: 'x' } }))).toMatch(
            /^Invalid custom field ID 77/
        );
        expect(await businessError(client.addClient({ ...newClient, ownerUserId: 999 }))).toBe(
            'Invalid Owner User ID'
        );
    });

    it('GetClientsDetails refusals', async () => {
        expect(await businessError(env.client.getClientsDetails({ clientId: 999 }))).toBe('Client Not Found');
        expect(await businessError(env.client.getClientsDetails({}))).toBe(
            'Either clientid Or email Is Required'
        );
    });

    it('UpdateClient changes only what is sent', async () => {
        const { client } = env;
        await expect(
            client.updateClient({
                clientId: 1,
                address: { line1: '1-1 Marunouchi', city: 'Chiyoda-ku', postalCode: '100-0005' }
            })
        ).resolves.toEqual({ clientId: 1 });
        const c = await client.getClientsDetails({ clientId: 1 });
        expect(c.address).toEqual({
            line1: '1-1 Marunouchi',
            line2: '',
            city: 'Chiyoda-ku',
            state: 'Aichi',
            postalCode: '100-0005',
            country: 'JP'
        });
        expect(c.customFields).toEqual({ 1: '20000001' });
        await client.updateClient({ clientEmail: 'noah.kimura@example.jp', customFields: { 1: '20000003' } });
        expect((await client.getClientsDetails({ clientId: 3 })).customFields).toEqual({ 1: '20000003' });
    });

    it('UpdateClient refusals', async () => {
        const { client } = env;
        expect(await businessError(client.updateClient({ clientId: 999, firstName: 'x' }))).toBe(
            'Client ID Not Found'
        );
        expect(
            await businessError(client.updateClient({ clientId: 1, email: 'emily.carter@example.com' }))
        ).toBe('Duplicate Email Address');
        expect(await businessError(client.updateClient({ clientId: 1, email: 'bad' }))).toBe(
            'The email address entered is not valid'
        );
    });

    it('GetClients: search, status, paging, empty', async () => {
        const { client } = env;
        const all = await client.getClients();
        expect(all.total).toBe(3);
        expect(all.clients.map((c) => c.email)).toEqual([
            'kenta.suzuki@example.jp',
            'emily.carter@example.com',
            'noah.kimura@example.jp'
        ]);
        expect(all.clients[0]).toMatchObject({
            id: 1,
            firstName: 'Kenta',
            dateCreated: '2024-04-01',
            status: 'Active'
        });
        const page = await client.getClients({ limitStart: 1, limitNum: 1 });
        expect(page).toMatchObject({ total: 3, startNumber: 1 });
        expect(page.clients.map((c) => c.id)).toEqual([2]);
        expect((await client.getClients({ search: 'emily' })).clients.map((c) => c.id)).toEqual([2]);
        expect(await client.getClients({ search: 'nobody' })).toEqual({
            total: 0,
            startNumber: 0,
            clients: []
        });
        expect((await client.getClients({ status: 'Closed' })).clients).toEqual([]);
    });

    it('ValidateLogin: seed passwords work, wrong ones get one answer', async () => {
        const { client } = env;
        await expect(
            client.validateLogin({ email: 'kenta.suzuki@example.jp', password: 'Suzuki-Whmcs-2026' })
        ).resolves.toEqual({
            userId: 1,
            twoFactorEnabled: false
        });
        await expect(
            client.validateLogin({ email: 'noah.kimura@example.jp', password: 'Kimura-Whmcs-2026' })
        ).resolves.toMatchObject({
            userId: 3
        });
        expect(
            await businessError(client.validateLogin({ email: 'kenta.suzuki@example.jp', password: 'wrong' }))
        ).toBe('Email or Password Invalid');
        expect(await businessError(client.validateLogin({ email: 'nobody@example.jp', password: 'x' }))).toBe(
            'Email or Password Invalid'
        );
        const { clientId } = await client.addClient(newClient);
        await expect(
            client.validateLogin({ email: newClient.email, password: newClient.password })
        ).resolves.toMatchObject({
            userId: clientId
        });
    });
});

describe('SSO tokens (API side)', () => {
    it('CreateSsoToken: 40-hex token and a redirect URL on the sandbox', async () => {
        const t = await env.client.createSsoToken({ clientId: 1, destination: 'clientarea:invoices' });
        expect(t.accessToken).toMatch(/^[0-9a-f]{40}$/);
        expect(t.redirectUrl).toBe(`${env.sandbox.url}/oauth/singlesignon.php?access_token=${t.accessToken}`);
        const custom = await env.client.createSsoToken({
            clientId: 2,
            destination: 'sso:custom_redirect',
            ssoRedirectPath: '/index.php?rp=/account/paymentmethods/add'
        });
        expect(custom.accessToken).not.toBe(t.accessToken);
    });

    it('CreateSsoToken refusals', async () => {
        const { client } = env;
        expect(await businessError(client.createSsoToken({}))).toBe(
            'A valid client_id or user_id is required'
        );
        expect(await businessError(client.createSsoToken({ clientId: 999 }))).toBe('Invalid client_id');
        expect(await businessError(client.createSsoToken({ userId: 999 }))).toBe('Invalid user_id');
        expect(await businessError(client.createSsoToken({ clientId: 1, userId: 2 }))).toBe(
            'Invalid user_id for client'
        );
        expect(
            await businessError(client.createSsoToken({ clientId: 1, destination: 'clientarea:nowhere' }))
        ).toBe('Invalid destination');
        for (const path of [
            'https://evil.example/x',
            '//evil.example/x',
            '/\\evil.example',
            'javascript:alert(1)',
            ''
        ]) {
            expect(
                await businessError(
                    client.createSsoToken({
                        clientId: 1,
                        destination: 'sso:custom_redirect',
                        ssoRedirectPath: path
                    })
                )
            ).toMatch(/^Invalid sso_redirect_path/);
        }
    });
});

describe('pay methods', () => {
    it('GetPayMethods: Kenta has a Visa 4242, Emily has none', async () => {
        const kenta = await env.client.getPayMethods({ clientId: 1 });
        expect(kenta).toHaveLength(1);
        expect(kenta[0]).toMatchObject({
            id: 1,
            type: 'RemoteCreditCard',
            gatewayName: 'testcard',
            lastFour: '4242',
            cardType: 'Visa'
        });
        expect(kenta[0].expiry).toMatch(/^12\/\d{2}$/);
        await expect(env.client.getPayMethods({ clientId: 2 })).resolves.toEqual([]);
    });

    it('AddPayMethod stores brand, last four and expiry only', async () => {
        const r = await env.client.addPayMethod({
            clientId: 2,
            cardNumber: '5555 5555 5555 4444',
            cardExpiry: '0130'
        });
        expect(r).toEqual({ clientId: 2, payMethodId: 2 });
        const list = await env.client.getPayMethods({ clientId: 2, type: 'CreditCard' });
        expect(list).toEqual([
            expect.objectContaining({
                id: 2,
                type: 'CreditCard',
                lastFour: '4444',
                expiry: '01/30',
                cardType: 'MasterCard'
            })
        ]);
        const raw = JSON.stringify(await env.state());
        expect(raw).not.toContain('5555555555554444');
        expect(raw).not.toContain('5555 5555 5555 4444');
    });

    it('pay method refusals', async () => {
        const { client } = env;
        expect(await businessError(client.getPayMethods({ clientId: 999 }))).toBe('Client Not Found');
        expect(await businessError(client.call('GetPayMethods', {}).then(() => undefined))).toBe(
            'Client ID Is Required'
        );
        expect(
            await businessError(
                client.getPayMethods({ clientId: 1, type: 'Cash' as unknown as 'CreditCard' })
            )
        ).toBe("Invalid Pay Method Type. Should be 'BankAccount' or 'CreditCard'");
        expect(
            await businessError(
                client.addPayMethod({ clientId: 999, cardNumber: '4242424242424242', cardExpiry: '1230' })
            )
        ).toBe('Invalid Client ID');
        expect(await businessError(client.addPayMethod({ clientId: 1, cardExpiry: '1230' }))).toBe(
            "Card Number is required for 'CreditCard' or 'RemoteCreditCard' type"
        );
        expect(
            await businessError(client.addPayMethod({ clientId: 1, cardNumber: '4242424242424242' }))
        ).toBe("Expiry Date is required for 'CreditCard' or 'RemoteCreditCard' type");
        expect(
            await businessError(
                client.addPayMethod({ clientId: 1, cardNumber: '4242424242424242', cardExpiry: '1330' })
            )
        ).toBe('Expiry Date is invalid');
        expect(
            await businessError(
                client.addPayMethod({
                    clientId: 1,
                    type: 'RemoteCreditCard',
                    cardNumber: '4242424242424242',
                    cardExpiry: '1230'
                })
            )
        ).toBe('Gateway is Required for RemoteCreditCard type');
        expect(
            await businessError(
                client.addPayMethod({
                    clientId: 1,
                    type: 'RemoteCreditCard',
                    gatewayModuleName: 'stripe',
                    cardNumber: '4242424242424242',
                    cardExpiry: '1230'
                })
            )
        ).toBe('Invalid Gateway Module Name. Must be one of: testcard');
    });
});

describe('pay method changes (DeletePayMethod, UpdatePayMethod)', () => {
    /** Kenta (1) with a second card; the seed card (id 1) is his default. */
    async function kentaWithTwoCards(): Promise<number> {
        const { payMethodId } = await env.client.addPayMethod({
            clientId: 1,
            cardNumber: '5555555555554444',
            cardExpiry: '0130'
        });
        return payMethodId;
    }
    const order = async (clientId: number) => (await env.client.getPayMethods({ clientId })).map((m) => m.id);
    const defaults = async () =>
        (await env.state()).payMethods.filter((m) => m.userid === 1 && m.is_default === 1).map((m) => m.id);

    it('UpdatePayMethod set_as_default makes it the only default and first in GetPayMethods', async () => {
        const second = await kentaWithTwoCards();
        expect(await order(1)).toEqual([1, second]);
        const { json } = await env.raw({
            action: 'UpdatePayMethod',
            clientid: '1',
            paymethodid: String(second),
            set_as_default: '1'
        });
        expect(json).toEqual({ result: 'success', clientid: '1', paymethodid: String(second) });
        expect(await defaults()).toEqual([second]);
        expect(await order(1)).toEqual([second, 1]);
    });

    it('UpdatePayMethod card_expiry changes the expiry only', async () => {
        await env.client.updatePayMethod({ clientId: 1, payMethodId: 1, cardExpiry: '0731' });
        const [card] = await env.client.getPayMethods({ clientId: 1 });
        expect(card).toMatchObject({ id: 1, expiry: '07/31', lastFour: '4242' });
        expect(await defaults()).toEqual([1]);
    });

    it('DeletePayMethod removes it and answers its id; deleting the default promotes the next', async () => {
        const second = await kentaWithTwoCards();
        const { json } = await env.raw({ action: 'DeletePayMethod', clientid: '1', paymethodid: '1' });
        expect(json).toEqual({ result: 'success', paymethodid: '1' });
        expect(await order(1)).toEqual([second]);
        expect(await defaults()).toEqual([second]);
        await env.client.deletePayMethod({ clientId: 1, payMethodId: second });
        expect(await order(1)).toEqual([]);
    });

    it('refusals with WHMCS text, and nothing changes', async () => {
        const { client } = env;
        const emilyCard = (
            await client.addPayMethod({ clientId: 2, cardNumber: '4242424242424242', cardExpiry: '1230' })
        ).payMethodId;
        const before = JSON.stringify((await env.state()).payMethods);
        const del = (params: Record<string, string>) =>
            businessError(client.call('DeletePayMethod', params).then(() => undefined));
        const upd = (params: Record<string, string>) =>
            businessError(client.call('UpdatePayMethod', params).then(() => undefined));
        expect(await del({ paymethodid: '1' })).toBe('Client ID is Required');
        expect(await del({ clientid: '1' })).toBe('Pay Method ID is Required');
        expect(await del({ clientid: '1', paymethodid: '999' })).toBe('Invalid Pay Method ID');
        expect(await del({ clientid: '1', paymethodid: 'abc' })).toBe('Invalid Pay Method ID');
        expect(await del({ clientid: '1', paymethodid: String(emilyCard) })).toBe(
            'Pay Method does not belong to passed Client ID'
        );
        expect(await upd({ clientid: '1' })).toBe('Pay Method ID is Required');
        expect(await upd({ paymethodid: '1' })).toBe('Client ID is Required');
        expect(await upd({ clientid: '2', paymethodid: '1', set_as_default: '1' })).toBe(
            'Pay Method does not belong to passed Client ID'
        );
        expect(await upd({ clientid: '1', paymethodid: '1' })).toBe('No Details Provided for Update');
        expect(await upd({ clientid: '1', paymethodid: '1', set_as_default: '0' })).toBe(
            'No Details Provided for Update'
        );
        expect(await upd({ clientid: '1', paymethodid: '1', card_expiry: '1399' })).toBe(
            'Expiry Date is invalid'
        );
        expect(await upd({ clientid: '1', paymethodid: '1', card_start: '99' })).toBe(
            'Start Date is invalid'
        );
        expect(await upd({ clientid: '1', paymethodid: '1', card_issue_number: 'x' })).toBe(
            'Issue Number is invalid'
        );
        // Kenta's seed card is a gateway token (RemoteCreditCard): its number lives at the gateway.
        expect(await upd({ clientid: '1', paymethodid: '1', card_number: '4000056655665556' })).toBe(
            'Unable to Update Card Number for Assisted Gateway'
        );
        expect(JSON.stringify((await env.state()).payMethods)).toBe(before);
    });
});

describe('orders', () => {
    const vpnOrder = {
        clientId: 2,
        paymentMethod: 'testcard',
        notes: 'Salesforce Order 801000000000001AAA',
        items: [
            { productId: 302, billingCycle: 'monthly' as const, customFields: { 21: 'SG' } },
            { productId: 311, billingCycle: 'onetime' as const }
        ]
    };

    it('AddOrder → Pending order, Pending services, Unpaid invoice with one item per line', async () => {
        const r = await env.client.addOrder(vpnOrder);
        expect(r).toEqual({ orderId: 3, serviceIds: [3, 4], addonIds: [], domainIds: [], invoiceId: 4 });
        const orders = await env.client.getOrders({ id: r.orderId });
        expect(orders.total).toBe(1);
        expect(orders.orders[0]).toMatchObject({
            id: 3,
            userId: 2,
            status: 'Pending',
            invoiceId: 4,
            paymentStatus: 'Unpaid',
            paymentMethod: 'testcard',
            amount: '2580.00',
            notes: 'Salesforce Order 801000000000001AAA'
        });
        expect(orders.orders[0].orderNumber).toMatch(/^\d{10}$/);
        expect(orders.orders[0].lineItems).toEqual([
            expect.objectContaining({
                relId: 3,
                product: 'VPN - VPN Pro',
                billingCycle: 'monthly',
                amount: '1480.00',
                status: 'Pending'
            }),
            expect.objectContaining({
                relId: 4,
                product: 'VPN - VPN activation fee',
                billingCycle: 'onetime',
                amount: '1100.00'
            })
        ]);
        const invoice = await env.client.getInvoice({ invoiceId: 4 });
        expect(invoice).toMatchObject({
            userId: 2,
            status: 'Unpaid',
            total: '2580.00',
            balance: '2580.00',
            datePaid: null
        });
        expect(invoice.items.map((i) => [i.relId, i.amount])).toEqual([
            [3, '1480.00'],
            [4, '1100.00']
        ]);
        const services = await env.client.getClientsProducts({ clientId: 2 });
        expect(services.services.map((s) => [s.id, s.status, s.productId])).toEqual([
            [2, 'Active', 301],
            [3, 'Pending', 302],
            [4, 'Pending', 311]
        ]);
        expect(services.services[1].customFields).toMatchObject({ 21: 'SG' });
        const state = await env.state();
        expect(state.services.find((s) => s.id === 3)).toMatchObject({ customfields: { 21: 'SG' } });
    });

    it('AddOrder stores MNP custom fields decoded (UTF-8 safe)', async () => {
        const r = await env.client.addOrder({
            clientId: 1,
            paymentMethod: 'testcard',
            items: [
                {
                    productId: 202,
                    billingCycle: 'monthly',
                    customFields: { 11: '1234567890', 12: '2026-12-31', 13: '090-1234-5678', 14: '鈴木 健太' }
                },
                { productId: 211, billingCycle: 'onetime' }
            ]
        });
        const s = await env.client.getClientsProducts({ serviceId: r.serviceIds[0] });
        expect(s.services[0].customFields).toEqual({
            11: '1234567890',
            12: '2026-12-31',
            13: '090-1234-5678',
            14: '鈴木 健太'
        });
    });

    it('AddOrder refusals', async () => {
        const { client } = env;
        expect(await businessError(client.addOrder({ ...vpnOrder, clientId: 999 }))).toBe(
            'Client ID Not Found'
        );
        expect(await businessError(client.addOrder({ ...vpnOrder, paymentMethod: 'paypal' }))).toBe(
            'Invalid Payment Method. Valid options include testcard'
        );
        expect(await businessError(client.addOrder({ ...vpnOrder, items: [] }))).toBe(
            'No items added to cart so order cannot proceed'
        );
        expect(
            await businessError(
                client.addOrder({ ...vpnOrder, items: [{ productId: 302, billingCycle: 'monthly' }] })
            )
        ).toBe('You did not provide required custom field value for VPN region');
        expect(
            await businessError(
                client.addOrder({
                    ...vpnOrder,
                    items: [{ productId: 302, billingCycle: 'monthly', customFields: { 21: 'SG', 11: 'x' } }]
                })
            )
        ).toBe('Invalid custom field ID 11 for Product ID 302');
        expect(
            await businessError(
                client.addOrder({ ...vpnOrder, items: [{ productId: 9999, billingCycle: 'monthly' }] })
            )
        ).toBe('Invalid Product ID: 9999');
        expect(
            await businessError(
                client.addOrder({ ...vpnOrder, items: [{ productId: 311, billingCycle: 'annually' }] })
            )
        ).toMatch(/^Invalid Billing Cycle/);
        await client.updateClient({ clientId: 3, status: 'Closed' });
        expect(await businessError(client.addOrder({ ...vpnOrder, clientId: 3 }))).toBe(
            'Unable to add order when client status is Closed'
        );
        // Nothing was created by the refused calls.
        expect((await env.state()).orders).toHaveLength(2);
    });

    it('AcceptOrder → Active order and services with a next due date; only from Pending', async () => {
        const { orderId, serviceIds } = await env.client.addOrder(vpnOrder);
        await env.client.acceptOrder({ orderId, autoSetup: true });
        const o = (await env.client.getOrders({ id: orderId })).orders[0];
        expect(o.status).toBe('Active');
        const services = (await env.client.getClientsProducts({ clientId: 2 })).services.filter((s) =>
            serviceIds.includes(s.id)
        );
        expect(services.map((s) => s.status)).toEqual(['Active', 'Active']);
        expect(services[0].nextDueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(services[0].nextDueDate! > services[0].regDate!).toBe(true);
        expect(services[1].nextDueDate).toBeNull(); // one-time
        expect(await businessError(env.client.acceptOrder({ orderId }))).toBe(
            'Order ID not found or Status not Pending'
        );
        expect(await businessError(env.client.acceptOrder({ orderId: 999 }))).toBe(
            'Order ID not found or Status not Pending'
        );
    });

    it('PendingOrder puts order and services back; CancelOrder only from Pending and cancels the invoice', async () => {
        const { orderId, invoiceId } = await env.client.addOrder(vpnOrder);
        await env.client.acceptOrder({ orderId });
        expect(await businessError(env.client.cancelOrder({ orderId }))).toBe(
            'Order ID not found or Status not Pending'
        );
        await env.client.pendingOrder({ orderId });
        expect((await env.client.getOrders({ id: orderId })).orders[0].status).toBe('Pending');
        await env.client.cancelOrder({ orderId });
        const o = (await env.client.getOrders({ id: orderId })).orders[0];
        expect(o.status).toBe('Cancelled');
        expect(o.lineItems.map((l) => l.status)).toEqual(['Cancelled', 'Cancelled']);
        expect((await env.client.getInvoice({ invoiceId: invoiceId! })).status).toBe('Cancelled');
        expect(await businessError(env.client.pendingOrder({ orderId: 999 }))).toBe('Order ID Not Found');
        expect(await businessError(env.client.cancelOrder({ orderId: 999 }))).toBe(
            'Order ID not found or Status not Pending'
        );
    });

    it('GetOrders filters by userid and status, pages, and answers empty lists', async () => {
        await env.client.addOrder(vpnOrder);
        const emily = await env.client.getOrders({ userId: 2 });
        expect(emily.orders.map((o) => o.id)).toEqual([3, 2]);
        expect((await env.client.getOrders({ status: 'Pending' })).orders.map((o) => o.id)).toEqual([3]);
        const page = await env.client.getOrders({ limitStart: 1, limitNum: 1 });
        expect(page).toMatchObject({ total: 3, startNumber: 1 });
        expect(page.orders).toHaveLength(1);
        expect(await env.client.getOrders({ userId: 3 })).toEqual({ total: 0, startNumber: 0, orders: [] });
        expect(await env.client.getOrders({ id: 999 })).toMatchObject({ total: 0, orders: [] });
    });

    it('noInvoice creates no invoice', async () => {
        const r = await env.client.addOrder({ ...vpnOrder, noInvoice: true });
        expect(r.invoiceId).toBeNull();
        expect((await env.client.getOrders({ id: r.orderId })).orders[0].invoiceId).toBeNull();
    });
});

describe('services, products, invoices', () => {
    it('GetClientsProducts: Kenta has an Active fiber service; filters; empty', async () => {
        const r = await env.client.getClientsProducts({ clientId: 1 });
        expect(r.total).toBe(1);
        expect(r.services[0]).toMatchObject({
            id: 1,
            clientId: 1,
            orderId: 1,
            productId: 101,
            name: 'Fiber 1 Gbps',
            groupName: 'Internet',
            status: 'Active',
            billingCycle: 'monthly',
            billingCycleLabel: 'Monthly',
            recurringAmount: '5280.00',
            paymentMethod: 'testcard'
        });
        expect(r.services[0].nextDueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect((await env.client.getClientsProducts({ clientId: 2 })).services[0].customFields).toEqual({
            21: 'JP'
        });
        expect(await env.client.getClientsProducts({ clientId: 3 })).toEqual({
            total: 0,
            startNumber: 0,
            services: []
        });
        expect((await env.client.getClientsProducts({ clientId: 999 })).services).toEqual([]);
    });

    it('GetProducts: the catalog with JPY pricing, pay types and custom fields', async () => {
        const all = await env.client.getProducts();
        expect(all.total).toBe(13);
        const fiber = all.products.find((p) => p.id === 101)!;
        expect(fiber).toMatchObject({ groupId: 1, name: 'Fiber 1 Gbps', payType: 'recurring' });
        expect(fiber.pricing.JPY).toMatchObject({
            prefix: '¥',
            suffix: '',
            monthly: '5280.00',
            annually: null
        });
        const install = all.products.find((p) => p.id === 111)!;
        expect(install).toMatchObject({ payType: 'onetime', pricing: { JPY: { monthly: '19800.00' } } });
        expect(install.customFields.map((f) => f.id)).toEqual([31]);
        const sim = all.products.find((p) => p.id === 202)!;
        expect(sim.customFields.map((f) => f.id)).toEqual([11, 12, 13, 14]);
        const vpn = await env.client.getProducts({ productId: [301, 302] });
        expect(vpn.products.map((p) => p.id)).toEqual([301, 302]);
        expect(vpn.products[0].customFields).toEqual([
            { id: 21, name: 'VPN region', description: '', required: true }
        ]);
        expect(await env.client.getProducts({ productId: 9999 })).toEqual({ total: 0, products: [] });
    });

    it('GetInvoices: per client, status filter, order, paging, empty', async () => {
        const kenta = await env.client.getInvoices({ userId: 1 });
        expect(kenta.total).toBe(2);
        expect(kenta.invoices.map((i) => [i.id, i.status])).toEqual([
            [2, 'Unpaid'],
            [1, 'Paid']
        ]);
        expect(kenta.invoices[0]).toMatchObject({
            number: '2',
            total: '5280.00',
            datePaid: null,
            currencyCode: 'JPY'
        });
        expect(kenta.invoices[1].datePaid).toMatch(/^\d{4}-\d{2}-\d{2} /);
        expect(
            (await env.client.getInvoices({ userId: 1, status: 'Unpaid' })).invoices.map((i) => i.id)
        ).toEqual([2]);
        expect(
            (await env.client.getInvoices({ orderBy: 'id', order: 'asc' })).invoices.map((i) => i.id)
        ).toEqual([1, 2, 3]);
        const page = await env.client.getInvoices({ limitStart: 2, limitNum: 2 });
        expect(page).toMatchObject({ total: 3, startNumber: 2 });
        expect(page.invoices).toHaveLength(1);
        expect(await env.client.getInvoices({ userId: 3 })).toEqual({
            total: 0,
            startNumber: 0,
            invoices: []
        });
        expect((await env.client.getInvoices({ status: 'Overdue' })).invoices).toEqual([]);
    });

    it('GetInvoice: items, balance, transactions; unknown id', async () => {
        const paid = await env.client.getInvoice({ invoiceId: 1 });
        expect(paid).toMatchObject({ id: 1, userId: 1, status: 'Paid', total: '5280.00', balance: '0.00' });
        expect(paid.transactions).toEqual([
            expect.objectContaining({ gateway: 'testcard', amountIn: '5280.00' })
        ]);
        const unpaid = await env.client.getInvoice({ invoiceId: 3 });
        expect(unpaid).toMatchObject({ userId: 2, status: 'Unpaid', balance: '880.00', transactions: [] });
        expect(unpaid.items).toEqual([
            expect.objectContaining({ type: 'Hosting', relId: 2, amount: '880.00', taxed: true })
        ]);
        // Japan's 10% consumption tax, inside the price (WHMCS "Inclusive" mode): 880 = 800 + 80.
        expect(unpaid).toMatchObject({ subtotal: '800.00', tax: '80.00', taxRate: '10', tax2: '0.00' });
        expect(await businessError(env.client.getInvoice({ invoiceId: 999 }))).toBe('Invoice ID Not Found');
    });

    it('GetInvoice renders the documented fields and types (tax rates 3 dp, item ids and taxed as numbers)', async () => {
        const { json } = await env.raw({ action: 'GetInvoice', invoiceid: '1' });
        expect(json).toMatchObject({
            result: 'success',
            invoiceid: 1,
            userid: 1,
            subtotal: '4800.00',
            credit: '0.00',
            tax: '480.00',
            tax2: '0.00',
            total: '5280.00',
            balance: '0.00',
            taxrate: '10.000',
            taxrate2: '0.000',
            status: 'Paid',
            paymentmethod: 'testcard',
            ccgateway: false
        });
        const body = json as {
            items: { item: Record<string, unknown>[] };
            transactions: { transaction: Record<string, unknown>[] };
        };
        expect(body.items.item[0]).toMatchObject({
            id: expect.any(Number),
            relid: 1,
            taxed: 1,
            amount: '5280.00'
        });
        expect(body.transactions.transaction[0]).toMatchObject({
            gateway: 'testcard',
            amountin: '5280.00',
            transid: 'seed-1',
            invoiceid: '1'
        });
    });

    it('AddOrder invoices carry one taxed line per product and the tax rounded down to whole yen', async () => {
        // 6980 + 1480: tax = floor(8460 × 10 / 110) = 769.
        const { invoiceId } = await env.client.addOrder({
            clientId: 1,
            paymentMethod: 'testcard',
            items: [
                { productId: 102, billingCycle: 'monthly' },
                { productId: 302, billingCycle: 'monthly', customFields: { 21: 'JP' } }
            ]
        });
        const inv = await env.client.getInvoice({ invoiceId: invoiceId! });
        expect(inv.items.map((i) => [i.amount, i.taxed])).toEqual([
            ['6980.00', true],
            ['1480.00', true]
        ]);
        expect(inv).toMatchObject({ total: '8460.00', tax: '769.00', subtotal: '7691.00', taxRate: '10' });
        expect(await businessError(env.client.getInvoice({ invoiceId: 999 }))).toBe('Invoice ID Not Found');
    });

    it('AddInvoicePayment: partial keeps Unpaid with a balance, full makes it Paid; Cancelled refused', async () => {
        await env.client.addInvoicePayment({
            invoiceId: 3,
            transId: 'tx-1',
            gateway: 'testcard',
            amount: '80.00'
        });
        expect(await env.client.getInvoice({ invoiceId: 3 })).toMatchObject({
            status: 'Unpaid',
            balance: '800.00'
        });
        await env.client.addInvoicePayment({ invoiceId: 3, transId: 'tx-2', gateway: 'testcard' });
        const paid = await env.client.getInvoice({ invoiceId: 3 });
        expect(paid).toMatchObject({ status: 'Paid', balance: '0.00' });
        expect(paid.datePaid).not.toBeNull();
        expect(paid.transactions.map((t) => t.amountIn)).toEqual(['80.00', '800.00']);

        const { orderId, invoiceId } = await env.client.addOrder({
            clientId: 1,
            paymentMethod: 'testcard',
            items: [{ productId: 221, billingCycle: 'monthly' }]
        });
        await env.client.cancelOrder({ orderId });
        expect(
            await businessError(
                env.client.addInvoicePayment({ invoiceId: invoiceId!, transId: 't', gateway: 'testcard' })
            )
        ).toBe('It is not possible to add a payment to an invoice that is Cancelled');
        expect(
            await businessError(
                env.client.addInvoicePayment({ invoiceId: 999, transId: 't', gateway: 'testcard' })
            )
        ).toBe('Invoice ID Not Found');
    });
});

describe('access control', () => {
    it('wrong secret → 403 Authentication Failed (auth)', async () => {
        const bad = createWhmcsClient({
            baseUrl: env.sandbox.url,
            identifier: env.sandbox.identifier,
            secret: 'nope'
        });
        const err = (await bad.getInvoices().catch((e: unknown) => e)) as WhmcsError;
        expect(err).toBeInstanceOf(WhmcsAuthError);
        expect(err).toMatchObject({ kind: 'auth', httpStatus: 403, message: 'Authentication Failed' });
    });

    it('an action outside the role → 403 Invalid Permissions; an unknown one → Command Not Found', async () => {
        const perm = (await env.client
            .call('DeleteClient', { clientid: 1 })
            .catch((e: unknown) => e)) as WhmcsError;
        expect(perm).toBeInstanceOf(WhmcsAuthError);
        expect(perm).toMatchObject({ kind: 'permission', httpStatus: 403 });
        expect(perm.message).toBe('Invalid Permissions: API action "deleteclient" is not allowed');
        const unknown = (await env.client.call('MakeCoffee').catch((e: unknown) => e)) as WhmcsError;
        expect(unknown).toBeInstanceOf(WhmcsUnknownActionError);
    });

    it('a caller outside the IP allow-list → 403 Invalid IP (ip); the access key bypasses it', async () => {
        const other = await bootSandbox({ allowedIps: ['203.0.113.9'], accessKey: 'ak-123' });
        try {
            const err = (await other.client.getInvoices().catch((e: unknown) => e)) as WhmcsError;
            expect(err).toBeInstanceOf(WhmcsAuthError);
            expect(err).toMatchObject({ kind: 'ip', httpStatus: 403 });
            expect(err.message).toMatch(/^Invalid IP (127\.0\.0\.1|::1)$/);
            const withKey = createWhmcsClient({
                baseUrl: other.sandbox.url,
                identifier: other.sandbox.identifier,
                secret: other.sandbox.secret,
                accessKey: 'ak-123'
            });
            await expect(withKey.getInvoices()).resolves.toMatchObject({ total: 3 });
        } finally {
            await other.sandbox.close();
        }
    });

    it('username/password carry the credential too; action names are case-insensitive; query + body merged', async () => {
        const r = await env.raw(
            { action: 'getclientsdetails', username: env.sandbox.identifier, password: env.sandbox.secret },
            { auth: false, query: 'clientid=2' }
        );
        expect(r.status).toBe(200);
        expect(r.json).toMatchObject({ result: 'success', client: { id: 2 } });
        // Body wins over the query string.
        const both = await env.raw({ action: 'GetClientsDetails', clientid: '1' }, { query: 'clientid=2' });
        expect(both.json).toMatchObject({ client: { id: 1 } });
        // PHP json_encode escaping of slashes.
        const sso = await env.raw({ action: 'CreateSsoToken', client_id: '1' });
        expect(sso.text).toContain('http:\\/\\/');
    });
});

describe('empty-list renderings (switchable in the sandbox) all normalise to []', () => {
    it.each(['empty-string', 'array', 'object', 'wrapper'] as const)('%s', async (form) => {
        const other = await bootSandbox({ emptyListForm: form });
        try {
            const c = other.client;
            expect((await c.getClients({ search: 'nobody' })).clients).toEqual([]);
            expect((await c.getInvoices({ userId: 3 })).invoices).toEqual([]);
            expect((await c.getOrders({ userId: 3 })).orders).toEqual([]);
            expect((await c.getClientsProducts({ clientId: 3 })).services).toEqual([]);
            expect((await c.getProducts({ productId: 9999 })).products).toEqual([]);
            expect((await c.getInvoice({ invoiceId: 3 })).transactions).toEqual([]);
            // WHMCS lists every field of the product, empty ones with "".
            await c.addOrder({
                clientId: 3,
                paymentMethod: 'testcard',
                noInvoice: true,
                items: [{ productId: 201, billingCycle: 'monthly' }]
            });
            expect((await c.getClientsProducts({ clientId: 3 })).services[0].customFields).toEqual({
                11: '',
                12: '',
                13: '',
                14: ''
            });
            expect((await c.getClientsDetails({ clientId: 3 })).customFields).toEqual({});
            const raw = await other.raw({ action: 'GetInvoices', userid: '3' });
            const expected = { 'empty-string': '', array: [], object: {}, wrapper: { invoice: [] } }[form];
            expect(raw.json?.invoices).toEqual(expected);
        } finally {
            await other.sandbox.close();
        }
    });
});
