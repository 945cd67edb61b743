import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApexLexer } from '@apexdevtools/apex-parser';
import {
    CodeAnalyzer,
    CodeAnalyzerConfig,
    EventType,
    LogLevel,
    type EngineLogEvent,
    type LogEvent
} from '@salesforce/code-analyzer-core';
import { createEnginePlugin } from '@salesforce/code-analyzer-pmd-engine';
import { apexFiles } from './apexSyntax';
import { isCommentToken, parseApexFile, tokenEndLine, type ParsedApex } from './lib/apex';
import { packageRoot, rel } from './lib/files';
import type { Check, CheckResult, Finding } from './lib/types';

const NAME = 'pmd-security';

/** The security rules we want; the ones this PMD engine lacks are skipped and named in the summary. */
export const WANTED_RULES = [
    'ApexCRUDViolation',
    'ApexSharingViolations',
    'ApexSOQLInjection',
    'ApexInsecureEndpoint',
    'ApexSuggestUsingNamedCred',
    'ApexOpenRedirect',
    'ApexXSSFromURLParam',
    'ApexXSSFromEscapeFalse',
    'ApexBadCrypto',
    'ApexDangerousMethods',
    'ApexCSRF'
];

/**
 * PMD security rules through code-analyzer-core + the PMD engine (Java). Any violation is a finding.
 * PMD honours `@SuppressWarnings('PMD.X')` and `// NOPMD`, so each of those must carry a comment saying why.
 */
export async function runPmdSecurity(projectRoot: string): Promise<CheckResult> {
    const files = apexFiles(projectRoot);
    if (files.length === 0) return { findings: [], filesExamined: 0, notes: ['no Apex files: PMD not run'] };

    // code-analyzer works in a temp folder of ours, removed afterwards (on engine errors it would keep its own).
    const workDir = mkdtempSync(path.join(os.tmpdir(), 'check-org-pmd-'));
    try {
        return await analyse(projectRoot, files, workDir);
    } finally {
        rmSync(workDir, { recursive: true, force: true });
    }
}

async function analyse(projectRoot: string, files: string[], workDir: string): Promise<CheckResult> {
    const findings: Finding[] = [];
    // code-analyzer's own `code-analyzer-suppress` markers are switched off: only PMD's (justified) ones count.
    const config = CodeAnalyzerConfig.fromObject(
        {
            engines: { cpd: { disable_engine: true } },
            suppressions: { disable_suppressions: true },
            root_working_folder: workDir,
            log_folder: workDir
        },
        projectRoot
    );
    const analyzer = new CodeAnalyzer(config);
    const errors: string[] = [];
    const onLog = (e: { logLevel: LogLevel; message: string }): void => {
        if (e.logLevel === LogLevel.Error) errors.push(e.message);
    };
    analyzer.onEvent<LogEvent>(EventType.LogEvent, onLog);
    analyzer.onEvent<EngineLogEvent>(EventType.EngineLogEvent, onLog);
    await analyzer.addEnginePlugin(createEnginePlugin());
    const workspace = await analyzer.createWorkspace([packageRoot(projectRoot)], files);
    const selection = await withFastJvmStartup(() =>
        analyzer.selectRules(
            WANTED_RULES.map((r) => `pmd:${r}`),
            { workspace }
        )
    );
    const selected = selection.getRulesFor('pmd').map((r) => r.getName());
    if (selected.length === 0) {
        // Without Java the engine registers no rules; passing silently would hide every violation.
        throw new Error(
            `the PMD engine offered none of the rules (Java 11+ on PATH?) ${errors.join(' ')}`.trim()
        );
    }
    const missing = WANTED_RULES.filter((r) => !selected.includes(r));
    const notes = [
        `PMD rules: ${selected.join(', ')}${missing.length ? `; not in this engine: ${missing.join(', ')}` : ''}`
    ];

    // Java is busy now; scan the suppressions meanwhile (main runs this check beside the others).
    const running = withFastJvmStartup(() => analyzer.run(selection, { workspace }));
    for (const file of files) {
        for (const sup of unjustifiedSuppressions(parseApexFile(file))) {
            findings.push({
                file: rel(projectRoot, file),
                line: sup.line,
                message: sup.message,
                check: NAME
            });
        }
    }
    const results = await running;
    for (const v of results.getViolations()) {
        const loc = v.getPrimaryLocation();
        const file = loc.getFile();
        findings.push({
            file: file ? rel(projectRoot, file) : 'force-app',
            line: loc.getStartLine() ?? 0,
            message: `${v.getRule().getName()}: ${v.getMessage().trim()}`,
            check: NAME
        });
    }
    // An engine error means some file was not analysed; that must not pass silently.
    for (const message of errors) {
        const file = files.find((f) => message.includes(f));
        findings.push({
            file: file ? rel(projectRoot, file) : 'force-app',
            line: file ? 1 : 0,
            message: `PMD could not analyse this: ${oneLine(message, file)}`,
            check: NAME
        });
    }
    return { findings, filesExamined: files.length, notes };
}

export async function checkPmdSecurity(projectRoot: string): Promise<Finding[]> {
    return (await runPmdSecurity(projectRoot)).findings;
}

export const pmdSecurityCheck: Check = { name: NAME, run: runPmdSecurity };

/**
 * PMD runs are short: the C1 compiler alone and the serial GC halve the wall time on a busy 2-core machine.
 * A JAVA_TOOL_OPTIONS set by the user wins.
 */
async function withFastJvmStartup<T>(work: () => Promise<T>): Promise<T> {
    const before = process.env.JAVA_TOOL_OPTIONS;
    if (before === undefined) {
        process.env.JAVA_TOOL_OPTIONS = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:CICompilerCount=1';
    }
    try {
        return await work();
    } finally {
        if (before === undefined) delete process.env.JAVA_TOOL_OPTIONS;
    }
}

function oneLine(message: string, file: string | undefined): string {
    const text = file ? message.split(file).join(path.basename(file)) : message;
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}

interface Suppression {
    line: number;
    message: string;
}

/** Text of a comment without its markers; empty when it says nothing. */
function commentText(text: string): string {
    return text
        .replace(/^\/\/+/, '')
        .replace(/^\/\*+/, '')
        .replace(/\*+\/$/, '')
        .replace(/^\s*\*+/gm, '')
        .trim();
}

/** A `//` or `/* *\/` comment that says something (ApexDoc documents the API, it does not justify). */
function isJustification(text: string): boolean {
    if (text.startsWith('/**')) return false;
    const said = commentText(text).replace(/\bNOPMD\b/gi, '');
    return /\w{2,}/.test(said);
}

export interface SuppressionKinds {
    /** Which `@SuppressWarnings('...')` values count. */
    annotation: RegExp;
    /** Whether `NOPMD` comments count. */
    nopmd: boolean;
}

const PMD_SUPPRESSIONS: SuppressionKinds = { annotation: /\bPMD\b/i, nopmd: true };

/** `@SuppressWarnings('PMD...')` and `NOPMD` markers (or other kinds) without a comment on the same or the preceding line. */
export function unjustifiedSuppressions(
    parsed: ParsedApex,
    kinds: SuppressionKinds = PMD_SUPPRESSIONS
): Suppression[] {
    const comments = parsed.tokens.filter(isCommentToken);
    const justifiedNear = (first: number, last: number): boolean =>
        comments.some((c) => c.line <= last && tokenEndLine(c) >= first - 1 && isJustification(c.text));
    const out: Suppression[] = [];

    const code = parsed.tokens.filter((t) => t.channel === 0);
    for (let i = 0; i + 3 < code.length; i++) {
        if (code[i].type !== ApexLexer.ATSIGN || code[i + 1].text.toLowerCase() !== 'suppresswarnings')
            continue;
        if (code[i + 2].type !== ApexLexer.LPAREN || code[i + 3].type !== ApexLexer.StringLiteral) continue;
        const value = code[i + 3].text;
        if (!kinds.annotation.test(value)) continue;
        const close = code.slice(i + 4).find((t) => t.type === ApexLexer.RPAREN) ?? code[i + 3];
        if (!justifiedNear(code[i].line, close.line)) {
            out.push({
                line: code[i].line,
                message: `unjustified suppression @SuppressWarnings(${value}): add a comment on the same or the preceding line saying why`
            });
        }
    }
    for (const c of kinds.nopmd ? comments : []) {
        if (!/\bNOPMD\b/.test(c.text)) continue;
        const after = commentText(c.text.slice(c.text.indexOf('NOPMD') + 5));
        const explained =
            /\w{2,}/.test(after) ||
            comments.some(
                (o) => o !== c && o.line <= c.line && tokenEndLine(o) >= c.line - 1 && isJustification(o.text)
            );
        if (!explained) {
            out.push({
                line: c.line,
                message:
                    'unjustified suppression NOPMD: say why after the marker (// NOPMD: reason) or in a comment on the preceding line'
            });
        }
    }
    return out;
}
