import { createElement } from 'lwc';
import OrderProvisioningPanel from 'c/orderProvisioningPanel';
import getProvisioningView from '@salesforce/apex/OrderProvisioningController.getProvisioningView';
import approveOrder from '@salesforce/apex/OrderProvisioningController.approveOrder';
import retryProvisioning from '@salesforce/apex/OrderProvisioningController.retryProvisioning';
import LightningConfirm from 'lightning/confirm';
import { ShowToastEventName } from 'lightning/platformShowToastEvent';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { POLL_MS } from 'c/orderProvisioningPanel';
import { flushPromises, resetDom, $, inChild } from 'test-utils';

const VIEW = require('./data/view.json');
const DRAFT = {
    ...VIEW,
    status: 'Draft',
    provisioningStatus: null,
    errorCode: null,
    errorMessage: null,
    attempts: 0,
    canApprove: true,
    canRetry: false,
    addressChanged: false,
    trace: []
};

jest.mock(
    '@salesforce/apex/OrderProvisioningController.getProvisioningView',
    () => ({ default: jest.fn() }),
    {
        virtual: true
    }
);
jest.mock('@salesforce/apex/OrderProvisioningController.approveOrder', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/OrderProvisioningController.retryProvisioning', () => ({ default: jest.fn() }), {
    virtual: true
});

async function render(view) {
    getProvisioningView.mockResolvedValue(view);
    const element = createElement('c-order-provisioning-panel', { is: OrderProvisioningPanel });
    element.recordId = '801000000000002AAA';
    const toasts = [];
    const refreshes = [];
    element.addEventListener(ShowToastEventName, (event) => toasts.push(event.detail));
    element.addEventListener('lightning__refreshevent', () => refreshes.push(true));
    document.body.appendChild(element);
    await flushPromises();
    return { element, toasts, refreshes };
}

describe('c-order-provisioning-panel', () => {
    afterEach(() => {
        resetDom();
        jest.clearAllMocks();
        LightningConfirm.open.mockImplementation(() => Promise.resolve(true));
    });

    it('shows a spinner while loading', async () => {
        getProvisioningView.mockReturnValue(new Promise(() => {}));
        const element = createElement('c-order-provisioning-panel', { is: OrderProvisioningPanel });
        element.recordId = '801000000000002AAA';
        document.body.appendChild(element);
        expect($(element, 'lightning-spinner')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows the provisioning state, error, attempts, address changed and the trace', async () => {
        const { element } = await render(VIEW);
        expect(getProvisioningView).toHaveBeenCalledWith({ orderId: '801000000000002AAA' });
        expect($(element, '[data-field="provisioningStatus"]').textContent).toBe('c.Defects_Status_Paused');
        expect($(element, '[data-field="errorCode"]').textContent).toBe('PAYMENT_METHOD_REQUIRED');
        expect($(element, '[data-field="attempts"]').textContent).toBe('2');
        expect($(element, '[data-field="whmcsOrderId"]').textContent).toBe('c.Portal_Common_None');
        expect($(element, '[data-id="address-changed"]')).not.toBeNull();
        const trace = $(element, 'c-integration-trace');
        expect(trace.trace).toHaveLength(2);
        expect(trace.trace[0].code).toBe('PAYMENT_METHOD_REQUIRED');
        expect(inChild(element, 'c-staff-actions', 'lightning-button[data-id="retry"]')).not.toBeNull();
        expect(inChild(element, 'c-staff-actions', 'lightning-button[data-id="approve"]')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('says when the trace is unavailable and when it is empty', async () => {
        const { element } = await render({ ...VIEW, trace: [], traceError: 'BILLING_UNAVAILABLE' });
        expect($(element, 'c-integration-trace').traceError).toBe('BILLING_UNAVAILABLE');
        const second = await render(DRAFT);
        expect($(second.element, 'c-integration-trace').trace).toEqual([]);
    });

    it('approves after confirmation, toasts, shows the refreshed view and refreshes the page', async () => {
        approveOrder.mockResolvedValue({
            ...DRAFT,
            status: 'Approved',
            canApprove: false,
            provisioningStatus: 'Activating'
        });
        const { element, toasts, refreshes } = await render(DRAFT);
        inChild(element, 'c-staff-actions', 'lightning-button[data-id="approve"]').click();
        await flushPromises();

        expect(LightningConfirm.open).toHaveBeenCalledWith(
            expect.objectContaining({ message: 'c.Portal_Provisioning_ApproveConfirm' })
        );
        expect(approveOrder).toHaveBeenCalledWith({ orderId: '801000000000002AAA' });
        expect(toasts).toEqual([{ title: 'c.Portal_Provisioning_Approved', variant: 'success' }]);
        expect(refreshes).toHaveLength(1);
        expect($(element, '[data-field="status"]').textContent).toBe('c.Defects_Status_Approved');
        expect(inChild(element, 'c-staff-actions', 'lightning-button[data-id="approve"]')).toBeNull();
    });

    it('does nothing when the confirmation is cancelled', async () => {
        LightningConfirm.open.mockResolvedValue(false);
        const { element, toasts } = await render(DRAFT);
        inChild(element, 'c-staff-actions', 'lightning-button[data-id="approve"]').click();
        await flushPromises();
        expect(approveOrder).not.toHaveBeenCalled();
        expect(toasts).toHaveLength(0);
    });

    it('retries after confirmation and toasts success', async () => {
        retryProvisioning.mockResolvedValue({ ...VIEW, provisioningStatus: 'Activating', canRetry: false });
        const { element, toasts } = await render(VIEW);
        inChild(element, 'c-staff-actions', 'lightning-button[data-id="retry"]').click();
        await flushPromises();
        expect(retryProvisioning).toHaveBeenCalledWith({ orderId: '801000000000002AAA' });
        expect(toasts[0].variant).toBe('success');
        expect($(element, '[data-field="provisioningStatus"]').textContent).toBe(
            'c.Defects_Status_Activating'
        );
    });

    it('shows an error toast with the code label when the action fails and reloads the view', async () => {
        retryProvisioning.mockRejectedValue({ body: { message: 'ORDER_NOT_RETRYABLE' } });
        const { element, toasts } = await render(VIEW);
        inChild(element, 'c-staff-actions', 'lightning-button[data-id="retry"]').click();
        await flushPromises();
        expect(toasts).toEqual([
            {
                title: 'c.Portal_Provisioning_ActionFailed',
                message: 'c.Error_ORDER_NOT_RETRYABLE',
                variant: 'error'
            }
        ]);
        expect(getProvisioningView).toHaveBeenCalledTimes(2);
    });

    it('shows a load error in words', async () => {
        getProvisioningView.mockRejectedValue({ body: { message: 'NOT_FOUND' } });
        const element = createElement('c-order-provisioning-panel', { is: OrderProvisioningPanel });
        element.recordId = '801000000000002AAA';
        document.body.appendChild(element);
        await flushPromises();
        expect($(element, 'c-error-panel').shadowRoot.textContent).toContain('c.Error_NOT_FOUND');
        await expect(element).toBeAccessible();
    });

    it('refresh reloads the view', async () => {
        const { element } = await render(VIEW);
        inChild(element, 'c-staff-actions', 'lightning-button[data-id="refresh"]').click();
        await flushPromises();
        expect(getProvisioningView).toHaveBeenCalledTimes(2);
    });

    it("shows WHMCS's own text beside the customer wording, and a message column in the trace", async () => {
        const rejected = {
            ...VIEW,
            errorCode: 'BILLING_REJECTED',
            errorMessage: 'The billing system did not accept this order.',
            billingDetail: 'Invalid Payment Method: banktransfer',
            trace: [
                ...VIEW.trace,
                {
                    at: '2026-11-21T09:25:00Z',
                    step: 'ADD_ORDER',
                    result: 'rejected',
                    code: 'BILLING_REJECTED',
                    message: 'Invalid Payment Method: banktransfer'
                }
            ]
        };
        const { element } = await render(rejected);
        // The customer's wording in the staff member's language, the billing system's text as it came.
        expect($(element, '[data-field="errorMessage"]').textContent).toBe('c.Error_BILLING_REJECTED');
        expect($(element, '[data-field="billingDetail"]').textContent).toBe(
            'Invalid Payment Method: banktransfer'
        );
        // The trace is the shared staff trace component's table.
        const table = $(element, 'c-integration-trace').shadowRoot.querySelector('lightning-datatable');
        expect(table.columns.map((c) => c.fieldName)).toContain('message');
        expect(table.data[2].message).toBe('Invalid Payment Method: banktransfer');
        expect(table.data[0].message).toBe('');
        await expect(element).toBeAccessible();
    });

    it('shows status values through labels (translated) and the stored message for an unknown code', async () => {
        const { element } = await render({ ...DRAFT, errorCode: 'SOMETHING_NEW', errorMessage: 'As stored' });
        expect($(element, '[data-field="status"]').textContent).toBe('c.Defects_Status_Draft');
        expect($(element, '[data-field="errorMessage"]').textContent).toBe('As stored');
        expect($(element, '[data-field="billingDetail"]').textContent).toBe('c.Portal_Common_None');
    });

    describe('after Approve', () => {
        afterEach(() => jest.useRealTimers());

        // flushPromises waits on a timer: with fake timers, microtasks are drained by hand.
        async function settle() {
            for (let i = 0; i < 20; i++) {
                // eslint-disable-next-line no-await-in-loop -- one microtask turn each
                await Promise.resolve();
            }
        }

        async function approve(element) {
            jest.useFakeTimers();
            inChild(element, 'c-staff-actions', 'lightning-button[data-id="approve"]').click();
            await settle();
        }

        async function advance() {
            jest.advanceTimersByTime(POLL_MS);
            await settle();
        }

        it('follows provisioning without Refresh and tells the record page each time the status changes', async () => {
            const approved = { ...DRAFT, status: 'Approved', canApprove: false, provisioningStatus: null };
            approveOrder.mockResolvedValue(approved);
            const { element, refreshes } = await render(DRAFT);
            await approve(element);
            expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([{ recordId: '801000000000002AAA' }]);
            expect(refreshes).toHaveLength(1);

            getProvisioningView.mockResolvedValueOnce({ ...approved, provisioningStatus: 'Activating' });
            await advance();
            expect($(element, '[data-field="provisioningStatus"]').textContent).toBe(
                'c.Defects_Status_Activating'
            );
            getProvisioningView.mockResolvedValueOnce({ ...approved, provisioningStatus: 'Activating' });
            await advance();
            getProvisioningView.mockResolvedValueOnce({
                ...approved,
                status: 'Activated',
                provisioningStatus: 'Activated'
            });
            await advance();
            expect($(element, '[data-field="status"]').textContent).toBe('c.Defects_Status_Activated');
            // Once on approve, once when Activating appeared, once when Activated.
            expect(notifyRecordUpdateAvailable).toHaveBeenCalledTimes(3);
            expect(refreshes).toHaveLength(3);

            const calls = getProvisioningView.mock.calls.length;
            await advance();
            await advance();
            expect(getProvisioningView).toHaveBeenCalledTimes(calls);
        });

        it('stops following when the panel is removed', async () => {
            approveOrder.mockResolvedValue({ ...DRAFT, status: 'Approved', canApprove: false });
            const { element } = await render(DRAFT);
            await approve(element);
            const calls = getProvisioningView.mock.calls.length;
            document.body.removeChild(element);
            await advance();
            expect(getProvisioningView).toHaveBeenCalledTimes(calls);
        });
    });
});
