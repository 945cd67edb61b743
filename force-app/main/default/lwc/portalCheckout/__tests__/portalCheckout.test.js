import PortalCheckout from 'c/portalCheckout';
import getCatalog from '@salesforce/apex/PortalCatalogController.getCatalog';
import getCheckoutContext from '@salesforce/apex/PortalCheckoutController.getCheckoutContext';
import submitOrder from '@salesforce/apex/PortalCheckoutController.submitOrder';
import createSsoLink from '@salesforce/apex/PortalBillingController.createSsoLink';
import { CurrentPageReference, getNavigateCalledWith, resetNavigationMock } from 'lightning/navigation';
import { openUrl } from 'c/portalUrl';
import { flushPromises, mountElement, resetDom, $, $$ } from 'test-utils';

const CATALOG = require('./data/catalog.json');
const CONTEXT = require('./data/context.json');

jest.mock(
    '@salesforce/apex/PortalCatalogController.getCatalog',
    () => {
        const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);
jest.mock('@salesforce/apex/PortalCheckoutController.getCheckoutContext', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/PortalCheckoutController.submitOrder', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/PortalBillingController.createSsoLink', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('c/portalUrl', () => ({ openUrl: jest.fn() }));

function isoInDays(days) {
    const date = new Date();
    date.setDate(date.getDate() + days);
    const pad = (n) => String(n).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

async function render(category, { context = CONTEXT, plan } = {}) {
    getCheckoutContext.mockResolvedValue(context);
    const element = mountElement('c-portal-checkout', PortalCheckout);
    CurrentPageReference.emit({
        type: 'comm__namedPage',
        attributes: { name: 'Checkout__c' },
        state: category ? { category, plan } : {}
    });
    getCatalog.emit(CATALOG);
    await flushPromises();
    return element;
}

function choose(element, selector, value) {
    const input = $(element, selector);
    input.value = value;
    input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

function check(element, selector, checked = true) {
    const input = $(element, selector);
    input.checked = checked;
    input.dispatchEvent(new CustomEvent('change', { detail: { checked } }));
}

function type(element, field, value) {
    const input = $(element, `lightning-input[data-field="${field}"]`);
    input.value = value;
    input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

const text = (element, selector) => ($(element, selector) ? $(element, selector).textContent.trim() : '');
const lastRequest = (index = submitOrder.mock.calls.length - 1) =>
    JSON.parse(submitOrder.mock.calls[index][0].requestJson);
const violationCodes = (element, anchor) =>
    $$(element, `[data-anchor="${anchor}"] c-error-panel[data-violation]`).map(
        (panel) => panel.dataset.violation
    );

async function fillSim(element, { mnp = false } = {}) {
    choose(element, 'lightning-radio-group[data-id="plan"]', 'SIM-VOICE-20GB');
    if (mnp) {
        check(element, 'lightning-input[data-id="mnp-toggle"]');
        await flushPromises();
        type(element, 'reservationNumber', '1234567890');
        type(element, 'expiresOn', isoInDays(14));
        type(element, 'phoneNumber', '090-1234-5678');
        type(element, 'holderName', 'Kenta Suzuki');
    }
    await flushPromises();
}

async function fillInternet(element) {
    choose(element, 'lightning-radio-group[data-id="plan"]', 'INT-FIBER-1G');
    choose(element, 'lightning-radio-group[data-id="installation"]', 'INT-INSTALL-STANDARD');
    check(element, 'lightning-input[data-id="confirm-address"]');
    await flushPromises();
}

describe('c-portal-checkout', () => {
    afterEach(() => {
        resetDom();
        resetNavigationMock();
        jest.clearAllMocks();
    });

    describe('loading and errors', () => {
        it('shows a spinner while the context loads', async () => {
            getCheckoutContext.mockReturnValue(new Promise(() => {}));
            const element = mountElement('c-portal-checkout', PortalCheckout);
            expect($(element, 'lightning-spinner')).not.toBeNull();
            expect($(element, 'lightning-button[data-id="submit"]')).toBeNull();
            await expect(element).toBeAccessible();
        });

        it('shows the error label when the context cannot be loaded', async () => {
            getCheckoutContext.mockRejectedValue({ body: { message: 'NOT_A_CUSTOMER' } });
            const element = mountElement('c-portal-checkout', PortalCheckout);
            getCatalog.emit(CATALOG);
            await flushPromises();
            const panel = $(element, 'c-error-panel');
            expect(panel.shadowRoot.textContent).toContain('c.Error_NOT_A_CUSTOMER');
            expect($(element, 'lightning-button[data-id="submit"]')).toBeNull();
            await expect(element).toBeAccessible();
        });

        it('asks for the category when the page state has none', async () => {
            const element = await render(undefined);
            const picker = $(element, 'lightning-radio-group[data-id="category"]');
            expect(picker.options.map((option) => option.value)).toEqual(['Internet', 'SIM', 'VPN']);
            choose(element, 'lightning-radio-group[data-id="category"]', 'VPN');
            await flushPromises();
            expect($(element, 'lightning-combobox[data-id="region"]')).not.toBeNull();
            await expect(element).toBeAccessible();
        });
    });

    it('says so when nothing in the category can be ordered, and cannot submit', async () => {
        getCheckoutContext.mockResolvedValue(CONTEXT);
        const element = mountElement('c-portal-checkout', PortalCheckout);
        CurrentPageReference.emit({ state: { category: 'VPN' } });
        getCatalog.emit(CATALOG.filter((item) => item.category !== 'VPN'));
        await flushPromises();
        expect(text(element, '[data-id="no-plans"]')).toBe('c.Portal_Checkout_NotAvailable');
        expect(text(element, '[data-id="one-time-total"]')).toBe('¥0');
        $(element, 'lightning-button[data-id="submit"]').click();
        await flushPromises();
        expect(submitOrder).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    describe('payment method', () => {
        it('without a payment method shows the notice first, offers SSO and blocks submit', async () => {
            const element = await render('SIM', { context: { ...CONTEXT, paymentMethodOnFile: false } });
            const notice = $(element, '[data-id="no-payment"]');
            expect(notice).not.toBeNull();
            // The notice comes before the order form in the document.
            const plan = $(element, 'lightning-radio-group[data-id="plan"]');
            expect(notice.compareDocumentPosition(plan) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
            expect($(element, 'lightning-button[data-id="submit"]').disabled).toBe(true);

            createSsoLink.mockResolvedValue({
                url: 'https://billing.example/sso/abc',
                expiresAt: '2026-01-01T00:00:00Z'
            });
            const sso = notice.querySelector('c-sso-button');
            sso.shadowRoot.querySelector('lightning-button').click();
            await flushPromises();
            expect(createSsoLink).toHaveBeenCalledWith({
                destination: 'add-payment-method',
                invoiceId: null
            });
            expect(openUrl).toHaveBeenCalledWith('https://billing.example/sso/abc');
            await expect(element).toBeAccessible();
        });

        it('shows an SSO error in words when the link cannot be created', async () => {
            const element = await render('SIM', { context: { ...CONTEXT, paymentMethodOnFile: false } });
            createSsoLink.mockRejectedValue({ body: { message: 'BILLING_UNAVAILABLE' } });
            const sso = $(element, 'c-sso-button');
            sso.shadowRoot.querySelector('lightning-button').click();
            await flushPromises();
            expect(sso.shadowRoot.querySelector('c-error-panel').shadowRoot.textContent).toContain(
                'c.Error_BILLING_UNAVAILABLE'
            );
            expect(openUrl).not.toHaveBeenCalled();
        });
    });

    describe('SIM', () => {
        it('preselects the plan from the catalog, always includes the activation fee and splits totals', async () => {
            const element = await render('SIM', { plan: 'SIM-VOICE-20GB' });
            expect($(element, 'lightning-radio-group[data-id="plan"]').value).toBe('SIM-VOICE-20GB');
            expect(text(element, '[data-id="activation-fee"]')).toBe(
                'c.Portal_Checkout_ActivationFeeIncluded'
            );

            choose(element, 'lightning-checkbox-group[data-id="addons"]', ['SIM-VOICEMAIL']);
            await flushPromises();
            expect($$(element, '[data-line]').map((li) => li.dataset.line)).toEqual([
                'SIM-VOICE-20GB',
                'SIM-VOICEMAIL',
                'SIM-ACTIVATION'
            ]);
            expect(text(element, '[data-id="monthly-total"]')).toBe('¥2,810');
            expect(text(element, '[data-id="one-time-total"]')).toBe('¥3,300');
            await expect(element).toBeAccessible();
        });

        it('validates the reservation number as typed: 9 digits, 11 digits and letters are rejected', async () => {
            const element = await render('SIM');
            await fillSim(element);
            check(element, 'lightning-input[data-id="mnp-toggle"]');
            await flushPromises();

            for (const bad of ['123456789', '12345678901', '12345abcde']) {
                type(element, 'reservationNumber', bad);
                // eslint-disable-next-line no-await-in-loop
                await flushPromises();
                expect(text(element, '[data-error="reservationNumber"]')).toBe(
                    'c.Portal_Checkout_MnpReservationInvalid'
                );
            }
            type(element, 'reservationNumber', '1234567890');
            await flushPromises();
            expect(text(element, '[data-error="reservationNumber"]')).toBe('');
            await expect(element).toBeAccessible();
        });

        it('shows days left, warns under 10 days and rejects a past expiry date', async () => {
            const element = await render('SIM');
            check(element, 'lightning-input[data-id="mnp-toggle"]');
            await flushPromises();

            type(element, 'expiresOn', isoInDays(14));
            await flushPromises();
            expect(text(element, '[data-id="days-left"]')).toBe('c.Portal_Checkout_MnpDaysLeft');
            expect(text(element, '[data-warning="expiresOn"]')).toBe('');
            expect(text(element, '[data-error="expiresOn"]')).toBe('');

            type(element, 'expiresOn', isoInDays(9));
            await flushPromises();
            expect(text(element, '[data-warning="expiresOn"]')).toBe('c.Portal_Checkout_MnpExpirySoon');
            expect(text(element, '[data-error="expiresOn"]')).toBe('');

            type(element, 'expiresOn', isoInDays(-1));
            await flushPromises();
            expect(text(element, '[data-error="expiresOn"]')).toBe('c.Portal_Checkout_MnpExpired');
            expect(text(element, '[data-warning="expiresOn"]')).toBe('');
        });

        it('accepts the expiry date as carriers write it and rejects what is not a date', async () => {
            const element = await render('SIM');
            check(element, 'lightning-input[data-id="mnp-toggle"]');
            await flushPromises();

            type(element, 'expiresOn', isoInDays(12).replace(/-/g, '/'));
            await flushPromises();
            expect(text(element, '[data-error="expiresOn"]')).toBe('');
            expect(text(element, '[data-id="days-left"]')).toBe('c.Portal_Checkout_MnpDaysLeft');

            for (const bad of ['next week', '2026-02-30', '31/12/2026']) {
                type(element, 'expiresOn', bad);
                // eslint-disable-next-line no-await-in-loop
                await flushPromises();
                expect(text(element, '[data-error="expiresOn"]')).toBe('c.Portal_Checkout_MnpExpiryInvalid');
                expect(text(element, '[data-id="days-left"]')).toBe('');
            }
        });

        it('rejects a phone number that is not 070/080/090 + 8 digits', async () => {
            const element = await render('SIM');
            check(element, 'lightning-input[data-id="mnp-toggle"]');
            await flushPromises();

            for (const bad of ['03-1234-5678', '090-1234-567', '0601234567a']) {
                type(element, 'phoneNumber', bad);
                // eslint-disable-next-line no-await-in-loop
                await flushPromises();
                expect(text(element, '[data-error="phoneNumber"]')).toBe('c.Portal_Checkout_MnpPhoneInvalid');
            }
            type(element, 'phoneNumber', '080 1234 5678');
            await flushPromises();
            expect(text(element, '[data-error="phoneNumber"]')).toBe('');
        });

        it('does not submit incomplete MNP details and shows what is missing', async () => {
            const element = await render('SIM');
            await fillSim(element);
            check(element, 'lightning-input[data-id="mnp-toggle"]');
            await flushPromises();
            $(element, 'lightning-button[data-id="submit"]').click();
            await flushPromises();

            expect(submitOrder).not.toHaveBeenCalled();
            expect(text(element, '[data-error="holderName"]')).toBe('c.Portal_Form_Required');
            expect(text(element, '[data-id="fix-errors"]')).toBe('c.Portal_Checkout_FixErrors');
        });

        it('sends the MNP details on the plan line and navigates to the new order', async () => {
            submitOrder.mockResolvedValue({
                ok: true,
                orderId: '801000000000001AAA',
                orderNumber: '00000101',
                violations: []
            });
            const element = await render('SIM');
            await fillSim(element, { mnp: true });
            $(element, 'lightning-button[data-id="submit"]').click();
            await flushPromises();

            const request = lastRequest();
            expect(request.category).toBe('SIM');
            expect(request.requestKey).toEqual(expect.any(String));
            expect(request.lines).toEqual([
                {
                    productCode: 'SIM-VOICE-20GB',
                    quantity: 1,
                    details: {
                        mnp: {
                            reservationNumber: '1234567890',
                            expiresOn: isoInDays(14),
                            phoneNumber: '09012345678',
                            holderName: 'Kenta Suzuki'
                        }
                    }
                },
                { productCode: 'SIM-ACTIVATION', quantity: 1 }
            ]);
            const { pageReference } = getNavigateCalledWith();
            expect(pageReference).toEqual({
                type: 'comm__namedPage',
                attributes: { name: 'Order_Detail__c' },
                state: { orderId: '801000000000001AAA' }
            });
        });

        it('shows MNP violation codes next to the MNP fields and line violations next to their field', async () => {
            submitOrder.mockResolvedValue({
                ok: false,
                violations: [
                    { code: 'MNP_RESERVATION_EXPIRING', message: 'expiring', lineId: 'SIM-VOICE-20GB' },
                    { code: 'PRODUCT_NOT_ORDERABLE', message: 'no', lineId: 'SIM-VOICEMAIL' },
                    { code: 'SIM_ACTIVATION_FEE_REQUIRED', message: 'fee' }
                ]
            });
            const element = await render('SIM');
            await fillSim(element, { mnp: true });
            choose(element, 'lightning-checkbox-group[data-id="addons"]', ['SIM-VOICEMAIL']);
            await flushPromises();
            $(element, 'lightning-button[data-id="submit"]').click();
            await flushPromises();

            expect(violationCodes(element, 'mnp')).toEqual(['MNP_RESERVATION_EXPIRING']);
            expect(violationCodes(element, 'addons')).toEqual(['PRODUCT_NOT_ORDERABLE']);
            expect(violationCodes(element, 'fee')).toEqual(['SIM_ACTIVATION_FEE_REQUIRED']);
            const mnpPanel = $(element, '[data-anchor="mnp"] c-error-panel');
            expect(mnpPanel.shadowRoot.textContent).toContain('c.Error_MNP_RESERVATION_EXPIRING');
            expect(getNavigateCalledWith()).toBeUndefined();
            await expect(element).toBeAccessible();
        });
    });

    describe('submitting safely', () => {
        it('a double click sends one order and disables the button while sending', async () => {
            let resolveSubmit;
            submitOrder.mockReturnValue(
                new Promise((resolve) => {
                    resolveSubmit = resolve;
                })
            );
            const element = await render('SIM');
            await fillSim(element);
            const button = $(element, 'lightning-button[data-id="submit"]');
            button.click();
            button.click();
            await flushPromises();

            expect(submitOrder).toHaveBeenCalledTimes(1);
            expect(button.disabled).toBe(true);
            resolveSubmit({ ok: true, orderId: '801000000000002AAA', violations: [] });
            await flushPromises();
            expect(getNavigateCalledWith().pageReference.state.orderId).toBe('801000000000002AAA');
        });

        it('after a network error a retry reuses the same request key', async () => {
            submitOrder
                .mockRejectedValueOnce({ body: { message: 'Disconnected or Canceled' } })
                .mockResolvedValueOnce({ ok: true, orderId: '801000000000003AAA', violations: [] });
            const element = await render('SIM');
            await fillSim(element);
            const button = $(element, 'lightning-button[data-id="submit"]');
            button.click();
            await flushPromises();

            expect($(element, 'c-error-panel[data-id="submit-error"]').shadowRoot.textContent).toContain(
                'c.Error_UNEXPECTED'
            );
            expect(text(element, '[data-id="retry-hint"]')).toBe('c.Portal_Checkout_RetrySafe');
            expect(button.disabled).toBe(false);
            await expect(element).toBeAccessible();

            button.click();
            await flushPromises();
            expect(submitOrder).toHaveBeenCalledTimes(2);
            expect(lastRequest(1).requestKey).toBe(lastRequest(0).requestKey);
            expect(getNavigateCalledWith().pageReference.state.orderId).toBe('801000000000003AAA');
        });

        it('after a definite rejection the corrected order gets a new request key', async () => {
            submitOrder
                .mockResolvedValueOnce({
                    ok: false,
                    violations: [{ code: 'SIM_PLAN_REQUIRED', message: 'plan' }]
                })
                .mockResolvedValueOnce({ ok: true, orderId: '801000000000004AAA', violations: [] });
            const element = await render('SIM');
            await fillSim(element);
            const button = $(element, 'lightning-button[data-id="submit"]');
            button.click();
            await flushPromises();
            expect(violationCodes(element, 'plan')).toEqual(['SIM_PLAN_REQUIRED']);

            button.click();
            await flushPromises();
            expect(lastRequest(1).requestKey).not.toBe(lastRequest(0).requestKey);
        });

        it('a payment-method violation is shown at the top with the SSO action', async () => {
            submitOrder.mockResolvedValue({
                ok: false,
                violations: [{ code: 'PAYMENT_METHOD_REQUIRED', message: 'no card' }]
            });
            const element = await render('SIM');
            await fillSim(element);
            $(element, 'lightning-button[data-id="submit"]').click();
            await flushPromises();
            expect(violationCodes(element, 'payment')).toEqual(['PAYMENT_METHOD_REQUIRED']);
            expect($(element, '[data-anchor="payment"] c-sso-button').destination).toBe('add-payment-method');
        });
    });

    describe('Internet', () => {
        it('requires an explicit installation option and address confirmation', async () => {
            const element = await render('Internet');
            expect($(element, 'lightning-radio-group[data-id="installation"]').value).toBeUndefined();
            expect(text(element, '[data-id="installation-address"]')).toContain('〒150-0001');

            choose(element, 'lightning-radio-group[data-id="plan"]', 'INT-FIBER-1G');
            $(element, 'lightning-button[data-id="submit"]').click();
            await flushPromises();
            expect(submitOrder).not.toHaveBeenCalled();
            expect(text(element, '[data-error="installation"]')).toBe('c.Portal_Checkout_SelectOne');
            expect(text(element, '[data-error="address"]')).toBe('c.Portal_Form_Required');
            await expect(element).toBeAccessible();
        });

        it('sends the confirmed billing address unchanged', async () => {
            submitOrder.mockResolvedValue({ ok: true, orderId: '801000000000005AAA', violations: [] });
            const element = await render('Internet');
            await fillInternet(element);
            expect(text(element, '[data-id="one-time-total"]')).toBe('¥19,800');
            $(element, 'lightning-button[data-id="submit"]').click();
            await flushPromises();

            const request = lastRequest();
            expect(request.lines.map((line) => line.productCode)).toEqual([
                'INT-FIBER-1G',
                'INT-INSTALL-STANDARD'
            ]);
            expect(request.installationAddress).toEqual({
                address: CONTEXT.billingAddress,
                confirmed: true,
                changed: false
            });
        });

        it('editing the address marks it changed and asks for confirmation again', async () => {
            submitOrder.mockResolvedValue({ ok: true, orderId: '801000000000006AAA', violations: [] });
            const element = await render('Internet');
            await fillInternet(element);
            $(element, 'lightning-button[data-id="edit-address"]').click();
            await flushPromises();

            const form = $(element, 'c-address-form');
            const city = form.shadowRoot.querySelector('lightning-input[data-field="city"]');
            city.value = 'Minato-ku';
            city.dispatchEvent(new CustomEvent('change', { detail: { value: 'Minato-ku' } }));
            await flushPromises();

            expect($(element, '[data-id="address-changed"]')).not.toBeNull();
            expect($(element, 'lightning-input[data-id="confirm-address"]').checked).toBe(false);
            check(element, 'lightning-input[data-id="confirm-address"]');
            await flushPromises();
            $(element, 'lightning-button[data-id="submit"]').click();
            await flushPromises();

            const request = lastRequest();
            expect(request.installationAddress.changed).toBe(true);
            expect(request.installationAddress.confirmed).toBe(true);
            expect(request.installationAddress.address.city).toBe('Minato-ku');
            await expect(element).toBeAccessible();
        });

        it('shows the address violation next to the confirmation', async () => {
            submitOrder.mockResolvedValue({
                ok: false,
                violations: [
                    { code: 'INSTALLATION_ADDRESS_NOT_CONFIRMED', message: 'confirm' },
                    { code: 'INTERNET_ALREADY_ACTIVE', message: 'already' }
                ]
            });
            const element = await render('Internet');
            await fillInternet(element);
            $(element, 'lightning-button[data-id="submit"]').click();
            await flushPromises();
            expect(violationCodes(element, 'address')).toEqual(['INSTALLATION_ADDRESS_NOT_CONFIRMED']);
            expect(violationCodes(element, 'general')).toEqual(['INTERNET_ALREADY_ACTIVE']);
        });

        it('tells the customer about an order already in progress', async () => {
            const element = await render('Internet', {
                context: { ...CONTEXT, openOrderCategories: ['Internet'] }
            });
            expect(text(element, '[data-id="open-order"]')).toBe('c.Portal_Checkout_OpenOrder');
        });
    });

    describe('VPN', () => {
        it('offers the regions from the context and sends the region with the activation fee', async () => {
            submitOrder.mockResolvedValue({ ok: true, orderId: '801000000000007AAA', violations: [] });
            const element = await render('VPN');
            const region = $(element, 'lightning-combobox[data-id="region"]');
            expect(region.options.map((option) => option.value)).toEqual(['JP', 'US', 'SG', 'DE']);

            choose(element, 'lightning-radio-group[data-id="plan"]', 'VPN-PRO');
            $(element, 'lightning-button[data-id="submit"]').click();
            await flushPromises();
            expect(submitOrder).not.toHaveBeenCalled();
            expect(text(element, '[data-error="region"]')).toBe('c.Portal_Checkout_SelectOne');

            choose(element, 'lightning-combobox[data-id="region"]', 'SG');
            await flushPromises();
            expect(text(element, '[data-id="monthly-total"]')).toBe('¥1,480');
            expect(text(element, '[data-id="one-time-total"]')).toBe('¥1,100');
            $(element, 'lightning-button[data-id="submit"]').click();
            await flushPromises();
            expect(lastRequest().lines).toEqual([
                { productCode: 'VPN-PRO', quantity: 1, details: { vpnRegion: 'SG' } },
                { productCode: 'VPN-ACTIVATION', quantity: 1 }
            ]);
            await expect(element).toBeAccessible();
        });

        it('shows a region violation next to the region field', async () => {
            submitOrder.mockResolvedValue({
                ok: false,
                violations: [{ code: 'VPN_REGION_REQUIRED', message: 'region', lineId: 'VPN-PRO' }]
            });
            const element = await render('VPN');
            choose(element, 'lightning-radio-group[data-id="plan"]', 'VPN-PRO');
            choose(element, 'lightning-combobox[data-id="region"]', 'JP');
            await flushPromises();
            $(element, 'lightning-button[data-id="submit"]').click();
            await flushPromises();
            expect(violationCodes(element, 'region')).toEqual(['VPN_REGION_REQUIRED']);
        });
    });
});
