/**
 * The Apex test runner: every @isTest method of the project, each in a fresh transaction over the store as the
 * class's @TestSetup left it, with line coverage of the non-test classes.
 */
import { ApexSystemError, UnsupportedError } from './values/model';
import type { ProjectMetadata } from './project/types';
import { hasAnnotation, allClasses, type ClassInfo, type MethodInfo } from './interpreter/classes';
import { ApexThrow } from './interpreter/control';
import { exceptionState } from './interpreter/exceptions';
import { Runtime } from './interpreter/runtime';

export type Outcome = 'Pass' | 'Fail' | 'Unsupported';

export interface TestResult {
    className: string;
    methodName: string;
    outcome: Outcome;
    message: string | null;
    stackTrace: string | null;
    timeMs: number;
}

export interface RunReport {
    /** The runtime the tests ran on (coverage details, diagnostics). */
    runtime: Runtime;
    tests: TestResult[];
    coverage: Record<string, { covered: number; total: number }>;
    summary: { passed: number; failed: number; unsupported: number; coveragePct: number };
    loadErrors: string[];
}

export function isTestMethod(m: MethodInfo): boolean {
    return !!hasAnnotation(m.annotations, 'istest') || m.modifiers.has('testmethod');
}

export function testClasses(rt: Runtime, only?: string[]): ClassInfo[] {
    const wanted = only?.map((n) => n.toLowerCase());
    return rt.topLevel
        .filter((c) => c.kind === 'class' && c.isTest)
        .filter((c) => !wanted || wanted.includes(c.name.toLowerCase()))
        .filter((c) => [...c.methods.values()].flat().some(isTestMethod))
        .sort((a, b) => a.name.localeCompare(b.name));
}

function describeFailure(
    rt: Runtime,
    err: unknown
): { outcome: Outcome; message: string; stack: string | null } {
    if (err instanceof UnsupportedError) return { outcome: 'Unsupported', message: err.message, stack: null };
    if (err instanceof ApexThrow) {
        const s = exceptionState(err.exception);
        const stack = s.stack.map((l) => l.replace(/^Class\./, '').replace(/, column \d+$/, '')).join('\n');
        const message =
            rt.interp.isSubclass(err.exception.className, 'AuraHandledException') &&
            s.clientMessage !== undefined
                ? s.clientMessage
                : s.message;
        return {
            outcome: 'Fail',
            message: `${err.exception.className}: ${message ?? 'null'}`,
            stack: stack || null
        };
    }
    if (err instanceof ApexSystemError)
        return { outcome: 'Fail', message: `System.${err.exceptionType}: ${err.message}`, stack: null };
    const e = err as Error;
    return {
        outcome: 'Unsupported',
        message: `Unsupported: runtime internal error (${e?.message ?? String(err)})`,
        stack: e?.stack?.split('\n').slice(0, 4).join('\n') ?? null
    };
}

/** Runs the tests of the given classes (all test classes when none are named). */
export function runTests(project: ProjectMetadata, only?: string[]): RunReport {
    const rt = new Runtime(project);
    rt.inTest = true;
    const tests: TestResult[] = [];
    const baseline = rt.data.store.snapshot();
    for (const cls of testClasses(rt, only)) {
        const methods = [...cls.methods.values()]
            .flat()
            .filter(isTestMethod)
            .sort((a, b) => a.line - b.line);
        const setup = [...cls.methods.values()].flat().find((m) => hasAnnotation(m.annotations, 'testsetup'));
        rt.data.store.restore(baseline);
        let setupFailure: { outcome: Outcome; message: string; stack: string | null } | undefined;
        if (setup) {
            rt.user = rt.data.org.admin;
            rt.beginTransaction();
            try {
                rt.runTopLevel(cls, setup.name, (f) => rt.interp.invoke(setup, null, [], f));
            } catch (err) {
                setupFailure = describeFailure(rt, err);
            }
        }
        const afterSetup = rt.data.store.snapshot();
        for (const m of methods) {
            const started = performance.now();
            if (setupFailure) {
                tests.push({
                    className: cls.name,
                    methodName: m.name,
                    outcome: setupFailure.outcome,
                    message: setupFailure.message,
                    stackTrace: setupFailure.stack,
                    timeMs: 0
                });
                continue;
            }
            rt.data.store.restore(afterSetup);
            rt.user = rt.data.org.admin;
            rt.beginTransaction();
            let result: { outcome: Outcome; message: string | null; stack: string | null } = {
                outcome: 'Pass',
                message: null,
                stack: null
            };
            try {
                rt.runTopLevel(cls, m.name, (f) => rt.interp.invoke(m, null, [], f));
            } catch (err) {
                result = describeFailure(rt, err);
            }
            tests.push({
                className: cls.name,
                methodName: m.name,
                outcome: result.outcome,
                message: result.message,
                stackTrace: result.stack,
                timeMs: Math.round(performance.now() - started)
            });
        }
    }
    const coverage: RunReport['coverage'] = {};
    let covered = 0;
    let total = 0;
    for (const top of rt.topLevel) {
        if (top.isTest || top.kind === 'interface' || top.kind === 'enum') continue;
        const lines = new Set<number>();
        for (const c of allClasses(top)) for (const l of c.coverable) lines.add(l);
        if (!lines.size) continue;
        const hit = rt.coverage.covered.get(top.name) ?? new Set<number>();
        const c = [...lines].filter((l) => hit.has(l)).length;
        coverage[top.name] = { covered: c, total: lines.size };
        covered += c;
        total += lines.size;
    }
    const passed = tests.filter((t) => t.outcome === 'Pass').length;
    const failed = tests.filter((t) => t.outcome === 'Fail').length;
    const unsupported = tests.filter((t) => t.outcome === 'Unsupported').length;
    return {
        runtime: rt,
        tests,
        coverage,
        summary: {
            passed,
            failed,
            unsupported,
            coveragePct: total ? Math.round((covered / total) * 1000) / 10 : 100
        },
        loadErrors: rt.loadErrors
    };
}
