import { createElement } from 'lwc';
import AddressForm from 'c/addressForm';
import { flushPromises, resetDom } from 'test-utils';

const JP = {
    line1: '1-2-3 Jingumae',
    line2: '',
    city: 'Shibuya-ku',
    state: 'Tokyo',
    postalCode: '150-0001',
    country: 'JP'
};

async function render(address) {
    const element = createElement('c-address-form', { is: AddressForm });
    element.address = address;
    const events = [];
    element.addEventListener('addresschange', (event) => events.push(event.detail));
    document.body.appendChild(element);
    await flushPromises();
    return { element, events };
}

const field = (element, name) => element.shadowRoot.querySelector(`[data-field="${name}"]`);
const fieldOrder = (element) =>
    Array.from(element.shadowRoot.querySelectorAll('[data-field]')).map((node) => node.dataset.field);

function change(element, name, value) {
    const input = field(element, name);
    input.value = value;
    input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

describe('c-address-form', () => {
    afterEach(() => {
        resetDom();
    });

    it('asks a Japanese address in Japanese order', async () => {
        const { element } = await render(JP);
        expect(fieldOrder(element)).toEqual(['country', 'postalCode', 'state', 'city', 'line1', 'line2']);
        expect(field(element, 'postalCode').value).toBe('150-0001');
        await expect(element).toBeAccessible();
    });

    it('asks an international address in western order', async () => {
        const { element } = await render({ ...JP, country: 'US', postalCode: '94105' });
        expect(fieldOrder(element)).toEqual(['country', 'line1', 'line2', 'city', 'state', 'postalCode']);
        await expect(element).toBeAccessible();
    });

    it('defaults to Japan and reports every edit with its validity', async () => {
        const { element, events } = await render(undefined);
        expect(field(element, 'country').value).toBe('JP');
        change(element, 'postalCode', '1500001');
        await flushPromises();
        expect(events[events.length - 1].valid).toBe(false);
        expect(element.validate()).toBe(false);
        await flushPromises();
        expect(element.shadowRoot.querySelector('[data-error="line1"]').textContent).toBe(
            'c.Portal_Form_Required'
        );
    });

    it('normalises a 7-digit Japanese postal code on blur', async () => {
        const { element, events } = await render(JP);
        change(element, 'postalCode', '1060032');
        field(element, 'postalCode').dispatchEvent(new CustomEvent('blur'));
        await flushPromises();
        expect(events[events.length - 1].address.postalCode).toBe('106-0032');
        expect(element.validate()).toBe(true);
    });

    it('does not require a state outside Japan', async () => {
        const { element } = await render({ ...JP, country: 'SG', state: '', postalCode: '018956' });
        expect(element.validate()).toBe(true);
    });
});
