import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseOrgArgs } from '../args';
import { executePlan, type ExecDeps } from '../execute';
import { buildPreflightPlan } from '../plan';
import {
    assessOrg,
    blockers,
    factsFromAnswers,
    renderPreflight,
    type OrgAnswers,
    type OrgFacts
} from '../preflight';
import type { SfJson } from '../sf-cli';

const recorded = (name: string): OrgAnswers =>
    JSON.parse(readFileSync(join(__dirname, 'fixtures', `preflight-${name}.json`), 'utf8')) as OrgAnswers;

describe('preflight on recorded org answers', () => {
    it('a scratch org from config/project-scratch-def.json has everything', () => {
        const facts = factsFromAnswers(recorded('scratch-org'));
        // listMetadata answered a single object for the one language.
        expect(facts.translationLanguages).toEqual(['ja']);
        const checks = assessOrg(facts);
        expect(checks.every((c) => c.ok)).toBe(true);
        expect(blockers(checks)).toEqual([]);
        expect(renderPreflight('demo', checks).slice(1)).toEqual([
            '  ok       Orders',
            '  ok       Digital Experiences (Experience Cloud)',
            '  ok       Translation Workbench',
            '  ok       End-user languages (Japanese for portal users)',
            '  ok       Japanese in Translation Workbench',
            '  ok       State and Country/Territory Picklists'
        ]);
    });

    it('an existing org: what the deploy turns on, and what an admin must, with the Setup path', () => {
        const checks = assessOrg(factsFromAnswers(recorded('existing-org')));
        const report = renderPreflight('prod', checks);
        expect(report[0]).toBe('Org prod: features the portal needs');
        expect(report).toContain(
            '  off      Orders: deployed by org:setup / org:deploy (OrderSettings.enableOrders)'
        );
        expect(report).toContain(
            '  off      Digital Experiences (Experience Cloud): deployed by org:setup / org:deploy (CommunitiesSettings.enableNetworksEnabled)'
        );
        expect(report).toContain('  ok       Translation Workbench');
        expect(report.join('\n')).toContain(
            'MISSING  Japanese in Translation Workbench: turn it on in Setup > Translation Workbench > Translation Language Settings'
        );
        expect(report.join('\n')).toContain(
            'MISSING  State and Country/Territory Picklists: turn it on in Setup > State and Country/Territory Picklists'
        );
        expect(blockers(checks).map((c) => c.feature)).toEqual([
            'Japanese in Translation Workbench',
            'State and Country/Territory Picklists'
        ]);
    });

    it('takes real booleans too, and nothing read as off', () => {
        const facts: OrgFacts = {
            orderSettings: { enableOrders: true },
            translationLanguages: [],
            accountFields: []
        };
        const byFeature = new Map(assessOrg(facts).map((c) => [c.feature, c.ok]));
        expect(byFeature.get('Orders')).toBe(true);
        expect(byFeature.get('Translation Workbench')).toBe(false);
        expect(factsFromAnswers({})).toEqual({
            orderSettings: undefined,
            languageSettings: undefined,
            communitiesSettings: undefined,
            translationLanguages: [],
            accountFields: []
        });
    });
});

describe('the preflight step', () => {
    const run = async (answers: OrgAnswers): Promise<{ log: string[]; error?: Error }> => {
        const log: string[] = [];
        const deps: ExecDeps = {
            sf: async (): Promise<SfJson> => {
                throw new Error('the preflight runs no sf command');
            },
            log: (l) => log.push(l),
            seed: async () => {
                throw new Error('no seed');
            },
            readOrg: async () => factsFromAnswers(answers)
        };
        try {
            await executePlan(
                'prod',
                buildPreflightPlan(parseOrgArgs('preflight', ['--alias', 'prod'])),
                deps
            );
            return { log };
        } catch (error) {
            return { log, error: error as Error };
        }
    };

    it('passes a ready org and prints the report', async () => {
        const { log, error } = await run(recorded('scratch-org'));
        expect(error).toBeUndefined();
        expect(log.join('\n')).toContain('ok       Orders');
    });

    it('stops before any deploy when a manual feature is off, naming it', async () => {
        const { log, error } = await run(recorded('existing-org'));
        expect(log.join('\n')).toContain('MISSING  Japanese in Translation Workbench');
        expect(error?.message).toBe(
            'turn on first (Setup): Japanese in Translation Workbench; State and Country/Territory Picklists. The deploy would fail without them.'
        );
    });
});
