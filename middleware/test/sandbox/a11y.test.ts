// The client-area pages pass axe-core (in jsdom; colour contrast cannot be computed there).
import { readFileSync } from 'node:fs';
// jsdom comes with the Jest toolchain (jest-environment-jsdom via sfdx-lwc-jest).
import { JSDOM } from 'jsdom';
import { bootSandbox, browser, csrfFrom } from './helpers';

jest.setTimeout(30_000);

interface AxeResult {
    violations: { id: string; help: string; nodes: { html: string }[] }[];
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// One window with axe loaded (loading it costs far more than a run); each page replaces the document.
let dom: JSDOM | undefined;

async function axe(html: string): Promise<AxeResult['violations']> {
    if (!dom) {
        dom = new JSDOM('<!doctype html><html></html>', {
            runScripts: 'outside-only',
            url: 'http://127.0.0.1/'
        });
        dom.window.eval(AXE_SOURCE);
    }
    const page = new JSDOM(html).window.document.documentElement;
    const root = dom.window.document.documentElement;
    for (const name of root.getAttributeNames()) root.removeAttribute(name);
    for (const attr of Array.from(page.attributes)) root.setAttribute(attr.name, attr.value);
    root.innerHTML = page.innerHTML;
    const run = (
        dom.window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<AxeResult> } }
    ).axe.run;
    const result = await run(dom.window.document, { rules: { 'color-contrast': { enabled: false } } });
    return result.violations;
}

let env: Awaited<ReturnType<typeof bootSandbox>>;

beforeAll(async () => {
    env = await bootSandbox();
});
afterAll(async () => {
    dom?.window.close();
    await env.sandbox.close();
});

it('axe finds problems in a bad page (the check is live)', async () => {
    const violations = await axe('<html><body><input id="x"><img src="a.png"></body></html>');
    expect(violations.map((v) => v.id)).toEqual(
        expect.arrayContaining(['html-has-lang', 'image-alt', 'label'])
    );
});

it('the client-area page templates have no axe violations', async () => {
    const t = await env.client.createSsoToken({ clientId: 2, destination: 'clientarea:homepage' });
    const b = browser(env.sandbox.url);
    await b.request(t.redirectUrl);
    const kentaToken = await env.client.createSsoToken({ clientId: 1 });
    const k = browser(env.sandbox.url);
    await k.request(kentaToken.redirectUrl);

    const add = await b.request('index.php?rp=/account/paymentmethods/add');
    const invalid = await b.request('index.php?rp=/account/paymentmethods/add', {
        form: { token: csrfFrom(add.html), cardname: '', cardnumber: '1234', expiry: '13/99' }
    });
    // The two richest templates (layout, tables, select, forms, error summary): axe in jsdom costs about a
    // second per page here, and the other pages are built from the same pieces.
    const pages: [string, string][] = [
        ['invoice with a pay form', (await k.request('viewinvoice.php?id=2')).html],
        ['add a card with errors', invalid.html]
    ];
    for (const [name, html] of pages) {
        const violations = await axe(html);
        expect({
            name,
            violations: violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.html})`)
        }).toEqual({
            name,
            violations: []
        });
    }
});
