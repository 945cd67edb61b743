/**
 * The one HTTP exchange the WHMCS client needs (a form POST, answer read as text) on a keep-alive undici
 * Pool per origin, through its low-level dispatch: about 40% of the CPU of `node:http` with an AbortSignal
 * (whose listeners cost more than the request itself), and less than half of `fetch`, which clones and tees
 * every request body when redirects are handled manually. The timeout is a plain timer that aborts the
 * exchange (undici's own timeouts tick in half seconds). Failures look like fetch's (a TypeError whose cause
 * carries the code), so the transport classifies both alike. Redirects are never followed, and nothing is
 * ever sent twice: no retry here.
 */
import { Pool, type Dispatcher } from 'undici';

export interface PostInit {
    method: 'POST';
    headers: Record<string, string>;
    body: string;
    /** Per attempt, from the call to the answer's last byte. */
    timeoutMs: number;
    redirect: 'manual';
}

export interface PostAnswer {
    status: number;
    text(): Promise<string>;
}

/** What the transport calls: `createHttpPost()` in the client, fetch-shaped fakes in tests. */
export type HttpPost = (url: string, init: PostInit) => Promise<PostAnswer>;

class PostTimeout extends Error {}

const failed = (cause: unknown) => new TypeError('fetch failed', { cause });

/** Whether a failure of an HttpPost was its timeout. */
export function isPostTimeout(err: unknown): boolean {
    return (err as { cause?: unknown } | undefined)?.cause instanceof PostTimeout;
}

/**
 * One exchange's handler: the answer is handed over at its status line, its text at its end; a failure or
 * the timer ends it once, aborting the request (also one still waiting for a socket: then it is never sent).
 */
class Exchange implements Dispatcher.DispatchHandler {
    private controller?: Dispatcher.DispatchController;
    private readonly chunks: Buffer[] = [];
    private body?: { resolve(text: string): void; reject(err: unknown): void };
    private done = false;
    private readonly timer: NodeJS.Timeout;

    constructor(
        timeoutMs: number,
        private readonly onAnswer: (answer: PostAnswer) => void,
        private readonly onFailure: (err: unknown) => void
    ) {
        this.timer = setTimeout(
            () => this.fail(new PostTimeout(`no answer within ${timeoutMs} ms`)),
            timeoutMs
        );
    }

    onRequestStart(controller: Dispatcher.DispatchController): void {
        this.controller = controller;
        if (this.done) controller.abort(new PostTimeout('given up before it was sent'));
    }

    onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number): void {
        if (statusCode < 200 || this.done) return; // 1xx: the answer is still to come
        const text = new Promise<string>((resolve, reject) => (this.body = { resolve, reject }));
        // Rejections are taken when text() is called; until then none is unhandled.
        text.catch(() => undefined);
        this.onAnswer({ status: statusCode, text: () => text });
    }

    onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
        this.chunks.push(chunk);
    }

    onResponseEnd(): void {
        if (this.done) return;
        this.done = true;
        clearTimeout(this.timer);
        this.body?.resolve(Buffer.concat(this.chunks).toString('utf8'));
    }

    onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
        this.fail(err);
    }

    private fail(err: Error): void {
        if (this.done) return;
        this.done = true;
        clearTimeout(this.timer);
        this.controller?.abort(err);
        if (this.body) this.body.reject(failed(err));
        else this.onFailure(failed(err));
    }
}

export function createHttpPost(): HttpPost {
    // The client posts to one URL: its pool, path and headers are found once, not per call.
    const targets = new Map<string, { pool: Pool; path: string; authorization?: string }>();
    const targetOf = (url: string) => {
        let target = targets.get(url);
        if (!target) {
            const parsed = new URL(url);
            // Credentials in the URL (HTTP authentication in front of WHMCS) are sent as Basic, as node:http did.
            const user = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
            target = {
                pool: new Pool(parsed.origin),
                path: `${parsed.pathname}${parsed.search}`,
                authorization:
                    parsed.username || parsed.password
                        ? `Basic ${Buffer.from(user).toString('base64')}`
                        : undefined
            };
            targets.set(url, target);
        }
        return target;
    };
    return (url, init) =>
        new Promise<PostAnswer>((resolve, reject) => {
            const { pool, path, authorization } = targetOf(url);
            const headers = authorization ? { ...init.headers, authorization } : init.headers;
            pool.dispatch(
                { path, method: init.method, headers, body: init.body },
                new Exchange(init.timeoutMs, resolve, reject)
            );
        });
}
