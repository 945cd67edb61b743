import PortalSubscriptions from 'c/portalSubscriptions';
import getSubscriptions from '@salesforce/apex/PortalBillingController.getSubscriptions';
import createSsoLink from '@salesforce/apex/PortalBillingController.createSsoLink';
import { getNavigateCalledWith, resetNavigationMock } from 'lightning/navigation';
import { openUrl } from 'c/portalUrl';
import getMyRequests from '@salesforce/apex/PortalServiceChangeController.getMyRequests';
import { flushPromises, mountElement, renderElement, resetDom, $ } from 'test-utils';

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

async function render() {
    return renderElement('c-portal-subscriptions', PortalSubscriptions);
}

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

    it('lists services with status, cycle and yen price', async () => {
        getSubscriptions.mockResolvedValue(DATA);
        const element = await render();
        const fiber = $(element, '[data-subscription="301"]');
        expect(fiber.textContent).toContain('Fiber 1 Gbps');
        expect(fiber.textContent).toContain('¥5,280');
        expect(fiber.textContent).toContain('c.Portal_Cycle_Monthly');
        expect(fiber.querySelector('c-status-badge').shadowRoot.textContent).toBe(
            'c.Portal_ServiceStatus_Active'
        );
        const vpn = $(element, '[data-subscription="302"]');
        expect(vpn.textContent).toContain('c.Portal_Cycle_Annually');
        expect(vpn.querySelector('c-status-badge').shadowRoot.textContent).toBe(
            'c.Portal_ServiceStatus_Suspended'
        );
        await expect(element).toBeAccessible();
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
        getSubscriptions.mockResolvedValue({ subscriptions: [] });
        const element = await render();
        expect($(element, '[data-id="empty"]')).not.toBeNull();
        $(element, 'lightning-button[data-id="browse"]').click();
        expect(getNavigateCalledWith().pageReference.attributes.name).toBe('Catalog__c');
        await expect(element).toBeAccessible();
    });

    it('shows the error in words', async () => {
        getSubscriptions.mockRejectedValue({ body: { message: 'BILLING_UNAVAILABLE' } });
        const element = await render();
        expect($(element, 'c-error-panel').shadowRoot.textContent).toContain('c.Error_BILLING_UNAVAILABLE');
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
