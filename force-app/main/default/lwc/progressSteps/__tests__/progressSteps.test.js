import ProgressSteps from 'c/progressSteps';
import { $, $$, renderElement, resetDom } from 'test-utils';

const render = (props) => renderElement('c-progress-steps', ProgressSteps, props);
const STEPS = [
    { key: 'Submitted', label: 'Submitted', state: 'done' },
    { key: 'Approved', label: 'Approved', state: 'held' },
    { key: 'Active', label: 'Active', state: 'todo' }
];

describe('c-progress-steps', () => {
    afterEach(() => resetDom());

    it('shows each step with its state, and marks the current one for screen readers', async () => {
        const element = await render({ heading: 'Progress', steps: STEPS });
        expect($(element, 'h3').textContent).toBe('Progress');
        const items = $$(element, '[data-step]');
        expect(items.map((li) => [li.dataset.step, li.dataset.state])).toEqual([
            ['Submitted', 'done'],
            ['Approved', 'held'],
            ['Active', 'todo']
        ]);
        expect(items.map((li) => li.getAttribute('aria-current'))).toEqual([null, 'step', null]);
        expect(items.map((li) => li.querySelector('lightning-icon').iconName)).toEqual([
            'utility:success',
            'utility:warning',
            'utility:routing_offline'
        ]);
        expect(items[1].querySelector('.slds-assistive-text').textContent).toBe(
            '(c.Portal_OrderDetail_StepHeld)'
        );
        // A separator between steps, none after the last.
        expect(items.map((li) => li.querySelectorAll('[aria-hidden="true"]').length)).toEqual([1, 1, 0]);
        await expect(element).toBeAccessible();
    });

    it('shows an unknown state as still to do, and nothing for no steps', async () => {
        const element = await render({
            heading: 'Progress',
            steps: [{ key: 'X', label: 'X', state: 'odd' }]
        });
        expect($(element, '[data-step="X"]').dataset.state).toBe('todo');
        element.steps = null;
        await Promise.resolve();
        expect($$(element, '[data-step]')).toHaveLength(0);
    });
});
