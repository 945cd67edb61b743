/**
 * The customer read routes send the client check (GetClientsDetails) and their reads to WHMCS together,
 * and still answer exactly as when the client was read first: an unknown client is 404 whatever the reads
 * did, and when both fail the client check's failure is the answer.
 */
import { ADDRESS, KENTA, accountId, internetLines, simLines } from '../helpers/fixtures';
import { startStack, type Stack } from '../helpers/stack';

const UNKNOWN = 99999;
/** Added to every WHMCS answer in the concurrency test; the WHMCS timeout is well above it. */
const LATENCY_MS = 1000;

let stack: Stack;
let kentaInvoice: number;
beforeAll(async () => {
    // No client taken as known: these are the reads of a client not confirmed lately.
    stack = await startStack({ whmcsTimeoutMs: 4 * LATENCY_MS, env: { KNOWN_CLIENT_TTL_SECONDS: '0' } });
    stack.sandbox.reset();
    // An invoice without payments: payments add a gateway-name read (cached, after GetInvoice), not one of these.
    kentaInvoice = (await stack.state()).invoices.find(
        (i) => i.userid === KENTA && (i as { status?: string }).status === 'Unpaid'
    )!.id;
});
afterAll(async () => {
    await stack.close();
});
beforeEach(() => {
    stack.sandbox.reset();
});

interface ReadRoute {
    name: string;
    /** The WHMCS reads sent with GetClientsDetails, in the order the route takes their outcomes. */
    reads: string[];
    call(clientId: number): ReturnType<Stack['get']>;
}

const ROUTES: ReadRoute[] = [
    {
        name: 'GET payment-methods',
        reads: ['GetPayMethods'],
        call: (id) => stack.get(`/v1/clients/${id}/payment-methods`)
    },
    {
        name: 'GET invoices',
        reads: ['GetInvoices'],
        call: (id) => stack.get(`/v1/clients/${id}/invoices?page=1&pageSize=10`)
    },
    {
        name: 'GET invoices/{id} (an invoice of Kenta)',
        reads: ['GetInvoice'],
        call: (id) => stack.get(`/v1/clients/${id}/invoices/${kentaInvoice}`)
    },
    {
        name: 'GET subscriptions',
        reads: ['GetClientsProducts'],
        call: (id) => stack.get(`/v1/clients/${id}/subscriptions`)
    },
    {
        name: 'POST orders/check (SIM)',
        reads: ['GetPayMethods'],
        call: (clientId) =>
            stack.post('/v1/orders/check', { clientId, accountId: accountId(1), lines: simLines() })
    },
    {
        name: 'POST orders/check (Internet)',
        reads: ['GetPayMethods', 'GetClientsProducts'],
        call: (clientId) =>
            stack.post('/v1/orders/check', {
                clientId,
                accountId: accountId(1),
                lines: internetLines(),
                installationAddress: { address: ADDRESS, confirmed: true }
            })
    }
];

type Call = { at: string; action: string };
const calls = async () => (await stack.control('/_sandbox/calls')) as Call[];
type FaultMode = 'error' | 'http500';
const fault = (action: string, mode: FaultMode) =>
    stack.control('/_sandbox/faults', { action, mode, times: 1 });

/** Makes the next call of each action fail that way, asks the route for Kenta: [status, error code]. */
async function failWith(route: ReadRoute, faults: [string, FaultMode][]): Promise<[number, unknown]> {
    for (const [action, mode] of faults) await fault(action, mode);
    const res = await route.call(KENTA);
    return [res.status, res.body.error?.code];
}
const failing = (actions: string[], mode: FaultMode) => actions.map((a): [string, FaultMode] => [a, mode]);

/** The answer every client route gives an unknown client (GET address reads nothing else). */
async function unknownClientError(): Promise<unknown> {
    const res = await stack.get(`/v1/clients/${UNKNOWN}/address`);
    expect(res.status).toBe(404);
    return res.body.error;
}

/**
 * The calls made since `from`, once all of `actions` are among them. After an early 404 a read sent with
 * the client check may still be on its way to the sandbox, so this asks again (a bounded number of times).
 */
async function callsIncluding(from: number, actions: string[]): Promise<string[]> {
    for (let i = 0; ; i++) {
        const seen = (await calls()).slice(from).map((c) => c.action);
        if (actions.every((a) => seen.includes(a)) || i === 250) return seen;
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
}

describe.each(ROUTES)('$name', (route) => {
    it('unknown client → the same 404 as every client route', async () => {
        const expected = await unknownClientError();
        const res = await route.call(UNKNOWN);
        expect(res.status).toBe(404);
        expect(res.body.error).toEqual(expected);
    });

    it.each([
        ['error', 422, 'BILLING_REJECTED'],
        ['http500', 503, 'BILLING_UNAVAILABLE']
    ] as const)(
        'a read failing with %s: unknown client → still 404; a known client → %i as before',
        async (mode, status, code) => {
            const expected = await unknownClientError();
            const from = (await calls()).length;
            for (const read of route.reads) await fault(read, mode);
            const res = await route.call(UNKNOWN);
            expect(res.status).toBe(404);
            expect(res.body.error).toEqual(expected);
            // The faulted reads were really sent (and failed) alongside the client check.
            expect((await callsIncluding(from, route.reads)).sort()).toEqual(
                ['GetClientsDetails', ...route.reads].sort()
            );

            stack.sandbox.reset();
            expect(await failWith(route, failing(route.reads, mode))).toEqual([status, code]);
        }
    );

    it.each([
        ['http500', 'error', 503, 'BILLING_UNAVAILABLE'],
        ['error', 'http500', 422, 'BILLING_REJECTED']
    ] as const)(
        'the client check failing with %s and the reads with %s → the client check’s answer (%i)',
        async (clientMode, readMode, status, code) => {
            const faults = [...failing(['GetClientsDetails'], clientMode), ...failing(route.reads, readMode)];
            expect(await failWith(route, faults)).toEqual([status, code]);
        }
    );

    it('sends the reads before WHMCS has answered the client check', async () => {
        await stack.control('/_sandbox/latency', { ms: LATENCY_MS });
        const from = (await calls()).length;
        const res = await route.call(KENTA);
        expect(res.status).toBe(200);
        const made = (await calls()).slice(from);
        expect(made.map((c) => c.action).sort()).toEqual(['GetClientsDetails', ...route.reads].sort());
        // The sandbox logs a call when it arrives and answers it LATENCY_MS later. A read sent only after
        // the client check's answer would arrive at least LATENCY_MS after it; these all arrived while
        // every one of them was still unanswered.
        const arrivals = made.map((c) => Date.parse(c.at));
        expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(LATENCY_MS);
    });
});

it('orders/check (Internet) with both reads failing differently → the first read’s answer, every time', async () => {
    const internet = ROUTES.find((r) => r.reads.length === 2)!;
    for (let i = 0; i < 3; i++) {
        stack.sandbox.reset();
        const first: [string, FaultMode][] = [
            ['GetPayMethods', 'error'],
            ['GetClientsProducts', 'http500']
        ];
        expect(await failWith(internet, first)).toEqual([422, 'BILLING_REJECTED']);
        stack.sandbox.reset();
        const swapped: [string, FaultMode][] = [
            ['GetPayMethods', 'http500'],
            ['GetClientsProducts', 'error']
        ];
        expect(await failWith(internet, swapped)).toEqual([503, 'BILLING_UNAVAILABLE']);
    }
});
