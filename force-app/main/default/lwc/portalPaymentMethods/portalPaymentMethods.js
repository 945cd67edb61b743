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
import EXPIRES_SOON from '@salesforce/label/c.Portal_PaymentMethods_ExpiresSoon';
import EXPIRING_WARNING from '@salesforce/label/c.Portal_PaymentMethods_ExpiringWarning';
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
// The badge beside an expired card, or one that expires soon (data-id, text, style).
const EXPIRY_BADGE = {
    expired: { id: 'expired', text: EXPIRED, cssClass: 'slds-badge slds-theme_error slds-m-left_x-small' },
    soon: {
        id: 'expires-soon',
        text: EXPIRES_SOON,
        cssClass: 'slds-badge slds-theme_warning slds-m-left_x-small'
    }
};
const CARD_EXPIRY = /^(0[1-9]|1[0-2])\/(\d{2})$/;

/**
 * A card that is not expired and valid through the end of this month or next ("MM/YY"); the same rule as
 * PortalHomeController.isExpiringSoon. No expiry, a malformed one or another kind never expires soon.
 */
function isExpiringSoon(method, today) {
    const parts = method.kind === 'card' && !method.expired && CARD_EXPIRY.exec(method.expiry || '');
    if (!parts) {
        return false;
    }
    const monthsLeft =
        (2000 + Number(parts[2])) * 12 + Number(parts[1]) - (today.getFullYear() * 12 + today.getMonth() + 1);
    return monthsLeft === 0 || monthsLeft === 1;
}

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
        expiringWarning: EXPIRING_WARNING,
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
        const today = new Date();
        return ((this.result && this.result.paymentMethods) || []).map((method) => {
            const expiresSoon = isExpiringSoon(method, today);
            return {
                ...method,
                expiresSoon,
                expiryBadge: method.expired ? EXPIRY_BADGE.expired : expiresSoon ? EXPIRY_BADGE.soon : null,
                key: String(method.id),
                kindText: KIND[method.kind] || KIND_OTHER,
                icon: KIND_ICON[method.kind] || KIND_ICON.other,
                endingText: method.lastFour ? formatLabel(ENDING, method.lastFour) : '',
                expiryText: method.expiry ? formatLabel(EXPIRES, method.expiry) : '',
                cssClass: method.expired
                    ? 'slds-box slds-m-bottom_x-small slds-theme_shade'
                    : 'slds-box slds-m-bottom_x-small'
            };
        });
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

    /** Usable methods exist, but every one of them is a card that expires soon (home: expiring). */
    get showExpiring() {
        const usable = this.methods.filter((method) => !method.expired);
        return (
            this.hasMethods &&
            this.result.hasUsableMethod === true &&
            usable.length > 0 &&
            usable.every((method) => method.expiresSoon)
        );
    }
}
