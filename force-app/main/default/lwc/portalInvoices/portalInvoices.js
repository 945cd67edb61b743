import { LightningElement } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import getInvoices from '@salesforce/apex/PortalBillingController.getInvoices';
import { formatDate, formatLabel, formatMoney, invoiceDisplayStatus, statusInfo } from 'c/portalFormat';

import TITLE from '@salesforce/label/c.Portal_Invoices_Title';
import LOADING from '@salesforce/label/c.Portal_Common_Loading';
import FILTER from '@salesforce/label/c.Portal_Invoices_Filter';
import ALL from '@salesforce/label/c.Portal_Invoices_All';
import EMPTY from '@salesforce/label/c.Portal_Invoices_Empty';
import EMPTY_FILTERED from '@salesforce/label/c.Portal_Invoices_EmptyFiltered';
import NUMBER from '@salesforce/label/c.Portal_Invoices_Number';
import ISSUED from '@salesforce/label/c.Portal_Invoices_IssuedOn';
import DUE from '@salesforce/label/c.Portal_Invoices_DueOn';
import TOTAL from '@salesforce/label/c.Portal_Invoices_Total';
import BALANCE from '@salesforce/label/c.Portal_Invoices_Balance';
import PAY from '@salesforce/label/c.Portal_Invoices_Pay';
import INVOICE_NUMBER from '@salesforce/label/c.InvoiceDetail_Title';
import VIEW from '@salesforce/label/c.InvoiceDetail_View';

const PAGE_SIZE = 10;
const FILTER_STATUSES = ['Unpaid', 'Overdue', 'Paid', 'Cancelled', 'Refunded', 'Collections'];
const PAYABLE = ['Unpaid', 'Overdue'];

/**
 * Invoices, filtered by status and paged; each opens its detail page, unpaid ones are paid on the billing site
 * through SSO.
 */
export default class PortalInvoices extends NavigationMixin(LightningElement) {
    status = '';
    pageNumber = 1;
    result;
    error;
    loading = true;

    labels = {
        title: TITLE,
        loading: LOADING,
        filter: FILTER,
        number: NUMBER,
        issued: ISSUED,
        due: DUE,
        total: TOTAL,
        balance: BALANCE
    };

    connectedCallback() {
        this.load();
    }

    async load() {
        this.loading = true;
        try {
            this.result = await getInvoices({
                status: this.status || null,
                page: this.pageNumber,
                pageSize: PAGE_SIZE
            });
            this.error = undefined;
        } catch (error) {
            this.error = error;
            this.result = undefined;
        }
        this.loading = false;
    }

    get filterOptions() {
        return [
            { label: ALL, value: '' },
            ...FILTER_STATUSES.map((status) => ({
                label: statusInfo('invoice', status).label,
                value: status
            }))
        ];
    }

    get rows() {
        return ((this.result && this.result.invoices) || []).map((invoice) => {
            const displayStatus = invoiceDisplayStatus(invoice);
            return {
                ...invoice,
                key: String(invoice.id),
                displayStatus,
                issued: formatDate(invoice.issuedOn),
                due: formatDate(invoice.dueOn),
                totalText: formatMoney(invoice.total),
                balanceText: formatMoney(invoice.balance),
                payable: PAYABLE.includes(displayStatus) && Number(invoice.balance) > 0,
                numberText: formatLabel(INVOICE_NUMBER, invoice.number || invoice.id),
                viewLabel: formatLabel(VIEW, invoice.number || invoice.id),
                payLabel: formatLabel(PAY, invoice.number || invoice.id)
            };
        });
    }

    get hasRows() {
        return !this.error && this.rows.length > 0;
    }

    get showEmpty() {
        return !this.loading && !this.error && this.rows.length === 0;
    }

    get emptyText() {
        return this.status ? EMPTY_FILTERED : EMPTY;
    }

    get total() {
        return (this.result && this.result.total) || 0;
    }

    get pageSize() {
        return (this.result && this.result.pageSize) || PAGE_SIZE;
    }

    get currentPage() {
        return (this.result && this.result.page) || this.pageNumber;
    }

    handleOpen(event) {
        event.preventDefault();
        this[NavigationMixin.Navigate]({
            type: 'comm__namedPage',
            attributes: { name: 'Invoice_Detail__c' },
            state: { invoiceId: event.currentTarget.dataset.invoiceId }
        });
    }

    handleFilter(event) {
        this.status = event.detail.value;
        this.pageNumber = 1;
        this.load();
    }

    handlePageChange(event) {
        this.pageNumber = event.detail.page;
        this.load();
    }
}
