// Test doubles for the WHMCS client: a scripted fetch that records what it was sent.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';

export const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'whmcs');

export function fixture<T = Record<string, unknown>>(name: string): T {
    return JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as T;
}

/** PHP json_encode output: slashes escaped. */
export function phpJson(body: unknown): string {
    return JSON.stringify(body).replace(/\//g, '\\/');
}

export interface RecordedCall {
    url: string;
    params: URLSearchParams;
    body: string;
}

type Reply = { status?: number; body?: unknown; text?: string } | Error | (() => Promise<Response>);

/** A fetch that answers from a queue (the last reply repeats) and records every request. */
export function scriptedFetch(...replies: Reply[]) {
    const calls: RecordedCall[] = [];
    const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
        const body = String(init?.body ?? '');
        calls.push({ url: String(input), params: new URLSearchParams(body), body });
        const reply = replies.length > 1 ? replies.shift()! : replies[0];
        if (reply instanceof Error) throw reply;
        if (typeof reply === 'function') return reply();
        const text = reply.text ?? phpJson(reply.body ?? { result: 'success' });
        return new Response(text, {
            status: reply.status ?? 200,
            headers: { 'content-type': 'application/json' }
        });
    }) as typeof fetch;
    return { fetchImpl, calls };
}

/** A pino logger writing JSON lines into a string buffer. */
export function bufferLogger(level: pino.Level = 'trace') {
    const lines: string[] = [];
    const stream = new Writable({
        write(chunk: Buffer, _enc, cb) {
            lines.push(chunk.toString('utf8'));
            cb();
        }
    });
    const logger = pino({ level }, stream);
    return { logger, text: () => lines.join('') };
}

export const CREDS = { identifier: 'id-ABC-123', secret: 'sec-XYZ-789', accessKey: 'ak-!@#-456' };
