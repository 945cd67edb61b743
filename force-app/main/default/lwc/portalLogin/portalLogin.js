import { LightningElement, wire } from 'lwc';
import { CurrentPageReference, NavigationMixin } from 'lightning/navigation';
import login from '@salesforce/apex/PortalLoginController.login';
import requestPasswordReset from '@salesforce/apex/PortalLoginController.requestPasswordReset';
import { isValidEmail, portalLanguage } from 'c/portalFormat';
import { openUrl } from 'c/portalUrl';

import TITLE from '@salesforce/label/c.Portal_Login_Title';
import INTRO from '@salesforce/label/c.Portal_Login_Intro';
import EMAIL from '@salesforce/label/c.Portal_Login_Email';
import PASSWORD from '@salesforce/label/c.Portal_Login_Password';
import SUBMIT from '@salesforce/label/c.Portal_Login_Submit';
import SUBMITTING from '@salesforce/label/c.Portal_Login_Submitting';
import FORGOT_PASSWORD from '@salesforce/label/c.Portal_Login_ForgotPassword';
import RESET_TITLE from '@salesforce/label/c.Portal_Login_ResetTitle';
import RESET_INTRO from '@salesforce/label/c.Portal_Login_ResetIntro';
import RESET_SUBMIT from '@salesforce/label/c.Portal_Login_ResetSubmit';
import RESET_SENDING from '@salesforce/label/c.Portal_Login_ResetSending';
import RESET_SENT from '@salesforce/label/c.Portal_Login_ResetSent';
import BACK_TO_LOGIN from '@salesforce/label/c.Portal_Login_BackToLogin';
import SIGN_UP from '@salesforce/label/c.Portal_Login_SignUp';
import LINK_ACCOUNT from '@salesforce/label/c.Portal_Login_LinkAccount';
import EMAIL_INVALID from '@salesforce/label/c.Portal_Form_EmailInvalid';
import REQUIRED from '@salesforce/label/c.Portal_Form_Required';
import { isSubmitKey } from 'c/enterKey';

// The guest pages linked under the form (link: data-id = id).
const LINKS = [
    { id: 'register-link', page: 'Register', label: SIGN_UP },
    { id: 'link-account-link', page: 'Link_Account__c', label: LINK_ACCOUNT }
];

const pageReference = (name) => ({ type: 'comm__namedPage', attributes: { name } });

function valueOf(event) {
    const value = event.detail && event.detail.value !== undefined ? event.detail.value : event.target.value;
    return value ?? '';
}

function emailError(value) {
    if (!value.trim()) {
        return REQUIRED;
    }
    return isValidEmail(value) ? '' : EMAIL_INVALID;
}

/**
 * The site's Login page: customers log in with their email (their Salesforce username is internal and
 * looked up by Apex) and can ask for a password reset link. The page's startURL is passed on; Apex
 * keeps it only when it is a path on this site.
 */
export default class PortalLogin extends NavigationMixin(LightningElement) {
    mode = 'login';
    email = '';
    password = '';
    resetEmail = '';
    showLoginErrors = false;
    showResetErrors = false;
    busy = false;
    loggingIn = false;
    error;
    startUrl;
    linkUrls = {};
    focusSelector;

    labels = {
        intro: INTRO,
        email: EMAIL,
        password: PASSWORD,
        submit: SUBMIT,
        forgotPassword: FORGOT_PASSWORD,
        resetIntro: RESET_INTRO,
        resetSubmit: RESET_SUBMIT,
        resetSent: RESET_SENT,
        backToLogin: BACK_TO_LOGIN
    };

    @wire(CurrentPageReference)
    wiredPageReference(reference) {
        this.startUrl = reference && reference.state ? reference.state.startURL : undefined;
    }

    connectedCallback() {
        LINKS.forEach(({ page }) => {
            this[NavigationMixin.GenerateUrl](pageReference(page))
                .then((url) => {
                    this.linkUrls = { ...this.linkUrls, [page]: url };
                })
                .catch(() => {
                    // The link still navigates on click.
                });
        });
    }

    renderedCallback() {
        if (this.focusSelector) {
            const target = this.template.querySelector(this.focusSelector);
            this.focusSelector = undefined;
            if (target) {
                target.focus();
            }
        }
    }

    get isLogin() {
        return this.mode === 'login';
    }

    get isReset() {
        return this.mode === 'reset';
    }

    get isSent() {
        return this.mode === 'sent';
    }

    get title() {
        return this.isLogin ? TITLE : RESET_TITLE;
    }

    get busyText() {
        if (!this.busy) {
            return '';
        }
        return this.loggingIn ? SUBMITTING : RESET_SENDING;
    }

    get links() {
        return LINKS.map((link) => ({ ...link, url: this.linkUrls[link.page] }));
    }

    get emailError() {
        return this.showLoginErrors ? emailError(this.email) : '';
    }

    get passwordError() {
        return this.showLoginErrors && !this.password ? REQUIRED : '';
    }

    get resetEmailError() {
        return this.showResetErrors ? emailError(this.resetEmail) : '';
    }

    handleEmail(event) {
        this.email = valueOf(event);
    }

    handlePassword(event) {
        this.password = valueOf(event);
    }

    handleResetEmail(event) {
        this.resetEmail = valueOf(event);
    }

    async handleLogin(event) {
        event.preventDefault();
        if (this.busy) {
            return;
        }
        this.showLoginErrors = true;
        if (this.emailError || this.passwordError) {
            return;
        }
        this.busy = true;
        this.loggingIn = true;
        this.error = undefined;
        try {
            const url = await login({
                email: this.email.trim(),
                password: this.password,
                startUrl: this.startUrl || null,
                // The language of this page is the customer's explicit choice: it is kept after login.
                language: portalLanguage()
            });
            // Stays busy while the browser leaves for the site.
            openUrl(url);
        } catch (error) {
            this.error = error;
            this.password = '';
            this.busy = false;
            this.loggingIn = false;
        }
    }

    handleEnter(event) {
        if (isSubmitKey(event)) {
            event.preventDefault();
            event.currentTarget.requestSubmit();
        }
    }

    handleForgotPassword() {
        this.switchTo('reset', '[data-field="reset-email"]');
        this.resetEmail = this.email.trim();
        this.showResetErrors = false;
    }

    handleBackToLogin() {
        this.switchTo('login', '[data-field="email"]');
    }

    async handleSendReset(event) {
        event.preventDefault();
        if (this.busy) {
            return;
        }
        this.showResetErrors = true;
        if (this.resetEmailError) {
            return;
        }
        this.busy = true;
        this.error = undefined;
        try {
            await requestPasswordReset({ email: this.resetEmail.trim() });
            this.switchTo('sent', '[data-id="back-to-login"]');
        } catch (error) {
            this.error = error;
        } finally {
            this.busy = false;
        }
    }

    switchTo(mode, focusSelector) {
        this.mode = mode;
        this.error = undefined;
        this.focusSelector = focusSelector;
    }

    handleLink(event) {
        event.preventDefault();
        this[NavigationMixin.Navigate](pageReference(event.currentTarget.dataset.page));
    }
}
