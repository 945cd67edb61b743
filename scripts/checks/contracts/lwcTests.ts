import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { rel } from '../lib/files';
import { lwcBundles } from '../lib/lwc';
import type { Check, CheckResult, Finding } from '../lib/types';

const NAME = 'contract-lwc-tests';

/** Every LWC bundle has at least one Jest test in `__tests__/*.test.js`. */
export async function runLwcTests(projectRoot: string): Promise<CheckResult> {
    const bundles = lwcBundles(projectRoot);
    const findings: Finding[] = [];
    for (const b of bundles) {
        const testDir = path.join(b.dir, '__tests__');
        const tests = existsSync(testDir) ? readdirSync(testDir).filter((f) => f.endsWith('.test.js')) : [];
        if (tests.length === 0) {
            findings.push({
                file: rel(projectRoot, b.anchor),
                line: 1,
                message: `LWC ${b.name} has no Jest test (${b.name}/__tests__/*.test.js)`,
                check: NAME
            });
        }
    }
    return { findings, filesExamined: bundles.length };
}

export async function checkLwcTests(projectRoot: string): Promise<Finding[]> {
    return (await runLwcTests(projectRoot)).findings;
}

export const lwcTestsCheck: Check = { name: NAME, run: runLwcTests };
