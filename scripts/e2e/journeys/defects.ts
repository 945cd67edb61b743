// Issue 16's defects, where only the browser shows them: staff see WHMCS's own refusal text, and the staff
// panel and the record page heading follow provisioning after Approve and Retry without Refresh; the
// language chosen on the login page is kept after login; WHMCS's "Back to the portal" returns to the page
// the customer came from.
import { assert, button, L, newSession, type Journey } from '../harness';
import { confirmDialog, go, logIn, logInStaff, PORTAL_PASSWORD, staffSection, submitLogin } from './basics';

async function injectWhmcsRefusal(sandboxUrl: string, action: string, message: string): Promise<void> {
    const res = await fetch(`${sandboxUrl}/_sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action, mode: 'error', times: 1, message })
    });
    assert(res.ok, `sandbox fault: ${res.status}`);
}

export const staffSeeWhmcsRefusalWithoutRefresh: Journey = {
    name: "defects: staff approve an order WHMCS refuses and see WHMCS's own text and the new status without Refresh; Retry follows it to Activated",
    async run(ctx) {
        const [order] = await ctx.stack.org.query(
            "SELECT Id FROM Order WHERE Account.Customer_Number__c = '10000002' AND Status = 'Draft'"
        );
        const orderId = order?.Id as string | undefined;
        assert(orderId, 'needs the Internet order of the address-change journey');
        await injectWhmcsRefusal(ctx.stack.sandboxUrl, 'AddOrder', 'Product is retired (password=hunter2)');

        const staff = await newSession(ctx.context);
        await logInStaff(staff, ctx);
        const section = await staffSection(staff, orderId);
        const heading = section.locator('h3').first();
        assert((await heading.innerText()).includes('Draft'), 'the heading starts at Draft');
        const provisioning = section.locator('[data-field="provisioningStatus"]');

        await button(section, 'approve').click();
        await confirmDialog(staff);
        // No Refresh: the panel follows the Flow and the job until WHMCS's answer is recorded.
        await provisioning.filter({ hasText: L('Defects_Status_Paused') }).waitFor({ timeout: 60_000 });
        const detail = await section.locator('[data-field="billingDetail"]').innerText();
        assert(detail.includes('Product is retired'), `WHMCS's text beside the customer wording: ${detail}`);
        assert(!detail.includes('hunter2'), 'a secret in WHMCS text is masked');
        const wording = await section.locator('[data-field="errorMessage"]').innerText();
        assert(wording === L('Error_BILLING_REJECTED'), `customer wording: ${wording}`);
        const trace = await section.locator('[data-id="trace"]').innerText();
        assert(trace.includes('Product is retired'), 'the trace has a message column');
        await heading.filter({ hasText: 'Approved' }).waitFor();

        await button(section, 'retry').click();
        await confirmDialog(staff);
        await provisioning.filter({ hasText: L('Defects_Status_Activated') }).waitFor({ timeout: 60_000 });
        await heading.filter({ hasText: 'Activated' }).waitFor();
        assert(
            (await section.locator('[data-field="billingDetail"]').innerText()) === L('Portal_Common_None'),
            'the refusal text is cleared once activated'
        );
        await staff.close();
    }
};

export const loginLanguageKept: Journey = {
    name: 'defects: the language chosen on the login page is kept after login (and saved for the next one)',
    async run(ctx) {
        const page = await newSession(ctx.context);
        await go(page, ctx, '/login');
        await page.getByRole('button', { name: '日本語' }).click();
        await page.locator('html[lang="ja"]').waitFor();
        await submitLogin(page, 'hanako.sato@example.jp', PORTAL_PASSWORD);
        await page.waitForURL((url) => url.pathname === '/');
        await page.locator('main').waitFor();
        assert((await page.locator('html').getAttribute('lang')) === 'ja', 'still Japanese after login');
        const [user] = await ctx.stack.org.query(
            "SELECT LanguageLocaleKey FROM User WHERE Email = 'hanako.sato@example.jp' AND IsPortalEnabled = TRUE"
        );
        assert(user?.LanguageLocaleKey === 'ja', `saved as her language: ${String(user?.LanguageLocaleKey)}`);
        // Back to English for the journeys after this one.
        await page.getByRole('button', { name: 'English' }).click();
        await page.locator('html[lang="en"]').waitFor();
        await page.close();
    }
};

export const ssoBackToThePortal: Journey = {
    name: 'defects: "Back to the portal" on a WHMCS page returns to the portal page the customer left, not Home',
    async run(ctx) {
        const page = await newSession(ctx.context);
        await logIn(page, ctx, 'hanako.sato@example.jp', PORTAL_PASSWORD, '/payment-methods');
        await page.locator('[data-id="add"] button').first().click();
        await page.waitForURL(/paymentmethods\/add/);
        await page.getByRole('link', { name: 'Back to the portal' }).click();
        await page.waitForURL((url) => url.pathname === '/payment-methods');
        await page.close();
    }
};
