import { createElement } from 'lwc';
import SsoButton, { currentSitePath } from 'c/ssoButton';
import createSsoLink from '@salesforce/apex/PortalBillingController.createSsoLink';
import { openUrl } from 'c/portalUrl';
import { flushPromises, resetDom } from 'test-utils';

jest.mock('@salesforce/apex/PortalBillingController.createSsoLink', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('c/portalUrl', () => ({ openUrl: jest.fn() }));

async function render(props) {
    const element = createElement('c-sso-button', { is: SsoButton });
    Object.assign(element, { label: 'Pay', ...props });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

const button = (element) => element.shadowRoot.querySelector('lightning-button');

describe('c-sso-button', () => {
    afterEach(() => {
        resetDom();
        jest.clearAllMocks();
    });

    it('creates the link on click and opens it at once in the same tab', async () => {
        createSsoLink.mockResolvedValue({
            url: 'https://billing.example/sso/1',
            expiresAt: '2026-01-01T00:00:00Z'
        });
        const element = await render({ destination: 'invoice', invoiceId: '5002' });
        expect(createSsoLink).not.toHaveBeenCalled();
        button(element).click();
        await flushPromises();
        expect(createSsoLink).toHaveBeenCalledWith({ destination: 'invoice', invoiceId: 5002 });
        expect(openUrl).toHaveBeenCalledWith('https://billing.example/sso/1');
        await expect(element).toBeAccessible();
    });

    it('is disabled while the link is being created, so a double click makes one link', async () => {
        createSsoLink.mockReturnValue(new Promise(() => {}));
        const element = await render({ destination: 'add-payment-method' });
        button(element).click();
        button(element).click();
        await flushPromises();
        expect(createSsoLink).toHaveBeenCalledTimes(1);
        expect(button(element).disabled).toBe(true);
        expect(element.shadowRoot.querySelector('[role="status"]').textContent).toBe('c.Portal_Sso_Opening');
    });

    it('shows the error in words and can be tried again', async () => {
        createSsoLink.mockRejectedValueOnce({ body: { message: 'BILLING_UNAVAILABLE' } });
        const element = await render({ destination: 'home' });
        button(element).click();
        await flushPromises();
        expect(element.shadowRoot.querySelector('c-error-panel').shadowRoot.textContent).toContain(
            'c.Error_BILLING_UNAVAILABLE'
        );
        expect(button(element).disabled).toBe(false);
        expect(openUrl).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it('sends the page it is on, so "Back to the portal" returns there', async () => {
        createSsoLink.mockResolvedValue({ url: 'https://billing.example/sso/2', expiresAt: 'x' });
        window.history.pushState({}, '', '/checkout?category=SIM&plan=SIM-VOICE-20GB');
        try {
            const element = await render({ destination: 'add-payment-method' });
            button(element).click();
            await flushPromises();
            expect(createSsoLink).toHaveBeenCalledWith({
                destination: 'add-payment-method',
                invoiceId: null,
                returnPath: '/checkout?category=SIM&plan=SIM-VOICE-20GB'
            });
        } finally {
            window.history.pushState({}, '', '/');
        }
    });

    it('takes the page relative to the site base path, and nothing on Home', () => {
        expect(currentSitePath({ pathname: '/portal/s/checkout', search: '?a=1' }, '/portal/s')).toBe(
            '/checkout?a=1'
        );
        expect(currentSitePath({ pathname: '/portal/s', search: '' }, '/portal/s')).toBeNull();
        expect(currentSitePath({ pathname: '/portal/sx', search: '' }, '/portal/s')).toBe('/portal/sx');
        expect(currentSitePath({ pathname: '/invoices', search: '' }, '')).toBe('/invoices');
        expect(currentSitePath({ pathname: '/', search: '' }, '')).toBeNull();
    });
});
