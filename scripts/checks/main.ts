import { existsSync } from 'node:fs';
import path from 'node:path';
import { apexLsCheck } from './apexLs';
import { apexReferencesCheck } from './apexReferences';
import { apexSyntaxCheck } from './apexSyntax';
import { apexImportsCheck } from './contracts/apexImports';
import { apexTestsCheck } from './contracts/apexTests';
import { labelsCheck } from './contracts/labels';
import { lwcTestsCheck } from './contracts/lwcTests';
import { schemaImportsCheck } from './contracts/schemaImports';
import { sitePagesCheck } from './contracts/sitePages';
import { conversionCheck } from './conversion';
import { metadataLimitsCheck } from './metadataLimits';
import { metadataXmlCheck } from './metadataXml';
import { pmdSecurityCheck } from './pmdSecurity';
import { PACKAGE_DIR, packageRoot } from './lib/files';
import type { Check, CheckResult, Finding } from './lib/types';

/** Java-backed checks run in a child process, so they overlap with the in-process ones. */
const BACKGROUND: Check[] = [pmdSecurityCheck, apexLsCheck];
const FOREGROUND: Check[] = [
    metadataXmlCheck,
    metadataLimitsCheck,
    conversionCheck,
    apexSyntaxCheck,
    apexReferencesCheck,
    apexImportsCheck,
    labelsCheck,
    schemaImportsCheck,
    apexTestsCheck,
    lwcTestsCheck,
    sitePagesCheck
];

interface Outcome {
    check: Check;
    result?: CheckResult;
    error?: unknown;
    ms: number;
}

async function timed(check: Check, root: string): Promise<Outcome> {
    const start = performance.now();
    try {
        const result = await check.run(root);
        result.findings = dedupe(result.findings);
        return { check, result, ms: performance.now() - start };
    } catch (error) {
        return { check, error, ms: performance.now() - start };
    }
}

export function compareFindings(a: Finding, b: Finding): number {
    const byText = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
    return byText(a.file, b.file) || a.line - b.line || byText(a.message, b.message);
}

/** Two violations of one rule on one line (e.g. key and IV) read as one finding. */
function dedupe(findings: Finding[]): Finding[] {
    const seen = new Set<string>();
    return findings.filter((f) => {
        const k = `${f.check}\0${f.file}\0${f.line}\0${f.message}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
    });
}

export function formatFinding(f: Finding): string {
    return `${f.file}:${f.line}: ${f.message}`;
}

/** Every check, in the order of the summary. */
export const CHECKS: Check[] = [...FOREGROUND, ...BACKGROUND];

/** Runs the checks on `root`; prints findings and a summary; resolves to the process exit code. */
export async function runAll(
    root: string,
    log: (line: string) => void = console.log,
    checks: Check[] = CHECKS
): Promise<number> {
    if (!existsSync(packageRoot(root))) {
        log(`check:org: no ${PACKAGE_DIR} folder in ${root}`);
        return 2;
    }
    const started = performance.now();
    const background = checks.filter((c) => BACKGROUND.includes(c)).map((c) => timed(c, root));
    const outcomes: Outcome[] = [];
    for (const c of checks.filter((c) => !BACKGROUND.includes(c))) outcomes.push(await timed(c, root));
    outcomes.push(...(await Promise.all(background)));

    const findings = outcomes.flatMap((o) => o.result?.findings ?? []).sort(compareFindings);
    for (const f of findings) log(formatFinding(f));
    if (findings.length > 0) log('');
    const width = Math.max(...outcomes.map((o) => o.check.name.length));
    for (const o of outcomes) {
        const secs = (o.ms / 1000).toFixed(1);
        if (o.error !== undefined) {
            const why = o.error instanceof Error ? o.error.message : String(o.error);
            log(`check ${o.check.name.padEnd(width)}  CRASHED after ${secs}s: ${why}`);
            continue;
        }
        const r = o.result as CheckResult;
        log(
            `check ${o.check.name.padEnd(width)}  ${String(r.filesExamined).padStart(4)} files  ${String(r.findings.length).padStart(3)} findings  ${secs}s`
        );
        for (const note of r.notes ?? []) log(`      ${note}`);
    }
    const crashed = outcomes.filter((o) => o.error !== undefined).length;
    const total = ((performance.now() - started) / 1000).toFixed(1);
    log(
        findings.length === 0 && crashed === 0
            ? `check:org OK: no findings (${total}s)`
            : `check:org FAILED: ${findings.length} finding(s)${crashed ? `, ${crashed} check(s) crashed` : ''} (${total}s)`
    );
    if (crashed > 0) return 2;
    return findings.length > 0 ? 1 : 0;
}

// Run only as a script (tsx main.ts), not when a test imports this module; works in CJS and ESM alike.
const isMain = /(^|[\\/])main\.ts$/.test(process.argv[1] ?? '');
if (isMain) {
    const root = path.resolve(process.argv[2] ?? process.cwd());
    runAll(root).then(
        (code) => {
            process.exitCode = code;
        },
        (error: unknown) => {
            console.error(error);
            process.exitCode = 2;
        }
    );
}
