// Payment methods: a customer with an active service and two cards makes the second the default, removes the
// first, and cannot remove the last one; in English and in Japanese, at phone width.
import type { Page } from 'playwright-core';
import { assert, L, newSession, type Journey, type JourneyContext } from '../harness';
import { addCardOnSandbox, confirmDialog, go, logIn, PORTAL_PASSWORD } from './basics';

type Language = 'en' | 'ja';

interface SandboxPayMethod {
    id: number;
    userid: number;
    card_last_four: string | null;
    is_default: number;
}

/** The customer's pay methods as WHMCS (the sandbox) holds them: last four → is default. */
async function sandboxCards(ctx: JourneyContext, email: string): Promise<Record<string, boolean>> {
    const state = (await (await fetch(`${ctx.stack.sandboxUrl}/_sandbox/state`)).json()) as {
        clients: { id: number; email: string }[];
        payMethods: SandboxPayMethod[];
    };
    const client = state.clients.find((c) => c.email.toLowerCase() === email.toLowerCase());
    assert(client, `${email} is a WHMCS client`);
    return Object.fromEntries(
        state.payMethods
            .filter((m) => m.userid === client.id)
            .map((m) => [m.card_last_four ?? '', m.is_default === 1])
    );
}

function card(page: Page, lastFour: string) {
    return page.locator('[data-method]').filter({ hasText: lastFour });
}

/** The page's status line after a change (also announced to screen readers). */
async function expectAnnouncement(page: Page, text: string): Promise<void> {
    const status = page.locator('[data-id="announcement"]');
    await status.filter({ hasText: text }).waitFor();
}

/** At 375 px the cards stay a list: nothing wider than the screen. */
async function expectPhoneFit(page: Page, what: string): Promise<void> {
    await page.setViewportSize({ width: 375, height: 812 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert(width <= 375, `${what}: the page is ${width} px wide at 375 px`);
}

/** The shell's language switch: the page reloads in that language. */
async function chooseLanguage(page: Page, button: '日本語' | 'English'): Promise<void> {
    await page.getByRole('button', { name: button }).click();
    await page.waitForLoadState('load');
}

function cardsJourney(language: Language, email: string, holder: string): Journey {
    const t = (name: string, ...values: string[]) =>
        values.reduce((text, value, i) => text.replace(`{${i}}`, value), L(name, language));
    return {
        name: `payment methods (${language}): with an active service, two cards, the second made the default, the first removed (WHMCS shows it), the last one cannot be removed`,
        async run(ctx) {
            const page = await newSession(ctx.context);
            await logIn(page, ctx, email, PORTAL_PASSWORD, '/payment-methods');
            if (language === 'ja') {
                await chooseLanguage(page, '日本語');
                await page.locator('html[lang="ja"]').waitFor();
            }
            const visa = card(page, '4242');
            await visa.waitFor();
            // One card and an active service: it cannot go, and the page says why.
            await visa
                .locator('[data-id="locked"]')
                .filter({ hasText: t('Cards_LastLocked') })
                .waitFor();
            assert(
                await visa.locator('button[data-id="remove"]').isDisabled(),
                'the only card cannot be removed'
            );

            await page.locator('c-sso-button[data-id="add"] button').click();
            await addCardOnSandbox(page, holder, '5555 5555 5555 4444');
            await go(page, ctx, '/payment-methods');
            const master = card(page, '4444');
            await master.waitFor();
            assert(
                (await visa.locator('[data-id="default"]').count()) === 1,
                'the first card is the default'
            );
            assert((await visa.locator('[data-id="locked"]').count()) === 0, 'two cards: none locked');
            await expectPhoneFit(page, `payment methods (${language}) with two cards`);

            const masterLabel = (await master.locator('.slds-text-title_bold').innerText()).trim();
            const visaLabel = (await visa.locator('.slds-text-title_bold').innerText()).trim();
            const makeDefault = master.locator('button[data-id="make-default"]');
            assert(
                (await makeDefault.innerText()).trim() === t('Cards_MakeDefault'),
                'Make default, in words'
            );
            await makeDefault.click();
            await expectAnnouncement(page, t('Cards_DefaultSet', masterLabel));
            await master.locator('[data-id="default"]').waitFor();
            assert((await visa.locator('[data-id="default"]').count()) === 0, 'one default');
            const afterDefault = await sandboxCards(ctx, email);
            assert(
                afterDefault['4444'] === true && afterDefault['4242'] === false,
                'WHMCS has the new default'
            );

            const remove = visa.locator('button[data-id="remove"]');
            assert((await remove.innerText()).trim() === t('Cards_Remove'), 'Remove, in words');
            await remove.click();
            // The dialog's root is an unsized wrapper: wait for the dialog itself.
            const dialog = page.locator('.preview-confirm [role="alertdialog"]');
            await dialog.waitFor();
            const question = await dialog.innerText();
            assert(
                question.includes(t('Cards_RemoveConfirm', visaLabel)),
                `the dialog names the card: ${question}`
            );
            assert(!/4242 ?4242/.test(question), 'no card number beyond the last four');
            await confirmDialog(page);
            await expectAnnouncement(page, t('Cards_Removed', visaLabel));
            await visa.waitFor({ state: 'detached' });
            const afterRemove = await sandboxCards(ctx, email);
            assert(!('4242' in afterRemove) && afterRemove['4444'] === true, 'WHMCS no longer has the card');

            // The last card while a service is active: refused, with the reason.
            await master
                .locator('[data-id="locked"]')
                .filter({ hasText: t('Cards_LastLocked') })
                .waitFor();
            assert(
                await master.locator('button[data-id="remove"]').isDisabled(),
                'the last card cannot be removed'
            );
            assert('4444' in (await sandboxCards(ctx, email)), 'the last card stays in WHMCS');
            await expectPhoneFit(page, `payment methods (${language}) with the last card`);

            if (language === 'ja') {
                // Back to English for the journeys after this one.
                await chooseLanguage(page, 'English');
            }
            await page.close();
        }
    };
}

// Kenta, linked by existingCustomerLinksAndLockout: an Active fiber service and the Visa 4242 WHMCS holds.
export const cardsInEnglish = cardsJourney('en', 'kenta.suzuki@example.jp', 'KENTA SUZUKI');
// Hanako, from signUpAndOrderSim: her SIM is Active once staffApprovesAndCustomerPays ran; the Visa 4242 she
// added at sign-up.
export const cardsInJapanese = cardsJourney('ja', 'hanako.sato@example.jp', 'HANAKO SATO');
