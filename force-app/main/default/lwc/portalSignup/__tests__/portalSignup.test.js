import PortalSignup from 'c/portalSignup';
import signUp from '@salesforce/apex/PortalSignupController.signUp';
import completeSignUp from '@salesforce/apex/PortalSignupController.completeSignUp';
import { openUrl } from 'c/portalUrl';
import { flushPromises, mountElement, resetDom, $, pressKey } from 'test-utils';

jest.mock('@salesforce/apex/PortalSignupController.signUp', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/PortalSignupController.completeSignUp', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('c/portalUrl', () => ({ openUrl: jest.fn() }));

const text = (element, selector) => $(element, selector).textContent.trim();

function type(root, selector, value) {
    const input = root.querySelector(selector);
    input.value = value;
    input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

async function render() {
    const element = mountElement('c-portal-signup', PortalSignup);
    await flushPromises();
    return element;
}

async function fill(element, overrides = {}) {
    const values = {
        customerNumber: '10000001',
        postalCode: '1500001',
        lastName: 'Tanaka',
        firstName: 'Yui',
        email: 'yui@example.jp',
        ...overrides
    };
    Object.entries(values).forEach(([field, value]) =>
        type(element.shadowRoot, `lightning-input[data-field="${field}"]`, value)
    );
    const passwords = $(element, 'c-password-fields').shadowRoot;
    type(passwords, 'lightning-input[data-field="password"]', overrides.password ?? 'secret123');
    type(
        passwords,
        'lightning-input[data-field="confirmPassword"]',
        overrides.confirmPassword ?? 'secret123'
    );
    await flushPromises();
}

describe('c-portal-signup', () => {
    beforeEach(() => {
        completeSignUp.mockResolvedValue({ ok: true, loginUrl: 'https://portal.example/login' });
    });

    afterEach(() => {
        resetDom();
        jest.clearAllMocks();
    });

    it('renders the form with the password rules shown', async () => {
        const element = await render();
        const rules = $(element, 'c-password-fields').shadowRoot.querySelectorAll('[data-rule]');
        expect(Array.from(rules).map((rule) => rule.dataset.rule)).toEqual(['length', 'letters', 'numbers']);
        expect($(element, 'lightning-radio-group[data-id="language"]').value).toBe('en');
        await expect(element).toBeAccessible();
    });

    it('validates as typed: postal code, email, customer number and password rules', async () => {
        const element = await render();
        type(element.shadowRoot, 'lightning-input[data-field="postalCode"]', '15-0001');
        type(element.shadowRoot, 'lightning-input[data-field="email"]', 'yui@');
        type(element.shadowRoot, 'lightning-input[data-field="customerNumber"]', 'A123');
        const passwords = $(element, 'c-password-fields').shadowRoot;
        type(passwords, 'lightning-input[data-field="password"]', 'abcdefgh');
        type(passwords, 'lightning-input[data-field="confirmPassword"]', 'abcdefgx');
        await flushPromises();

        expect(text(element, '[data-error="postalCode"]')).toBe('c.Portal_Address_PostalCodeInvalid');
        expect(text(element, '[data-error="email"]')).toBe('c.Portal_Form_EmailInvalid');
        expect(text(element, '[data-error="customerNumber"]')).toBe('c.Portal_Signup_CustomerNumberInvalid');
        const met = Array.from(passwords.querySelectorAll('[data-rule]')).map((rule) => rule.dataset.met);
        expect(met).toEqual(['true', 'true', 'false']);
        expect(passwords.querySelector('[data-error="confirmPassword"]').textContent.trim()).toBe(
            'c.Error_PASSWORD_MISMATCH'
        );
        await expect(element).toBeAccessible();
    });

    it('refuses a customer number that is not 8 digits, as the server does', async () => {
        const element = await render();
        for (const [value, error] of [
            ['1234', 'c.Portal_Signup_CustomerNumberInvalid'],
            ['123456789', 'c.Portal_Signup_CustomerNumberInvalid'],
            ['10000001', '']
        ]) {
            type(element.shadowRoot, 'lightning-input[data-field="customerNumber"]', value);
            // eslint-disable-next-line no-await-in-loop -- one value after the other
            await flushPromises();
            expect(text(element, '[data-error="customerNumber"]')).toBe(error);
        }
    });

    it('does not submit an empty form and marks the required fields', async () => {
        const element = await render();
        $(element, 'lightning-button[data-id="submit"]').click();
        await flushPromises();
        expect(signUp).not.toHaveBeenCalled();
        expect(text(element, '[data-error="lastName"]')).toBe('c.Portal_Form_Required');
        expect(
            $(element, 'c-password-fields')
                .shadowRoot.querySelector('[data-error="password"]')
                .textContent.trim()
        ).toBe('c.Portal_Form_Required');
    });

    it('signs up once and goes to the login URL', async () => {
        signUp.mockResolvedValue({ ok: true, loginUrl: 'https://portal.example/login' });
        const element = await render();
        await fill(element);
        const button = $(element, 'lightning-button[data-id="submit"]');
        button.click();
        button.click();
        await flushPromises();

        expect(signUp).toHaveBeenCalledTimes(1);
        expect(JSON.parse(signUp.mock.calls[0][0].requestJson)).toEqual({
            customerNumber: '10000001',
            postalCode: '150-0001',
            firstName: 'Yui',
            lastName: 'Tanaka',
            email: 'yui@example.jp',
            password: 'secret123',
            confirmPassword: 'secret123',
            language: 'en'
        });
        expect(openUrl).toHaveBeenCalledWith('https://portal.example/login');
        expect(text(element, '[data-id="status"]')).toBe('c.Portal_Signup_Success');
    });

    it('links first, then creates the user in a second call with the same request', async () => {
        signUp.mockResolvedValue({ ok: true, loginUrl: null });
        const element = await render();
        await fill(element);
        $(element, 'lightning-button[data-id="submit"]').click();
        await flushPromises();
        expect(completeSignUp).toHaveBeenCalledTimes(1);
        expect(completeSignUp.mock.calls[0][0]).toEqual(signUp.mock.calls[0][0]);
        expect(signUp.mock.invocationCallOrder[0]).toBeLessThan(completeSignUp.mock.invocationCallOrder[0]);
        expect(openUrl).toHaveBeenCalledWith('https://portal.example/login');
    });

    it('without a login URL it never navigates and says to log in on the login page', async () => {
        signUp.mockResolvedValue({ ok: true, loginUrl: null });
        completeSignUp.mockResolvedValue({ ok: true, loginUrl: null });
        const element = await render();
        await fill(element);
        $(element, 'lightning-button[data-id="submit"]').click();
        await flushPromises();
        expect(openUrl).not.toHaveBeenCalled();
        expect(text(element, '[data-id="status"]')).toBe('c.Portal_Signup_LogInNow');
        await expect(element).toBeAccessible();
    });

    it('shows a failure of the second call and lets the customer submit again', async () => {
        signUp.mockResolvedValue({ ok: true, loginUrl: null });
        completeSignUp.mockRejectedValueOnce({ body: { message: 'EMAIL_IN_USE' } });
        const element = await render();
        await fill(element);
        $(element, 'lightning-button[data-id="submit"]').click();
        await flushPromises();
        expect(openUrl).not.toHaveBeenCalled();
        expect($(element, 'lightning-button[data-id="submit"]').disabled).toBe(false);
    });

    it('Enter in a field submits once, as the button does; not while an input method is composing', async () => {
        signUp.mockResolvedValue({ ok: true, loginUrl: 'https://portal.example/login' });
        const element = await render();
        await fill(element);
        pressKey($(element, 'lightning-input[data-field="lastName"]'), 'Enter', { isComposing: true });
        await flushPromises();
        expect(signUp).not.toHaveBeenCalled();

        pressKey($(element, 'c-password-fields'));
        pressKey($(element, 'lightning-input[data-field="email"]'));
        await flushPromises();
        expect(signUp).toHaveBeenCalledTimes(1);
        expect(openUrl).toHaveBeenCalledWith('https://portal.example/login');
    });

    it('sends the chosen language', async () => {
        signUp.mockResolvedValue({ ok: true, loginUrl: 'https://portal.example/login' });
        const element = await render();
        await fill(element);
        const language = $(element, 'lightning-radio-group[data-id="language"]');
        language.dispatchEvent(new CustomEvent('change', { detail: { value: 'ja' } }));
        $(element, 'lightning-button[data-id="submit"]').click();
        await flushPromises();
        expect(JSON.parse(signUp.mock.calls[0][0].requestJson).language).toBe('ja');
    });

    it.each([
        'SIGNUP_NOT_FOUND',
        'SIGNUP_ALREADY_REGISTERED',
        'EMAIL_IN_USE',
        'PASSWORD_POLICY',
        'BILLING_UNAVAILABLE'
    ])('maps %s to its label and lets the customer try again', async (code) => {
        signUp.mockRejectedValue({ body: { message: code } });
        const element = await render();
        await fill(element);
        $(element, 'lightning-button[data-id="submit"]').click();
        await flushPromises();
        expect($(element, 'c-error-panel').shadowRoot.textContent).toContain(`c.Error_${code}`);
        expect($(element, 'lightning-button[data-id="submit"]').disabled).toBe(false);
        expect(openUrl).not.toHaveBeenCalled();
    });

    it('shows a counted refusal ({ ok: false }) and does not create the user', async () => {
        signUp.mockResolvedValue({ ok: false, errorCode: 'SIGNUP_NOT_FOUND' });
        const element = await render();
        await fill(element);
        $(element, 'lightning-button[data-id="submit"]').click();
        await flushPromises();
        expect($(element, 'c-error-panel').shadowRoot.textContent).toContain('c.Error_SIGNUP_NOT_FOUND');
        expect(completeSignUp).not.toHaveBeenCalled();
        expect($(element, 'lightning-button[data-id="submit"]').disabled).toBe(false);
    });

    it('shows the lockout with the time sign-up opens again', async () => {
        signUp.mockRejectedValue({ body: { message: 'SIGNUP_LOCKED:600' } });
        const element = await render();
        await fill(element);
        $(element, 'lightning-button[data-id="submit"]').click();
        await flushPromises();
        expect($(element, 'c-error-panel').shadowRoot.textContent).toContain(
            'c.Defects_Error_SignupLockedUntil'
        );
    });

    it('shows an unknown failure as the unexpected error', async () => {
        signUp.mockRejectedValue(new Error('socket hang up'));
        const element = await render();
        await fill(element);
        $(element, 'lightning-button[data-id="submit"]').click();
        await flushPromises();
        expect($(element, 'c-error-panel').shadowRoot.textContent).toContain('c.Error_UNEXPECTED');
        await expect(element).toBeAccessible();
    });
});
