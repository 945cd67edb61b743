// Removing a payment method and choosing the default: rules, answers, WHMCS calls, hostile input.
import type { BillingPort } from '../../src/domain/ports';
import { EMILY, KENTA, NOAH } from '../helpers/fixtures';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let bearer: string;
beforeAll(async () => {
    stack = await startStack();
    bearer = await stack.token();
});
afterAll(async () => {
    await stack.close();
});
beforeEach(() => {
    stack.sandbox.reset();
});

const base = (clientId: number | string) => `/v1/clients/${clientId}/payment-methods`;
const remove = (clientId: number | string, id: number | string, on: Stack = stack) =>
    on.http.delete(`${base(clientId)}/${id}`).set('authorization', `Bearer ${bearer}`);
const makeDefault = (clientId: number | string, id: number | string) =>
    stack.post(`${base(clientId)}/${id}/default`, undefined);

/**
 * The WHMCS actions the middleware calls while `fn` runs (from the sandbox's call log), sorted; without
 * GetClientsDetails, the client check a recent answer spares (known clients).
 */
async function whmcsCalls(fn: () => Promise<unknown>): Promise<string[]> {
    const log = async () => (await stack.control('/_sandbox/calls')) as { action: string }[];
    const before = (await log()).length;
    await fn();
    return (await log())
        .slice(before)
        .map((c) => c.action)
        .filter((a) => a !== 'GetClientsDetails')
        .sort();
}

async function addCard(clientId: number, cardNumber: string, cardExpiry = '1230'): Promise<number> {
    return (await stack.whmcs.addPayMethod({ clientId, cardNumber, cardExpiry })).payMethodId;
}

/** The sandbox's rows for one client: [id, is_default]. */
async function sandboxMethods(clientId: number): Promise<[number, number][]> {
    const state = await stack.state();
    return (state.payMethods as { id: number; userid: number; is_default: number }[])
        .filter((m) => m.userid === clientId)
        .map((m) => [m.id, m.is_default]);
}

const idsAndDefaults = (body: { paymentMethods: { id: number; isDefault: boolean }[] }) =>
    body.paymentMethods.map((m) => [m.id, m.isDefault]);

describe('make default', () => {
    it('the second card becomes the default, answered as GET would; WHMCS keeps one default', async () => {
        const second = await addCard(KENTA, '5555555555554444');
        let res: Awaited<ReturnType<typeof makeDefault>> | undefined;
        const calls = await whmcsCalls(async () => {
            res = await makeDefault(KENTA, second);
        });
        expect(res?.status).toBe(200);
        expect(idsAndDefaults(res?.body)).toEqual([
            [second, true],
            [1, false]
        ]);
        expect(res?.body.paymentMethods[0]).toMatchObject({
            label: 'MasterCard •••• 4444',
            lastFour: '4444'
        });
        expect(res?.body.hasUsableMethod).toBe(true);
        expect(calls).toEqual(['GetPayMethods', 'UpdatePayMethod']);
        expect(await sandboxMethods(KENTA)).toEqual([
            [1, 0],
            [second, 1]
        ]);
        expect((await stack.get(base(KENTA))).body).toEqual(res?.body);
    });

    it('the current default again: no WHMCS write', async () => {
        const calls = await whmcsCalls(async () => {
            const res = await makeDefault(KENTA, 1);
            expect(res.status).toBe(200);
            expect(idsAndDefaults(res.body)).toEqual([[1, true]]);
        });
        expect(calls).not.toContain('UpdatePayMethod');
    });

    it('an expired card → 409 PAYMENT_METHOD_EXPIRED, nothing written', async () => {
        const expired = await addCard(KENTA, '4000056655665556', '0120');
        const calls = await whmcsCalls(async () => {
            const res = await makeDefault(KENTA, expired);
            expect(res.status).toBe(409);
            expect(res.body.error).toEqual({
                code: 'PAYMENT_METHOD_EXPIRED',
                message: 'This card has expired, so it cannot be your default. Add a new card instead.',
                retryable: false
            });
        });
        expect(calls).not.toContain('UpdatePayMethod');
    });
});

describe('remove', () => {
    it('removing the default: the next usable one becomes the default, in the answer and in WHMCS', async () => {
        const second = await addCard(KENTA, '5555555555554444');
        let res: Awaited<ReturnType<typeof remove>> | undefined;
        const calls = await whmcsCalls(async () => {
            res = await remove(KENTA, 1);
        });
        expect(res?.status).toBe(200);
        expect(res?.body).toEqual({
            paymentMethods: [expect.objectContaining({ id: second, isDefault: true })],
            hasUsableMethod: true
        });
        // Another usable method stays: the services are not read.
        expect(calls).toEqual(['DeletePayMethod', 'GetPayMethods']);
        expect(await sandboxMethods(KENTA)).toEqual([[second, 1]]);
        expect((await stack.get(base(KENTA))).body).toEqual(res?.body);
    });

    it('the next in WHMCS order is expired: the usable one after it is made the default in WHMCS too', async () => {
        const expired = await addCard(KENTA, '4000056655665556', '0120');
        const usable = await addCard(KENTA, '5555555555554444');
        let res: Awaited<ReturnType<typeof remove>> | undefined;
        const calls = await whmcsCalls(async () => {
            res = await remove(KENTA, 1);
        });
        expect(res?.status).toBe(200);
        expect(idsAndDefaults(res?.body)).toEqual([
            [usable, true],
            [expired, false]
        ]);
        expect(calls).toEqual(['DeletePayMethod', 'GetPayMethods', 'UpdatePayMethod']);
        expect(await sandboxMethods(KENTA)).toEqual([
            [expired, 0],
            [usable, 1]
        ]);
        expect((await stack.get(base(KENTA))).body).toEqual(res?.body);
    });

    it('the last usable method while a service is Active → 409, plain message, nothing deleted', async () => {
        const expired = await addCard(KENTA, '4000056655665556', '0120');
        const calls = await whmcsCalls(async () => {
            const res = await remove(KENTA, 1);
            expect(res.status).toBe(409);
            expect(res.body.error).toEqual({
                code: 'PAYMENT_METHOD_REQUIRED_FOR_SERVICES',
                message:
                    'This is your only usable payment method and you have an active service. Add another payment method first.',
                retryable: false
            });
        });
        expect(calls).toEqual(['GetClientsProducts', 'GetPayMethods']);
        expect(await sandboxMethods(KENTA)).toEqual([
            [1, 1],
            [expired, 0]
        ]);
        // An expired card is never what keeps a service paid: it can go.
        expect((await remove(KENTA, expired)).status).toBe(200);
    });

    it('the only method of a client without active services can go', async () => {
        const only = await addCard(NOAH, '4242424242424242');
        const res = await remove(NOAH, only);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ paymentMethods: [], hasUsableMethod: false });
        expect(await sandboxMethods(NOAH)).toEqual([]);
    });

    it('only an Active recurring service holds the last card (not a cancelled one, not a one-time fee)', async () => {
        const held = await startStack({
            sandbox: stack.sandbox,
            wrapBilling: (billing: BillingPort): BillingPort => ({
                ...billing,
                async listServices(clientId) {
                    const [vpn] = await billing.listServices(clientId);
                    return [
                        { ...vpn, status: 'Cancelled' },
                        { ...vpn, id: 90, billingCycle: 'onetime' }
                    ];
                }
            })
        });
        try {
            const only = await addCard(EMILY, '4242424242424242');
            expect((await remove(EMILY, only)).status).toBe(409);
            const res = await remove(EMILY, only, held);
            expect(res.status).toBe(200);
            expect(res.body).toEqual({ paymentMethods: [], hasUsableMethod: false });
        } finally {
            await held.close({ keepSandbox: true });
        }
    });
});

describe('ownership and input', () => {
    it("another client's card, an unknown card or client → 404 NOT_FOUND, and no WHMCS write", async () => {
        const emilys = await addCard(EMILY, '4242424242424242');
        const calls = await whmcsCalls(async () => {
            for (const res of [
                await remove(KENTA, emilys),
                await makeDefault(KENTA, emilys),
                await remove(KENTA, 99999),
                await makeDefault(KENTA, 99999),
                await remove(99999, 1),
                await makeDefault(99999, 1)
            ]) {
                expect(res.status).toBe(404);
                expect(res.body.error.code).toBe('NOT_FOUND');
                expect(res.body.error.message).not.toMatch(/whmcs|belong|invalid/i);
            }
        });
        expect(calls.filter((a) => !a.startsWith('Get'))).toEqual([]);
        expect(await sandboxMethods(EMILY)).toEqual([[emilys, 1]]);
    });

    it.each([['abc'], ['0'], ['-1'], ['1e3'], ['01'], ['12345678901'], ['1%20'], ['%2e%2e'], ['1;DROP']])(
        'payMethodId %s → 400 VALIDATION_FAILED on params.payMethodId',
        async (id) => {
            for (const res of [await remove(KENTA, id), await makeDefault(KENTA, id)]) {
                expect(res.status).toBe(400);
                expect(res.body.error.code).toBe('VALIDATION_FAILED');
                expect(res.body.error.details.issues[0].path).toBe('params.payMethodId');
            }
        }
    );

    it('a bad client id → 400; a body → 400; nothing reaches WHMCS', async () => {
        const calls = await whmcsCalls(async () => {
            const bad = await remove('x', 1);
            expect(bad.status).toBe(400);
            expect(bad.body.error.details.issues[0].path).toBe('params.clientId');
            const withBody = await stack.post(`${base(KENTA)}/1/default`, { payMethodId: 2 }).then((r) => r);
            expect(withBody.status).toBe(400);
            const deleteWithBody = await remove(KENTA, 1).send({ force: true });
            expect(deleteWithBody.status).toBe(400);
            expect(deleteWithBody.body.error.details.issues[0].message).toBe('this route takes no body');
        });
        expect(calls).toEqual([]);
    });

    it('no token, a wrong token → 401 and no WHMCS call', async () => {
        const calls = await whmcsCalls(async () => {
            expect((await stack.http.delete(`${base(KENTA)}/1`)).status).toBe(401);
            expect((await stack.http.post(`${base(KENTA)}/1/default`)).status).toBe(401);
            const forged = await stack.http
                .delete(`${base(KENTA)}/1`)
                .set('authorization', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.');
            expect(forged.status).toBe(401);
        });
        expect(calls).toEqual([]);
        expect(await sandboxMethods(KENTA)).toEqual([[1, 1]]);
    });

    it('unknown HTTP verbs on the resource → 404 envelope', async () => {
        const res = await stack.put(`${base(KENTA)}/1`, {});
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('NOT_FOUND');
    });
});

describe('WHMCS failures', () => {
    const fault = (action: string, mode: string) =>
        stack.control('/_sandbox/faults', { action, mode, times: 1 });

    it('DeletePayMethod or UpdatePayMethod times out → 503 BILLING_UNAVAILABLE, sent once (writes are not retried)', async () => {
        const second = await addCard(KENTA, '5555555555554444');
        await fault('DeletePayMethod', 'timeout');
        const calls = await whmcsCalls(async () => {
            const res = await remove(KENTA, second);
            expect(res.status).toBe(503);
            expect(res.body.error).toMatchObject({ code: 'BILLING_UNAVAILABLE', retryable: true });
        });
        expect(calls.filter((a) => a === 'DeletePayMethod')).toHaveLength(1);
        await fault('UpdatePayMethod', 'timeout');
        expect((await makeDefault(KENTA, second)).status).toBe(503);
    });

    it('the removal is answered as done even when WHMCS does not take the follow-up default', async () => {
        const expired = await addCard(KENTA, '4000056655665556', '0120');
        const usable = await addCard(KENTA, '5555555555554444');
        await fault('UpdatePayMethod', 'error');
        const res = await remove(KENTA, 1);
        expect(res.status).toBe(200);
        expect(idsAndDefaults(res.body)).toEqual([
            [expired, false],
            [usable, true]
        ]);
        // WHMCS moved the expired card up to default; the warning in the log says so.
        expect(await sandboxMethods(KENTA)).toEqual([
            [expired, 1],
            [usable, 0]
        ]);
        expect(stack.logs.some((l) => l.includes('WHMCS did not take the new default'))).toBe(true);
    });

    it('a card removed meanwhile (another session) → 404, not a WHMCS error', async () => {
        const raced = await startStack({
            sandbox: stack.sandbox,
            wrapBilling: (billing: BillingPort): BillingPort => ({
                ...billing,
                async listPayMethods(clientId) {
                    const list = await billing.listPayMethods(clientId);
                    // The other session removes the card right after this read.
                    await billing.deletePayMethod(clientId, 1);
                    return list;
                }
            })
        });
        try {
            await addCard(KENTA, '5555555555554444');
            const res = await remove(KENTA, 1, raced);
            expect(res.status).toBe(404);
            expect(res.body.error.code).toBe('NOT_FOUND');
        } finally {
            await raced.close({ keepSandbox: true });
        }
    });
});
