import { LightningElement } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import getSubscriptions from '@salesforce/apex/PortalBillingController.getSubscriptions';
import getMyRequests from '@salesforce/apex/PortalServiceChangeController.getMyRequests';
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
import CHANGES from '@salesforce/label/c.ServiceChange_Actions';

/** The customer's services from billing, with status, price and next due date. */
export default class PortalSubscriptions extends NavigationMixin(LightningElement) {
    subscriptions;
    openRequests = {};
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
        manage: MANAGE,
        changes: CHANGES
    };

    connectedCallback() {
        this.load();
    }

    async load() {
        try {
            const [result, requests] = await Promise.all([getSubscriptions(), loadOpenRequests()]);
            this.subscriptions = (result && result.subscriptions) || [];
            this.openRequests = requests;
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
            since: formatDate(subscription.registeredOn),
            openRequest: this.openRequests[String(subscription.id)] || null
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

// Open plan change / cancellation requests by service id; the list still shows when they cannot be read.
async function loadOpenRequests() {
    try {
        const requests = (await getMyRequests()) || [];
        return Object.fromEntries(
            requests
                .filter((request) => request.isOpen)
                .map((request) => [String(request.serviceId), request])
        );
    } catch {
        return {};
    }
}
