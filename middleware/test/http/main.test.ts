/**
 * The process entry: one-line failures with exit 1, the URL when ready, graceful stop on SIGTERM; from the
 * sources (`npm run middleware:dev`) and from the production build (`npm run build`, `npm run middleware`).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { buildMiddleware, runtimeDependencies } from '../../../scripts/build/middleware';
import { testKeys } from '../helpers/stack';

// Each test spawns the real process; allow for a slow start on a loaded CI machine.
jest.setTimeout(120_000);

const ROOT = join(__dirname, '../../..');
const FROM_SOURCES = ['--import', 'tsx', 'middleware/src/main.ts'];

interface Run {
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
}

function run(
    env: Record<string, string>,
    onReady?: (url: string, stop: () => void) => void,
    entry = FROM_SOURCES
): Promise<Run> {
    return new Promise((resolve) => {
        const child = spawn(process.execPath, entry, {
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

/** Starts the process, reads /healthz once it listens, then stops it with SIGTERM. */
async function healthThenStop(entry = FROM_SOURCES, env: Record<string, string> = {}) {
    let health: unknown;
    const r = await run(
        { PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: ':memory:', JWT_PUBLIC_KEYS: pem, ...env },
        (url, stop) => {
            void fetch(`${url}/healthz`)
                .then((res) => res.json())
                .then((body) => {
                    health = body;
                    stop();
                });
        },
        entry
    );
    return { ...r, health };
}

it('prints the URL, serves /healthz, and stops cleanly on SIGTERM', async () => {
    const r = await healthThenStop();
    expect(r.stdout).toMatch(/middleware listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(r.health).toEqual({ status: 'ok' });
    // A signal here means the process died of it instead of handling it.
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 0, signal: null });
});

describe('the production build', () => {
    let dir: string;
    beforeAll(() => {
        dir = fs.mkdtempSync(join(os.tmpdir(), 'middleware-build-'));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('loads only runtime dependencies (a production install has no tsx), and runs with plain node', async () => {
        const bundle = join(dir, 'main.js');
        const { packages } = await buildMiddleware(bundle);
        expect(packages).toEqual(expect.arrayContaining(['express', 'pino', 'undici', 'zod']));
        expect(packages.filter((p) => !runtimeDependencies().includes(p))).toEqual([]);
        expect(fs.readFileSync(bundle, 'utf8')).not.toMatch(/require\("tsx/);

        // Built outside the checkout, the bundle finds the packages through NODE_PATH.
        const r = await healthThenStop(['--enable-source-maps', bundle], {
            NODE_PATH: join(ROOT, 'node_modules')
        });
        expect(r.stderr).toBe('');
        expect(r.stdout).toMatch(/middleware listening on http:\/\/127\.0\.0\.1:\d+/);
        expect(r.health).toEqual({ status: 'ok' });
        expect({ code: r.code, signal: r.signal }).toEqual({ code: 0, signal: null });
    });

    it('npm run middleware without a build: one line naming the build command, exit 1', async () => {
        const manifest = JSON.parse(fs.readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
            scripts: Record<string, string>;
        };
        // The script as npm runs it (sh -c), from a folder that has no build.
        const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
            const child = spawn('sh', ['-c', manifest.scripts.middleware], { cwd: dir });
            let stderr = '';
            child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
            child.on('exit', (code) => resolve({ code, stderr }));
        });
        expect(r.code).toBe(1);
        expect(r.stderr).toBe(
            'middleware: cannot start: middleware/dist/main.js is missing (run npm run build)\n'
        );
    });

    it('fails with one line when a variable is bad, as from the sources', async () => {
        const bundle = join(dir, 'main.js');
        if (!fs.existsSync(bundle)) await buildMiddleware(bundle);
        const r = await run({ PORT: 'eighty', NODE_PATH: join(ROOT, 'node_modules') }, undefined, [bundle]);
        expect(r.code).toBe(1);
        expect(r.stderr.trim().split('\n')).toEqual([
            expect.stringMatching(/^middleware: cannot start: .*PORT/)
        ]);
    });
});
