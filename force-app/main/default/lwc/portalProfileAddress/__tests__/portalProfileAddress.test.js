import PortalProfileAddress from 'c/portalProfileAddress';
import getAddress from '@salesforce/apex/PortalProfileController.getAddress';
import updateAddress from '@salesforce/apex/PortalProfileController.updateAddress';
import { flushPromises, mountElement, resetDom, $ } from 'test-utils';

const ADDRESS = require('./data/address.json');

jest.mock('@salesforce/apex/PortalProfileController.getAddress', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/PortalProfileController.updateAddress', () => ({ default: jest.fn() }), {
    virtual: true
});

async function render(address = ADDRESS) {
    getAddress.mockResolvedValue(address);
    const element = mountElement('c-portal-profile-address', PortalProfileAddress);
    await flushPromises();
    return element;
}

function edit(form, field, value) {
    const input = form.shadowRoot.querySelector(`[data-field="${field}"]`);
    input.value = value;
    input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

async function startEditing(element) {
    $(element, 'lightning-button[data-id="edit"]').click();
    await flushPromises();
    return $(element, 'c-address-form');
}

describe('c-portal-profile-address', () => {
    afterEach(() => {
        resetDom();
        jest.clearAllMocks();
    });

    it('shows a spinner while loading', async () => {
        getAddress.mockReturnValue(new Promise(() => {}));
        const element = mountElement('c-portal-profile-address', PortalProfileAddress);
        expect($(element, 'lightning-spinner')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows a Japanese address in Japanese order with the postal mark', async () => {
        const element = await render();
        const lines = Array.from(element.shadowRoot.querySelectorAll('[data-id="address"] div')).map(
            (div) => div.textContent
        );
        expect(lines).toEqual(['〒150-0001', 'Tokyo Shibuya-ku', '1-2-3 Jingumae', 'Sakura Building 401']);
        await expect(element).toBeAccessible();
    });

    it('shows an international address in western order', async () => {
        const element = await render({
            line1: '1 Market St',
            line2: null,
            city: 'San Francisco',
            state: 'CA',
            postalCode: '94105',
            country: 'US'
        });
        const lines = Array.from(element.shadowRoot.querySelectorAll('[data-id="address"] div')).map(
            (div) => div.textContent
        );
        expect(lines).toEqual(['1 Market St', 'San Francisco, CA, 94105', 'United States']);
    });

    it('edits in the Japanese form, checks the postal code and saves it normalised', async () => {
        updateAddress.mockImplementation(({ requestJson }) => Promise.resolve(JSON.parse(requestJson)));
        const element = await render();
        const form = await startEditing(element);
        expect(form.shadowRoot.querySelector('[data-field="state"]').label).toBe(
            'c.Portal_Address_Prefecture'
        );

        edit(form, 'postalCode', '15-0001');
        await flushPromises();
        expect(form.shadowRoot.querySelector('[data-error="postalCode"]').textContent).toBe(
            'c.Portal_Address_PostalCodeInvalid'
        );
        $(element, 'lightning-button[data-id="save"]').click();
        await flushPromises();
        expect(updateAddress).not.toHaveBeenCalled();

        edit(form, 'postalCode', '1060032');
        edit(form, 'city', 'Minato-ku');
        await flushPromises();
        expect(form.shadowRoot.querySelector('[data-error="postalCode"]').textContent).toBe('');
        await expect(element).toBeAccessible();
        $(element, 'lightning-button[data-id="save"]').click();
        await flushPromises();

        expect(JSON.parse(updateAddress.mock.calls[0][0].requestJson)).toEqual({
            ...ADDRESS,
            postalCode: '106-0032',
            city: 'Minato-ku'
        });
        expect($(element, '[data-id="status"]').textContent).toBe('c.Portal_Profile_Saved');
        expect($(element, '[data-id="address"]').textContent).toContain('〒106-0032');
    });

    it('switches to the international form when the country changes and checks that country', async () => {
        const element = await render();
        const form = await startEditing(element);
        const country = form.shadowRoot.querySelector('lightning-combobox[data-field="country"]');
        expect(country.options.map((option) => option.value)).toContain('US');
        country.dispatchEvent(new CustomEvent('change', { detail: { value: 'US' } }));
        await flushPromises();
        expect(form.shadowRoot.querySelector('[data-field="state"]').label).toBe('c.Portal_Address_State');
        edit(form, 'postalCode', '150-0001');
        await flushPromises();
        expect(form.shadowRoot.querySelector('[data-error="postalCode"]').textContent).toBe(
            'c.Portal_Address_PostalCodeInvalid'
        );
        edit(form, 'postalCode', '94105');
        await flushPromises();
        expect(form.shadowRoot.querySelector('[data-error="postalCode"]').textContent).toBe('');
    });

    it('requires the street, city and prefecture', async () => {
        const element = await render();
        const form = await startEditing(element);
        edit(form, 'line1', '');
        edit(form, 'state', '');
        await flushPromises();
        $(element, 'lightning-button[data-id="save"]').click();
        await flushPromises();
        expect(updateAddress).not.toHaveBeenCalled();
        expect(form.shadowRoot.querySelector('[data-error="line1"]').textContent).toBe(
            'c.Portal_Form_Required'
        );
        expect(form.shadowRoot.querySelector('[data-error="state"]').textContent).toBe(
            'c.Portal_Form_Required'
        );
    });

    it('keeps the form and shows the error when saving fails', async () => {
        updateAddress.mockRejectedValue({ body: { message: 'BILLING_UNAVAILABLE' } });
        const element = await render();
        await startEditing(element);
        $(element, 'lightning-button[data-id="save"]').click();
        await flushPromises();
        expect($(element, 'c-error-panel').shadowRoot.textContent).toContain('c.Error_BILLING_UNAVAILABLE');
        expect($(element, 'c-address-form')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('cancel returns to the saved address', async () => {
        const element = await render();
        await startEditing(element);
        $(element, 'lightning-button[data-id="cancel"]').click();
        await flushPromises();
        expect($(element, 'c-address-form')).toBeNull();
        expect($(element, '[data-id="address"]')).not.toBeNull();
    });

    it('shows the load error in words', async () => {
        getAddress.mockRejectedValue({ body: { message: 'NOT_A_CUSTOMER' } });
        const element = mountElement('c-portal-profile-address', PortalProfileAddress);
        await flushPromises();
        expect($(element, 'c-error-panel').shadowRoot.textContent).toContain('c.Error_NOT_A_CUSTOMER');
        expect($(element, 'lightning-button[data-id="edit"]')).toBeNull();
    });
});
