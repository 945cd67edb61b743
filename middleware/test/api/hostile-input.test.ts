/**
 * Property-based hostile input: random JSON and near-valid mutations of every body schema never produce
 * a 500, and every rejection is 400 VALIDATION_FAILED with issue paths.
 */
import { brotliCompressSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { ADDRESS, KENTA, accountId, orderId, simLines } from '../helpers/fixtures';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let bearer: string;
beforeAll(async () => {
    stack = await startStack();
    bearer = await stack.token({ expiresIn: 3600 });
});
afterAll(async () => {
    await stack.close();
});

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const TARGETS: { name: string; method: 'post' | 'put'; path: string; valid: Json }[] = [
    {
        name: 'billing profile',
        method: 'post',
        path: '/v1/billing-profiles',
        valid: {
            accountId: accountId(900),
            customerNumber: '10000003',
            firstName: 'Olivia',
            lastName: 'Brown',
            email: 'olivia.fc@example.com',
            phone: '+81-3-5555-0103',
            address: { ...ADDRESS },
            language: 'en'
        }
    },
    {
        name: 'migration verify',
        method: 'post',
        path: '/v1/migration/verify',
        valid: { email: 'fc.person@example.com', password: 'not-the-password', sourceIp: '192.0.2.1' }
    },
    {
        name: 'address',
        method: 'put',
        path: `/v1/clients/${KENTA}/address`,
        valid: { address: { ...ADDRESS } }
    },
    {
        name: 'sso',
        method: 'post',
        path: `/v1/clients/${KENTA}/sso`,
        valid: { destination: 'invoice', invoiceId: 2 }
    },
    {
        name: 'sso invoice pdf',
        method: 'post',
        path: `/v1/clients/${KENTA}/sso`,
        valid: { destination: 'invoice-pdf', invoiceId: 2 }
    },
    {
        name: 'order check',
        method: 'post',
        path: '/v1/orders/check',
        valid: {
            clientId: KENTA,
            accountId: accountId(1),
            lines: simLines() as unknown as Json,
            installationAddress: { address: { ...ADDRESS }, confirmed: true },
            openOrderCategories: ['SIM']
        }
    },
    {
        name: 'provision',
        method: 'post',
        path: `/v1/orders/${orderId(9000)}/provision`,
        valid: { clientId: KENTA, accountId: accountId(1), lines: simLines() as unknown as Json }
    }
];

/** fetch keeps connections alive, which keeps a few hundred requests fast. */
async function send(
    method: 'post' | 'put' | 'get',
    path: string,
    raw?: string | Blob,
    headers: Record<string, string> = {}
) {
    const res = await fetch(`${stack.baseUrl}${path}`, {
        method: method.toUpperCase(),
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', ...headers },
        body: raw
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function expectSaneAnswer(res: { status: number; body: Record<string, unknown> }) {
    expect([200, 201, 400, 401, 404, 409, 413, 415, 422, 429, 503]).toContain(res.status);
    if (res.status >= 400) {
        const error = res.body.error as { code: string; details?: { issues?: unknown } };
        expect(typeof error.code).toBe('string');
        expect(typeof res.body.requestId).toBe('string');
        if (res.status === 400) {
            expect(error.code).toBe('VALIDATION_FAILED');
            const issues = error.details?.issues as { path: unknown; message: unknown }[];
            expect(Array.isArray(issues)).toBe(true);
            expect(issues.length).toBeGreaterThan(0);
            for (const i of issues) {
                expect(typeof i.path).toBe('string');
                expect(typeof i.message).toBe('string');
            }
        }
    }
}

/** Every path to a value inside a JSON document. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
    const out: (string | number)[][] = [prefix];
    if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
    else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
    }
    return out;
}

type Mutation =
    | { kind: 'drop'; pick: number }
    | { kind: 'replace'; pick: number; value: Json }
    | { kind: 'add'; pick: number; key: string; value: Json };

function mutate(doc: Json, m: Mutation): Json {
    const copy = structuredClone(doc) as Json;
    const all = paths(copy);
    const path = all[m.pick % all.length];
    if (path.length === 0) {
        if (m.kind === 'replace') return m.value;
        if (m.kind === 'add' && copy && typeof copy === 'object' && !Array.isArray(copy)) {
            Object.defineProperty(copy, m.key, {
                value: m.value,
                enumerable: true,
                writable: true,
                configurable: true
            });
        }
        return copy;
    }
    const parent = path.slice(0, -1).reduce<Json>((node, key) => (node as Record<string, Json>)[key], copy);
    const last = path[path.length - 1];
    const container = parent as Record<string | number, Json>;
    if (m.kind === 'drop') {
        if (Array.isArray(parent)) parent.splice(Number(last), 1);
        else delete container[last];
    } else if (m.kind === 'replace') {
        container[last] = m.value;
    } else {
        const target = container[last];
        if (target && typeof target === 'object' && !Array.isArray(target)) {
            Object.defineProperty(target, m.key, {
                value: m.value,
                enumerable: true,
                writable: true,
                configurable: true
            });
        } else {
            container[last] = m.value;
        }
    }
    return copy;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }),
    fc.record({
        kind: fc.constant('replace' as const),
        pick: fc.nat(),
        value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>
    }),
    fc.record({
        kind: fc.constant('add' as const),
        pick: fc.nat(),
        key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'prototype')),
        value: fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Json>
    })
);

describe.each(TARGETS)('$name body', ({ method, path, valid }) => {
    it('random JSON values are rejected as VALIDATION_FAILED, never 500', async () => {
        await fc.assert(
            fc.asyncProperty(fc.jsonValue({ maxDepth: 2 }), async (value) => {
                const res = await send(method, path, JSON.stringify(value));
                expectSaneAnswer(res);
                expect(res.status).toBe(400);
            }),
            { numRuns: 50 }
        );
    });

    it('near-valid mutations never produce a 500', async () => {
        await fc.assert(
            fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), async (mutations) => {
                const body = mutations.reduce<Json>((doc, m) => mutate(doc, m), valid);
                const res = await send(method, path, JSON.stringify(body));
                expectSaneAnswer(res);
            }),
            { numRuns: 50 }
        );
    });
});

describe('compressed bodies', () => {
    const bodies = (valid: Json): [string, string | Blob][] => {
        const text = JSON.stringify(valid);
        return [
            ['gzip', text], // plain JSON labelled gzip: the case that reached zlib and answered 500
            ['br', text],
            ['gzip', new Blob([gzipSync(text)])], // really compressed: still refused, Salesforce never compresses
            ['br', new Blob([brotliCompressSync(text)])],
            ['deflate', 'garbage'],
            ['gzip, br', text]
        ];
    };
    it.each(TARGETS)('$name: 415 UNSUPPORTED_MEDIA_TYPE for every Content-Encoding, never 500', async (t) => {
        for (const [encoding, raw] of bodies(t.valid)) {
            const res = await send(t.method, t.path, raw, { 'content-encoding': encoding });
            expectSaneAnswer(res);
            expect(res.status).toBe(415);
            expect(res.body.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', retryable: false });
        }
        expect(stack.logs.join('\n')).not.toMatch(/zlib|unhandled error/i);
    });
});

describe('Salesforce Id spellings', () => {
    const ids = fc.oneof(
        fc.stringMatching(/^[A-Za-z0-9]{15}$/),
        fc.stringMatching(/^[A-Za-z0-9]{18}$/),
        fc.stringMatching(/^[A-Za-z0-9]{0,20}$/),
        fc.constantFrom('801000000000050', '801000000000050AAA', '801000000000050aaa', '801A00000000050AAA')
    );
    it('orderId and accountId in any spelling: never 500; a mangled suffix is 400 naming the Id', async () => {
        await fc.assert(
            fc.asyncProperty(ids, ids, async (order, account) => {
                const res = await send(
                    'post',
                    `/v1/orders/${order}/provision`,
                    JSON.stringify({
                        clientId: 999_999, // unknown client: nothing is ordered, whatever the Ids
                        accountId: account,
                        lines: simLines()
                    })
                );
                expectSaneAnswer(res);
                expect([400, 404]).toContain(res.status);
            }),
            { numRuns: 60 }
        );
    });
});

describe('paged list query strings', () => {
    it.each(['invoices', 'subscriptions'])('%s: never 500; rejections name a query path', async (list) => {
        const key = fc.constantFrom('status', 'page', 'pageSize', 'sort', '__proto__');
        const value = fc.oneof(
            fc.string({ maxLength: 8 }),
            fc.integer().map(String),
            fc.constantFrom('Unpaid', 'Payment Pending', '1e9', '-0', '0x10', ' 2', '9007199254740993')
        );
        await fc.assert(
            fc.asyncProperty(fc.array(fc.tuple(key, value), { maxLength: 4 }), async (pairs) => {
                const qs = new URLSearchParams(pairs).toString();
                const res = await send('get', `/v1/clients/${KENTA}/${list}?${qs}`);
                expectSaneAnswer(res);
                if (res.status === 400) {
                    const error = res.body.error as { details: { issues: { path: string }[] } };
                    for (const i of error.details.issues) expect(i.path).toMatch(/^query/);
                }
            }),
            { numRuns: 60 }
        );
    });
});
