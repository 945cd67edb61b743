import { LightningElement, api } from 'lwc';
import { statusInfo } from 'c/portalFormat';

const TONE_CLASS = {
    success: 'slds-badge slds-theme_success',
    warning: 'slds-badge slds-theme_warning',
    error: 'slds-badge slds-theme_error',
    info: 'slds-badge slds-badge_lightest',
    neutral: 'slds-badge'
};

/** A status in the customer's words; `kind` is 'order' (default), 'invoice' or 'service'. */
export default class StatusBadge extends LightningElement {
    @api kind = 'order';
    @api status;

    get info() {
        return statusInfo(this.kind, this.status);
    }

    get label() {
        return this.info.label;
    }

    get badgeClass() {
        return TONE_CLASS[this.info.tone] || TONE_CLASS.neutral;
    }
}
