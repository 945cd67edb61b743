/* global window */
import { LightningElement } from 'lwc';
import components from '@preview/components';
import { loadComponents, pickComponent, STAFF_COMPONENTS } from '../app/pages.js';
import { t, tValue } from '../app/strings.js';
import { RECORD_UPDATE_EVENT } from '../../../runtime/uiRecordApi.js';

// Staff work on Lightning record pages in a real org; the preview lists the Accounts with their Orders
// and puts the record-page components (recordId set) under each.
export default class Staff extends LightningElement {
    accounts = [];
    panels = {};
    loaded = false;
    error = '';

    // A record page's heading follows its record: a panel's notifyRecordUpdateAvailable reloads the list.
    onRecordUpdate = () => this.load();

    connectedCallback() {
        window.addEventListener(RECORD_UPDATE_EVENT, this.onRecordUpdate);
        this.load();
    }

    disconnectedCallback() {
        window.removeEventListener(RECORD_UPDATE_EVENT, this.onRecordUpdate);
    }

    async load() {
        try {
            // The panels' chunks load with the accounts, so no account shows without its panels.
            const [response, panels] = await Promise.all([
                fetch('/_org/staff/accounts', { credentials: 'same-origin' }),
                loadComponents([this.pick('provisioning'), this.pick('billing'), this.pick('serviceRequest')])
            ]);
            if (!response.ok) throw new Error(String(response.status));
            this.panels = panels;
            const body = await response.json();
            this.accounts = body.accounts.map((account) => ({
                ...account,
                headingId: `account-${account.accountId}`,
                hasOrders: account.orders.length > 0,
                orders: account.orders.map((order) => ({
                    ...order,
                    status: tValue('orderStatus', order.status),
                    headingId: `order-${order.orderId}`
                })),
                serviceRequests: (account.serviceRequests || []).map((request) => ({
                    ...request,
                    headingId: `request-${request.requestId}`
                }))
            }));
        } catch (error) {
            this.error = String(error && error.message ? error.message : error);
        } finally {
            this.loaded = true;
        }
    }

    get loading() {
        return !this.loaded;
    }

    pick(panel) {
        return pickComponent(components, STAFF_COMPONENTS[panel]);
    }

    panel(name) {
        const picked = this.pick(name);
        return picked ? this.panels[picked.name] || null : null;
    }

    get provisioningPanel() {
        return this.panel('provisioning');
    }

    get billingPanel() {
        return this.panel('billing');
    }

    get serviceRequestPanel() {
        return this.panel('serviceRequest');
    }

    get strings() {
        return {
            title: t('staffTitle'),
            noOrders: t('noOrders'),
            account: t('account'),
            order: t('order'),
            serviceRequest: t('serviceRequest'),
            loading: t('loading'),
            missing: t('notYetBuilt')
        };
    }
}
