import { LightningElement } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import getMyOrders from '@salesforce/apex/PortalOrdersController.getMyOrders';
import { categoryLabel, formatDate, formatLabel, formatMoney } from 'c/portalFormat';

import TITLE from '@salesforce/label/c.Portal_Orders_Title';
import EMPTY from '@salesforce/label/c.Portal_Orders_Empty';
import BROWSE from '@salesforce/label/c.Portal_Orders_Browse';
import COL_NUMBER from '@salesforce/label/c.Portal_Orders_Number';
import COL_CATEGORY from '@salesforce/label/c.Portal_Orders_Service';
import COL_SUBMITTED from '@salesforce/label/c.Portal_Orders_SubmittedOn';
import COL_STATUS from '@salesforce/label/c.Portal_Orders_Status';
import COL_MONTHLY from '@salesforce/label/c.Portal_Checkout_MonthlyTotal';
import COL_ONE_TIME from '@salesforce/label/c.Portal_Checkout_OneTimeTotal';
import VIEW_ORDER from '@salesforce/label/c.Portal_Orders_ViewOrder';

/** The customer's orders, newest first, each status in the customer's words. */
export default class PortalOrders extends NavigationMixin(LightningElement) {
    orders;
    error;
    loading = true;

    labels = {
        title: TITLE,
        empty: EMPTY,
        browse: BROWSE,
        number: COL_NUMBER,
        category: COL_CATEGORY,
        submitted: COL_SUBMITTED,
        status: COL_STATUS,
        monthly: COL_MONTHLY,
        oneTime: COL_ONE_TIME
    };

    connectedCallback() {
        this.load();
    }

    async load() {
        this.loading = true;
        try {
            this.orders = await getMyOrders();
            this.error = undefined;
        } catch (error) {
            this.error = error;
            this.orders = undefined;
        }
        this.loading = false;
    }

    get rows() {
        return (this.orders || []).map((order) => ({
            ...order,
            category: categoryLabel(order.category),
            submitted: formatDate(order.submittedOn),
            monthly: formatMoney(order.totalMonthly),
            oneTime: formatMoney(order.totalOneTime),
            viewLabel: formatLabel(VIEW_ORDER, order.orderNumber)
        }));
    }

    get hasOrders() {
        return !this.loading && !this.error && this.rows.length > 0;
    }

    get isEmpty() {
        return !this.loading && !this.error && this.rows.length === 0;
    }

    handleOpen(event) {
        event.preventDefault();
        this[NavigationMixin.Navigate]({
            type: 'comm__namedPage',
            attributes: { name: 'Order_Detail__c' },
            state: { orderId: event.currentTarget.dataset.orderId }
        });
    }

    handleBrowse() {
        this[NavigationMixin.Navigate]({ type: 'comm__namedPage', attributes: { name: 'Catalog__c' } });
    }
}
