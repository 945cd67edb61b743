import { LightningElement, wire } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import getCatalog from '@salesforce/apex/PortalCatalogController.getCatalog';
import { categoryLabel, formatLabel, formatPrice } from 'c/portalFormat';

import TITLE from '@salesforce/label/c.Portal_Catalog_Title';
import INTRO from '@salesforce/label/c.Portal_Catalog_Intro';
import EMPTY from '@salesforce/label/c.Portal_Catalog_Empty';
import PLANS from '@salesforce/label/c.Portal_Catalog_Plans';
import EXTRAS from '@salesforce/label/c.Portal_Catalog_Extras';
import ORDER_PLAN from '@salesforce/label/c.Portal_Catalog_OrderPlan';
import FEES_NOTE from '@salesforce/label/c.Portal_Catalog_FeesNote';

const CATEGORIES = ['Internet', 'SIM', 'VPN'];

/** The orderable products by category, with "Order" leading to the checkout of that category. */
export default class PortalCatalog extends NavigationMixin(LightningElement) {
    items;
    error;
    loading = true;

    labels = {
        title: TITLE,
        intro: INTRO,
        empty: EMPTY,
        plans: PLANS,
        extras: EXTRAS,
        feesNote: FEES_NOTE
    };

    @wire(getCatalog)
    wiredCatalog({ data, error }) {
        if (data) {
            this.items = data;
            this.error = undefined;
            this.loading = false;
        } else if (error) {
            this.items = undefined;
            this.error = error;
            this.loading = false;
        }
    }

    get showContent() {
        return !this.loading && !this.error;
    }

    get categories() {
        const items = this.items || [];
        return CATEGORIES.map((category) => {
            const products = items
                .filter((item) => item.category === category)
                .map((item) => ({
                    ...item,
                    price: formatPrice(item.unitPrice, item.billingCycle),
                    orderLabel: formatLabel(ORDER_PLAN, item.name)
                }));
            const plans = products.filter((item) => item.itemType === 'Plan');
            const extras = products.filter((item) => item.itemType !== 'Plan');
            return {
                category,
                label: categoryLabel(category),
                plans,
                extras,
                hasPlans: plans.length > 0,
                hasExtras: extras.length > 0,
                isEmpty: plans.length === 0
            };
        });
    }

    handleOrder(event) {
        const { category, productCode } = event.target.dataset;
        this[NavigationMixin.Navigate]({
            type: 'comm__namedPage',
            attributes: { name: 'Checkout__c' },
            state: { category, plan: productCode }
        });
    }
}
