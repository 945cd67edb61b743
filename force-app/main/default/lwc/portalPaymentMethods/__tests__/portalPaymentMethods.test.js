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

describe('c-portal-payment-methods', () => {
    afterEach(() => {
        resetDom();
        jest.clearAllMocks();
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
        await expect(element).toBeAccessible();
    });

    it('warns when no method is usable', async () => {
        getPaymentMethods.mockResolvedValue({
            paymentMethods: [METHODS.paymentMethods[1]],
            hasUsableMethod: false
        });
        const element = await render();
        expect($(element, '[data-id="none-usable"]')).not.toBeNull();
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
