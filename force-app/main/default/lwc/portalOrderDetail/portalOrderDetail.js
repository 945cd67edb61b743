import { LightningElement, api, wire } from 'lwc';
import { CurrentPageReference, NavigationMixin } from 'lightning/navigation';
import getOrder from '@salesforce/apex/PortalOrdersController.getOrder';
import { errorLabel } from 'c/portalErrors';
import {
    addressLines,
    categoryLabel,
    formatDate,
    formatLabel,
    formatMoney,
    formatPrice,
    regionLabel
} from 'c/portalFormat';

import TITLE from '@salesforce/label/c.Portal_OrderDetail_Title';
import NO_ORDER from '@salesforce/label/c.Portal_OrderDetail_NoOrder';
import BACK from '@salesforce/label/c.Portal_OrderDetail_Back';
import SUBMITTED_ON from '@salesforce/label/c.Portal_OrderDetail_SubmittedOn';
import PROGRESS from '@salesforce/label/c.Portal_OrderDetail_Progress';
import ON_HOLD_TITLE from '@salesforce/label/c.Portal_OrderDetail_OnHoldTitle';
import WHAT_TO_DO from '@salesforce/label/c.Portal_OrderDetail_WhatToDo';
import ACTION_PAYMENT from '@salesforce/label/c.Portal_OrderDetail_ActionPayment';
import ACTION_MNP from '@salesforce/label/c.Portal_OrderDetail_ActionMnp';
import ACTION_WAIT from '@salesforce/label/c.Portal_OrderDetail_ActionWait';
import CANCELLED_TEXT from '@salesforce/label/c.Portal_OrderDetail_CancelledText';
import ADD_PAYMENT from '@salesforce/label/c.Portal_Common_AddPaymentMethod';
import LINES from '@salesforce/label/c.Portal_OrderDetail_Lines';
import PRODUCT from '@salesforce/label/c.Portal_OrderDetail_Product';
import PRICE from '@salesforce/label/c.Portal_OrderDetail_Price';
import QUANTITY from '@salesforce/label/c.Portal_OrderDetail_Quantity';
import LINE_PHONE from '@salesforce/label/c.Portal_OrderDetail_TransferNumber';
import LINE_REGION from '@salesforce/label/c.Portal_OrderDetail_Region';
import MONTHLY_TOTAL from '@salesforce/label/c.Portal_Checkout_MonthlyTotal';
import ONE_TIME_TOTAL from '@salesforce/label/c.Portal_Checkout_OneTimeTotal';
import INSTALLATION_ADDRESS from '@salesforce/label/c.Portal_Checkout_InstallationAddress';
import BILLING_ADDRESS from '@salesforce/label/c.Portal_OrderDetail_BillingAddress';
import ADDRESS_CHANGED from '@salesforce/label/c.Portal_Checkout_AddressChanged';
import STEP_SUBMITTED from '@salesforce/label/c.Portal_Status_Submitted';
import STEP_APPROVED from '@salesforce/label/c.Portal_Status_Approved';
import STEP_ACTIVATING from '@salesforce/label/c.Portal_Status_Activating';
import STEP_ACTIVE from '@salesforce/label/c.Portal_Status_Active';
import HOLD_UNAVAILABLE from '@salesforce/label/c.Defects_OrderHold_Unavailable';
import HOLD_PROBLEM from '@salesforce/label/c.Defects_OrderHold_Problem';

// Hold reasons whose error text asks the customer to try again: on an order, our side retries, so the reason
// says so and agrees with "What you can do".
const HOLD_REASON = {
    BILLING_UNAVAILABLE: HOLD_UNAVAILABLE,
    INTERNAL_ERROR: HOLD_PROBLEM,
    CONFIGURATION_ERROR: HOLD_PROBLEM,
    UNEXPECTED: HOLD_PROBLEM
};

const STEPS = {
    Submitted: STEP_SUBMITTED,
    Approved: STEP_APPROVED,
    Activating: STEP_ACTIVATING,
    Active: STEP_ACTIVE
};
// What the customer can do about a hold, by code; anything else is on our side.
const HOLD_ACTION = {
    PAYMENT_METHOD_REQUIRED: ACTION_PAYMENT,
    MNP_DETAILS_INVALID: ACTION_MNP,
    MNP_RESERVATION_EXPIRING: ACTION_MNP
};

/** One order: its timeline in the customer's words, the hold reason with what to do, and its lines. */
export default class PortalOrderDetail extends NavigationMixin(LightningElement) {
    order;
    error;
    loading = false;
    _orderId;

    labels = {
        noOrder: NO_ORDER,
        back: BACK,
        progress: PROGRESS,
        onHoldTitle: ON_HOLD_TITLE,
        whatToDo: WHAT_TO_DO,
        cancelledText: CANCELLED_TEXT,
        addPayment: ADD_PAYMENT,
        lines: LINES,
        product: PRODUCT,
        price: PRICE,
        quantity: QUANTITY,
        monthlyTotal: MONTHLY_TOTAL,
        oneTimeTotal: ONE_TIME_TOTAL,
        installationAddress: INSTALLATION_ADDRESS,
        billingAddress: BILLING_ADDRESS,
        addressChanged: ADDRESS_CHANGED
    };

    /** Set by a page that knows the order; otherwise read from the page state (?orderId=). */
    @api
    get orderId() {
        return this._orderId;
    }
    set orderId(value) {
        this.showOrder(value);
    }

    @wire(CurrentPageReference)
    setPageReference(pageReference) {
        const orderId = pageReference && pageReference.state && pageReference.state.orderId;
        if (orderId && !this._orderId) {
            this.showOrder(orderId);
        }
    }

    showOrder(orderId) {
        if (orderId && orderId !== this._orderId) {
            this._orderId = orderId;
            this.load();
        }
    }

    async load() {
        this.loading = true;
        this.error = undefined;
        try {
            this.order = await getOrder({ orderId: this._orderId });
        } catch (error) {
            this.error = error;
            this.order = undefined;
        }
        this.loading = false;
    }

    get hasOrder() {
        return !!this.order && !this.loading;
    }

    get showNoOrder() {
        return !this._orderId && !this.loading;
    }

    get heading() {
        return this.order ? formatLabel(TITLE, this.order.orderNumber) : formatLabel(TITLE, '');
    }

    get subtitle() {
        return this.order
            ? formatLabel(
                  SUBMITTED_ON,
                  categoryLabel(this.order.category),
                  formatDate(this.order.submittedOn)
              )
            : '';
    }

    get isOnHold() {
        return this.order && this.order.customerStatus === 'OnHold';
    }

    get isCancelled() {
        return this.order && this.order.customerStatus === 'Cancelled';
    }

    get steps() {
        const timeline = (this.order && this.order.timeline) || [];
        return timeline.map((item) => ({
            key: item.step,
            label: STEPS[item.step] || item.step,
            state: item.state
        }));
    }

    get holdReason() {
        if (!this.isOnHold) {
            return '';
        }
        const code = this.order.holdCode || 'UNEXPECTED';
        return HOLD_REASON[code] || errorLabel(code);
    }

    get holdAction() {
        return this.isOnHold ? HOLD_ACTION[this.order.holdCode] || ACTION_WAIT : '';
    }

    get needsPaymentMethod() {
        return this.isOnHold && this.order.holdCode === 'PAYMENT_METHOD_REQUIRED';
    }

    get lineRows() {
        return ((this.order && this.order.lines) || []).map((line) => ({
            key: line.productCode,
            name: line.name,
            price: formatPrice(line.unitPrice, line.billingCycle),
            quantity: line.quantity,
            extra: [
                line.mnpPhoneNumber ? formatLabel(LINE_PHONE, line.mnpPhoneNumber) : '',
                line.vpnRegion ? formatLabel(LINE_REGION, regionLabel(line.vpnRegion)) : ''
            ]
                .filter(Boolean)
                .join(' · ')
        }));
    }

    get monthlyTotal() {
        return formatMoney(this.order && this.order.totalMonthly);
    }

    get oneTimeTotal() {
        return formatMoney(this.order && this.order.totalOneTime);
    }

    get installationLines() {
        return addressLines(this.order && this.order.installationAddress);
    }

    get hasInstallationAddress() {
        return this.installationLines.length > 0;
    }

    get billingLines() {
        return addressLines(this.order && this.order.billingAddress);
    }

    handleBack() {
        this[NavigationMixin.Navigate]({ type: 'comm__namedPage', attributes: { name: 'Orders__c' } });
    }
}
