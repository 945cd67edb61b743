import { calendarDate } from '../../src/domain/dates';
import { accountId, EMILY, KENTA, line, orderId } from '../helpers/fixtures';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
    stack = await startStack();
});
afterAll(async () => {
    await stack.close();
});
beforeEach(() => {
    stack.sandbox.reset();
});

const fault = (action: string, mode: string) => stack.control('/_sandbox/faults', { action, mode, times: 1 });

/** The WHMCS actions the middleware calls while `fn` runs (from the sandbox's call log). */
async function whmcsActions(fn: () => Promise<unknown>): Promise<string[]> {
    const log = async () => (await stack.control('/_sandbox/calls')) as { action: string }[];
    const before = (await log()).length;
    await fn();
    return (await log()).slice(before).map((c) => c.action);
}

describe('address', () => {
    it('GET answers the WHMCS address', async () => {
        const res = await stack.get(`/v1/clients/${KENTA}/address`);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
            address: {
                line1: '7-8-9 Sakae',
                city: 'Naka-ku, Nagoya-shi',
                state: 'Aichi',
                postalCode: '460-0008',
                country: 'JP'
            }
        });
    });

    it('PUT writes to WHMCS and answers what WHMCS now has', async () => {
        const address = {
            line1: '1-1 Marunouchi',
            line2: 'Tower 3F',
            city: 'Chiyoda-ku',
            state: 'Tokyo',
            postalCode: '100-0005',
            country: 'JP'
        };
        const res = await stack.put(`/v1/clients/${KENTA}/address`, { address });
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ address });
        const state = await stack.state();
        const client = state.clients.find((c) => c.id === KENTA) as unknown as Record<string, string>;
        expect(client.address1).toBe('1-1 Marunouchi');
        expect(client.postcode).toBe('100-0005');
        expect((await stack.get(`/v1/clients/${KENTA}/address`)).body).toEqual({ address });
    });

    it('PUT validates strictly', async () => {
        const res = await stack.put(`/v1/clients/${KENTA}/address`, {
            address: { line1: 'x', city: 'y', state: 'z', postalCode: '1', country: 'japan', extra: 1 }
        });
        expect(res.status).toBe(400);
        const paths = res.body.error.details.issues.map((i: { path: string }) => i.path);
        expect(paths).toEqual(expect.arrayContaining(['address.country', 'address']));
    });

    it('unknown client → 404, bad id → 400, WHMCS down → 503', async () => {
        expect((await stack.get('/v1/clients/99999/address')).status).toBe(404);
        const bad = await stack.get('/v1/clients/abc/address');
        expect(bad.status).toBe(400);
        expect(bad.body.error.details.issues[0].path).toBe('params.clientId');
        expect((await stack.get('/v1/clients/0/address')).status).toBe(400);
        await fault('GetClientsDetails', 'timeout');
        const down = await stack.get(`/v1/clients/${KENTA}/address`);
        expect(down.status).toBe(503);
        expect(down.body.error).toEqual({
            code: 'BILLING_UNAVAILABLE',
            message: expect.any(String),
            retryable: true
        });
    });
});

describe('payment methods', () => {
    it('masked, with expiry, default and usability', async () => {
        const res = await stack.get(`/v1/clients/${KENTA}/payment-methods`);
        expect(res.status).toBe(200);
        expect(res.body.hasUsableMethod).toBe(true);
        expect(res.body.paymentMethods).toHaveLength(1);
        const [card] = res.body.paymentMethods;
        expect(card).toMatchObject({ kind: 'card', lastFour: '4242', expired: false, isDefault: true });
        expect(card.label).toMatch(/^Visa •••• 4242$/);
        expect(card.expiry).toMatch(/^(0[1-9]|1[0-2])\/\d{2}$/);
        expect(JSON.stringify(res.body)).not.toMatch(/4242424242424242|remote_token|token/i);
    });

    it('an expired card is listed but not usable', async () => {
        await stack.whmcs.addPayMethod({
            clientId: EMILY,
            cardNumber: '4000056655665556',
            cardExpiry: '0120',
            gatewayModuleName: 'testcard'
        });
        const res = await stack.get(`/v1/clients/${EMILY}/payment-methods`);
        expect(res.body.hasUsableMethod).toBe(false);
        expect(res.body.paymentMethods[0]).toMatchObject({
            expiry: '01/20',
            expired: true,
            isDefault: false
        });
    });

    it('none on file', async () => {
        const res = await stack.get(`/v1/clients/${EMILY}/payment-methods`);
        expect(res.body).toEqual({ paymentMethods: [], hasUsableMethod: false });
    });

    it('unknown client → 404', async () => {
        expect((await stack.get('/v1/clients/99999/payment-methods')).status).toBe(404);
    });
});

describe('invoices', () => {
    it('lists with paging and totals', async () => {
        const res = await stack.get(`/v1/clients/${KENTA}/invoices`);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ page: 1, pageSize: 20, total: 2 });
        expect(res.body.invoices).toHaveLength(2);
        for (const inv of res.body.invoices) {
            expect(inv).toEqual({
                id: expect.any(Number),
                number: expect.any(String),
                status: expect.stringMatching(/^(Paid|Unpaid)$/),
                issuedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
                dueOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
                paidOn: inv.status === 'Paid' ? expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) : null,
                total: '5280.00',
                balance: inv.status === 'Paid' ? '0.00' : '5280.00',
                currency: 'JPY'
            });
        }
        const page2 = await stack.get(`/v1/clients/${KENTA}/invoices?page=2&pageSize=1`);
        expect(page2.body).toMatchObject({ page: 2, pageSize: 1, total: 2 });
        expect(page2.body.invoices).toHaveLength(1);
        const page1 = await stack.get(`/v1/clients/${KENTA}/invoices?page=1&pageSize=1`);
        expect(page1.body.invoices[0].id).not.toBe(page2.body.invoices[0].id);
    });

    it('filters by status', async () => {
        const res = await stack.get(`/v1/clients/${KENTA}/invoices?status=Unpaid`);
        expect(res.body.total).toBe(1);
        expect(res.body.invoices[0].status).toBe('Unpaid');
        const pending = await stack.get(`/v1/clients/${KENTA}/invoices?status=Payment%20Pending`);
        expect(pending.status).toBe(200);
    });

    it('validates status, page and pageSize', async () => {
        for (const q of [
            'status=Bogus',
            'page=0',
            'pageSize=101',
            'pageSize=0',
            'page=x',
            'foo=1',
            'page=1&page=2'
        ]) {
            const res = await stack.get(`/v1/clients/${KENTA}/invoices?${q}`);
            expect(res.status).toBe(400);
            expect(res.body.error.code).toBe('VALIDATION_FAILED');
            expect(res.body.error.details.issues[0].path).toMatch(/^query/);
        }
    });

    it('one invoice with lines; another client’s or unknown → 404', async () => {
        const list = await stack.get(`/v1/clients/${KENTA}/invoices`);
        const id = list.body.invoices[0].id;
        const res = await stack.get(`/v1/clients/${KENTA}/invoices/${id}`);
        expect(res.status).toBe(200);
        expect(res.body.invoice).toMatchObject({ id, total: '5280.00', currency: 'JPY' });
        expect(res.body.invoice.lines.length).toBeGreaterThan(0);
        expect(res.body.invoice.lines[0]).toEqual({
            description: expect.any(String),
            amount: expect.any(String),
            taxed: true
        });

        const emilys = await stack.get(`/v1/clients/${EMILY}/invoices`);
        const foreign = await stack.get(`/v1/clients/${KENTA}/invoices/${emilys.body.invoices[0].id}`);
        expect(foreign.status).toBe(404);
        expect(foreign.body.error.code).toBe('NOT_FOUND');
        expect((await stack.get(`/v1/clients/${KENTA}/invoices/99999`)).status).toBe(404);
    });
});

describe('invoice detail', () => {
    it('a paid invoice: lines, tax inside the total, credit, payments with the gateway name', async () => {
        const res = await stack.get(`/v1/clients/${KENTA}/invoices/1`);
        expect(res.status).toBe(200);
        expect(res.body.invoice).toEqual({
            id: 1,
            number: '1',
            status: 'Paid',
            issuedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
            dueOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
            paidOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
            total: '5280.00',
            balance: '0.00',
            currency: 'JPY',
            lines: [{ description: expect.stringContaining('Fiber 1 Gbps'), amount: '5280.00', taxed: true }],
            // Japan's 10% consumption tax is inside the price: 5280 = 4800 + 480.
            subtotal: '4800.00',
            credit: '0.00',
            taxes: [{ rate: '10', amount: '480.00' }],
            payments: [
                {
                    date: res.body.invoice.paidOn,
                    method: 'Test card',
                    amount: '5280.00',
                    transactionId: 'seed-1'
                }
            ]
        });
    });

    it('an order made through AddOrder and paid with AddInvoicePayment reads back with tax and payments', async () => {
        const { invoiceId } = await stack.whmcs.addOrder({
            clientId: KENTA,
            paymentMethod: 'testcard',
            items: [
                { productId: 102, billingCycle: 'monthly' },
                { productId: 221, billingCycle: 'monthly' }
            ]
        });
        await stack.whmcs.addInvoicePayment({
            invoiceId: invoiceId!,
            transId: 'tx-part',
            gateway: 'testcard',
            amount: '1000.00'
        });
        const res = await stack.get(`/v1/clients/${KENTA}/invoices/${invoiceId}`);
        expect(res.status).toBe(200);
        const inv = res.body.invoice;
        const total = inv.lines.reduce((s: number, l: { amount: string }) => s + Number(l.amount), 0);
        expect(Number(inv.total)).toBe(total);
        // Tax rounded down to whole yen; subtotal + tax = total.
        expect(inv.taxes).toEqual([{ rate: '10', amount: `${Math.floor((total * 10) / 110)}.00` }]);
        expect(Number(inv.subtotal) + Number(inv.taxes[0].amount)).toBe(total);
        expect(inv).toMatchObject({ status: 'Unpaid', balance: `${total - 1000}.00` });
        expect(inv.payments).toEqual([
            { date: expect.any(String), method: 'Test card', amount: '1000.00', transactionId: 'tx-part' }
        ]);
    });

    it('one WHMCS call per read once the client and the gateway names are known', async () => {
        await stack.get(`/v1/clients/${KENTA}/invoices`);
        await stack.get(`/v1/clients/${KENTA}/invoices/1`);
        expect(await whmcsActions(() => stack.get(`/v1/clients/${KENTA}/invoices/1`))).toEqual([
            'GetInvoice'
        ]);
        // An invoice without payments never needs the gateway names.
        expect(await whmcsActions(() => stack.get(`/v1/clients/${KENTA}/invoices/2`))).toEqual([
            'GetInvoice'
        ]);
    });

    it('hostile ids → 400 before WHMCS; another client’s → 404; WHMCS down → 503', async () => {
        for (const bad of ['0', '-1', 'abc', '1.5', '1e3', '99999999999999999999', '%20', '1;DROP']) {
            let res: Awaited<ReturnType<Stack['get']>> | undefined;
            const actions = await whmcsActions(async () => {
                res = await stack.get(`/v1/clients/${KENTA}/invoices/${bad}`);
            });
            expect([bad, res?.status]).toEqual([bad, 400]);
            expect(res?.body.error.code).toBe('VALIDATION_FAILED');
            expect(actions).toEqual([]);
        }
        expect((await stack.get(`/v1/clients/${EMILY}/invoices/1`)).status).toBe(404);
        await fault('GetInvoice', 'timeout');
        const down = await stack.get(`/v1/clients/${KENTA}/invoices/1`);
        expect(down.status).toBe(503);
        expect(down.body.error.code).toBe('BILLING_UNAVAILABLE');
    });
});

describe('subscriptions', () => {
    const isoDate = expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/);

    let orders = 16_000;
    /** A SIM order with number transfer for Kenta: a SIM plan and its one-time activation fee. */
    async function orderSimWithNumberTransfer(): Promise<number[]> {
        const res = await stack.post(`/v1/orders/${orderId(++orders)}/provision`, {
            clientId: KENTA,
            accountId: accountId(1),
            lines: [
                line('SIM-VOICE-20GB', {
                    details: {
                        mnp: {
                            reservationNumber: '1234567890',
                            expiresOn: calendarDate(new Date(Date.now() + 20 * 86_400_000)),
                            phoneNumber: '090-1234-5678',
                            holderName: 'Kenta Suzuki'
                        }
                    }
                }),
                line('SIM-ACTIVATION')
            ]
        });
        expect(res.body.outcome).toBe('ACTIVATED');
        return (res.body.services as { whmcsServiceId: number }[]).map((s) => s.whmcsServiceId);
    }

    it('says what each service is: category, installation address, price and next due date', async () => {
        const res = await stack.get(`/v1/clients/${KENTA}/subscriptions`);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
            subscriptions: [
                {
                    id: 1,
                    productId: 101,
                    orderId: 1,
                    name: 'Fiber 1 Gbps',
                    category: 'Internet',
                    status: 'Active',
                    billingCycle: 'monthly',
                    recurringAmount: '5280.00',
                    nextDueDate: isoDate,
                    registeredOn: isoDate,
                    identifier: {
                        kind: 'installation_address',
                        value: '7-8-9 Sakae, Naka-ku, Nagoya-shi, Aichi, 460-0008, JP'
                    }
                }
            ],
            page: 1,
            pageSize: 20,
            total: 1
        });
        const emily = await stack.get(`/v1/clients/${EMILY}/subscriptions`);
        expect(emily.body.subscriptions).toEqual([
            expect.objectContaining({ category: 'VPN', identifier: { kind: 'vpn_region', value: 'JP' } })
        ]);
    });

    it('lists the SIM with its phone number and never its one-time activation fee', async () => {
        const [simId, feeId] = await orderSimWithNumberTransfer();
        const res = await stack.get(`/v1/clients/${KENTA}/subscriptions`);
        expect(res.body.total).toBe(3);
        expect(res.body.subscriptions.map((s: { id: number }) => s.id)).toEqual([1, simId]);
        expect(res.body.subscriptions[1]).toMatchObject({
            name: 'SIM Voice 20 GB',
            category: 'SIM',
            billingCycle: 'monthly',
            recurringAmount: '2480.00',
            nextDueDate: isoDate,
            identifier: { kind: 'phone_number', value: '090-1234-5678' }
        });
        expect(JSON.stringify(res.body)).not.toContain(`"id":${feeId},`);
    });

    it('pages through to WHMCS: a page is that slice of WHMCS services less its one-time fees', async () => {
        const [simId] = await orderSimWithNumberTransfer();
        const page = async (n: number) =>
            (await stack.get(`/v1/clients/${KENTA}/subscriptions?page=${n}&pageSize=1`)).body;
        expect(await page(1)).toMatchObject({ page: 1, pageSize: 1, total: 3, subscriptions: [{ id: 1 }] });
        expect(await page(2)).toMatchObject({ page: 2, total: 3, subscriptions: [{ id: simId }] });
        // The third WHMCS service is the activation fee: the page is empty, the total still counts it.
        expect(await page(3)).toEqual({ page: 3, pageSize: 1, total: 3, subscriptions: [] });
        expect(await page(100_000)).toEqual({ page: 100_000, pageSize: 1, total: 3, subscriptions: [] });
    });

    it('a read of a known client is one WHMCS call', async () => {
        await stack.get(`/v1/clients/${KENTA}/subscriptions`);
        expect(
            await whmcsActions(() => stack.get(`/v1/clients/${KENTA}/subscriptions?page=1&pageSize=10`))
        ).toEqual(['GetClientsProducts']);
    });

    it('validates page and pageSize', async () => {
        for (const q of [
            'page=0',
            'page=-1',
            'page=100001',
            'page=1.5',
            'pageSize=101',
            'pageSize=0',
            'pageSize=99999999999999999999',
            'page=x',
            'status=Unpaid',
            'page=1&page=2'
        ]) {
            const res = await stack.get(`/v1/clients/${KENTA}/subscriptions?${q}`);
            expect(res.status).toBe(400);
            expect(res.body.error.code).toBe('VALIDATION_FAILED');
            expect(res.body.error.details.issues[0].path).toMatch(/^query/);
        }
    });

    it('unknown client → 404; WHMCS error → 503', async () => {
        expect((await stack.get('/v1/clients/99999/subscriptions')).status).toBe(404);
        await fault('GetClientsProducts', 'http500');
        expect((await stack.get(`/v1/clients/${KENTA}/subscriptions`)).status).toBe(503);
    });
});

describe('SSO links', () => {
    async function follow(url: string): Promise<string> {
        const res = await fetch(url, { redirect: 'manual' });
        return res.headers.get('location') ?? '';
    }

    it.each([
        ['home', 'clientarea.php'],
        ['services', 'clientarea.php?action=services'],
        ['payment-methods', 'index.php?rp=/account/paymentmethods'],
        ['add-payment-method', 'index.php?rp=/account/paymentmethods/add']
    ])('%s lands on %s', async (destination, landing) => {
        const before = Date.now();
        const res = await stack.post(`/v1/clients/${KENTA}/sso`, { destination });
        expect(res.status).toBe(200);
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.body.url).toMatch(
            /^http:\/\/127\.0\.0\.1:\d+\/oauth\/singlesignon\.php\?access_token=[0-9a-f]{40}$/
        );
        const expires = Date.parse(res.body.expiresAt);
        expect(expires - before).toBeGreaterThanOrEqual(59_000);
        expect(expires - before).toBeLessThanOrEqual(61_000);
        expect(await follow(res.body.url)).toMatch(new RegExp(`${landing.replace(/[.?]/g, '\\$&')}$`));
    });

    it('"Back to the portal" returns to the page the SSO link was made on; only portal paths travel', async () => {
        const returnPath = '/checkout?category=SIM&plan=SIM-VOICE-20GB';
        const res = await stack.post(`/v1/clients/${KENTA}/sso`, {
            destination: 'add-payment-method',
            returnPath
        });
        expect(res.status).toBe(200);
        const signIn = await fetch(res.body.url, { redirect: 'manual' });
        const landing = signIn.headers.get('location') ?? '';
        expect(landing).toContain(`portal_return=${encodeURIComponent(returnPath)}`);
        const cookies = signIn.headers
            .getSetCookie()
            .map((c) => c.split(';')[0])
            .join('; ');
        const page = await (
            await fetch(new URL(landing, res.body.url), { headers: { cookie: cookies } })
        ).text();
        expect(page).toContain('href="http://localhost:3000/checkout?category=SIM&#38;plan=SIM-VOICE-20GB"');

        for (const hostile of [
            '//evil.example/x',
            'https://evil.example/',
            '/%2F%2Fevil.example',
            'checkout'
        ]) {
            const refused = await stack.post(`/v1/clients/${KENTA}/sso`, {
                destination: 'add-payment-method',
                returnPath: hostile
            });
            expect(refused.status).toBe(400);
            expect(refused.body.error.details.issues[0].path).toBe('returnPath');
        }
    });

    it('invoice: own invoice lands on viewinvoice; another client’s → 404; missing id → 400', async () => {
        const own = (await stack.get(`/v1/clients/${KENTA}/invoices`)).body.invoices[0].id;
        const res = await stack.post(`/v1/clients/${KENTA}/sso`, { destination: 'invoice', invoiceId: own });
        expect(res.status).toBe(200);
        expect(await follow(res.body.url)).toMatch(new RegExp(`viewinvoice\\.php\\?id=${own}$`));

        const foreign = (await stack.get(`/v1/clients/${EMILY}/invoices`)).body.invoices[0].id;
        const denied = await stack.post(`/v1/clients/${KENTA}/sso`, {
            destination: 'invoice',
            invoiceId: foreign
        });
        expect(denied.status).toBe(404);
        expect(denied.body.error.code).toBe('NOT_FOUND');

        const missing = await stack.post(`/v1/clients/${KENTA}/sso`, { destination: 'invoice' });
        expect(missing.status).toBe(400);
        expect(missing.body.error.details.issues[0].path).toBe('invoiceId');
    });

    it('invoice-pdf: own invoice lands on the PDF download; another client’s → 404 and no token; missing id → 400', async () => {
        const res = await stack.post(`/v1/clients/${KENTA}/sso`, {
            destination: 'invoice-pdf',
            invoiceId: 1
        });
        expect(res.status).toBe(200);
        expect(res.headers['cache-control']).toBe('no-store');
        const location = await follow(res.body.url);
        expect(location).toMatch(/dl\.php\?type=i&id=1$/);

        let denied: Awaited<ReturnType<Stack['post']>> | undefined;
        const actions = await whmcsActions(async () => {
            denied = await stack.post(`/v1/clients/${EMILY}/sso`, {
                destination: 'invoice-pdf',
                invoiceId: 1
            });
        });
        expect(denied?.status).toBe(404);
        expect(denied?.body.error.code).toBe('NOT_FOUND');
        expect(actions).not.toContain('CreateSsoToken');

        const missing = await stack.post(`/v1/clients/${KENTA}/sso`, { destination: 'invoice-pdf' });
        expect(missing.status).toBe(400);
        expect(missing.body.error.details.issues[0]).toMatchObject({
            path: 'invoiceId',
            message: expect.stringContaining('invoice-pdf')
        });
    });

    it('invoice: the ownership check alone proves the client (GetInvoice + CreateSsoToken)', async () => {
        const own = (await stack.get(`/v1/clients/${KENTA}/invoices`)).body.invoices[0].id;
        let res: Awaited<ReturnType<Stack['post']>> | undefined;
        const actions = await whmcsActions(async () => {
            res = await stack.post(`/v1/clients/${KENTA}/sso`, { destination: 'invoice', invoiceId: own });
        });
        expect(res?.status).toBe(200);
        expect(actions).toEqual(['GetInvoice', 'CreateSsoToken']);

        // Other destinations still read the client first.
        expect(
            await whmcsActions(() => stack.post(`/v1/clients/${KENTA}/sso`, { destination: 'home' }))
        ).toEqual(['GetClientsDetails', 'CreateSsoToken']);
    });

    it('invoice: an unknown client gets the same 404 as for any other destination; a foreign invoice its own', async () => {
        const invoice = (await stack.get(`/v1/clients/${KENTA}/invoices`)).body.invoices[0].id;
        const home = await stack.post('/v1/clients/99999/sso', { destination: 'home' });
        expect(home.status).toBe(404);
        for (const invoiceId of [invoice, 999_999]) {
            const res = await stack.post('/v1/clients/99999/sso', { destination: 'invoice', invoiceId });
            expect(res.status).toBe(404);
            expect(res.body.error).toEqual(home.body.error);
        }

        const foreign = (await stack.get(`/v1/clients/${EMILY}/invoices`)).body.invoices[0].id;
        const own = await stack.get(`/v1/clients/${KENTA}/invoices/${foreign}`);
        expect(own.status).toBe(404);
        let denied: Awaited<ReturnType<Stack['post']>> | undefined;
        const actions = await whmcsActions(async () => {
            denied = await stack.post(`/v1/clients/${KENTA}/sso`, {
                destination: 'invoice',
                invoiceId: foreign
            });
        });
        expect(denied?.status).toBe(404);
        // The same answer as the invoice read gives for another client's invoice, and no token made.
        expect(denied?.body.error).toEqual(own.body.error);
        expect(denied?.body.error).not.toEqual(home.body.error);
        expect(actions).not.toContain('CreateSsoToken');
    });

    it('unknown destination → 400; unknown client → 404; WHMCS down → 503', async () => {
        expect((await stack.post(`/v1/clients/${KENTA}/sso`, { destination: 'admin' })).status).toBe(400);
        expect((await stack.post('/v1/clients/99999/sso', { destination: 'home' })).status).toBe(404);
        await fault('CreateSsoToken', 'http500');
        expect((await stack.post(`/v1/clients/${KENTA}/sso`, { destination: 'home' })).status).toBe(503);
    });

    it('never logs the SSO URL or token', async () => {
        const res = await stack.post(`/v1/clients/${KENTA}/sso`, { destination: 'home' });
        const token = new URL(res.body.url).searchParams.get('access_token') as string;
        const logs = stack.logs.join('\n');
        expect(logs).not.toContain(token);
        expect(logs).not.toContain(res.body.url);
    });
});
