// Every page at a phone's width (375 px) in English and Japanese: no horizontal scrolling, and no English word in
// the Japanese UI that is not data (names, emails, product names, ids, amounts) or an allowed brand/term.
import type { Page } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { assert, button, field, newSession, resultsDir, type Journey, type JourneyContext } from '../harness';
import { EXISTING_WHMCS, STAFF_USER } from '../../preview/demoLogins';
import { repoRoot } from '../../preview/paths';
import { checkBillingLogin, go, logIn, logInStaff, PORTAL_PASSWORD, settle } from './basics';

export const PHONE_WIDTH = 375;

type Who = 'guest' | 'staff' | { email: string };

export interface LayoutPage {
    /** How the report names the page (and its screenshot). */
    name: string;
    as: Who;
    /** The path to open; a function when it needs what earlier journeys made (ctx.facts, the org). */
    path: string | ((ctx: JourneyContext) => Promise<string> | string);
    /** Brings the page into the state to check (a form opened, errors shown). */
    prepare?: (page: Page) => Promise<void>;
}

const HANAKO = { email: 'hanako.sato@example.jp' };
const ICHIRO = { email: 'ichiro.tanaka@example.jp' };

function fact(ctx: JourneyContext, name: string): string {
    const value = ctx.facts[name];
    assert(value, `needs ctx.facts.${name} from an earlier journey (run them all)`);
    return value;
}

async function internetOrderOf(ctx: JourneyContext, customerNumber: string): Promise<string> {
    const [order] = await ctx.stack.org.query(
        `SELECT Id FROM Order WHERE Account.Customer_Number__c = '${customerNumber}' ORDER BY CreatedDate DESC LIMIT 1`
    );
    assert(order?.Id, `an order of customer ${customerNumber} (made by an earlier journey)`);
    return String(order.Id);
}

/**
 * Every page of the portal, in the states worth checking. One list so pages added later (invoice detail, service
 * change) are one line each: append them here.
 */
export const LAYOUT_PAGES: LayoutPage[] = [
    { name: 'login', as: 'guest', path: '/login' },
    {
        name: 'login: wrong password',
        as: 'guest',
        path: '/login',
        prepare: async (page) => {
            await field(page, 'email').fill('hanako.sato@example.jp');
            await field(page, 'password').fill('Wrong-Pass-2026');
            await button(page, 'login').click();
            await page.locator('[data-id="login-error"] [data-id="message"]').waitFor();
        }
    },
    {
        name: 'login: forgot password',
        as: 'guest',
        path: '/login',
        prepare: async (page) => {
            await button(page, 'forgot-password').click();
            await field(page, 'reset-email').waitFor();
        }
    },
    { name: 'staff login', as: 'guest', path: '/login?as=staff' },
    { name: 'register', as: 'guest', path: '/register' },
    {
        name: 'register: errors',
        as: 'guest',
        path: '/register',
        prepare: async (page) => {
            await button(page, 'submit').click();
            await page.waitForTimeout(300);
        }
    },
    { name: 'link account', as: 'guest', path: '/link-account' },
    {
        name: 'link account: locked',
        as: 'guest',
        path: '/link-account',
        prepare: async (page) => {
            // The account-linking journey locked Emily's verification: the "try again later" answer.
            await checkBillingLogin(page, 'emily.carter@example.com', 'Wrong-Password-9');
            await page.locator('[data-id="error"] [data-id="message"]').waitFor();
        }
    },
    { name: 'home', as: HANAKO, path: '/' },
    { name: 'catalog', as: HANAKO, path: '/catalog' },
    { name: 'checkout SIM', as: HANAKO, path: '/checkout?category=SIM&plan=SIM-VOICE-20GB' },
    {
        name: 'checkout SIM: number transfer',
        as: HANAKO,
        path: '/checkout?category=SIM&plan=SIM-VOICE-20GB',
        prepare: async (page) => {
            await page.locator('[data-id="mnp-toggle"] label').first().click();
            await page.locator('[data-id="mnp"]').waitFor();
        }
    },
    { name: 'checkout Internet', as: HANAKO, path: '/checkout?category=Internet&plan=INT-FIBER-1G' },
    {
        name: 'checkout Internet: address form',
        as: HANAKO,
        path: '/checkout?category=Internet&plan=INT-FIBER-1G',
        prepare: async (page) => {
            await button(page, 'edit-address').click();
            await field(page, 'line1').waitFor();
        }
    },
    { name: 'checkout VPN', as: HANAKO, path: '/checkout?category=VPN' },
    { name: 'orders', as: HANAKO, path: '/orders' },
    { name: 'order detail SIM', as: HANAKO, path: (ctx) => `/order?orderId=${fact(ctx, 'simOrderId')}` },
    {
        name: 'order detail Internet (installation address)',
        as: ICHIRO,
        path: async (ctx) => `/order?orderId=${await internetOrderOf(ctx, '10000002')}`
    },
    { name: 'subscriptions', as: HANAKO, path: '/subscriptions' },
    { name: 'invoices', as: HANAKO, path: '/invoices' },
    {
        name: 'invoice detail',
        as: HANAKO,
        path: async (ctx) => {
            const [order] = await ctx.stack.org.query(
                `SELECT WHMCS_Invoice_Id__c FROM Order WHERE Id = '${fact(ctx, 'simOrderId')}'`
            );
            assert(order?.WHMCS_Invoice_Id__c, 'the SIM order has its WHMCS invoice');
            return `/invoice?invoiceId=${String(order.WHMCS_Invoice_Id__c)}`;
        }
    },
    {
        name: 'service change: choosing a plan',
        as: HANAKO,
        path: (ctx) => `/service-change?serviceId=${fact(ctx, 'simServiceId')}&action=change`
    },
    {
        name: 'service change: the request followed',
        as: HANAKO,
        path: (ctx) => `/service-change?requestId=${fact(ctx, 'planChangeRequestId')}`
    },
    { name: 'payment methods', as: HANAKO, path: '/payment-methods' },
    { name: 'profile', as: HANAKO, path: '/profile' },
    {
        name: 'profile: editing the address',
        as: HANAKO,
        path: '/profile',
        prepare: async (page) => {
            await button(page, 'edit').click();
            await field(page, 'line1').waitFor();
        }
    },
    { name: 'staff', as: 'staff', path: '/staff' }
];

// Latin words the Japanese UI may show, each with its reason. Data (names, emails, product names, addresses,
// ids, amounts) is taken out first, from the seed files and the org: see dataStrings().
const ALLOWED_WORDS: Record<string, string> = {
    SIM: 'the service name Japanese carriers use (SIMカード)',
    WHMCS: "the billing system's product name, which staff know it by",
    English: 'the language picker names each language in its own language: English(英語)',
    VPN: 'the service name, written in Latin letters in Japanese',
    MNP: 'the Japanese term for number transfer (MNP予約番号)',
    ID: 'written in Latin letters in Japanese (お客様ID)',
    PDF: 'a file format',
    GB: 'unit',
    Mbps: 'unit',
    Gbps: 'unit',
    Visa: 'card brand (data from the billing system)',
    Mastercard: 'card brand',
    MasterCard: 'card brand, as the billing system spells it',
    JCB: 'card brand',
    AMEX: 'card brand',
    American: 'card brand (American Express)',
    Express: 'card brand (American Express)'
};

/** Strings that are data, longest first: the catalog, the demo accounts, and the people in the org. */
async function dataStrings(ctx: JourneyContext): Promise<string[]> {
    const read = (file: string) => JSON.parse(fs.readFileSync(path.join(repoRoot, 'data', file), 'utf8'));
    const out = new Set<string>();
    const add = (value: unknown) => {
        if (typeof value === 'string' && /[A-Za-z]/.test(value) && value.length > 1) out.add(value.trim());
    };
    for (const p of read('catalog.json').products as Record<string, unknown>[]) {
        for (const key of ['Name', 'Description', 'ProductCode']) add(p[key]);
    }
    for (const a of read('accounts.json').accounts as Record<string, unknown>[])
        Object.values(a).forEach(add);
    const rows = [
        ...(await ctx.stack.org.query('SELECT FirstName, LastName, Email FROM Contact')),
        ...(await ctx.stack.org.query('SELECT Name, BillingStreet, BillingCity, BillingState FROM Account'))
    ];
    for (const row of rows) Object.values(row).forEach(add);
    // What the journeys before this one typed (card holders, an installation address) and the sandbox's
    // seed data (WHMCS product groups, its test gateway).
    ['HANAKO SATO', 'ICHIRO TANAKA', 'Building B, room 201', 'Internet', 'Test card'].forEach(add);
    add(`${STAFF_USER.firstName} ${STAFF_USER.lastName}`);
    EXISTING_WHMCS.forEach((c) => add(c.name));
    // A multi-line street is shown line by line.
    for (const value of [...out]) value.split(/\r?\n/).forEach(add);
    return [...out].sort((a, b) => b.length - a.length);
}

/** The Latin words of a text that are neither data nor allowed. */
export function latinWordsNotData(text: string, data: string[]): string[] {
    let rest = text;
    for (const value of data) rest = rest.split(value).join(' ');
    rest = rest
        .replace(/\S+@\S+\.\S+/g, ' ') // emails
        .replace(/https?:\/\/\S+/g, ' ') // links
        .replace(/[A-Za-z0-9_.\-/]*\d[A-Za-z0-9_.\-/]*/g, ' '); // ids, codes, amounts, numbers with units
    // Single letters are examples of characters (英字(A〜Z、a〜z)), not words.
    return (rest.match(/[A-Za-z][A-Za-z'’-]+/g) ?? []).filter((word) => !(word in ALLOWED_WORDS));
}

interface Reading {
    scrollWidth: number;
    /** The elements that reach past the viewport's right edge (deepest first, a few). */
    wide: string[];
    /** Visible texts and accessible names/hints in the page's language (not inside another lang=). */
    texts: string[];
}

// Runs in the page: the width, what overflows, and every text a customer sees or hears.
function readPage(width: number): Reading {
    const texts: string[] = [];
    const wide: string[] = [];
    const describe = (el: Element) => {
        const id = el.getAttribute('data-id') ?? el.getAttribute('data-field');
        const cls = (el.getAttribute('class') ?? '').split(/\s+/).filter(Boolean).slice(0, 2).join('.');
        return `${el.tagName.toLowerCase()}${id ? `[data-id=${id}]` : ''}${cls ? `.${cls}` : ''} (${Math.round(el.getBoundingClientRect().right)} px)`;
    };
    const pageLang = document.documentElement.lang;
    const visible = (el: Element) =>
        el.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions);
    const walk = (node: Node) => {
        if (node.nodeType === Node.TEXT_NODE) {
            const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
            const parent = node.parentElement;
            if (text && parent && visible(parent)) texts.push(text);
            return;
        }
        if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) return;
        if (node.nodeType === Node.ELEMENT_NODE) {
            const el = node as Element;
            if (['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT'].includes(el.tagName)) return;
            // The language switch names each language in its own language (lang="en").
            const lang = el.getAttribute('lang');
            if (lang && lang !== pageLang) return;
            if (visible(el)) {
                for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) {
                    const value = el.getAttribute(attr);
                    if (value && value.trim()) texts.push(value.trim());
                }
                const rect = el.getBoundingClientRect();
                if (rect.right > width + 0.5 && rect.width > 0 && wide.length < 400) wide.push(describe(el));
            }
            if (el.shadowRoot) walk(el.shadowRoot);
        }
        node.childNodes.forEach(walk);
    };
    walk(document.body);
    return { scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(-6), texts };
}

async function setLanguage(page: Page, language: 'en' | 'ja'): Promise<void> {
    await page.evaluate(async (lang) => {
        await fetch('/_org/language', {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ language: lang })
        });
    }, language);
}

function sameWho(a: Who, b: Who): boolean {
    return typeof a === 'string' || typeof b === 'string' ? a === b : a.email === b.email;
}

async function signIn(page: Page, ctx: JourneyContext, who: Who): Promise<void> {
    if (who === 'staff') await logInStaff(page, ctx);
    else if (who !== 'guest') await logIn(page, ctx, who.email, PORTAL_PASSWORD);
    else await go(page, ctx, '/login');
}

export const layoutAt375: Journey = {
    name: 'layout: every page at 375 px in English and Japanese, no horizontal scroll, no English left in Japanese',
    async run(ctx) {
        const data = await dataStrings(ctx);
        const shots = path.join(resultsDir, 'layout');
        fs.mkdirSync(shots, { recursive: true });
        const overflow: string[] = [];
        const english: string[] = [];
        // One session per person and language, in the order of the list.
        const people: Who[] = [];
        for (const p of LAYOUT_PAGES) if (!people.some((w) => sameWho(w, p.as))) people.push(p.as);
        for (const language of ['en', 'ja'] as const) {
            for (const who of people) {
                const page = await newSession(ctx.context);
                await page.setViewportSize({ width: PHONE_WIDTH, height: 800 });
                try {
                    await signIn(page, ctx, who);
                    await setLanguage(page, language);
                    for (const target of LAYOUT_PAGES.filter((p) => sameWho(p.as, who))) {
                        const pathAndQuery =
                            typeof target.path === 'string' ? target.path : await target.path(ctx);
                        await go(page, ctx, pathAndQuery);
                        await page.locator(`html[lang="${language}"]`).waitFor();
                        await settle(page);
                        if (target.prepare) {
                            await target.prepare(page);
                            await settle(page);
                        }
                        // tsx names the functions inside readPage with a helper the page lacks.
                        await page.evaluate('window.__name = window.__name || ((f) => f)');
                        const reading = await page.evaluate(readPage, PHONE_WIDTH);
                        const label = `[${language}] ${target.name} (${pathAndQuery})`;
                        if (reading.scrollWidth > PHONE_WIDTH) {
                            overflow.push(`${label}: ${reading.scrollWidth} px; ${reading.wide.join(', ')}`);
                        }
                        if (language === 'ja') {
                            for (const text of [...new Set(reading.texts)]) {
                                const words = latinWordsNotData(text, data);
                                if (words.length > 0)
                                    english.push(`${label}: "${text}" → ${words.join(' ')}`);
                            }
                        }
                        const file = `${language}-${target.name.replace(/[^a-z0-9]+/gi, '-')}.png`;
                        await page.screenshot({ path: path.join(shots, file), fullPage: true });
                    }
                } finally {
                    // The signed-in users keep English for the journeys after this one.
                    if (language === 'ja' && who !== 'guest')
                        await setLanguage(page, 'en').catch(() => undefined);
                    await page.close();
                }
            }
        }
        for (const line of [...overflow, ...english]) console.log(`     ${line}`);
        assert(
            overflow.length === 0 && english.length === 0,
            `${overflow.length} page(s) wider than ${PHONE_WIDTH} px, ${english.length} English text(s) in Japanese (listed above)`
        );
    }
};
