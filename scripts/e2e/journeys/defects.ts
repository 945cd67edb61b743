// Issue 16's defects, where only the browser shows them: staff see WHMCS's own refusal text, and the staff
// panel and the record page heading follow provisioning after Approve and Retry without Refresh; the
// language chosen on the login page is kept after login; WHMCS's "Back to the portal" returns to the page
// the customer came from; sign-up marks every invalid field once and throttles customer-number guesses.
import { assert, button, field, L, newSession, type Journey } from '../harness';
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

// Kenta Suzuki's number: he links his account (no one signs up with it), so locking it disturbs no journey.
const THROTTLED_NUMBER = '20000001';

export const signUpFieldsAndThrottle: Journey = {
    name: 'defects: sign-up marks every invalid field with one hint, refuses a 4-digit customer number, and after five wrong guesses refuses the right details with the time to try again',
    async run(ctx) {
        const page = await newSession(ctx.context);
        await go(page, ctx, '/register');
        await field(page, 'customerNumber').fill('1234');
        await field(page, 'email').fill('not-an-email');
        await field(page, 'postalCode').click();
        const numberError = await page.locator('[data-error="customerNumber"]').innerText();
        assert(numberError === L('Portal_Signup_CustomerNumberInvalid'), `4-digit number: ${numberError}`);
        for (const name of ['customerNumber', 'email']) {
            const input = page.locator(`lightning-input[data-field="${name}"]`);
            await page.waitForFunction(
                (el) => !!el && el.classList.contains('slds-has-error'),
                await input.elementHandle()
            );
            // The input adds no text of its own: the form's message under it is the only hint.
            const own = await input.locator('[data-help-message]').evaluateAll((els) =>
                els
                    .map((el) => {
                        // The input names its field for screen readers before its message.
                        const copy = el.cloneNode(true) as Element;
                        copy.querySelectorAll('.slds-assistive-text').forEach((n) => n.remove());
                        return (copy.textContent ?? '').trim();
                    })
                    .filter(Boolean)
            );
            assert(own.length === 0, `${name}: a second hint ${JSON.stringify(own)}`);
            assert(
                (await page.locator(`[data-error="${name}"]`).innerText()).trim() !== '',
                `${name}: the form's hint`
            );
        }

        const attempt = async (postalCode: string): Promise<string> => {
            await field(page, 'customerNumber').fill(THROTTLED_NUMBER);
            await field(page, 'postalCode').fill(postalCode);
            await field(page, 'lastName').fill('Guess');
            await field(page, 'firstName').fill('Who');
            await field(page, 'email').fill('guess.who@example.jp');
            await field(page, 'password').fill(PORTAL_PASSWORD);
            await field(page, 'confirmPassword').fill(PORTAL_PASSWORD);
            await button(page, 'submit').click();
            // The form clears its error when it sends; the answer is in when one shows and nothing is sending.
            await page.waitForTimeout(300);
            const deadline = Date.now() + 20_000;
            for (;;) {
                const text = await page.locator('[data-id="error"]').innerText();
                const sending = (await page.locator('[data-id="status"]').innerText()).trim();
                if (text.trim() && !sending) return text;
                assert(Date.now() < deadline, 'no answer to the sign-up');
                await page.waitForTimeout(100);
            }
        };
        for (let i = 1; i <= 5; i++) {
            const text = await attempt(`100-000${i}`);
            assert(text.includes(L('Error_SIGNUP_NOT_FOUND')), `wrong guess ${i}: ${text}`);
        }
        const locked = await attempt('460-0008');
        const lockedText = L('Defects_Error_SignupLockedUntil').split('{0}')[0].trim();
        assert(
            locked.includes(lockedText) && /\d{1,2}:\d{2}/.test(locked),
            `the right details are refused: ${locked}`
        );
        await page.close();
    }
};
