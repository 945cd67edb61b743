import PortalInvoiceDetail from 'c/portalInvoiceDetail';
import getInvoice from '@salesforce/apex/PortalBillingController.getInvoice';
import createSsoLink from '@salesforce/apex/PortalBillingController.createSsoLink';
import { CurrentPageReference, getNavigateCalledWith, resetNavigationMock } from 'lightning/navigation';
import { openUrl } from 'c/portalUrl';
import { flushPromises, mountElement, resetDom, $ } from 'test-utils';

const INVOICE = require('./data/invoice.json');

jest.mock('@salesforce/apex/PortalBillingController.getInvoice', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/PortalBillingController.createSsoLink', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('c/portalUrl', () => ({ openUrl: jest.fn() }));

const UNPAID = {
    ...INVOICE,
    status: 'Unpaid',
    dueOn: '2099-12-31',
    paidOn: null,
    balance: 7460,
    credit: 1000,
    payments: []
};

async function renderFromState(invoice, invoiceId = String(invoice.id)) {
    getInvoice.mockResolvedValue(invoice);
    const element = mountElement('c-portal-invoice-detail', PortalInvoiceDetail);
    CurrentPageReference.emit({
        type: 'comm__namedPage',
        attributes: { name: 'Invoice_Detail__c' },
        state: { invoiceId }
    });
    await flushPromises();
    return element;
}

const text = (element, selector) => $(element, selector).textContent;
const badge = (element) => $(element, 'c-status-badge').shadowRoot.textContent;

describe('c-portal-invoice-detail', () => {
    afterEach(() => {
        resetDom();
        resetNavigationMock();
        jest.clearAllMocks();
    });

    it('reads the invoice id from the page state and shows lines, tax, totals, dates and payments', async () => {
        const element = await renderFromState(INVOICE);
        expect(getInvoice).toHaveBeenCalledWith({ invoiceId: 5001 });
        expect(badge(element)).toBe('c.Portal_InvoiceStatus_Paid');
        expect(text(element, '[data-id="due"]')).not.toBe('');
        expect($(element, '[data-id="paid-on"]')).not.toBeNull();

        const lines = Array.from(element.shadowRoot.querySelectorAll('[data-line]'));
        expect(lines).toHaveLength(3);
        expect(lines[0].textContent).toContain('Internet - Fiber 10 Gbps');
        expect(lines[0].textContent).toContain('¥6,980');
        expect(lines[0].textContent).toContain('c.InvoiceDetail_Taxed');
        expect(lines[2].textContent).toContain('c.InvoiceDetail_NotTaxed');

        expect(text(element, '[data-id="subtotal"]')).toBe('¥7,691');
        expect(text(element, '[data-tax="0"]')).toContain('¥769');
        expect(text(element, '[data-id="total"]')).toBe('¥8,460');
        expect(text(element, '[data-id="balance"]')).toBe('¥0');
        expect($(element, '[data-id="credit"]')).toBeNull();

        const payment = $(element, '[data-payment="0"]');
        expect(payment.textContent).toContain('Test card');
        expect(payment.textContent).toContain('¥8,460');
        expect(payment.textContent).toContain('testcard-4f2a9c');
        // Paid: no pay button, the PDF is always there.
        expect($(element, 'c-sso-button[data-id="pay"]')).toBeNull();
        expect($(element, 'c-sso-button[data-id="pdf"]').destination).toBe('invoice-pdf');
        await expect(element).toBeAccessible();
    });

    it('an unpaid invoice: credit, no payments yet, and a pay button', async () => {
        const element = await renderFromState(UNPAID);
        expect(badge(element)).toBe('c.Portal_InvoiceStatus_Unpaid');
        expect(text(element, '[data-id="credit"]')).toBe('-¥1,000');
        expect(text(element, '[data-id="balance"]')).toBe('¥7,460');
        expect(text(element, '[data-id="no-payments"]')).toBe('c.InvoiceDetail_NoPayments');
        expect($(element, '[data-id="paid-on"]')).toBeNull();
        const pay = $(element, 'c-sso-button[data-id="pay"]');
        expect(pay.destination).toBe('invoice');
        expect(pay.invoiceId).toBe(5001);
        await expect(element).toBeAccessible();
    });

    it('gets the PDF through a single-use link and stays usable for another download', async () => {
        createSsoLink.mockResolvedValue({
            url: 'https://billing.example/sso/pdf',
            expiresAt: '2026-01-01T00:01:00Z'
        });
        const element = await renderFromState(INVOICE);
        const pdf = $(element, 'c-sso-button[data-id="pdf"]');
        pdf.shadowRoot.querySelector('lightning-button').click();
        await flushPromises();
        expect(createSsoLink).toHaveBeenCalledWith({ destination: 'invoice-pdf', invoiceId: 5001 });
        expect(openUrl).toHaveBeenCalledWith('https://billing.example/sso/pdf');
        expect(pdf.shadowRoot.querySelector('lightning-button').disabled).toBe(false);
    });

    it('another customer’s invoice (NOT_FOUND) shows the error, not an invoice', async () => {
        getInvoice.mockRejectedValue({ body: { message: 'NOT_FOUND' } });
        const element = mountElement('c-portal-invoice-detail', PortalInvoiceDetail);
        CurrentPageReference.emit({ type: 'comm__namedPage', attributes: {}, state: { invoiceId: '3' } });
        await flushPromises();
        expect($(element, 'c-error-panel').shadowRoot.textContent).toContain('c.Error_NOT_FOUND');
        expect($(element, '[data-id="total"]')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('a page state that is not an invoice id reaches Apex as null', async () => {
        await renderFromState(INVOICE, '1;DROP');
        expect(getInvoice).toHaveBeenCalledWith({ invoiceId: null });
    });

    it('without an invoice id says so; Back returns to the invoices', async () => {
        const element = mountElement('c-portal-invoice-detail', PortalInvoiceDetail);
        CurrentPageReference.emit({ type: 'comm__namedPage', attributes: {}, state: {} });
        await flushPromises();
        expect(text(element, '[data-id="no-invoice"]')).toBe('c.InvoiceDetail_NoInvoice');
        expect(getInvoice).not.toHaveBeenCalled();
        $(element, 'lightning-button[data-id="back"]').click();
        expect(getNavigateCalledWith().pageReference).toEqual({
            type: 'comm__namedPage',
            attributes: { name: 'Invoices__c' }
        });
        await expect(element).toBeAccessible();
    });
});
