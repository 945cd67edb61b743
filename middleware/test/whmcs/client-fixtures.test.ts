import { createWhmcsClient, encodeCustomFields, type WhmcsClient } from '../../src/whmcs';
import { CREDS, fixture, scriptedFetch } from './helpers';

function clientFor(body: unknown) {
    const fake = scriptedFetch({ body });
    const client: WhmcsClient = createWhmcsClient({
        baseUrl: 'https://billing.example/whmcs/',
        ...CREDS,
        fetchImpl: fake.fetchImpl,
        retryBaseDelayMs: 1
    });
    return { client, calls: fake.calls };
}

describe('WHMCS client request encoding', () => {
    it('posts a form to <base>/includes/api.php with credentials, access key and responsetype=json', async () => {
        const { client, calls } = clientFor(fixture('getinvoice.json'));
        await client.getInvoice({ invoiceId: 88 });
        expect(calls).toHaveLength(1);
        expect(calls[0].url).toBe('https://billing.example/whmcs/includes/api.php');
        const p = calls[0].params;
        expect(p.get('action')).toBe('GetInvoice');
        expect(p.get('identifier')).toBe(CREDS.identifier);
        expect(p.get('secret')).toBe(CREDS.secret);
        expect(p.get('accesskey')).toBe(CREDS.accessKey);
        expect(p.get('responsetype')).toBe('json');
        expect(p.get('invoiceid')).toBe('88');
    });

    it('encodes AddOrder as PHP parallel arrays with base64-serialized custom fields and notes', async () => {
        const { client, calls } = clientFor(fixture('addorder.json'));
        await client.addOrder({
            clientId: 7,
            paymentMethod: 'testcard',
            notes: 'SF 801000000000001AAA',
            items: [
                {
                    productId: 202,
                    billingCycle: 'monthly',
                    customFields: { 13: '090-1234-5678', 14: 'Zürich' }
                },
                { productId: 211, billingCycle: 'onetime' }
            ],
            noEmail: true,
            noInvoice: false
        });
        const p = calls[0].params;
        expect(p.getAll('pid[0]')).toEqual(['202']);
        expect(p.get('pid[1]')).toBe('211');
        expect(p.get('billingcycle[0]')).toBe('monthly');
        expect(p.get('billingcycle[1]')).toBe('onetime');
        expect(p.get('qty[1]')).toBe('1');
        expect(p.get('customfields[0]')).toBe(encodeCustomFields({ 13: '090-1234-5678', 14: 'Zürich' }));
        expect(Buffer.from(p.get('customfields[0]')!, 'base64').toString('utf8')).toBe(
            'a:2:{i:13;s:13:"090-1234-5678";i:14;s:7:"Zürich";}'
        );
        expect(p.get('customfields[1]')).toBe('');
        expect(p.get('notes')).toBe('SF 801000000000001AAA');
        expect(p.get('noemail')).toBe('1');
        expect(p.has('noinvoice')).toBe(false); // false booleans are omitted
    });

    it('maps camelCase params to WHMCS names (AddClient uses password2 and address fields)', async () => {
        const { client, calls } = clientFor(fixture('addclient.json'));
        await client.addClient({
            firstName: 'Hanako',
            lastName: 'Sato',
            email: 'hanako@example.jp',
            password: 'pw-1',
            phone: '+81-3-5555-0101',
            address: {
                line1: '1-2-3 Jingumae',
                city: 'Shibuya-ku',
                state: 'Tokyo',
                postalCode: '150-0001',
                country: 'JP'
            },
            customFields: { 1: '10000001' }
        });
        const p = calls[0].params;
        expect(p.get('password2')).toBe('pw-1');
        expect(p.has('password')).toBe(false);
        expect(p.get('address1')).toBe('1-2-3 Jingumae');
        expect(p.get('postcode')).toBe('150-0001');
        expect(p.get('phonenumber')).toBe('+81-3-5555-0101');
        expect(p.has('address2')).toBe(false);
        expect(p.get('customfields')).toBe(encodeCustomFields({ 1: '10000001' }));
    });

    it('sends CreateSsoToken params in snake_case', async () => {
        const { client, calls } = clientFor(fixture('createssotoken.json'));
        await client.createSsoToken({
            clientId: 7,
            destination: 'sso:custom_redirect',
            ssoRedirectPath: 'viewinvoice.php?id=88'
        });
        const p = calls[0].params;
        expect(p.get('client_id')).toBe('7');
        expect(p.get('destination')).toBe('sso:custom_redirect');
        expect(p.get('sso_redirect_path')).toBe('viewinvoice.php?id=88');
    });

    it('joins GetProducts pid lists with commas', async () => {
        const { client, calls } = clientFor(fixture('getproducts.json'));
        await client.getProducts({ productId: [301, 311] });
        expect(calls[0].params.get('pid')).toBe('301,311');
    });
});

describe('WHMCS client normalisation of documented shapes', () => {
    it('GetClientsDetails: client object, custom fields by id, allowSso from 0/1, lone user object', async () => {
        const { client } = clientFor(fixture('getclientsdetails.json'));
        const c = await client.getClientsDetails({ clientId: 7, stats: true });
        expect(c).toMatchObject({
            id: 7,
            ownerUserId: 3,
            firstName: 'Kenta',
            lastName: 'Suzuki',
            email: 'kenta.suzuki@example.jp',
            companyName: '',
            address: {
                line1: '7-8-9 Sakae',
                line2: '',
                city: 'Naka-ku, Nagoya-shi',
                state: 'Aichi',
                postalCode: '460-0008',
                country: 'JP'
            },
            phone: '+81-52-555-0201',
            status: 'Active',
            customFields: { 1: '20000001', 4: 'Google' },
            allowSso: true,
            currencyCode: 'JPY',
            credit: '0.00',
            users: [{ id: 3, name: 'Kenta Suzuki', email: 'kenta.suzuki@example.jp', isOwner: true }],
            stats: { numUnpaidInvoices: 1, numPaidInvoices: 3, productsNumActive: 1, productsNumTotal: 2 }
        });
        // Legacy flat keys are not surfaced.
        expect(Object.keys(c)).not.toContain('customfields1');
    });

    it('GetClientsDetails legacy typing: string ids, "0" SSO flag, "on" boolean, {} custom fields, no users', async () => {
        const { client } = clientFor(fixture('getclientsdetails-legacy.json'));
        const c = await client.getClientsDetails({ email: 'x@example.jp' });
        expect(c.id).toBe(9);
        expect(c.ownerUserId).toBeNull();
        expect(c.allowSso).toBe(false);
        expect(c.taxExempt).toBe(true);
        expect(c.credit).toBe('12.00');
        expect(c.customFields).toEqual({});
        expect(c.users).toEqual([]);
        expect(c.stats).toBeUndefined();
    });

    it('GetClients: a lone client object, zero datecreated → null, string totalresults', async () => {
        const { client } = clientFor(fixture('getclients.json'));
        const r = await client.getClients({ search: 'emily' });
        expect(r).toEqual({
            total: 1,
            startNumber: 0,
            clients: [
                {
                    id: 4,
                    firstName: 'Emily',
                    lastName: 'Carter',
                    companyName: '',
                    email: 'emily.carter@example.com',
                    dateCreated: null,
                    groupId: null,
                    status: 'Active'
                }
            ]
        });
    });

    it('ValidateLogin: userid string → number, "false" → false, session hash dropped', async () => {
        const { client } = clientFor(fixture('validatelogin.json'));
        const r = await client.validateLogin({ email: 'kenta.suzuki@example.jp', password: 'pw' });
        expect(r).toEqual({ userId: 3, twoFactorEnabled: false });
    });

    it('CreateSsoToken: unescapes \\/ and returns accessToken + redirectUrl', async () => {
        const { client } = clientFor(fixture('createssotoken.json'));
        const r = await client.createSsoToken({ clientId: 7 });
        expect(r.accessToken).toMatch(/^[0-9a-f]{40}$/);
        expect(r.redirectUrl).toBe(
            `https://billing.example/oauth/singlesignon.php?access_token=${r.accessToken}`
        );
    });

    it('GetPayMethods: plain array, cards and bank accounts, expiry normalised to MM/YY', async () => {
        const { client } = clientFor(fixture('getpaymethods.json'));
        const r = await client.getPayMethods({ clientId: 7 });
        expect(r).toEqual([
            {
                id: 1,
                type: 'RemoteCreditCard',
                description: '',
                gatewayName: 'stripe',
                contactType: 'Client',
                contactId: 7,
                lastFour: '4242',
                expiry: '12/29',
                cardType: 'Visa',
                bankName: null,
                lastUpdated: '17/05/2026 10:01'
            },
            {
                id: 2,
                type: 'BankAccount',
                description: 'Salary account',
                gatewayName: '',
                contactType: 'Client',
                contactId: 7,
                lastFour: null,
                expiry: null,
                cardType: null,
                bankName: 'Example Bank',
                lastUpdated: '18/05/2026 11:00'
            },
            expect.objectContaining({ id: 3, lastFour: '0005', expiry: '01/25', lastUpdated: null })
        ]);
        expect(JSON.stringify(r)).not.toContain('cus_x'); // remote tokens are not surfaced
    });

    it('AddPayMethod: string ids → numbers', async () => {
        const { client } = clientFor(fixture('addpaymethod.json'));
        await expect(
            client.addPayMethod({ clientId: 7, cardNumber: '4242424242424242', cardExpiry: '1230' })
        ).resolves.toEqual({ clientId: 7, payMethodId: 4 });
    });

    it('AddClient / UpdateClient: string clientid → number; owner_id kept', async () => {
        const add = clientFor(fixture('addclient.json')).client;
        const r = await add.addClient({
            firstName: 'a',
            lastName: 'b',
            email: 'a@b.jp',
            address: { line1: 'x', city: 'c', state: 's', postalCode: '1', country: 'JP' }
        });
        expect(r).toEqual({ clientId: 12, ownerId: 31 });
        const upd = clientFor(fixture('updateclient.json')).client;
        await expect(upd.updateClient({ clientId: 12, address: { city: 'Osaka' } })).resolves.toEqual({
            clientId: 12
        });
    });

    it('AddOrder: string ids and comma-separated lists; productids ignored when serviceids present', async () => {
        const { client } = clientFor(fixture('addorder.json'));
        const r = await client.addOrder({ clientId: 7, paymentMethod: 'testcard', items: [] });
        expect(r).toEqual({
            orderId: 41,
            serviceIds: [101, 102],
            addonIds: [],
            domainIds: [],
            invoiceId: 88
        });
    });

    it('AddOrder legacy: only productids, invoiceid "0" → null', async () => {
        const { client } = clientFor(fixture('addorder-legacy.json'));
        const r = await client.addOrder({ clientId: 7, paymentMethod: 'testcard', items: [] });
        expect(r).toEqual({ orderId: 42, serviceIds: [103], addonIds: [], domainIds: [], invoiceId: null });
    });

    it('GetOrders: numeric-keyed order object, notes, line items with display billing cycles, {} line items', async () => {
        const { client } = clientFor(fixture('getorders.json'));
        const r = await client.getOrders({ userId: 7 });
        expect(r.total).toBe(2);
        expect(r.orders.map((o) => o.id)).toEqual([41, 40]);
        const [o, cancelled] = r.orders;
        expect(o).toMatchObject({
            orderNumber: '2718281828',
            userId: 7,
            date: '2026-11-20 10:15:00',
            amount: '8580.00',
            invoiceId: 88,
            status: 'Pending',
            paymentStatus: 'Unpaid',
            notes: 'SF-ORDER 801000000000001AAA'
        });
        expect(o.lineItems).toEqual([
            {
                type: 'product',
                relId: 101,
                productType: 'Other Product/Service',
                product: 'SIM - SIM Voice 20 GB',
                domain: '',
                billingCycle: 'monthly',
                billingCycleLabel: 'Monthly',
                amount: '2480.00',
                status: 'Pending'
            },
            expect.objectContaining({ relId: 102, billingCycle: 'onetime', amount: '3300.00' })
        ]);
        expect(cancelled).toMatchObject({ id: 40, invoiceId: null, lineItems: [] });
    });

    it('GetClientsProducts: every scalar a string, customfields by id, zero next due date, password dropped', async () => {
        const { client } = clientFor(fixture('getclientsproducts.json'));
        const r = await client.getClientsProducts({ clientId: 7 });
        expect(r.total).toBe(2);
        expect(r.services[0]).toEqual({
            id: 101,
            clientId: 7,
            orderId: 41,
            productId: 202,
            name: 'SIM Voice 20 GB',
            groupName: 'SIM',
            domain: '',
            quantity: 1,
            regDate: '2026-11-20',
            firstPaymentAmount: '2480.00',
            recurringAmount: '2480.00',
            billingCycle: 'monthly',
            billingCycleLabel: 'Monthly',
            nextDueDate: '2026-12-20',
            status: 'Active',
            paymentMethod: 'testcard',
            customFields: { 13: '090-1234-5678', 14: 'Kenta Suzuki' }
        });
        expect(r.services[1]).toMatchObject({
            id: 102,
            billingCycle: 'onetime',
            nextDueDate: null,
            customFields: {}
        });
        expect(JSON.stringify(r)).not.toContain('service-pass');
    });

    it('GetProducts: -1.00 → null, required ""/"on", lone custom field object, string ids', async () => {
        const { client } = clientFor(fixture('getproducts.json'));
        const r = await client.getProducts();
        expect(r.total).toBe(2);
        expect(r.products[0]).toEqual({
            id: 301,
            groupId: 3,
            type: 'other',
            name: 'VPN Standard',
            description: 'Encrypted VPN for up to <b>5</b> devices.',
            module: '',
            payType: 'recurring',
            pricing: {
                JPY: {
                    prefix: '¥',
                    suffix: ' JPY',
                    monthly: '880.00',
                    quarterly: null,
                    semiannually: null,
                    annually: '9600.00',
                    biennially: null,
                    triennially: null,
                    monthlySetupFee: '0.00'
                }
            },
            customFields: [{ id: 21, name: 'VPN region', description: '', required: true }]
        });
        expect(r.products[1]).toMatchObject({
            id: 311,
            groupId: 3,
            payType: 'onetime',
            customFields: [{ id: 99, name: 'Note', description: 'Optional', required: false }]
        });
    });

    it('GetInvoices: zero datepaid → null, invoicenum "" → id, money kept as 2-dp strings', async () => {
        const { client } = clientFor(fixture('getinvoices.json'));
        const r = await client.getInvoices({ userId: 7, status: 'Unpaid' });
        expect(r.total).toBe(5);
        expect(r.invoices[0]).toEqual({
            id: 88,
            number: '88',
            userId: 7,
            date: '2026-11-20',
            dueDate: '2026-12-04',
            datePaid: null,
            subtotal: '5280.00',
            credit: '0.00',
            tax: '0.00',
            total: '5280.00',
            status: 'Unpaid',
            paymentMethod: 'testcard',
            currencyCode: 'JPY',
            currencyPrefix: '¥',
            currencySuffix: ''
        });
        expect(r.invoices[1]).toMatchObject({
            number: 'INV-2026-0012',
            datePaid: '2026-08-27 10:05:00',
            total: '5280.00'
        });
    });

    it('GetInvoice: items with taxed 0/1, balance, transactions "" → []', async () => {
        const { client } = clientFor(fixture('getinvoice.json'));
        const r = await client.getInvoice({ invoiceId: 88 });
        expect(r).toMatchObject({
            id: 88,
            number: '88',
            balance: '5780.00',
            status: 'Unpaid',
            datePaid: null
        });
        expect(r.items).toEqual([
            {
                id: 201,
                type: 'Hosting',
                relId: 101,
                description: 'SIM - SIM Voice 20 GB (2026-11-20 - 2026-12-19)',
                amount: '2480.00',
                taxed: false
            },
            {
                id: 202,
                type: 'Hosting',
                relId: 102,
                description: 'SIM - SIM activation fee',
                amount: '3300.00',
                taxed: true
            }
        ]);
        expect(r.transactions).toEqual([]);
    });

    it('GetInvoice paid: string ids, lone item object, transaction list', async () => {
        const { client } = clientFor(fixture('getinvoice-paid.json'));
        const r = await client.getInvoice({ invoiceId: 12 });
        expect(r).toMatchObject({
            id: 12,
            userId: 7,
            number: 'INV-2026-0012',
            balance: '0.00',
            status: 'Paid'
        });
        expect(r.items).toEqual([
            {
                id: 150,
                type: 'Hosting',
                relId: 1,
                description: 'Internet - Fiber 1 Gbps',
                amount: '5280.00',
                taxed: false
            }
        ]);
        expect(r.transactions).toEqual([
            {
                id: 9,
                date: '2026-08-27 10:05:00',
                gateway: 'testcard',
                transId: 'ch_123',
                description: 'Invoice Payment',
                amountIn: '5280.00',
                fees: '0.00',
                amountOut: '0.00'
            }
        ]);
    });

    it('acceptOrder / pendingOrder / cancelOrder / addInvoicePayment resolve on result success', async () => {
        const { client, calls } = clientFor({ result: 'success' });
        await client.acceptOrder({ orderId: 41, autoSetup: true, sendEmail: false });
        await client.pendingOrder({ orderId: 41 });
        await client.cancelOrder({ orderId: 41, cancelSub: true });
        await client.addInvoicePayment({
            invoiceId: 88,
            transId: 'tx-1',
            gateway: 'testcard',
            amount: '100.00'
        });
        expect(calls.map((c) => c.params.get('action'))).toEqual([
            'AcceptOrder',
            'PendingOrder',
            'CancelOrder',
            'AddInvoicePayment'
        ]);
        expect(calls[0].params.get('autosetup')).toBe('1');
        expect(calls[0].params.has('sendemail')).toBe(false);
        expect(calls[3].params.get('date')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    });

    it('call() returns the raw success body', async () => {
        const { client, calls } = clientFor({
            result: 'success',
            totalresults: 1,
            paymentmethods: { paymentmethod: [] }
        });
        const r = await client.call('GetPaymentMethods');
        expect(r.totalresults).toBe(1);
        expect(calls[0].params.get('action')).toBe('GetPaymentMethods');
    });
});
