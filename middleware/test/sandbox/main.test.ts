// `npm run sandbox` as a process: ready line, development-defaults notice, one-line failures.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { readSandboxConfig } from '../../sandbox/config';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function run(env: Record<string, string>, stopWhen?: RegExp) {
    return new Promise<{
        code: number | null;
        signal: NodeJS.Signals | null;
        stdout: string;
        stderr: string;
    }>((resolve) => {
        // `node --import tsx` is what `npm run sandbox` (tsx) does, minus the wrapper process.
        const child = spawn(process.execPath, ['--import', 'tsx', 'middleware/sandbox/main.ts'], {
            cwd: ROOT,
            env: { ...process.env, SANDBOX_DB: ':memory:', ...env },
            stdio: ['ignore', 'pipe', 'pipe']
        });
        let stdout = '';
        let stderr = '';
        // Start-up through tsx can take tens of seconds on a loaded 2-core CI machine; only a process that never
        // becomes ready, or never stops after SIGTERM, is killed.
        let timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
        let stopping = false;
        child.stdout.on('data', (d: Buffer) => {
            stdout += d.toString();
            if (!stopping && stopWhen?.test(stdout)) {
                stopping = true;
                clearTimeout(timer);
                timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
                child.kill('SIGTERM');
            }
        });
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('exit', (code, signal) => {
            clearTimeout(timer);
            resolve({ code, signal, stdout, stderr });
        });
    });
}

async function freePort(): Promise<number> {
    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as net.AddressInfo).port;
    await new Promise((r) => srv.close(r));
    return port;
}

describe('sandbox environment', () => {
    it('defaults match docs/API.md', () => {
        expect(readSandboxConfig({})).toEqual({
            config: {
                port: 8081,
                host: '127.0.0.1',
                dbPath: '.local/whmcs-sandbox.db',
                identifier: 'sandbox-identifier',
                secret: 'sandbox-secret-change-me',
                allowedIps: ['127.0.0.1', '::1'],
                portalUrl: 'http://localhost:3000',
                keepData: false,
                usingDefaults: true
            }
        });
    });

    it.each([
        [{ SANDBOX_PORT: 'eighty' }, /^SANDBOX_PORT/],
        [{ SANDBOX_PORT: '70000' }, /^SANDBOX_PORT/],
        [{ SANDBOX_ALLOWED_IPS: '127.0.0.1,not-an-ip' }, /^SANDBOX_ALLOWED_IPS/],
        [{ WHMCS_API_SECRET: ' ' }, /^WHMCS_API_SECRET/],
        [{ SANDBOX_PORTAL_URL: 'javascript:alert(1)' }, /^SANDBOX_PORTAL_URL/]
    ])('%j is refused with one line', (env, reason) => {
        const r = readSandboxConfig(env);
        expect('error' in r && r.error).toMatch(reason);
    });

    it('takes its variables', () => {
        const r = readSandboxConfig({
            SANDBOX_PORT: '9999',
            SANDBOX_DB: ':memory:',
            WHMCS_API_IDENTIFIER: 'id',
            WHMCS_API_SECRET: 's',
            SANDBOX_ALLOWED_IPS: '10.0.0.1, ::1',
            SANDBOX_PORTAL_URL: 'https://portal.example/s/'
        });
        expect(r).toMatchObject({
            config: {
                port: 9999,
                dbPath: ':memory:',
                identifier: 'id',
                secret: 's',
                allowedIps: ['10.0.0.1', '::1'],
                portalUrl: 'https://portal.example/s/',
                usingDefaults: false
            }
        });
    });
});

describe('npm run sandbox', () => {
    it('prints the development defaults and its URL; a taken port exits non-zero with one line', async () => {
        const port = await freePort();
        const blocker = net.createServer();
        await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
        const takenPort = (blocker.address() as net.AddressInfo).port;
        try {
            const [ok, taken] = await Promise.all([
                run({ SANDBOX_PORT: String(port) }, /listening on/),
                run({ SANDBOX_PORT: String(takenPort), SANDBOX_ALLOWED_IPS: '127.0.0.1' })
            ]);
            expect(ok.stdout).toContain(
                'development credentials: identifier "sandbox-identifier", secret "sandbox-secret-change-me"'
            );
            expect(ok.stdout).toContain(`listening on http://127.0.0.1:${port}`);
            // A signal here means the process died of it instead of handling it.
            expect({ code: ok.code, signal: ok.signal }).toEqual({ code: 0, signal: null });
            expect(taken.code).toBe(1);
            expect(taken.stderr.trim().split('\n')).toHaveLength(1);
            expect(taken.stderr).toContain('already in use');
        } finally {
            await new Promise((r) => blocker.close(r));
        }
    }, 120_000);
});
