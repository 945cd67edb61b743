import ServiceRequestPanel from 'c/serviceRequestPanel';
import getRequestView from '@salesforce/apex/ServiceRequestController.getRequestView';
import approveRequest from '@salesforce/apex/ServiceRequestController.approveRequest';
import rejectRequest from '@salesforce/apex/ServiceRequestController.rejectRequest';
import retryRequest from '@salesforce/apex/ServiceRequestController.retryRequest';
import LightningConfirm from 'lightning/confirm';
import { ShowToastEventName } from 'lightning/platformShowToastEvent';
import { flushPromises, mountElement, resetDom, $, inChild } from 'test-utils';

jest.mock('@salesforce/apex/ServiceRequestController.getRequestView', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/ServiceRequestController.approveRequest', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/ServiceRequestController.rejectRequest', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/ServiceRequestController.retryRequest', () => ({ default: jest.fn() }), {
    virtual: true
});

const ID = 'a00000000000001AAA';
const SUBMITTED = {
    requestId: ID,
    requestNumber: 'SR-00001',
    accountName: 'Hanako Sato',
    status: 'Submitted',
    kind: 'Plan_Change',
    serviceId: '9001',
    serviceName: 'VPN Standard',
    currentProduct: 'VPN Standard',
    newProduct: 'VPN Pro',
    currentPrice: 880,
    newPrice: 1480,
    priceDifference: 600,
    effectiveDate: '2027-01-01',
    attempts: 0,
    canApprove: true,
    canReject: true,
    canRetry: false,
    trace: []
};
const ON_HOLD = {
    ...SUBMITTED,
    status: 'On_Hold',
    errorCode: 'BILLING_REJECTED',
    errorMessage: 'Invalid Product ID',
    attempts: 1,
    canApprove: false,
    canReject: true,
    canRetry: true,
    trace: [
        {
            at: '2026-12-01T00:00:00Z',
            step: 'UpgradeProduct',
            result: 'PAUSED',
            code: 'BILLING_REJECTED',
            message: 'Invalid Product ID'
        }
    ]
};

async function render(view) {
    getRequestView.mockResolvedValue(view);
    const element = mountElement('c-service-request-panel', ServiceRequestPanel, { recordId: ID });
    await flushPromises();
    return element;
}

describe('c-service-request-panel', () => {
    afterEach(() => {
        resetDom();
        jest.clearAllMocks();
    });

    it('shows the request and approves it after confirmation', async () => {
        approveRequest.mockResolvedValue({
            ...SUBMITTED,
            status: 'Approved',
            canApprove: false,
            canReject: false
        });
        const element = await render(SUBMITTED);
        expect(getRequestView).toHaveBeenCalledWith({ requestId: ID });
        expect($(element, '[data-field="status"]').textContent).toBe('c.Portal_Status_Submitted');
        expect($(element, '[data-field="newProduct"]').textContent).toBe('VPN Pro');
        expect($(element, '[data-field="priceDifference"]').textContent).toContain('600');
        expect($(element, 'c-integration-trace').trace).toEqual([]);
        await expect(element).toBeAccessible();
        const toasts = [];
        element.addEventListener(ShowToastEventName, (event) => toasts.push(event.detail));
        inChild(element, 'c-staff-actions', 'lightning-button[data-id="approve"]').click();
        await flushPromises();
        expect(LightningConfirm.open).toHaveBeenCalled();
        expect(approveRequest).toHaveBeenCalledWith({ requestId: ID });
        expect(toasts[0].variant).toBe('success');
        expect(inChild(element, 'c-staff-actions', 'lightning-button[data-id="approve"]')).toBeNull();
        expect($(element, '[data-field="status"]').textContent).toBe('c.Portal_Status_Approved');
    });

    it('does nothing when the confirmation is declined', async () => {
        LightningConfirm.open.mockResolvedValueOnce(false);
        const element = await render(SUBMITTED);
        inChild(element, 'c-staff-actions', 'lightning-button[data-id="approve"]').click();
        await flushPromises();
        expect(approveRequest).not.toHaveBeenCalled();
    });

    it('needs a reason to reject, then sends it', async () => {
        rejectRequest.mockResolvedValue({
            ...SUBMITTED,
            status: 'Rejected',
            rejectionReason: 'Not at your address.',
            canApprove: false,
            canReject: false
        });
        const element = await render(SUBMITTED);
        $(element, '[data-id="reject"]').click();
        await flushPromises();
        expect(rejectRequest).not.toHaveBeenCalled();
        expect($(element, '[data-id="reason-error"]').textContent).toBe(
            'c.ServiceChange_Staff_ReasonRequired'
        );
        const input = $(element, '[data-field="rejectReason"]');
        input.value = ' Not at your address. ';
        input.dispatchEvent(new CustomEvent('change'));
        $(element, '[data-id="reject"]').click();
        await flushPromises();
        expect(rejectRequest).toHaveBeenCalledWith({ requestId: ID, reason: 'Not at your address.' });
        expect($(element, '[data-field="status"]').textContent).toBe('c.ServiceChange_Status_Rejected');
        expect($(element, '[data-id="reject-form"]')).toBeNull();
    });

    it('shows the error, the trace with the WHMCS message, and retries', async () => {
        retryRequest.mockRejectedValue({ body: { message: 'REQUEST_NOT_RETRYABLE' } });
        const element = await render(ON_HOLD);
        expect($(element, '[data-field="errorMessage"]').textContent).toBe('Invalid Product ID');
        expect($(element, 'c-integration-trace').trace[0].message).toBe('Invalid Product ID');
        await expect(element).toBeAccessible();
        const toasts = [];
        element.addEventListener(ShowToastEventName, (event) => toasts.push(event.detail));
        inChild(element, 'c-staff-actions', 'lightning-button[data-id="retry"]').click();
        await flushPromises();
        expect(retryRequest).toHaveBeenCalledWith({ requestId: ID });
        expect(toasts[0]).toMatchObject({ variant: 'error', message: 'c.Error_REQUEST_NOT_RETRYABLE' });
        expect(getRequestView).toHaveBeenCalledTimes(2);
    });

    it('says when the trace is unavailable', async () => {
        const element = await render({ ...SUBMITTED, traceError: 'BILLING_UNAVAILABLE' });
        expect($(element, 'c-integration-trace').traceError).toBe('BILLING_UNAVAILABLE');
        inChild(element, 'c-staff-actions', 'lightning-button[data-id="refresh"]').click();
        await flushPromises();
        expect(getRequestView).toHaveBeenCalledTimes(2);
    });
});
