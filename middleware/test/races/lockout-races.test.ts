/**
 * Races 3 and 4 of issue 13, against the sandbox over HTTP: concurrent guesses cannot get more than the
 * limit (5 per email per window) to WHMCS ValidateLogin, and another spelling of an address is the same
 * address for the per-IP limit.
 */
import { startStack, type Stack } from '../helpers/stack';
import { STORE_BACKENDS, type StoreBackend } from '../helpers/stores';

jest.setTimeout(30_000);

const KENTA_EMAIL = 'kenta.suzuki@example.jp';
const KENTA_PASSWORD = 'Suzuki-Whmcs-2026';

describe.each(STORE_BACKENDS)('verification lockout races on $name', (backend: StoreBackend) => {
    let stack: Stack;
    beforeAll(async () => {
        stack = await startStack({
            store: await backend.open(),
            env: { VERIFY_MAX_FAILURES_PER_IP: '3' },
            // ValidateLogin hashes the password: a burst of them must not time out on a busy machine.
            whmcsTimeoutMs: 10_000
        });
    });
    afterAll(async () => {
        await stack.close();
        await stack.store.close();
    });
    beforeEach(async () => {
        stack.sandbox.reset();
        await stack.store.db.deleteFrom('verification_failures').execute();
    });

    const verify = (email: string, password: string, sourceIp?: string) =>
        stack.post('/v1/migration/verify', { email, password, ...(sourceIp ? { sourceIp } : {}) });
    const validateLoginCalls = async () =>
        ((await stack.control('/_sandbox/calls')) as { action: string }[]).filter(
            (c) => c.action === 'ValidateLogin'
        ).length;

    it.each([12, 40])(
        'race 3: %i concurrent wrong guesses reach ValidateLogin at most 5 times; then even the right password is locked out',
        async (n) => {
            await stack.control('/_sandbox/latency', { ms: 150 }); // every guess overlaps the others
            // From as many addresses as guesses: the per-IP limit is not what stops them.
            const results = await Promise.all(
                Array.from({ length: n }, (_, i) => verify(KENTA_EMAIL, `guess-${i}`, `192.0.2.${i + 1}`))
            );
            await stack.control('/_sandbox/latency', { ms: 0 });

            const statuses = results.map((r) => r.status);
            expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
            expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(n - 5);
            expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
            expect(await validateLoginCalls()).toBeLessThanOrEqual(5);
            for (const r of results.filter((x) => x.status === 429)) {
                expect(r.body.error.code).toBe('VERIFICATION_LOCKED');
                expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
            }
            // The bypass was that the right password, sent in the burst, got through: now it is locked.
            const right = await verify(KENTA_EMAIL, KENTA_PASSWORD, '192.0.2.200');
            expect(right.status).toBe(429);
            expect(await validateLoginCalls()).toBeLessThanOrEqual(5);
        }
    );

    it('race 4: an IPv4 address written as IPv4-mapped IPv6 is the same address', async () => {
        for (let i = 0; i < 3; i++) {
            expect((await verify(`ip4-${i}@example.jp`, 'bad', '10.2.2.2')).status).toBe(401);
        }
        const mapped = await verify('ip4-x@example.jp', 'bad', '::ffff:10.2.2.2');
        expect(mapped.status).toBe(429);
        expect((await verify('ip4-y@example.jp', 'bad', '::FFFF:0a02:0202')).status).toBe(429);
        expect((await verify('ip4-z@example.jp', 'bad', '10.2.2.3')).status).toBe(401);
        expect(await validateLoginCalls()).toBe(4);
    });

    it('race 4: IPv6 addresses count by their /64', async () => {
        for (let i = 1; i <= 3; i++) {
            expect((await verify(`ip6-${i}@example.jp`, 'bad', `2001:db8:0:1::${i}`)).status).toBe(401);
        }
        expect((await verify('ip6-x@example.jp', 'bad', '2001:db8:0:1:ffff:1:2:3')).status).toBe(429);
        expect((await verify('ip6-y@example.jp', 'bad', '2001:db8:0:2::1')).status).toBe(401);
    });

    it('race 4: sourceIp is required and must be an address', async () => {
        const missing = await verify(KENTA_EMAIL, KENTA_PASSWORD);
        expect(missing.status).toBe(400);
        expect(missing.body.error.code).toBe('VALIDATION_FAILED');
        expect(JSON.stringify(missing.body.error.details)).toContain('sourceIp');
        const bad = await verify(KENTA_EMAIL, KENTA_PASSWORD, 'not-an-ip');
        expect(bad.status).toBe(400);
        expect(await validateLoginCalls()).toBe(0);
    });
});
