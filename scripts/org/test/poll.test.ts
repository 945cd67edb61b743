import { classifyBackgroundOperation, pollUntil, type PollState } from '../poll';

/** A fake clock whose sleep just advances time. */
function fakeTime() {
    let t = 0;
    const sleeps: number[] = [];
    return {
        now: () => t,
        sleep: async (ms: number) => {
            sleeps.push(ms);
            t += ms;
        },
        sleeps
    };
}

function sequence(states: PollState[]) {
    let i = 0;
    return { check: async () => states[Math.min(i++, states.length - 1)], calls: () => i };
}

describe('pollUntil', () => {
    it('stops on success with growing, capped delays', async () => {
        const time = fakeTime();
        const seq = sequence(['pending', 'pending', 'pending', 'pending', 'done']);
        const result = await pollUntil({
            check: seq.check,
            classify: (s) => s,
            timeoutMs: 600_000,
            initialDelayMs: 1000,
            factor: 2,
            maxDelayMs: 5000,
            now: time.now,
            sleep: time.sleep
        });
        expect(result).toMatchObject({ outcome: 'done', attempts: 5 });
        expect(time.sleeps).toEqual([1000, 2000, 4000, 5000]);
    });

    it('stops on failure without sleeping again', async () => {
        const time = fakeTime();
        const seq = sequence(['pending', 'failed', 'done']);
        const result = await pollUntil({ check: seq.check, classify: (s) => s, timeoutMs: 60_000, ...time });
        expect(result).toMatchObject({ outcome: 'failed', value: 'failed', attempts: 2 });
        expect(time.sleeps).toHaveLength(1);
        expect(seq.calls()).toBe(2);
    });

    it('times out, never sleeping past the deadline, after a final check', async () => {
        const time = fakeTime();
        const seq = sequence(['pending']);
        const result = await pollUntil({
            check: seq.check,
            classify: (s) => s,
            timeoutMs: 10_000,
            initialDelayMs: 3000,
            factor: 2,
            now: time.now,
            sleep: time.sleep
        });
        expect(result.outcome).toBe('timeout');
        expect(time.sleeps).toEqual([3000, 6000, 1000]);
        expect(result.elapsedMs).toBe(10_000);
        expect(result.attempts).toBe(4);
    });

    it('reports each attempt', async () => {
        const time = fakeTime();
        const seen: string[] = [];
        await pollUntil({
            check: sequence(['pending', 'done']).check,
            classify: (s) => s,
            timeoutMs: 1000,
            onAttempt: (n, _v, state) => seen.push(`${n}:${state}`),
            ...time
        });
        expect(seen).toEqual(['1:pending', '2:done']);
    });
});

describe('classifyBackgroundOperation', () => {
    it.each([
        ['Complete', 'done'],
        ['Merged', 'done'],
        ['Scheduled', 'pending'],
        ['Waiting', 'pending'],
        ['Error', 'failed'],
        ['Canceled', 'failed'],
        ['Running', 'pending'],
        ['New', 'pending'],
        [undefined, 'pending']
    ])('%s -> %s', (status, state) => {
        expect(classifyBackgroundOperation(status)).toBe(state);
    });
});
