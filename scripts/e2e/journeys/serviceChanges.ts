// Plan change and cancellation (issue 16): the customer asks from a subscription, staff approve on the staff
// page, the middleware carries it out in the WHMCS sandbox exactly once.
import type { Locator, Page } from 'playwright-core';
import { assert, button, L, newSession, type Journey, type JourneyContext } from '../harness';
import { confirmDialog, expectStatus, go, logIn, logInStaff, PORTAL_PASSWORD } from './basics';

const CUSTOMER = 'hanako.sato@example.jp';
const SERVICE_NAME = 'SIM Voice 20 GB';

interface SandboxService {
    id: number;
    packageid: number;
    amount: string;
}
interface SandboxState {
    services: SandboxService[];
    cancelRequests: { relid: number; type: string; reason: string }[];
}

async function sandbox<T>(ctx: JourneyContext, path: string): Promise<T> {
    const response = await fetch(`${ctx.stack.sandboxUrl}/_sandbox/${path}`);
    assert(response.ok, `sandbox ${path}: HTTP ${response.status}`);
    return (await response.json()) as T;
}

async function whmcsCalls(ctx: JourneyContext, action: string): Promise<number> {
    const calls = await sandbox<{ action: string }[]>(ctx, 'calls');
    return calls.filter((call) => call.action.toLowerCase() === action.toLowerCase()).length;
}

async function assertNoHorizontalScroll(page: Page, what: string): Promise<void> {
    const previous = page.viewportSize();
    await page.setViewportSize({ width: 375, height: 800 });
    await page.waitForTimeout(200);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert(width <= 375, `${what} at 375 px is ${width} px wide`);
    if (previous) await page.setViewportSize(previous);
}

/** From the subscriptions page, the customer opens an action of a service; answers its service id. */
async function openAction(
    page: Page,
    action: 'change-plan' | 'cancel-service',
    row: Locator
): Promise<string> {
    await row.waitFor();
    const serviceId = (await row.getAttribute('data-subscription')) ?? '';
    await button(row, action).click();
    await page.waitForURL((url) => url.pathname === '/service-change');
    return serviceId;
}

async function confirmRequest(page: Page): Promise<string> {
    await page.locator('[data-id="quote"]').waitFor();
    await button(page, 'confirm').click();
    await page.waitForURL((url) => url.searchParams.has('requestId'));
    await expectStatus(page, 'Submitted');
    return new URL(page.url()).searchParams.get('requestId') ?? '';
}

/**
 * Staff approve the request in two tabs at once (a double click, a stale page): one approval goes through, the
 * other is refused; the job then runs and the request is Done. Staff work in English.
 */
async function staffApproveTwice(ctx: JourneyContext, requestId: string): Promise<void> {
    const staff = await newSession(ctx.context);
    await logInStaff(staff, ctx);
    const second = await ctx.context.newPage();
    await second.goto(`${ctx.stack.previewUrl}/staff`);
    const sectionOf = (page: Page) => page.locator(`[data-request-id="${requestId}"]`);
    await sectionOf(staff).locator('[data-id="approve"]').waitFor();
    await sectionOf(second).locator('[data-id="approve"]').waitFor();

    await button(sectionOf(staff), 'approve').click();
    await confirmDialog(staff);
    await sectionOf(staff).locator('[data-id="approve"]').waitFor({ state: 'detached' });
    await button(sectionOf(second), 'approve').click();
    await confirmDialog(second);
    await second.getByText(L('Error_REQUEST_NOT_APPROVABLE')).first().waitFor();
    await second.close();

    await ctx.stack.org.idle();
    await button(sectionOf(staff), 'refresh').click();
    await sectionOf(staff)
        .locator('[data-field="status"]')
        .getByText(L('ServiceChange_Status_Done'))
        .waitFor();
    await staff.close();
}

export const planChangeApprovedOnce: Journey = {
    name: 'plan change: the customer changes the SIM plan from a subscription (price difference, effective date), staff approve twice at once, WHMCS makes one UpgradeProduct and the customer sees it Done',
    async run(ctx) {
        let page = await newSession(ctx.context);
        await logIn(page, ctx, CUSTOMER, PORTAL_PASSWORD, '/subscriptions');
        const serviceId = await openAction(
            page,
            'change-plan',
            page.locator('[data-subscription]').filter({ hasText: SERVICE_NAME }).first()
        );
        ctx.facts.simServiceId = serviceId;
        await page.locator('[data-field="plan"] label').filter({ hasText: 'SIM Data 3 GB' }).first().click();
        const difference = await page.locator('[data-id="quote"] [data-field="difference"]').innerText();
        assert(
            difference.includes('1,490') && /[-−]/.test(difference),
            `difference 990 − 2,480: ${difference}`
        );
        const effectiveOn = await page.locator('[data-id="quote"] [data-field="effectiveOn"]').innerText();
        assert(effectiveOn.trim() !== '', 'effective date shown');
        await assertNoHorizontalScroll(page, 'the plan change page');
        const requestId = await confirmRequest(page);
        await page.locator('[data-id="submitted"]').waitFor();
        ctx.facts.planChangeRequestId = requestId;

        // A second request for the same service is not offered while this one is open.
        await go(page, ctx, '/subscriptions');
        const row = page.locator(`[data-subscription="${serviceId}"]`);
        await row.locator('[data-id="pending-request"]').waitFor();
        assert((await row.locator('[data-id="change-plan"]').count()) === 0, 'no second request offered');
        const upgradesBefore = await whmcsCalls(ctx, 'UpgradeProduct');

        await page.close();

        await staffApproveTwice(ctx, requestId);
        // The staff session replaced the customer's in this browser: a new customer session.
        page = await newSession(ctx.context);
        await logIn(page, ctx, CUSTOMER, PORTAL_PASSWORD, `/service-change?requestId=${requestId}`);

        assert(
            (await whmcsCalls(ctx, 'UpgradeProduct')) === upgradesBefore + 1,
            'exactly one WHMCS UpgradeProduct for two approvals'
        );
        const state = await sandbox<SandboxState>(ctx, 'state');
        const service = state.services.find((s) => String(s.id) === serviceId);
        assert(
            service?.packageid === 201,
            `the WHMCS service is now SIM Data 3 GB: ${JSON.stringify(service)}`
        );
        const [record] = await ctx.stack.org.query(
            `SELECT Status__c, Open_Service_Key__c FROM Service_Request__c WHERE Id = '${requestId}'`
        );
        assert(record?.Status__c === 'Done' && !record.Open_Service_Key__c, 'the request is Done and closed');

        await expectStatus(page, 'Done');
        await page.locator('[data-id="done"]').waitFor();
        await page.close();
    }
};

export const japaneseCancellationApprovedOnce: Journey = {
    name: 'cancellation in Japanese: the customer cancels the SIM service with a reason (last day of service), staff approve twice at once, WHMCS gets one AddCancelRequest at the end of the billing period',
    async run(ctx) {
        assert(ctx.facts.simServiceId, 'needs the plan change journey');
        let page = await newSession(ctx.context);
        await logIn(page, ctx, CUSTOMER, PORTAL_PASSWORD, '/subscriptions');
        await page.getByRole('button', { name: '日本語' }).click();
        await page.waitForLoadState('load');
        await page.locator('html[lang="ja"]').waitFor();
        const serviceId = await openAction(
            page,
            'cancel-service',
            page.locator(`[data-subscription="${ctx.facts.simServiceId}"]`)
        );
        await page.locator('[data-id="quote"]').waitFor();
        const main = await page.locator('main').innerText();
        for (const label of [
            'ServiceChange_TitleCancel',
            'ServiceChange_LastServiceDay',
            'ServiceChange_RuleNote'
        ]) {
            assert(main.includes(L(label, 'ja')), `${label} in Japanese`);
        }
        await page.locator('[data-field="reason"] textarea').fill('海外に引っ越すため');
        await assertNoHorizontalScroll(page, 'the cancellation page in Japanese');
        const requestId = await confirmRequest(page);
        assert(
            (await page.locator('main').innerText()).includes(L('ServiceChange_Submitted', 'ja')),
            'confirmation in Japanese'
        );
        const cancelsBefore = await whmcsCalls(ctx, 'AddCancelRequest');

        await page.close();

        await staffApproveTwice(ctx, requestId);
        // The staff session replaced the customer's (and its language) in this browser: a new customer session.
        page = await newSession(ctx.context);
        await logIn(page, ctx, CUSTOMER, PORTAL_PASSWORD, `/service-change?requestId=${requestId}`);
        if ((await page.locator('html').getAttribute('lang')) !== 'ja') {
            await page.getByRole('button', { name: '日本語' }).click();
            await page.waitForLoadState('load');
            await page.locator('html[lang="ja"]').waitFor();
        }

        assert(
            (await whmcsCalls(ctx, 'AddCancelRequest')) === cancelsBefore + 1,
            'exactly one WHMCS AddCancelRequest for two approvals'
        );
        const state = await sandbox<SandboxState>(ctx, 'state');
        const cancel = state.cancelRequests.filter((c) => String(c.relid) === serviceId);
        assert(cancel.length === 1, `one cancellation request in WHMCS, found ${cancel.length}`);
        assert(
            cancel[0].type === 'End of Billing Period',
            `at the end of the billing period: ${cancel[0].type}`
        );
        assert(cancel[0].reason === '海外に引っ越すため', 'with the customer reason');

        await expectStatus(page, 'Done');
        const badge = await page.locator('[data-id="badge"]').first().innerText();
        assert(badge.includes(L('ServiceChange_Status_Done', 'ja')), `status in Japanese: ${badge}`);
        await assertNoHorizontalScroll(page, 'the request page in Japanese');
        // Back to English for the journeys after this one.
        await page.getByRole('button', { name: 'English' }).click();
        await page.waitForLoadState('load');
        await page.close();
    }
};
