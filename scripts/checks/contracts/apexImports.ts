import { apexClassIndex } from '../lib/apexIndex';
import { rel } from '../lib/files';
import { lwcSourceFiles, moduleImports } from '../lib/lwc';
import type { Check, CheckResult, Finding } from '../lib/types';

const NAME = 'contract-apex-imports';
const PREFIX = '@salesforce/apex/';

/** Every `@salesforce/apex/Class.method` import in an LWC names a static @AuraEnabled method that exists. */
export async function runApexImports(projectRoot: string): Promise<CheckResult> {
    const classes = apexClassIndex(projectRoot);
    const files = lwcSourceFiles(projectRoot);
    const findings: Finding[] = [];
    for (const file of files) {
        for (const imp of moduleImports(file)) {
            if (!imp.source.startsWith(PREFIX)) continue;
            const problem = checkImport(imp.source.slice(PREFIX.length), classes);
            if (problem) {
                findings.push({
                    file: rel(projectRoot, file),
                    line: imp.line,
                    message: `${imp.source}: ${problem}`,
                    check: NAME
                });
            }
        }
    }
    return { findings, filesExamined: files.length + classes.size };
}

function checkImport(target: string, classes: ReturnType<typeof apexClassIndex>): string | undefined {
    const parts = target.split('.');
    if (parts.length !== 2 || !parts[0] || !parts[1]) return 'expected Class.method';
    const [className, methodName] = parts;
    const entry = classes.get(className.toLowerCase());
    if (!entry) return `no Apex class ${className} in force-app`;
    const type = entry.parsed.type;
    if (!type || type.kind !== 'class') return `${className} is not a class that could be parsed`;
    const methods = type.methods.filter((m) => m.name.toLowerCase() === methodName.toLowerCase());
    if (methods.length === 0) return `class ${type.name} has no method ${methodName}`;
    if (methods.some((m) => m.isStatic && m.annotations.includes('auraenabled'))) return undefined;
    const m = methods[0];
    const missing = [
        m.isStatic ? '' : 'static',
        m.annotations.includes('auraenabled') ? '' : '@AuraEnabled'
    ].filter(Boolean);
    return `${type.name}.${m.name} (line ${m.line}) must be ${missing.join(' and ')}`;
}

export async function checkApexImports(projectRoot: string): Promise<Finding[]> {
    return (await runApexImports(projectRoot)).findings;
}

export const apexImportsCheck: Check = { name: NAME, run: runApexImports };
