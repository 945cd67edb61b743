import FieldFeedback from 'c/fieldFeedback';
import { flushPromises, mountElement, resetDom } from 'test-utils';

const VIOLATIONS = [
    { key: 'plan-0', code: 'PLAN_NOT_AVAILABLE' },
    { key: 'plan-1', code: 'UNKNOWN_CODE' }
];

describe('c-field-feedback', () => {
    afterEach(() => {
        resetDom();
    });

    it('renders the error paragraph and one inline panel per violation in light DOM', async () => {
        const element = mountElement('c-field-feedback', FieldFeedback, {
            errorKey: 'plan',
            message: 'Choose one',
            violations: VIOLATIONS
        });
        await flushPromises();
        expect(element.shadowRoot).toBeNull();
        const paragraph = element.querySelector('p[data-error="plan"]');
        expect(paragraph.textContent.trim()).toBe('Choose one');
        expect(paragraph.getAttribute('aria-live')).toBeNull();
        const panels = Array.from(element.querySelectorAll('c-error-panel[data-violation]'));
        expect(panels.map((panel) => panel.dataset.violation)).toEqual([
            'PLAN_NOT_AVAILABLE',
            'UNKNOWN_CODE'
        ]);
        expect(panels.map((panel) => panel.variant)).toEqual(['inline', 'inline']);
        await expect(element).toBeAccessible();
    });

    it('keeps an empty paragraph for a valid field and announces politely when asked', async () => {
        const element = mountElement('c-field-feedback', FieldFeedback, {
            errorKey: 'holderName',
            live: 'polite'
        });
        await flushPromises();
        const paragraph = element.querySelector('p[data-error="holderName"]');
        expect(paragraph.textContent.trim()).toBe('');
        expect(paragraph.getAttribute('aria-live')).toBe('polite');
        expect(element.querySelector('c-error-panel')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('renders only the violations without an error key', async () => {
        const element = mountElement('c-field-feedback', FieldFeedback, { violations: [VIOLATIONS[0]] });
        await flushPromises();
        expect(element.querySelector('p')).toBeNull();
        expect(element.querySelectorAll('c-error-panel[data-violation="PLAN_NOT_AVAILABLE"]')).toHaveLength(
            1
        );
        await expect(element).toBeAccessible();
    });
});
