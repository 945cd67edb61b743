import path from 'node:path';
import { parseApexFile } from './lib/apex';
import { listDeployableFiles, rel } from './lib/files';
import type { Check, CheckResult, Finding } from './lib/types';

const NAME = 'apex-syntax';

/** Every .cls / .trigger must parse with @apexdevtools/apex-parser (lexer errors included). */
export async function runApexSyntax(projectRoot: string): Promise<CheckResult> {
    const files = apexFiles(projectRoot);
    const findings: Finding[] = [];
    for (const file of files) {
        const parsed = parseApexFile(file);
        const fileName = path.basename(file).replace(/\.(cls|trigger)$/i, '');
        if (
            parsed.errors.length === 0 &&
            parsed.type &&
            parsed.type.name.toLowerCase() !== fileName.toLowerCase()
        ) {
            findings.push({
                file: rel(projectRoot, file),
                line: parsed.type.line,
                message: `${parsed.type.kind} ${parsed.type.name} is declared in ${path.basename(file)}: the names must match`,
                check: NAME
            });
        }
        for (const e of parsed.errors) {
            findings.push({
                file: rel(projectRoot, file),
                line: e.line,
                message: `column ${e.column}: ${e.message}`,
                check: NAME
            });
        }
    }
    return { findings, filesExamined: files.length };
}

export async function checkApexSyntax(projectRoot: string): Promise<Finding[]> {
    return (await runApexSyntax(projectRoot)).findings;
}

export const apexSyntaxCheck: Check = { name: NAME, run: runApexSyntax };

/** Deployable Apex sources (.forceignore'd boilerplate is skipped). */
export function apexFiles(projectRoot: string): string[] {
    return listDeployableFiles(projectRoot).filter((f) => /\.(cls|trigger)$/i.test(f));
}
