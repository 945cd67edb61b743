// `npm start`: the WHMCS sandbox, the middleware and the portal preview on one machine, nothing from outside.
import { ensurePreviewBuilt } from '../preview/build';
import { dataDir } from '../preview/paths';
import { EXISTING_WHMCS, newCustomers, STAFF_USER } from '../preview/demoLogins';
import { assertPortFree, defaultStateDir, PortInUseError, startStack } from './stack';

function port(name: string, fallback: number): number {
    const raw = process.env[name]?.trim();
    if (!raw) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) > 65535) fail(`${name} must be a port number, got "${raw}"`);
    return Number(raw);
}

function fail(reason: string): never {
    process.stderr.write(`npm start: ${reason}\n`);
    process.exit(1);
}

function banner(urls: { preview: string; middleware: string; sandbox: string }): string {
    const lines = [
        '',
        `  Portal preview   ${urls.preview}`,
        `  Middleware       ${urls.middleware}   (health: ${urls.middleware}/healthz, API: ${urls.middleware}/openapi.json)`,
        `  WHMCS sandbox    ${urls.sandbox}`,
        '',
        '  New customers — Register with customer number + postal code, choose any email and password:',
        ...newCustomers(dataDir).map((a) => `    ${a.customerNumber}  ${a.postalCode.padEnd(9)} ${a.name}`),
        '',
        '  Existing WHMCS customers — Link account with email + WHMCS password, then choose a portal password:',
        ...EXISTING_WHMCS.map(
            (c) => `    ${c.email.padEnd(26)} ${c.password.padEnd(19)} ${c.name} (${c.note})`
        ),
        '',
        '  Log in: customers with their email and the portal password they chose (the username is generated).',
        '',
        `  Staff — Staff switch (/staff), log in as ${STAFF_USER.username} / ${STAFF_USER.password}`,
        '',
        '  Data lives in .local/ and starts fresh with every start (the sandbox reloads its seed). Ctrl-C stops.',
        ''
    ];
    return lines.join('\n');
}

async function main(): Promise<void> {
    const started = Date.now();
    const previewPort = port('PREVIEW_PORT', 3000);
    const middlewarePort = port('PORT', 8080);
    const sandboxPort = port('SANDBOX_PORT', 8081);
    // Ports first: a taken port should not cost a build.
    try {
        await assertPortFree(sandboxPort, 'WHMCS sandbox', 'SANDBOX_PORT');
        await assertPortFree(middlewarePort, 'middleware', 'PORT');
        await assertPortFree(previewPort, 'portal preview', 'PREVIEW_PORT');
    } catch (error) {
        fail(error instanceof Error ? error.message : String(error));
    }
    try {
        await ensurePreviewBuilt((line) => process.stdout.write(`${line}\n`));
    } catch (error) {
        const detail = error as { message?: string; id?: string };
        fail(
            `the preview build failed: ${detail.message ?? String(error)}${detail.id ? ` (${detail.id})` : ''}`
        );
    }
    let stack;
    try {
        stack = await startStack({
            previewPort,
            middlewarePort,
            sandboxPort,
            stateDir: defaultStateDir,
            logLevel: process.env.LOG_LEVEL || 'warn',
            log: (line) => process.stdout.write(`${line}\n`)
        });
    } catch (error) {
        if (error instanceof PortInUseError) fail(error.message);
        fail(error instanceof Error ? error.message.split('\n')[0] : String(error));
    }
    let stopping = false;
    const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        process.stdout.write(`\n${signal}: stopping...\n`);
        const force = setTimeout(() => process.exit(1), 10_000);
        force.unref();
        void stack.close().then(() => {
            process.stdout.write('Stopped.\n');
            process.exit(0);
        });
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
    // Ready only once the handlers are in: whoever reads the banner may signal at once.
    process.stdout.write(
        banner({ preview: stack.previewUrl, middleware: stack.middlewareUrl, sandbox: stack.sandboxUrl })
    );
    process.stdout.write(`  Ready in ${((Date.now() - started) / 1000).toFixed(1)} s.\n\n`);
}

void main();
