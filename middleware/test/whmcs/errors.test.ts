import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
    createWhmcsClient,
    WhmcsAuthError,
    WhmcsBusinessError,
    WhmcsError,
    WhmcsTransportError,
    WhmcsUnknownActionError
} from '../../src/whmcs';
import { CREDS, fixture, scriptedFetch } from './helpers';

// The node project's testTimeout is not applied per project by Jest 29; set it here.
jest.setTimeout(20_000);

type ErrorFixture = Record<string, { status: number; body: Record<string, unknown> }>;
const errors = fixture<ErrorFixture>('errors.json');

function client(fetchImpl: typeof fetch, extra: { timeoutMs?: number; readRetries?: number } = {}) {
    return createWhmcsClient({
        baseUrl: 'http://whmcs.test',
        ...CREDS,
        fetchImpl,
        retryBaseDelayMs: 1,
        ...extra
    });
}

async function failure(p: Promise<unknown>): Promise<WhmcsError> {
    try {
        await p;
    } catch (err) {
        expect(err).toBeInstanceOf(WhmcsError);
        return err as WhmcsError;
    }
    throw new Error('expected a rejection');
}

describe('error classification', () => {
    it.each([
        ['auth', 'auth', 'Authentication Failed'],
        ['ip', 'ip', 'Invalid IP 203.0.113.7'],
        ['permission', 'permission', 'Invalid Permissions: API action "getinvoices" is not allowed']
    ])('403 %s → WhmcsAuthError kind %s', async (key, kind, message) => {
        const fake = scriptedFetch(errors[key]);
        const err = await failure(client(fake.fetchImpl).getInvoices());
        expect(err).toBeInstanceOf(WhmcsAuthError);
        expect(err).toMatchObject({ kind, message, httpStatus: 403, action: 'GetInvoices' });
        expect(fake.calls).toHaveLength(1); // never retried
    });

    it('Authentication Failed is an auth error even with HTTP 200', async () => {
        const err = await failure(
            client(
                scriptedFetch({ status: 200, body: { result: 'error', message: 'Authentication Failed' } })
                    .fetchImpl
            ).getInvoices()
        );
        expect(err).toBeInstanceOf(WhmcsAuthError);
        expect(err.kind).toBe('auth');
    });

    it('Command Not Found → WhmcsUnknownActionError', async () => {
        const err = await failure(client(scriptedFetch(errors.unknownAction).fetchImpl).call('GetNothing'));
        expect(err).toBeInstanceOf(WhmcsUnknownActionError);
        expect(err).toMatchObject({ kind: 'unknown_action', httpStatus: 200, action: 'GetNothing' });
    });

    it('200 + result:error → WhmcsBusinessError with WHMCS text', async () => {
        const fake = scriptedFetch(errors.business);
        const err = await failure(client(fake.fetchImpl).getClientsDetails({ clientId: 99 }));
        expect(err).toBeInstanceOf(WhmcsBusinessError);
        expect(err).toMatchObject({ kind: 'business', message: 'Client Not Found', httpStatus: 200 });
        expect(fake.calls).toHaveLength(1);
    });

    it('status:error (GetEmails outlier) and warning-only bodies are business errors', async () => {
        const a = await failure(client(scriptedFetch(errors.statusKey).fetchImpl).call('GetEmails'));
        expect(a).toMatchObject({ kind: 'business', message: 'Email Template Not Found' });
        const b = await failure(client(scriptedFetch(errors.warningOnly).fetchImpl).call('AddPayMethod'));
        expect(b).toMatchObject({ kind: 'business', message: 'Credit card details could not be stored' });
    });

    it('HTML body (WAF / maintenance) → transport non_json with the status', async () => {
        const err = await failure(
            client(scriptedFetch({ status: 200, text: '<html><body>Maintenance</body></html>' }).fetchImpl, {
                readRetries: 0
            }).getInvoices()
        );
        expect(err).toBeInstanceOf(WhmcsTransportError);
        expect(err).toMatchObject({ kind: 'transport', reason: 'non_json', httpStatus: 200 });
        const blocked = await failure(
            client(scriptedFetch({ status: 403, text: '' }).fetchImpl).getInvoices()
        );
        expect(blocked).toMatchObject({ kind: 'transport', reason: 'non_json', httpStatus: 403 });
    });

    it('HTTP 500 (JSON or not) → transport http_status', async () => {
        for (const reply of [
            { status: 500, text: '<h1>Internal Server Error</h1>' },
            { status: 502, body: { result: 'error', message: 'Bad gateway' } }
        ]) {
            const err = await failure(
                client(scriptedFetch(reply).fetchImpl, { readRetries: 0 }).getInvoices()
            );
            expect(err).toMatchObject({ kind: 'transport', reason: 'http_status', httpStatus: reply.status });
        }
    });

    it('connection failure → transport connection, no HTTP status', async () => {
        const reset = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
        const err = await failure(client(scriptedFetch(reset).fetchImpl, { readRetries: 0 }).getInvoices());
        expect(err).toMatchObject({ kind: 'transport', reason: 'connection', httpStatus: null });
        expect(err.message).toContain('ECONNRESET');
    });
});

describe('over real sockets', () => {
    let server: http.Server;
    let base: string;
    let mode: 'reset' | 'hang' | 'ok' | 'cut' | 'redirect' = 'ok';
    let hits = 0;
    let connections = 0;

    beforeAll(async () => {
        server = http.createServer((req, res) => {
            hits++;
            req.resume();
            if (mode === 'reset') req.socket.destroy();
            else if (mode === 'cut') {
                res.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' });
                res.write('{"result":"success",');
                setTimeout(() => req.socket.destroy(), 20);
            } else if (mode === 'redirect') {
                res.writeHead(302, { location: '/elsewhere' });
                res.end();
            } else if (mode === 'ok') {
                res.writeHead(200, { 'content-type': 'application/json' });
                res.end('{"result":"success","totalresults":0,"invoices":""}');
            }
            // 'hang': never answer
        });
        server.on('connection', () => connections++);
        await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
        base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
    });
    beforeEach(() => {
        hits = 0;
    });

    const real = (extra: { timeoutMs?: number; readRetries?: number } = {}) =>
        createWhmcsClient({ baseUrl: base, ...CREDS, retryBaseDelayMs: 1, ...extra });

    it('a reset connection → transport connection; reads retried, writes not', async () => {
        mode = 'reset';
        const read = await failure(real({ readRetries: 2 }).getInvoices());
        expect(read).toMatchObject({ kind: 'transport', reason: 'connection' });
        expect(hits).toBe(3);
        hits = 0;
        await failure(
            real({ readRetries: 2 }).addInvoicePayment({ invoiceId: 1, transId: 't', gateway: 'testcard' })
        );
        expect(hits).toBe(1);
    });

    it('no answer within timeoutMs → transport timeout', async () => {
        mode = 'hang';
        const started = Date.now();
        const err = await failure(real({ timeoutMs: 150, readRetries: 0 }).getInvoices());
        expect(err).toMatchObject({ kind: 'transport', reason: 'timeout', httpStatus: null });
        expect(Date.now() - started).toBeLessThan(2000);
    });

    it('answers normally, on kept-alive connections', async () => {
        mode = 'ok';
        const c = real();
        const before = connections;
        for (let i = 0; i < 12; i++) {
            await expect(c.getInvoices()).resolves.toEqual({ total: 0, startNumber: 0, invoices: [] });
        }
        // Not one per call: a connection is reused a full event-loop turn after its answer (undici's guard
        // against servers closing one they said they would keep), so a call sent sooner may open another.
        expect(connections - before).toBeLessThanOrEqual(3);
    });

    it('a connection cut in the middle of the answer → transport connection; a write is not sent again', async () => {
        mode = 'cut';
        const write = await failure(
            real({ readRetries: 2 }).addInvoicePayment({ invoiceId: 1, transId: 't', gateway: 'testcard' })
        );
        expect(write).toMatchObject({ kind: 'transport', reason: 'connection', httpStatus: 200 });
        expect(hits).toBe(1);
    });

    it('sends credentials in the URL as Basic authentication, and never the URL itself', async () => {
        mode = 'ok';
        const seen: (string | undefined)[] = [];
        const listener = (req: http.IncomingMessage) => seen.push(req.headers.authorization);
        server.on('request', listener);
        try {
            const url = new URL(base);
            url.username = 'gate';
            url.password = 'p@ss word';
            await createWhmcsClient({ baseUrl: url.toString(), ...CREDS }).getInvoices();
            await real().getInvoices();
        } finally {
            server.off('request', listener);
        }
        expect(seen).toEqual([`Basic ${Buffer.from('gate:p@ss word').toString('base64')}`, undefined]);
    });

    it('a redirect is not followed', async () => {
        mode = 'redirect';
        const err = await failure(real({ readRetries: 0 }).getInvoices());
        expect(err).toMatchObject({ kind: 'transport', reason: 'non_json', httpStatus: 302 });
        expect(hits).toBe(1);
    });

    it('nothing listening → transport connection, with the socket error', async () => {
        const closed = http.createServer();
        await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
        const port = (closed.address() as AddressInfo).port;
        await new Promise((r) => closed.close(r));
        const c = createWhmcsClient({ baseUrl: `http://127.0.0.1:${port}`, ...CREDS, readRetries: 0 });
        const err = await failure(c.getInvoices());
        expect(err).toMatchObject({ kind: 'transport', reason: 'connection', httpStatus: null });
        expect(err.message).toBe('Could not reach WHMCS: ECONNREFUSED');
    });
});

describe('retry policy', () => {
    const transient = [
        { status: 500, text: 'oops' },
        Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }),
        { status: 200, text: '<html>' }
    ];

    it('reads are retried on transport errors with backoff, then succeed', async () => {
        const fake = scriptedFetch(...transient, { body: fixture('getinvoices.json') });
        const r = await client(fake.fetchImpl, { readRetries: 3 }).getInvoices();
        expect(r.invoices).toHaveLength(2);
        expect(fake.calls).toHaveLength(4);
    });

    it('reads give up after readRetries extra attempts', async () => {
        const fake = scriptedFetch({ status: 503, text: 'down' });
        await failure(client(fake.fetchImpl, { readRetries: 2 }).getClientsDetails({ clientId: 1 }));
        expect(fake.calls).toHaveLength(3);
    });

    it('reads are not retried on business, auth or unknown-action errors', async () => {
        for (const reply of [errors.business, errors.auth, errors.unknownAction, errors.permission]) {
            const fake = scriptedFetch(reply);
            await failure(client(fake.fetchImpl, { readRetries: 3 }).getInvoices());
            expect(fake.calls).toHaveLength(1);
        }
    });

    it.each([
        [
            'addClient',
            (c: ReturnType<typeof client>) =>
                c.addClient({
                    firstName: 'a',
                    lastName: 'b',
                    email: 'a@b.jp',
                    address: { line1: 'x', city: 'c', state: 's', postalCode: '1', country: 'JP' }
                })
        ],
        ['updateClient', (c: ReturnType<typeof client>) => c.updateClient({ clientId: 1, firstName: 'x' })],
        [
            'addOrder',
            (c: ReturnType<typeof client>) =>
                c.addOrder({
                    clientId: 1,
                    paymentMethod: 'testcard',
                    items: [{ productId: 101, billingCycle: 'monthly' }]
                })
        ],
        ['acceptOrder', (c: ReturnType<typeof client>) => c.acceptOrder({ orderId: 1 })],
        ['pendingOrder', (c: ReturnType<typeof client>) => c.pendingOrder({ orderId: 1 })],
        ['cancelOrder', (c: ReturnType<typeof client>) => c.cancelOrder({ orderId: 1 })],
        [
            'addPayMethod',
            (c: ReturnType<typeof client>) => c.addPayMethod({ clientId: 1, cardNumber: '4242424242424242' })
        ],
        [
            'addInvoicePayment',
            (c: ReturnType<typeof client>) =>
                c.addInvoicePayment({ invoiceId: 1, transId: 't', gateway: 'g' })
        ],
        ['createSsoToken', (c: ReturnType<typeof client>) => c.createSsoToken({ clientId: 1 })],
        [
            'validateLogin',
            (c: ReturnType<typeof client>) => c.validateLogin({ email: 'a@b.c', password: 'p' })
        ]
    ])('write %s is never retried', async (_name, run) => {
        for (const reply of transient) {
            const fake = scriptedFetch(reply);
            await failure(run(client(fake.fetchImpl, { readRetries: 5 })));
            expect(fake.calls).toHaveLength(1);
        }
    });

    it('raw call() of an unknown action is treated as a write', async () => {
        const fake = scriptedFetch({ status: 500, text: 'x' });
        await failure(client(fake.fetchImpl, { readRetries: 3 }).call('SomethingNew'));
        expect(fake.calls).toHaveLength(1);
    });

    it('backoff waits between attempts (jittered, bounded)', async () => {
        const fake = scriptedFetch({ status: 500, text: 'x' });
        const c = createWhmcsClient({
            baseUrl: 'http://whmcs.test',
            ...CREDS,
            fetchImpl: fake.fetchImpl,
            readRetries: 2,
            retryBaseDelayMs: 40
        });
        const started = Date.now();
        await failure(c.getInvoices());
        // At most 40 + 80 ms of sleep in total (full jitter).
        expect(Date.now() - started).toBeLessThan(1000);
        expect(fake.calls).toHaveLength(3);
    });
});
