import PortalHome from 'c/portalHome';
import getSummary from '@salesforce/apex/PortalHomeController.getSummary';
import createSsoLink from '@salesforce/apex/PortalBillingController.createSsoLink';
import { getNavigateCalledWith, resetNavigationMock } from 'lightning/navigation';
import { openUrl } from 'c/portalUrl';
import { flushPromises, mountElement, renderElement, resetDom, $ } from 'test-utils';

const SUMMARY = require('./data/summary.json');

jest.mock('@salesforce/apex/PortalHomeController.getSummary', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/PortalBillingController.createSsoLink', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('c/portalUrl', () => ({ openUrl: jest.fn() }));

async function render(summary = SUMMARY) {
    getSummary.mockResolvedValue(summary);
    return renderElement('c-portal-home', PortalHome);
}

describe('c-portal-home', () => {
    afterEach(() => {
        resetDom();
        resetNavigationMock();
        jest.clearAllMocks();
    });

    it('shows a spinner while loading', async () => {
        getSummary.mockReturnValue(new Promise(() => {}));
        const element = mountElement('c-portal-home', PortalHome);
        expect($(element, 'lightning-spinner')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('summarises invoices, services, orders and a healthy payment method', async () => {
        const element = await render();
        expect($(element, '[data-id="unpaid"]').textContent).toBe('c.Portal_Home_UnpaidDetail');
        expect($(element, '[data-id="services"]').textContent).toBe('3');
        expect($(element, '[data-id="orders"]').textContent).toBe('1');
        expect($(element, '[data-id="payment-status"]').dataset.status).toBe('ok');
        expect($(element, '[data-tile="payment"] c-sso-button')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('says when nothing is unpaid', async () => {
        const element = await render({ ...SUMMARY, unpaidInvoiceCount: 0, unpaidTotal: 0 });
        expect($(element, '[data-id="unpaid"]').textContent).toBe('c.Portal_Home_UnpaidNone');
    });

    it.each([
        ['missing', 'c.Portal_Home_PaymentMissing'],
        ['expired', 'c.Portal_Home_PaymentExpired'],
        ['expiring', 'c.Portal_Home_PaymentExpiring']
    ])('offers to add a payment method when it is %s', async (status, text) => {
        createSsoLink.mockResolvedValue({
            url: 'https://billing.example/sso/add',
            expiresAt: '2026-01-01T00:00:00Z'
        });
        const element = await render({ ...SUMMARY, paymentMethodStatus: status });
        expect($(element, '[data-id="payment-status"]').textContent).toBe(text);
        $(element, '[data-tile="payment"] c-sso-button').shadowRoot.querySelector('lightning-button').click();
        await flushPromises();
        expect(createSsoLink).toHaveBeenCalledWith({ destination: 'add-payment-method', invoiceId: null });
        expect(openUrl).toHaveBeenCalledWith('https://billing.example/sso/add');
        await expect(element).toBeAccessible();
    });

    it('marks a card that expires soon as needing action', async () => {
        const element = await render({ ...SUMMARY, paymentMethodStatus: 'expiring' });
        const status = $(element, '[data-id="payment-status"]');
        expect(status.dataset.status).toBe('expiring');
        expect(status.classList).toContain('slds-text-color_error');
        expect($(element, 'lightning-button[data-id="payment-link"]')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('treats an unknown payment state as missing', async () => {
        const element = await render({ ...SUMMARY, paymentMethodStatus: 'unknown' });
        expect($(element, '[data-id="payment-status"]').textContent).toBe('c.Portal_Home_PaymentMissing');
        expect($(element, '[data-tile="payment"] c-sso-button')).not.toBeNull();
    });

    it.each([
        ['invoices-link', 'Invoices__c'],
        ['services-link', 'Subscriptions__c'],
        ['orders-link', 'Orders__c'],
        ['payment-link', 'Payment_Methods__c'],
        ['catalog', 'Catalog__c']
    ])('%s navigates to %s', async (id, page) => {
        const element = await render();
        $(element, `lightning-button[data-id="${id}"]`).click();
        expect(getNavigateCalledWith().pageReference).toEqual({
            type: 'comm__namedPage',
            attributes: { name: page }
        });
    });

    it('shows the error in words', async () => {
        getSummary.mockRejectedValue({ body: { message: 'NOT_A_CUSTOMER' } });
        const element = mountElement('c-portal-home', PortalHome);
        await flushPromises();
        expect($(element, 'c-error-panel').shadowRoot.textContent).toContain('c.Error_NOT_A_CUSTOMER');
        await expect(element).toBeAccessible();
    });
});
