import { LightningElement } from 'lwc';
import linkAccount from '@salesforce/apex/PortalAccountLinkController.linkAccount';
import completeLink from '@salesforce/apex/PortalAccountLinkController.completeLink';
import verifyLogin from '@salesforce/apex/PortalAccountLinkController.verifyLogin';
import { parseError } from 'c/portalErrors';
import { isValidEmail, portalLanguage } from 'c/portalFormat';
import { openUrl } from 'c/portalUrl';

import TITLE from '@salesforce/label/c.Portal_AccountLink_Title';
import INTRO from '@salesforce/label/c.Portal_AccountLink_Intro';
import STEP_VERIFY from '@salesforce/label/c.Portal_AccountLink_StepVerify';
import STEP_PASSWORD from '@salesforce/label/c.Portal_AccountLink_StepPassword';
import EMAIL from '@salesforce/label/c.Portal_AccountLink_Email';
import WHMCS_PASSWORD from '@salesforce/label/c.Portal_AccountLink_WhmcsPassword';
import WHMCS_PASSWORD_HELP from '@salesforce/label/c.Portal_AccountLink_WhmcsPasswordHelp';
import CONTINUE from '@salesforce/label/c.Portal_AccountLink_Continue';
import BACK from '@salesforce/label/c.Portal_AccountLink_Back';
import SUBMIT from '@salesforce/label/c.Portal_AccountLink_Submit';
import SUBMITTING from '@salesforce/label/c.Portal_AccountLink_Submitting';
import CHECKING from '@salesforce/label/c.Defects_AccountLink_Checking';
import SUCCESS from '@salesforce/label/c.Portal_Signup_Success';
import LOG_IN_NOW from '@salesforce/label/c.Portal_Signup_LogInNow';
import EMAIL_INVALID from '@salesforce/label/c.Portal_Form_EmailInvalid';
import REQUIRED from '@salesforce/label/c.Portal_Form_Required';
import LANGUAGE from '@salesforce/label/c.Portal_Language_Label';
import ENGLISH from '@salesforce/label/c.Portal_Language_English';
import JAPANESE from '@salesforce/label/c.Portal_Language_Japanese';
import { isSubmitKey } from 'c/enterKey';
import { syncFieldValidity } from 'c/fieldValidity';

// Answers about the billing login send the customer back to the first step.
const VERIFY_CODES = [
    'CREDENTIALS_INVALID',
    'VERIFICATION_LOCKED',
    'CUSTOMER_NUMBER_MISSING',
    'ACCOUNT_NOT_FOUND'
];

/**
 * Guest account linking for existing billing customers: the billing (WHMCS) email and password are
 * checked first (step 1, `verifyLogin`), and only then is a new portal password asked for and set. The
 * billing password is kept in memory until the link is done and dropped after any failed check.
 */
export default class PortalAccountLink extends LightningElement {
    step = 'verify';
    email = '';
    whmcsPassword = '';
    showVerifyErrors = false;
    language = portalLanguage();
    passwords = { password: '', confirmPassword: '', valid: false };
    submitting = false;
    /** Step 1's check of the billing login is running. */
    verifying = false;
    succeeded = false;
    /** The account exists but Site.login gave no URL: the customer logs in on the Login page. */
    loginRequired = false;
    error;

    labels = {
        title: TITLE,
        intro: INTRO,
        stepVerify: STEP_VERIFY,
        stepPassword: STEP_PASSWORD,
        email: EMAIL,
        whmcsPassword: WHMCS_PASSWORD,
        whmcsPasswordHelp: WHMCS_PASSWORD_HELP,
        continueLabel: CONTINUE,
        back: BACK,
        submit: SUBMIT,
        submitting: SUBMITTING,
        checking: CHECKING,
        success: SUCCESS,
        logInNow: LOG_IN_NOW,
        language: LANGUAGE
    };

    get isVerifyStep() {
        return this.step === 'verify';
    }

    get languageOptions() {
        return [
            { label: ENGLISH, value: 'en' },
            { label: JAPANESE, value: 'ja' }
        ];
    }

    get emailError() {
        if (!this.showVerifyErrors) {
            return '';
        }
        if (!this.email.trim()) {
            return REQUIRED;
        }
        return isValidEmail(this.email) ? '' : EMAIL_INVALID;
    }

    get whmcsPasswordError() {
        return this.showVerifyErrors && !this.whmcsPassword ? REQUIRED : '';
    }

    renderedCallback() {
        if (this.isVerifyStep) {
            syncFieldValidity(this.template, {
                email: this.emailError,
                whmcsPassword: this.whmcsPasswordError
            });
        }
    }

    handleEmail(event) {
        this.email =
            event.detail && event.detail.value !== undefined ? event.detail.value : event.target.value;
    }

    handleWhmcsPassword(event) {
        this.whmcsPassword =
            event.detail && event.detail.value !== undefined ? event.detail.value : event.target.value;
    }

    handleLanguage(event) {
        this.language = event.detail.value;
    }

    handlePasswords(event) {
        this.passwords = event.detail;
    }

    handleVerifyKeydown(event) {
        if (isSubmitKey(event)) {
            event.preventDefault();
            this.handleContinue();
        }
    }

    handlePasswordKeydown(event) {
        if (isSubmitKey(event)) {
            event.preventDefault();
            this.handleSubmit();
        }
    }

    async handleContinue() {
        if (this.verifying) {
            return;
        }
        this.showVerifyErrors = true;
        if (this.emailError || this.whmcsPasswordError) {
            return;
        }
        this.error = undefined;
        this.verifying = true;
        try {
            const requestJson = JSON.stringify({
                email: this.email.trim(),
                whmcsPassword: this.whmcsPassword,
                language: this.language
            });
            await verifyLogin({ requestJson });
            this.step = 'password';
        } catch (error) {
            this.showLoginError(error);
        } finally {
            this.verifying = false;
        }
    }

    /** A refused billing login: step 1 again with the email kept and the plain answer, no field error. */
    showLoginError(error) {
        this.error = error;
        // The billing password has to be typed again; it is never kept after a failed attempt.
        this.whmcsPassword = '';
        this.showVerifyErrors = false;
        this.step = 'verify';
    }

    handleBack() {
        this.step = 'verify';
    }

    get continueBlocked() {
        return this.verifying;
    }

    get submitBlocked() {
        return this.submitting || this.succeeded;
    }

    get successText() {
        return this.loginRequired ? this.labels.logInNow : this.labels.success;
    }

    async handleSubmit() {
        if (this.submitBlocked) {
            return;
        }
        if (!this.template.querySelector('c-password-fields').validate()) {
            return;
        }
        this.submitting = true;
        this.error = undefined;
        try {
            const request = {
                email: this.email.trim(),
                whmcsPassword: this.whmcsPassword,
                newPassword: this.passwords.password,
                confirmPassword: this.passwords.confirmPassword,
                language: this.language
            };
            const requestJson = JSON.stringify(request);
            // Two calls, two transactions: the Account link, then the user (the platform cannot mix them).
            await linkAccount({ requestJson });
            const result = await completeLink({ requestJson });
            this.whmcsPassword = '';
            this.succeeded = true;
            this.submitting = false;
            this.loginRequired = !result.loginUrl;
            if (result.loginUrl) openUrl(result.loginUrl);
        } catch (error) {
            this.submitting = false;
            if (VERIFY_CODES.includes(parseError(error).code)) {
                this.showLoginError(error);
            } else {
                this.error = error;
            }
        }
    }
}
