import { createElement } from 'lwc';
import AccountBillingPanel from 'c/accountBillingPanel';
import getAccountBilling from '@salesforce/apex/AccountBillingController.getAccountBilling';
import { flushPromises, resetDom, $ } from 'test-utils';

const BILLING = require('./data/billing.json');

jest.mock('@salesforce/apex/AccountBillingController.getAccountBilling', () => ({ default: jest.fn() }), {
    virtual: true
});

async function render(billing = BILLING) {
    getAccountBilling.mockResolvedValue(billing);
    const element = createElement('c-account-billing-panel', { is: AccountBillingPanel });
    element.recordId = '001000000000001AAA';
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

describe('c-account-billing-panel', () => {
    afterEach(() => {
        resetDom();
        jest.clearAllMocks();
    });

    it('shows a spinner while loading', async () => {
        getAccountBilling.mockReturnValue(new Promise(() => {}));
        const element = createElement('c-account-billing-panel', { is: AccountBillingPanel });
        element.recordId = '001000000000001AAA';
        document.body.appendChild(element);
        expect($(element, 'lightning-spinner')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows the WHMCS link, payment method, services and unpaid invoices', async () => {
        const element = await render();
        expect(getAccountBilling).toHaveBeenCalledWith({ accountId: '001000000000001AAA' });
        expect($(element, '[data-id="linked"]').textContent).toBe('c.Portal_AccountBilling_Linked');
        expect($(element, '[data-id="payment"]').textContent).toBe('c.Portal_AccountBilling_PaymentOk');
        expect($(element, '[data-method="11"]').textContent).toContain('Visa');
        const services = $(element, 'lightning-datatable[data-id="services"]');
        expect(services.data[0]).toEqual(
            expect.objectContaining({
                name: 'Fiber 1 Gbps',
                amount: '¥5,280',
                statusText: 'c.Portal_ServiceStatus_Active'
            })
        );
        const invoices = $(element, 'lightning-datatable[data-id="invoices"]');
        expect(invoices.data[0]).toEqual(
            expect.objectContaining({ number: 'INV-5002', balanceText: '¥5,280' })
        );
        await expect(element).toBeAccessible();
    });

    it('shows empty lists and a missing payment method', async () => {
        const element = await render({
            ...BILLING,
            services: [],
            unpaidInvoices: [],
            paymentMethods: [{ ...BILLING.paymentMethods[0], expired: true }],
            hasUsableMethod: false
        });
        expect($(element, '[data-id="services-empty"]')).not.toBeNull();
        expect($(element, '[data-id="invoices-empty"]')).not.toBeNull();
        expect($(element, '[data-id="payment"]').textContent).toBe('c.Portal_AccountBilling_PaymentNone');
        expect($(element, '[data-id="expired"]')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('says when the account is not linked', async () => {
        const element = await render({
            whmcsClientId: null,
            linked: false,
            services: [],
            unpaidInvoices: [],
            paymentMethods: [],
            hasUsableMethod: false
        });
        expect($(element, '[data-id="not-linked"]')).not.toBeNull();
        expect($(element, 'lightning-datatable')).toBeNull();
    });

    it('shows the error in words and reloads on refresh', async () => {
        getAccountBilling.mockRejectedValueOnce({ body: { message: 'BILLING_UNAVAILABLE' } });
        const element = createElement('c-account-billing-panel', { is: AccountBillingPanel });
        element.recordId = '001000000000001AAA';
        document.body.appendChild(element);
        await flushPromises();
        expect($(element, 'c-error-panel').shadowRoot.textContent).toContain('c.Error_BILLING_UNAVAILABLE');
        await expect(element).toBeAccessible();

        getAccountBilling.mockResolvedValueOnce(BILLING);
        $(element, 'lightning-button[data-id="refresh"]').click();
        await flushPromises();
        expect($(element, '[data-id="linked"]')).not.toBeNull();
        expect($(element, 'c-error-panel').shadowRoot.textContent).toBe('');
    });
});
