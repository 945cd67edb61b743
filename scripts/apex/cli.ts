/**
 * `npm run apex:test -- [--source DIR]... [--class NAME]... [--json]`
 * Runs the Apex tests of an SFDX source folder on the Apex runtime. Default source: the package directories of
 * the sfdx-project.json in the current folder. Exit code 1 when any test fails or is Unsupported.
 */
import path from 'node:path';
import { defaultSourceDirs, loadProject } from './project/load';
import { runTests, type RunReport } from './runner';

interface Args {
    sources: string[];
    classes: string[];
    json: boolean;
}

function parseArgs(argv: string[]): Args {
    const args: Args = { sources: [], classes: [], json: false };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === '--source' || a === '--class') {
            const v = argv[++i];
            if (!v) throw new Error(`${a} needs a value`);
            (a === '--source' ? args.sources : args.classes).push(v);
        } else if (a === '--json') args.json = true;
        else throw new Error(`unknown argument: ${a}`);
    }
    return args;
}

export function formatReport(report: RunReport): string {
    const lines: string[] = [];
    for (const e of report.loadErrors) lines.push(`LOAD ERROR ${e}`);
    for (const t of report.tests) {
        const mark = t.outcome === 'Pass' ? 'PASS' : t.outcome === 'Fail' ? 'FAIL' : 'UNSUPPORTED';
        lines.push(`${mark} ${t.className}.${t.methodName} (${t.timeMs} ms)`);
        if (t.outcome !== 'Pass') {
            lines.push(`    ${t.message ?? ''}`);
            if (t.stackTrace) for (const s of t.stackTrace.split('\n')) lines.push(`    ${s}`);
        }
    }
    lines.push('');
    lines.push('Coverage (lines covered / coverable):');
    const names = Object.keys(report.coverage).sort();
    for (const n of names) {
        const c = report.coverage[n];
        const pct = c.total ? ((c.covered / c.total) * 100).toFixed(1) : '100.0';
        lines.push(
            `  ${n.padEnd(40)} ${String(c.covered).padStart(4)} / ${String(c.total).padEnd(4)} ${pct.padStart(5)}%`
        );
    }
    lines.push(`  ${'overall'.padEnd(40)} ${report.summary.coveragePct.toFixed(1)}%`);
    lines.push('');
    const { passed, failed, unsupported } = report.summary;
    lines.push(`${passed} passed, ${failed} failed${unsupported ? `, ${unsupported} skipped` : ''}`);
    return lines.join('\n');
}

/** Per class 75% (the production deploy rule, applied to each class) and 90% overall; checked on whole runs. */
export const MIN_CLASS_COVERAGE = 75;
export const MIN_OVERALL_COVERAGE = 90;

export function coverageGaps(report: RunReport): string[] {
    const gaps: string[] = [];
    for (const [name, c] of Object.entries(report.coverage)) {
        const pct = c.total ? (c.covered / c.total) * 100 : 100;
        if (pct < MIN_CLASS_COVERAGE)
            gaps.push(`${name}: ${pct.toFixed(1)}% of lines covered, below ${MIN_CLASS_COVERAGE}%`);
    }
    if (report.summary.coveragePct < MIN_OVERALL_COVERAGE) {
        gaps.push(
            `overall: ${report.summary.coveragePct.toFixed(1)}% of lines covered, below ${MIN_OVERALL_COVERAGE}%`
        );
    }
    return gaps;
}

function main(): void {
    let args: Args;
    try {
        args = parseArgs(process.argv.slice(2));
    } catch (e) {
        process.stderr.write(`apex:test: ${(e as Error).message}\n`);
        process.exit(2);
    }
    const sources = args.sources.length
        ? args.sources.map((s) => path.resolve(s))
        : defaultSourceDirs(process.cwd());
    const started = performance.now();
    const project = loadProject(sources);
    const report = runTests(project, args.classes.length ? args.classes : undefined);
    if (args.json) {
        process.stdout.write(
            `${JSON.stringify({ tests: report.tests, coverage: report.coverage, summary: report.summary }, null, 2)}\n`
        );
    } else {
        process.stdout.write(`${formatReport(report)}\n`);
        process.stdout.write(`apex:test took ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    }
    const gaps = args.classes.length ? [] : coverageGaps(report);
    for (const g of gaps) process.stdout.write(`COVERAGE ${g}\n`);
    const bad = report.summary.failed + report.summary.unsupported + report.loadErrors.length + gaps.length;
    process.exit(bad ? 1 : 0);
}

if (require.main === module) main();
