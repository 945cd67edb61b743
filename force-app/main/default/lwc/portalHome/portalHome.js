import { LightningElement } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import getSummary from '@salesforce/apex/PortalHomeController.getSummary';
import { formatLabel, formatMoney } from 'c/portalFormat';

import TITLE from '@salesforce/label/c.Portal_Home_Title';
import UNPAID from '@salesforce/label/c.Portal_Home_UnpaidInvoices';
import UNPAID_NONE from '@salesforce/label/c.Portal_Home_UnpaidNone';
import UNPAID_DETAIL from '@salesforce/label/c.Portal_Home_UnpaidDetail';
import VIEW_INVOICES from '@salesforce/label/c.Portal_Home_ViewInvoices';
import SERVICES from '@salesforce/label/c.Portal_Home_ActiveServices';
import VIEW_SERVICES from '@salesforce/label/c.Portal_Home_ViewServices';
import ORDERS from '@salesforce/label/c.Portal_Home_OrdersInProgress';
import VIEW_ORDERS from '@salesforce/label/c.Portal_Home_ViewOrders';
import PAYMENT from '@salesforce/label/c.Portal_Home_PaymentMethod';
import PAYMENT_OK from '@salesforce/label/c.Portal_Home_PaymentOk';
import PAYMENT_MISSING from '@salesforce/label/c.Portal_Home_PaymentMissing';
import PAYMENT_EXPIRED from '@salesforce/label/c.Portal_Home_PaymentExpired';
import PAYMENT_EXPIRING from '@salesforce/label/c.Portal_Home_PaymentExpiring';
import VIEW_PAYMENT from '@salesforce/label/c.Portal_Home_ViewPaymentMethods';
import ADD_PAYMENT from '@salesforce/label/c.Portal_Common_AddPaymentMethod';
import ORDER_NEW from '@salesforce/label/c.Portal_Home_OrderNew';

// PortalHomeController.paymentMethodStatus: expiring = every usable card expires this month or next.
const PAYMENT_TEXT = {
    ok: PAYMENT_OK,
    expiring: PAYMENT_EXPIRING,
    missing: PAYMENT_MISSING,
    expired: PAYMENT_EXPIRED
};
// The page each tile's link (by its data-id) opens.
const TILE_PAGES = {
    'invoices-link': 'Invoices__c',
    'services-link': 'Subscriptions__c',
    'orders-link': 'Orders__c'
};

/** The customer's summary: unpaid invoices, active services, orders in progress, payment method health. */
export default class PortalHome extends NavigationMixin(LightningElement) {
    summary;
    error;
    loading = true;

    labels = {
        title: TITLE,
        payment: PAYMENT,
        viewPayment: VIEW_PAYMENT,
        addPayment: ADD_PAYMENT,
        orderNew: ORDER_NEW
    };

    connectedCallback() {
        this.load();
    }

    async load() {
        try {
            this.summary = await getSummary();
            this.error = undefined;
        } catch (error) {
            this.error = error;
        }
        this.loading = false;
    }

    get loaded() {
        return !this.loading && !this.error && !!this.summary;
    }

    get unpaidCount() {
        return this.summary.unpaidInvoiceCount || 0;
    }

    get unpaidText() {
        return this.unpaidCount > 0
            ? formatLabel(UNPAID_DETAIL, this.unpaidCount, formatMoney(this.summary.unpaidTotal))
            : UNPAID_NONE;
    }

    get unpaidClass() {
        return this.unpaidCount > 0
            ? 'slds-text-heading_small slds-text-color_error'
            : 'slds-text-heading_small';
    }

    get paymentStatus() {
        return this.summary.paymentMethodStatus || 'missing';
    }

    get paymentText() {
        return PAYMENT_TEXT[this.paymentStatus] || PAYMENT_MISSING;
    }

    get paymentNeedsAction() {
        return this.paymentStatus !== 'ok';
    }

    get paymentClass() {
        return this.paymentNeedsAction
            ? 'slds-text-heading_small slds-text-color_error'
            : 'slds-text-heading_small';
    }

    /** The tiles that show one figure and link to its page, in display order. */
    get linkTiles() {
        const tile = (name, title, valueId, valueClass, value, linkLabel) => ({
            name,
            titleId: `${name}-title`,
            title,
            valueId,
            valueClass,
            value,
            linkLabel,
            linkId: `${name}-link`
        });
        const figure = 'slds-text-heading_medium';
        return [
            tile('invoices', UNPAID, 'unpaid', this.unpaidClass, this.unpaidText, VIEW_INVOICES),
            tile('services', SERVICES, 'services', figure, this.summary.activeServiceCount, VIEW_SERVICES),
            tile('orders', ORDERS, 'orders', figure, this.summary.ordersInProgress, VIEW_ORDERS)
        ];
    }

    navigate(name) {
        this[NavigationMixin.Navigate]({ type: 'comm__namedPage', attributes: { name } });
    }

    handleTileLink(event) {
        this.navigate(TILE_PAGES[event.target.dataset.id]);
    }

    handlePaymentMethods() {
        this.navigate('Payment_Methods__c');
    }

    handleCatalog() {
        this.navigate('Catalog__c');
    }
}
