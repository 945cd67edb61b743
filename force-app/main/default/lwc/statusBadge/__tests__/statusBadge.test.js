import { createElement } from 'lwc';
import StatusBadge from 'c/statusBadge';
import { flushPromises, resetDom } from 'test-utils';

async function render(kind, status) {
    const element = createElement('c-status-badge', { is: StatusBadge });
    if (kind) {
        element.kind = kind;
    }
    element.status = status;
    document.body.appendChild(element);
    await flushPromises();
    return element.shadowRoot.querySelector('[data-id="badge"]');
}

describe('c-status-badge', () => {
    afterEach(() => {
        resetDom();
    });

    it.each([
        [undefined, 'Submitted', 'c.Portal_Status_Submitted', 'slds-badge_lightest'],
        ['order', 'Active', 'c.Portal_Status_Active', 'slds-theme_success'],
        ['order', 'OnHold', 'c.Portal_Status_OnHold', 'slds-theme_error'],
        ['invoice', 'Unpaid', 'c.Portal_InvoiceStatus_Unpaid', 'slds-theme_warning'],
        ['service', 'Suspended', 'c.Portal_ServiceStatus_Suspended', 'slds-theme_error']
    ])('%s %s reads %s', async (kind, status, label, cssClass) => {
        const badge = await render(kind, status);
        expect(badge.textContent).toBe(label);
        expect(badge.classList.contains(cssClass)).toBe(true);
    });

    it('shows an unknown status as it is, neutrally', async () => {
        const badge = await render('service', 'Fraud');
        expect(badge.textContent).toBe('Fraud');
        expect(badge.className).toBe('slds-badge');
        await expect(document.body.firstChild).toBeAccessible();
    });
});
