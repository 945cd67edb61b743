import { createElement } from 'lwc';
import ErrorPanel from 'c/errorPanel';
import { flushPromises, resetDom } from 'test-utils';

async function render(error, variant) {
    const element = createElement('c-error-panel', { is: ErrorPanel });
    element.error = error;
    if (variant) {
        element.variant = variant;
    }
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

const message = (element) => element.shadowRoot.querySelector('[role="alert"]');

describe('c-error-panel', () => {
    afterEach(() => {
        resetDom();
    });

    it('renders nothing without an error', async () => {
        const element = await render(undefined);
        expect(message(element)).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('maps an Apex error code to its label in an alert', async () => {
        const element = await render({ body: { message: 'PAYMENT_METHOD_REQUIRED' }, status: 400 });
        expect(message(element).textContent.trim()).toBe('c.Error_PAYMENT_METHOD_REQUIRED');
        await expect(element).toBeAccessible();
    });

    it('accepts a bare code string and a violation object', async () => {
        const fromString = await render('MNP_DETAILS_INVALID', 'inline');
        expect(message(fromString).textContent.trim()).toBe('c.Error_MNP_DETAILS_INVALID');
        expect(message(fromString).classList.contains('slds-form-element__help')).toBe(true);
        const fromViolation = await render({ code: 'VPN_REGION_REQUIRED', message: 'x', lineId: 'VPN-PRO' });
        expect(message(fromViolation).textContent.trim()).toBe('c.Error_VPN_REGION_REQUIRED');
        await expect(fromString).toBeAccessible();
    });

    it('falls back to the unexpected error for unknown codes, platform messages and network failures', async () => {
        for (const error of [
            'SOMETHING_NEW',
            { body: { message: 'Disconnected or Canceled' } },
            new TypeError('x')
        ]) {
            // eslint-disable-next-line no-await-in-loop
            const element = await render(error);
            expect(message(element).textContent.trim()).toBe('c.Error_UNEXPECTED');
        }
    });

    it('reads the first message of a list body', async () => {
        const element = await render({ body: [{ message: 'NOT_FOUND' }] });
        expect(message(element).textContent.trim()).toBe('c.Error_NOT_FOUND');
    });

    it('updates when the error changes', async () => {
        const element = await render('NOT_FOUND');
        element.error = undefined;
        await flushPromises();
        expect(message(element)).toBeNull();
    });
});
