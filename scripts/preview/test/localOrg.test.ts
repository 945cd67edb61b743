import express from 'express';
import request from 'supertest';
import { generateKeyPairSync } from 'node:crypto';
import { createLocalOrg, type LocalOrg } from '../org/index';
import { MiddlewareError, type Json, type MiddlewareClient } from '../org/middleware';
import { createUser } from '../org/users';
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

function setup(answers: Record<string, (body: unknown) => Json>) {
    const middleware = fakeMiddleware(answers);
    const org: LocalOrg = createLocalOrg({
        dbPath: ':memory:',
        dataDir,
        middlewareUrl: 'http://127.0.0.1:9',
        privateKey,
        middleware,
        siteUrl: 'http://portal.test'
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
    const username = `c${customerNumber}@example.jp`;
    createUser(org.db, {
        username,
        email: username,
        firstName: 'Test',
        lastName: customerNumber,
        accountId: account.Id,
        password: 'Secret-2026',
        language: 'en'
    });
    const agent = request.agent(app);
    await agent.post('/_org/login').send({ username, password: 'Secret-2026' }).expect(200);
    return { agent, accountId: account.Id };
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
        const { app, org, middleware } = setup({
            'POST /v1/billing-profiles': () => ({ clientId: 42, created: true })
        });
        const requestJson = JSON.stringify({
            customerNumber: '10000002',
            postalCode: '5300001',
            firstName: 'Ichiro',
            lastName: 'Tanaka',
            email: 'ichiro@example.jp',
            password: 'Portal-2026',
            confirmPassword: 'Portal-2026',
            language: 'ja'
        });
        const res = await request(app)
            .post('/_org/apex/PortalSignupController.signUp')
            .send({ params: { requestJson } })
            .expect(200);
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
        const again = await request(app)
            .post('/_org/apex/PortalSignupController.signUp')
            .send({ params: { requestJson } })
            .expect(400);
        expect(again.body.error.message).toBe('SIGNUP_ALREADY_REGISTERED');
        const wrong = await request(app)
            .post('/_org/apex/PortalSignupController.signUp')
            .send({ params: { requestJson: requestJson.replace('5300001', '1000001') } })
            .expect(400);
        expect(wrong.body.error.message).toBe('SIGNUP_NOT_FOUND');
        const login = await request(app)
            .get(new URL(res.body.result.loginUrl).pathname + new URL(res.body.result.loginUrl).search)
            .expect(302);
        expect(String(login.headers['set-cookie'])).toMatch(/preview_sid=/);
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
