import { createElement } from 'lwc';
import PortalOrderDetail from 'c/portalOrderDetail';
import getOrder from '@salesforce/apex/PortalOrdersController.getOrder';
import createSsoLink from '@salesforce/apex/PortalBillingController.createSsoLink';
import { CurrentPageReference, getNavigateCalledWith, resetNavigationMock } from 'lightning/navigation';
import { openUrl } from 'c/portalUrl';
import { flushPromises, mountElement, resetDom, stackedTableLabels, $ } from 'test-utils';

const ORDER = require('./data/order.json');

jest.mock('@salesforce/apex/PortalOrdersController.getOrder', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/PortalBillingController.createSsoLink', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('c/portalUrl', () => ({ openUrl: jest.fn() }));

const HELD = {
    ...ORDER,
    customerStatus: 'OnHold',
    holdCode: 'PAYMENT_METHOD_REQUIRED',
    timeline: [
        { step: 'Submitted', state: 'done' },
        { step: 'Approved', state: 'done' },
        { step: 'Activating', state: 'held' },
        { step: 'Active', state: 'todo' }
    ]
};

async function renderFromState(order, orderId = order.orderId) {
    getOrder.mockResolvedValue(order);
    const element = mountElement('c-portal-order-detail', PortalOrderDetail);
    CurrentPageReference.emit({
        type: 'comm__namedPage',
        attributes: { name: 'Order_Detail__c' },
        state: { orderId }
    });
    await flushPromises();
    return element;
}

/** The steps handed to c-progress-steps (its own test covers how they show). */
const progress = (element) => $(element, 'c-progress-steps').steps;

describe('c-portal-order-detail', () => {
    afterEach(() => {
        resetDom();
        resetNavigationMock();
        jest.clearAllMocks();
    });

    it('reads the order id from the page state and shows the timeline', async () => {
        const element = await renderFromState(ORDER);
        expect(getOrder).toHaveBeenCalledWith({ orderId: '801000000000002AAA' });
        const steps = progress(element);
        expect(steps.map((step) => [step.key, step.state])).toEqual([
            ['Submitted', 'done'],
            ['Approved', 'done'],
            ['Activating', 'current'],
            ['Active', 'todo']
        ]);
        expect(steps[0].label).toBe('c.Portal_Status_Submitted');
        expect($(element, 'c-progress-steps').heading).toBe('c.Portal_OrderDetail_Progress');
        expect($(element, '[data-id="hold"]')).toBeNull();
        expect($(element, '[data-id="one-time-total"]').textContent).toBe('¥19,800');
        expect($(element, '[data-id="installation-address"]').textContent).toContain('〒105-0014');
        expect($(element, '[data-id="address-changed"]')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('on a phone shows each ordered item as a block of values labelled by their column', async () => {
        const element = await renderFromState(ORDER);
        const { stacked, headers, rows } = stackedTableLabels($(element, 'table'));
        expect(stacked).toBe(true);
        expect(headers).toHaveLength(3);
        expect(rows.length).toBeGreaterThan(0);
        rows.forEach((row) => expect(row).toEqual(headers));
        await expect(element).toBeAccessible();
    });

    it('accepts the order id as a property', async () => {
        getOrder.mockResolvedValue(ORDER);
        const element = createElement('c-portal-order-detail', { is: PortalOrderDetail });
        element.orderId = '801000000000009AAA';
        document.body.appendChild(element);
        await flushPromises();
        expect(getOrder).toHaveBeenCalledWith({ orderId: '801000000000009AAA' });
    });

    it('explains a hold in plain words and offers to add a payment method', async () => {
        createSsoLink.mockResolvedValue({
            url: 'https://billing.example/sso/pm',
            expiresAt: '2026-01-01T00:00:00Z'
        });
        const element = await renderFromState(HELD);
        expect($(element, '[data-id="hold-reason"]').textContent).toBe('c.Error_PAYMENT_METHOD_REQUIRED');
        expect($(element, '[data-id="hold-action"]').textContent).toBe('c.Portal_OrderDetail_ActionPayment');
        expect(progress(element).find((step) => step.key === 'Activating').state).toBe('held');

        $(element, 'c-sso-button').shadowRoot.querySelector('lightning-button').click();
        await flushPromises();
        expect(createSsoLink).toHaveBeenCalledWith({ destination: 'add-payment-method', invoiceId: null });
        expect(openUrl).toHaveBeenCalledWith('https://billing.example/sso/pm');
        await expect(element).toBeAccessible();
    });

    it('for a hold on our side says no action is needed and offers no payment button', async () => {
        const element = await renderFromState({ ...HELD, holdCode: 'BILLING_REJECTED' });
        expect($(element, '[data-id="hold-reason"]').textContent).toBe('c.Error_BILLING_REJECTED');
        expect($(element, '[data-id="hold-action"]').textContent).toBe('c.Portal_OrderDetail_ActionWait');
        expect($(element, 'c-sso-button')).toBeNull();
    });

    it.each([
        ['BILLING_UNAVAILABLE', 'c.Defects_OrderHold_Unavailable'],
        ['INTERNAL_ERROR', 'c.Defects_OrderHold_Problem'],
        ['UNEXPECTED', 'c.Defects_OrderHold_Problem']
    ])('a %s hold never asks the customer to try again beside "nothing for now"', async (code, reason) => {
        const element = await renderFromState({ ...HELD, holdCode: code });
        expect($(element, '[data-id="hold-reason"]').textContent).toBe(reason);
        expect($(element, '[data-id="hold-action"]').textContent).toBe('c.Portal_OrderDetail_ActionWait');
    });

    it('for an MNP hold asks for a new reservation number', async () => {
        const element = await renderFromState({
            ...HELD,
            category: 'SIM',
            holdCode: 'MNP_RESERVATION_EXPIRING'
        });
        expect($(element, '[data-id="hold-action"]').textContent).toBe('c.Portal_OrderDetail_ActionMnp');
    });

    it('shows a cancelled order without a timeline', async () => {
        const element = await renderFromState({ ...ORDER, customerStatus: 'Cancelled' });
        expect($(element, '[data-id="cancelled"]')).not.toBeNull();
        expect($(element, 'c-progress-steps')).toBeNull();
    });

    it('shows NOT_FOUND in words for an order of another account', async () => {
        getOrder.mockRejectedValue({ body: { message: 'NOT_FOUND' } });
        const element = mountElement('c-portal-order-detail', PortalOrderDetail);
        CurrentPageReference.emit({ state: { orderId: '801000000000003AAA' } });
        await flushPromises();
        expect($(element, 'c-error-panel').shadowRoot.textContent).toContain('c.Error_NOT_FOUND');
        await expect(element).toBeAccessible();
    });

    it('without an order id says so, and goes back to the order list', async () => {
        const element = mountElement('c-portal-order-detail', PortalOrderDetail);
        CurrentPageReference.emit({ state: {} });
        await flushPromises();
        expect($(element, '[data-id="no-order"]')).not.toBeNull();
        expect(getOrder).not.toHaveBeenCalled();
        $(element, 'lightning-button[data-id="back"]').click();
        expect(getNavigateCalledWith().pageReference.attributes.name).toBe('Orders__c');
        await expect(element).toBeAccessible();
    });

    it('shows a spinner while loading', async () => {
        getOrder.mockReturnValue(new Promise(() => {}));
        const element = mountElement('c-portal-order-detail', PortalOrderDetail);
        CurrentPageReference.emit({ state: { orderId: '801000000000002AAA' } });
        await flushPromises();
        expect($(element, 'lightning-spinner')).not.toBeNull();
    });
});
