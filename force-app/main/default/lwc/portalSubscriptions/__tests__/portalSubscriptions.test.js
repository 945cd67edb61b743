import PortalSubscriptions from 'c/portalSubscriptions';
import getSubscriptions from '@salesforce/apex/PortalBillingController.getSubscriptions';
import createSsoLink from '@salesforce/apex/PortalBillingController.createSsoLink';
import { getNavigateCalledWith, resetNavigationMock } from 'lightning/navigation';
import { openUrl } from 'c/portalUrl';
import getMyRequests from '@salesforce/apex/PortalServiceChangeController.getMyRequests';
import { $, $$, flushPromises, mountElement, renderElement, resetDom } from 'test-utils';

const DATA = require('./data/subscriptions.json');

jest.mock('@salesforce/apex/PortalBillingController.getSubscriptions', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/PortalBillingController.createSsoLink', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('c/portalUrl', () => ({ openUrl: jest.fn() }));
jest.mock(
    '@salesforce/apex/PortalServiceChangeController.getMyRequests',
    () => ({ default: jest.fn(() => Promise.resolve([])) }),
    { virtual: true }
);
// The price templates as the English labels have them, so the rendered prices can be read.
jest.mock('@salesforce/label/c.Portal_Price_PerMonth', () => ({ default: '{0} / month' }), { virtual: true });
jest.mock('@salesforce/label/c.Portal_Subscriptions_PricePerCycle', () => ({ default: '{0} ({1})' }), {
    virtual: true
});

async function render() {
    return renderElement('c-portal-subscriptions', PortalSubscriptions);
}

const text = (element, selector) => ($(element, selector) ? $(element, selector).textContent.trim() : null);

describe('c-portal-subscriptions', () => {
    afterEach(() => {
        resetDom();
        resetNavigationMock();
        jest.clearAllMocks();
    });

    it('shows a spinner while loading', async () => {
        getSubscriptions.mockReturnValue(new Promise(() => {}));
        const element = mountElement('c-portal-subscriptions', PortalSubscriptions);
        expect($(element, 'lightning-spinner')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('asks for the first page of ten', async () => {
        getSubscriptions.mockResolvedValue(DATA);
        await render();
        expect(getSubscriptions).toHaveBeenCalledWith({ page: 1, pageSize: 10 });
    });

    it('shows each service as a list item: name, what it is, status, price per month, next due date', async () => {
        getSubscriptions.mockResolvedValue(DATA);
        const element = await render();
        expect($(element, 'table')).toBeNull();
        const items = $$(element, 'ul.subscriptions > li[data-subscription]');
        expect(items.map((li) => li.dataset.subscription)).toEqual(['301', '302', '303', '304']);

        const sim = $(element, '[data-subscription="303"]');
        expect(sim.querySelector('h3').textContent).toBe('SIM Voice 20 GB');
        expect(sim.querySelector('[data-id="category"]').textContent.trim()).toBe('c.Portal_Category_SIM');
        expect(sim.querySelector('[data-id="identifier"]').textContent).toContain(
            'c.Portal_Subscriptions_PhoneNumber'
        );
        // Stored as digits (09012345678), shown as people write it.
        expect(sim.querySelector('[data-kind="phone_number"]').textContent).toBe('090-1234-5678');
        expect(sim.querySelector('[data-id="price"]').textContent).toBe('¥2,480 / month');
        expect(sim.querySelector('[data-id="next-due"]').textContent).toBe('Jan 6, 2027');
        expect(sim.querySelector('c-status-badge').shadowRoot.textContent).toBe(
            'c.Portal_ServiceStatus_Active'
        );

        const fiber = $(element, '[data-subscription="301"]');
        expect(fiber.querySelector('[data-kind="installation_address"]').textContent).toBe(
            '7-8-9 Sakae, Naka-ku, Nagoya-shi, Aichi, 460-0008, JP'
        );
        const vpn = $(element, '[data-subscription="302"]');
        expect(vpn.querySelector('[data-kind="vpn_region"]').textContent).toBe('c.Portal_Region_SG');
        expect(vpn.querySelector('[data-id="price"]').textContent).toBe('¥9,680 (c.Portal_Cycle_Annually)');
        expect(vpn.querySelector('[data-id="next-due"]').textContent).toBe('');
        expect(vpn.querySelector('c-status-badge').shadowRoot.textContent).toBe(
            'c.Portal_ServiceStatus_Suspended'
        );
        // An add-on has nothing of its own to show: no identifier line.
        expect($(element, '[data-subscription="304"] [data-id="identifier"]')).toBeNull();
        // Every item keeps one area for its actions.
        expect($$(element, 'li[data-subscription] > .actions')).toHaveLength(4);
        expect(text(element, '[data-id="fees-note"]')).toBe('c.Portal_Subscriptions_FeesNote');
        await expect(element).toBeAccessible();
    });

    it('pages forward and back; a page of one-time fees only says so and keeps the paging', async () => {
        getSubscriptions
            .mockResolvedValueOnce({ ...DATA, total: 25 })
            .mockResolvedValueOnce({ subscriptions: [], page: 2, pageSize: 10, total: 25 })
            .mockResolvedValueOnce({ ...DATA, page: 3, total: 25 })
            .mockResolvedValueOnce({ subscriptions: [], page: 2, pageSize: 10, total: 25 });
        const element = await render();
        expect(text(element, '[data-id="page"]')).toBe('c.Portal_Common_PageOf');
        expect($(element, 'lightning-button[data-id="previous"]').disabled).toBe(true);
        $(element, 'lightning-button[data-id="next"]').click();
        await flushPromises();
        expect(getSubscriptions).toHaveBeenLastCalledWith({ page: 2, pageSize: 10 });
        expect(text(element, '[data-id="page-only-fees"]')).toBe('c.Portal_Subscriptions_PageOnlyFees');
        expect($(element, '[data-id="empty"]')).toBeNull();
        await expect(element).toBeAccessible();
        $(element, 'lightning-button[data-id="next"]').click();
        await flushPromises();
        expect(getSubscriptions).toHaveBeenLastCalledWith({ page: 3, pageSize: 10 });
        expect($(element, 'lightning-button[data-id="next"]').disabled).toBe(true);
        $(element, 'lightning-button[data-id="previous"]').click();
        await flushPromises();
        expect(getSubscriptions).toHaveBeenLastCalledWith({ page: 2, pageSize: 10 });
    });

    it('no paging when everything fits on one page', async () => {
        getSubscriptions.mockResolvedValue(DATA);
        const element = await render();
        expect($(element, 'nav')).toBeNull();
    });

    it('opens the billing site services page through SSO', async () => {
        getSubscriptions.mockResolvedValue(DATA);
        createSsoLink.mockResolvedValue({
            url: 'https://billing.example/sso/services',
            expiresAt: '2026-01-01T00:00:00Z'
        });
        const element = await render();
        $(element, 'c-sso-button').shadowRoot.querySelector('lightning-button').click();
        await flushPromises();
        expect(createSsoLink).toHaveBeenCalledWith({ destination: 'services', invoiceId: null });
        expect(openUrl).toHaveBeenCalledWith('https://billing.example/sso/services');
    });

    it('shows the empty state with a way to the catalog', async () => {
        getSubscriptions.mockResolvedValue({ subscriptions: [], page: 1, pageSize: 10, total: 1 });
        const element = await render();
        expect($(element, '[data-id="empty"]')).not.toBeNull();
        expect($(element, '[data-id="page-only-fees"]')).toBeNull();
        expect($(element, '[data-id="fees-note"]')).toBeNull();
        $(element, 'lightning-button[data-id="browse"]').click();
        expect(getNavigateCalledWith().pageReference.attributes.name).toBe('Catalog__c');
        await expect(element).toBeAccessible();
    });

    it('shows the error in words', async () => {
        getSubscriptions.mockRejectedValue({ body: { message: 'BILLING_UNAVAILABLE' } });
        const element = await render();
        expect($(element, 'c-error-panel').shadowRoot.textContent).toContain('c.Error_BILLING_UNAVAILABLE');
        expect($(element, 'ul')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('offers plan change and cancellation for Active monthly services, a badge for an open request', async () => {
        getSubscriptions.mockResolvedValue(DATA);
        getMyRequests.mockResolvedValueOnce([]);
        let element = await render();
        const fiber = $(element, '[data-subscription="301"] c-service-change-actions');
        expect(fiber.serviceId).toBe(301);
        expect(fiber.openRequest).toBeNull();
        expect(fiber.shadowRoot.querySelector('[data-id="change-plan"]')).not.toBeNull();
        const vpn = $(element, '[data-subscription="302"] c-service-change-actions');
        expect(vpn.shadowRoot.querySelector('[data-id="change-plan"]')).toBeNull();
        await expect(element).toBeAccessible();
        resetDom();

        getMyRequests.mockResolvedValueOnce([
            { requestId: 'a00000000000001AAA', serviceId: 301, isOpen: true },
            { requestId: 'a00000000000002AAA', serviceId: 302, isOpen: false }
        ]);
        element = await render();
        const pending = $(element, '[data-subscription="301"] c-service-change-actions');
        expect(pending.openRequest.requestId).toBe('a00000000000001AAA');
        expect(pending.shadowRoot.querySelector('[data-id="pending-request"]')).not.toBeNull();
        expect(pending.shadowRoot.querySelector('[data-id="change-plan"]')).toBeNull();
        expect($(element, '[data-subscription="302"] c-service-change-actions').openRequest).toBeNull();
    });

    it('still lists the services when the requests cannot be read', async () => {
        getSubscriptions.mockResolvedValue(DATA);
        getMyRequests.mockRejectedValueOnce({ body: { message: 'UNEXPECTED' } });
        const element = await render();
        expect($(element, '[data-subscription="301"]')).not.toBeNull();
    });
});
