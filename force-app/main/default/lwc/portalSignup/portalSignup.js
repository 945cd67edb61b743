import { LightningElement } from 'lwc';
import signUp from '@salesforce/apex/PortalSignupController.signUp';
import completeSignUp from '@salesforce/apex/PortalSignupController.completeSignUp';
import { isValidEmail, isValidPostalCode, normalisePostalCode, portalLanguage } from 'c/portalFormat';
import { openUrl } from 'c/portalUrl';

import TITLE from '@salesforce/label/c.Portal_Signup_Title';
import INTRO from '@salesforce/label/c.Portal_Signup_Intro';
import CUSTOMER_NUMBER from '@salesforce/label/c.Portal_Signup_CustomerNumber';
import CUSTOMER_NUMBER_HELP from '@salesforce/label/c.Portal_Signup_CustomerNumberHelp';
import CUSTOMER_NUMBER_INVALID from '@salesforce/label/c.Portal_Signup_CustomerNumberInvalid';
import POSTAL_CODE from '@salesforce/label/c.Portal_Signup_PostalCode';
import POSTAL_CODE_INVALID from '@salesforce/label/c.Portal_Address_PostalCodeInvalid';
import LAST_NAME from '@salesforce/label/c.Portal_Signup_LastName';
import FIRST_NAME from '@salesforce/label/c.Portal_Signup_FirstName';
import EMAIL from '@salesforce/label/c.Portal_Signup_Email';
import EMAIL_INVALID from '@salesforce/label/c.Portal_Form_EmailInvalid';
import LANGUAGE from '@salesforce/label/c.Portal_Language_Label';
import ENGLISH from '@salesforce/label/c.Portal_Language_English';
import JAPANESE from '@salesforce/label/c.Portal_Language_Japanese';
import REQUIRED from '@salesforce/label/c.Portal_Form_Required';
import SUBMIT from '@salesforce/label/c.Portal_Signup_Submit';
import SUBMITTING from '@salesforce/label/c.Portal_Signup_Submitting';
import SUCCESS from '@salesforce/label/c.Portal_Signup_Success';
import LOG_IN_NOW from '@salesforce/label/c.Portal_Signup_LogInNow';
import { isSubmitKey } from 'c/enterKey';
import { syncFieldValidity } from 'c/fieldValidity';

/** Customer numbers are 8 digits, as PortalSignupController checks them. */
export const CUSTOMER_NUMBER_PATTERN = /^\d{8}$/;

// The form's fields in order; `label`/`help` name entries of `labels`.
const FORM_FIELDS = [
    { name: 'customerNumber', label: 'customerNumber', help: 'customerNumberHelp' },
    { name: 'postalCode', label: 'postalCode', autocomplete: 'postal-code' },
    { name: 'lastName', label: 'lastName', autocomplete: 'family-name' },
    { name: 'firstName', label: 'firstName', autocomplete: 'given-name' },
    { name: 'email', label: 'email', type: 'email', autocomplete: 'email' }
];
const FIELDS = FORM_FIELDS.map((field) => field.name);

/** Guest sign-up: proves the customer with customer number + postal code, then creates the portal login. */
export default class PortalSignup extends LightningElement {
    values = { customerNumber: '', postalCode: '', lastName: '', firstName: '', email: '' };
    touched = {};
    showAll = false;
    language = portalLanguage();
    passwords = { password: '', confirmPassword: '', valid: false };
    submitting = false;
    succeeded = false;
    /** The account exists but Site.login gave no URL: the customer logs in on the Login page. */
    loginRequired = false;
    error;

    labels = {
        title: TITLE,
        intro: INTRO,
        customerNumber: CUSTOMER_NUMBER,
        customerNumberHelp: CUSTOMER_NUMBER_HELP,
        postalCode: POSTAL_CODE,
        lastName: LAST_NAME,
        firstName: FIRST_NAME,
        email: EMAIL,
        language: LANGUAGE,
        submit: SUBMIT,
        submitting: SUBMITTING,
        success: SUCCESS,
        logInNow: LOG_IN_NOW
    };

    get languageOptions() {
        return [
            { label: ENGLISH, value: 'en' },
            { label: JAPANESE, value: 'ja' }
        ];
    }

    get errors() {
        const { customerNumber, postalCode, lastName, firstName, email } = this.values;
        const required = (value) => (String(value).trim() ? '' : REQUIRED);
        return {
            customerNumber:
                required(customerNumber) ||
                (CUSTOMER_NUMBER_PATTERN.test(customerNumber.trim()) ? '' : CUSTOMER_NUMBER_INVALID),
            postalCode:
                required(postalCode) || (isValidPostalCode('JP', postalCode) ? '' : POSTAL_CODE_INVALID),
            lastName: required(lastName),
            firstName: required(firstName),
            email: required(email) || (isValidEmail(email) ? '' : EMAIL_INVALID)
        };
    }

    message(field) {
        const value = String(this.values[field]).trim();
        return this.showAll || (this.touched[field] && value) ? this.errors[field] : '';
    }

    /** The fields to render, with their values and messages (error paragraph: data-error = name). */
    get formFields() {
        return FORM_FIELDS.map((field) => ({
            name: field.name,
            feedbackKey: `${field.name}-feedback`,
            type: field.type || 'text',
            label: this.labels[field.label],
            help: field.help ? this.labels[field.help] : undefined,
            autocomplete: field.autocomplete,
            value: this.values[field.name],
            error: this.message(field.name)
        }));
    }

    renderedCallback() {
        const messages = {};
        FIELDS.forEach((field) => {
            messages[field] = this.message(field);
        });
        syncFieldValidity(this.template, messages);
    }

    handleChange(event) {
        const field = event.target.dataset.field;
        const value =
            event.detail && event.detail.value !== undefined ? event.detail.value : event.target.value;
        this.values = { ...this.values, [field]: value ?? '' };
        this.touched = { ...this.touched, [field]: true };
    }

    handleLanguage(event) {
        this.language = event.detail.value;
    }

    handlePasswords(event) {
        this.passwords = event.detail;
    }

    get submitBlocked() {
        return this.submitting || this.succeeded;
    }

    handleKeydown(event) {
        if (isSubmitKey(event)) {
            event.preventDefault();
            this.handleSubmit();
        }
    }

    get successText() {
        return this.loginRequired ? this.labels.logInNow : this.labels.success;
    }

    async handleSubmit() {
        if (this.submitBlocked) {
            return;
        }
        this.showAll = true;
        const passwordsOk = this.template.querySelector('c-password-fields').validate();
        const fieldsOk = FIELDS.every((field) => !this.errors[field]);
        if (!passwordsOk || !fieldsOk) {
            return;
        }
        this.submitting = true;
        this.error = undefined;
        try {
            const request = {
                customerNumber: this.values.customerNumber.trim(),
                postalCode: normalisePostalCode('JP', this.values.postalCode),
                firstName: this.values.firstName.trim(),
                lastName: this.values.lastName.trim(),
                email: this.values.email.trim(),
                password: this.passwords.password,
                confirmPassword: this.passwords.confirmPassword,
                language: this.language
            };
            const requestJson = JSON.stringify(request);
            // Two calls, two transactions: the Account link, then the user (the platform cannot mix them).
            const first = await signUp({ requestJson });
            if (first && first.ok === false) {
                // A refusal the server answers without an exception (so that it can count it).
                this.error = first.errorCode;
                this.submitting = false;
                return;
            }
            const result = await completeSignUp({ requestJson });
            this.succeeded = true;
            this.submitting = false;
            this.loginRequired = !result.loginUrl;
            if (result.loginUrl) openUrl(result.loginUrl);
        } catch (error) {
            this.error = error;
            this.submitting = false;
        }
    }
}
