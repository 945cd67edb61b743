// Invoice detail: lines, tax, totals, status and payments, the PDF through a WHMCS SSO link, and the invoice
// pages at 375 px, in English and Japanese. Uses Hanako's paid SIM invoice (the sign-up and staff journeys)
// and Kenta's seed invoices (the account-linking journey).
import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { assert, button, L, newSession, type Journey, type JourneyContext } from '../harness';
import { expectStatus, go, logIn, PORTAL_PASSWORD } from './basics';

const PHONE = { width: 375, height: 800 };

/** ¥5,280 / -¥1,000 / ￥5,280 → 5280 / -1000 (whole yen). */
function yen(text: string): number {
    const digits = text.replace(/[^\d-]/g, '');
    assert(/^-?\d+$/.test(digits), `an amount in yen: "${text}"`);
    return Number(digits);
}

async function yenOf(locator: Locator): Promise<number> {
    return yen(await locator.innerText());
}

/** The page, once its data has loaded, is no wider than the phone: no horizontal scrolling. */
async function assertFitsPhone(page: Page, what: string): Promise<void> {
    await page.waitForLoadState('networkidle');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert(width <= PHONE.width, `${what}: scrollWidth ${width} > ${PHONE.width}`);
}

/** A button whose label wraps (one character per line in Japanese) is taller than one line of its text. */
async function assertOneLine(buttonLocator: Locator, what: string): Promise<void> {
    const { height, lineHeight, overflow } = await buttonLocator.evaluate((el) => {
        const style = getComputedStyle(el);
        return {
            height: el.getBoundingClientRect().height,
            lineHeight: parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5,
            overflow: el.scrollWidth > el.clientWidth + 1
        };
    });
    assert(
        height < lineHeight * 2 && !overflow,
        `${what}: label on one line (height ${height}, line ${lineHeight})`
    );
}

/** Opens an invoice's detail from the list and checks its arithmetic; answers the total shown. */
async function openAndCheckDetail(
    page: Page,
    invoiceId: string,
    language: 'en' | 'ja'
): Promise<{ total: number; tax: number; subtotal: number }> {
    const row = page.locator(`[data-invoice="${invoiceId}"]`);
    await row.waitFor();
    const listedTotal = await row.locator('dd').nth(2).innerText();
    await row.locator('a').first().click();
    await page.waitForURL(
        (url) => url.pathname === '/invoice' && url.searchParams.get('invoiceId') === invoiceId
    );
    await page.locator('[data-id="total"]').waitFor();
    const main = await page.locator('main').innerText();
    assert(
        main.includes(L('InvoiceDetail_Title', language).replace('{0}', invoiceId)),
        'the invoice heading'
    );
    assert(main.includes(L('InvoiceDetail_Lines', language)), 'the lines section');
    assert((await page.locator('[data-line]').count()) > 0, 'at least one line');
    const total = await yenOf(page.locator('[data-id="total"]'));
    assert(total === yen(listedTotal), `detail total ${total} = list total ${listedTotal}`);
    const subtotal = await yenOf(page.locator('[data-id="subtotal"]'));
    const taxRow = page.locator('[data-tax="0"]');
    const taxLabel = L('InvoiceDetail_Tax', language).replace('{0}', '10');
    assert((await taxRow.innerText()).includes(taxLabel), `the tax row reads "${taxLabel}"`);
    const tax = await yenOf(taxRow.locator('dd'));
    // Japan's consumption tax is inside the prices: the tax is 10/110 of the total, rounded down.
    assert(tax === Math.floor((total * 10) / 110), `tax ${tax} is 10% inside ${total}`);
    assert(subtotal + tax === total, `subtotal ${subtotal} + tax ${tax} = total ${total}`);
    return { total, tax, subtotal };
}

async function downloadPdf(page: Page, invoiceId: string): Promise<void> {
    const [download] = await Promise.all([page.waitForEvent('download'), button(page, 'pdf').click()]);
    assert(
        download.suggestedFilename() === `Invoice-${invoiceId}.pdf`,
        `file ${download.suggestedFilename()}`
    );
    const file = await download.path();
    const pdf = fs.readFileSync(file, 'latin1');
    assert(pdf.startsWith('%PDF-') && pdf.trimEnd().endsWith('%%EOF'), 'a PDF file');
    assert(pdf.includes(`(Invoice #${invoiceId})`), 'the PDF is this invoice');
    // The download leaves the portal page in place.
    assert(new URL(page.url()).pathname === '/invoice', 'still on the invoice page');
}

async function setLanguage(page: Page, language: 'en' | 'ja'): Promise<void> {
    await page.getByRole('button', { name: language === 'ja' ? '日本語' : 'English' }).click();
    await page.waitForLoadState('load');
    await page.locator(`html[lang="${language}"]`).waitFor();
}

async function simInvoiceId(ctx: JourneyContext): Promise<string> {
    const orderId = ctx.facts.simOrderId;
    assert(orderId, 'needs the SIM order of the sign-up journey');
    const [order] = await ctx.stack.org.query(
        `SELECT WHMCS_Invoice_Id__c FROM Order WHERE Id = '${orderId}'`
    );
    const invoiceId = order?.WHMCS_Invoice_Id__c as string | undefined;
    assert(invoiceId, 'the order has its WHMCS invoice id');
    return String(invoiceId);
}

export const invoiceDetailEnglish: Journey = {
    name: 'invoice detail: the paid SIM invoice shows its lines, 10% consumption tax, total, Paid and the card payment; the PDF downloads through SSO; invoices and detail fit 375 px',
    async run(ctx) {
        const invoiceId = await simInvoiceId(ctx);
        const page = await newSession(ctx.context);
        await logIn(page, ctx, 'hanako.sato@example.jp', PORTAL_PASSWORD, '/invoices');
        const { total } = await openAndCheckDetail(page, invoiceId, 'en');
        await expectStatus(page, 'Paid');
        assert((await yenOf(page.locator('[data-id="balance"]'))) === 0, 'nothing left to pay');
        const payment = page.locator('[data-payment="0"]');
        const paymentText = await payment.innerText();
        assert(paymentText.includes('Test card'), `paid with the test gateway: ${paymentText}`);
        assert(paymentText.includes(L('InvoiceDetail_TransactionId')), 'the transaction number is shown');
        assert((await yenOf(payment.locator('.amount'))) === total, 'the payment covers the total');
        assert((await page.locator('[data-id="pay"]').count()) === 0, 'no pay button on a paid invoice');
        await downloadPdf(page, invoiceId);

        await page.setViewportSize(PHONE);
        await go(page, ctx, `/invoice?invoiceId=${invoiceId}`);
        await page.locator('[data-id="total"]').waitFor();
        await assertFitsPhone(page, 'invoice detail (en)');
        await go(page, ctx, '/invoices');
        await page.locator(`[data-invoice="${invoiceId}"]`).waitFor();
        await assertFitsPhone(page, 'invoices (en)');
        await page.close();
    }
};

export const invoiceDetailJapanese: Journey = {
    name: 'invoice detail in Japanese: an unpaid invoice with its tax and a pay button that does not wrap; another customer’s invoice is refused; invoices and detail fit 375 px',
    async run(ctx) {
        const page = await newSession(ctx.context);
        await logIn(page, ctx, 'kenta.suzuki@example.jp', PORTAL_PASSWORD, '/invoices');
        await setLanguage(page, 'ja');
        try {
            await page.setViewportSize(PHONE);
            await page.locator('[data-invoice]').first().waitFor();
            await assertFitsPhone(page, 'invoices (ja)');
            const unpaid = page.locator('[data-invoice]').filter({
                has: page.locator('[data-id="badge"][data-status="Unpaid"]')
            });
            await assertOneLine(unpaid.first().locator('c-sso-button button'), 'the pay button (ja, 375 px)');

            const invoiceId = await unpaid.first().getAttribute('data-invoice');
            assert(invoiceId, 'an unpaid invoice of Kenta');
            await openAndCheckDetail(page, invoiceId, 'ja');
            await expectStatus(page, 'Unpaid');
            const main = await page.locator('main').innerText();
            assert(main.includes(L('InvoiceDetail_NoPayments', 'ja')), 'no payments yet, in Japanese');
            assert(main.includes(L('InvoiceDetail_Subtotal', 'ja')), 'the subtotal in Japanese');
            await assertOneLine(button(page, 'pay'), 'the pay button on the detail (ja)');
            await assertFitsPhone(page, 'invoice detail (ja)');

            // Hanako's SIM invoice is not Kenta's: refused, nothing of it shown.
            const foreign = await simInvoiceId(ctx);
            await go(page, ctx, `/invoice?invoiceId=${foreign}`);
            await page.locator('c-error-panel').first().waitFor();
            await page.getByText(L('Error_NOT_FOUND', 'ja')).first().waitFor();
            assert((await page.locator('[data-id="total"]').count()) === 0, 'no amounts of another customer');
        } finally {
            // Back to English for the journeys after this one.
            await page.setViewportSize({ width: 1280, height: 900 });
            await setLanguage(page, 'en');
            await page.close();
        }
    }
};
