import PortalPaymentMethods from 'c/portalPaymentMethods';
import getPaymentMethods from '@salesforce/apex/PortalPaymentMethodsController.getPaymentMethods';
import removePaymentMethod from '@salesforce/apex/PortalPaymentMethodsController.removePaymentMethod';
import setDefaultPaymentMethod from '@salesforce/apex/PortalPaymentMethodsController.setDefaultPaymentMethod';
import createSsoLink from '@salesforce/apex/PortalBillingController.createSsoLink';
import LightningConfirm from 'lightning/confirm';
import { ShowToastEventName } from 'lightning/platformShowToastEvent';
import { openUrl } from 'c/portalUrl';
import { flushPromises, mountElement, renderElement, resetDom, $, $$ } from 'test-utils';

const METHODS = require('./data/paymentMethods.json');

jest.mock(
    '@salesforce/apex/PortalPaymentMethodsController.getPaymentMethods',
    () => ({ default: jest.fn() }),
    {
        virtual: true
    }
);
jest.mock(
    '@salesforce/apex/PortalPaymentMethodsController.removePaymentMethod',
    () => ({ default: jest.fn() }),
    {
        virtual: true
    }
);
jest.mock(
    '@salesforce/apex/PortalPaymentMethodsController.setDefaultPaymentMethod',
    () => ({ default: jest.fn() }),
    { virtual: true }
);
jest.mock('@salesforce/apex/PortalBillingController.createSsoLink', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('c/portalUrl', () => ({ openUrl: jest.fn() }));

async function render() {
    return renderElement('c-portal-payment-methods', PortalPaymentMethods);
}

// A fixed "today" (local time, mid-month); the clock keeps moving so the render helpers' timers still fire.
// Undone in afterEach.
function today(year, month) {
    jest.useFakeTimers({ advanceTimers: true, now: new Date(year, month - 1, 15, 12) });
}

function card(id, expiry, expired = false) {
    return { id, kind: 'card', label: `Card ${id}`, lastFour: '4242', expiry, expired, isDefault: false };
}

const BANK = {
    id: 31,
    kind: 'bank_account',
    label: 'MUFG',
    lastFour: '1234',
    expired: false,
    isDefault: false
};

describe('c-portal-payment-methods', () => {
    afterEach(() => {
        resetDom();
        jest.clearAllMocks();
        jest.useRealTimers();
    });

    it('shows a spinner while loading', async () => {
        getPaymentMethods.mockReturnValue(new Promise(() => {}));
        const element = mountElement('c-portal-payment-methods', PortalPaymentMethods);
        expect($(element, 'lightning-spinner')).not.toBeNull();
        expect($(element, 'c-sso-button')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('lists methods, marking the default and the expired one', async () => {
        getPaymentMethods.mockResolvedValue(METHODS);
        const element = await render();
        const visa = $(element, '[data-method="11"]');
        expect(visa.textContent).toContain('Visa');
        expect(visa.querySelector('[data-id="default"]')).not.toBeNull();
        expect(visa.querySelector('[data-id="expired"]')).toBeNull();
        const master = $(element, '[data-method="12"]');
        expect(master.querySelector('[data-id="expired"]').textContent).toBe(
            'c.Portal_PaymentMethods_Expired'
        );
        expect($(element, '[data-id="none-usable"]')).toBeNull();
        // sa11y refuses to run under fake timers; the page is already rendered for the fixed day.
        jest.useRealTimers();
        await expect(element).toBeAccessible();
    });

    it.each([
        [2026, 5, '05/26', true],
        [2026, 5, '06/26', true],
        [2026, 5, '07/26', false],
        [2026, 5, '05/27', false],
        [2026, 12, '12/26', true],
        [2026, 12, '01/27', true],
        [2026, 12, '02/27', false],
        [2027, 1, '12/26', false],
        [2026, 5, '13/26', false],
        [2026, 5, '5/26', false],
        [2026, 5, undefined, false]
    ])('on %i-%i a card expiring %s expires soon: %s', async (year, month, expiry, soon) => {
        today(year, month);
        getPaymentMethods.mockResolvedValue({ paymentMethods: [card(21, expiry)], hasUsableMethod: true });
        const element = await render();
        expect($(element, '[data-method="21"] [data-id="expires-soon"]') !== null).toBe(soon);
        expect($(element, '[data-id="expiring"]') !== null).toBe(soon);
    });

    it('warns when every usable card expires soon, beside an expired one', async () => {
        today(2026, 5);
        getPaymentMethods.mockResolvedValue({
            paymentMethods: [card(21, '06/26'), card(22, '04/26', true)],
            hasUsableMethod: true
        });
        const element = await render();
        expect($(element, '[data-id="expiring"]').textContent).toBe(
            'c.Portal_PaymentMethods_ExpiringWarning'
        );
        expect($(element, '[data-method="21"] [data-id="expires-soon"]').textContent).toBe(
            'c.Portal_PaymentMethods_ExpiresSoon'
        );
        expect($(element, '[data-method="22"] [data-id="expires-soon"]')).toBeNull();
        expect($(element, '[data-method="22"] [data-id="expired"]')).not.toBeNull();
        expect($(element, '[data-id="none-usable"]')).toBeNull();
        // sa11y refuses to run under fake timers; the page is already rendered for the fixed day.
        jest.useRealTimers();
        await expect(element).toBeAccessible();
    });

    it.each([
        ['a bank account', BANK],
        ['a card valid for longer', card(23, '12/28')]
    ])('marks the expiring card but does not warn when %s keeps working', async (name, other) => {
        today(2026, 5);
        getPaymentMethods.mockResolvedValue({
            paymentMethods: [card(21, '05/26'), other],
            hasUsableMethod: true
        });
        const element = await render();
        expect($(element, '[data-method="21"] [data-id="expires-soon"]')).not.toBeNull();
        expect($(element, `[data-method="${other.id}"] [data-id="expires-soon"]`)).toBeNull();
        expect($(element, '[data-id="expiring"]')).toBeNull();
    });

    it('warns when no method is usable', async () => {
        getPaymentMethods.mockResolvedValue({
            paymentMethods: [METHODS.paymentMethods[1]],
            hasUsableMethod: false
        });
        const element = await render();
        expect($(element, '[data-id="none-usable"]')).not.toBeNull();
        expect($(element, '[data-id="expiring"]')).toBeNull();
    });

    it('shows the empty state and adds a method through SSO', async () => {
        getPaymentMethods.mockResolvedValue({ paymentMethods: [], hasUsableMethod: false });
        createSsoLink.mockResolvedValue({
            url: 'https://billing.example/sso/add',
            expiresAt: '2026-01-01T00:00:00Z'
        });
        const element = await render();
        expect($(element, '[data-id="empty"]')).not.toBeNull();
        expect($(element, 'c-sso-button[data-id="manage"]')).toBeNull();
        $(element, 'c-sso-button[data-id="add"]').shadowRoot.querySelector('lightning-button').click();
        await flushPromises();
        expect(createSsoLink).toHaveBeenCalledWith({ destination: 'add-payment-method', invoiceId: null });
        expect(openUrl).toHaveBeenCalledWith('https://billing.example/sso/add');
        await expect(element).toBeAccessible();
    });

    it('opens the manage page through SSO', async () => {
        getPaymentMethods.mockResolvedValue(METHODS);
        createSsoLink.mockResolvedValue({
            url: 'https://billing.example/sso/manage',
            expiresAt: '2026-01-01T00:00:00Z'
        });
        const element = await render();
        $(element, 'c-sso-button[data-id="manage"]').shadowRoot.querySelector('lightning-button').click();
        await flushPromises();
        expect(createSsoLink).toHaveBeenCalledWith({ destination: 'payment-methods', invoiceId: null });
    });

    it('shows the error in words', async () => {
        getPaymentMethods.mockRejectedValue({ body: { message: 'BILLING_UNAVAILABLE' } });
        const element = await render();
        expect($(element, 'c-error-panel').shadowRoot.textContent).toContain('c.Error_BILLING_UNAVAILABLE');
        await expect(element).toBeAccessible();
    });
});

describe('c-portal-payment-methods: remove and make default', () => {
    const VISA = { ...card(11, '12/28'), label: 'Visa •••• 4242', isDefault: true };
    const MASTER = { ...card(12, '10/29'), label: 'MasterCard •••• 4444', lastFour: '4444' };
    const OLD = { ...card(13, '01/20', true), label: 'JCB •••• 0000', lastFour: '0000' };
    const list = (methods, lastUsableLocked = false) => ({
        paymentMethods: methods,
        hasUsableMethod: methods.some((m) => !m.expired),
        lastUsableLocked
    });
    const button = (element, id, action) => $(element, `[data-method="${id}"] button[data-id="${action}"]`);

    async function renderWith(result) {
        getPaymentMethods.mockResolvedValue(result);
        const element = await render();
        const toasts = [];
        element.addEventListener(ShowToastEventName, (event) => toasts.push(event.detail));
        return { element, toasts };
    }

    beforeEach(() => {
        LightningConfirm.open.mockImplementation(() => Promise.resolve(true));
    });
    afterEach(() => {
        resetDom();
        jest.clearAllMocks();
    });

    it('offers Remove on every card and Make default on usable non-default ones, named for screen readers', async () => {
        const { element } = await renderWith(list([VISA, MASTER, OLD]));
        expect(button(element, 11, 'make-default')).toBeNull();
        expect(button(element, 13, 'make-default')).toBeNull();
        const makeDefault = button(element, 12, 'make-default');
        expect(makeDefault.textContent.trim()).toBe('c.Cards_MakeDefault');
        expect(makeDefault.getAttribute('aria-label')).toBe('c.Cards_MakeDefaultNamed');
        expect(
            $$(element, 'button[data-id="remove"]').map((b) => [b.textContent.trim(), b.disabled])
        ).toEqual([
            ['c.Cards_Remove', false],
            ['c.Cards_Remove', false],
            ['c.Cards_Remove', false]
        ]);
        expect($(element, '[data-id="locked"]')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('makes a card the default: the new list, a toast and an announcement', async () => {
        const { element, toasts } = await renderWith(list([VISA, MASTER]));
        setDefaultPaymentMethod.mockResolvedValue(
            list([
                { ...MASTER, isDefault: true },
                { ...VISA, isDefault: false }
            ])
        );
        button(element, 12, 'make-default').click();
        await flushPromises();
        expect(setDefaultPaymentMethod).toHaveBeenCalledWith({ paymentMethodId: 12 });
        expect($(element, '[data-method="12"] [data-id="default"]')).not.toBeNull();
        expect($(element, '[data-method="11"] [data-id="default"]')).toBeNull();
        expect(button(element, 11, 'make-default')).not.toBeNull();
        expect(toasts).toEqual([{ title: 'c.Cards_DefaultSet', variant: 'success' }]);
        const status = $(element, '[data-id="announcement"]');
        expect(status.getAttribute('role')).toBe('status');
        expect(status.textContent).toBe('c.Cards_DefaultSet');
        await expect(element).toBeAccessible();
    });

    it('removes a card after a confirmation that names it', async () => {
        const { element, toasts } = await renderWith(list([VISA, MASTER]));
        removePaymentMethod.mockResolvedValue(list([{ ...VISA }]));
        button(element, 12, 'remove').click();
        await flushPromises();
        expect(LightningConfirm.open).toHaveBeenCalledWith({
            message: 'c.Cards_RemoveConfirm',
            label: 'c.Cards_RemoveTitle',
            theme: 'warning'
        });
        expect(removePaymentMethod).toHaveBeenCalledWith({ paymentMethodId: 12 });
        expect($(element, '[data-method="12"]')).toBeNull();
        expect(toasts).toEqual([{ title: 'c.Cards_Removed', variant: 'success' }]);
        await expect(element).toBeAccessible();
    });

    it('removing the default says which card is the default now', async () => {
        const { element, toasts } = await renderWith(list([VISA, MASTER]));
        removePaymentMethod.mockResolvedValue(list([{ ...MASTER, isDefault: true }]));
        button(element, 11, 'remove').click();
        await flushPromises();
        expect(toasts[0].title).toBe('c.Cards_RemovedNewDefault');
        expect($(element, '[data-method="12"] [data-id="default"]')).not.toBeNull();
    });

    it('the confirmation declined: nothing is removed', async () => {
        LightningConfirm.open.mockImplementation(() => Promise.resolve(false));
        const { element, toasts } = await renderWith(list([VISA, MASTER]));
        button(element, 12, 'remove').click();
        await flushPromises();
        expect(removePaymentMethod).not.toHaveBeenCalled();
        expect($(element, '[data-method="12"]')).not.toBeNull();
        expect(toasts).toEqual([]);
    });

    it('the last usable card while a service is active cannot be removed, and the page says why', async () => {
        const { element } = await renderWith(list([VISA, OLD], true));
        const remove = button(element, 11, 'remove');
        expect(remove.disabled).toBe(true);
        expect($(element, '[data-method="11"] [data-id="locked"]').textContent.trim()).toBe(
            'c.Cards_LastLocked'
        );
        // The expired card pays nothing: it can go.
        expect(button(element, 13, 'remove').disabled).toBe(false);
        expect($(element, '[data-method="13"] [data-id="locked"]')).toBeNull();
        remove.click();
        await flushPromises();
        expect(LightningConfirm.open).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it.each([
        ['PAYMENT_METHOD_REQUIRED_FOR_SERVICES', 'c.Cards_LastLocked'],
        ['NOT_FOUND', 'c.Error_NOT_FOUND'],
        ['BILLING_UNAVAILABLE', 'c.Error_BILLING_UNAVAILABLE']
    ])('a refusal (%s) is said in words and the list is read again', async (code, text) => {
        const { element, toasts } = await renderWith(list([VISA, MASTER]));
        removePaymentMethod.mockRejectedValue({ body: { message: code } });
        button(element, 12, 'remove').click();
        await flushPromises();
        await flushPromises();
        expect(toasts).toEqual([{ title: 'c.Cards_ActionFailed', message: text, variant: 'error' }]);
        expect($(element, '[data-id="announcement"]').textContent).toBe(text);
        expect(getPaymentMethods).toHaveBeenCalledTimes(2);
        expect(button(element, 12, 'remove').disabled).toBe(false);
        await expect(element).toBeAccessible();
    });

    it('an expired card refused as default is explained', async () => {
        const { element, toasts } = await renderWith(list([VISA, MASTER]));
        setDefaultPaymentMethod.mockRejectedValue({ body: { message: 'PAYMENT_METHOD_EXPIRED' } });
        button(element, 12, 'make-default').click();
        await flushPromises();
        await flushPromises();
        expect(toasts[0].message).toBe('c.Cards_DefaultExpired');
    });
});
