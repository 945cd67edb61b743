import { LightningElement, api } from 'lwc';
import STEP_DONE from '@salesforce/label/c.Portal_OrderDetail_StepDone';
import STEP_CURRENT from '@salesforce/label/c.Portal_OrderDetail_StepCurrent';
import STEP_TODO from '@salesforce/label/c.Portal_OrderDetail_StepTodo';
import STEP_HELD from '@salesforce/label/c.Portal_OrderDetail_StepHeld';

const STATE_TEXT = { done: STEP_DONE, current: STEP_CURRENT, todo: STEP_TODO, held: STEP_HELD };
const STATE_ICON = {
    done: 'utility:success',
    current: 'utility:clock',
    todo: 'utility:routing_offline',
    held: 'utility:warning'
};

/**
 * The steps of an order or a service request, in order: each done, current, held or still to do, with an
 * icon and, for screen readers, its state in words; the current or held one is announced as the current
 * step.
 */
export default class ProgressSteps extends LightningElement {
    /** The section's heading. */
    @api heading;
    /** `[{ key, label, state }]`, state one of done, current, held, todo (anything else shows as todo). */
    @api steps = [];

    get items() {
        const steps = this.steps || [];
        return steps.map((step, index) => {
            const state = STATE_TEXT[step.state] ? step.state : 'todo';
            return {
                key: step.key,
                label: step.label,
                state,
                stateText: STATE_TEXT[state],
                icon: STATE_ICON[state],
                isCurrent: state === 'current' || state === 'held' ? 'step' : null,
                hasNext: index < steps.length - 1
            };
        });
    }
}
