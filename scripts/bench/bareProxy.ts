// The floor the middleware is compared with (`npm run bench:middleware -- --vs-bare`): a plain node:http
// server that, for each benchmarked path, sends the WHMCS calls the middleware sent for it (the same form
// bodies, in the same round trips) over keep-alive connections, parses the answers and returns the last one.
// No authentication, validation or logging. Run as a child process by vsBare.ts; the plan (which holds the
// WHMCS credentials) comes in BARE_PLAN, never printed.
import http from 'node:http';

export interface BarePlan {
    /** The sandbox's API endpoint. */
    apiUrl: string;
    /** Request path (with query) → round trips in series, each the form bodies sent together. */
    routes: Record<string, string[][]>;
}

const plan = JSON.parse(process.env.BARE_PLAN ?? '{}') as BarePlan;
const api = new URL(plan.apiUrl);
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function call(body: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
        const req = http.request(
            {
                host: api.hostname,
                port: api.port,
                path: api.pathname,
                method: 'POST',
                agent,
                headers: {
                    'content-type': 'application/x-www-form-urlencoded',
                    'content-length': Buffer.byteLength(body)
                }
            },
            (res) => {
                const chunks: Buffer[] = [];
                res.on('data', (chunk: Buffer) => chunks.push(chunk));
                res.on('end', () => {
                    try {
                        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
                    } catch (error) {
                        reject(error instanceof Error ? error : new Error(String(error)));
                    }
                });
                res.on('error', reject);
            }
        );
        req.on('error', reject);
        req.end(body);
    });
}

const server = http.createServer((req, res) => {
    const trips = plan.routes[req.url ?? ''];
    if (!trips) {
        res.writeHead(404).end();
        return;
    }
    req.resume();
    void (async () => {
        let last: unknown = null;
        for (const trip of trips) {
            const answers = await Promise.all(trip.map(call));
            last = answers[answers.length - 1];
        }
        const out = JSON.stringify(last);
        res.writeHead(200, {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(out)
        }).end(out);
    })().catch(() => {
        res.writeHead(502).end();
    });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.BARE_PORT), '127.0.0.1', () => {
    process.stdout.write('bare proxy listening\n');
});
// An orderly exit, so that a CPU profile (`--profile`) is written.
process.on('SIGTERM', () => process.exit(0));
