import express from 'express';
import request from 'supertest';
import { generateKeyPairSync } from 'node:crypto';
import { createLocalOrg, type LocalOrg } from '../org/index';
import { MiddlewareError, type Json, type MiddlewareClient } from '../org/middleware';
import { createUser, usernameFor } from '../org/users';
import { dataDir } from '../paths';

interface Call {
    method: string;
    path: string;
    body?: unknown;
}

// A scripted middleware: records calls and answers from a table, so the tests see what the Apex double sends.
function fakeMiddleware(
    answers: Record<string, (body: unknown) => Json>
): MiddlewareClient & { calls: Call[] } {
    const calls: Call[] = [];
    return {
        calls,
        async send(method, path, body) {
            calls.push({ method, path, body });
            const key = `${method} ${path.replace(/\?.*$/, '')}`;
            const answer = answers[key];
            if (!answer) throw new MiddlewareError('NOT_FOUND', `no answer for ${key}`, false, 404);
            return answer(body);
        }
    };
}

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

function setup(answers: Record<string, (body: unknown) => Json>, log?: (line: string) => void) {
    const middleware = fakeMiddleware(answers);
    const org: LocalOrg = createLocalOrg({
        dbPath: ':memory:',
        dataDir,
        middlewareUrl: 'http://127.0.0.1:9',
        privateKey,
        middleware,
        siteUrl: 'http://portal.test',
        log
    });
    const app = express();
    app.use('/_org', org.router);
    return { org, app, middleware };
}

async function customerAgent(
    app: express.Express,
    org: LocalOrg,
    customerNumber: string,
    clientId: number | null
) {
    const account = org.db
        .prepare('SELECT Id FROM Account WHERE Customer_Number__c = ?')
        .get(customerNumber) as {
        Id: string;
    };
    if (clientId !== null) {
        org.db
            .prepare('UPDATE Account SET WHMCS_Client_Id__c = ? WHERE Id = ?')
            .run(String(clientId), account.Id);
    }
    const email = `c${customerNumber}@example.jp`;
    createUser(org.db, {
        username: usernameFor(email),
        email,
        firstName: 'Test',
        lastName: customerNumber,
        accountId: account.Id,
        password: 'Secret-2026',
        language: 'en'
    });
    const agent = request.agent(app);
    await logIn(agent, email, 'Secret-2026');
    return { agent, accountId: account.Id, email };
}

type Agent = ReturnType<typeof request.agent>;

// PortalLoginController.login, then the one-time URL it answers (what portalLogin does in the browser).
async function logIn(agent: Agent, email: string, password: string, startUrl?: string): Promise<string> {
    const res = await agent
        .post('/_org/apex/PortalLoginController.login')
        .send({ params: { email, password, startUrl } })
        .expect(200);
    const url = new URL(res.body.result as string);
    expect(url.origin + url.pathname).toBe('http://portal.test/_org/frontdoor');
    const landed = await agent.get(url.pathname + url.search).expect(302);
    expect(String(landed.headers['set-cookie'])).toMatch(/preview_sid=/);
    return String(landed.headers.location);
}

async function apexError(agent: Agent, method: string, params: object) {
    const res = await agent.post(`/_org/apex/${method}`).send({ params }).expect(400);
    return res.body as { error: { message: string; exceptionType: string } };
}

const address = {
    line1: '1-2-3 Jingumae',
    city: 'Shibuya-ku',
    state: 'Tokyo',
    postalCode: '150-0001',
    country: 'JP'
};

describe('local org', () => {
    it('serves the catalog like CatalogService: orderable, priced, Internet → SIM → VPN', async () => {
        const { app, org } = setup({});
        const { agent } = await customerAgent(app, org, '10000001', 1);
        const res = await agent
            .post('/_org/apex/PortalCatalogController.getCatalog')
            .send({ params: {} })
            .expect(200);
        const codes = (res.body.result as { productCode: string; category: string }[]).map(
            (i) => i.productCode
        );
        expect(codes).not.toContain('INT-ADSL-LEGACY');
        expect(codes[0]).toBe('INT-FIBER-1G');
        expect(codes[codes.length - 1]).toBe('VPN-ACTIVATION');
        expect(Object.keys(res.body.result[0]).sort()).toEqual(
            [
                'billingCycle',
                'category',
                'description',
                'itemType',
                'name',
                'productCode',
                'productId',
                'sortOrder',
                'unitPrice'
            ].sort()
        );
        org.close();
    });

    it('answers guests with the platform error for customer methods', async () => {
        const { app, org } = setup({});
        const res = await request(app)
            .post('/_org/apex/PortalOrdersController.getMyOrders')
            .send({})
            .expect(403);
        expect(res.body.error.message).toMatch(/do not have access/);
        org.close();
    });

    it('summarises the home page and warns when the only usable card expires next month', async () => {
        const now = new Date();
        const next = new Date(now.getFullYear(), now.getMonth() + 1, 1);
        const expiry = `${String(next.getMonth() + 1).padStart(2, '0')}/${String(next.getFullYear() % 100).padStart(2, '0')}`;
        const { app, org } = setup({
            'GET /v1/clients/3/invoices': () => ({
                invoices: [{ id: 1, balance: '4980.00' }],
                page: 1,
                pageSize: 100,
                total: 1
            }),
            'GET /v1/clients/3/subscriptions': () => ({ subscriptions: [{ id: 1, status: 'Active' }] }),
            'GET /v1/clients/3/payment-methods': () => ({
                paymentMethods: [
                    { id: 1, kind: 'card', label: 'Visa', expiry, expired: false, isDefault: true },
                    { id: 2, kind: 'card', label: 'Amex', expiry: '01/20', expired: true, isDefault: false }
                ],
                hasUsableMethod: true
            })
        });
        const { agent } = await customerAgent(app, org, '10000001', 3);
        const res = await agent
            .post('/_org/apex/PortalHomeController.getSummary')
            .send({ params: {} })
            .expect(200);
        expect(res.body.result).toEqual({
            unpaidInvoiceCount: 1,
            unpaidTotal: 4980,
            activeServiceCount: 1,
            ordersInProgress: 0,
            paymentMethodStatus: 'expiring'
        });
        org.close();
    });

    it('submits an order after the middleware check, once per request key', async () => {
        const { app, org, middleware } = setup({
            'POST /v1/orders/check': () => ({
                ok: true,
                violations: [],
                billingAddress: address,
                paymentMethodOnFile: true
            })
        });
        const { agent, accountId } = await customerAgent(app, org, '10000001', 7);
        const requestJson = JSON.stringify({
            requestKey: 'key-12345678',
            category: 'VPN',
            lines: [
                { productCode: 'VPN-STANDARD', quantity: 1, details: { vpnRegion: 'JP' } },
                { productCode: 'VPN-ACTIVATION', quantity: 1 }
            ]
        });
        const first = await agent
            .post('/_org/apex/PortalCheckoutController.submitOrder')
            .send({ params: { requestJson } })
            .expect(200);
        const again = await agent
            .post('/_org/apex/PortalCheckoutController.submitOrder')
            .send({ params: { requestJson } })
            .expect(200);
        expect(first.body.result.ok).toBe(true);
        expect(again.body.result.orderId).toBe(first.body.result.orderId);
        expect(middleware.calls.filter((c) => c.path === '/v1/orders/check')).toHaveLength(1);
        const check = middleware.calls[0].body as {
            clientId: number;
            accountId: string;
            lines: { unitPrice: string; billingCycle: string }[];
        };
        expect(check.clientId).toBe(7);
        expect(check.accountId).toBe(accountId);
        expect(check.lines.map((l) => [l.unitPrice, l.billingCycle])).toEqual([
            ['880.00', 'monthly'],
            ['1100.00', 'onetime']
        ]);
        const orders = await agent
            .post('/_org/apex/PortalOrdersController.getMyOrders')
            .send({ params: {} })
            .expect(200);
        expect(orders.body.result).toEqual([
            expect.objectContaining({
                category: 'VPN',
                customerStatus: 'Submitted',
                totalMonthly: 880,
                totalOneTime: 1100
            })
        ]);
        org.close();
    });

    it('passes the middleware violations through and writes nothing', async () => {
        const { app, org } = setup({
            'POST /v1/orders/check': () => ({
                ok: false,
                violations: [{ code: 'PAYMENT_METHOD_REQUIRED', message: 'Add a payment method.' }],
                billingAddress: address,
                paymentMethodOnFile: false
            })
        });
        const { agent } = await customerAgent(app, org, '10000001', 7);
        const requestJson = JSON.stringify({
            requestKey: 'key-abcdefgh',
            category: 'VPN',
            lines: [{ productCode: 'VPN-STANDARD', quantity: 1 }]
        });
        const res = await agent
            .post('/_org/apex/PortalCheckoutController.submitOrder')
            .send({ params: { requestJson } })
            .expect(200);
        expect(res.body.result).toMatchObject({
            ok: false,
            violations: [{ code: 'PAYMENT_METHOD_REQUIRED', lineId: null }]
        });
        expect((org.db.prepare('SELECT COUNT(*) AS n FROM "Order"').get() as { n: number }).n).toBe(0);
        org.close();
    });

    it('hides another account’s order (NOT_FOUND) and maps failures to codes', async () => {
        const { app, org } = setup({});
        const { agent } = await customerAgent(app, org, '10000001', 7);
        const res = await agent
            .post('/_org/apex/PortalOrdersController.getOrder')
            .send({ params: { orderId: '8010M00000000zzAAA' } })
            .expect(400);
        expect(res.body.error.message).toBe('NOT_FOUND');
        const billing = await agent
            .post('/_org/apex/PortalBillingController.getSubscriptions')
            .send({ params: {} })
            .expect(400);
        // The fake answers NOT_FOUND for unknown routes: Apex passes middleware codes on.
        expect(billing.body.error.message).toBe('NOT_FOUND');
        org.close();
    });

    it('signs a new customer up: billing profile, Account link, user, one-time login URL', async () => {
        let clientId = 41;
        const { app, org, middleware } = setup({
            'POST /v1/billing-profiles': () => ({ clientId: ++clientId, created: true })
        });
        const call = (method: string, customerNumber: string, postalCode: string, email: string) =>
            request(app)
                .post(`/_org/apex/PortalSignupController.${method}`)
                .send({
                    params: {
                        requestJson: JSON.stringify({
                            customerNumber,
                            postalCode,
                            firstName: 'Ichiro',
                            lastName: 'Tanaka',
                            email,
                            password: 'Portal-2026',
                            confirmPassword: 'Portal-2026',
                            language: 'ja'
                        })
                    }
                });
        const signUp = (customerNumber: string, postalCode: string, email: string) =>
            call('signUp', customerNumber, postalCode, email);
        // Two calls, as in Apex: the Account link, then the user in a transaction of its own.
        const linked = await signUp('10000002', '5300001', 'Ichiro@Example.jp').expect(200);
        expect(linked.body.result).toEqual({ ok: true, loginUrl: null });
        expect(org.db.prepare('SELECT COUNT(*) AS n FROM User WHERE AccountId IS NOT NULL').get()).toEqual({
            n: 0
        });
        const res = await call('completeSignUp', '10000002', '5300001', 'Ichiro@Example.jp').expect(200);
        expect(res.body.result.loginUrl).toMatch(/^http:\/\/portal\.test\/_org\/frontdoor\?token=/);
        expect(middleware.calls[0].body).toMatchObject({
            customerNumber: '10000002',
            language: 'ja',
            address: { postalCode: '530-0001' }
        });
        const account = org.db
            .prepare("SELECT WHMCS_Client_Id__c AS id FROM Account WHERE Customer_Number__c = '10000002'")
            .get() as { id: string };
        expect(account.id).toBe('42');
        // Usernames are unique across all Salesforce orgs: the email plus a random suffix, the real Email kept.
        const user = org.db.prepare('SELECT Username, Email FROM User WHERE AccountId IS NOT NULL').get() as {
            Username: string;
            Email: string;
        };
        expect(user.Email).toBe('Ichiro@Example.jp');
        expect(user.Username).toMatch(/^ichiro@example\.jp\.[a-z0-9]{8}$/);
        const again = await signUp('10000002', '5300001', 'ichiro@example.jp').expect(400);
        expect(again.body.error.message).toBe('SIGNUP_ALREADY_REGISTERED');
        const wrong = await signUp('10000002', '1000001', 'ichiro@example.jp').expect(400);
        expect(wrong.body.error.message).toBe('SIGNUP_NOT_FOUND');
        // Another Account, the same email (any case): refused, nothing linked.
        const sameEmail = await signUp('10000003', '1030027', 'ICHIRO@example.jp').expect(400);
        expect(sameEmail.body.error.message).toBe('EMAIL_IN_USE');
        expect(
            org.db
                .prepare("SELECT WHMCS_Client_Id__c AS id FROM Account WHERE Customer_Number__c = '10000003'")
                .get()
        ).toEqual({ id: null });
        const login = await request(app)
            .get(new URL(res.body.result.loginUrl).pathname + new URL(res.body.result.loginUrl).search)
            .expect(302);
        expect(String(login.headers['set-cookie'])).toMatch(/preview_sid=/);
        expect(login.headers.location).toBe('/');
        // Later logins are by email, whatever its case.
        const agent = request.agent(app);
        expect(await logIn(agent, 'ichiro@EXAMPLE.jp', 'Portal-2026')).toBe('/');
        const session = await agent.get('/_org/session').expect(200);
        expect(session.body.user).toMatchObject({ name: 'Ichiro Tanaka', isStaff: false });
        org.close();
    });

    it('creates linked users with a generated username and refuses an email a portal user has', async () => {
        const { app, org } = setup({
            'POST /v1/migration/verify': () => ({
                clientId: 7,
                customerNumber: '20000001',
                firstName: 'Kenta',
                lastName: 'Suzuki'
            })
        });
        const account = org.db
            .prepare('SELECT Id FROM Account WHERE Customer_Number__c = ?')
            .get('10000001') as {
            Id: string;
        };
        createUser(org.db, {
            username: usernameFor('kenta.suzuki@example.jp'),
            email: 'kenta.suzuki@example.jp',
            firstName: 'Someone',
            lastName: 'Else',
            accountId: account.Id,
            password: 'Secret-2026',
            language: 'en'
        });
        const requestJson = (email: string) =>
            JSON.stringify({
                email,
                whmcsPassword: 'Suzuki-Whmcs-2026',
                newPassword: 'Portal-2026',
                confirmPassword: 'Portal-2026',
                language: 'en'
            });
        const guest = request.agent(app);
        await guest
            .post('/_org/apex/PortalAccountLinkController.linkAccount')
            .send({ params: { requestJson: requestJson('Kenta.Suzuki@example.jp') } })
            .expect(200);
        const taken = await apexError(guest, 'PortalAccountLinkController.completeLink', {
            requestJson: requestJson('Kenta.Suzuki@example.jp')
        });
        expect(taken.error.message).toBe('EMAIL_IN_USE');
        org.db.prepare('UPDATE User SET IsActive = 0 WHERE Email = ?').run('kenta.suzuki@example.jp');
        await guest
            .post('/_org/apex/PortalAccountLinkController.completeLink')
            .send({ params: { requestJson: requestJson('kenta.suzuki@example.jp') } })
            .expect(200);
        const linked = org.db
            .prepare('SELECT Username FROM User WHERE Email = ? AND IsActive = 1')
            .get('kenta.suzuki@example.jp') as { Username: string };
        expect(linked.Username).not.toBe('kenta.suzuki@example.jp');
        expect(await logIn(request.agent(app), 'kenta.suzuki@example.jp', 'Portal-2026')).toBe('/');
        org.close();
    });

    it('reports a lockout with its retry time like PortalAccountLinkController', async () => {
        const { app, org } = setup({
            'POST /v1/migration/verify': () => {
                throw new MiddlewareError('VERIFICATION_LOCKED', 'locked', false, 429, {
                    retryAfterSeconds: 840
                });
            }
        });
        const requestJson = JSON.stringify({
            email: 'emily.carter@example.com',
            whmcsPassword: 'nope',
            newPassword: 'Portal-2026',
            confirmPassword: 'Portal-2026',
            language: 'en'
        });
        const res = await request(app)
            .post('/_org/apex/PortalAccountLinkController.linkAccount')
            .send({ params: { requestJson } })
            .expect(400);
        expect(res.body.error.message).toBe('VERIFICATION_LOCKED:840');
        org.close();
    });

    it('runs the provisioning job after staff approval and writes the outcome onto the Order', async () => {
        const { app, org, middleware } = setup({
            'POST /v1/orders/check': () => ({
                ok: true,
                violations: [],
                billingAddress: address,
                paymentMethodOnFile: true
            }),
            'GET /v1/orders': () => ({ attempts: [] }),
            'POST /v1/orders': (body) => {
                const lines = (body as { lines: { lineId: string }[] }).lines;
                return {
                    outcome: 'ACTIVATED',
                    whmcsOrderId: 900,
                    whmcsInvoiceId: 901,
                    services: lines.map((l, i) => ({ lineId: l.lineId, whmcsServiceId: 1000 + i }))
                };
            }
        });
        // The fake keys answers by method + path without ids; route the id-bearing paths onto them.
        const send = middleware.send.bind(middleware);
        middleware.send = (method, path, body, timeout) =>
            send(method, path.replace(/^\/v1\/orders\/[A-Za-z0-9]{15,18}\/.*/, '/v1/orders'), body, timeout);
        const { agent } = await customerAgent(app, org, '10000001', 7);
        const requestJson = JSON.stringify({
            requestKey: 'key-prov-0001',
            category: 'VPN',
            lines: [
                { productCode: 'VPN-STANDARD', quantity: 1, details: { vpnRegion: 'JP' } },
                { productCode: 'VPN-ACTIVATION', quantity: 1 }
            ]
        });
        const submitted = await agent
            .post('/_org/apex/PortalCheckoutController.submitOrder')
            .send({ params: { requestJson } });
        const orderId = submitted.body.result.orderId as string;

        const staff = request.agent(app);
        await staff
            .post('/_org/login')
            .send({ username: 'staff@portal.example', password: 'Staff-Demo-2026' })
            .expect(200);
        const view = await staff
            .post('/_org/apex/OrderProvisioningController.approveOrder')
            .send({ params: { orderId } })
            .expect(200);
        expect(view.body.result).toMatchObject({ status: 'Approved', canApprove: false });
        await org.idle();
        const after = await staff
            .post('/_org/apex/OrderProvisioningController.getProvisioningView')
            .send({ params: { orderId } })
            .expect(200);
        expect(after.body.result).toMatchObject({
            status: 'Activated',
            provisioningStatus: 'Activated',
            whmcsOrderId: '900',
            whmcsInvoiceId: '901',
            attempts: 1
        });
        const provision = middleware.calls.find((c) => c.method === 'POST' && c.path === '/v1/orders');
        expect(provision?.body).toMatchObject({
            clientId: 7,
            lines: [
                { productCode: 'VPN-STANDARD', details: { vpnRegion: 'JP' } },
                { productCode: 'VPN-ACTIVATION' }
            ]
        });
        const detail = await agent
            .post('/_org/apex/PortalOrdersController.getOrder')
            .send({ params: { orderId } })
            .expect(200);
        expect(detail.body.result.customerStatus).toBe('Active');
        org.close();
    });
});

describe('PortalLoginController (local)', () => {
    async function withCustomer() {
        const { app, org } = setup({});
        const { email } = await customerAgent(app, org, '10000001', 7);
        return { app, org, email };
    }

    it('logs a customer in by email through a one-time frontdoor URL to the start page', async () => {
        const { app, org, email } = await withCustomer();
        const agent = request.agent(app);
        expect(
            await logIn(agent, email.toUpperCase(), 'Secret-2026', '/order?orderId=8010M0000000001AAA')
        ).toBe('/order?orderId=8010M0000000001AAA');
        const session = await agent.get('/_org/session').expect(200);
        expect(session.body.user).toMatchObject({ name: 'Test 10000001', isStaff: false });
        // The URL works once.
        const url = await agent
            .post('/_org/apex/PortalLoginController.login')
            .send({ params: { email, password: 'Secret-2026', startUrl: null } })
            .expect(200);
        const frontdoor = new URL(url.body.result as string);
        await request(app)
            .get(frontdoor.pathname + frontdoor.search)
            .expect(302);
        const reused = await request(app)
            .get(frontdoor.pathname + frontdoor.search)
            .expect(302);
        expect(reused.headers.location).toBe('/login');
        expect(reused.headers['set-cookie']).toBeUndefined();
        org.close();
    });

    it('answers a wrong password and an unknown email alike (LOGIN_FAILED), and validates first', async () => {
        const { app, org, email } = await withCustomer();
        const guest = request.agent(app);
        const wrong = await apexError(guest, 'PortalLoginController.login', {
            email,
            password: 'Wrong-2026',
            startUrl: '/'
        });
        const unknown = await apexError(guest, 'PortalLoginController.login', {
            email: 'nobody@example.jp',
            password: 'Secret-2026',
            startUrl: '/'
        });
        expect(wrong).toEqual({
            error: { message: 'LOGIN_FAILED', exceptionType: 'System.AuraHandledException' }
        });
        expect(unknown).toEqual(wrong);
        // Staff are internal users: not on the site's login.
        const staff = await apexError(guest, 'PortalLoginController.login', {
            email: 'staff@portal.example',
            password: 'Staff-Demo-2026',
            startUrl: '/'
        });
        expect(staff).toEqual(wrong);
        for (const params of [
            { email: 'not-an-email', password: 'Secret-2026' },
            { email: '', password: 'Secret-2026' },
            { email, password: '' },
            { email, password: '   ' },
            { email, password: 'x'.repeat(129) },
            { email: 42, password: 'Secret-2026' }
        ]) {
            const res = await apexError(guest, 'PortalLoginController.login', { ...params, startUrl: '/' });
            expect(res.error.message).toBe('VALIDATION_FAILED');
        }
        org.close();
    });

    it.each([
        { name: '//evil.example', startUrl: '//evil.example' },
        { name: 'https://evil.example', startUrl: 'https://evil.example' },
        { name: '/\\evil', startUrl: '/\\evil' },
        { name: 'javascript:alert(1)', startUrl: 'javascript:alert(1)' },
        { name: '/%2Fevil.example', startUrl: '/%2Fevil.example' },
        { name: 'a path with a tab', startUrl: '/\t/evil.example' },
        { name: 'blank', startUrl: '' },
        { name: 'a path of 256 characters', startUrl: `/${'a'.repeat(255)}` }
    ])('lands on the home page for the start URL $name', async ({ startUrl }) => {
        const { app, org, email } = await withCustomer();
        expect(await logIn(request.agent(app), email, 'Secret-2026', startUrl)).toBe('/');
        org.close();
    });

    it('answers every password reset request the same, and logs no email', async () => {
        const lines: string[] = [];
        const { app, org } = setup({}, (line) => lines.push(line));
        const { email } = await customerAgent(app, org, '10000001', 7);
        const guest = request.agent(app);
        const reset = (address: unknown) =>
            guest
                .post('/_org/apex/PortalLoginController.requestPasswordReset')
                .send({ params: { email: address } });
        const known = await reset(email).expect(200);
        const unknown = await reset('nobody@example.jp').expect(200);
        expect(known.body).toEqual({ result: null });
        expect(unknown.body).toEqual(known.body);
        expect(lines.length).toBeGreaterThan(0);
        expect(lines.join('\n')).not.toMatch(/example\.jp/i);
        const invalid = await reset('not-an-email').expect(400);
        expect(invalid.body.error.message).toBe('VALIDATION_FAILED');
        org.close();
    });

    it('keeps the internal login for staff only', async () => {
        const { app, org, email } = await withCustomer();
        await request(app).post('/_org/login').send({ username: email, password: 'Secret-2026' }).expect(401);
        const customerUsername = (
            org.db.prepare('SELECT Username FROM User WHERE Email = ?').get(email) as { Username: string }
        ).Username;
        await request(app)
            .post('/_org/login')
            .send({ username: customerUsername, password: 'Secret-2026' })
            .expect(401);
        await request(app)
            .post('/_org/login')
            .send({ username: 'staff@portal.example', password: 'Staff-Demo-2026' })
            .expect(200);
        org.close();
    });

    it('makes usernames of the email and a random suffix, or a generated one past 80 characters', () => {
        expect(usernameFor(' Hanako.Sato@Example.JP ')).toMatch(/^hanako\.sato@example\.jp\.[a-z0-9]{8}$/);
        expect(usernameFor('a@example.jp')).not.toBe(usernameFor('a@example.jp'));
        // 71 characters + '.' + 8 = 80: still the email; one more and it is the generated form.
        const fits = `${'x'.repeat(49)}@${'y'.repeat(10)}.example.jp`;
        expect(usernameFor(fits)).toMatch(new RegExp(`^${fits.replace(/\./g, '\\.')}\\.[a-z0-9]{8}$`));
        expect(usernameFor(`x${fits}`)).toMatch(/^portal-[a-z0-9]{16}@customer\.portal$/);
        expect(usernameFor('no-at-sign')).toMatch(/^portal-[a-z0-9]{16}@customer\.portal$/);
    });
});
