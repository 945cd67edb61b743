import { codeIdentifiers } from '../lib/apex';
import { apexClassIndex, isTestClass } from '../lib/apexIndex';
import { rel } from '../lib/files';
import type { Check, CheckResult, Finding } from '../lib/types';

const NAME = 'contract-apex-tests';

/**
 * Every non-test Apex class is named in the code of at least one other @isTest class. Names in comments
 * and string literals do not count (they are separate tokens); Apex names are case-insensitive.
 */
export async function runApexTests(projectRoot: string): Promise<CheckResult> {
    const classes = [...apexClassIndex(projectRoot).values()];
    const tests = classes
        .filter((c) => isTestClass(c.parsed))
        .map((c) => ({ file: c.file, ids: codeIdentifiers(c.parsed) }));
    const findings: Finding[] = [];
    for (const c of classes) {
        const type = c.parsed.type;
        if (!type || type.kind !== 'class' || isTestClass(c.parsed)) continue;
        const name = type.name.toLowerCase();
        if (!tests.some((t) => t.file !== c.file && t.ids.has(name))) {
            findings.push({
                file: rel(projectRoot, c.file),
                line: type.line,
                message: `Apex class ${type.name} is not referenced by any @isTest class`,
                check: NAME
            });
        }
    }
    return { findings, filesExamined: classes.length };
}

export async function checkApexTests(projectRoot: string): Promise<Finding[]> {
    return (await runApexTests(projectRoot)).findings;
}

export const apexTestsCheck: Check = { name: NAME, run: runApexTests };
