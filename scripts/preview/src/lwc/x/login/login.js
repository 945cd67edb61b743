/* global window */
import { LightningElement } from 'lwc';
import { currentPageReference } from '../../../runtime/router.js';
import { t } from '../app/strings.js';

// The site's login page (the platform's standard login in a real org): demo users and the staff user.
export default class Login extends LightningElement {
    username = '';
    password = '';
    error = '';
    busy = false;
    demo = null;

    connectedCallback() {
        fetch('/_org/demo-logins', { credentials: 'same-origin' })
            .then((response) => (response.ok ? response.json() : null))
            .then((demo) => {
                this.demo = demo;
                if (this.forStaff && demo && demo.staff) this.username = demo.staff.username;
            })
            .catch(() => {
                this.demo = null;
            });
    }

    get forStaff() {
        const ref = currentPageReference();
        return ref.attributes.name === 'Staff' || ref.state.as === 'staff';
    }

    get forCustomer() {
        return !this.forStaff;
    }

    get title() {
        return this.forStaff ? t('staffLoginTitle') : t('loginTitle');
    }

    get strings() {
        return {
            username: t('username'),
            password: t('password'),
            login: t('Login'),
            demoHint: t('demoHint'),
            newHere: t('newHere'),
            existingWhmcs: t('existingWhmcs'),
            register: t('Register'),
            link: t('Link_Account__c')
        };
    }

    get demoUsers() {
        if (!this.demo) return [];
        const users = (this.demo.customers || []).map((user) => ({ ...user, key: user.username }));
        if (this.demo.staff) users.push({ ...this.demo.staff, key: this.demo.staff.username });
        return users;
    }

    get hasDemoUsers() {
        return this.demoUsers.length > 0;
    }

    handleUsername(event) {
        this.username = event.target.value;
    }

    handlePassword(event) {
        this.password = event.target.value;
    }

    handleUseDemo(event) {
        this.username = event.currentTarget.dataset.username;
        this.password = event.currentTarget.dataset.password || '';
    }

    async handleSubmit(event) {
        event.preventDefault();
        this.error = '';
        this.busy = true;
        try {
            const response = await fetch('/_org/login', {
                method: 'POST',
                credentials: 'same-origin',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ username: this.username.trim(), password: this.password })
            });
            const body = await response.json().catch(() => ({}));
            if (!response.ok) {
                this.error = t('loginFailed');
                return;
            }
            const ref = currentPageReference();
            const here = window.location.pathname + window.location.search;
            const stay = ref.attributes.name !== 'Login' && (body.kind === 'staff') === this.forStaff;
            const next = stay ? here : body.kind === 'staff' ? '/staff' : ref.state.startURL || '/';
            this.dispatchEvent(new CustomEvent('loggedin', { detail: { next } }));
        } finally {
            this.busy = false;
        }
    }
}
