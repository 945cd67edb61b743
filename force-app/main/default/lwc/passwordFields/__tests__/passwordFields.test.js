import { createElement } from 'lwc';
import PasswordFields from 'c/passwordFields';
import { flushPromises, resetDom } from 'test-utils';

async function render() {
    const element = createElement('c-password-fields', { is: PasswordFields });
    const events = [];
    element.addEventListener('passwordchange', (event) => events.push(event.detail));
    document.body.appendChild(element);
    await flushPromises();
    return { element, events };
}

function type(element, field, value) {
    const input = element.shadowRoot.querySelector(`lightning-input[data-field="${field}"]`);
    input.value = value;
    input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

const rulesMet = (element) =>
    Array.from(element.shadowRoot.querySelectorAll('[data-rule]')).map((rule) => rule.dataset.met === 'true');
const error = (element, field) =>
    element.shadowRoot.querySelector(`[data-error="${field}"]`).textContent.trim();

describe('c-password-fields', () => {
    afterEach(() => {
        resetDom();
    });

    it('shows the rules, none met yet', async () => {
        const { element } = await render();
        expect(rulesMet(element)).toEqual([false, false, false]);
        await expect(element).toBeAccessible();
    });

    it('checks the rules as typed', async () => {
        const { element } = await render();
        type(element, 'password', '12345678');
        await flushPromises();
        expect(rulesMet(element)).toEqual([true, false, true]);
        type(element, 'password', 'abc1');
        await flushPromises();
        expect(rulesMet(element)).toEqual([false, true, true]);
    });

    it('flags a mismatch as soon as the confirmation is typed', async () => {
        const { element, events } = await render();
        type(element, 'password', 'abcd1234');
        type(element, 'confirmPassword', 'abcd1235');
        await flushPromises();
        expect(error(element, 'confirmPassword')).toBe('c.Error_PASSWORD_MISMATCH');
        expect(events[events.length - 1].valid).toBe(false);
        type(element, 'confirmPassword', 'abcd1234');
        await flushPromises();
        expect(error(element, 'confirmPassword')).toBe('');
        expect(events[events.length - 1]).toEqual({
            password: 'abcd1234',
            confirmPassword: 'abcd1234',
            valid: true
        });
    });

    it('validate() shows required and policy messages', async () => {
        const { element } = await render();
        expect(element.validate()).toBe(false);
        await flushPromises();
        expect(error(element, 'password')).toBe('c.Portal_Form_Required');
        type(element, 'password', 'password');
        await flushPromises();
        expect(error(element, 'password')).toBe('c.Error_PASSWORD_POLICY');
        element.clear();
        await flushPromises();
        expect(error(element, 'password')).toBe('');
    });
});
