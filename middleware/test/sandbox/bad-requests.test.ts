// Bad input gets WHMCS's own error answers (HTTP 200 + result:error), never a crash or a 500.
import fc from 'fast-check';
import { ACTIONS } from '../../sandbox/actions';
import { bootSandbox } from './helpers';

// The node project's testTimeout is not applied per project by Jest 29; set it here.
jest.setTimeout(20_000);

let env: Awaited<ReturnType<typeof bootSandbox>>;

beforeAll(async () => {
    env = await bootSandbox();
});
afterAll(async () => {
    await env.sandbox.close();
});

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

async function expectError(params: Record<string, string>, message: string | RegExp) {
    const r = await env.raw(params);
    expect(r.status).toBe(200);
    expect(r.json?.result).toBe('error');
    if (typeof message === 'string') expect(r.json?.message).toBe(message);
    else expect(r.json?.message).toMatch(message);
}

describe('missing params, wrong types, unknown ids', () => {
    it.each([
        [{ action: 'GetInvoice' }, 'Invoice ID Not Found'],
        [{ action: 'GetInvoice', invoiceid: 'abc' }, 'Invoice ID Not Found'],
        [{ action: 'GetInvoice', 'invoiceid[]': '1' }, 'Invoice ID Not Found'],
        [{ action: 'GetInvoice', invoiceid: '1.5' }, 'Invoice ID Not Found'],
        [{ action: 'GetClientsDetails', clientid: '-1' }, 'Client Not Found'],
        [{ action: 'GetClientsDetails' }, 'Either clientid Or email Is Required'],
        [{ action: 'UpdateClient', 'clientid[x]': '1' }, 'Client ID Not Found'],
        [{ action: 'AddClient' }, 'You did not enter your first name'],
        [
            {
                action: 'AddClient',
                firstname: 'A',
                lastname: 'B',
                email: 'a@b.jp',
                address1: 'x',
                city: 'c',
                state: 's',
                postcode: '1',
                country: 'JP',
                phonenumber: '+81 3 0000'
            },
            'You did not enter a password'
        ],
        [{ action: 'AcceptOrder', orderid: 'one' }, 'Order ID not found or Status not Pending'],
        [{ action: 'AcceptOrder' }, 'Order ID not found or Status not Pending'],
        [{ action: 'PendingOrder', orderid: '' }, 'Order ID Not Found'],
        [
            { action: 'CancelOrder', orderid: '99999999999999999999' },
            'Order ID not found or Status not Pending'
        ],
        [{ action: 'AddOrder' }, 'Client ID Not Found'],
        [
            { action: 'AddOrder', clientid: 'abc', paymentmethod: 'testcard', 'pid[0]': '101' },
            'Client ID Not Found'
        ],
        [{ action: 'AddOrder', clientid: '1' }, 'Invalid Payment Method. Valid options include testcard'],
        [
            { action: 'AddOrder', clientid: '1', paymentmethod: 'testcard', pid: '101' },
            "Expecting parameter 'pid' to be an array"
        ],
        [
            {
                action: 'AddOrder',
                clientid: '1',
                paymentmethod: 'testcard',
                'pid[0]': '101',
                billingcycle: 'monthly'
            },
            "Expecting parameter 'billingcycle' to be an array"
        ],
        [
            { action: 'AddOrder', clientid: '1', paymentmethod: 'testcard', 'pid[0]': 'abc' },
            'Invalid Product ID: abc'
        ],
        [
            { action: 'AddOrder', clientid: '1', paymentmethod: 'testcard', 'pid[0]': '101', 'qty[0]': '-2' },
            'Invalid quantity for Product ID 101'
        ],
        [
            {
                action: 'AddOrder',
                clientid: '1',
                paymentmethod: 'testcard',
                'pid[0]': '101',
                'priceoverride[0]': 'free'
            },
            'Invalid price override for Product ID 101'
        ],
        [
            {
                action: 'AddOrder',
                clientid: '1',
                paymentmethod: 'testcard',
                'pid[0]': '101',
                'customfields[0]': 'not base64!'
            },
            /^Invalid customfields value: .*not base64/
        ],
        [
            {
                action: 'AddOrder',
                clientid: '1',
                paymentmethod: 'testcard',
                'pid[0]': '101',
                'customfields[0]': b64('a:1:{i:31;s:99:"short";}')
            },
            /^Invalid customfields value: .*string past end/
        ],
        [
            {
                action: 'AddOrder',
                clientid: '1',
                paymentmethod: 'testcard',
                'pid[0]': '101',
                'customfields[0]': b64('O:8:"stdClass":0:{}')
            },
            /^Invalid customfields value: .*unsupported type/
        ],
        [
            {
                action: 'AddOrder',
                clientid: '1',
                paymentmethod: 'testcard',
                'pid[0]': '101',
                'customfields[0]': b64('s:3:"abc";')
            },
            /^Invalid customfields value: .*not a serialized array/
        ],
        [
            {
                action: 'AddOrder',
                clientid: '1',
                paymentmethod: 'testcard',
                'pid[0]': '101',
                'customfields[0]': b64('a:1:{i:31;a:0:{}}')
            },
            /^Invalid customfields value: .*not a scalar/
        ],
        [
            {
                action: 'AddClient',
                firstname: 'A',
                lastname: 'B',
                email: 'a@b.jp',
                address1: 'x',
                city: 'c',
                state: 's',
                postcode: '1',
                country: 'JP',
                phonenumber: '+81 3 0000',
                password2: 'p',
                customfields: 'Zm9v'
            },
            /^Invalid customfields value/
        ],
        [
            {
                action: 'AddInvoicePayment',
                invoiceid: '2',
                transid: 't',
                gateway: 'testcard',
                amount: 'lots'
            },
            'Invalid amount'
        ],
        [
            {
                action: 'AddInvoicePayment',
                invoiceid: '2',
                transid: 't',
                gateway: 'testcard',
                date: 'yesterday'
            },
            /^Invalid date format/
        ],
        [{ action: 'AddInvoicePayment', invoiceid: '2', gateway: 'testcard' }, 'Transaction ID is required'],
        [
            { action: 'AddInvoicePayment', invoiceid: '2', transid: 't', gateway: 'cash' },
            /^Invalid Payment Gateway/
        ],
        [{ action: 'AddPayMethod' }, 'Client ID Is Required'],
        [{ action: 'AddPayMethod', clientid: '1', type: 'Gold' }, /^Invalid Pay Method Type/],
        [
            { action: 'AddPayMethod', clientid: '1', card_number: '1234', card_expiry: '1230' },
            'Card Number is invalid'
        ],
        [{ action: 'AddPayMethod', clientid: '1', type: 'BankAccount' }, 'Routing number is required'],
        [{ action: 'CreateSsoToken', client_id: 'x' }, 'Invalid client_id'],
        [{ action: 'UpdateClient', clientid: '1', status: 'Gone' }, 'Invalid status Gone'],
        [{ action: 'ValidateLogin' }, 'Email or Password Invalid'],
        [{ action: '' }, 'Command Not Found']
    ])('%j → %s', async (params, message) => {
        await expectError(params as Record<string, string>, message);
    });

    it('junk paging values are cast like PHP (int) and still answer', async () => {
        const r = await env.raw({ action: 'GetInvoices', limitstart: 'abc', limitnum: '-5' });
        expect(r.status).toBe(200);
        expect(r.json).toMatchObject({ result: 'success', startnumber: 0, numreturned: 1 });
    });

    it('no responsetype → an XML answer, not JSON', async () => {
        const res = await fetch(env.sandbox.apiUrl, {
            method: 'POST',
            body: new URLSearchParams({
                action: 'GetInvoices',
                identifier: env.sandbox.identifier,
                secret: env.sandbox.secret
            })
        });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toContain('xml');
        expect(await res.text()).toContain('<whmcsapi><result>error</result>');
    });

    it('a JSON body carries no parameters (not part of the protocol) → Authentication Failed', async () => {
        const res = await fetch(env.sandbox.apiUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
                action: 'GetInvoices',
                identifier: env.sandbox.identifier,
                secret: env.sandbox.secret,
                responsetype: 'json'
            })
        });
        expect(res.status).toBe(403);
        // Without a readable responsetype the answer is WHMCS's XML.
        expect(await res.text()).toContain('<message>Authentication Failed</message>');
    });

    it('GET with everything in the query string works (WHMCS reads $_REQUEST)', async () => {
        const q = new URLSearchParams({
            action: 'GetProducts',
            identifier: env.sandbox.identifier,
            secret: env.sandbox.secret,
            responsetype: 'json',
            pid: '101'
        });
        const res = await fetch(`${env.sandbox.apiUrl}?${q}`);
        expect(await res.json()).toMatchObject({ result: 'success', totalresults: 1 });
    });

    it('an oversized body → 413, and the server keeps serving', async () => {
        const res = await fetch(env.sandbox.apiUrl, {
            method: 'POST',
            body: 'x='.padEnd(1_100_000, 'y')
        }).catch(() => undefined);
        if (res) expect(res.status).toBe(413);
        await expect(env.client.getProducts({ productId: 101 })).resolves.toMatchObject({ total: 1 });
    });

    it('random parameters for every action never produce a 500 or a non-JSON answer', async () => {
        const names = Object.values(ACTIONS).map((a) => a.name);
        const value = fc.oneof(
            fc.constantFrom(
                '',
                '0',
                '1',
                '-1',
                '2',
                '101',
                'abc',
                '1.5',
                'testcard',
                'monthly',
                'JP',
                'a@b.c',
                '99999999999999999999'
            ),
            fc.string({ maxLength: 12 })
        );
        const key = fc.constantFrom(
            'clientid',
            'client_id',
            'user_id',
            'invoiceid',
            'orderid',
            'email',
            'password2',
            'pid',
            'pid[]',
            'pid[0]',
            'billingcycle[0]',
            'customfields',
            'customfields[0]',
            'qty[0]',
            'paymentmethod',
            'type',
            'card_number',
            'card_expiry',
            'amount',
            'date',
            'status',
            'destination',
            'sso_redirect_path',
            'limitstart',
            'limitnum',
            'firstname',
            'country',
            'serviceid'
        );
        await fc.assert(
            fc.asyncProperty(
                fc.constantFrom(...names),
                fc.dictionary(key, value, { maxKeys: 6 }),
                async (action, params) => {
                    const r = await env.raw({ ...params, action });
                    expect(r.status).toBe(200);
                    expect(r.json).toBeDefined();
                    expect(['success', 'error']).toContain(r.json!.result);
                }
            ),
            { numRuns: 100 }
        );
    });
});
