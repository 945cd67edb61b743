import PortalLogin from 'c/portalLogin';
import login from '@salesforce/apex/PortalLoginController.login';
import requestPasswordReset from '@salesforce/apex/PortalLoginController.requestPasswordReset';
import { openUrl } from 'c/portalUrl';
import { CurrentPageReference, getNavigateCalledWith, resetNavigationMock } from 'lightning/navigation';
import { flushPromises, mountElement, resetDom, $, pressKey } from 'test-utils';

jest.mock('@salesforce/apex/PortalLoginController.login', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/PortalLoginController.requestPasswordReset', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('c/portalUrl', () => ({ openUrl: jest.fn() }));

const FRONTDOOR = 'https://portal.example/secur/frontdoor.jsp?sid=x';
const text = (element, selector) => $(element, selector).textContent.trim();
const errorText = (element, id) => $(element, `c-error-panel[data-id="${id}"]`).shadowRoot.textContent.trim();

function type(element, field, value) {
    const input = $(element, `lightning-input[data-field="${field}"]`);
    input.value = value;
    input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

// The stub lightning-button renders nothing, so tests submit the form as the real button does.
function submit(element, form) {
    $(element, `form[data-id="${form}"]`).dispatchEvent(new CustomEvent('submit', { cancelable: true }));
}

async function render(state = {}) {
    const element = mountElement('c-portal-login', PortalLogin);
    CurrentPageReference.emit({ type: 'comm__namedPage', attributes: { name: 'Login' }, state });
    await flushPromises();
    return element;
}

async function fill(element, email = 'yui@example.jp', password = 'Portal-2026-pass') {
    type(element, 'email', email);
    type(element, 'password', password);
    await flushPromises();
}

async function openReset(element) {
    $(element, 'lightning-button[data-id="forgot-password"]').click();
    await flushPromises();
}

describe('c-portal-login', () => {
    afterEach(() => {
        resetDom();
        resetNavigationMock();
        jest.clearAllMocks();
    });

    it('renders the login form with the links to sign up and to link an account', async () => {
        const element = await render();
        const email = $(element, 'lightning-input[data-field="email"]');
        const password = $(element, 'lightning-input[data-field="password"]');
        expect(email.type).toBe('email');
        expect(email.autocomplete).toBe('username');
        expect(password.type).toBe('password');
        expect(password.autocomplete).toBe('current-password');
        const button = $(element, 'lightning-button[data-id="login"]');
        expect(button.type).toBe('submit');
        expect(button.label).toBe('c.Portal_Login_Submit');
        expect($(element, 'form[data-id="login-form"]').contains(button)).toBe(true);
        expect(text(element, 'a[data-id="register-link"]')).toBe('c.Portal_Login_SignUp');
        expect($(element, 'a[data-id="register-link"]').getAttribute('href')).toBe('/generated/Register');
        expect($(element, 'a[data-id="link-account-link"]').getAttribute('href')).toBe(
            '/generated/Link_Account__c'
        );
        await expect(element).toBeAccessible();
    });

    it.each([
        ['register-link', 'Register'],
        ['link-account-link', 'Link_Account__c']
    ])('%s navigates to the %s page', async (id, page) => {
        const element = await render();
        $(element, `a[data-id="${id}"]`).click();
        expect(getNavigateCalledWith().pageReference).toEqual({
            type: 'comm__namedPage',
            attributes: { name: page }
        });
    });

    it('does not call Apex for an empty or malformed form and says why', async () => {
        const element = await render();
        submit(element, 'login-form');
        await flushPromises();
        expect(text(element, '[data-error="email"]')).toBe('c.Portal_Form_Required');
        expect(text(element, '[data-error="password"]')).toBe('c.Portal_Form_Required');

        await fill(element, 'yui@', 'Portal-2026-pass');
        submit(element, 'login-form');
        await flushPromises();
        expect(text(element, '[data-error="email"]')).toBe('c.Portal_Form_EmailInvalid');
        expect(text(element, '[data-error="password"]')).toBe('');
        expect(login).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it('Enter in a field submits the form (native shadow does not); not while composing, not elsewhere', async () => {
        login.mockResolvedValue(FRONTDOOR);
        const element = await render();
        await fill(element, 'yui@example.jp');
        pressKey($(element, '[data-field="password"]'), 'a');
        pressKey($(element, '[data-field="password"]'), 'Enter', { isComposing: true });
        pressKey($(element, 'lightning-button[data-id="login"]'));
        await flushPromises();
        expect(login).not.toHaveBeenCalled();

        pressKey($(element, '[data-field="password"]'));
        await flushPromises();
        expect(login).toHaveBeenCalledTimes(1);
    });

    it('logs in once with the email, password and startURL and opens the login URL', async () => {
        let resolve;
        login.mockReturnValue(
            new Promise((done) => {
                resolve = done;
            })
        );
        const element = await render({ startURL: '/orders?tab=open' });
        await fill(element, '  yui@example.jp ');
        submit(element, 'login-form');
        submit(element, 'login-form');
        await flushPromises();

        expect(login).toHaveBeenCalledTimes(1);
        expect(login).toHaveBeenCalledWith({
            email: 'yui@example.jp',
            password: 'Portal-2026-pass',
            startUrl: '/orders?tab=open',
            // The page's language (en-US in Jest) is sent, to be kept after login.
            language: 'en'
        });
        expect($(element, 'lightning-button[data-id="login"]').disabled).toBe(true);
        expect(text(element, '[data-id="status"]')).toBe('c.Portal_Login_Submitting');

        resolve(FRONTDOOR);
        await flushPromises();
        expect(openUrl).toHaveBeenCalledWith(FRONTDOOR);
        submit(element, 'login-form');
        await flushPromises();
        expect(login).toHaveBeenCalledTimes(1);
    });

    it('sends no startURL when the page has none (Apex then uses the home page)', async () => {
        login.mockResolvedValue(FRONTDOOR);
        const element = await render();
        await fill(element);
        submit(element, 'login-form');
        await flushPromises();
        expect(login.mock.calls[0][0].startUrl).toBeNull();
    });

    it('passes a hostile startURL to Apex unchanged: the server decides', async () => {
        login.mockResolvedValue(FRONTDOOR);
        const element = await render({ startURL: '//evil.example' });
        await fill(element);
        submit(element, 'login-form');
        await flushPromises();
        expect(login.mock.calls[0][0].startUrl).toBe('//evil.example');
        expect(openUrl).toHaveBeenCalledWith(FRONTDOOR);
    });

    it('shows LOGIN_FAILED in words, clears the password and lets the customer try again', async () => {
        login.mockRejectedValue({ body: { message: 'LOGIN_FAILED' } });
        const element = await render();
        await fill(element);
        submit(element, 'login-form');
        await flushPromises();

        expect(errorText(element, 'login-error')).toBe('c.Error_LOGIN_FAILED');
        expect($(element, 'lightning-input[data-field="password"]').value).toBe('');
        expect($(element, 'lightning-input[data-field="email"]').value).toBe('yui@example.jp');
        expect($(element, 'lightning-button[data-id="login"]').disabled).toBe(false);
        expect(text(element, '[data-id="status"]')).toBe('');
        expect(openUrl).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it('shows a network failure as the unexpected error', async () => {
        login.mockRejectedValue(new Error('Failed to fetch'));
        const element = await render();
        await fill(element);
        submit(element, 'login-form');
        await flushPromises();
        expect(errorText(element, 'login-error')).toBe('c.Error_UNEXPECTED');
    });

    it('asks for a reset link with a neutral answer and goes back to login', async () => {
        requestPasswordReset.mockResolvedValue(undefined);
        const element = await render();
        type(element, 'email', 'yui@example.jp');
        await openReset(element);

        expect($(element, 'lightning-card').title).toBe('c.Portal_Login_ResetTitle');
        expect($(element, 'form[data-id="login-form"]')).toBeNull();
        const resetEmail = $(element, 'lightning-input[data-field="reset-email"]');
        expect(resetEmail.value).toBe('yui@example.jp');
        await expect(element).toBeAccessible();

        type(element, 'reset-email', 'unknown@example.jp');
        submit(element, 'reset-form');
        submit(element, 'reset-form');
        await flushPromises();

        expect(requestPasswordReset).toHaveBeenCalledTimes(1);
        expect(requestPasswordReset).toHaveBeenCalledWith({ email: 'unknown@example.jp' });
        expect(text(element, '[data-id="reset-sent"]')).toBe('c.Portal_Login_ResetSent');
        expect($(element, 'form[data-id="reset-form"]')).toBeNull();
        await expect(element).toBeAccessible();

        $(element, 'lightning-button[data-id="back-to-login"]').click();
        await flushPromises();
        expect($(element, 'form[data-id="login-form"]')).not.toBeNull();
        expect($(element, '[data-id="reset-sent"]')).toBeNull();
        expect(login).not.toHaveBeenCalled();
    });

    it('checks the reset email before sending', async () => {
        const element = await render();
        await openReset(element);
        submit(element, 'reset-form');
        await flushPromises();
        expect(text(element, '[data-error="reset-email"]')).toBe('c.Portal_Form_Required');
        type(element, 'reset-email', 'not-an-email');
        await flushPromises();
        expect(text(element, '[data-error="reset-email"]')).toBe('c.Portal_Form_EmailInvalid');
        expect(requestPasswordReset).not.toHaveBeenCalled();
    });

    it('shows a failed reset request and keeps the form', async () => {
        requestPasswordReset.mockRejectedValue(new Error('Failed to fetch'));
        const element = await render();
        await openReset(element);
        type(element, 'reset-email', 'yui@example.jp');
        submit(element, 'reset-form');
        await flushPromises();
        expect(errorText(element, 'reset-error')).toBe('c.Error_UNEXPECTED');
        expect($(element, '[data-id="reset-sent"]')).toBeNull();
        expect($(element, 'lightning-button[data-id="send-reset"]').disabled).toBe(false);
    });
});
