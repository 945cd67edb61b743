import { LightningElement } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import getSubscriptions from '@salesforce/apex/PortalBillingController.getSubscriptions';
import getMyRequests from '@salesforce/apex/PortalServiceChangeController.getMyRequests';
import {
    categoryLabel,
    cycleLabel,
    formatDate,
    formatLabel,
    formatMoney,
    formatPrice,
    isMonthly,
    regionLabel
} from 'c/portalFormat';

import TITLE from '@salesforce/label/c.Portal_Subscriptions_Title';
import EMPTY from '@salesforce/label/c.Portal_Subscriptions_Empty';
import BROWSE from '@salesforce/label/c.Portal_Orders_Browse';
import AMOUNT from '@salesforce/label/c.Portal_Subscriptions_Amount';
import NEXT_DUE from '@salesforce/label/c.Portal_Subscriptions_NextDue';
import SINCE from '@salesforce/label/c.Portal_Subscriptions_Since';
import MANAGE from '@salesforce/label/c.Portal_Subscriptions_Manage';
import PHONE_NUMBER from '@salesforce/label/c.Portal_Subscriptions_PhoneNumber';
import VPN_REGION from '@salesforce/label/c.Portal_Subscriptions_VpnRegion';
import INSTALLATION_ADDRESS from '@salesforce/label/c.Portal_Subscriptions_InstallationAddress';
import PRICE_PER_CYCLE from '@salesforce/label/c.Portal_Subscriptions_PricePerCycle';
import PAGE_ONLY_FEES from '@salesforce/label/c.Portal_Subscriptions_PageOnlyFees';
import FEES_NOTE from '@salesforce/label/c.Portal_Subscriptions_FeesNote';

const PAGE_SIZE = 10;

const IDENTIFIER_LABELS = {
    phone_number: PHONE_NUMBER,
    vpn_region: VPN_REGION,
    installation_address: INSTALLATION_ADDRESS
};

/** A Japanese mobile number as people write it (090-1234-5678); any other number as billing has it. */
function phoneNumberText(value) {
    const digits = /^(0[789]0)(\d{4})(\d{4})$/.exec(String(value).replace(/-/g, ''));
    return digits ? digits.slice(1).join('-') : value;
}

function identifierText(identifier) {
    switch (identifier.kind) {
        case 'phone_number':
            return phoneNumberText(identifier.value);
        case 'vpn_region':
            return regionLabel(identifier.value);
        default:
            return identifier.value;
    }
}

/**
 * The customer's subscriptions (recurring services) from billing, a page at a time: what each one is (phone
 * number, VPN region or installation address), its status, price and next due date. One-time fees are not
 * services to the customer: they are shown with their order.
 */
export default class PortalSubscriptions extends NavigationMixin(LightningElement) {
    pageNumber = 1;
    result;
    openRequests = {};
    error;
    loading = true;

    labels = {
        title: TITLE,
        empty: EMPTY,
        browse: BROWSE,
        amount: AMOUNT,
        nextDue: NEXT_DUE,
        since: SINCE,
        manage: MANAGE,
        pageOnlyFees: PAGE_ONLY_FEES,
        feesNote: FEES_NOTE
    };

    connectedCallback() {
        this.load();
    }

    async load() {
        this.loading = true;
        try {
            const [result, requests] = await Promise.all([
                getSubscriptions({ page: this.pageNumber, pageSize: PAGE_SIZE }),
                loadOpenRequests()
            ]);
            this.result = result;
            this.openRequests = requests;
            this.error = undefined;
        } catch (error) {
            this.error = error;
            this.result = undefined;
        }
        this.loading = false;
    }

    get rows() {
        return ((this.result && this.result.subscriptions) || []).map((subscription) => {
            const identifier = subscription.identifier;
            const identifierLabel = identifier && IDENTIFIER_LABELS[identifier.kind];
            return {
                ...subscription,
                key: String(subscription.id),
                categoryText: categoryLabel(subscription.category === 'Other' ? '' : subscription.category),
                identifierLabel,
                identifierValue: identifierLabel && identifierText(identifier),
                price: isMonthly(subscription.billingCycle)
                    ? formatPrice(subscription.recurringAmount, subscription.billingCycle)
                    : formatLabel(
                          PRICE_PER_CYCLE,
                          formatMoney(subscription.recurringAmount),
                          cycleLabel(subscription.billingCycle)
                      ),
                nextDue: formatDate(subscription.nextDueDate),
                since: formatDate(subscription.registeredOn),
                openRequest: this.openRequests[String(subscription.id)] || null
            };
        });
    }

    get hasRows() {
        return !this.loading && !this.error && this.rows.length > 0;
    }

    get isEmpty() {
        return !this.loading && !this.error && this.rows.length === 0 && this.totalPages <= 1;
    }

    /** A page of one-time fees only (WHMCS pages services, fees included): say so, keep the paging. */
    get pageOnlyFees() {
        return !this.loading && !this.error && this.rows.length === 0 && this.totalPages > 1;
    }

    get total() {
        return (this.result && this.result.total) || 0;
    }

    get pageSize() {
        return (this.result && this.result.pageSize) || PAGE_SIZE;
    }

    get totalPages() {
        return Math.max(1, Math.ceil(this.total / this.pageSize));
    }

    get currentPage() {
        return (this.result && this.result.page) || this.pageNumber;
    }

    get showPaging() {
        return !this.error;
    }

    get showFooter() {
        return !this.loading && !this.error && !this.isEmpty;
    }

    handlePageChange(event) {
        this.pageNumber = event.detail.page;
        this.load();
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
