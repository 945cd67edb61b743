// Runs the Salesforce CLI (`npx sf ... --json`) as a child process and returns its parsed JSON result.
import { spawn } from 'node:child_process';

export interface SfJson {
    status: number;
    result?: unknown;
    message?: string;
    name?: string;
}

export type SfRunner = (args: readonly string[]) => Promise<SfJson>;

const QUIET_ENV = {
    SF_DISABLE_TELEMETRY: 'true',
    SF_AUTOUPDATE_DISABLE: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
    SF_HIDE_RELEASE_NOTES: 'true'
};

export class SfCommandError extends Error {
    constructor(
        message: string,
        readonly args: readonly string[],
        readonly exitCode: number | null
    ) {
        super(message);
        this.name = 'SfCommandError';
    }
}

/** Parses the last JSON document sf printed (warnings can precede it). */
export function parseSfOutput(stdout: string): SfJson | undefined {
    const start = stdout.indexOf('{');
    if (start < 0) return undefined;
    try {
        return JSON.parse(stdout.slice(start)) as SfJson;
    } catch {
        return undefined;
    }
}

const MAX_REASON = 300;
// A Salesforce session id / access token (org id, '!', then the token); sf prints one with `org display`.
const ACCESS_TOKEN = /\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]+/g;

/**
 * The reason to show when sf printed no JSON message: its last non-empty line, without access tokens, at
 * most 300 characters (raw output can hold whole stack traces, or a token).
 */
export function failureLine(output: string): string {
    const lines = output
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '');
    const last = lines.length > 0 ? lines[lines.length - 1] : 'no output';
    const clean = last.replace(ACCESS_TOKEN, '<token>');
    return clean.length > MAX_REASON ? `${clean.slice(0, MAX_REASON)}…` : clean;
}

export const runSf: SfRunner = (args) =>
    new Promise((resolve, reject) => {
        const child = spawn('npx', ['--no-install', 'sf', ...args, '--json'], {
            env: { ...process.env, ...QUIET_ENV },
            stdio: ['ignore', 'pipe', 'pipe']
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', (err) =>
            reject(new SfCommandError(`could not start sf: ${err.message}`, args, null))
        );
        child.on('close', (code) => {
            const json = parseSfOutput(stdout);
            if (code === 0 && json && json.status === 0) {
                resolve(json);
                return;
            }
            const reason = json?.message ?? failureLine(stderr || stdout);
            reject(
                new SfCommandError(
                    `sf ${args.slice(0, 3).join(' ')} failed (exit ${code}): ${reason}`,
                    args,
                    code
                )
            );
        });
    });

/** `sf community create|publish --json` returns the BackgroundOperation id as result.jobId. */
export function jobIdOf(json: SfJson): string | undefined {
    const result = json.result as { jobId?: unknown } | undefined;
    return typeof result?.jobId === 'string' && result.jobId !== '' ? result.jobId : undefined;
}
