/* global window */
import { LightningElement } from 'lwc';
import { currentPageReference } from '../../../runtime/router.js';
import { callApex } from '../../../runtime/apex.js';
import { isStaffLogin } from '../app/pages.js';
import { t } from '../app/strings.js';

// The shell's login: Salesforce's internal login for staff (/staff, /login?as=staff). Customers log in on the
// site's Login page (force-app portalLogin); until that component exists this form stands in for it.
export default class Login extends LightningElement {
    username = '';
    password = '';
    error = '';
    busy = false;

    get forStaff() {
        return isStaffLogin(currentPageReference());
    }

    get forCustomer() {
        return !this.forStaff;
    }

    get title() {
        return this.forStaff ? t('staffLoginTitle') : t('loginTitle');
    }

    get strings() {
        return {
            username: this.forStaff ? t('username') : t('email'),
            password: t('password'),
            login: t('Login'),
            newHere: t('newHere'),
            existingWhmcs: t('existingWhmcs'),
            register: t('Register'),
            link: t('Link_Account__c')
        };
    }

    handleUsername(event) {
        this.username = event.target.value;
    }

    handlePassword(event) {
        this.password = event.target.value;
    }

    handleUseDemo(event) {
        this.username = event.detail.username;
        this.password = event.detail.password || '';
    }

    async handleSubmit(event) {
        event.preventDefault();
        this.error = '';
        this.busy = true;
        try {
            if (this.forStaff) await this.logInStaff();
            else await this.logInCustomer();
        } finally {
            this.busy = false;
        }
    }

    async logInStaff() {
        const response = await fetch('/_org/login', {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ username: this.username.trim(), password: this.password })
        });
        if (!response.ok) {
            this.error = t('loginFailed');
            return;
        }
        const stay = currentPageReference().attributes.name !== 'Login';
        const next = stay ? window.location.pathname + window.location.search : '/staff';
        this.dispatchEvent(new CustomEvent('loggedin', { detail: { next } }));
    }

    // What portalLogin does: PortalLoginController.login, then the one-time login URL it returns.
    async logInCustomer() {
        const ref = currentPageReference();
        const here = window.location.pathname + window.location.search;
        try {
            const url = await callApex('PortalLoginController.login', {
                email: this.username.trim(),
                password: this.password,
                startUrl: ref.attributes.name === 'Login' ? ref.state.startURL : here
            });
            window.location.assign(url);
        } catch {
            this.error = t('loginFailed');
        }
    }
}
