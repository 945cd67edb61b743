import { LightningElement, api } from 'lwc';

import PASSWORD from '@salesforce/label/c.Portal_Password_New';
import CONFIRM from '@salesforce/label/c.Portal_Password_Confirm';
import RULES from '@salesforce/label/c.Portal_Password_Rules';
import RULE_LENGTH from '@salesforce/label/c.Portal_Password_RuleLength';
import RULE_LETTERS from '@salesforce/label/c.Portal_Password_RuleLetters';
import RULE_NUMBERS from '@salesforce/label/c.Portal_Password_RuleNumbers';
import RULE_MET from '@salesforce/label/c.Portal_Password_RuleMet';
import RULE_NOT_MET from '@salesforce/label/c.Portal_Password_RuleNotMet';
import MISMATCH from '@salesforce/label/c.Error_PASSWORD_MISMATCH';
import POLICY from '@salesforce/label/c.Error_PASSWORD_POLICY';
import REQUIRED from '@salesforce/label/c.Portal_Form_Required';

const RULE_CHECKS = [
    { key: 'length', label: RULE_LENGTH, test: (value) => value.length >= 8 },
    { key: 'letters', label: RULE_LETTERS, test: (value) => /[A-Za-z]/.test(value) },
    { key: 'numbers', label: RULE_NUMBERS, test: (value) => /\d/.test(value) }
];

/**
 * A new password and its confirmation with the rules shown and checked as typed
 * (at least 8 characters, letters and numbers). Fires `passwordchange` with
 * { password, confirmPassword, valid }. The values are never logged.
 */
export default class PasswordFields extends LightningElement {
    @api disabled = false;

    password = '';
    confirmPassword = '';
    confirmTouched = false;
    showAll = false;

    labels = { password: PASSWORD, confirm: CONFIRM, rules: RULES };

    /** Shows every message and returns whether both fields are acceptable. */
    @api
    validate() {
        this.showAll = true;
        return this.isValid;
    }

    @api
    clear() {
        this.password = '';
        this.confirmPassword = '';
        this.confirmTouched = false;
        this.showAll = false;
    }

    get rules() {
        return RULE_CHECKS.map((rule) => {
            const met = rule.test(this.password);
            return {
                key: rule.key,
                label: rule.label,
                met,
                icon: met ? 'utility:success' : 'utility:close',
                stateText: met ? RULE_MET : RULE_NOT_MET,
                cssClass: met ? 'slds-text-color_success' : 'slds-text-color_weak'
            };
        });
    }

    get meetsPolicy() {
        return RULE_CHECKS.every((rule) => rule.test(this.password));
    }

    get isValid() {
        return this.meetsPolicy && this.password === this.confirmPassword;
    }

    get passwordError() {
        if (!this.showAll) {
            return '';
        }
        if (!this.password) {
            return REQUIRED;
        }
        return this.meetsPolicy ? '' : POLICY;
    }

    get confirmError() {
        if (!this.showAll && !this.confirmTouched) {
            return '';
        }
        if (!this.confirmPassword) {
            return this.showAll ? REQUIRED : '';
        }
        return this.password === this.confirmPassword ? '' : MISMATCH;
    }

    handlePassword(event) {
        this.password =
            event.detail && event.detail.value !== undefined ? event.detail.value : event.target.value;
        this.notify();
    }

    handleConfirm(event) {
        this.confirmPassword =
            event.detail && event.detail.value !== undefined ? event.detail.value : event.target.value;
        this.confirmTouched = true;
        this.notify();
    }

    notify() {
        this.dispatchEvent(
            new CustomEvent('passwordchange', {
                detail: {
                    password: this.password,
                    confirmPassword: this.confirmPassword,
                    valid: this.isValid
                }
            })
        );
    }
}
