// `npm run bench:middleware [-- --n 30]` (`-- --vs-bare`: against a bare proxy, see vsBare.ts): WHMCS calls and latency of the middleware routes on a customer's
// hot path. Starts the WHMCS sandbox and the middleware in-process (loopback, random ports, in-memory
// databases, a fresh RSA key pair), resets the sandbox once, then for each route counts the WHMCS API calls
// it made (GET /_sandbox/calls before and after) and times it: median and p95 over N sequential requests for
// reads, one request for writes. The reads run once more with 50 ms added to every WHMCS answer, which shows
// what each WHMCS round trip costs. Calls the middleware sends together (they reach the sandbox less than
// 50 ms apart, before any of them can have been answered) are one round trip: the `trips` column counts
// round trips in series, and the actions column joins calls sent together with `+` (sorted, since they
// may arrive in any order). Never prints tokens, passwords or SSO URLs.
import { performance } from 'node:perf_hooks';
import { SEED_PASSWORDS } from '../../middleware/sandbox/db';
import { startSandbox, type RunningSandbox } from '../../middleware/sandbox/index';
import { loadConfig } from '../../middleware/src/config';
import { createLogger } from '../../middleware/src/http/logger';
import { startMiddleware, type RunningMiddleware } from '../../middleware/src/server';
import { newKeyPair, signToken } from '../../middleware/test/helpers/keys';
import { percentile } from './stats';
import { runVsBare } from './vsBare';

const TIME_LIMIT_MS = 55_000;
const ADDED_LATENCY_MS = 50;
const KENTA_EMAIL = 'kenta.suzuki@example.jp';
const KENTA_ACCOUNT_ID = '001BENCH0000000001';
const NEW_ACCOUNT_ID = '001BENCH0000000002';
const SIM_ORDER_ID = '801BENCH0000000001';

type Method = 'GET' | 'POST' | 'PUT';
type Json = Record<string, unknown>;

interface Answer {
    status: number;
    body: Json;
    ms: number;
}

interface Row {
    route: string;
    calls: number;
    /** Set when the calls of the repeated requests differ from the first one's. */
    callsVaried?: boolean;
    actions: string[];
    times: number[];
    /** A read: timed over N requests (the first one, which counts the calls, is not timed). */
    repeated?: boolean;
    result: string;
    /** Latency of one request with ADDED_LATENCY_MS on every WHMCS answer (reads only). */
    slowMs?: number;
    /** The calls of that request in round trips: each inner list was sent together (reads only). */
    trips?: string[][];
}

interface Call {
    at: string;
    action: string;
}

interface SandboxState {
    clients: { id: number; email: string }[];
    services: { id: number; userid: number; status: string }[];
    invoices: { id: number; userid: number; status: string }[];
    payMethods?: { id: number; userid: number }[];
}

function parseN(argv: string[]): number {
    let raw: string | undefined;
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === '--n') raw = argv[i + 1];
        else if (argv[i].startsWith('--n=')) raw = argv[i].slice(4);
    }
    if (raw === undefined) return 30;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 1000) {
        throw new Error(`--n must be a whole number from 1 to 1000 (got ${JSON.stringify(raw)})`);
    }
    return n;
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Calls in round trips, with every WHMCS answer delayed by `latencyMs`: a call that arrives less than that
 * after the first call of the current trip was sent before that call could be answered, so it went along.
 */
function roundTrips(calls: Call[], latencyMs: number): string[][] {
    const trips: { start: number; actions: string[] }[] = [];
    for (const call of [...calls].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
        const at = Date.parse(call.at);
        const last = trips.at(-1);
        if (last && at - last.start < latencyMs) last.actions.push(call.action);
        else trips.push({ start: at, actions: [call.action] });
    }
    return trips.map((t) => t.actions.sort());
}

function assertLoopback(url: string): void {
    const host = new URL(url).hostname;
    if (host !== '127.0.0.1' && host !== '[::1]' && host !== 'localhost') {
        throw new Error(`refusing a non-loopback URL (${host})`);
    }
}

function isoDaysFromNow(days: number): string {
    return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The one-word outcome of an answer: never the body itself (it may hold an SSO URL). */
function describe(answer: Answer): string {
    const error = answer.body.error as Json | undefined;
    if (error && typeof error.code === 'string') return `${answer.status} ${error.code}`;
    const b = answer.body;
    if ('url' in b) return `${answer.status} url: <redacted>`;
    if (typeof b.outcome === 'string') return `${answer.status} ${b.outcome}`;
    if (typeof b.created === 'boolean') return `${answer.status} created=${String(b.created)}`;
    if (typeof b.ok === 'boolean') {
        const codes = ((b.violations as { code: string }[] | undefined) ?? []).map((v) => v.code);
        return `${answer.status} ${b.ok ? 'ok' : codes.join(',')}`;
    }
    if (typeof b.state === 'string') return `${answer.status} ${b.state}`;
    return String(answer.status);
}

async function main(): Promise<void> {
    const n = parseN(process.argv.slice(2));
    const started = performance.now();
    const guard = setTimeout(() => {
        console.error(`bench: still running after ${TIME_LIMIT_MS / 1000} s; giving up`);
        process.exit(1);
    }, TIME_LIMIT_MS);
    guard.unref();

    const keys = await newKeyPair();
    const bearer = await signToken(keys.privateKey);
    let sandbox: RunningSandbox | undefined;
    let middleware: RunningMiddleware | undefined;
    try {
        sandbox = await startSandbox({ port: 0, dbPath: ':memory:' });
        middleware = await startMiddleware(
            loadConfig({
                PORT: '0',
                HOST: '127.0.0.1',
                DATABASE_PATH: ':memory:',
                WHMCS_API_URL: sandbox.url,
                WHMCS_API_IDENTIFIER: sandbox.identifier,
                WHMCS_API_SECRET: sandbox.secret,
                JWT_PUBLIC_KEYS: keys.publicPem,
                LOG_LEVEL: 'silent'
            }),
            { logger: createLogger('silent') }
        );
        assertLoopback(sandbox.url);
        assertLoopback(middleware.url);
        const sandboxUrl = sandbox.url;
        const middlewareUrl = middleware.url;

        const control = async <T>(path: string, body?: unknown): Promise<T> => {
            const res = await fetch(`${sandboxUrl}${path}`, {
                method: body === undefined ? 'GET' : 'POST',
                headers: { 'content-type': 'application/json' },
                body: body === undefined ? undefined : JSON.stringify(body)
            });
            if (!res.ok) throw new Error(`sandbox ${path}: HTTP ${res.status}`);
            return (await res.json()) as T;
        };
        const callCount = async () => (await control<Call[]>('/_sandbox/calls')).length;
        const callsSince = async (from: number) => (await control<Call[]>('/_sandbox/calls')).slice(from);
        const actionsSince = async (from: number) => (await callsSince(from)).map((c) => c.action);

        const api = async (method: Method, path: string, body?: unknown): Promise<Answer> => {
            const headers: Record<string, string> = { authorization: `Bearer ${bearer}` };
            if (body !== undefined) headers['content-type'] = 'application/json';
            const t0 = performance.now();
            const res = await fetch(`${middlewareUrl}${path}`, {
                method,
                headers,
                body: body === undefined ? undefined : JSON.stringify(body)
            });
            const text = await res.text();
            const ms = performance.now() - t0;
            let parsed: Json = {};
            try {
                parsed = text ? (JSON.parse(text) as Json) : {};
            } catch {
                parsed = {};
            }
            return { status: res.status, body: parsed, ms };
        };

        await control('/_sandbox/reset', {});
        const state = await control<SandboxState>('/_sandbox/state');
        const kenta = state.clients.find((c) => c.email === KENTA_EMAIL);
        if (!kenta) throw new Error(`seed client ${KENTA_EMAIL} not found in the sandbox state`);
        const clientId = kenta.id;
        const ownInvoices = state.invoices.filter((i) => i.userid === clientId);
        const invoice = ownInvoices.find((i) => i.status === 'Unpaid') ?? ownInvoices[0];
        if (!invoice) throw new Error('the seed client has no invoice');
        const serviceCount = state.services.filter((s) => s.userid === clientId).length;
        const cardCount = (state.payMethods ?? []).filter((p) => p.userid === clientId).length;

        const rows: Row[] = [];
        const unexpected: string[] = [];

        /** One request, with its WHMCS calls. */
        const once = async (route: string, expect: number, method: Method, path: string, body?: unknown) => {
            const before = await callCount();
            const answer = await api(method, path, body);
            const actions = await actionsSince(before);
            if (answer.status !== expect)
                unexpected.push(`${route}: HTTP ${answer.status}, expected ${expect}`);
            const row: Row = {
                route,
                calls: actions.length,
                actions,
                times: [answer.ms],
                result: describe(answer)
            };
            rows.push(row);
            return { answer, row };
        };

        /** A read: one request for the WHMCS calls, then N timed ones; `slow` re-runs it at +50 ms later. */
        const reads: { row: Row; method: Method; path: string; body?: unknown }[] = [];
        const read = async (route: string, method: Method, path: string, body?: unknown) => {
            const { answer, row } = await once(route, 200, method, path, body);
            const before = await callCount();
            const times: number[] = [];
            for (let i = 0; i < n; i++) {
                const a = await api(method, path, body);
                if (a.status !== answer.status)
                    unexpected.push(`${route}: HTTP ${a.status} on repeat ${i + 1}`);
                times.push(a.ms);
            }
            row.callsVaried = (await callCount()) - before !== n * row.calls;
            row.times = times;
            row.repeated = true;
            reads.push({ row, method, path, body });
            return answer;
        };

        const benchAddress = {
            line1: '1-2-3 Shibuya',
            line2: 'Bench Bldg 4F',
            city: 'Shibuya-ku',
            state: 'Tokyo',
            postalCode: '150-0002',
            country: 'JP'
        };
        const profile = {
            accountId: NEW_ACCOUNT_ID,
            customerNumber: '39000001',
            firstName: 'Bench',
            lastName: 'Customer',
            email: 'bench.customer@example.jp',
            phone: '090-1111-2222',
            address: benchAddress,
            language: 'en'
        };
        const simLines = [
            {
                lineId: 'L1',
                productCode: 'SIM-VOICE-20GB',
                name: 'SIM Voice 20 GB',
                category: 'SIM',
                itemType: 'Plan',
                whmcsProductId: 202,
                billingCycle: 'monthly',
                unitPrice: '2480.00',
                quantity: 1,
                orderable: true,
                details: {
                    mnp: {
                        reservationNumber: '1234567890',
                        expiresOn: isoDaysFromNow(30),
                        phoneNumber: '090-1234-5678',
                        holderName: 'Kenta Suzuki'
                    }
                }
            },
            {
                lineId: 'L2',
                productCode: 'SIM-ACTIVATION',
                name: 'SIM activation fee',
                category: 'SIM',
                itemType: 'ActivationFee',
                whmcsProductId: 211,
                billingCycle: 'onetime',
                unitPrice: '3300.00',
                quantity: 1,
                orderable: true
            }
        ];
        const internetLines = [
            {
                lineId: 'L1',
                productCode: 'INT-FIBER-10G',
                name: 'Fiber 10 Gbps',
                category: 'Internet',
                itemType: 'Plan',
                whmcsProductId: 102,
                billingCycle: 'monthly',
                unitPrice: '6980.00',
                quantity: 1,
                orderable: true
            },
            {
                lineId: 'L2',
                productCode: 'INT-INSTALL-STANDARD',
                name: 'Standard installation',
                category: 'Internet',
                itemType: 'Installation',
                whmcsProductId: 111,
                billingCycle: 'onetime',
                unitPrice: '19800.00',
                quantity: 1,
                orderable: true
            }
        ];
        const c = `/v1/clients/${clientId}`;

        await once('POST billing-profiles (create)', 201, 'POST', '/v1/billing-profiles', profile);
        await once('POST billing-profiles (repeat)', 200, 'POST', '/v1/billing-profiles', profile);
        await once('POST migration/verify (ok)', 200, 'POST', '/v1/migration/verify', {
            email: KENTA_EMAIL,
            password: SEED_PASSWORDS.kenta,
            sourceIp: '127.0.0.1'
        });
        await once('POST migration/verify (bad pw)', 401, 'POST', '/v1/migration/verify', {
            email: KENTA_EMAIL,
            password: 'not-the-password',
            sourceIp: '127.0.0.1'
        });
        const address = await read('GET address', 'GET', `${c}/address`);
        await once('PUT address', 200, 'PUT', `${c}/address`, { address: address.body.address });
        await read('GET payment-methods', 'GET', `${c}/payment-methods`);
        await read('GET invoices?page=1', 'GET', `${c}/invoices?page=1&pageSize=10`);
        await read(`GET invoices/${invoice.id}`, 'GET', `${c}/invoices/${invoice.id}`);
        await read('GET subscriptions', 'GET', `${c}/subscriptions`);
        await once('POST sso (invoice)', 200, 'POST', `${c}/sso`, {
            destination: 'invoice',
            invoiceId: invoice.id
        });
        await once('POST sso (add-payment-method)', 200, 'POST', `${c}/sso`, {
            destination: 'add-payment-method'
        });
        await read('POST orders/check (SIM+MNP)', 'POST', '/v1/orders/check', {
            clientId,
            accountId: KENTA_ACCOUNT_ID,
            lines: simLines
        });
        await read('POST orders/check (Internet)', 'POST', '/v1/orders/check', {
            clientId,
            accountId: KENTA_ACCOUNT_ID,
            lines: internetLines,
            installationAddress: { address: benchAddress, confirmed: true }
        });
        const provision = { clientId, accountId: KENTA_ACCOUNT_ID, lines: simLines };
        await once('POST provision (first)', 200, 'POST', `/v1/orders/${SIM_ORDER_ID}/provision`, provision);
        await once('POST provision (repeat)', 200, 'POST', `/v1/orders/${SIM_ORDER_ID}/provision`, provision);
        await read('GET provisioning trace', 'GET', `/v1/orders/${SIM_ORDER_ID}/provisioning`);

        // The reads again, once each, with every WHMCS answer delayed.
        await control('/_sandbox/latency', { ms: ADDED_LATENCY_MS });
        for (const r of reads) {
            const before = await callCount();
            r.row.slowMs = (await api(r.method, r.path, r.body)).ms;
            r.row.trips = roundTrips(await callsSince(before), ADDED_LATENCY_MS);
        }
        await control('/_sandbox/latency', { ms: 0 });

        const wall = (performance.now() - started) / 1000;
        printTable(rows, n);
        const requests = rows.reduce((sum, r) => sum + (r.repeated ? r.times.length + 1 : 1), 0);
        const totalCalls = rows.reduce((sum, r) => sum + r.calls, 0);
        console.log(
            `total: ${rows.length} routes, ${totalCalls} WHMCS calls for one pass of each, ` +
                `${requests + reads.length} requests, ${wall.toFixed(1)} s ` +
                `(client ${clientId}: ${serviceCount} services, ${ownInvoices.length} invoices, ` +
                `${cardCount} pay methods; reads N=${n})`
        );
        if (unexpected.length > 0) {
            console.error(`unexpected answers:\n  ${unexpected.join('\n  ')}`);
            process.exitCode = 1;
        }
    } finally {
        await middleware?.close();
        await sandbox?.close();
        clearTimeout(guard);
    }
}

function printTable(rows: Row[], n: number): void {
    const fmt = (ms: number) => ms.toFixed(1);
    const header = [
        'route',
        'WHMCS',
        'trips',
        'actions',
        'median ms',
        'p95 ms',
        `+${ADDED_LATENCY_MS}ms/answer`,
        'result'
    ];
    const lines = rows.map((r) => {
        const single = !r.repeated;
        const base = median(r.times);
        let slow = '-';
        const trips = r.trips?.length;
        if (r.slowMs !== undefined) {
            slow = trips
                ? `${fmt(r.slowMs)} (+${fmt((r.slowMs - base) / trips)}/trip)`
                : `${fmt(r.slowMs)} (no call)`;
        }
        const actions = r.trips ? r.trips.map((t) => t.join('+')) : r.actions;
        return [
            r.route,
            `${r.calls}${r.callsVaried ? '~' : ''}`,
            trips === undefined ? '-' : String(trips),
            actions.length ? actions.join(',') : '-',
            single ? `${fmt(r.times[0])} (1x)` : fmt(base),
            single ? '-' : fmt(percentile(r.times, 95)),
            slow,
            r.result
        ];
    });
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
    const show = (cells: string[]) =>
        cells
            .map((cell, i) =>
                i === 1 || i === 2 || i === 4 || i === 5 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])
            )
            .join('  ')
            .trimEnd();
    console.log(`reads: median/p95 over ${n} sequential requests; writes: one request (1x)`);
    console.log(
        `trips: WHMCS round trips in series, from the +${ADDED_LATENCY_MS} ms run (reads only); ` +
            `calls sent together are joined with '+'`
    );
    console.log(show(header));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const l of lines) console.log(show(l));
}

(process.argv.includes('--vs-bare') ? runVsBare(process.argv.slice(2)) : main()).catch((err: unknown) => {
    console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
});
