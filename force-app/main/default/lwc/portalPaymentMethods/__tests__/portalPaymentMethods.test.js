import PortalPaymentMethods from 'c/portalPaymentMethods';
import getPaymentMethods from '@salesforce/apex/PortalBillingController.getPaymentMethods';
import createSsoLink from '@salesforce/apex/PortalBillingController.createSsoLink';
import { openUrl } from 'c/portalUrl';
import { flushPromises, mountElement, renderElement, resetDom, $ } from 'test-utils';

const METHODS = require('./data/paymentMethods.json');

jest.mock('@salesforce/apex/PortalBillingController.getPaymentMethods', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/PortalBillingController.createSsoLink', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('c/portalUrl', () => ({ openUrl: jest.fn() }));

async function render() {
    return renderElement('c-portal-payment-methods', PortalPaymentMethods);
}

// A fixed "today" (local time, mid-month); the clock keeps moving so the render helpers' timers still fire.
// Undone in afterEach.
function today(year, month) {
    jest.useFakeTimers({ advanceTimers: true, now: new Date(year, month - 1, 15, 12) });
}

function card(id, expiry, expired = false) {
    return { id, kind: 'card', label: `Card ${id}`, lastFour: '4242', expiry, expired, isDefault: false };
}

const BANK = {
    id: 31,
    kind: 'bank_account',
    label: 'MUFG',
    lastFour: '1234',
    expired: false,
    isDefault: false
};

describe('c-portal-payment-methods', () => {
    afterEach(() => {
        resetDom();
        jest.clearAllMocks();
        jest.useRealTimers();
    });

    it('shows a spinner while loading', async () => {
        getPaymentMethods.mockReturnValue(new Promise(() => {}));
        const element = mountElement('c-portal-payment-methods', PortalPaymentMethods);
        expect($(element, 'lightning-spinner')).not.toBeNull();
        expect($(element, 'c-sso-button')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('lists methods, marking the default and the expired one', async () => {
        getPaymentMethods.mockResolvedValue(METHODS);
        const element = await render();
        const visa = $(element, '[data-method="11"]');
        expect(visa.textContent).toContain('Visa');
        expect(visa.querySelector('[data-id="default"]')).not.toBeNull();
        expect(visa.querySelector('[data-id="expired"]')).toBeNull();
        const master = $(element, '[data-method="12"]');
        expect(master.querySelector('[data-id="expired"]').textContent).toBe(
            'c.Portal_PaymentMethods_Expired'
        );
        expect($(element, '[data-id="none-usable"]')).toBeNull();
        // sa11y refuses to run under fake timers; the page is already rendered for the fixed day.
        jest.useRealTimers();
        await expect(element).toBeAccessible();
    });

    it.each([
        [2026, 5, '05/26', true],
        [2026, 5, '06/26', true],
        [2026, 5, '07/26', false],
        [2026, 5, '05/27', false],
        [2026, 12, '12/26', true],
        [2026, 12, '01/27', true],
        [2026, 12, '02/27', false],
        [2027, 1, '12/26', false],
        [2026, 5, '13/26', false],
        [2026, 5, '5/26', false],
        [2026, 5, undefined, false]
    ])('on %i-%i a card expiring %s expires soon: %s', async (year, month, expiry, soon) => {
        today(year, month);
        getPaymentMethods.mockResolvedValue({ paymentMethods: [card(21, expiry)], hasUsableMethod: true });
        const element = await render();
        expect($(element, '[data-method="21"] [data-id="expires-soon"]') !== null).toBe(soon);
        expect($(element, '[data-id="expiring"]') !== null).toBe(soon);
    });

    it('warns when every usable card expires soon, beside an expired one', async () => {
        today(2026, 5);
        getPaymentMethods.mockResolvedValue({
            paymentMethods: [card(21, '06/26'), card(22, '04/26', true)],
            hasUsableMethod: true
        });
        const element = await render();
        expect($(element, '[data-id="expiring"]').textContent).toBe(
            'c.Portal_PaymentMethods_ExpiringWarning'
        );
        expect($(element, '[data-method="21"] [data-id="expires-soon"]').textContent).toBe(
            'c.Portal_PaymentMethods_ExpiresSoon'
        );
        expect($(element, '[data-method="22"] [data-id="expires-soon"]')).toBeNull();
        expect($(element, '[data-method="22"] [data-id="expired"]')).not.toBeNull();
        expect($(element, '[data-id="none-usable"]')).toBeNull();
        // sa11y refuses to run under fake timers; the page is already rendered for the fixed day.
        jest.useRealTimers();
        await expect(element).toBeAccessible();
    });

    it.each([
        ['a bank account', BANK],
        ['a card valid for longer', card(23, '12/28')]
    ])('marks the expiring card but does not warn when %s keeps working', async (name, other) => {
        today(2026, 5);
        getPaymentMethods.mockResolvedValue({
            paymentMethods: [card(21, '05/26'), other],
            hasUsableMethod: true
        });
        const element = await render();
        expect($(element, '[data-method="21"] [data-id="expires-soon"]')).not.toBeNull();
        expect($(element, `[data-method="${other.id}"] [data-id="expires-soon"]`)).toBeNull();
        expect($(element, '[data-id="expiring"]')).toBeNull();
    });

    it('warns when no method is usable', async () => {
        getPaymentMethods.mockResolvedValue({
            paymentMethods: [METHODS.paymentMethods[1]],
            hasUsableMethod: false
        });
        const element = await render();
        expect($(element, '[data-id="none-usable"]')).not.toBeNull();
        expect($(element, '[data-id="expiring"]')).toBeNull();
    });

    it('shows the empty state and adds a method through SSO', async () => {
        getPaymentMethods.mockResolvedValue({ paymentMethods: [], hasUsableMethod: false });
        createSsoLink.mockResolvedValue({
            url: 'https://billing.example/sso/add',
            expiresAt: '2026-01-01T00:00:00Z'
        });
        const element = await render();
        expect($(element, '[data-id="empty"]')).not.toBeNull();
        expect($(element, 'c-sso-button[data-id="manage"]')).toBeNull();
        $(element, 'c-sso-button[data-id="add"]').shadowRoot.querySelector('lightning-button').click();
        await flushPromises();
        expect(createSsoLink).toHaveBeenCalledWith({ destination: 'add-payment-method', invoiceId: null });
        expect(openUrl).toHaveBeenCalledWith('https://billing.example/sso/add');
        await expect(element).toBeAccessible();
    });

    it('opens the manage page through SSO', async () => {
        getPaymentMethods.mockResolvedValue(METHODS);
        createSsoLink.mockResolvedValue({
            url: 'https://billing.example/sso/manage',
            expiresAt: '2026-01-01T00:00:00Z'
        });
        const element = await render();
        $(element, 'c-sso-button[data-id="manage"]').shadowRoot.querySelector('lightning-button').click();
        await flushPromises();
        expect(createSsoLink).toHaveBeenCalledWith({ destination: 'payment-methods', invoiceId: null });
    });

    it('shows the error in words', async () => {
        getPaymentMethods.mockRejectedValue({ body: { message: 'BILLING_UNAVAILABLE' } });
        const element = await render();
        expect($(element, 'c-error-panel').shadowRoot.textContent).toContain('c.Error_BILLING_UNAVAILABLE');
        await expect(element).toBeAccessible();
    });
});
