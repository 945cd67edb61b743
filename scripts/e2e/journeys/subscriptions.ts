import type { Page } from 'playwright-core';
import { assert, L, newSession, type Journey } from '../harness';
import { go, logIn, PORTAL_PASSWORD } from './basics';

async function activeSubscriptionCount(page: Page): Promise<number> {
    return page.locator('[data-subscription] [data-id="badge"][data-status="Active"]').count();
}

export const subscriptionsShowWhatEachServiceIs: Journey = {
    name: 'the SIM customer sees her SIM with its phone number, price and next due date, no one-time fee; Home counts the same active services',
    async run(ctx) {
        assert(ctx.facts.simOrderId, 'needs the SIM order the earlier journeys made and activated');
        const page = await newSession(ctx.context);
        await logIn(page, ctx, 'hanako.sato@example.jp', PORTAL_PASSWORD, '/subscriptions');

        const sim = page.locator('[data-subscription]').filter({ hasText: 'SIM Voice 20 GB' });
        await sim.first().waitFor();
        assert((await sim.count()) === 1, 'one SIM subscription');
        const identifier = (
            await sim.locator('[data-id="identifier"] [data-kind="phone_number"]').innerText()
        ).trim();
        assert(identifier === '090-1234-5678', `the transferred number is shown: "${identifier}"`);
        const price = await sim.locator('[data-id="price"]').innerText();
        assert(/¥2,480/.test(price), `price per month: "${price}"`);
        const nextDue = (await sim.locator('[data-id="next-due"]').innerText()).trim();
        assert(nextDue !== '', 'a next due date');

        const names = await page.locator('[data-subscription] h3').allInnerTexts();
        assert(
            names.every((name) => !/activation fee/i.test(name)),
            `no one-time fee among the subscriptions: ${names.join(', ')}`
        );
        assert(await page.locator('[data-id="fees-note"]').isVisible(), 'says where one-time fees are');
        const active = await activeSubscriptionCount(page);
        assert(active >= 1, 'at least the SIM is active');

        // On a phone, in both languages, the list needs no horizontal scrolling.
        await page.setViewportSize({ width: 375, height: 800 });
        for (const [language, code] of [
            ['日本語', 'ja'],
            ['English', 'en']
        ] as const) {
            await page.getByRole('button', { name: language }).click();
            await sim
                .locator('[data-id="identifier"]')
                .getByText(L('Portal_Subscriptions_PhoneNumber', code))
                .waitFor();
            const width = await page.evaluate(() => document.documentElement.scrollWidth);
            assert(width <= 375, `${language}: ${width} px wide at 375 px`);
        }
        await page.setViewportSize({ width: 1280, height: 900 });

        // The order keeps its one-time fee.
        await go(page, ctx, `/order?orderId=${ctx.facts.simOrderId}`);
        await page.locator('[data-line="SIM-ACTIVATION"]').waitFor();

        await go(page, ctx, '/');
        const count = page.locator('[data-id="services"]');
        await count.waitFor();
        const shown = (await count.innerText()).trim();
        assert(
            shown === String(active),
            `Home counts ${shown} active services, the subscriptions page ${active}`
        );
        await page.close();
    }
};
