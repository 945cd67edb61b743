/* global window, document */
import { LightningElement } from 'lwc';
import components from '@preview/components';
import { bootstrap } from '../../../runtime/env.js';
import { currentPageReference, navigate, subscribe } from '../../../runtime/router.js';
import { TOAST_EVENT } from '../../../runtime/toast.js';
import { REFRESH_EVENT, runRefreshHandlers } from '../../../runtime/refresh.js';
import { isStaffLogin, loadComponents, PAGES, pickComponent } from './pages.js';
import { t } from './strings.js';

const CUSTOMER_NAV = [
    'Home',
    'Catalog__c',
    'Orders__c',
    'Subscriptions__c',
    'Invoices__c',
    'Payment_Methods__c',
    'Profile__c'
];
const GUEST_NAV = ['Login', 'Register', 'Link_Account__c'];
const PATHS = {
    Home: '/',
    Catalog__c: '/catalog',
    Orders__c: '/orders',
    Subscriptions__c: '/subscriptions',
    Invoices__c: '/invoices',
    Payment_Methods__c: '/payment-methods',
    Profile__c: '/profile',
    Login: '/login',
    Register: '/register',
    Link_Account__c: '/link-account'
};
// Shell parts only some pages show load on first use, like the pages: the login form alone brings all of
// lightning-input, which the catalog never needs.
const SHELL_PARTS = {
    login: () => import('x/login').then((m) => m.default),
    staff: () => import('x/staff').then((m) => m.default),
    demoLogins: () => import('x/demoLogins').then((m) => m.default)
};
// Pages that belong to a navigation item (the detail page highlights Orders, checkout highlights Catalog).
const NAV_PARENT = {
    Order_Detail__c: 'Orders__c',
    Checkout__c: 'Catalog__c',
    Service_Change__c: 'Subscriptions__c',
    Invoice_Detail__c: 'Invoices__c'
};

export default class App extends LightningElement {
    pageRef = currentPageReference();
    pageVisible = true;
    toasts = [];
    // Page components and shell parts by name, once their chunk has loaded.
    loaded = {};
    user = bootstrap.user;
    unsubscribe;
    toastSeq = 0;

    connectedCallback() {
        this.unsubscribe = subscribe((ref) => {
            this.pageRef = ref;
            this.applyTitle();
            this.redirectToLogin();
            this.loadPage();
        });
        this.template.addEventListener(TOAST_EVENT, (event) => this.showToast(event.detail || {}));
        this.template.addEventListener(REFRESH_EVENT, () => this.refresh());
        this.applyTitle();
        this.redirectToLogin();
        this.loadPage();
    }

    async loadPage() {
        const parts = { login: this.showLogin, staff: this.showStaff, demoLogins: this.showCustomerDemo };
        const picks = Object.keys(parts)
            .filter((part) => parts[part])
            .map((part) => ({ name: `x/${part}`, load: SHELL_PARTS[part] }))
            .concat(this.pagePick || [])
            .filter((picked) => !this.loaded[picked.name]);
        if (picks.length === 0) return;
        this.loaded = { ...this.loaded, ...(await loadComponents(picks)) };
    }

    get loginComponent() {
        return this.loaded['x/login'] || null;
    }

    get staffComponent() {
        return this.loaded['x/staff'] || null;
    }

    get demoLoginsComponent() {
        return this.loaded['x/demoLogins'] || null;
    }

    disconnectedCallback() {
        if (this.unsubscribe) this.unsubscribe();
    }

    get pageName() {
        return this.pageRef.attributes.name;
    }

    get page() {
        return PAGES[this.pageName] || PAGES.Home;
    }

    get isGuest() {
        return !!this.user.isGuest;
    }

    get isSignedIn() {
        return !this.user.isGuest;
    }

    get isStaff() {
        return this.user.kind === 'staff';
    }

    // Where the current user may not be: customer pages send to the site's login, the staff page shows the
    // shell's (internal) login.
    get mustLogIn() {
        const access = this.page.access;
        if (access === 'customer') return this.user.kind !== 'customer';
        if (access === 'staff') return !this.isStaff;
        return false;
    }

    // The site's login component (portalLogin), once force-app has it.
    get siteLogin() {
        return pickComponent(components, PAGES.Login.components);
    }

    // The shell's login form: staff, and customers until the site's login component exists.
    get showLogin() {
        if (this.pageName !== 'Login' && !this.mustLogIn) return false;
        return isStaffLogin(this.pageRef) || !this.siteLogin;
    }

    // The site sends guests from a customer page to its login page, with the page to return to.
    get loginRedirectPending() {
        return this.mustLogIn && !this.showLogin;
    }

    redirectToLogin() {
        if (!this.loginRedirectPending) return;
        const startURL = window.location.pathname + window.location.search;
        navigate({ type: 'comm__namedPage', attributes: { name: 'Login' }, state: { startURL } }, true);
    }

    get showCustomerDemo() {
        return this.pageName === 'Login' && !this.showLogin;
    }

    get showStaff() {
        return !this.showLogin && this.page.shell === 'staff';
    }

    // The component the page shows, if any (its chunk may still be loading).
    get pagePick() {
        if (this.showLogin || this.loginRedirectPending || this.page.shell) return null;
        if (this.page.access === 'guest' && !this.isGuest) return null;
        return pickComponent(components, this.page.components);
    }

    get pageComponent() {
        const picked = this.pagePick;
        return picked ? this.loaded[picked.name] || null : null;
    }

    get missingComponent() {
        if (this.showLogin || this.loginRedirectPending || this.page.shell) return undefined;
        const picked = pickComponent(components, this.page.components);
        return picked ? undefined : (this.page.components || []).join(' / ');
    }

    get alreadySignedIn() {
        return !this.showLogin && !this.page.shell && this.page.access === 'guest' && !this.isGuest;
    }

    get navItems() {
        const names = this.isStaff ? [] : this.isGuest ? GUEST_NAV : CUSTOMER_NAV;
        const active = NAV_PARENT[this.pageName] || this.pageName;
        return names.map((name) => ({
            name,
            label: t(name),
            href: PATHS[name],
            current: name === active ? 'page' : null,
            className: `slds-context-bar__item${name === active ? ' slds-is-active' : ''}`
        }));
    }

    get hasNav() {
        return this.navItems.length > 0;
    }

    get strings() {
        return {
            siteName: t('siteName'),
            previewBadge: t('previewBadge'),
            navLabel: t('navLabel'),
            logout: t('logout'),
            viewAs: t('viewAs'),
            customerView: t('customerView'),
            staffView: t('staffView'),
            language: t('language'),
            signedInAs: t('signedInAs'),
            skipToContent: t('skipToContent'),
            notYetBuilt: t('notYetBuilt'),
            close: t('close'),
            login: t('Login')
        };
    }

    get customerViewVariant() {
        return this.isStaff ? 'slds-button slds-button_neutral' : 'slds-button slds-button_brand';
    }

    get staffViewVariant() {
        return this.isStaff ? 'slds-button slds-button_brand' : 'slds-button slds-button_neutral';
    }

    get customerPressed() {
        return this.isStaff ? 'false' : 'true';
    }

    get staffPressed() {
        return this.isStaff ? 'true' : 'false';
    }

    get enPressed() {
        return bootstrap.language === 'ja' ? 'false' : 'true';
    }

    get jaPressed() {
        return bootstrap.language === 'ja' ? 'true' : 'false';
    }

    get enClass() {
        return bootstrap.language === 'ja'
            ? 'slds-button slds-button_neutral'
            : 'slds-button slds-button_brand';
    }

    get jaClass() {
        return bootstrap.language === 'ja'
            ? 'slds-button slds-button_brand'
            : 'slds-button slds-button_neutral';
    }

    get hasToasts() {
        return this.toasts.length > 0;
    }

    applyTitle() {
        const name = this.pageName;
        document.title = `${t(NAV_PARENT[name] || name)} | ${t('siteName')}`;
    }

    handleNav(event) {
        // Plain left clicks stay in the single-page shell; anything else follows the href.
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        const name = event.currentTarget.dataset.name;
        navigate({ type: 'comm__namedPage', attributes: { name } });
    }

    handleSkip(event) {
        event.preventDefault();
        const main = this.template.querySelector('main');
        if (main) main.focus();
    }

    async handleLogout() {
        await fetch('/_org/logout', { method: 'POST', credentials: 'same-origin' });
        window.location.assign('/login');
    }

    handleCustomerView() {
        if (!this.isStaff) return;
        window.location.assign('/login');
    }

    handleStaffView() {
        if (this.isStaff) {
            navigate({ type: 'comm__namedPage', attributes: { name: 'Staff' } });
            return;
        }
        window.location.assign('/staff');
    }

    async setLanguage(language) {
        await fetch('/_org/language', {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ language })
        });
        window.location.reload();
    }

    handleEnglish() {
        if (bootstrap.language !== 'en') this.setLanguage('en');
    }

    handleJapanese() {
        if (bootstrap.language !== 'ja') this.setLanguage('ja');
    }

    showToast(toast) {
        const variant = ['success', 'warning', 'error', 'info'].includes(toast.variant)
            ? toast.variant
            : 'info';
        let message = toast.message || '';
        (toast.messageData || []).forEach((item, index) => {
            const value = item && typeof item === 'object' ? item.label || item.url || '' : item;
            message = message.replace(`{${index}}`, value);
        });
        const id = ++this.toastSeq;
        this.toasts = [
            ...this.toasts,
            {
                id,
                title: toast.title || '',
                message,
                variant,
                className: `slds-notify slds-notify_toast slds-theme_${variant}`,
                role: variant === 'error' || variant === 'warning' ? 'alert' : 'status'
            }
        ];
        const sticky = toast.mode === 'sticky';
        if (!sticky) {
            // The platform dismisses toasts after a few seconds; errors stay a little longer.
            setTimeout(() => this.dismiss(id), variant === 'error' ? 10000 : 6000);
        }
    }

    dismiss(id) {
        this.toasts = this.toasts.filter((toast) => toast.id !== id);
    }

    handleDismiss(event) {
        this.dismiss(Number(event.currentTarget.dataset.id));
    }

    async refresh() {
        await runRefreshHandlers();
        // Remount the page component so its wires and connectedCallback load fresh data.
        this.pageVisible = false;
        setTimeout(() => {
            this.pageVisible = true;
        }, 0);
    }

    handleLoggedIn(event) {
        window.location.assign(event.detail.next || '/');
    }
}
