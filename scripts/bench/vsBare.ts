// `npm run bench:middleware -- --vs-bare [--duration 2] [--rounds 3] [--concurrency 8]`: the middleware's
// read routes against a bare node:http proxy (bareProxy.ts) making the same WHMCS calls. The WHMCS sandbox,
// the middleware (as `npm run middleware` runs it, logging at info to /dev/null) and the bare proxy each run
// in a child process, so each one's CPU is its own (/proc/<pid>/stat). The calls are learnt first: an
// in-process middleware talks to the sandbox through a recorder, and the bare proxy replays that steady-state
// request's form bodies in the same round trips. Then, per route, both are loaded for the same duration in
// alternating rounds (after a warm-up), with 0 and 50 ms added to every WHMCS answer. The middleware runs from
// its production build (`npm run build`, made first). Loopback only; never prints tokens or WHMCS credentials.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../middleware/src/config';
import { createLogger } from '../../middleware/src/http/logger';
import { startMiddleware } from '../../middleware/src/server';
import { newKeyPair, signToken } from '../../middleware/test/helpers/keys';
import { buildMiddleware, MIDDLEWARE_BUNDLE } from '../build/middleware';
import type { BarePlan } from './bareProxy';
import { percentile } from './stats';

const REPO = path.resolve(__dirname, '..', '..');
const LATENCIES_MS = [0, 50];
const WARMUP_MS = 500;
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

interface Options {
    durationMs: number;
    rounds: number;
    concurrency: number;
    /** Only the routes whose name contains this. */
    route?: string;
    /** Where the middleware and bare children write V8 CPU profiles (`--cpu-prof`) when they stop. */
    profileDir?: string;
}

function stringFlag(argv: string[], name: string): string | undefined {
    const at = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (at < 0) return undefined;
    const raw = argv[at].includes('=') ? argv[at].slice(argv[at].indexOf('=') + 1) : argv[at + 1];
    if (!raw || raw.startsWith('--')) throw new Error(`--${name} needs a value`);
    return raw;
}

function numberFlag(argv: string[], name: string, fallback: number, min: number, max: number): number {
    const raw = stringFlag(argv, name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || value > max) {
        throw new Error(`--${name} must be a number from ${min} to ${max} (got ${JSON.stringify(raw)})`);
    }
    return value;
}

export function parseOptions(argv: string[]): Options {
    return {
        durationMs: numberFlag(argv, 'duration', 2, 0.2, 60) * 1000,
        rounds: Math.round(numberFlag(argv, 'rounds', 3, 1, 20)),
        concurrency: Math.round(numberFlag(argv, 'concurrency', 8, 1, 256)),
        route: stringFlag(argv, 'route'),
        profileDir: stringFlag(argv, 'profile')
    };
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const probe = net.createServer();
        probe.once('error', reject);
        probe.listen(0, '127.0.0.1', () => {
            const { port } = probe.address() as net.AddressInfo;
            probe.close(() => resolve(port));
        });
    });
}

// Every thread's run time in nanoseconds (schedstat) where the kernel keeps it: the 10 ms ticks of
// /proc/<pid>/stat come to a tenth of a low-rate round's CPU. Node's threads live as long as the process.
const SCHEDSTAT = fs.existsSync('/proc/self/schedstat');

function cpuMs(pid: number): number {
    if (!SCHEDSTAT) {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // utime and stime, fields 14 and 15 of the record (the 12th and 13th after the command name).
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
    }
    let ns = 0;
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
        try {
            ns += Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
        } catch {
            // A thread that ended after the listing: not one of Node's own, which last as long as the process.
        }
    }
    return ns / 1e6;
}

/** `--cpu-prof` into <profile dir>/<side>, or nothing when not profiling. */
function profileArgs(options: Options, side: 'middleware' | 'bare'): string[] {
    return options.profileDir
        ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.profileDir, side)}`]
        : [];
}

/**
 * Starts `node <script>` (a built .js file, with source maps as `npm run middleware` has them) or
 * `node --import tsx <script>` with stdout to /dev/null; resolves once `port` accepts connections.
 */
async function startChild(
    script: string,
    port: number,
    env: Record<string, string>,
    nodeArgs: string[] = []
): Promise<ChildProcess> {
    const devNull = fs.openSync('/dev/null', 'w');
    const entry = script.endsWith('.js') ? ['--enable-source-maps', script] : ['--import', 'tsx', script];
    const child = spawn(process.execPath, [...nodeArgs, ...entry], {
        cwd: REPO,
        env: { ...process.env, ...env },
        stdio: ['ignore', devNull, 'pipe']
    });
    fs.closeSync(devNull);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`${script} exited: ${stderr.trim().split('\n')[0]}`);
        const up = await new Promise<boolean>((resolve) => {
            const socket = net.connect(port, '127.0.0.1', () => {
                socket.end();
                resolve(true);
            });
            socket.on('error', () => resolve(false));
        });
        if (up) return child;
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill();
    throw new Error(`${script} did not listen on ${port} within 60 s`);
}

function stopChild(child: ChildProcess | undefined): Promise<void> {
    if (!child || child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
    });
}

async function sandboxControl<T>(url: string, route: string, body?: unknown): Promise<T> {
    const res = await fetch(`${url}${route}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body)
    });
    if (!res.ok) throw new Error(`sandbox ${route}: HTTP ${res.status}`);
    return (await res.json()) as T;
}

interface Recorded {
    start: number;
    end: number;
    body: string;
}

/** Calls overlapping in time went together: one round trip. */
function roundTrips(calls: Recorded[]): string[][] {
    const trips: { end: number; bodies: string[] }[] = [];
    for (const call of [...calls].sort((a, b) => a.start - b.start)) {
        const last = trips.at(-1);
        if (last && call.start < last.end) {
            last.bodies.push(call.body);
            last.end = Math.max(last.end, call.end);
        } else trips.push({ end: call.end, bodies: [call.body] });
    }
    return trips.map((t) => t.bodies);
}

/**
 * The WHMCS calls of each path in steady state (the third request: caches warm), recorded by a proxy between
 * an in-process middleware and the sandbox.
 */
export async function learnCalls(
    sandboxUrl: string,
    env: Record<string, string>,
    bearer: string,
    paths: string[]
): Promise<Record<string, string[][]>> {
    const target = new URL(sandboxUrl);
    let recorded: Recorded[] = [];
    const recorder = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
            const body = Buffer.concat(chunks);
            const call: Recorded = { start: performance.now(), end: Infinity, body: body.toString('utf8') };
            recorded.push(call);
            const forward = http.request(
                {
                    host: target.hostname,
                    port: target.port,
                    path: req.url,
                    method: req.method,
                    headers: { ...req.headers, host: target.host }
                },
                (answer) => {
                    const parts: Buffer[] = [];
                    answer.on('data', (chunk: Buffer) => parts.push(chunk));
                    answer.on('end', () => {
                        call.end = performance.now();
                        res.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(parts));
                    });
                }
            );
            forward.on('error', () => res.writeHead(502).end());
            forward.end(body);
        });
    });
    await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
    const recorderUrl = `http://127.0.0.1:${(recorder.address() as net.AddressInfo).port}`;
    const middleware = await startMiddleware(
        loadConfig({ ...env, PORT: '0', WHMCS_API_URL: recorderUrl, LOG_LEVEL: 'silent' }),
        { logger: createLogger('silent') }
    );
    try {
        const plan: Record<string, string[][]> = {};
        for (const p of paths) {
            for (let i = 0; i < 3; i++) {
                recorded = [];
                const res = await fetch(`${middleware.url}${p}`, {
                    headers: { authorization: `Bearer ${bearer}` }
                });
                await res.arrayBuffer();
                if (res.status !== 200)
                    throw new Error(`GET ${p}: HTTP ${res.status} while learning its calls`);
            }
            plan[p] = roundTrips(recorded);
        }
        return plan;
    } finally {
        await middleware.close();
        await new Promise<void>((resolve) => recorder.close(() => resolve()));
    }
}

interface Window {
    latencies: number[];
    errors: number;
    ms: number;
    cpuMs: number;
    sandboxCpuMs: number;
}

async function loadWindow(
    url: string,
    headers: Record<string, string>,
    options: Options,
    durationMs: number,
    pids: { server: number; sandbox: number }
): Promise<Window> {
    const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
    const latencies: number[] = [];
    let errors = 0;
    const one = () =>
        new Promise<void>((resolve) => {
            const t0 = performance.now();
            const req = http.get(url, { agent, headers }, (res) => {
                res.resume();
                res.on('end', () => {
                    if (res.statusCode === 200) latencies.push(performance.now() - t0);
                    else errors += 1;
                    resolve();
                });
            });
            req.on('error', () => {
                errors += 1;
                resolve();
            });
        });
    const cpu0 = cpuMs(pids.server);
    const sandbox0 = cpuMs(pids.sandbox);
    const start = performance.now();
    const deadline = start + durationMs;
    await Promise.all(
        Array.from({ length: options.concurrency }, async () => {
            while (performance.now() < deadline) await one();
        })
    );
    const ms = performance.now() - start;
    agent.destroy();
    return {
        latencies,
        errors,
        ms,
        cpuMs: cpuMs(pids.server) - cpu0,
        sandboxCpuMs: cpuMs(pids.sandbox) - sandbox0
    };
}

interface Totals {
    rps: number;
    p50: number;
    p99: number;
    cpuPerReq: number;
    sandboxCpuPerReq: number;
    errors: number;
}

function totals(windows: Window[]): Totals {
    const latencies = windows.flatMap((w) => w.latencies);
    const ms = windows.reduce((sum, w) => sum + w.ms, 0);
    const n = Math.max(1, latencies.length);
    return {
        rps: (latencies.length * 1000) / ms,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        cpuPerReq: windows.reduce((sum, w) => sum + w.cpuMs, 0) / n,
        sandboxCpuPerReq: windows.reduce((sum, w) => sum + w.sandboxCpuMs, 0) / n,
        errors: windows.reduce((sum, w) => sum + w.errors, 0)
    };
}

function printTable(title: string, rows: string[][]): void {
    const header = [
        'route',
        'WHMCS calls',
        'req/s mw | bare | ×',
        'p50 ms mw | bare',
        'p99 ms mw | bare',
        'CPU ms/req mw | bare | ×',
        'sandbox CPU ms/req mw | bare'
    ];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const show = (cells: string[]) => cells.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i])));
    console.log(`\n${title}`);
    console.log(show(header).join('  '));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const r of rows) console.log(show(r).join('  '));
}

export async function runVsBare(argv: string[]): Promise<void> {
    const options = parseOptions(argv);
    const keys = await newKeyPair();
    const bearer = await signToken(keys.privateKey, { expiresIn: 3600 });
    const identifier = `bench-${randomBytes(4).toString('hex')}`;
    const secret = randomBytes(24).toString('hex');
    const [sandboxPort, middlewarePort, barePort] = await Promise.all([freePort(), freePort(), freePort()]);
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    const env = {
        HOST: '127.0.0.1',
        DATABASE_PATH: ':memory:',
        WHMCS_API_URL: sandboxUrl,
        WHMCS_API_IDENTIFIER: identifier,
        WHMCS_API_SECRET: secret,
        JWT_PUBLIC_KEYS: keys.publicPem
    };
    const children: ChildProcess[] = [];
    try {
        const sandbox = await startChild('middleware/sandbox/main.ts', sandboxPort, {
            SANDBOX_PORT: String(sandboxPort),
            SANDBOX_DB: ':memory:',
            WHMCS_API_IDENTIFIER: identifier,
            WHMCS_API_SECRET: secret
        });
        children.push(sandbox);
        const state = await sandboxControl<{
            clients: { id: number; email: string }[];
            invoices: { id: number; userid: number }[];
        }>(sandboxUrl, '/_sandbox/state');
        const client = state.clients.find((c) => c.email === 'kenta.suzuki@example.jp');
        const invoice = state.invoices.find((i) => i.userid === client?.id);
        if (!client || !invoice)
            throw new Error('the seed client or its invoice is missing from the sandbox');
        const c = `/v1/clients/${client.id}`;
        const allRoutes: [string, string][] = [
            ['GET address', `${c}/address`],
            ['GET payment-methods', `${c}/payment-methods`],
            ['GET invoices?page=1', `${c}/invoices?page=1&pageSize=10`],
            ['GET invoices/:id', `${c}/invoices/${invoice.id}`],
            ['GET subscriptions', `${c}/subscriptions`]
        ];
        const routes = allRoutes.filter(([name]) => !options.route || name.includes(options.route));
        if (!routes.length) throw new Error(`--route ${options.route} matches none of the routes`);
        const plan: BarePlan = {
            apiUrl: `${sandboxUrl}/includes/api.php`,
            routes: await learnCalls(
                sandboxUrl,
                env,
                bearer,
                routes.map(([, p]) => p)
            )
        };
        await buildMiddleware();
        const middleware = await startChild(
            path.relative(REPO, MIDDLEWARE_BUNDLE),
            middlewarePort,
            { ...env, PORT: String(middlewarePort), LOG_LEVEL: 'info' },
            profileArgs(options, 'middleware')
        );
        children.push(middleware);
        const bare = await startChild(
            'scripts/bench/bareProxy.ts',
            barePort,
            { BARE_PORT: String(barePort), BARE_PLAN: JSON.stringify(plan) },
            profileArgs(options, 'bare')
        );
        children.push(bare);

        const targets = {
            mw: { base: `http://127.0.0.1:${middlewarePort}`, pid: middleware.pid as number },
            bare: { base: `http://127.0.0.1:${barePort}`, pid: bare.pid as number }
        };
        const headers = { authorization: `Bearer ${bearer}` };
        const f1 = (x: number) => x.toFixed(1);
        const f2 = (x: number) => x.toFixed(2);
        console.log(
            `middleware vs bare node:http proxy: concurrency ${options.concurrency}, ${options.rounds} rounds of ` +
                `${options.durationMs / 1000} s each per route and side, alternating, after a ${WARMUP_MS} ms ` +
                `warm-up; CPU from ${SCHEDSTAT ? 'schedstat (ns)' : `/proc ticks (${1000 / CLK_TCK} ms)`}; the machine's other load adds noise`
        );
        for (const latency of LATENCIES_MS) {
            await sandboxControl(sandboxUrl, '/_sandbox/latency', { ms: latency });
            const rows: string[][] = [];
            for (const [name, p] of routes) {
                const windows: Record<'mw' | 'bare', Window[]> = { mw: [], bare: [] };
                for (const side of ['mw', 'bare'] as const) {
                    const pids = { server: targets[side].pid, sandbox: sandbox.pid as number };
                    await loadWindow(`${targets[side].base}${p}`, headers, options, WARMUP_MS, pids);
                }
                for (let round = 0; round < options.rounds; round++) {
                    for (const side of ['mw', 'bare'] as const) {
                        const pids = { server: targets[side].pid, sandbox: sandbox.pid as number };
                        windows[side].push(
                            await loadWindow(
                                `${targets[side].base}${p}`,
                                headers,
                                options,
                                options.durationMs,
                                pids
                            )
                        );
                    }
                }
                const mw = totals(windows.mw);
                const b = totals(windows.bare);
                if (mw.errors || b.errors) {
                    console.error(`${name}: ${mw.errors} middleware and ${b.errors} bare requests failed`);
                    process.exitCode = 1;
                }
                const calls = plan.routes[p];
                rows.push([
                    name,
                    `${calls.flat().length} in ${calls.length} trip${calls.length === 1 ? '' : 's'}`,
                    `${f1(mw.rps)} | ${f1(b.rps)} | ${f2(mw.rps / b.rps)}`,
                    `${f1(mw.p50)} | ${f1(b.p50)}`,
                    `${f1(mw.p99)} | ${f1(b.p99)}`,
                    `${f2(mw.cpuPerReq)} | ${f2(b.cpuPerReq)} | ${f1(mw.cpuPerReq / b.cpuPerReq)}`,
                    `${f2(mw.sandboxCpuPerReq)} | ${f2(b.sandboxCpuPerReq)}`
                ]);
            }
            printTable(`WHMCS answers +${latency} ms`, rows);
        }
        await sandboxControl(sandboxUrl, '/_sandbox/latency', { ms: 0 });
    } finally {
        for (const child of children.reverse()) await stopChild(child);
    }
}
