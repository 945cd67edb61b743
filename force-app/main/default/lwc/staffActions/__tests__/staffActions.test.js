import StaffActions from 'c/staffActions';
import { $, $$, renderElement, resetDom } from 'test-utils';

const render = (props) => renderElement('c-staff-actions', StaffActions, props);
const ids = (element) => $$(element, 'lightning-button').map((b) => b.dataset.id);

describe('c-staff-actions', () => {
    afterEach(() => resetDom());

    it('offers Refresh only, until the record allows more', async () => {
        const element = await render({});
        expect(ids(element)).toEqual(['refresh']);
        await expect(element).toBeAccessible();
    });

    it('offers Approve and Retry when allowed, and says which one was pressed', async () => {
        const element = await render({ canApprove: true, canRetry: true });
        expect(ids(element)).toEqual(['refresh', 'approve', 'retry']);
        const pressed = [];
        ['refresh', 'approve', 'retry'].forEach((name) =>
            element.addEventListener(name, () => pressed.push(name))
        );
        ['retry', 'approve', 'refresh'].forEach((id) =>
            $(element, `lightning-button[data-id="${id}"]`).click()
        );
        expect(pressed).toEqual(['retry', 'approve', 'refresh']);
        await expect(element).toBeAccessible();
    });

    it('disables every button while the panel is busy', async () => {
        const element = await render({ canApprove: true, busy: true });
        expect($$(element, 'lightning-button').every((b) => b.disabled)).toBe(true);
    });
});
