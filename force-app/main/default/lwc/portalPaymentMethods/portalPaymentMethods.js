import { LightningElement } from 'lwc';
import LightningConfirm from 'lightning/confirm';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getPaymentMethods from '@salesforce/apex/PortalPaymentMethodsController.getPaymentMethods';
import removePaymentMethod from '@salesforce/apex/PortalPaymentMethodsController.removePaymentMethod';
import setDefaultPaymentMethod from '@salesforce/apex/PortalPaymentMethodsController.setDefaultPaymentMethod';
import { formatLabel } from 'c/portalFormat';
import { errorCode, errorLabel } from 'c/portalErrors';

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
import REMOVE from '@salesforce/label/c.Cards_Remove';
import REMOVE_NAMED from '@salesforce/label/c.Cards_RemoveNamed';
import REMOVE_TITLE from '@salesforce/label/c.Cards_RemoveTitle';
import REMOVE_CONFIRM from '@salesforce/label/c.Cards_RemoveConfirm';
import REMOVED from '@salesforce/label/c.Cards_Removed';
import REMOVED_NEW_DEFAULT from '@salesforce/label/c.Cards_RemovedNewDefault';
import MAKE_DEFAULT from '@salesforce/label/c.Cards_MakeDefault';
import MAKE_DEFAULT_NAMED from '@salesforce/label/c.Cards_MakeDefaultNamed';
import DEFAULT_SET from '@salesforce/label/c.Cards_DefaultSet';
import LAST_LOCKED from '@salesforce/label/c.Cards_LastLocked';
import DEFAULT_EXPIRED from '@salesforce/label/c.Cards_DefaultExpired';
import ACTION_FAILED from '@salesforce/label/c.Cards_ActionFailed';

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
// The middleware's refusals of these two actions, said in this page's words.
const REFUSALS = {
    PAYMENT_METHOD_REQUIRED_FOR_SERVICES: LAST_LOCKED,
    PAYMENT_METHOD_EXPIRED: DEFAULT_EXPIRED
};

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

/**
 * Payment methods on file (tokenised in the billing system): remove one or make one the default here; adding
 * one happens in the billing site via SSO. The last usable method cannot be removed while a service is active.
 */
export default class PortalPaymentMethods extends LightningElement {
    result;
    error;
    loading = true;
    /** Id of the method being changed (its buttons are busy); one change at a time. */
    busyId;
    /** What the last change did (or why it was refused), shown above the list and read by screen readers. */
    announcement = '';
    announcementFailed = false;

    labels = {
        title: TITLE,
        intro: INTRO,
        empty: EMPTY,
        noneUsable: NONE_USABLE,
        add: ADD,
        manage: MANAGE,
        expiringWarning: EXPIRING_WARNING,
        isDefault: DEFAULT,
        remove: REMOVE,
        makeDefault: MAKE_DEFAULT,
        lastLocked: LAST_LOCKED
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
            const locked = this.result.lastUsableLocked === true && !method.expired;
            return {
                ...method,
                expiresSoon,
                locked,
                busy: this.busyId !== undefined,
                removeDisabled: locked || this.busyId !== undefined,
                canMakeDefault: !method.isDefault && !method.expired,
                removeLabel: formatLabel(REMOVE_NAMED, method.label),
                makeDefaultLabel: formatLabel(MAKE_DEFAULT_NAMED, method.label),
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

    async handleRemove(event) {
        const method = this.methodOf(event);
        if (!method || method.locked || this.busyId !== undefined) {
            return;
        }
        const confirmed = await LightningConfirm.open({
            message: formatLabel(REMOVE_CONFIRM, method.label),
            label: REMOVE_TITLE,
            theme: 'warning'
        });
        if (!confirmed) {
            return;
        }
        await this.change(
            method,
            () => removePaymentMethod({ paymentMethodId: method.id }),
            (after) => {
                const wasDefault = method.isDefault;
                const next = (after.paymentMethods || []).find((m) => m.isDefault);
                return wasDefault && next
                    ? formatLabel(REMOVED_NEW_DEFAULT, method.label, next.label)
                    : formatLabel(REMOVED, method.label);
            }
        );
    }

    async handleMakeDefault(event) {
        const method = this.methodOf(event);
        if (!method || this.busyId !== undefined) {
            return;
        }
        await this.change(
            method,
            () => setDefaultPaymentMethod({ paymentMethodId: method.id }),
            () => formatLabel(DEFAULT_SET, method.label)
        );
    }

    methodOf(event) {
        const id = event.currentTarget.dataset.methodId;
        return this.methods.find((method) => method.key === id);
    }

    /** Runs one change; the answer is the new list. Success and refusal are toasted and announced. */
    async change(method, action, describe) {
        this.busyId = method.id;
        this.announcement = '';
        try {
            const after = await action();
            this.result = after;
            this.announcement = describe(after);
            this.announcementFailed = false;
            this.dispatchEvent(new ShowToastEvent({ title: this.announcement, variant: 'success' }));
        } catch (error) {
            const message = REFUSALS[errorCode(error)] || errorLabel(error);
            this.announcement = message;
            this.announcementFailed = true;
            this.dispatchEvent(new ShowToastEvent({ title: ACTION_FAILED, message, variant: 'error' }));
            // The list may have changed meanwhile (another session): show what is there now.
            await this.load();
        } finally {
            this.busyId = undefined;
        }
    }

    get announcementClass() {
        return this.announcementFailed
            ? 'slds-box slds-theme_warning slds-m-bottom_small'
            : 'slds-box slds-theme_success slds-m-bottom_small';
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
