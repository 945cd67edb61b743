import { LightningElement, api } from 'lwc';
import getAccountBilling from '@salesforce/apex/AccountBillingController.getAccountBilling';
import {
    cycleLabel,
    formatDate,
    formatLabel,
    formatMoney,
    invoiceDisplayStatus,
    statusInfo
} from 'c/portalFormat';

import TITLE from '@salesforce/label/c.Portal_AccountBilling_Title';
import LINKED from '@salesforce/label/c.Portal_AccountBilling_Linked';
import NOT_LINKED from '@salesforce/label/c.Portal_AccountBilling_NotLinked';
import SERVICES from '@salesforce/label/c.Portal_AccountBilling_Services';
import SERVICES_EMPTY from '@salesforce/label/c.Portal_AccountBilling_ServicesEmpty';
import UNPAID from '@salesforce/label/c.Portal_AccountBilling_UnpaidInvoices';
import UNPAID_EMPTY from '@salesforce/label/c.Portal_AccountBilling_UnpaidEmpty';
import PAYMENT from '@salesforce/label/c.Portal_AccountBilling_PaymentMethod';
import PAYMENT_OK from '@salesforce/label/c.Portal_AccountBilling_PaymentOk';
import PAYMENT_NONE from '@salesforce/label/c.Portal_AccountBilling_PaymentNone';
import REFRESH from '@salesforce/label/c.Portal_Common_Refresh';
import SERVICE from '@salesforce/label/c.Portal_Orders_Service';
import STATUS from '@salesforce/label/c.Portal_Orders_Status';
import CYCLE from '@salesforce/label/c.Portal_Subscriptions_Cycle';
import AMOUNT from '@salesforce/label/c.Portal_Subscriptions_Amount';
import NEXT_DUE from '@salesforce/label/c.Portal_Subscriptions_NextDue';
import NUMBER from '@salesforce/label/c.Portal_Invoices_Number';
import DUE from '@salesforce/label/c.Portal_Invoices_DueOn';
import BALANCE from '@salesforce/label/c.Portal_Invoices_Balance';
import EXPIRED from '@salesforce/label/c.Portal_PaymentMethods_Expired';
import ENDING from '@salesforce/label/c.Portal_PaymentMethods_Ending';

/** Staff view of an Account's billing side: WHMCS link, services, unpaid invoices, payment methods. */
export default class AccountBillingPanel extends LightningElement {
    @api recordId;

    billing;
    error;
    loading = true;

    labels = {
        title: TITLE,
        notLinked: NOT_LINKED,
        services: SERVICES,
        servicesEmpty: SERVICES_EMPTY,
        unpaid: UNPAID,
        unpaidEmpty: UNPAID_EMPTY,
        payment: PAYMENT,
        refresh: REFRESH,
        expired: EXPIRED
    };

    serviceColumns = [
        { label: SERVICE, fieldName: 'name', type: 'text' },
        { label: STATUS, fieldName: 'statusText', type: 'text' },
        { label: CYCLE, fieldName: 'cycle', type: 'text' },
        { label: AMOUNT, fieldName: 'amount', type: 'text' },
        { label: NEXT_DUE, fieldName: 'nextDue', type: 'text' }
    ];

    invoiceColumns = [
        { label: NUMBER, fieldName: 'number', type: 'text' },
        { label: STATUS, fieldName: 'statusText', type: 'text' },
        { label: DUE, fieldName: 'due', type: 'text' },
        { label: BALANCE, fieldName: 'balanceText', type: 'text' }
    ];

    connectedCallback() {
        this.load();
    }

    async load() {
        this.loading = true;
        try {
            this.billing = await getAccountBilling({ accountId: this.recordId });
            this.error = undefined;
        } catch (error) {
            this.error = error;
        }
        this.loading = false;
    }

    handleRefresh() {
        this.load();
    }

    get loaded() {
        return !this.loading && !this.error && !!this.billing;
    }

    get isLinked() {
        return this.loaded && this.billing.linked;
    }

    get showNotLinked() {
        return this.loaded && !this.billing.linked;
    }

    get linkedText() {
        return formatLabel(LINKED, this.billing.whmcsClientId);
    }

    get services() {
        return (this.billing.services || []).map((service) => ({
            id: String(service.id),
            name: service.name,
            statusText: statusInfo('service', service.status).label,
            cycle: cycleLabel(service.billingCycle),
            amount: formatMoney(service.recurringAmount),
            nextDue: formatDate(service.nextDueDate)
        }));
    }

    get hasServices() {
        return this.services.length > 0;
    }

    get invoices() {
        return (this.billing.unpaidInvoices || []).map((invoice) => ({
            id: String(invoice.id),
            number: invoice.number,
            statusText: statusInfo('invoice', invoiceDisplayStatus(invoice)).label,
            due: formatDate(invoice.dueOn),
            balanceText: formatMoney(invoice.balance)
        }));
    }

    get hasInvoices() {
        return this.invoices.length > 0;
    }

    get paymentText() {
        return this.billing.hasUsableMethod ? PAYMENT_OK : PAYMENT_NONE;
    }

    get paymentClass() {
        return this.billing.hasUsableMethod ? 'slds-badge slds-theme_success' : 'slds-badge slds-theme_error';
    }

    get paymentMethods() {
        return (this.billing.paymentMethods || []).map((method) => ({
            key: String(method.id),
            text: [
                method.label,
                method.lastFour ? formatLabel(ENDING, method.lastFour) : '',
                method.expiry || ''
            ]
                .filter(Boolean)
                .join(' '),
            expired: method.expired
        }));
    }
}
