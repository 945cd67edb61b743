/* global window */
// Shell routes for the Experience Cloud named pages (comm__namedPage) the components navigate to.
// Page state travels in the query string, as on an LWR site.
export const ROUTES = [
    { name: 'Home', path: '/' },
    { name: 'Catalog__c', path: '/catalog' },
    { name: 'Checkout__c', path: '/checkout' },
    { name: 'Orders__c', path: '/orders' },
    { name: 'Order_Detail__c', path: '/order' },
    { name: 'Invoices__c', path: '/invoices' },
    { name: 'Subscriptions__c', path: '/subscriptions' },
    { name: 'Payment_Methods__c', path: '/payment-methods' },
    { name: 'Profile__c', path: '/profile' },
    { name: 'Login', path: '/login' },
    { name: 'Register', path: '/register' },
    { name: 'Link_Account__c', path: '/link-account' },
    { name: 'Staff', path: '/staff' },
    { name: 'Service_Change__c', path: '/service-change' },
    { name: 'Invoice_Detail__c', path: '/invoice' }
];

// Other names components may use for the same pages.
const ALIASES = {
    home: 'Home',
    Account_Link__c: 'Link_Account__c',
    Link_Account: 'Link_Account__c',
    Order_Details__c: 'Order_Detail__c',
    Payment_Method__c: 'Payment_Methods__c'
};

const listeners = new Set();

function routeByName(name) {
    const canonical = ALIASES[name] || name;
    return ROUTES.find((route) => route.name === canonical);
}

function query(state) {
    const params = new URLSearchParams();
    Object.keys(state || {})
        .filter((key) => state[key] !== undefined && state[key] !== null && state[key] !== '')
        .forEach((key) => params.set(key, String(state[key])));
    const text = params.toString();
    return text ? `?${text}` : '';
}

export function urlFor(pageReference) {
    const ref = pageReference || {};
    const attributes = ref.attributes || {};
    switch (ref.type) {
        case 'standard__webPage':
            return attributes.url || '/';
        case 'comm__loginPage':
            return attributes.actionName === 'logout' ? '/_org/logout' : '/login' + query(ref.state);
        case 'standard__recordPage': {
            const state = { ...(ref.state || {}), recordId: attributes.recordId };
            return '/order' + query(state);
        }
        case 'standard__namedPage':
        case 'comm__namedPage':
        default: {
            const route = routeByName(attributes.name || attributes.pageName || 'Home') || ROUTES[0];
            return route.path + query(ref.state);
        }
    }
}

export function pageReferenceFromLocation() {
    const path = window.location.pathname.replace(/\/+$/, '') || '/';
    const route = ROUTES.find((r) => r.path === path) || ROUTES[0];
    const state = {};
    new URLSearchParams(window.location.search).forEach((value, key) => {
        state[key] = value;
    });
    return { type: 'comm__namedPage', attributes: { name: route.name }, state };
}

export function currentPageReference() {
    return pageReferenceFromLocation();
}

function notify() {
    const ref = pageReferenceFromLocation();
    listeners.forEach((listener) => listener(ref));
}

export function navigate(pageReference, replace) {
    const url = urlFor(pageReference);
    const external = /^https?:\/\//i.test(url) && !url.startsWith(window.location.origin);
    if (
        external ||
        url.startsWith('/_org/') ||
        (pageReference && pageReference.type === 'standard__webPage')
    ) {
        // Leaving the single-page shell (WHMCS SSO, logout, a server-side redirect).
        window.location.assign(url);
        return;
    }
    if (replace) window.history.replaceState({}, '', url);
    else window.history.pushState({}, '', url);
    window.scrollTo(0, 0);
    notify();
}

export function subscribe(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
}

if (typeof window !== 'undefined') {
    window.addEventListener('popstate', notify);
}
