import PortalInvoices from 'c/portalInvoices';
import getInvoices from '@salesforce/apex/PortalBillingController.getInvoices';
import createSsoLink from '@salesforce/apex/PortalBillingController.createSsoLink';
import { openUrl } from 'c/portalUrl';
import { getNavigateCalledWith, resetNavigationMock } from 'lightning/navigation';
import { flushPromises, mountElement, renderElement, resetDom, $ } from 'test-utils';

const PAGE_ONE = require('./data/invoices.json');

jest.mock('@salesforce/apex/PortalBillingController.getInvoices', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/PortalBillingController.createSsoLink', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('c/portalUrl', () => ({ openUrl: jest.fn() }));

async function render() {
    return renderElement('c-portal-invoices', PortalInvoices);
}

const badge = (row) => row.querySelector('c-status-badge').shadowRoot.textContent;

describe('c-portal-invoices', () => {
    afterEach(() => {
        resetDom();
        resetNavigationMock();
        jest.clearAllMocks();
    });

    it('shows a spinner while loading', async () => {
        getInvoices.mockReturnValue(new Promise(() => {}));
        const element = mountElement('c-portal-invoices', PortalInvoices);
        expect($(element, 'lightning-spinner')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('lists invoices with yen amounts, statuses, overdue marking and pay only where unpaid', async () => {
        getInvoices.mockResolvedValue(PAGE_ONE);
        const element = await render();
        expect(getInvoices).toHaveBeenCalledWith({ status: null, page: 1, pageSize: 10 });

        const unpaid = $(element, 'li[data-invoice="5002"]');
        expect(unpaid.textContent).toContain('¥5,280');
        expect(badge(unpaid)).toBe('c.Portal_InvoiceStatus_Unpaid');
        expect(unpaid.querySelector('c-sso-button')).not.toBeNull();

        const paid = $(element, 'li[data-invoice="5001"]');
        expect(badge(paid)).toBe('c.Portal_InvoiceStatus_Paid');
        expect(paid.querySelector('c-sso-button')).toBeNull();

        const overdue = $(element, 'li[data-invoice="4990"]');
        expect(badge(overdue)).toBe('c.Portal_InvoiceStatus_Overdue');
        expect(overdue.querySelector('c-sso-button')).not.toBeNull();

        expect($(element, '[data-id="page"]').textContent).toBe('c.Portal_Common_PageOf');
        expect($(element, 'lightning-button[data-id="previous"]').disabled).toBe(true);
        expect($(element, 'lightning-button[data-id="next"]').disabled).toBe(false);
        await expect(element).toBeAccessible();
    });

    it('is a list, not a table: every invoice names its facts and keeps the pay button apart', async () => {
        getInvoices.mockResolvedValue(PAGE_ONE);
        const element = await render();
        expect($(element, 'table')).toBeNull();
        const unpaid = $(element, 'li[data-invoice="5002"]');
        const terms = Array.from(unpaid.querySelectorAll('dt')).map((dt) => dt.textContent);
        expect(terms).toEqual([
            'c.Portal_Invoices_IssuedOn',
            'c.Portal_Invoices_DueOn',
            'c.Portal_Invoices_Total',
            'c.Portal_Invoices_Balance'
        ]);
        // The pay button sits in its own box, never squeezed into a table cell.
        expect(unpaid.querySelector('.invoice-pay c-sso-button')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('opens an invoice’s detail page from its number', async () => {
        getInvoices.mockResolvedValue(PAGE_ONE);
        const element = await render();
        const link = $(element, 'li[data-invoice="5001"] a');
        expect(link.textContent).toBe('c.InvoiceDetail_Title');
        expect(link.getAttribute('aria-label')).toBe('c.InvoiceDetail_View');
        link.click();
        expect(getNavigateCalledWith().pageReference).toEqual({
            type: 'comm__namedPage',
            attributes: { name: 'Invoice_Detail__c' },
            state: { invoiceId: '5001' }
        });
    });

    it('pays an unpaid invoice through the SSO invoice destination', async () => {
        getInvoices.mockResolvedValue(PAGE_ONE);
        createSsoLink.mockResolvedValue({
            url: 'https://billing.example/sso/inv',
            expiresAt: '2026-01-01T00:00:00Z'
        });
        const element = await render();
        $(element, 'li[data-invoice="5002"] c-sso-button')
            .shadowRoot.querySelector('lightning-button')
            .click();
        await flushPromises();
        expect(createSsoLink).toHaveBeenCalledWith({ destination: 'invoice', invoiceId: 5002 });
        expect(openUrl).toHaveBeenCalledWith('https://billing.example/sso/inv');
    });

    it('pages forward and back', async () => {
        getInvoices
            .mockResolvedValueOnce(PAGE_ONE)
            .mockResolvedValueOnce({ ...PAGE_ONE, page: 2 })
            .mockResolvedValueOnce({ ...PAGE_ONE, page: 3 })
            .mockResolvedValueOnce({ ...PAGE_ONE, page: 2 });
        const element = await render();
        $(element, 'lightning-button[data-id="next"]').click();
        await flushPromises();
        expect(getInvoices).toHaveBeenLastCalledWith({ status: null, page: 2, pageSize: 10 });
        $(element, 'lightning-button[data-id="next"]').click();
        await flushPromises();
        expect(getInvoices).toHaveBeenLastCalledWith({ status: null, page: 3, pageSize: 10 });
        expect($(element, 'lightning-button[data-id="next"]').disabled).toBe(true);
        $(element, 'lightning-button[data-id="previous"]').click();
        await flushPromises();
        expect(getInvoices).toHaveBeenLastCalledWith({ status: null, page: 2, pageSize: 10 });
    });

    it('filters by status from the first page', async () => {
        getInvoices.mockResolvedValueOnce({ ...PAGE_ONE, page: 2 }).mockResolvedValueOnce({
            invoices: [],
            page: 1,
            pageSize: 10,
            total: 0
        });
        const element = await render();
        const filter = $(element, 'lightning-combobox[data-id="filter"]');
        expect(filter.options.map((option) => option.value)).toEqual([
            '',
            'Unpaid',
            'Overdue',
            'Paid',
            'Cancelled',
            'Refunded',
            'Collections'
        ]);
        filter.dispatchEvent(new CustomEvent('change', { detail: { value: 'Refunded' } }));
        await flushPromises();
        expect(getInvoices).toHaveBeenLastCalledWith({ status: 'Refunded', page: 1, pageSize: 10 });
        expect($(element, '[data-id="empty"]').textContent).toBe('c.Portal_Invoices_EmptyFiltered');
        expect($(element, '[data-id="page"]')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows the empty state', async () => {
        getInvoices.mockResolvedValue({ invoices: [], page: 1, pageSize: 10, total: 0 });
        const element = await render();
        expect($(element, '[data-id="empty"]').textContent).toBe('c.Portal_Invoices_Empty');
    });

    it('shows the error in words', async () => {
        getInvoices.mockRejectedValue({ body: { message: 'BILLING_UNAVAILABLE' } });
        const element = await render();
        expect($(element, 'c-error-panel').shadowRoot.textContent).toContain('c.Error_BILLING_UNAVAILABLE');
        expect($(element, '[data-invoice]')).toBeNull();
        await expect(element).toBeAccessible();
    });
});
