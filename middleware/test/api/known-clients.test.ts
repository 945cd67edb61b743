/**
 * Reads of a client confirmed lately go to WHMCS alone (no GetClientsDetails with them); the confirmation
 * lasts KNOWN_CLIENT_TTL_SECONDS, after which a client gone from WHMCS is 404 again. Ownership is not cached.
 */
import { ADDRESS, EMILY, KENTA } from '../helpers/fixtures';
import { startStack, type Stack } from '../helpers/stack';

const TTL_SECONDS = 60;
let now = new Date('2026-11-27T00:00:00Z');
let stack: Stack;
beforeAll(async () => {
    stack = await startStack({
        clock: { now: () => now },
        env: { KNOWN_CLIENT_TTL_SECONDS: String(TTL_SECONDS) }
    });
});
afterAll(async () => {
    await stack.close();
});
beforeEach(() => {
    stack.sandbox.reset();
    now = new Date(now.getTime() + 10 * TTL_SECONDS * 1000);
});

const actions = async () =>
    ((await stack.control('/_sandbox/calls')) as { action: string }[]).map((c) => c.action);
/** The WHMCS actions one GET makes, and its answer. */
async function read(path: string): Promise<{ status: number; code?: string; made: string[] }> {
    const from = (await actions()).length;
    const res = await stack.get(path);
    return { status: res.status, code: res.body.error?.code, made: (await actions()).slice(from) };
}

const READS: [string, string][] = [
    ['payment-methods', 'GetPayMethods'],
    ['invoices?page=1&pageSize=10', 'GetInvoices'],
    ['subscriptions', 'GetClientsProducts']
];

it.each(READS)(
    'GET %s: two calls the first time, one within the TTL, two again after it',
    async (path, action) => {
        const url = `/v1/clients/${KENTA}/${path}`;
        expect(await read(url)).toEqual({
            status: 200,
            made: expect.arrayContaining(['GetClientsDetails', action])
        });
        now = new Date(now.getTime() + (TTL_SECONDS - 1) * 1000);
        expect(await read(url)).toEqual({ status: 200, made: [action] });
        now = new Date(now.getTime() + 2000);
        expect((await read(url)).made.sort()).toEqual(['GetClientsDetails', action].sort());
    }
);

it('GET invoices/{id}: one call within the TTL, the invoice of another client still 404', async () => {
    const { invoices } = (await stack.state()) as { invoices: { id: number; userid: number }[] };
    const own = invoices.find((i) => i.userid === KENTA)!.id;
    const other = invoices.find((i) => i.userid === EMILY)!.id;
    const first = await stack.get(`/v1/clients/${KENTA}/invoices/${own}`);
    expect(first.status).toBe(200);
    const again = await read(`/v1/clients/${KENTA}/invoices/${own}`);
    expect(again).toEqual({ status: 200, made: ['GetInvoice'] });
    expect((await stack.get(`/v1/clients/${KENTA}/invoices/${own}`)).body).toEqual(first.body);
    expect(await read(`/v1/clients/${KENTA}/invoices/${other}`)).toEqual({
        status: 404,
        code: 'NOT_FOUND',
        made: ['GetInvoice']
    });
});

it('an unknown client is never taken as known: 404 on every read', async () => {
    for (let i = 0; i < 2; i++) {
        for (const [path] of READS) {
            const res = await read(`/v1/clients/99999/${path}`);
            expect([res.status, res.code, res.made.includes('GetClientsDetails')]).toEqual([
                404,
                'NOT_FOUND',
                true
            ]);
        }
    }
});

it('a client gone from WHMCS: answered as known within the TTL, 404 NOT_FOUND after it', async () => {
    const { clientId } = await stack.whmcs.addClient({
        firstName: 'Aoi',
        lastName: 'Tanaka',
        email: 'aoi.tanaka@example.jp',
        address: { ...ADDRESS, line2: '' },
        phone: '+81 3-1234-5678',
        password: 'not-used-by-the-portal-1'
    });
    const url = `/v1/clients/${clientId}/payment-methods`;
    expect((await read(url)).status).toBe(200);
    stack.sandbox.reset();
    expect((await stack.state()).clients.some((c) => c.id === clientId)).toBe(false);
    // The staleness bound: within the TTL the read goes to WHMCS alone and answers what WHMCS answers.
    now = new Date(now.getTime() + (TTL_SECONDS - 1) * 1000);
    expect((await read(url)).made).toEqual(['GetPayMethods']);
    now = new Date(now.getTime() + 2000);
    const after = await read(url);
    expect([after.status, after.code]).toEqual([404, 'NOT_FOUND']);
    expect(after.made).toContain('GetClientsDetails');
});
