import PortalServiceChange from 'c/portalServiceChange';
import getChangeOptions from '@salesforce/apex/PortalServiceChangeController.getChangeOptions';
import getQuote from '@salesforce/apex/PortalServiceChangeController.getQuote';
import submitRequest from '@salesforce/apex/PortalServiceChangeController.submitRequest';
import getRequest from '@salesforce/apex/PortalServiceChangeController.getRequest';
import { CurrentPageReference, getNavigateCalledWith, resetNavigationMock } from 'lightning/navigation';
import { flushPromises, mountElement, resetDom, $ } from 'test-utils';

jest.mock('@salesforce/apex/PortalServiceChangeController.getChangeOptions', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/PortalServiceChangeController.getQuote', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/PortalServiceChangeController.submitRequest', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/PortalServiceChangeController.getRequest', () => ({ default: jest.fn() }), {
    virtual: true
});

const OPTIONS = {
    serviceId: 9001,
    serviceName: 'VPN Standard',
    category: 'VPN',
    status: 'Active',
    currentAmount: 880,
    canChangePlan: true,
    canCancel: true,
    plans: [{ productCode: 'VPN-PRO', name: 'VPN Pro', unitPrice: 1480 }],
    openRequest: null
};
const CHANGE_QUOTE = {
    kind: 'Plan_Change',
    currentAmount: 880,
    newAmount: 1480,
    difference: 600,
    effectiveOn: '2027-01-01',
    lastServiceDay: '2026-12-31'
};
const REQUEST = {
    requestId: 'a00000000000001AAA',
    requestNumber: 'SR-00001',
    kind: 'Plan_Change',
    customerStatus: 'Submitted',
    serviceName: 'VPN Standard',
    newProductName: 'VPN Pro',
    currentPrice: 880,
    newPrice: 1480,
    priceDifference: 600,
    effectiveOn: '2027-01-01',
    isOpen: true
};

async function render(state) {
    const element = mountElement('c-portal-service-change', PortalServiceChange);
    CurrentPageReference.emit({ type: 'comm__namedPage', attributes: { name: 'Service_Change__c' }, state });
    await flushPromises();
    return element;
}

/** The steps handed to c-progress-steps (its own test covers how they show). */
const progress = (element) => $(element, 'c-progress-steps').steps;

describe('c-portal-service-change', () => {
    afterEach(() => {
        resetDom();
        resetNavigationMock();
        jest.clearAllMocks();
    });

    it('quotes the chosen plan and submits the request', async () => {
        getChangeOptions.mockResolvedValue(OPTIONS);
        getQuote.mockResolvedValue(CHANGE_QUOTE);
        submitRequest.mockResolvedValue(REQUEST);
        const element = await render({ serviceId: '9001', action: 'change' });
        expect(getChangeOptions).toHaveBeenCalledWith({ serviceId: 9001 });
        const confirm = $(element, '[data-id="confirm"]');
        expect(confirm.disabled).toBe(true);
        const group = $(element, '[data-field="plan"]');
        expect(group.options.map((o) => o.value)).toEqual(['VPN-PRO']);
        group.dispatchEvent(new CustomEvent('change', { detail: { value: 'VPN-PRO' } }));
        await flushPromises();
        expect(getQuote).toHaveBeenCalledWith({
            serviceId: 9001,
            kind: 'Plan_Change',
            newPlanCode: 'VPN-PRO'
        });
        expect($(element, '[data-field="difference"]').textContent).toContain('+');
        expect($(element, '[data-field="difference"]').textContent).toContain('600');
        expect($(element, '[data-field="effectiveOn"]').textContent).not.toBe('');
        await expect(element).toBeAccessible();
        $(element, '[data-id="confirm"]').click();
        await flushPromises();
        expect(submitRequest).toHaveBeenCalledWith({
            serviceId: 9001,
            kind: 'Plan_Change',
            newPlanCode: 'VPN-PRO',
            reason: null
        });
        expect(getNavigateCalledWith().pageReference).toEqual({
            type: 'comm__namedPage',
            attributes: { name: 'Service_Change__c' },
            state: { requestId: REQUEST.requestId, submitted: '1' }
        });
    });

    it('quotes a cancellation straight away and sends the reason', async () => {
        getChangeOptions.mockResolvedValue(OPTIONS);
        getQuote.mockResolvedValue({
            ...CHANGE_QUOTE,
            kind: 'Cancellation',
            newAmount: null,
            difference: null
        });
        submitRequest.mockResolvedValue({ ...REQUEST, kind: 'Cancellation' });
        const element = await render({ serviceId: '9001', action: 'cancel' });
        expect(getQuote).toHaveBeenCalledWith({ serviceId: 9001, kind: 'Cancellation', newPlanCode: null });
        expect($(element, '[data-field="lastServiceDay"]')).not.toBeNull();
        expect($(element, '[data-field="difference"]')).toBeNull();
        const reason = $(element, '[data-field="reason"]');
        reason.value = '  Moving abroad ';
        reason.dispatchEvent(new CustomEvent('change'));
        await expect(element).toBeAccessible();
        $(element, '[data-id="confirm"]').click();
        await flushPromises();
        expect(submitRequest).toHaveBeenCalledWith({
            serviceId: 9001,
            kind: 'Cancellation',
            newPlanCode: null,
            reason: 'Moving abroad'
        });
    });

    it('offers nothing for a service with an open request, and links to it', async () => {
        getChangeOptions.mockResolvedValue({
            ...OPTIONS,
            canChangePlan: false,
            canCancel: false,
            openRequest: REQUEST
        });
        const element = await render({ serviceId: '9001', action: 'change' });
        expect($(element, '[data-id="confirm"]')).toBeNull();
        expect($(element, '[data-id="unavailable"]')).toBeNull();
        $(element, '[data-id="view-open"]').click();
        expect(getNavigateCalledWith().pageReference.state).toEqual({ requestId: REQUEST.requestId });
        await expect(element).toBeAccessible();
    });

    it('says why a service cannot change', async () => {
        getChangeOptions.mockResolvedValue({ ...OPTIONS, canChangePlan: false, canCancel: false, plans: [] });
        const element = await render({ serviceId: '9002', action: 'change' });
        expect($(element, '[data-id="unavailable"]').textContent).toBe('c.ServiceChange_NotAvailable');
    });

    it('shows the quote error in plain words and keeps confirm disabled', async () => {
        getChangeOptions.mockResolvedValue(OPTIONS);
        getQuote.mockRejectedValue({ body: { message: 'CHANGE_NOT_ALLOWED' } });
        const element = await render({ serviceId: '9001', action: 'cancel' });
        expect($(element, '[data-id="quote-error"]').textContent.trim()).toBe('c.Error_CHANGE_NOT_ALLOWED');
        expect($(element, '[data-id="confirm"]').disabled).toBe(true);
    });

    it('follows a request like an order, on hold with its reason', async () => {
        getRequest.mockResolvedValue({
            ...REQUEST,
            customerStatus: 'OnHold',
            holdCode: 'BILLING_UNAVAILABLE'
        });
        const element = await render({ requestId: REQUEST.requestId });
        expect(getRequest).toHaveBeenCalledWith({ requestId: REQUEST.requestId });
        const steps = progress(element).map((step) => [step.key, step.state]);
        expect(steps).toEqual([
            ['Submitted', 'done'],
            ['Approved', 'done'],
            ['Activating', 'held'],
            ['Done', 'todo']
        ]);
        expect($(element, '[data-id="hold-reason"]').textContent).toBe('c.Error_BILLING_UNAVAILABLE');
        await expect(element).toBeAccessible();
    });

    it('shows a done cancellation and a rejection with its reason', async () => {
        getRequest.mockResolvedValueOnce({
            ...REQUEST,
            kind: 'Cancellation',
            customerStatus: 'Done',
            lastServiceDay: '2026-12-31'
        });
        const element = await render({ requestId: REQUEST.requestId });
        expect($(element, '[data-id="done"]')).not.toBeNull();
        expect(progress(element).filter((step) => step.state === 'done')).toHaveLength(4);
        getRequest.mockResolvedValueOnce({
            ...REQUEST,
            customerStatus: 'Rejected',
            rejectionReason: 'Not available at your address.'
        });
        CurrentPageReference.emit({
            type: 'comm__namedPage',
            attributes: { name: 'Service_Change__c' },
            state: { requestId: 'a00000000000002AAA' }
        });
        await flushPromises();
        expect($(element, '[data-id="rejection-reason"]').textContent).toBe('Not available at your address.');
        expect(progress(element).find((step) => step.key === 'Submitted').state).toBe('held');
        $(element, '[data-id="back"]').click();
        expect(getNavigateCalledWith().pageReference.attributes.name).toBe('Subscriptions__c');
    });

    it('shows NOT_FOUND without a service or request', async () => {
        const element = await render({});
        expect(getChangeOptions).not.toHaveBeenCalled();
        expect($(element, 'c-async-state').error).toBe('NOT_FOUND');
    });
});
