import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { CHECKS, runAll } from '../main';
import { CLEAN_FIXTURE, DEFAULT, makeProject, removeProjects } from './helpers';

afterAll(removeProjects);

const REPO = path.resolve(__dirname, '../../..');

async function run(root: string, checks = CHECKS): Promise<{ status: number; stdout: string }> {
    const lines: string[] = [];
    const status = await runAll(root, (line) => lines.push(line), checks);
    return { status, stdout: lines.join('\n') };
}

// In-process, on small samples: `npm run check:org` is the one full run (on force-app). The Java checks (seconds
// to start) run only in pmdSecurity.test.ts and apexLs.test.ts.
describe('npm run check:org (main.ts)', () => {
    it('exits 0 on the clean sample and prints a summary line per check', async () => {
        // The Java-backed checks (PMD, apex-ls) have their own test files.
        const checks = CHECKS.filter((c) => c.name !== 'pmd-security' && c.name !== 'apex-ls');
        const { status, stdout } = await run(CLEAN_FIXTURE, checks);
        expect(stdout).toContain('check:org OK: no findings');
        for (const name of [
            'metadata-xml',
            'metadata-limits',
            'sdr-conversion',
            'apex-syntax',
            'apex-references',
            'contract-labels',
            'contract-site-pages'
        ]) {
            expect(stdout).toMatch(new RegExp(`check ${name} +\\d+ files +0 findings +\\d+\\.\\ds`));
        }
        expect(
            stdout.split('\n').filter((l) => l.startsWith('check ') && !l.startsWith('check:'))
        ).toHaveLength(checks.length);
        expect(status).toBe(0);
    }, 120000);

    it('exits 1 on a broken sample and prints file:line: message, sorted', async () => {
        // No Apex in this sample, so PMD (Java) does not start.
        const root = makeProject({
            classes: null,
            'objects/Thing__c/fields/Good__c.field-meta.xml':
                '<CustomField>\n<label>Good</labl>\n</CustomField>\n'
        });
        const { status, stdout } = await run(root);
        const findings = stdout.split('\n').filter((l) => l.startsWith('force-app/'));
        expect(findings).toEqual([
            `${DEFAULT}/lwc/greeting/greeting.js:2: @salesforce/apex/GreetingController.getGreeting: no Apex class GreetingController in force-app`,
            `${DEFAULT}/objects/Thing__c/fields/Good__c.field-meta.xml:1: CustomField Thing__c.Good__c: the converted Thing__c.object has no <fields> entry with <fullName>Good__c</fullName> (mangled by the conversion)`,
            `${DEFAULT}/objects/Thing__c/fields/Good__c.field-meta.xml:2: malformed XML: Expected closing tag 'label' (opened in line 2, col 1) instead of closing tag 'labl'.`
        ]);
        expect(stdout).toContain('check:org FAILED: 3 finding(s)');
        expect(stdout).toMatch(/check pmd-security +0 files +0 findings/);
        expect(status).toBe(1);
    }, 120000);

    it('exits 2 when a check crashes, naming it', async () => {
        const broken = {
            name: 'broken-check',
            run: () => Promise.reject(new Error('parser exploded'))
        };
        const { status, stdout } = await run(CLEAN_FIXTURE, [broken]);
        expect(stdout).toMatch(/check broken-check +CRASHED after \d+\.\ds: parser exploded/);
        expect(stdout).toContain('check:org FAILED: 0 finding(s), 1 check(s) crashed');
        expect(status).toBe(2);
    });

    it('runs as a script: the folder from argv, the exit code from the result', () => {
        const script = ['--import', 'tsx', 'scripts/checks/main.ts', os.tmpdir()];
        const r = spawnSync(process.execPath, script, {
            cwd: REPO,
            encoding: 'utf8'
        });
        expect(r.stdout + r.stderr).toContain(`check:org: no force-app folder in ${os.tmpdir()}`);
        expect(r.status).toBe(2);
    }, 60000);
});
