import { LightningElement, api, wire } from 'lwc';
import { CurrentPageReference, NavigationMixin } from 'lightning/navigation';
import getInvoice from '@salesforce/apex/PortalBillingController.getInvoice';
import { formatDate, formatLabel, formatMoney, invoiceDisplayStatus } from 'c/portalFormat';

import TITLE from '@salesforce/label/c.InvoiceDetail_Title';
import NO_INVOICE from '@salesforce/label/c.InvoiceDetail_NoInvoice';
import BACK from '@salesforce/label/c.InvoiceDetail_Back';
import PAID_ON from '@salesforce/label/c.InvoiceDetail_PaidOn';
import LINES from '@salesforce/label/c.InvoiceDetail_Lines';
import TAXED from '@salesforce/label/c.InvoiceDetail_Taxed';
import NOT_TAXED from '@salesforce/label/c.InvoiceDetail_NotTaxed';
import SUMMARY from '@salesforce/label/c.InvoiceDetail_Summary';
import SUBTOTAL from '@salesforce/label/c.InvoiceDetail_Subtotal';
import TAX from '@salesforce/label/c.InvoiceDetail_Tax';
import CREDIT from '@salesforce/label/c.InvoiceDetail_Credit';
import PAYMENTS from '@salesforce/label/c.InvoiceDetail_Payments';
import NO_PAYMENTS from '@salesforce/label/c.InvoiceDetail_NoPayments';
import TRANSACTION_ID from '@salesforce/label/c.InvoiceDetail_TransactionId';
import DOWNLOAD from '@salesforce/label/c.InvoiceDetail_Download';
import ISSUED from '@salesforce/label/c.Portal_Invoices_IssuedOn';
import DUE from '@salesforce/label/c.Portal_Invoices_DueOn';
import TOTAL from '@salesforce/label/c.Portal_Invoices_Total';
import BALANCE from '@salesforce/label/c.Portal_Invoices_Balance';
import PAY from '@salesforce/label/c.Portal_Invoices_Pay';

const PAYABLE = ['Unpaid', 'Overdue'];

/** One invoice: dates, status, lines, subtotal, tax, total, balance and payments; pay it or get its PDF. */
export default class PortalInvoiceDetail extends NavigationMixin(LightningElement) {
    invoice;
    error;
    loading = false;
    _invoiceId;

    labels = {
        noInvoice: NO_INVOICE,
        back: BACK,
        issued: ISSUED,
        due: DUE,
        paidOn: PAID_ON,
        lines: LINES,
        summary: SUMMARY,
        subtotal: SUBTOTAL,
        credit: CREDIT,
        total: TOTAL,
        balance: BALANCE,
        payments: PAYMENTS,
        noPayments: NO_PAYMENTS,
        transactionId: TRANSACTION_ID,
        download: DOWNLOAD
    };

    /** Set by a page that knows the invoice; otherwise read from the page state (?invoiceId=). */
    @api
    get invoiceId() {
        return this._invoiceId;
    }
    set invoiceId(value) {
        this.showInvoice(value);
    }

    @wire(CurrentPageReference)
    setPageReference(pageReference) {
        const invoiceId = pageReference && pageReference.state && pageReference.state.invoiceId;
        if (invoiceId && !this._invoiceId) {
            this.showInvoice(invoiceId);
        }
    }

    showInvoice(invoiceId) {
        if (invoiceId && String(invoiceId) !== String(this._invoiceId)) {
            this._invoiceId = invoiceId;
            this.load();
        }
    }

    async load() {
        this.loading = true;
        this.error = undefined;
        try {
            // A page state that is not a positive whole number reaches Apex as null: refused there.
            const id = Number(this._invoiceId);
            this.invoice = await getInvoice({ invoiceId: Number.isSafeInteger(id) && id > 0 ? id : null });
        } catch (error) {
            this.error = error;
            this.invoice = undefined;
        }
        this.loading = false;
    }

    get hasInvoice() {
        return !!this.invoice && !this.loading;
    }

    get showNoInvoice() {
        return !this._invoiceId && !this.loading;
    }

    get number() {
        return this.invoice ? this.invoice.number || String(this.invoice.id) : '';
    }

    get heading() {
        return formatLabel(TITLE, this.number);
    }

    get displayStatus() {
        return invoiceDisplayStatus(this.invoice);
    }

    get payable() {
        return PAYABLE.includes(this.displayStatus) && Number(this.invoice.balance) > 0;
    }

    get payLabel() {
        return formatLabel(PAY, this.number);
    }

    get issued() {
        return formatDate(this.invoice && this.invoice.issuedOn);
    }

    get due() {
        return formatDate(this.invoice && this.invoice.dueOn);
    }

    get paidOn() {
        return this.invoice && this.invoice.paidOn ? formatDate(this.invoice.paidOn) : '';
    }

    get lineRows() {
        return ((this.invoice && this.invoice.lines) || []).map((line, index) => ({
            key: String(index),
            description: line.description,
            amount: formatMoney(line.amount),
            taxText: line.taxed ? TAXED : NOT_TAXED
        }));
    }

    get subtotal() {
        return formatMoney(this.invoice.subtotal);
    }

    get taxRows() {
        return (this.invoice.taxes || []).map((tax, index) => ({
            key: String(index),
            label: formatLabel(TAX, tax.rate),
            amount: formatMoney(tax.amount)
        }));
    }

    get hasCredit() {
        return Number(this.invoice.credit) > 0;
    }

    get credit() {
        return formatMoney(-Number(this.invoice.credit));
    }

    get total() {
        return formatMoney(this.invoice.total);
    }

    get balance() {
        return formatMoney(Math.max(0, Number(this.invoice.balance)));
    }

    get paymentRows() {
        return (this.invoice.payments || []).map((payment, index) => ({
            key: String(index),
            date: formatDate(payment.date),
            method: payment.method,
            amount: formatMoney(payment.amount),
            transactionId: payment.transactionId
        }));
    }

    get hasPayments() {
        return this.paymentRows.length > 0;
    }

    handleBack() {
        this[NavigationMixin.Navigate]({ type: 'comm__namedPage', attributes: { name: 'Invoices__c' } });
    }
}
