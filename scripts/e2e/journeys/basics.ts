import type { Page } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { assert, button, field, L, newSession, type Journey, type JourneyContext } from '../harness';
import { repoRoot } from '../../preview/paths';
import { STAFF_USER } from '../../preview/demoLogins';

export const PORTAL_PASSWORD = 'Portal-Pass-2026';

export async function go(page: Page, ctx: JourneyContext, pathAndQuery: string): Promise<void> {
    await page.goto(ctx.stack.previewUrl + pathAndQuery);
}

export async function expectStatus(page: Page, status: string): Promise<void> {
    await page.locator(`[data-id="badge"][data-status="${status}"]`).first().waitFor();
}

// Adds a test card on the sandbox's WHMCS "add payment method" page (reached through an SSO link).
export async function addCardOnSandbox(
    page: Page,
    holder: string,
    number = '4242 4242 4242 4242'
): Promise<void> {
    await page.waitForURL(/paymentmethods\/add/);
    await page.getByLabel('Name on card').fill(holder);
    await page.getByLabel('Card number').fill(number);
    await page.getByLabel('Expiry date').fill('12/30');
    await page.getByRole('button', { name: 'Save card' }).click();
    await page.waitForLoadState('load');
}

export async function signUp(
    page: Page,
    ctx: JourneyContext,
    p: {
        customerNumber: string;
        postalCode: string;
        lastName: string;
        firstName: string;
        email: string;
    }
): Promise<void> {
    await go(page, ctx, '/register');
    await field(page, 'customerNumber').fill(p.customerNumber);
    await field(page, 'postalCode').fill(p.postalCode);
    await field(page, 'lastName').fill(p.lastName);
    await field(page, 'firstName').fill(p.firstName);
    await field(page, 'email').fill(p.email);
    await field(page, 'password').fill(PORTAL_PASSWORD);
    await field(page, 'confirmPassword').fill(PORTAL_PASSWORD);
    await button(page, 'submit').click();
    // Site.login's URL signs the new user in and lands on Home.
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByText(`${p.firstName} ${p.lastName}`).first().waitFor();
}

// A date field: ISO for a text input, the locale's medium format for lightning-input type=date
// ("Dec 31, 2026"; LBC formats in en-US here).
export async function fillDate(page: Page, name: string, days: number): Promise<void> {
    const d = new Date(Date.now() + days * 86_400_000);
    const isDatePicker =
        (await page.locator(`lightning-input[data-field="${name}"][type="date"]`).count()) > 0;
    const text = isDatePicker
        ? d.toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' })
        : d.toISOString().slice(0, 10);
    await field(page, name).fill(text);
    await field(page, name).press('Tab');
}

// The site's Login page (portalLogin): customers log in with their email.
export async function submitLogin(page: Page, email: string, password: string): Promise<void> {
    await field(page, 'email').fill(email);
    await field(page, 'password').fill(password);
    await button(page, 'login').click();
}

/** A guest opening a customer page is sent to the login page and, logged in, lands back on that page. */
export async function logIn(
    page: Page,
    ctx: JourneyContext,
    email: string,
    password: string,
    target = '/'
): Promise<void> {
    await go(page, ctx, target);
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('startURL') === target);
    await submitLogin(page, email, password);
    await page.waitForURL((url) => url.pathname + url.search === target);
}

/** Staff log in through the shell's login, the stand-in for Salesforce's internal login. */
export async function logInStaff(page: Page, ctx: JourneyContext): Promise<void> {
    await go(page, ctx, '/staff');
    await page.locator('.preview-login-form').waitFor();
    await field(page, 'username').fill(STAFF_USER.username);
    await field(page, 'password').fill(STAFF_USER.password);
    await page.locator('.preview-login-form button[type="submit"]').click();
    await page.waitForLoadState('load');
    await page.locator('.preview-login-form').waitFor({ state: 'detached' });
}

export const signUpAndOrderSim: Journey = {
    name: 'new customer signs up, is stopped at checkout without a payment method, adds a card, orders a SIM with number transfer (Submitted); signed out, is refused a wrong password, asks for a reset and logs in by email back to the order',
    async run(ctx) {
        const page = await newSession(ctx.context);
        await signUp(page, ctx, {
            customerNumber: '10000001',
            postalCode: '150-0001',
            lastName: 'Sato',
            firstName: 'Hanako',
            email: 'hanako.sato@example.jp'
        });

        await go(page, ctx, '/checkout?category=SIM&plan=SIM-VOICE-20GB');
        const noPayment = page.locator('[data-id="no-payment"]');
        await noPayment.waitFor();
        assert(
            (await noPayment.innerText()).includes(L('Portal_Checkout_NoPaymentTitle')),
            'no-payment message'
        );
        await noPayment.locator('button').first().click();
        await addCardOnSandbox(page, 'HANAKO SATO');

        await go(page, ctx, '/checkout?category=SIM&plan=SIM-VOICE-20GB');
        await page.locator('[data-id="mnp-toggle"] label').first().click();
        await page.locator('[data-id="mnp"]').waitFor();
        await field(page, 'reservationNumber').fill('1234567890');
        await fillDate(page, 'expiresOn', 20);
        await field(page, 'phoneNumber').fill('090-1234-5678');
        await field(page, 'holderName').fill('Hanako Sato');
        assert((await page.locator('[data-id="no-payment"]').count()) === 0, 'payment method is now on file');
        await button(page, 'submit').click();
        await page.waitForURL(/\/order\?/);
        await expectStatus(page, 'Submitted');
        ctx.facts.simOrderId = new URL(page.url()).searchParams.get('orderId') ?? '';
        assert(ctx.facts.simOrderId, 'order id in the detail URL');

        // Signed out, the order page sends her to the login page, which brings her back after login.
        await page.locator('.preview-logout').click();
        await page.waitForURL((url) => url.pathname === '/login');
        const orderPath = `/order?orderId=${ctx.facts.simOrderId}`;
        await go(page, ctx, orderPath);
        await page.waitForURL((url) => url.searchParams.get('startURL') === orderPath);
        await submitLogin(page, 'hanako.sato@example.jp', 'Wrong-Pass-2026');
        const loginError = page.locator('[data-id="login-error"]');
        await loginError.waitFor();
        assert(
            (await loginError.innerText()).includes(L('Error_LOGIN_FAILED')),
            `wrong password: ${await loginError.innerText()}`
        );
        // "Forgot your password?" answers with a neutral confirmation.
        await button(page, 'forgot-password').click();
        await field(page, 'reset-email').fill('hanako.sato@example.jp');
        await button(page, 'send-reset').click();
        await page.locator('[data-id="reset-sent"]').waitFor();
        await button(page, 'back-to-login').click();
        await submitLogin(page, 'hanako.sato@example.jp', PORTAL_PASSWORD);
        await page.waitForURL((url) => url.pathname + url.search === orderPath);
        await expectStatus(page, 'Submitted');
        await page.close();
    }
};

export async function staffSection(page: Page, orderId: string) {
    const section = page.locator(`[data-order-id="${orderId}"]`);
    await section.waitFor();
    return section;
}

export async function confirmDialog(page: Page): Promise<void> {
    await page.locator('.preview-confirm [data-answer="ok"]').click();
}

export const staffApprovesAndCustomerPays: Journey = {
    name: 'staff approve the SIM order; the customer sees it Active, the subscription and the invoice, pays through SSO and sees it Paid',
    async run(ctx) {
        const orderId = ctx.facts.simOrderId;
        assert(orderId, 'needs the SIM order of the sign-up journey');
        const staff = await newSession(ctx.context);
        await logInStaff(staff, ctx);
        const section = await staffSection(staff, orderId);
        await button(section, 'approve').click();
        await confirmDialog(staff);
        // The Flow + Queueable run after the approval commits.
        await section.locator('[data-id="approve"]').waitFor({ state: 'detached' });
        await ctx.stack.org.idle();
        await button(section, 'refresh').click();
        await section
            .getByText(/Activated/)
            .first()
            .waitFor();
        await staff.close();

        const page = await newSession(ctx.context);
        await logIn(page, ctx, 'hanako.sato@example.jp', PORTAL_PASSWORD);
        await go(page, ctx, `/order?orderId=${orderId}`);
        await expectStatus(page, 'Active');

        await go(page, ctx, '/subscriptions');
        const subscription = page.locator('[data-subscription]').filter({ hasText: 'SIM Voice 20 GB' });
        await subscription.first().waitFor();

        const [order] = await ctx.stack.org.query(
            `SELECT WHMCS_Invoice_Id__c FROM Order WHERE Id = '${orderId}'`
        );
        const invoiceId = order?.WHMCS_Invoice_Id__c as string | undefined;
        assert(invoiceId, 'the order has its WHMCS invoice id');
        await go(page, ctx, '/invoices');
        const row = page.locator(`[data-invoice="${invoiceId}"]`);
        await row.locator('[data-id="badge"][data-status="Unpaid"]').waitFor();
        await row.locator('c-sso-button button, button').first().click();
        await page.waitForURL(/viewinvoice\.php/);
        await page.getByRole('button', { name: 'Pay now' }).click();
        await page.getByText('Payment received').waitFor();
        await go(page, ctx, '/invoices');
        await page.locator(`[data-invoice="${invoiceId}"] [data-id="badge"][data-status="Paid"]`).waitFor();
        await page.close();
    }
};

/** Step 1 of account linking: the billing login is checked before a new password is asked for. */
export async function checkBillingLogin(page: Page, email: string, whmcsPassword: string): Promise<void> {
    await field(page, 'email').fill(email);
    await field(page, 'whmcsPassword').fill(whmcsPassword);
    await button(page, 'continue').click();
    // The check has answered when step 2 shows or the refused billing password has been cleared.
    const deadline = Date.now() + 20_000;
    // Counts, not auto-waiting reads: step 2 may replace the billing password field between two checks.
    const billingPassword = field(page, 'whmcsPassword');
    while ((await field(page, 'password').count()) === 0) {
        const refused =
            (await billingPassword.count()) > 0 &&
            (await billingPassword.inputValue({ timeout: 1_000 }).catch(() => null)) === '';
        if (refused) return;
        assert(Date.now() < deadline, 'no answer to the billing login check');
        await page.waitForTimeout(100);
    }
}

export async function linkAccount(page: Page, email: string, whmcsPassword: string): Promise<void> {
    await checkBillingLogin(page, email, whmcsPassword);
    await field(page, 'password').fill(PORTAL_PASSWORD);
    await field(page, 'confirmPassword').fill(PORTAL_PASSWORD);
    await button(page, 'submit').click();
}

function lockoutTexts(): string[] {
    const texts = [L('Error_VERIFICATION_LOCKED')];
    try {
        texts.push(L('Portal_Error_LockedMinutes').split('{0}')[0].trim());
    } catch {
        // Only the generic text exists.
    }
    return texts.filter(Boolean);
}

export const existingCustomerLinksAndLockout: Journey = {
    name: 'an existing WHMCS customer links the account and sees the existing invoices; repeated wrong passwords end in the lockout message',
    async run(ctx) {
        const page = await newSession(ctx.context);
        await go(page, ctx, '/link-account');
        await linkAccount(page, 'kenta.suzuki@example.jp', 'Suzuki-Whmcs-2026');
        await page.waitForURL((url) => url.pathname === '/');
        await go(page, ctx, '/invoices');
        await page.locator('[data-invoice]').first().waitFor();
        const statuses = await page
            .locator('[data-invoice] [data-id="badge"]')
            .evaluateAll((els) => els.map((el) => el.getAttribute('data-status')));
        assert(
            statuses.includes('Paid') && statuses.includes('Unpaid'),
            `existing invoices shown: ${statuses.join(',')}`
        );
        await page.close();

        const guest = await newSession(ctx.context);
        await go(guest, ctx, '/link-account');
        const error = guest.locator('[data-id="error"]');
        let locked = false;
        for (let attempt = 1; attempt <= 8 && !locked; attempt++) {
            await checkBillingLogin(guest, 'emily.carter@example.com', `Wrong-Password-${attempt}`);
            assert((await field(guest, 'password').count()) === 0, 'a wrong login never reaches step 2');
            const text = await error.innerText();
            if (lockoutTexts().some((t) => text.includes(t))) locked = true;
            else assert(text.includes(L('Error_CREDENTIALS_INVALID')), `attempt ${attempt}: ${text}`);
        }
        assert(locked, 'the lockout message after repeated wrong passwords');
        await guest.close();
    }
};

export const internetAddressChangedAndSecondRefused: Journey = {
    name: 'an Internet order with a changed installation address shows "address changed" to staff; a second Internet order is refused',
    async run(ctx) {
        const page = await newSession(ctx.context);
        await signUp(page, ctx, {
            customerNumber: '10000002',
            postalCode: '530-0001',
            lastName: 'Tanaka',
            firstName: 'Ichiro',
            email: 'ichiro.tanaka@example.jp'
        });
        await go(page, ctx, '/payment-methods');
        await page.locator('c-sso-button button').first().click();
        await addCardOnSandbox(page, 'ICHIRO TANAKA');

        const orderInternet = async () => {
            await go(page, ctx, '/checkout?category=Internet&plan=INT-FIBER-1G');
            await page.locator('[data-id="installation"]').waitFor();
            await page
                .locator('[data-id="installation"] label')
                .filter({ hasText: 'Standard installation' })
                .click();
        };
        await orderInternet();
        await button(page, 'edit-address').click();
        await field(page, 'line2').fill('Building B, room 201');
        await page.locator('[data-id="address-changed"]').waitFor();
        await page.locator('[data-id="confirm-address"] label').first().click();
        await button(page, 'submit').click();
        await page.waitForURL(/\/order\?/);
        await expectStatus(page, 'Submitted');
        const orderId = new URL(page.url()).searchParams.get('orderId') ?? '';

        // A second Internet order while the first is open is refused.
        await orderInternet();
        await page.locator('[data-id="confirm-address"] label').first().click();
        await button(page, 'submit').click();
        await page
            .locator('[data-violation="INTERNET_ALREADY_ACTIVE"], [data-id="open-order"]')
            .first()
            .waitFor();
        await page.waitForTimeout(500);
        assert(new URL(page.url()).pathname === '/checkout', 'stays on checkout');
        const orders = await ctx.stack.org.query(
            "SELECT Id FROM Order WHERE Account.Customer_Number__c = '10000002'"
        );
        assert(orders.length === 1, `one Internet order, found ${orders.length}`);
        await page.close();

        const staff = await newSession(ctx.context);
        await logInStaff(staff, ctx);
        const section = await staffSection(staff, orderId);
        await section.locator('[data-id="address-changed"]').waitFor();
        await staff.close();
    }
};

export const japaneseCatalogAndCheckout: Journey = {
    name: 'the catalog and checkout in Japanese',
    async run(ctx) {
        const page = await newSession(ctx.context);
        await logIn(page, ctx, 'hanako.sato@example.jp', PORTAL_PASSWORD, '/catalog');
        await page.getByRole('button', { name: '日本語' }).click();
        await page.waitForLoadState('load');
        await page.locator('html[lang="ja"]').waitFor();
        await page.locator('[data-product]').first().waitFor();
        const catalogText = await page.locator('main').innerText();
        assert(catalogText.includes(L('Portal_Catalog_Title', 'ja')), 'catalog title in Japanese');
        assert(catalogText.includes(L('Portal_Catalog_Plans', 'ja')), 'catalog sections in Japanese');
        await page.locator('[data-product] button').first().click();
        await page.waitForURL(/\/checkout/);
        await page.locator('[data-id="summary"]').waitFor();
        const checkoutText = await page.locator('main').innerText();
        assert(checkoutText.includes(L('Portal_Checkout_Plan', 'ja')), 'checkout in Japanese');
        // Back to English for the journeys after this one.
        await page.getByRole('button', { name: 'English' }).click();
        await page.waitForLoadState('load');
        await page.close();
    }
};

const AXE_PAGES: { path: string; as: 'guest' | 'customer' | 'staff' }[] = [
    { path: '/login', as: 'guest' },
    { path: '/login?as=staff', as: 'guest' },
    { path: '/register', as: 'guest' },
    { path: '/link-account', as: 'guest' },
    { path: '/', as: 'customer' },
    { path: '/catalog', as: 'customer' },
    { path: '/checkout?category=SIM&plan=SIM-VOICE-20GB', as: 'customer' },
    { path: '/checkout?category=Internet&plan=INT-FIBER-1G', as: 'customer' },
    { path: '/orders', as: 'customer' },
    { path: '/subscriptions', as: 'customer' },
    { path: '/invoices', as: 'customer' },
    { path: '/payment-methods', as: 'customer' },
    { path: '/profile', as: 'customer' },
    { path: '/staff', as: 'staff' }
];

interface AxeViolation {
    id: string;
    impact: string | null;
    help: string;
    nodes: { target: string[] }[];
}

/** Waits until the page's components have loaded their data (spinners gone). */
export async function settle(page: Page): Promise<void> {
    await page.locator('main').waitFor();
    await page.waitForLoadState('networkidle');
    await page
        .locator('lightning-spinner')
        .first()
        .waitFor({ state: 'detached', timeout: 10_000 })
        .catch(() => undefined);
}

export const axeScan: Journey = {
    name: 'axe-core finds no serious or critical violation on any page',
    async run(ctx) {
        const axeSource = fs.readFileSync(
            path.join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'),
            'utf8'
        );
        const problems: string[] = [];
        for (const as of ['guest', 'customer', 'staff'] as const) {
            const page = await newSession(ctx.context);
            if (as === 'customer') await logIn(page, ctx, 'hanako.sato@example.jp', PORTAL_PASSWORD);
            if (as === 'staff') await logInStaff(page, ctx);
            for (const target of AXE_PAGES.filter((p) => p.as === as)) {
                await go(page, ctx, target.path);
                await settle(page);
                await page.addScriptTag({ content: axeSource });
                const violations = (await page.evaluate(async () => {
                    const axe = (
                        window as unknown as {
                            axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: unknown[] }> };
                        }
                    ).axe;
                    const result = await axe.run(document, { resultTypes: ['violations'] });
                    return result.violations;
                })) as AxeViolation[];
                for (const v of violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
                    problems.push(
                        `${target.path} [${v.impact}] ${v.id}: ${v.help} (${v.nodes
                            .map((n) => n.target.join(' '))
                            .slice(0, 3)
                            .join('; ')})`
                    );
                }
            }
            await page.close();
        }
        assert(problems.length === 0, `axe violations:\n${problems.join('\n')}`);
    }
};
