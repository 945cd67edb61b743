import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { apexFiles } from './apexSyntax';
import { isCommentToken, parseApexFile } from './lib/apex';
import { rel } from './lib/files';
import type { Check, CheckResult, Finding } from './lib/types';
import { unjustifiedSuppressions } from './pmdSecurity';

const NAME = 'apex-ls';
const MAIN_CLASS = 'io.github.apexdevtools.apexls.CheckForIssues';

/** The java-lib folder of the PMD engine: it ships the apex-ls jar and everything it needs. */
export function apexLsClasspath(): string {
    const engine = path.dirname(require.resolve('@salesforce/code-analyzer-pmd-engine/package.json'));
    const lib = path.join(engine, 'dist', 'java-lib');
    if (!existsSync(lib) || !readdirSync(lib).some((f) => /^apex-ls_.*\.jar$/.test(f))) {
        throw new Error(`no apex-ls jar in ${lib}`);
    }
    return `${lib}${path.sep}*`;
}

export interface ApexLsMessage {
    file: string;
    line: number;
    category: string;
    message: string;
}

interface ApexLsJson {
    files?: { path: string; messages: { start: { line: number }; category: string; message: string }[] }[];
}

/** CheckForIssues' JSON report (`-f json`) as a flat list; throws when the output is not that report. */
export function parseApexLsReport(stdout: string): ApexLsMessage[] {
    const start = stdout.indexOf('{');
    if (start < 0)
        throw new Error(`apex-ls printed no report: ${stdout.trim().slice(0, 300) || 'no output'}`);
    const json = JSON.parse(stdout.slice(start)) as ApexLsJson;
    if (!Array.isArray(json.files)) throw new Error('apex-ls report has no "files" list');
    return json.files.flatMap((f) =>
        f.messages.map((m) => ({
            file: f.path,
            line: m.start.line,
            category: m.category,
            message: m.message
        }))
    );
}

/**
 * `// apex-ls-ignore <Category>: <why>` on the message's line or the line next to it silences one apex-ls
 * message that `@SuppressWarnings` cannot (errors, e.g. a platform type missing from its type list).
 */
export function isIgnored(msg: ApexLsMessage): boolean {
    const parsed = parseApexFile(msg.file);
    return parsed.tokens.some(
        (t) =>
            isCommentToken(t) &&
            Math.abs(t.line - msg.line) <= 1 &&
            new RegExp(`apex-ls-ignore\\s+${msg.category}\\s*:.*\\w{2,}`).test(t.text)
    );
}

function runJava(projectRoot: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    // A short run: the C1 compiler alone and the serial GC start fastest on a busy 2-core machine.
    const jvm = process.env.JAVA_TOOL_OPTIONS ? [] : ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];
    const args = [
        ...jvm,
        '-cp',
        apexLsClasspath(),
        MAIN_CLASS,
        '-f',
        'json',
        '-d',
        'unused',
        '-n',
        '-w',
        projectRoot
    ];
    return new Promise((resolve, reject) => {
        const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        child.on('error', (err) =>
            reject(new Error(`could not start java (Java 11+ on PATH?): ${err.message}`))
        );
        child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
}

/**
 * apex-dev-tools' semantic checker (`CheckForIssues`): unresolved types and members, wrong argument types,
 * reserved identifiers, unused code. Every error and warning (unused code included) is a finding, unless
 * silenced with a reason: `@SuppressWarnings('Unused')` with a comment, or `// apex-ls-ignore X: why`.
 */
export async function runApexLs(projectRoot: string): Promise<CheckResult> {
    const files = apexFiles(projectRoot);
    if (files.length === 0)
        return { findings: [], filesExamined: 0, notes: ['no Apex files: apex-ls not run'] };
    const findings: Finding[] = [];
    const running = runJava(projectRoot);
    for (const file of files) {
        for (const s of unjustifiedSuppressions(parseApexFile(file), {
            annotation: /^'(?!PMD)/i,
            nopmd: false
        })) {
            findings.push({ file: rel(projectRoot, file), line: s.line, message: s.message, check: NAME });
        }
    }
    const { code, stdout, stderr } = await running;
    // Exit 0: nothing found; 4: messages reported. Anything else is a crash, never a pass.
    if (code !== 0 && code !== 4) {
        throw new Error(
            `apex-ls exited ${code}: ${(stderr || stdout).trim().split('\n').slice(-3).join(' ')}`
        );
    }
    const messages = code === 0 && stdout.trim() === '' ? [] : parseApexLsReport(stdout);
    let ignored = 0;
    for (const m of messages) {
        if (isIgnored(m)) {
            ignored++;
            continue;
        }
        findings.push({
            file: rel(projectRoot, m.file),
            line: m.line,
            message: `${m.category}: ${m.message}`,
            check: NAME
        });
    }
    return {
        findings,
        filesExamined: files.length,
        notes: ignored > 0 ? [`${ignored} message(s) ignored with a reason (apex-ls-ignore)`] : undefined
    };
}

export async function checkApexLs(projectRoot: string): Promise<Finding[]> {
    return (await runApexLs(projectRoot)).findings;
}

export const apexLsCheck: Check = { name: NAME, run: runApexLs };
