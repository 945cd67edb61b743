import { mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, base64url } from 'jose';
import { createStore } from '../../src/store';
import { newKeyPair, signToken, TEST_AUDIENCE, TEST_ISSUER } from '../helpers/keys';
import { startStack, testKeys, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
    stack = await startStack();
});
afterAll(async () => {
    await stack.close();
});

const PATH = '/v1/clients/1/address';

function expectUnauthenticated(res: {
    status: number;
    body: { error: { code: string; details?: unknown } };
}) {
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
    expect(res.body.error.details).toBeUndefined();
}

describe('unauthenticated matrix', () => {
    it('no token', async () => {
        expectUnauthenticated(await stack.http.get(PATH));
    });

    it('malformed header and token', async () => {
        for (const header of [
            'Bearer',
            'Bearer abc',
            'Basic dXNlcjpwYXNz',
            'Bearer a.b',
            'bearer x.y.z',
            'Bearer ...'
        ]) {
            expectUnauthenticated(await stack.http.get(PATH).set('authorization', header));
        }
    });

    it('expired (beyond the clock skew)', async () => {
        const token = await stack.token({ expiresIn: -120 });
        expectUnauthenticated(await stack.http.get(PATH).set('authorization', `Bearer ${token}`));
    });

    it('accepts a token expired within the clock skew', async () => {
        const token = await stack.token({ expiresIn: -5 });
        const res = await stack.http.get(PATH).set('authorization', `Bearer ${token}`);
        expect(res.status).toBe(200);
    });

    it('a token valid for longer than the allowed lifetime', async () => {
        const token = await stack.token({ expiresIn: 2 * 3600 });
        expectUnauthenticated(await stack.http.get(PATH).set('authorization', `Bearer ${token}`));
    });

    it('issued in the future beyond the clock skew (iat 10 minutes ahead)', async () => {
        const token = await stack.token({ issuedIn: 600, expiresIn: 900 });
        expectUnauthenticated(await stack.http.get(PATH).set('authorization', `Bearer ${token}`));
        expect(stack.logs.some((l) => l.includes('"reason":"ERR_JWT_CLAIM_VALIDATION_FAILED"'))).toBe(true);
    });

    it('accepts iat ahead within the clock skew (clocks differ a little)', async () => {
        const token = await stack.token({ issuedIn: 10 });
        expect((await stack.http.get(PATH).set('authorization', `Bearer ${token}`)).status).toBe(200);
    });

    it('without exp', async () => {
        const token = await stack.token({ omitExp: true });
        expectUnauthenticated(await stack.http.get(PATH).set('authorization', `Bearer ${token}`));
    });

    it('wrong audience and wrong issuer', async () => {
        const a = await stack.token({ audience: 'someone-else' });
        expectUnauthenticated(await stack.http.get(PATH).set('authorization', `Bearer ${a}`));
        const i = await stack.token({ issuer: 'evil' });
        expectUnauthenticated(await stack.http.get(PATH).set('authorization', `Bearer ${i}`));
    });

    it('signed by an unknown key', async () => {
        const other = await newKeyPair();
        const token = await signToken(other.privateKey);
        expectUnauthenticated(await stack.http.get(PATH).set('authorization', `Bearer ${token}`));
    });

    it('alg none', async () => {
        const now = Math.floor(Date.now() / 1000);
        const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
        const payload = base64url.encode(
            JSON.stringify({ iss: TEST_ISSUER, aud: TEST_AUDIENCE, exp: now + 300, iat: now })
        );
        expectUnauthenticated(
            await stack.http.get(PATH).set('authorization', `Bearer ${header}.${payload}.`)
        );
    });

    it('tampered payload', async () => {
        const token = await stack.token();
        const [h, , s] = token.split('.');
        const now = Math.floor(Date.now() / 1000);
        const forged = base64url.encode(
            JSON.stringify({ iss: TEST_ISSUER, aud: TEST_AUDIENCE, exp: now + 3600, iat: now, sub: 'admin' })
        );
        expectUnauthenticated(await stack.http.get(PATH).set('authorization', `Bearer ${h}.${forged}.${s}`));
    });

    it('HS256 signed with the public key as the secret', async () => {
        const keys = await testKeys();
        const token = await new SignJWT({})
            .setProtectedHeader({ alg: 'HS256' })
            .setIssuer(TEST_ISSUER)
            .setAudience(TEST_AUDIENCE)
            .setExpirationTime('5m')
            .sign(new TextEncoder().encode(keys.publicPem));
        expectUnauthenticated(await stack.http.get(PATH).set('authorization', `Bearer ${token}`));
    });

    it('every /v1 route needs a token, including unknown ones', async () => {
        const routes: [string, string][] = [
            ['post', '/v1/billing-profiles'],
            ['post', '/v1/migration/verify'],
            ['get', '/v1/clients/1/address'],
            ['put', '/v1/clients/1/address'],
            ['get', '/v1/clients/1/payment-methods'],
            ['delete', '/v1/clients/1/payment-methods/1'],
            ['post', '/v1/clients/1/payment-methods/1/default'],
            ['get', '/v1/clients/1/invoices'],
            ['get', '/v1/clients/1/invoices/1'],
            ['get', '/v1/clients/1/subscriptions'],
            ['post', '/v1/clients/1/sso'],
            ['post', '/v1/orders/check'],
            ['post', '/v1/orders/801000000000001AAA/provision'],
            ['get', '/v1/orders/801000000000001AAA/provisioning'],
            ['get', '/v1/nothing-here']
        ];
        for (const [method, path] of routes) {
            const res = await (stack.http as unknown as Record<string, (p: string) => Promise<never>>)[
                method
            ](path);
            expectUnauthenticated(res);
        }
    });

    it('accepts a valid token from any configured key (rotation)', async () => {
        const second = await newKeyPair();
        const keys = await testKeys();
        const rotated = await startStack({
            sandbox: stack.sandbox,
            env: { JWT_PUBLIC_KEYS: `${keys.publicPem}\n${second.publicPem}` }
        });
        try {
            const token = await signToken(second.privateKey);
            const res = await rotated.http.get(PATH).set('authorization', `Bearer ${token}`);
            expect(res.status).toBe(200);
        } finally {
            await rotated.close();
        }
    });
});

describe('platform', () => {
    it('/healthz and /readyz', async () => {
        expect((await stack.http.get('/healthz')).body).toEqual({ status: 'ok' });
        const ready = await stack.http.get('/readyz');
        expect(ready.status).toBe(200);
        expect(ready.body).toEqual({ status: 'ready', checks: { store: 'ok', whmcs: 'ok' } });
    });

    it('/readyz answers 503 naming WHMCS when it does not answer', async () => {
        await stack.control('/_sandbox/faults', { action: 'GetClients', mode: 'timeout', times: 1 });
        const res = await stack.http.get('/readyz');
        expect(res.status).toBe(503);
        expect(res.body).toEqual({ status: 'not_ready', checks: { store: 'ok', whmcs: 'fail' } });
    });

    it.each([
        ['deleted', (path: string) => unlinkSync(path)],
        ['overwritten with garbage', (path: string) => writeFileSync(path, 'not a database '.repeat(300))],
        ['replaced by another file', (path: string) => renameSync(`${path}.other`, path)]
    ])('/readyz answers 503 naming the store once the SQLite file is %s', async (_what, damage) => {
        const dir = mkdtempSync(join(tmpdir(), 'mw-ready-'));
        const path = join(dir, 'middleware.db');
        const other = await createStore({ databasePath: `${path}.other` });
        await other.close();
        const store = await createStore({ databasePath: path });
        const fileStack = await startStack({ sandbox: stack.sandbox, store });
        try {
            expect((await fileStack.http.get('/readyz')).status).toBe(200);
            damage(path);
            const res = await fileStack.http.get('/readyz');
            expect(res.status).toBe(503);
            expect(res.body).toEqual({ status: 'not_ready', checks: { store: 'fail', whmcs: 'ok' } });
        } finally {
            await fileStack.close();
            await store.close();
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it('echoes a sane X-Request-Id and replaces an unsafe one', async () => {
        const ok = await stack.http.get('/healthz').set('x-request-id', 'abc-123_X.y');
        expect(ok.headers['x-request-id']).toBe('abc-123_X.y');
        const bad = await stack.http.get('/healthz').set('x-request-id', 'bad id <script>');
        expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
        const long = await stack.http.get('/healthz').set('x-request-id', 'a'.repeat(65));
        expect(long.headers['x-request-id']).not.toBe('a'.repeat(65));
        const err = await stack.http.get(PATH).set('x-request-id', 'trace-1');
        expect(err.body.requestId).toBe('trace-1');
    });

    it('sets security headers', async () => {
        const res = await stack.http.get('/healthz');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['strict-transport-security']).toBeDefined();
        expect(res.headers['x-powered-by']).toBeUndefined();
    });

    it('413 PAYLOAD_TOO_LARGE over 64 KiB', async () => {
        const big = { email: 'a@example.com', password: 'x'.repeat(70 * 1024) };
        const res = await stack.post('/v1/migration/verify', big);
        expect(res.status).toBe(413);
        expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
        expect(res.headers['x-request-id']).toBeDefined();
    });

    it.each(['gzip', 'br', 'deflate', 'x-unknown'])(
        'a JSON body sent with Content-Encoding: %s → 415 UNSUPPORTED_MEDIA_TYPE, never 500, no zlib error logged',
        async (encoding) => {
            const token = await stack.token();
            const logsBefore = stack.logs.length;
            const res = await stack.http
                .post('/v1/migration/verify')
                .set('authorization', `Bearer ${token}`)
                .set('content-type', 'application/json')
                .set('content-encoding', encoding)
                .send(JSON.stringify({ email: 'a@example.com', password: 'x', sourceIp: '192.0.2.1' }));
            expect(res.status).toBe(415);
            expect(res.body.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', retryable: false });
            const logged = stack.logs.slice(logsBefore).join('\n');
            expect(logged).not.toMatch(/zlib|incorrect header|Decompression|"level":50/i);
        }
    );

    it('malformed JSON → 400 VALIDATION_FAILED', async () => {
        const token = await stack.token();
        const res = await stack.http
            .post('/v1/migration/verify')
            .set('authorization', `Bearer ${token}`)
            .set('content-type', 'application/json')
            .send('{"email": "a@example.com", ');
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        expect(res.body.error.message).not.toMatch(/Unexpected|at position|stack/i);
    });

    it('unknown keys are rejected with paths', async () => {
        const res = await stack.post('/v1/migration/verify', {
            email: 'a@example.com',
            password: 'x',
            admin: true
        });
        expect(res.status).toBe(400);
        expect(res.body.error.details.issues).toEqual(
            expect.arrayContaining([expect.objectContaining({ path: expect.any(String) })])
        );
    });

    it('unknown route → 404 NOT_FOUND envelope', async () => {
        const res = await stack.get('/v1/nothing-here');
        expect(res.status).toBe(404);
        expect(res.body).toEqual({
            error: { code: 'NOT_FOUND', message: expect.any(String), retryable: false },
            requestId: expect.any(String)
        });
    });
});
