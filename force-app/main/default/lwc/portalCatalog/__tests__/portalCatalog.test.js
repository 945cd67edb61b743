import PortalCatalog from 'c/portalCatalog';
import getCatalog from '@salesforce/apex/PortalCatalogController.getCatalog';
import { getNavigateCalledWith, resetNavigationMock } from 'lightning/navigation';
import { flushPromises, mountElement, resetDom } from 'test-utils';

const CATALOG = require('./data/catalog.json');

jest.mock(
    '@salesforce/apex/PortalCatalogController.getCatalog',
    () => {
        const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);

function render() {
    const element = mountElement('c-portal-catalog', PortalCatalog);
    return element;
}

describe('c-portal-catalog', () => {
    afterEach(() => {
        resetDom();
        resetNavigationMock();
        jest.clearAllMocks();
    });

    it('shows a spinner until the catalog arrives', async () => {
        const element = render();
        expect(element.shadowRoot.querySelector('lightning-spinner')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('renders each category with plans, fees and yen prices', async () => {
        const element = render();
        getCatalog.emit(CATALOG);
        await flushPromises();

        expect(element.shadowRoot.querySelector('lightning-spinner')).toBeNull();
        const tabs = element.shadowRoot.querySelectorAll('lightning-tab');
        expect(Array.from(tabs).map((tab) => tab.value)).toEqual(['Internet', 'SIM', 'VPN']);

        const fiber = element.shadowRoot.querySelector('[data-product="INT-FIBER-1G"]');
        expect(fiber.textContent).toContain('Fiber 1 Gbps');
        // Labels resolve to their names in Jest: the monthly template with the formatted yen amount.
        expect(fiber.querySelector('[data-id="price"]').textContent.trim()).toBe('c.Portal_Price_PerMonth');

        const sim = element.shadowRoot.querySelector('section[data-category="SIM"]');
        expect(sim.querySelectorAll('lightning-button')).toHaveLength(2);
        expect(sim.querySelector('[data-product="SIM-ACTIVATION"]').textContent).toContain(
            'SIM activation fee'
        );
        await expect(element).toBeAccessible();
    });

    it('formats yen with no decimals for the locale', async () => {
        const { formatMoney } = require('c/portalFormat');
        expect(formatMoney(5280, 'en-US')).toBe('¥5,280');
        expect(formatMoney('19800.00', 'ja-JP')).toBe('￥19,800');
    });

    it('shows an empty state for a category with nothing orderable', async () => {
        const element = render();
        getCatalog.emit(CATALOG.filter((item) => item.category !== 'VPN'));
        await flushPromises();

        const vpn = element.shadowRoot.querySelector('section[data-category="VPN"]');
        expect(vpn.querySelector('[data-id="empty"]')).not.toBeNull();
        expect(element.shadowRoot.querySelector('section[data-category="SIM"] [data-id="empty"]')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows the error label when the catalog cannot be loaded', async () => {
        const element = render();
        getCatalog.error({ message: 'BILLING_UNAVAILABLE' });
        await flushPromises();

        const panel = element.shadowRoot.querySelector('c-error-panel');
        const message = panel.shadowRoot.querySelector('[role="alert"]');
        expect(message.textContent).toContain('c.Error_BILLING_UNAVAILABLE');
        expect(element.shadowRoot.querySelector('lightning-tabset')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('navigates to the checkout with the category and plan in state', async () => {
        const element = render();
        getCatalog.emit(CATALOG);
        await flushPromises();

        const button = element.shadowRoot.querySelector(
            'lightning-button[data-product-code="SIM-VOICE-20GB"]'
        );
        button.click();

        const { pageReference } = getNavigateCalledWith();
        expect(pageReference.type).toBe('comm__namedPage');
        expect(pageReference.attributes.name).toBe('Checkout__c');
        expect(pageReference.state).toEqual({ category: 'SIM', plan: 'SIM-VOICE-20GB' });
    });
});
