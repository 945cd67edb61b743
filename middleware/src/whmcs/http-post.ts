/**
 * The one HTTP exchange the WHMCS client needs (a form POST, answer read as text) on keep-alive
 * `node:http`/`node:https` agents: about half the CPU of `fetch`, which clones and tees every request body
 * when redirects are handled manually. Its failures look like fetch's (a TypeError whose cause carries the
 * socket error code), so the transport classifies both alike. Redirects are never followed.
 */
import http from 'node:http';
import https from 'node:https';
import { urlToHttpOptions } from 'node:url';

export interface PostInit {
    method: 'POST';
    headers: Record<string, string>;
    body: string;
    signal: AbortSignal;
    redirect: 'manual';
}

export interface PostAnswer {
    status: number;
    text(): Promise<string>;
}

/** What the transport calls; `fetch` is one. */
export type HttpPost = (url: string, init: PostInit) => Promise<PostAnswer>;

const failed = (cause: unknown) => new TypeError('fetch failed', { cause });

export function createHttpPost(): HttpPost {
    // Idle sockets are unref'd by the agent: they do not keep the process alive.
    const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
    // The client posts to one URL: parsed once, not per call.
    const targets = new Map<string, { secure: boolean; options: http.RequestOptions }>();
    const targetOf = (url: string) => {
        let target = targets.get(url);
        if (!target) {
            const parsed = new URL(url);
            const secure = parsed.protocol === 'https:';
            // What http.request(url, options) would derive from the URL on every call.
            target = {
                secure,
                options: { ...urlToHttpOptions(parsed), agent: secure ? agents.https : agents.http }
            };
            targets.set(url, target);
        }
        return target;
    };
    return (url, init) =>
        new Promise<PostAnswer>((resolve, reject) => {
            const { secure, options } = targetOf(url);
            const req = (secure ? https : http).request(
                {
                    ...options,
                    method: init.method,
                    headers: { ...init.headers, 'content-length': Buffer.byteLength(init.body) },
                    signal: init.signal
                },
                (res) => {
                    const body = new Promise<string>((done, fail) => {
                        const chunks: Buffer[] = [];
                        res.on('data', (chunk: Buffer) => chunks.push(chunk));
                        res.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
                        res.on('error', (err) => fail(failed(err)));
                        // A connection cut mid-answer: 'close' without 'end'.
                        res.on('close', () => {
                            if (!res.complete)
                                fail(failed(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
                        });
                    });
                    // Rejections are taken when text() is called; until then none is unhandled.
                    body.catch(() => undefined);
                    resolve({ status: res.statusCode ?? 0, text: () => body });
                }
            );
            req.on('error', (err) => reject(failed(err)));
            req.end(init.body);
        });
}
