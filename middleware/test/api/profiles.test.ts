import { ADDRESS, KENTA, accountId } from '../helpers/fixtures';
import { startStack, type Stack } from '../helpers/stack';

/**
 * Salesforce sends the customer's address with every verification; a fresh one per call keeps the per-IP
 * limit out of the tests that are about the per-email one.
 */
let ipSeq = 0;
const nextIp = () => `198.51.${100 + Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;

let stack: Stack;
let n = 0;
const nextAccount = () => accountId(++n + 5000);

beforeAll(async () => {
    stack = await startStack();
});
afterAll(async () => {
    await stack.close();
});
beforeEach(() => {
    stack.sandbox.reset();
});

const calls = async () => (await stack.control('/_sandbox/calls')) as { action: string }[];

describe('POST /v1/billing-profiles', () => {
    const profile = (over: Record<string, unknown> = {}) => ({
        accountId: nextAccount(),
        customerNumber: '10000001',
        firstName: 'Hanako',
        lastName: 'Sato',
        email: 'hanako.sato@example.jp',
        phone: '+81-3-5555-0101',
        address: {
            line1: '1-2-3 Jingumae',
            city: 'Shibuya-ku',
            state: 'Tokyo',
            postalCode: '150-0001',
            country: 'JP'
        },
        language: 'ja',
        ...over
    });

    it('creates the client with the customer number and language; the same accountId again creates nothing', async () => {
        const body = profile();
        const first = await stack.post('/v1/billing-profiles', body);
        expect(first.status).toBe(201);
        expect(first.body).toEqual({ clientId: expect.any(Number), created: true });
        const state = await stack.state();
        const client = state.clients.find((c) => c.id === first.body.clientId) as unknown as Record<
            string,
            unknown
        >;
        expect(client).toMatchObject({
            email: 'hanako.sato@example.jp',
            language: 'japanese',
            postcode: '150-0001'
        });
        expect(client.customfields).toEqual({ 1: '10000001' });

        const before = (await stack.state()).clients.length;
        const again = await stack.post('/v1/billing-profiles', body);
        expect(again.status).toBe(200);
        expect(again.body).toEqual({ clientId: first.body.clientId, created: false });
        expect((await stack.state()).clients.length).toBe(before);
        expect((await calls()).filter((c) => c.action === 'AddClient')).toHaveLength(1);
    });

    it('concurrent calls for one account make one WHMCS client', async () => {
        const body = profile({ email: 'ichiro.tanaka@example.jp', customerNumber: '10000002' });
        const results = await Promise.all([1, 2, 3].map(() => stack.post('/v1/billing-profiles', body)));
        const ids = new Set(results.map((r) => r.body.clientId));
        expect(ids.size).toBe(1);
        for (const r of results) expect([200, 201]).toContain(r.status);
        const clients = (await stack.state()).clients.filter((c) => c.email === 'ichiro.tanaka@example.jp');
        expect(clients).toHaveLength(1);
    });

    it('language en → english; phone optional', async () => {
        const res = await stack.post(
            '/v1/billing-profiles',
            profile({ email: 'olivia.brown@example.com', language: 'en', phone: undefined })
        );
        expect(res.status).toBe(201);
        const client = (await stack.state()).clients.find(
            (c) => c.id === res.body.clientId
        ) as unknown as Record<string, unknown>;
        expect(client.language).toBe('english');
    });

    it('EMAIL_IN_USE when another WHMCS client has the email', async () => {
        const res = await stack.post('/v1/billing-profiles', profile({ email: 'Kenta.Suzuki@example.jp' }));
        expect(res.status).toBe(409);
        expect(res.body.error).toMatchObject({ code: 'EMAIL_IN_USE', retryable: false });
        expect((await calls()).filter((c) => c.action === 'AddClient')).toHaveLength(0);
    });

    it('adopts a client an interrupted earlier attempt created (same email and customer number)', async () => {
        const account = nextAccount();
        await stack.control('/_sandbox/faults', { action: 'AddClient', mode: 'drop_after_commit', times: 1 });
        const lost = await stack.post('/v1/billing-profiles', profile({ accountId: account }));
        expect(lost.status).toBe(503);
        const retry = await stack.post('/v1/billing-profiles', profile({ accountId: account }));
        expect(retry.status).toBe(200);
        expect(retry.body.created).toBe(false);
        const clients = (await stack.state()).clients.filter((c) => c.email === 'hanako.sato@example.jp');
        expect(clients).toHaveLength(1);
        expect(retry.body.clientId).toBe(clients[0].id);
    });

    it('a WHMCS refusal becomes 422 BILLING_REJECTED without the WHMCS text', async () => {
        await stack.control('/_sandbox/faults', {
            action: 'AddClient',
            mode: 'error',
            times: 1,
            message: 'Internal table tblclients is locked'
        });
        const res = await stack.post('/v1/billing-profiles', profile());
        expect(res.status).toBe(422);
        expect(res.body.error.code).toBe('BILLING_REJECTED');
        expect(JSON.stringify(res.body)).not.toMatch(/tblclients/);
    });

    it('validation: strict body, email, ids and language', async () => {
        const res = await stack.post(
            '/v1/billing-profiles',
            profile({ accountId: 'short', email: 'not-an-email', language: 'fr', isAdmin: true })
        );
        expect(res.status).toBe(400);
        const paths = res.body.error.details.issues.map((i: { path: string }) => i.path);
        expect(paths).toEqual(expect.arrayContaining(['accountId', 'email', 'language', '']));
    });
});

describe('POST /v1/migration/verify', () => {
    const PASSWORD = 'Suzuki-Whmcs-2026';

    it('answers the verified customer', async () => {
        const res = await stack.post('/v1/migration/verify', {
            email: 'kenta.suzuki@example.jp',
            password: PASSWORD,
            sourceIp: '198.51.100.7'
        });
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
            clientId: KENTA,
            customerNumber: '20000001',
            firstName: 'Kenta',
            lastName: 'Suzuki',
            email: 'kenta.suzuki@example.jp',
            address: ADDRESS
        });
        expect((await calls()).filter((c) => c.action === 'ValidateLogin')).toHaveLength(1);
    });

    it('the same 401 for a wrong password and an unknown email', async () => {
        const wrong = await stack.post('/v1/migration/verify', {
            sourceIp: nextIp(),
            email: 'emily.carter@example.com',
            password: 'nope-nope'
        });
        const unknown = await stack.post('/v1/migration/verify', {
            sourceIp: nextIp(),
            email: 'nobody@example.com',
            password: 'nope-nope'
        });
        expect(wrong.status).toBe(401);
        expect(unknown.status).toBe(401);
        expect(wrong.body.error).toEqual(unknown.body.error);
        expect(wrong.body.error.code).toBe('CREDENTIALS_INVALID');
    });

    it('CUSTOMER_NUMBER_MISSING when WHMCS has no customer number', async () => {
        const res = await stack.post('/v1/migration/verify', {
            sourceIp: nextIp(),
            email: 'noah.kimura@example.jp',
            password: 'Kimura-Whmcs-2026'
        });
        expect(res.status).toBe(422);
        expect(res.body.error.code).toBe('CUSTOMER_NUMBER_MISSING');
    });

    it('locks an email after 5 failures, without calling WHMCS, with Retry-After', async () => {
        const email = 'lock.me@example.com';
        for (let i = 0; i < 5; i++) {
            const r = await stack.post('/v1/migration/verify', {
                sourceIp: nextIp(),
                email,
                password: `wrong-${i}`
            });
            expect(r.status).toBe(401);
        }
        const before = (await calls()).length;
        const locked = await stack.post('/v1/migration/verify', {
            sourceIp: nextIp(),
            email: 'LOCK.ME@example.com',
            password: 'x'
        });
        expect(locked.status).toBe(429);
        expect(locked.body.error.code).toBe('VERIFICATION_LOCKED');
        expect(locked.body.error.retryable).toBe(true);
        const retryAfter = locked.body.error.details.retryAfterSeconds;
        expect(retryAfter).toBeGreaterThan(14 * 60);
        expect(retryAfter).toBeLessThanOrEqual(15 * 60);
        expect(locked.headers['retry-after']).toBe(String(retryAfter));
        expect((await calls()).length).toBe(before);
    });

    it('counts survive a restart (they live in the store)', async () => {
        const email = 'persist@example.com';
        for (let i = 0; i < 5; i++)
            await stack.post('/v1/migration/verify', { sourceIp: nextIp(), email, password: 'bad' });
        const restarted = await startStack({ sandbox: stack.sandbox, store: stack.store });
        try {
            const res = await restarted.post('/v1/migration/verify', {
                sourceIp: nextIp(),
                email,
                password: 'bad'
            });
            expect(res.status).toBe(429);
        } finally {
            await restarted.close();
        }
    });

    it('a success resets the email counter', async () => {
        const email = 'kenta.suzuki@example.jp';
        const verify = async (password: string) =>
            (await stack.post('/v1/migration/verify', { sourceIp: nextIp(), email, password })).status;
        for (let round = 0; round < 2; round++) {
            for (let i = 0; i < 4; i++) expect(await verify('bad')).toBe(401);
            expect(await verify(PASSWORD)).toBe(200);
        }
    });

    it('locks a source IP after its limit of failures across emails; other IPs are unaffected', async () => {
        // The default limit (20) is covered by the config test; a small one keeps this test quick.
        const ipStack = await startStack({
            sandbox: stack.sandbox,
            env: { VERIFY_MAX_FAILURES_PER_IP: '6' }
        });
        try {
            const sourceIp = '203.0.113.50';
            for (let i = 0; i < 6; i++) {
                const r = await ipStack.post('/v1/migration/verify', {
                    email: `ip-${i}@example.com`,
                    password: 'bad',
                    sourceIp
                });
                expect(r.status).toBe(401);
            }
            const locked = await ipStack.post('/v1/migration/verify', {
                email: 'kenta.suzuki@example.jp',
                password: PASSWORD,
                sourceIp
            });
            expect(locked.status).toBe(429);
            expect(locked.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
            const other = await ipStack.post('/v1/migration/verify', {
                email: 'kenta.suzuki@example.jp',
                password: PASSWORD,
                sourceIp: '203.0.113.51'
            });
            expect(other.status).toBe(200);
        } finally {
            await ipStack.close();
        }
    });

    it('lockout window and limits are configurable', async () => {
        const strict = await startStack({
            sandbox: stack.sandbox,
            env: { VERIFY_MAX_FAILURES_PER_EMAIL: '2', VERIFY_WINDOW_MINUTES: '1' }
        });
        try {
            const email = 'strict@example.com';
            await strict.post('/v1/migration/verify', { sourceIp: nextIp(), email, password: 'bad' });
            await strict.post('/v1/migration/verify', { sourceIp: nextIp(), email, password: 'bad' });
            const locked = await strict.post('/v1/migration/verify', {
                sourceIp: nextIp(),
                email,
                password: 'bad'
            });
            expect(locked.status).toBe(429);
            expect(locked.body.error.details.retryAfterSeconds).toBeLessThanOrEqual(60);
        } finally {
            await strict.close();
        }
    });

    it('WHMCS down → 503 and no failure counted', async () => {
        await stack.control('/_sandbox/faults', { action: 'ValidateLogin', mode: 'http500', times: 1 });
        const res = await stack.post('/v1/migration/verify', {
            sourceIp: nextIp(),
            email: 'down@example.com',
            password: 'x'
        });
        expect(res.status).toBe(503);
        expect(await stack.store.counters.failuresSince('email', 'down@example.com', new Date(0))).toEqual(
            []
        );
    });
});

describe('log hygiene', () => {
    it('no password, secret, token or SSO URL reaches the logs', async () => {
        const secretPassword = 'Sup3r-Secret-Pa55word!';
        await stack.post('/v1/migration/verify', {
            sourceIp: nextIp(),
            email: 'kenta.suzuki@example.jp',
            password: secretPassword
        });
        await stack.post('/v1/migration/verify', {
            sourceIp: nextIp(),
            email: 'kenta.suzuki@example.jp',
            password: 'Suzuki-Whmcs-2026'
        });
        await stack.control('/_sandbox/faults', { action: 'ValidateLogin', mode: 'http500', times: 1 });
        await stack.post('/v1/migration/verify', {
            sourceIp: nextIp(),
            email: 'kenta.suzuki@example.jp',
            password: secretPassword
        });
        const sso = await stack.post(`/v1/clients/${KENTA}/sso`, { destination: 'home' });
        const token = await stack.token();
        await stack.http.get('/v1/clients/1/address').set('authorization', `Bearer ${token}x`);

        const logs = stack.logs.join('\n');
        expect(logs.length).toBeGreaterThan(0);
        for (const forbidden of [
            secretPassword,
            'Suzuki-Whmcs-2026',
            stack.sandbox.secret,
            token,
            token.split('.')[2],
            sso.body.url,
            new URL(sso.body.url).searchParams.get('access_token') as string
        ]) {
            expect(logs).not.toContain(forbidden);
        }
        // Every line carries the request id when it belongs to a request.
        const requestLines = stack.logs.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
        expect(requestLines.length).toBeGreaterThan(0);
        for (const l of requestLines) expect(l.reqId).toEqual(expect.any(String));
    });
});
