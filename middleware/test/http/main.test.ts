/** The process entry: one-line failures with exit 1, the URL when ready, graceful stop on SIGTERM. */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { testKeys } from '../helpers/stack';

// Each test spawns the real process; allow for a slow start on a loaded CI machine.
jest.setTimeout(120_000);

const ROOT = join(__dirname, '../../..');
const MAIN = 'middleware/src/main.ts';

interface Run {
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
}

function run(env: Record<string, string>, onReady?: (url: string, stop: () => void) => void): Promise<Run> {
    return new Promise((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
            cwd: ROOT,
            env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
            stdio: ['ignore', 'pipe', 'pipe']
        });
        let stdout = '';
        let stderr = '';
        // Generous: start-up through tsx can take tens of seconds on a loaded 2-core CI machine.
        const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
        child.stdout.on('data', (d: Buffer) => {
            stdout += d.toString();
            const m = /listening on (http:\/\/\S+)/.exec(stdout);
            if (m && onReady) {
                const cb = onReady;
                onReady = undefined;
                cb(m[1], () => child.kill('SIGTERM'));
            }
        });
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('exit', (code, signal) => {
            clearTimeout(timer);
            resolve({ code, signal, stdout, stderr });
        });
    });
}

let pem: string;
beforeAll(async () => {
    pem = (await testKeys()).publicPem;
});

it('a bad variable: exit 1 with one line naming it', async () => {
    const r = await run({ PORT: 'eighty' });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^middleware: cannot start: .*PORT.*JWT_PUBLIC_KEYS/);
});

it('a taken port: exit 1 with one line', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as { port: number }).port;
    try {
        const r = await run({
            PORT: String(port),
            HOST: '127.0.0.1',
            DATABASE_PATH: ':memory:',
            JWT_PUBLIC_KEYS: pem
        });
        expect(r.code).toBe(1);
        expect(r.stderr.trim()).toBe(`middleware: cannot start: port ${port} is already in use (set PORT)`);
    } finally {
        blocker.close();
    }
});

it('prints the URL, serves /healthz, and stops cleanly on SIGTERM', async () => {
    let health: unknown;
    const r = await run(
        { PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: ':memory:', JWT_PUBLIC_KEYS: pem },
        (url, stop) => {
            void fetch(`${url}/healthz`)
                .then((res) => res.json())
                .then((body) => {
                    health = body;
                    stop();
                });
        }
    );
    expect(r.stdout).toMatch(/middleware listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(health).toEqual({ status: 'ok' });
    // A signal here means the process died of it instead of handling it.
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 0, signal: null });
});
