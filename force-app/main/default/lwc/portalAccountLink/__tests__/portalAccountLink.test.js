import PortalAccountLink from 'c/portalAccountLink';
import linkAccount from '@salesforce/apex/PortalAccountLinkController.linkAccount';
import completeLink from '@salesforce/apex/PortalAccountLinkController.completeLink';
import verifyLogin from '@salesforce/apex/PortalAccountLinkController.verifyLogin';
import { openUrl } from 'c/portalUrl';
import { flushPromises, mountElement, resetDom, $, pressKey } from 'test-utils';

jest.mock('@salesforce/apex/PortalAccountLinkController.linkAccount', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/PortalAccountLinkController.completeLink', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/PortalAccountLinkController.verifyLogin', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('c/portalUrl', () => ({ openUrl: jest.fn() }));

function type(root, selector, value) {
    const input = root.querySelector(selector);
    input.value = value;
    input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

async function render() {
    const element = mountElement('c-portal-account-link', PortalAccountLink);
    await flushPromises();
    return element;
}

async function verifyStep(element, email = 'kenta.suzuki@example.jp', password = 'Suzuki-Whmcs-2026') {
    type(element.shadowRoot, 'lightning-input[data-field="email"]', email);
    type(element.shadowRoot, 'lightning-input[data-field="whmcsPassword"]', password);
    $(element, 'lightning-button[data-id="continue"]').click();
    await flushPromises();
}

async function passwordStep(element, password = 'newPass2026', confirm = password) {
    const fields = $(element, 'c-password-fields').shadowRoot;
    type(fields, 'lightning-input[data-field="password"]', password);
    type(fields, 'lightning-input[data-field="confirmPassword"]', confirm);
    await flushPromises();
    $(element, 'lightning-button[data-id="submit"]').click();
    await flushPromises();
}

describe('c-portal-account-link', () => {
    beforeEach(() => {
        completeLink.mockResolvedValue({ ok: true, loginUrl: 'https://portal.example/login' });
        verifyLogin.mockResolvedValue({ ok: true });
    });

    afterEach(() => {
        resetDom();
        jest.clearAllMocks();
    });

    it('starts with the billing login step', async () => {
        const element = await render();
        expect($(element, '[data-id="verify"]')).not.toBeNull();
        expect($(element, 'c-password-fields')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('checks the first step inline before continuing', async () => {
        const element = await render();
        await verifyStep(element, 'not-an-email', '');
        expect($(element, '[data-error="email"]').textContent).toBe('c.Portal_Form_EmailInvalid');
        expect($(element, '[data-error="whmcsPassword"]').textContent).toBe('c.Portal_Form_Required');
        expect($(element, '[data-id="verify"]')).not.toBeNull();
    });

    it('links the account and goes to the login URL', async () => {
        linkAccount.mockResolvedValue({ ok: true, loginUrl: 'https://portal.example/login' });
        const element = await render();
        await verifyStep(element);
        expect($(element, '[data-id="password"]')).not.toBeNull();
        await expect(element).toBeAccessible();
        await passwordStep(element);

        expect(JSON.parse(linkAccount.mock.calls[0][0].requestJson)).toEqual({
            email: 'kenta.suzuki@example.jp',
            whmcsPassword: 'Suzuki-Whmcs-2026',
            newPassword: 'newPass2026',
            confirmPassword: 'newPass2026',
            language: 'en'
        });
        expect(openUrl).toHaveBeenCalledWith('https://portal.example/login');
    });

    it('links first, then creates the user in a second call with the same request', async () => {
        linkAccount.mockResolvedValue({ ok: true, loginUrl: null });
        const element = await render();
        await verifyStep(element);
        await passwordStep(element);
        expect(completeLink).toHaveBeenCalledTimes(1);
        expect(completeLink.mock.calls[0][0]).toEqual(linkAccount.mock.calls[0][0]);
        expect(linkAccount.mock.invocationCallOrder[0]).toBeLessThan(
            completeLink.mock.invocationCallOrder[0]
        );
        expect(openUrl).toHaveBeenCalledWith('https://portal.example/login');
    });

    it('without a login URL it never navigates and says to log in on the login page', async () => {
        linkAccount.mockResolvedValue({ ok: true, loginUrl: null });
        completeLink.mockResolvedValue({ ok: true, loginUrl: null });
        const element = await render();
        await verifyStep(element);
        await passwordStep(element);
        expect(openUrl).not.toHaveBeenCalled();
        expect(element.shadowRoot.textContent).toContain('c.Portal_Signup_LogInNow');
    });

    it('Enter continues the first step and submits the second', async () => {
        linkAccount.mockResolvedValue({ ok: true, loginUrl: 'https://portal.example/login' });
        const element = await render();
        type(element.shadowRoot, 'lightning-input[data-field="email"]', 'kenta.suzuki@example.jp');
        type(element.shadowRoot, 'lightning-input[data-field="whmcsPassword"]', 'Suzuki-Whmcs-2026');
        pressKey($(element, 'lightning-input[data-field="whmcsPassword"]'));
        await flushPromises();
        expect($(element, '[data-id="password"]')).not.toBeNull();

        const fields = $(element, 'c-password-fields').shadowRoot;
        type(fields, 'lightning-input[data-field="password"]', 'newPass2026');
        type(fields, 'lightning-input[data-field="confirmPassword"]', 'newPass2026');
        await flushPromises();
        pressKey($(element, 'c-password-fields'));
        await flushPromises();
        expect(linkAccount).toHaveBeenCalledTimes(1);
        expect(openUrl).toHaveBeenCalledWith('https://portal.example/login');
    });

    it('does not submit a new password that breaks the rules', async () => {
        const element = await render();
        await verifyStep(element);
        await passwordStep(element, 'short1');
        expect(linkAccount).not.toHaveBeenCalled();
        const fields = $(element, 'c-password-fields').shadowRoot;
        expect(fields.querySelector('[data-error="password"]').textContent.trim()).toBe(
            'c.Error_PASSWORD_POLICY'
        );
    });

    it('shows the lockout with the minutes to wait, rounded up, and returns to the first step', async () => {
        linkAccount.mockRejectedValue({ body: { message: 'VERIFICATION_LOCKED:61' } });
        const element = await render();
        await verifyStep(element);
        await passwordStep(element);

        const message = $(element, 'c-error-panel').shadowRoot.textContent;
        // Portal_Error_LockedMinutes has a {0} in the org; in Jest the label is its name.
        expect(message).toContain('c.Portal_Error_LockedMinutes');
        expect($(element, '[data-id="verify"]')).not.toBeNull();
        expect($(element, 'lightning-input[data-field="whmcsPassword"]').value).toBe('');
        await expect(element).toBeAccessible();
    });

    it('rounds the lockout seconds up to minutes', () => {
        const { lockoutMinutes, parseError } = require('c/portalErrors');
        expect(parseError({ body: { message: 'VERIFICATION_LOCKED:61' } })).toEqual({
            code: 'VERIFICATION_LOCKED',
            detail: '61'
        });
        expect(lockoutMinutes('61')).toBe(2);
        expect(lockoutMinutes('900')).toBe(15);
        expect(lockoutMinutes('1')).toBe(1);
        expect(lockoutMinutes(undefined)).toBeNull();
    });

    it.each([
        ['CREDENTIALS_INVALID', 'verify'],
        ['CUSTOMER_NUMBER_MISSING', 'verify'],
        ['SIGNUP_ALREADY_REGISTERED', 'password'],
        ['PASSWORD_POLICY', 'password'],
        ['BILLING_UNAVAILABLE', 'password']
    ])('maps %s to its label and shows the %s step', async (code, step) => {
        linkAccount.mockRejectedValue({ body: { message: code } });
        const element = await render();
        await verifyStep(element);
        await passwordStep(element);
        expect($(element, 'c-error-panel').shadowRoot.textContent).toContain(`c.Error_${code}`);
        expect($(element, `[data-id="${step}"]`)).not.toBeNull();
        expect(openUrl).not.toHaveBeenCalled();
    });

    it('can go back to the first step', async () => {
        const element = await render();
        await verifyStep(element);
        $(element, 'lightning-button[data-id="back"]').click();
        await flushPromises();
        expect($(element, '[data-id="verify"]')).not.toBeNull();
    });

    it('checks the billing login before asking for the new password', async () => {
        const element = await render();
        await verifyStep(element);
        expect(JSON.parse(verifyLogin.mock.calls[0][0].requestJson)).toEqual({
            email: 'kenta.suzuki@example.jp',
            whmcsPassword: 'Suzuki-Whmcs-2026',
            language: 'en'
        });
        expect($(element, '[data-id="password"]')).not.toBeNull();
        expect(linkAccount).not.toHaveBeenCalled();
    });

    it('a wrong billing password keeps the first step with the plain error and no field error', async () => {
        verifyLogin.mockRejectedValue({ body: { message: 'CREDENTIALS_INVALID' } });
        const element = await render();
        await verifyStep(element, 'kenta.suzuki@example.jp', 'Wrong-2026');
        expect($(element, 'c-password-fields')).toBeNull();
        expect($(element, '[data-id="verify"]')).not.toBeNull();
        expect($(element, 'c-error-panel').shadowRoot.textContent).toContain('c.Error_CREDENTIALS_INVALID');
        expect($(element, 'lightning-input[data-field="email"]').value).toBe('kenta.suzuki@example.jp');
        expect($(element, '[data-error="whmcsPassword"]').textContent.trim()).toBe('');
        expect(element.shadowRoot.textContent).not.toContain('c.Portal_Form_Required');
        await expect(element).toBeAccessible();
    });

    it('says when the new password equals the billing password and stays on the second step', async () => {
        linkAccount.mockRejectedValue({ body: { message: 'PASSWORD_SAME_AS_BILLING' } });
        const element = await render();
        await verifyStep(element);
        await passwordStep(element);
        expect($(element, 'c-error-panel').shadowRoot.textContent).toContain(
            'c.Error_PASSWORD_SAME_AS_BILLING'
        );
        expect($(element, '[data-id="password"]')).not.toBeNull();
    });
});
