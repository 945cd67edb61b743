import express from 'express';
import request from 'supertest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import { jwtVerify } from 'jose';
import { createLocalOrg, type LocalOrg } from '../org/index';
import { ApexOrg } from '../org/apexOrg';
import { STAFF_USER } from '../demoLogins';
import { forceAppDir, repoRoot } from '../paths';

// The local org is the Apex runtime over the project: these tests drive the real classes through the preview's
// HTTP surface, with a stand-in middleware that checks the Named Credential's JWT.
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

interface Call {
    path: string;
    body: Record<string, unknown>;
    claims: Record<string, unknown>;
}

let org: LocalOrg;
let app: express.Express;
let middleware: http.Server;
const calls: Call[] = [];

beforeAll(async () => {
    const fake = express();
    fake.use(express.json());
    let clientId = 41;
    fake.post('/v1/billing-profiles', async (req, res) => {
        const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
        const { payload } = await jwtVerify(token, publicKey, {
            issuer: 'salesforce-portal',
            audience: 'portal-middleware'
        });
        calls.push({ path: req.path, body: req.body as Record<string, unknown>, claims: payload });
        res.json({ clientId: ++clientId, created: true });
    });
    middleware = http.createServer(fake).listen(0, '127.0.0.1');
    await new Promise((resolve) => middleware.once('listening', resolve));
    const port = (middleware.address() as AddressInfo).port;
    org = await createLocalOrg({
        middlewareUrl: `http://127.0.0.1:${port}`,
        privateKey,
        siteUrl: 'http://portal.test'
    });
    app = express();
    app.use('/_org', org.router);
}, 120_000);

afterAll(async () => {
    await org?.close();
    middleware?.close();
});

async function logIn(agent: ReturnType<typeof request.agent>, email: string, password: string) {
    const res = await agent
        .post('/_org/apex/PortalLoginController.login')
        .send({ params: { email, password, startUrl: '/orders' } });
    if (res.status !== 200) return res.body.error?.message as string;
    const url = new URL(res.body.result as string);
    const door = await agent.get(url.pathname + url.search).expect(302);
    return door.headers.location as string;
}

describe('the local org (Apex runtime)', () => {
    it('refuses the site guest a customer class, as the platform does', async () => {
        const res = await request(app)
            .post('/_org/apex/PortalCatalogController.getCatalog')
            .send({})
            .expect(403);
        expect(res.body).toEqual({
            error: {
                message: "You do not have access to the Apex class named 'PortalCatalogController'.",
                exceptionType: 'System.NoAccessException'
            }
        });
        await request(app).post('/_org/apex/PortalErrors.of').send({}).expect(404);
    });

    it('signs a customer up through the real Apex: JWT callout, user, Portal_Customer, frontdoor login', async () => {
        const signUp = (email: string, method = 'signUp') =>
            request(app)
                .post(`/_org/apex/PortalSignupController.${method}`)
                .send({
                    params: {
                        requestJson: JSON.stringify({
                            customerNumber: '10000002',
                            postalCode: '5300001',
                            firstName: 'Ichiro',
                            lastName: 'Tanaka',
                            email,
                            password: 'Portal-2026',
                            confirmPassword: 'Portal-2026',
                            language: 'ja'
                        })
                    }
                });
        await signUp('Ichiro@Example.jp').expect(200);
        // The user is created in a second transaction (MIXED_DML_OPERATION keeps it apart from the Account link).
        const res = await signUp('Ichiro@Example.jp', 'completeSignUp');
        expect(res.status).toBe(200);
        expect(res.body.result.loginUrl).toMatch(/^http:\/\/portal\.test\/_org\/frontdoor\?token=/);
        expect(calls[0]).toMatchObject({
            path: '/v1/billing-profiles',
            body: { customerNumber: '10000002', language: 'ja', address: { postalCode: '530-0001' } },
            claims: { iss: 'salesforce-portal', aud: 'portal-middleware' }
        });
        const [account] = await org.query(
            "SELECT WHMCS_Client_Id__c FROM Account WHERE Customer_Number__c = '10000002'"
        );
        expect(account.WHMCS_Client_Id__c).toBe('42');
        const again = await signUp('ichiro@example.jp').expect(400);
        expect(again.body.error).toEqual({
            message: 'SIGNUP_ALREADY_REGISTERED',
            exceptionType: 'System.AuraHandledException'
        });
        // Portal_Customer comes from the Queueable the sign-up enqueued, run after the request committed.
        await org.idle();
        const agent = request.agent(app);
        expect(await logIn(agent, 'ichiro@EXAMPLE.jp', 'Portal-2026')).toBe('/orders');
        const session = await agent.get('/_org/session').expect(200);
        expect(session.body.user).toMatchObject({ name: 'Ichiro Tanaka', isStaff: false });
        const catalog = await agent
            .post('/_org/apex/PortalCatalogController.getCatalog')
            .send({})
            .expect(200);
        const categories = (catalog.body.result as { category: string }[]).map((p) => p.category);
        expect(categories[0]).toBe('Internet');
        expect(categories).toContain('SIM');
        expect(await logIn(request.agent(app), 'ichiro@example.jp', 'wrong-2026')).toBe('LOGIN_FAILED');
    }, 60_000);

    it('keeps the internal login for staff', async () => {
        const staff = request.agent(app);
        await staff
            .post('/_org/login')
            .send({ username: STAFF_USER.username, password: STAFF_USER.password })
            .expect(200);
        const accounts = await staff.get('/_org/staff/accounts').expect(200);
        expect(accounts.body.accounts.length).toBeGreaterThan(0);
        await request(app)
            .post('/_org/login')
            .send({ username: STAFF_USER.username, password: 'nope' })
            .expect(401);
        await request(app).get('/_org/staff/accounts').expect(403);
    });
});

describe('permissions as shipped', () => {
    it('shows a permission missing from Portal_Customer or Portal_Guest as an error, not data', () => {
        const local = new ApexOrg({ forceAppDir, rootDir: repoRoot });
        const userId = local.addCustomerUser({
            customerNumber: '10000003',
            email: 'olivia@example.jp',
            password: 'Portal-2026',
            firstName: 'Olivia',
            lastName: 'Brown'
        });
        const customer = local.rt.project.permissionSets.get('portal_customer')!;
        customer.objectPermissions.delete('product2');
        const answer = local.callApex('PortalCatalogController.getCatalog', {}, userId);
        expect(answer).toEqual({
            status: 400,
            body: { error: { message: 'UNEXPECTED', exceptionType: 'System.AuraHandledException' } }
        });
        const guest = local.rt.project.permissionSets.get('portal_guest')!;
        guest.classAccesses.delete('portalsignupcontroller');
        expect(local.callApex('PortalSignupController.signUp', { requestJson: '{}' }, null)).toMatchObject({
            status: 403,
            body: { error: { exceptionType: 'System.NoAccessException' } }
        });
    }, 60_000);
});
