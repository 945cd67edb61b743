import { LightningElement } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import getSubscriptions from '@salesforce/apex/PortalBillingController.getSubscriptions';
import { cycleLabel, formatDate, formatMoney } from 'c/portalFormat';

import TITLE from '@salesforce/label/c.Portal_Subscriptions_Title';
import EMPTY from '@salesforce/label/c.Portal_Subscriptions_Empty';
import BROWSE from '@salesforce/label/c.Portal_Orders_Browse';
import SERVICE from '@salesforce/label/c.Portal_Orders_Service';
import STATUS from '@salesforce/label/c.Portal_Orders_Status';
import CYCLE from '@salesforce/label/c.Portal_Subscriptions_Cycle';
import AMOUNT from '@salesforce/label/c.Portal_Subscriptions_Amount';
import NEXT_DUE from '@salesforce/label/c.Portal_Subscriptions_NextDue';
import SINCE from '@salesforce/label/c.Portal_Subscriptions_Since';
import MANAGE from '@salesforce/label/c.Portal_Subscriptions_Manage';

/** The customer's services from billing, with status, price and next due date. */
export default class PortalSubscriptions extends NavigationMixin(LightningElement) {
    subscriptions;
    error;
    loading = true;

    labels = {
        title: TITLE,
        empty: EMPTY,
        browse: BROWSE,
        service: SERVICE,
        status: STATUS,
        cycle: CYCLE,
        amount: AMOUNT,
        nextDue: NEXT_DUE,
        since: SINCE,
        manage: MANAGE
    };

    connectedCallback() {
        this.load();
    }

    async load() {
        try {
            const result = await getSubscriptions();
            this.subscriptions = (result && result.subscriptions) || [];
            this.error = undefined;
        } catch (error) {
            this.error = error;
        }
        this.loading = false;
    }

    get rows() {
        return (this.subscriptions || []).map((subscription) => ({
            ...subscription,
            key: String(subscription.id),
            cycle: cycleLabel(subscription.billingCycle),
            amount: formatMoney(subscription.recurringAmount),
            nextDue: formatDate(subscription.nextDueDate),
            since: formatDate(subscription.registeredOn)
        }));
    }

    get hasRows() {
        return !this.loading && !this.error && this.rows.length > 0;
    }

    get isEmpty() {
        return !this.loading && !this.error && this.rows.length === 0;
    }

    handleBrowse() {
        this[NavigationMixin.Navigate]({ type: 'comm__namedPage', attributes: { name: 'Catalog__c' } });
    }
}
