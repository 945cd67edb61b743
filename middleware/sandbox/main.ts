// `npm run sandbox`: the WHMCS sandbox as a standalone process (environment: docs/API.md).
import { readSandboxConfig } from './config';
import { startSandbox, type RunningSandbox } from './index';

function fail(reason: string): never {
    process.stderr.write(`whmcs-sandbox: ${reason.replace(/\s+/g, ' ')}\n`);
    process.exit(1);
}

async function main(): Promise<void> {
    const read = readSandboxConfig(process.env);
    if ('error' in read) fail(read.error);
    const cfg = read.config;
    let sandbox: RunningSandbox;
    try {
        sandbox = await startSandbox(cfg);
    } catch (err) {
        fail(err instanceof Error ? err.message : String(err));
    }
    // Handlers before the ready line: whoever reads it may signal at once.
    let stopping = false;
    const stop = () => {
        if (stopping) return;
        stopping = true;
        void sandbox.close().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    if (cfg.usingDefaults) {
        process.stdout.write(
            `WHMCS sandbox development credentials: identifier "${cfg.identifier}", secret "${cfg.secret}" (defaults; set WHMCS_API_IDENTIFIER / WHMCS_API_SECRET to change)\n`
        );
    }
    process.stdout.write(
        `WHMCS sandbox database: ${cfg.dbPath}${cfg.keepData ? ' (kept)' : ' (seeded)'}; API allowed from: ${cfg.allowedIps.join(', ')}; portal link: ${cfg.portalUrl}\n`
    );
    process.stdout.write(`WHMCS sandbox listening on ${sandbox.url} (API ${sandbox.apiUrl})\n`);
}

void main();
