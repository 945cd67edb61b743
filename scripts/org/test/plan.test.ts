import { parseOrgArgs } from '../args';
import { COMMANDS } from '../commands';
import { executePlan, runCommand, type ExecDeps, type Io } from '../execute';
import { buildDeployPlan, buildSetupPlan, buildValidatePlan, formatSfCommand, type Step } from '../plan';
import { buildSeedPlan, loadSeedFiles } from '../seed-plan';
import type { OrgFacts } from '../preflight';
import type { SfJson } from '../sf-cli';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const files = loadSeedFiles(root);
const seed = buildSeedPlan(files.catalog, files.accounts);

const sfLines = (steps: Step[]): string[] =>
    steps
        .filter((s): s is Extract<Step, { kind: 'sf' }> => s.kind === 'sf')
        .map((s) => formatSfCommand(s.args));

function captureIo(): Io & { outLines: string[]; errLines: string[] } {
    const outLines: string[] = [];
    const errLines: string[] = [];
    return { outLines, errLines, out: (l) => outLines.push(l), err: (l) => errLines.push(l), rootDir: root };
}

const noRealDeps = async (): Promise<ExecDeps> => {
    throw new Error('a dry run must not load real dependencies');
};

describe('org:setup plan', () => {
    const steps = buildSetupPlan(parseOrgArgs('setup', ['--alias', 'demo', '--duration-days', '5']), seed);

    it('runs every step in order', () => {
        expect(steps.map((s) => s.kind)).toEqual([
            'sf',
            'preflight',
            'sf',
            'ensureCertificate',
            'sf',
            'sf',
            'apex',
            'seed',
            'sf',
            'pollSiteJob',
            'apex',
            'nextSteps'
        ]);
        expect(sfLines(steps)).toEqual([
            'sf org create scratch --definition-file config/project-scratch-def.json --alias demo --duration-days 5 --wait 30',
            'sf project deploy start --metadata-dir scripts/org/settings --target-org demo --wait 30',
            'sf project deploy start --source-dir force-app --target-org demo --wait 60',
            'sf org assign permset --name Portal_Staff --name Portal_Integration --target-org demo',
            "sf community publish --name 'Customer Portal' --target-org demo"
        ]);
        const apex = steps.flatMap((s) => (s.kind === 'apex' ? [formatSfCommand(s.args)] : []));
        expect(apex).toEqual([
            'sf apex run --file scripts/org/apex/grant-guest-access.apex --target-org demo',
            'sf apex run --file scripts/org/apex/schedule-redrive.apex --target-org demo'
        ]);
        const cert = steps.find((s) => s.kind === 'ensureCertificate');
        expect(cert?.kind === 'ensureCertificate' && formatSfCommand(cert.deployArgs)).toBe(
            'sf project deploy start --metadata-dir scripts/org/metadata --target-org demo --wait 30'
        );
    });

    it('ends with only the manual steps no metadata or script can do, each with its reason', () => {
        const last = steps[steps.length - 1];
        expect(last.kind).toBe('nextSteps');
        const lines = last.kind === 'nextSteps' ? last.lines : [];
        expect(lines).toHaveLength(4);
        for (const [i, expected] of [
            'Named Credential Portal_Middleware',
            'Portal_Middleware_JWT',
            'role',
            'Order_Portal_Record_Page'
        ].entries()) {
            expect(lines[i]).toContain(expected);
        }
        for (const line of lines) expect(line).toMatch(/\), because \w+/);
        // What metadata or a script now does is no longer a manual step.
        const text = lines.join('\n');
        for (const gone of [
            'Portal_Guest',
            'OrderProvisioningScheduler',
            'Experience Builder',
            'Login & Registration'
        ]) {
            expect(text).not.toContain(gone);
        }
    });

    it('passes a Dev Hub when given', () => {
        const withHub = buildSetupPlan(parseOrgArgs('setup', ['--alias', 'demo', '--dev-hub', 'hub']), seed);
        expect(sfLines(withHub)[0]).toMatch(/--target-dev-hub hub$/);
    });
});

describe('org:deploy and org:validate plans', () => {
    it('checks the org, deploys settings and the certificate first, then force-app, guest access, and republishes', () => {
        const steps = buildDeployPlan(parseOrgArgs('deploy', ['--alias', 'x']));
        expect(steps.map((s) => s.kind)).toEqual([
            'preflight',
            'sf',
            'ensureCertificate',
            'sf',
            'apex',
            'sf',
            'pollSiteJob'
        ]);
        expect(sfLines(steps)).toEqual([
            'sf project deploy start --metadata-dir scripts/org/settings --target-org x --wait 30',
            'sf project deploy start --source-dir force-app --target-org x --wait 60',
            "sf community publish --name 'Customer Portal' --target-org x"
        ]);
        expect(
            buildDeployPlan(parseOrgArgs('deploy', ['--alias', 'x', '--no-publish'])).map((s) => s.kind)
        ).toEqual(['preflight', 'sf', 'ensureCertificate', 'sf', 'apex']);
    });

    it('validates check-only with local tests', () => {
        expect(sfLines(buildValidatePlan(parseOrgArgs('validate', ['--alias', 'x'])))).toEqual([
            'sf project deploy validate --source-dir force-app --test-level RunLocalTests --target-org x --wait 60'
        ]);
    });
});

describe('runCommand --dry-run', () => {
    it('prints the full ordered setup plan including every data load, without network', async () => {
        const io = captureIo();
        const code = await runCommand(COMMANDS.setup, ['--alias', 'demo', '--dry-run'], io, noRealDeps);
        expect(code).toBe(0);
        expect(io.errLines).toEqual([]);
        const text = io.outLines.join('\n');
        const order = [
            'sf org create scratch',
            'Preflight',
            'sf project deploy start --metadata-dir scripts/org/settings',
            "SELECT Id FROM Certificate WHERE DeveloperName = 'Portal_Middleware_JWT'",
            'sf project deploy start --metadata-dir scripts/org/metadata',
            'sf project deploy start --source-dir force-app',
            'sf org assign permset',
            'grant-guest-access.apex',
            'IsStandard = true',
            'Product2 by ProductCode',
            'PricebookEntry in the standard price book',
            'Account by Customer_Number__c',
            'sf community publish',
            'FROM BackgroundOperation',
            'schedule-redrive.apex',
            'Next steps'
        ];
        const positions = order.map((needle) => text.indexOf(needle));
        expect(positions.every((p) => p >= 0)).toBe(true);
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
        for (const p of seed.products) expect(text).toContain(p.ProductCode);
        for (const a of seed.accounts) expect(text).toContain(a.Customer_Number__c);
    });

    it.each(['seed', 'deploy', 'validate', 'preflight'] as const)(
        'prints the %s plan and exits 0',
        async (name) => {
            const io = captureIo();
            expect(await runCommand(COMMANDS[name], ['--alias', 'demo', '--dry-run'], io, noRealDeps)).toBe(
                0
            );
            expect(io.outLines[0]).toContain(`org:${name} plan for org alias "demo"`);
            expect(io.outLines.length).toBeGreaterThan(1);
        }
    );

    it('exits 2 with a clear message when --alias is missing', async () => {
        const io = captureIo();
        expect(await runCommand(COMMANDS.setup, ['--dry-run'], io, noRealDeps)).toBe(2);
        expect(io.errLines.join('\n')).toContain('Missing required --alias <org alias> for org:setup');
        expect(io.outLines).toEqual([]);
    });
});

const READY: OrgFacts = {
    orderSettings: { enableOrders: true },
    languageSettings: { enableTranslationWorkbench: true, enableEndUserLanguages: true },
    communitiesSettings: { enableNetworksEnabled: true },
    translationLanguages: ['ja'],
    accountFields: ['BillingStateCode']
};

/** A fake sf: the certificate query answers `certificates`, BackgroundOperation polls answer `statuses`. */
function fakeSf(options: { certificates?: number; statuses?: string[]; apex?: { success: boolean } } = {}) {
    const calls: string[][] = [];
    const statuses = [...(options.statuses ?? ['Complete'])];
    const sf = async (args: readonly string[]): Promise<SfJson> => {
        calls.push([...args]);
        if (args[0] === 'community') return { status: 0, result: { jobId: '08P000000000001AAA' } };
        if (args[0] === 'apex') return { status: 0, result: options.apex ?? { success: true } };
        if (args.includes('--use-tooling-api')) {
            return {
                status: 0,
                result: { records: Array.from({ length: options.certificates ?? 0 }, () => ({})) }
            };
        }
        if (args[0] === 'data') return { status: 0, result: { records: [{ Status: statuses.shift() }] } };
        return { status: 0, result: {} };
    };
    return { sf, calls };
}

function deps(sf: ExecDeps['sf'], extra: Partial<ExecDeps> = {}): ExecDeps {
    return {
        sf,
        log: () => {},
        readOrg: async () => READY,
        seed: noRealDeps as never,
        poll: { sleep: async () => {}, now: () => 0 },
        ...extra
    };
}

describe('executePlan', () => {
    it('org:deploy deploys the certificate into an org that lacks it, before force-app', async () => {
        const { sf, calls } = fakeSf({ certificates: 0 });
        await executePlan('x', buildDeployPlan(parseOrgArgs('deploy', ['--alias', 'x'])), deps(sf));
        const lines = calls.map((c) => formatSfCommand(c));
        expect(lines).toEqual([
            'sf project deploy start --metadata-dir scripts/org/settings --target-org x --wait 30',
            "sf data query --use-tooling-api --query 'SELECT Id FROM Certificate WHERE DeveloperName = '\\''Portal_Middleware_JWT'\\''' --target-org x",
            'sf project deploy start --metadata-dir scripts/org/metadata --target-org x --wait 30',
            'sf project deploy start --source-dir force-app --target-org x --wait 60',
            'sf apex run --file scripts/org/apex/grant-guest-access.apex --target-org x',
            "sf community publish --name 'Customer Portal' --target-org x",
            "sf data query --query 'SELECT Id, Status, Error FROM BackgroundOperation WHERE Id = '\\''08P000000000001AAA'\\''' --target-org x"
        ]);
    });

    it('keeps the certificate an org already has (a redeploy would replace the key pair)', async () => {
        const { sf, calls } = fakeSf({ certificates: 1 });
        await executePlan(
            'x',
            buildDeployPlan(parseOrgArgs('deploy', ['--alias', 'x', '--no-publish'])),
            deps(sf)
        );
        expect(calls.some((c) => c.includes('scripts/org/metadata'))).toBe(false);
    });

    it('stops before deploying anything when the preflight finds a manual feature off', async () => {
        const { sf, calls } = fakeSf();
        const notReady = async (): Promise<OrgFacts> => ({ ...READY, translationLanguages: [] });
        await expect(
            executePlan(
                'x',
                buildDeployPlan(parseOrgArgs('deploy', ['--alias', 'x'])),
                deps(sf, { readOrg: notReady })
            )
        ).rejects.toThrow('turn on first (Setup): Japanese in Translation Workbench');
        expect(calls).toEqual([]);
    });

    it('fails a step whose anonymous Apex does not succeed', async () => {
        const { sf } = fakeSf({ apex: { success: false } });
        await expect(
            executePlan('x', buildDeployPlan(parseOrgArgs('deploy', ['--alias', 'x'])), deps(sf))
        ).rejects.toThrow('Give the site guest user Portal_Guest: Apex failed');
    });

    it('tolerates a publish without a job id', async () => {
        const sf = async (args: readonly string[]): Promise<SfJson> =>
            args.includes('--use-tooling-api')
                ? { status: 0, result: { records: [] } }
                : { status: 0, result: {} };
        await expect(
            executePlan('demo', buildDeployPlan(parseOrgArgs('deploy', ['--alias', 'demo'])), deps(sf))
        ).resolves.toBeUndefined();
    });

    it('runs the whole setup: sf steps, the site job polled by its id, the seed', async () => {
        const { sf, calls } = fakeSf({ statuses: ['Running', 'Complete'] });
        const seeded: string[] = [];
        const seedFn: ExecDeps['seed'] = async (alias) => {
            seeded.push(alias);
            return {
                pricebookId: 'x',
                productsInserted: 1,
                productsUpdated: 0,
                pricesInserted: 1,
                pricesUpdated: 0,
                accountsUpserted: 1
            };
        };
        const steps = buildSetupPlan(parseOrgArgs('setup', ['--alias', 'demo']), seed);
        await executePlan('demo', steps, deps(sf, { seed: seedFn }));
        const polls = calls.filter((c) => c[0] === 'data' && !c.includes('--use-tooling-api'));
        expect(polls).toHaveLength(2);
        expect(polls[0]).toEqual([
            'data',
            'query',
            '--query',
            "SELECT Id, Status, Error FROM BackgroundOperation WHERE Id = '08P000000000001AAA'",
            '--target-org',
            'demo'
        ]);
        expect(seeded).toEqual(['demo']);
        expect(calls[calls.length - 1]).toEqual([
            'apex',
            'run',
            '--file',
            'scripts/org/apex/schedule-redrive.apex',
            '--target-org',
            'demo'
        ]);
    });

    it('fails when the site job fails', async () => {
        const { sf } = fakeSf({ statuses: ['Error'] });
        await expect(
            executePlan('demo', buildDeployPlan(parseOrgArgs('deploy', ['--alias', 'demo'])), deps(sf))
        ).rejects.toThrow('ended with status Error');
    });

    it('times out a site job that never finishes', async () => {
        let t = 0;
        const { sf } = fakeSf({ statuses: Array.from({ length: 500 }, () => 'Running') });
        const poll = { now: () => t, sleep: async (ms: number) => void (t += ms) };
        await expect(
            executePlan(
                'demo',
                buildDeployPlan(parseOrgArgs('deploy', ['--alias', 'demo'])),
                deps(sf, { poll })
            )
        ).rejects.toThrow('still running after 900 s');
    });
});
