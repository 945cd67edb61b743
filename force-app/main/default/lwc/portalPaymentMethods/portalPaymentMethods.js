import { LightningElement } from 'lwc';
import getPaymentMethods from '@salesforce/apex/PortalBillingController.getPaymentMethods';
import { formatLabel } from 'c/portalFormat';

import TITLE from '@salesforce/label/c.Portal_PaymentMethods_Title';
import INTRO from '@salesforce/label/c.Portal_PaymentMethods_Intro';
import EMPTY from '@salesforce/label/c.Portal_PaymentMethods_Empty';
import NONE_USABLE from '@salesforce/label/c.Portal_PaymentMethods_NoneUsable';
import ADD from '@salesforce/label/c.Portal_Common_AddPaymentMethod';
import MANAGE from '@salesforce/label/c.Portal_PaymentMethods_Manage';
import EXPIRED from '@salesforce/label/c.Portal_PaymentMethods_Expired';
import DEFAULT from '@salesforce/label/c.Portal_PaymentMethods_Default';
import EXPIRES from '@salesforce/label/c.Portal_PaymentMethods_Expires';
import ENDING from '@salesforce/label/c.Portal_PaymentMethods_Ending';
import KIND_CARD from '@salesforce/label/c.Portal_PaymentMethods_KindCard';
import KIND_BANK from '@salesforce/label/c.Portal_PaymentMethods_KindBank';
import KIND_OTHER from '@salesforce/label/c.Portal_PaymentMethods_KindOther';

const KIND = { card: KIND_CARD, bank_account: KIND_BANK, other: KIND_OTHER };
const KIND_ICON = {
    card: 'utility:payment_gateway',
    bank_account: 'utility:moneybag',
    other: 'utility:currency'
};

/** Payment methods on file (tokenised in the billing system); adding or changing one happens there via SSO. */
export default class PortalPaymentMethods extends LightningElement {
    result;
    error;
    loading = true;

    labels = {
        title: TITLE,
        intro: INTRO,
        empty: EMPTY,
        noneUsable: NONE_USABLE,
        add: ADD,
        manage: MANAGE,
        expired: EXPIRED,
        isDefault: DEFAULT
    };

    connectedCallback() {
        this.load();
    }

    async load() {
        try {
            this.result = await getPaymentMethods();
            this.error = undefined;
        } catch (error) {
            this.error = error;
        }
        this.loading = false;
    }

    get methods() {
        return ((this.result && this.result.paymentMethods) || []).map((method) => ({
            ...method,
            key: String(method.id),
            kindText: KIND[method.kind] || KIND_OTHER,
            icon: KIND_ICON[method.kind] || KIND_ICON.other,
            endingText: method.lastFour ? formatLabel(ENDING, method.lastFour) : '',
            expiryText: method.expiry ? formatLabel(EXPIRES, method.expiry) : '',
            cssClass: method.expired
                ? 'slds-box slds-m-bottom_x-small slds-theme_shade'
                : 'slds-box slds-m-bottom_x-small'
        }));
    }

    get loaded() {
        return !this.loading && !this.error;
    }

    get hasMethods() {
        return this.loaded && this.methods.length > 0;
    }

    get isEmpty() {
        return this.loaded && this.methods.length === 0;
    }

    get showNoneUsable() {
        return this.hasMethods && !this.result.hasUsableMethod;
    }
}
