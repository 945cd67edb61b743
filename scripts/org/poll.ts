// Polls an asynchronous Salesforce job with exponential backoff instead of fixed sleeps.
// Clock and sleep are injectable so tests run instantly.

export type PollState = 'done' | 'failed' | 'pending';

export interface PollOptions<T> {
    /** Reads the current state of the job (one query). */
    check: () => Promise<T>;
    classify: (value: T) => PollState;
    timeoutMs: number;
    initialDelayMs?: number;
    maxDelayMs?: number;
    factor?: number;
    now?: () => number;
    sleep?: (ms: number) => Promise<void>;
    onAttempt?: (attempt: number, value: T, state: PollState) => void;
}

export interface PollResult<T> {
    outcome: 'done' | 'failed' | 'timeout';
    value?: T;
    attempts: number;
    elapsedMs: number;
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function pollUntil<T>(options: PollOptions<T>): Promise<PollResult<T>> {
    const now = options.now ?? Date.now;
    const sleep = options.sleep ?? realSleep;
    const factor = options.factor ?? 1.6;
    const maxDelay = options.maxDelayMs ?? 30_000;
    let delay = options.initialDelayMs ?? 2_000;
    const started = now();
    const deadline = started + options.timeoutMs;
    let attempts = 0;
    let last: T | undefined;

    for (;;) {
        attempts++;
        last = await options.check();
        const state = options.classify(last);
        options.onAttempt?.(attempts, last, state);
        if (state !== 'pending') {
            return { outcome: state, value: last, attempts, elapsedMs: now() - started };
        }
        const remaining = deadline - now();
        if (remaining <= 0) {
            return { outcome: 'timeout', value: last, attempts, elapsedMs: now() - started };
        }
        // Never sleep past the deadline: one last check happens right at it.
        await sleep(Math.min(delay, remaining));
        delay = Math.min(Math.round(delay * factor), maxDelay);
    }
}

/** BackgroundOperation.Status (New, Scheduled, Waiting, Running, Merged, Canceled, Error, Complete) to a poll state. */
export function classifyBackgroundOperation(status: string | undefined): PollState {
    switch ((status ?? '').toLowerCase()) {
        // Merged: folded into an identical operation already queued, which does the work.
        case 'merged':
        case 'complete':
        case 'completed':
            return 'done';
        case 'error':
        case 'failed':
        case 'canceled':
        case 'cancelled':
            return 'failed';
        default:
            return 'pending';
    }
}
