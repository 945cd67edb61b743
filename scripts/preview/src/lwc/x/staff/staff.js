import { LightningElement } from 'lwc';
import components from '@preview/components';
import { pickComponent, STAFF_COMPONENTS } from '../app/pages.js';
import { t } from '../app/strings.js';

// Staff work on Lightning record pages in a real org; the preview lists the Accounts with their Orders
// and puts the record-page components (recordId set) under each.
export default class Staff extends LightningElement {
    accounts = [];
    loaded = false;
    error = '';

    connectedCallback() {
        this.load();
    }

    async load() {
        try {
            const response = await fetch('/_org/staff/accounts', { credentials: 'same-origin' });
            if (!response.ok) throw new Error(String(response.status));
            const body = await response.json();
            this.accounts = body.accounts.map((account) => ({
                ...account,
                headingId: `account-${account.accountId}`,
                hasOrders: account.orders.length > 0,
                orders: account.orders.map((order) => ({ ...order, headingId: `order-${order.orderId}` }))
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

    get provisioningPanel() {
        const picked = pickComponent(components, STAFF_COMPONENTS.provisioning);
        return picked ? picked.ctor : null;
    }

    get billingPanel() {
        const picked = pickComponent(components, STAFF_COMPONENTS.billing);
        return picked ? picked.ctor : null;
    }

    get strings() {
        return {
            title: t('staffTitle'),
            noOrders: t('noOrders'),
            account: t('account'),
            order: t('order'),
            loading: t('loading'),
            missing: t('notYetBuilt')
        };
    }
}
