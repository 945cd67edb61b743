import ServiceChangeActions from 'c/serviceChangeActions';
import { getNavigateCalledWith, resetNavigationMock } from 'lightning/navigation';
import { renderElement, resetDom, $ } from 'test-utils';

async function render(props) {
    return renderElement('c-service-change-actions', ServiceChangeActions, props);
}

describe('c-service-change-actions', () => {
    afterEach(() => {
        resetDom();
        resetNavigationMock();
    });

    it('opens the change page for a plan change or a cancellation', async () => {
        const element = await render({ serviceId: 9001, status: 'Active', billingCycle: 'Monthly' });
        await expect(element).toBeAccessible();
        $(element, '[data-id="change-plan"]').click();
        expect(getNavigateCalledWith().pageReference).toEqual({
            type: 'comm__namedPage',
            attributes: { name: 'Service_Change__c' },
            state: { serviceId: '9001', action: 'change' }
        });
        $(element, '[data-id="cancel-service"]').click();
        expect(getNavigateCalledWith().pageReference.state).toEqual({ serviceId: '9001', action: 'cancel' });
    });

    it.each([
        ['a one-time fee', { serviceId: 1, status: 'Active', billingCycle: 'One Time' }],
        ['a service that is not Active', { serviceId: 2, status: 'Pending', billingCycle: 'Monthly' }]
    ])('offers nothing for %s', async (_what, props) => {
        const element = await render(props);
        expect(element.shadowRoot.querySelector('lightning-button')).toBeNull();
        expect($(element, '[data-id="pending-request"]')).toBeNull();
    });

    it('shows the open request instead, and opens it', async () => {
        const element = await render({
            serviceId: 9001,
            status: 'Active',
            billingCycle: 'Monthly',
            openRequest: { requestId: 'a00000000000001AAA' }
        });
        expect($(element, '[data-id="change-plan"]')).toBeNull();
        const badge = $(element, '[data-id="pending-request"]');
        expect(badge.textContent.trim()).toBe('c.ServiceChange_Pending');
        await expect(element).toBeAccessible();
        badge.click();
        expect(getNavigateCalledWith().pageReference.state).toEqual({ requestId: 'a00000000000001AAA' });
    });
});
