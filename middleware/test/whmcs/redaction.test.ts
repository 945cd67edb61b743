import { createWhmcsClient, REDACTED, redactParams, redactText } from '../../src/whmcs';
import { bufferLogger, CREDS, fixture, scriptedFetch } from './helpers';

const SECRETS = [
    CREDS.identifier,
    CREDS.secret,
    CREDS.accessKey,
    'Hunter2-Password!',
    '4111111111111111',
    '987654321',
    '0123456789abcdef0123456789abcdef01234567',
    'singlesignon.php',
    'c2VjcmV0LXNlc3Npb24tdG9rZW4tZG8tbm90LWxvZw',
    'service-pass-DO-NOT-LOG',
    'svc-root-pw'
];

describe('redaction', () => {
    it('redactText masks card-like numbers and sensitive key=value pairs in free text, keeps the rest', () => {
        expect(redactText('Card 4242 4242 4242 4242 was declined')).toBe(`Card ${REDACTED} was declined`);
        expect(redactText('bad input: password=hunter2, cardnum: 4111111111111111; pid=7')).toBe(
            `bad input: password=${REDACTED}, cardnum: ${REDACTED}; pid=7`
        );
        expect(redactText('api secret="a b c" accepted')).toBe(`api secret=${REDACTED} accepted`);
        expect(redactText('Invalid Product ID 12 for order 20261201')).toBe(
            'Invalid Product ID 12 for order 20261201'
        );
    });

    it('redactParams masks credentials, passwords, card/bank fields, tokens and URLs at any depth', () => {
        const out = redactParams({
            identifier: 'i',
            secret: 's',
            accesskey: 'k',
            username: 'u',
            password: 'p',
            password2: 'p2',
            servicepassword: 'sp',
            card_number: '4111111111111111',
            card_expiry: '1230',
            cardnum: '4111',
            cvv: '123',
            bank_account: '987',
            access_token: 't',
            redirect_url: 'https://x/oauth/singlesignon.php?access_token=t',
            nested: { items: [{ password: 'p', ok: 'visible' }] },
            action: 'AddClient',
            email: 'visible@example.jp'
        });
        expect(out).toMatchObject({
            identifier: REDACTED,
            secret: REDACTED,
            accesskey: REDACTED,
            username: REDACTED,
            password: REDACTED,
            password2: REDACTED,
            servicepassword: REDACTED,
            card_number: REDACTED,
            card_expiry: REDACTED,
            cardnum: REDACTED,
            cvv: REDACTED,
            bank_account: REDACTED,
            access_token: REDACTED,
            redirect_url: REDACTED,
            nested: { items: [{ password: REDACTED, ok: 'visible' }] },
            action: 'AddClient'
        });
    });

    it('nothing secret reaches the log, at trace level, on success, warning, business error and transport error', async () => {
        const { logger, text } = bufferLogger('trace');
        const replies = [
            { body: fixture('validatelogin.json') },
            { body: fixture('createssotoken.json') },
            { body: { ...fixture('addpaymethod.json'), warning: 'Deprecated card fields' } },
            { body: fixture('getclientsproducts.json') },
            { body: { result: 'error', message: 'Email or Password Invalid' } },
            { status: 500, text: '<html>fatal</html>' },
            { body: fixture('addclient.json') }
        ];
        const fake = scriptedFetch(...replies);
        const c = createWhmcsClient({
            baseUrl: 'http://whmcs.test',
            ...CREDS,
            logger,
            fetchImpl: fake.fetchImpl,
            readRetries: 0
        });
        await c.validateLogin({ email: 'kenta@example.jp', password: 'Hunter2-Password!' });
        const sso = await c.createSsoToken({ clientId: 7, destination: 'clientarea:invoices' });
        expect(sso.redirectUrl).toContain('singlesignon.php'); // the caller gets it; the log must not
        await c.addPayMethod({
            clientId: 7,
            cardNumber: '4111111111111111',
            cardExpiry: '1230',
            bankAccount: '987654321'
        });
        await c.getClientsProducts({ clientId: 7 });
        await expect(
            c.validateLogin({ email: 'kenta@example.jp', password: 'Hunter2-Password!' })
        ).rejects.toThrow();
        await expect(c.getInvoices()).rejects.toThrow();
        await c.addClient({
            firstName: 'K',
            lastName: 'S',
            email: 'k@example.jp',
            password: 'Hunter2-Password!',
            address: { line1: 'x', city: 'c', state: 's', postalCode: '1', country: 'JP' }
        });
        await c.acceptOrder({ orderId: 1, servicePassword: 'svc-root-pw' }).catch(() => undefined);

        const log = text();
        expect(log).toContain('"whmcsAction":"ValidateLogin"');
        expect(log).toContain('durationMs');
        expect(log).toContain('Deprecated card fields'); // warnings are surfaced
        for (const secret of SECRETS) expect(log).not.toContain(secret);
        // The raw request did carry them (so the test is meaningful).
        expect(fake.calls[0].params.get('password2')).toBe('Hunter2-Password!');
        expect(fake.calls[0].params.get('secret')).toBe(CREDS.secret);
    });

    it('error objects carry no request secrets', async () => {
        const fake = scriptedFetch({ body: { result: 'error', message: 'Email or Password Invalid' } });
        const c = createWhmcsClient({ baseUrl: 'http://whmcs.test', ...CREDS, fetchImpl: fake.fetchImpl });
        const err = await c
            .validateLogin({ email: 'a@b.c', password: 'Hunter2-Password!' })
            .catch((e: unknown) => e);
        const dump = JSON.stringify(err, Object.getOwnPropertyNames(err)) + String(err);
        for (const secret of SECRETS) expect(dump).not.toContain(secret);
    });
});
