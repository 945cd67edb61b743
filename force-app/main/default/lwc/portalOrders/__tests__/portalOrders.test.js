import PortalOrders from 'c/portalOrders';
import getMyOrders from '@salesforce/apex/PortalOrdersController.getMyOrders';
import { getNavigateCalledWith, resetNavigationMock } from 'lightning/navigation';
import { mountElement, renderElement, resetDom, stackedTableLabels } from 'test-utils';

const ORDERS = require('./data/orders.json');

jest.mock('@salesforce/apex/PortalOrdersController.getMyOrders', () => ({ default: jest.fn() }), {
    virtual: true
});

async function render() {
    return renderElement('c-portal-orders', PortalOrders);
}

describe('c-portal-orders', () => {
    afterEach(() => {
        resetDom();
        resetNavigationMock();
        jest.clearAllMocks();
    });

    it('shows a spinner while loading', async () => {
        getMyOrders.mockReturnValue(new Promise(() => {}));
        const element = mountElement('c-portal-orders', PortalOrders);
        expect(element.shadowRoot.querySelector('lightning-spinner')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('lists orders with status badges in customer words and yen totals', async () => {
        getMyOrders.mockResolvedValue(ORDERS);
        const element = await render();
        const rows = element.shadowRoot.querySelectorAll('tbody tr');
        expect(rows).toHaveLength(2);
        expect(rows[0].textContent).toContain('00000101');
        expect(rows[0].textContent).toContain('¥2,810');
        const badges = Array.from(element.shadowRoot.querySelectorAll('c-status-badge')).map(
            (badge) => badge.shadowRoot.querySelector('[data-id="badge"]').textContent
        );
        expect(badges).toEqual(['c.Portal_Status_Activating', 'c.Portal_Status_OnHold']);
        expect(element.shadowRoot.querySelector('[data-id="empty"]')).toBeNull();
        expect(element.shadowRoot.querySelector('[data-id="browse"]')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('on a phone shows each order as a block of values labelled by their column', async () => {
        getMyOrders.mockResolvedValue(ORDERS);
        const element = await render();
        const { stacked, headers, rows } = stackedTableLabels(element.shadowRoot.querySelector('table'));
        expect(stacked).toBe(true);
        expect(headers).toHaveLength(6);
        expect(rows).toEqual([headers, headers]);
    });

    it('opens the order detail page with the order id in state', async () => {
        getMyOrders.mockResolvedValue(ORDERS);
        const element = await render();
        element.shadowRoot.querySelector('a[data-order-id="801000000000002AAA"]').click();
        expect(getNavigateCalledWith().pageReference).toEqual({
            type: 'comm__namedPage',
            attributes: { name: 'Order_Detail__c' },
            state: { orderId: '801000000000002AAA' }
        });
    });

    it('shows the empty state with a way to the catalog', async () => {
        getMyOrders.mockResolvedValue([]);
        const element = await render();
        expect(element.shadowRoot.querySelector('[data-id="empty"]')).not.toBeNull();
        element.shadowRoot.querySelector('lightning-button[data-id="browse"]').click();
        expect(getNavigateCalledWith().pageReference.attributes.name).toBe('Catalog__c');
        await expect(element).toBeAccessible();
    });

    it('shows the error in words', async () => {
        getMyOrders.mockRejectedValue({ body: { message: 'NOT_A_CUSTOMER' } });
        const element = await render();
        expect(element.shadowRoot.querySelector('c-error-panel').shadowRoot.textContent).toContain(
            'c.Error_NOT_A_CUSTOMER'
        );
        expect(element.shadowRoot.querySelector('table')).toBeNull();
        await expect(element).toBeAccessible();
    });
});
