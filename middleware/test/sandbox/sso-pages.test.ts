// SSO redemption and the client-area pages, driven like a browser (cookie jar, manual redirects).
import { bootSandbox, browser, csrfFrom } from './helpers';

// The node project's testTimeout is not applied per project by Jest 29; set it here.
jest.setTimeout(20_000);

let env: Awaited<ReturnType<typeof bootSandbox>>;
let clock = Date.now();

beforeAll(async () => {
    env = await bootSandbox({ portalUrl: 'http://portal.test/s/billing', now: () => new Date(clock) });
});
afterAll(async () => {
    await env.sandbox.close();
});
beforeEach(() => {
    clock = Date.now();
    env.sandbox.reset();
});

async function signIn(clientId: number, destination: string, ssoRedirectPath?: string) {
    const t = await env.client.createSsoToken({ clientId, destination, ssoRedirectPath });
    const b = browser(env.sandbox.url);
    const landing = await b.request(t.redirectUrl);
    return { b, t, landing };
}

describe('single sign-on', () => {
    it('consumes the token once, sets an HttpOnly session cookie and 302s to the destination', async () => {
        const { b, t, landing } = await signIn(1, 'clientarea:invoices');
        expect(landing.status).toBe(302);
        expect(landing.location).toBe('/clientarea.php?action=invoices');
        const cookie = landing.headers.get('set-cookie')!;
        expect(cookie).toMatch(/HttpOnly/);
        expect(cookie).toMatch(/SameSite=Lax/);
        const page = await b.request(landing.location!);
        expect(page.status).toBe(200);
        expect(page.html).toContain('<html lang="en">');
        expect(page.html).toContain('<h1>Invoices</h1>');
        expect(page.html).toContain('href="viewinvoice.php?id=2"');
        expect(page.html).toContain('<a href="http://portal.test/s/billing">Back to the portal</a>');

        const again = await browser(env.sandbox.url).request(t.redirectUrl);
        expect(again.status).toBe(403);
        expect(again.html).toContain('Unable to authenticate with Single Sign-On token for User ID: 1');
    });

    it('expires after 60 seconds', async () => {
        const t = await env.client.createSsoToken({ clientId: 1 });
        clock += 61_000;
        const r = await browser(env.sandbox.url).request(t.redirectUrl);
        expect(r.status).toBe(403);
        expect(r.html).toContain('Unable to authenticate with Single Sign-On token for User ID: 1');
        expect(r.headers.get('set-cookie')).toBeNull();
    });

    it('unknown tokens and missing sessions get an error page, not a client area', async () => {
        const r = await browser(env.sandbox.url).request(
            'oauth/singlesignon.php?access_token=' + 'a'.repeat(40)
        );
        expect(r.status).toBe(403);
        expect(r.html).toContain('Unable to authenticate with Single Sign-On token');
        const anon = await browser(env.sandbox.url).request('clientarea.php?action=invoices');
        expect(anon.status).toBe(403);
        expect(anon.html).toContain('Back to the portal');
    });

    it.each([
        ['clientarea:homepage', undefined, '/clientarea.php', 'Welcome back, Kenta'],
        ['clientarea:services', undefined, '/clientarea.php?action=services', 'Internet - Fiber 1 Gbps'],
        ['clientarea:billing_info', undefined, '/index.php?rp=/account/paymentmethods', 'Visa ending 4242'],
        ['sso:custom_redirect', 'viewinvoice.php?id=2', '/viewinvoice.php?id=2', 'Invoice #2'],
        [
            'sso:custom_redirect',
            '/index.php?rp=/account/paymentmethods/add',
            '/index.php?rp=/account/paymentmethods/add',
            'Add a card'
        ]
    ])('%s %s lands on %s', async (destination, path, location, text) => {
        const { b, landing } = await signIn(1, destination, path);
        expect(landing.location).toBe(location);
        const page = await b.request(landing.location!);
        expect(page.status).toBe(200);
        expect(page.html).toContain(text);
    });

    it("a session cannot see another client's invoice", async () => {
        const { b } = await signIn(2, 'clientarea:homepage');
        const r = await b.request('viewinvoice.php?id=1');
        expect(r.status).toBe(404);
        expect(r.html).not.toContain('Fiber');
    });
});

describe('invoice PDF (dl.php?type=i)', () => {
    it('downloads the signed-in client’s invoice as a PDF with its lines, tax and total', async () => {
        const { b, landing } = await signIn(1, 'sso:custom_redirect', 'dl.php?type=i&id=1');
        expect(landing.location).toBe('/dl.php?type=i&id=1');
        const pdf = await b.request(landing.location!);
        expect(pdf.status).toBe(200);
        expect(pdf.headers.get('content-type')).toBe('application/pdf');
        expect(pdf.headers.get('content-disposition')).toBe('attachment; filename="Invoice-1.pdf"');
        expect(pdf.html.startsWith('%PDF-1.4')).toBe(true);
        expect(pdf.html.trimEnd().endsWith('%%EOF')).toBe(true);
        expect(pdf.html).toContain('(Invoice #1)');
        expect(pdf.html).toContain('Fiber 1 Gbps');
        expect(pdf.html).toContain('10% Consumption tax \\(included\\): JPY 480.00');
        expect(pdf.html).toContain('Total: JPY 5280.00');
        // The cross-reference table points at each object.
        const xref = Number(/startxref\n(\d+)/.exec(pdf.html)![1]);
        expect(pdf.html.slice(xref, xref + 4)).toBe('xref');
        const offsets = [...pdf.html.matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
        offsets.forEach((o, i) => expect(pdf.html.slice(o, o + 8)).toBe(`${i + 1} 0 obj\n`));
    });

    it('another client’s invoice, another type or no session → no PDF', async () => {
        const { b } = await signIn(2, 'clientarea:homepage');
        for (const path of ['dl.php?type=i&id=1', 'dl.php?type=q&id=3', 'dl.php?type=i&id=abc']) {
            const r = await b.request(path);
            expect([path, r.status]).toEqual([path, 404]);
            expect(r.headers.get('content-type')).not.toBe('application/pdf');
        }
        expect((await b.request('dl.php?type=i&id=3')).status).toBe(200);
        const anon = await browser(env.sandbox.url).request('dl.php?type=i&id=1');
        expect(anon.status).toBe(403);
    });

    it('the invoice page shows subtotal and tax and links the PDF', async () => {
        const { b, landing } = await signIn(1, 'sso:custom_redirect', 'viewinvoice.php?id=1');
        const page = await b.request(landing.location!);
        expect(page.html).toContain('10% Consumption tax (included)</th><td>¥480.00');
        expect(page.html).toContain('<a href="dl.php?type=i&amp;id=1">Download PDF</a>');
    });
});

describe('add a card and pay an invoice', () => {
    it('Emily: no card → add a test card (Luhn + expiry checked) → pay → Paid; full number stored nowhere', async () => {
        const { b, landing } = await signIn(2, 'sso:custom_redirect', 'viewinvoice.php?id=3');
        let page = await b.request(landing.location!);
        expect(page.html).toContain('You have no usable card on file.');
        expect(page.html).not.toContain('Pay now');
        const addLink = /href="(index\.php\?rp=\/account\/paymentmethods\/add&amp;return=[^"]+)"/
            .exec(page.html)![1]
            .replace(/&amp;/g, '&');

        page = await b.request(addLink);
        expect(page.html).toContain('<label for="card-number">Card number</label>');
        expect(page.html).toContain('<label for="card-expiry">Expiry date</label>');
        expect(page.html).toContain('<label for="card-name">Name on card</label>');
        expect(page.html).toContain('>Save card</button>');
        const token = csrfFrom(page.html);

        // Wrong token → refused.
        const forged = await b.request(addLink, {
            form: { token: 'f'.repeat(48), cardname: 'E', cardnumber: '4242424242424242', expiry: '12/30' }
        });
        expect(forged.status).toBe(403);

        // Bad number and past expiry → the form again with errors, nothing stored.
        const bad = await b.request(addLink, {
            form: { token, cardname: '', cardnumber: '4242424242424241', expiry: '01/20' }
        });
        expect(bad.status).toBe(400);
        expect(bad.html).toContain('role="alert"');
        expect(bad.html).toContain('Enter a valid card number.');
        expect(bad.html).toContain('This card has expired.');
        expect(bad.html).toContain('Enter the name on the card.');
        expect(bad.html).toContain('aria-invalid="true"');
        expect(bad.html).not.toContain('4242424242424241');
        expect((await env.state()).payMethods).toHaveLength(1);

        const future = `12/${String((new Date().getUTCFullYear() + 3) % 100).padStart(2, '0')}`;
        const saved = await b.request(addLink, {
            form: { token, cardname: 'Emily Carter', cardnumber: '4000 0566 5566 5556', expiry: future }
        });
        expect(saved.status).toBe(303);
        expect(saved.location).toBe('/viewinvoice.php?id=3');

        page = await b.request(saved.location!);
        expect(page.html).toContain('Visa ending 5556');
        expect(page.html).toContain('>Pay now</button>');
        const payMethod = /<option value="(\d+)">/.exec(page.html)![1];
        const payToken = csrfFrom(page.html);
        const paid = await b.request('viewinvoice.php?id=3', {
            form: { token: payToken, paymethod: payMethod }
        });
        expect(paid.status).toBe(303);
        page = await b.request(paid.location!);
        expect(page.html).toContain('Payment received. Thank you.');
        expect(page.html).toMatch(/id="invoice-status">Paid</);

        const state = await env.state();
        expect(state.invoices.find((i) => i.id === 3)).toMatchObject({ status: 'Paid', balance: '0.00' });
        expect(state.payMethods.find((p) => p.userid === 2)).toMatchObject({
            card_type: 'Visa',
            card_last_four: '5556',
            expiry_date: future,
            gateway_name: 'testcard'
        });
        const everything = JSON.stringify(state);
        expect(everything).not.toContain('4000056655665556');
        expect(everything).not.toContain('4000 0566 5566 5556');
        expect(everything).not.toContain('Emily Carter'); // the name on the card is not kept either

        // The API agrees.
        await expect(env.client.getInvoice({ invoiceId: 3 })).resolves.toMatchObject({
            status: 'Paid',
            balance: '0.00'
        });
        await expect(env.client.getPayMethods({ clientId: 2 })).resolves.toEqual([
            expect.objectContaining({ lastFour: '5556', cardType: 'Visa', expiry: future })
        ]);

        // Paying again is refused politely.
        const twice = await b.request('viewinvoice.php?id=3', {
            form: { token: payToken, paymethod: payMethod }
        });
        expect(twice.status).toBe(400);
        expect(twice.html).toContain('This invoice has nothing left to pay.');
    });

    it('Kenta pays with his saved Visa; the payment methods page lists cards and links to add one', async () => {
        const { b, landing } = await signIn(1, 'clientarea:billing_info');
        const list = await b.request(landing.location!);
        expect(list.html).toContain('<h1>Payment methods</h1>');
        expect(list.html).toContain('Visa ending 4242');
        expect(list.html).toContain('href="index.php?rp=/account/paymentmethods/add"');
        const inv = await b.request('viewinvoice.php?id=2');
        expect(inv.html).toContain('<label for="paymethod">Pay with</label>');
        const r = await b.request('viewinvoice.php?id=2', {
            form: { token: csrfFrom(inv.html), paymethod: '1' }
        });
        expect(r.status).toBe(303);
        expect((await env.client.getInvoice({ invoiceId: 2 })).status).toBe('Paid');
        // Adding from the list page returns to the list.
        const add = await b.request('index.php?rp=/account/paymentmethods/add');
        const saved = await b.request('index.php?rp=/account/paymentmethods/add', {
            form: {
                token: csrfFrom(add.html),
                cardname: 'K S',
                cardnumber: '5555555555554444',
                expiry: '11/39'
            }
        });
        expect(saved.location).toBe('/index.php?rp=/account/paymentmethods&added=1');
        const after = await b.request(saved.location!);
        expect(after.html).toContain('Your card has been saved.');
        expect(after.html).toContain('MasterCard ending 4444');
    });

    it('pages send strict security headers and no external assets', async () => {
        const { b, landing } = await signIn(1, 'clientarea:homepage');
        const page = await b.request(landing.location!);
        expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
        expect(page.headers.get('referrer-policy')).toBe('no-referrer');
        expect(page.html).not.toMatch(/<script|<link|src="http/);
    });
});
