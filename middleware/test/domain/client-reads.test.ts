/**
 * requireClientWithReads: the client check and the reads go out together, and the answer is the one the
 * sequential order (client first, then each read) would give, whatever order the billing system answers in.
 * Ordering is driven by hand-settled promises: nothing here depends on time.
 */
import { AppError, BillingRejectedError, BillingUnavailableError } from '../../src/domain/errors';
import type { BillingClientRecord } from '../../src/domain/ports';
import { requireClientWithReads } from '../../src/domain/services/billing';
import type { ServiceDeps } from '../../src/domain/services/deps';

/** The helper only passes the record through. */
const CLIENT = { id: 1, firstName: 'Kenta' } as BillingClientRecord;

interface Deferred<T> {
    promise: Promise<T>;
    resolve(value: T): void;
    reject(reason: unknown): void;
}

function deferred<T>(): Deferred<T> {
    let resolve!: (value: T) => void;
    let reject!: (reason: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
    });
    return { promise, resolve, reject };
}

/** Lets every queued promise callback run (and Node report any unhandled rejection). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Only the port method the helper uses; the client check answers when the test says so. */
function depsWithClient(client: Promise<BillingClientRecord | null>): ServiceDeps {
    return { billing: { getClient: () => client } } as unknown as ServiceDeps;
}

const unavailable = new BillingUnavailableError('GetClientsDetails', 'transport');
const rejected = new BillingRejectedError('GetPayMethods', 'Client Not Found');

let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
beforeEach(() => {
    unhandled = [];
    process.on('unhandledRejection', onUnhandled);
});
afterEach(async () => {
    await settle();
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
});

it('sends every read before the client check has answered, and answers with all of them', async () => {
    const client = deferred<BillingClientRecord | null>();
    const payMethods = jest.fn(async () => ['card']);
    const services = jest.fn(async () => 3);
    const answer = requireClientWithReads(depsWithClient(client.promise), 1, payMethods, services);
    await settle();
    expect(payMethods).toHaveBeenCalledTimes(1);
    expect(services).toHaveBeenCalledTimes(1);
    client.resolve(CLIENT);
    await expect(answer).resolves.toEqual([CLIENT, ['card'], 3]);
});

it('unknown client → NOT_FOUND, also when the read failed first or came back empty', async () => {
    for (const read of [() => Promise.reject(rejected), async () => []]) {
        const client = deferred<BillingClientRecord | null>();
        const answer = requireClientWithReads(depsWithClient(client.promise), 9, read);
        await settle();
        client.resolve(null);
        const err = await answer.catch((e: unknown) => e);
        expect(err).toBeInstanceOf(AppError);
        expect(err).toMatchObject({ code: 'NOT_FOUND', message: 'No billing account with this id.' });
    }
});

it("the client check's failure wins over a read's, whichever WHMCS answered first", async () => {
    // The read fails first.
    const late = deferred<BillingClientRecord | null>();
    const first = requireClientWithReads(depsWithClient(late.promise), 1, () => Promise.reject(rejected));
    await settle();
    late.reject(unavailable);
    await expect(first).rejects.toBe(unavailable);

    // The client check fails first; the read fails afterwards, with nobody waiting for it any more.
    const read = deferred<string>();
    const second = requireClientWithReads(depsWithClient(Promise.reject(unavailable)), 1, () => read.promise);
    await expect(second).rejects.toBe(unavailable);
    read.reject(rejected);
});

it("a known client: the read's own failure is the answer; of two failing reads the first argument's", async () => {
    await expect(
        requireClientWithReads(depsWithClient(Promise.resolve(CLIENT)), 1, () => Promise.reject(rejected))
    ).rejects.toBe(rejected);

    const slow = deferred<string>();
    const answer = requireClientWithReads(
        depsWithClient(Promise.resolve(CLIENT)),
        1,
        () => slow.promise,
        () => Promise.reject(rejected)
    );
    await settle();
    slow.reject(unavailable);
    await expect(answer).rejects.toBe(unavailable);
});

it('a read that throws before returning a promise is a rejection like any other', async () => {
    const boom = new Error('boom');
    const throwing = (() => {
        throw boom;
    }) as () => Promise<never>;
    await expect(
        requireClientWithReads(depsWithClient(Promise.resolve(null)), 9, throwing)
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(requireClientWithReads(depsWithClient(Promise.resolve(CLIENT)), 1, throwing)).rejects.toBe(
        boom
    );
});
