import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { CLEAN_FIXTURE, DEFAULT, makeProject, removeProjects } from './helpers';

afterAll(removeProjects);

const REPO = path.resolve(__dirname, '../../..');

function runMain(root: string): { status: number | null; stdout: string } {
    const r = spawnSync('npx', ['tsx', 'scripts/checks/main.ts', root], { cwd: REPO, encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout + r.stderr };
}

describe('npm run check:org (main.ts)', () => {
    it('exits 0 on the clean sample and prints a summary line per check', () => {
        const { status, stdout } = runMain(CLEAN_FIXTURE);
        expect(stdout).toContain('check:org OK: no findings');
        for (const name of [
            'metadata-xml',
            'metadata-limits',
            'sdr-conversion',
            'apex-syntax',
            'apex-references',
            'pmd-security',
            'apex-ls',
            'contract-labels',
            'contract-site-pages'
        ]) {
            expect(stdout).toMatch(new RegExp(`check ${name} +\\d+ files +0 findings +\\d+\\.\\ds`));
        }
        expect(status).toBe(0);
    }, 120000);

    it('exits 1 on a broken sample and prints file:line: message, sorted', () => {
        // No Apex in this sample, so PMD (Java) does not start.
        const root = makeProject({
            classes: null,
            'objects/Thing__c/fields/Good__c.field-meta.xml':
                '<CustomField>\n<label>Good</labl>\n</CustomField>\n'
        });
        const { status, stdout } = runMain(root);
        const findings = stdout.split('\n').filter((l) => l.startsWith('force-app/'));
        expect(findings).toEqual([
            `${DEFAULT}/lwc/greeting/greeting.js:2: @salesforce/apex/GreetingController.getGreeting: no Apex class GreetingController in force-app`,
            `${DEFAULT}/objects/Thing__c/fields/Good__c.field-meta.xml:1: CustomField Thing__c.Good__c: the converted Thing__c.object has no <fields> entry with <fullName>Good__c</fullName> (mangled by the conversion)`,
            `${DEFAULT}/objects/Thing__c/fields/Good__c.field-meta.xml:2: malformed XML: Expected closing tag 'label' (opened in line 2, col 1) instead of closing tag 'labl'.`
        ]);
        expect(stdout).toContain('check:org FAILED: 3 finding(s)');
        expect(status).toBe(1);
    }, 120000);
});
