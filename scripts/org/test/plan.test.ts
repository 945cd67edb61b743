import { parseOrgArgs } from '../args';
import { COMMANDS } from '../commands';
import { executePlan, runCommand, type ExecDeps, type Io } from '../execute';
import { buildDeployPlan, buildSetupPlan, buildValidatePlan, formatSfCommand, type Step } from '../plan';
import { buildSeedPlan, loadSeedFiles } from '../seed-plan';
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
            'sf',
            'sf',
            'sf',
            'pollSiteJob',
            'sf',
            'seed',
            'sf',
            'pollSiteJob',
            'nextSteps'
        ]);
        expect(sfLines(steps)).toEqual([
            'sf org create scratch --definition-file config/project-scratch-def.json --alias demo --duration-days 5 --wait 30',
            'sf project deploy start --metadata-dir scripts/org/metadata --target-org demo --wait 30',
            'sf project deploy start --source-dir force-app --target-org demo --wait 60',
            "sf community create --name 'Customer Portal' --template-name 'Build Your Own (LWR)' --url-path-prefix portal --target-org demo templateParams.AuthenticationType=AUTHENTICATED_WITH_PUBLIC_ACCESS_ENABLED",
            'sf org assign permset --name Portal_Staff --name Portal_Integration --target-org demo',
            "sf community publish --name 'Customer Portal' --target-org demo"
        ]);
    });

    it('ends with the manual next steps', () => {
        const last = steps[steps.length - 1];
        expect(last.kind).toBe('nextSteps');
        const text = last.kind === 'nextSteps' ? last.lines.join('\n') : '';
        for (const expected of [
            'Named Credential Portal_Middleware',
            'Portal_Middleware_JWT',
            'Portal_Guest',
            'OrderProvisioningScheduler'
        ]) {
            expect(text).toContain(expected);
        }
    });

    it('passes a Dev Hub when given', () => {
        const withHub = buildSetupPlan(parseOrgArgs('setup', ['--alias', 'demo', '--dev-hub', 'hub']), seed);
        expect(sfLines(withHub)[0]).toMatch(/--target-dev-hub hub$/);
    });
});

describe('org:deploy and org:validate plans', () => {
    it('deploys then republishes the site', () => {
        const steps = buildDeployPlan(parseOrgArgs('deploy', ['--alias', 'x']));
        expect(steps.map((s) => s.kind)).toEqual(['sf', 'sf', 'pollSiteJob']);
        expect(sfLines(steps)).toEqual([
            'sf project deploy start --source-dir force-app --target-org x --wait 60',
            "sf community publish --name 'Customer Portal' --target-org x"
        ]);
        expect(buildDeployPlan(parseOrgArgs('deploy', ['--alias', 'x', '--no-publish']))).toHaveLength(1);
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
            'sf project deploy start --metadata-dir',
            'sf project deploy start --source-dir force-app',
            'sf community create',
            'FROM BackgroundOperation',
            'sf org assign permset',
            'IsStandard = true',
            'Product2 by ProductCode',
            'PricebookEntry in the standard price book',
            'Account by Customer_Number__c',
            'sf community publish',
            'Next steps'
        ];
        const positions = order.map((needle) => text.indexOf(needle));
        expect(positions.every((p) => p >= 0)).toBe(true);
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
        for (const p of seed.products) expect(text).toContain(p.ProductCode);
        for (const a of seed.accounts) expect(text).toContain(a.Customer_Number__c);
    });

    it.each(['seed', 'deploy', 'validate'] as const)('prints the %s plan and exits 0', async (name) => {
        const io = captureIo();
        expect(await runCommand(COMMANDS[name], ['--alias', 'demo', '--dry-run'], io, noRealDeps)).toBe(0);
        expect(io.outLines[0]).toContain(`org:${name} plan for org alias "demo"`);
        expect(io.outLines.length).toBeGreaterThan(1);
    });

    it('exits 2 with a clear message when --alias is missing', async () => {
        const io = captureIo();
        expect(await runCommand(COMMANDS.setup, ['--dry-run'], io, noRealDeps)).toBe(2);
        expect(io.errLines.join('\n')).toContain('Missing required --alias <org alias> for org:setup');
        expect(io.outLines).toEqual([]);
    });
});

describe('executePlan', () => {
    it('requires a job id from site creation but tolerates a publish without one', async () => {
        const sf = async (): Promise<SfJson> => ({ status: 0, result: {} });
        const deps: ExecDeps = { sf, log: () => {}, seed: noRealDeps as never };
        await expect(
            executePlan('demo', buildDeployPlan(parseOrgArgs('deploy', ['--alias', 'demo'])), deps)
        ).resolves.toBeUndefined();
        const createSite = buildSetupPlan(parseOrgArgs('setup', ['--alias', 'demo']), seed).slice(3, 5);
        await expect(executePlan('demo', createSite, deps)).rejects.toThrow('sf returned no jobId to poll');
    });

    it('runs sf steps, polls the site job by its id and seeds', async () => {
        const calls: string[][] = [];
        const statuses = ['Running', 'Complete'];
        const sf = async (args: readonly string[]): Promise<SfJson> => {
            calls.push([...args]);
            if (args[0] === 'community') return { status: 0, result: { jobId: '08P000000000001AAA' } };
            if (args[0] === 'data') return { status: 0, result: { records: [{ Status: statuses.shift() }] } };
            return { status: 0, result: {} };
        };
        const seeded: string[] = [];
        const deps: ExecDeps = {
            sf,
            log: () => {},
            seed: async (alias) => {
                seeded.push(alias);
                return {
                    pricebookId: 'x',
                    productsInserted: 1,
                    productsUpdated: 0,
                    pricesInserted: 1,
                    pricesUpdated: 0,
                    accountsUpserted: 1
                };
            },
            poll: { sleep: async () => {}, now: () => 0 }
        };
        const steps = buildSetupPlan(parseOrgArgs('setup', ['--alias', 'demo']), seed).slice(0, 7);
        await executePlan('demo', steps, deps);
        const query = calls.find((c) => c[0] === 'data');
        expect(query).toEqual([
            'data',
            'query',
            '--query',
            "SELECT Id, Status, Error FROM BackgroundOperation WHERE Id = '08P000000000001AAA'",
            '--target-org',
            'demo'
        ]);
        expect(calls.filter((c) => c[0] === 'data')).toHaveLength(2);
        expect(seeded).toEqual(['demo']);
    });

    it('fails when the site job fails', async () => {
        const sf = async (args: readonly string[]): Promise<SfJson> =>
            args[0] === 'community'
                ? { status: 0, result: { jobId: '08P000000000001AAA' } }
                : { status: 0, result: { records: [{ Status: 'Error' }] } };
        const steps = buildDeployPlan(parseOrgArgs('deploy', ['--alias', 'demo']));
        await expect(
            executePlan('demo', steps, {
                sf,
                log: () => {},
                seed: noRealDeps as never,
                poll: { sleep: async () => {} }
            })
        ).rejects.toThrow('ended with status Error');
    });

    it('times out a site job that never finishes', async () => {
        let t = 0;
        const sf = async (args: readonly string[]): Promise<SfJson> =>
            args[0] === 'community'
                ? { status: 0, result: { jobId: '08P000000000001AAA' } }
                : { status: 0, result: { records: [{ Status: 'Running' }] } };
        const steps = buildDeployPlan(parseOrgArgs('deploy', ['--alias', 'demo']));
        const poll = { now: () => t, sleep: async (ms: number) => void (t += ms) };
        await expect(
            executePlan('demo', steps, { sf, log: () => {}, seed: noRealDeps as never, poll })
        ).rejects.toThrow('still running after 900 s');
    });
});
