import AsyncState from 'c/asyncState';
import { flushPromises, mountElement, resetDom } from 'test-utils';

describe('c-async-state', () => {
    afterEach(() => {
        resetDom();
    });

    it('shows a labelled spinner while loading, in light DOM', async () => {
        const element = mountElement('c-async-state', AsyncState, { loading: true });
        await flushPromises();
        expect(element.shadowRoot).toBeNull();
        const spinner = element.querySelector('[role="status"] lightning-spinner');
        expect(spinner.alternativeText).toBe('c.Portal_Common_Loading');
        expect(element.querySelector('c-error-panel').shadowRoot.textContent).toBe('');
        await expect(element).toBeAccessible();
    });

    it('shows the error in words and no spinner once loading ends', async () => {
        const element = mountElement('c-async-state', AsyncState, { loading: true });
        await flushPromises();
        element.loading = false;
        element.error = { body: { message: 'NOT_A_CUSTOMER' } };
        await flushPromises();
        expect(element.querySelector('lightning-spinner')).toBeNull();
        expect(element.querySelector('c-error-panel').shadowRoot.textContent).toContain(
            'c.Error_NOT_A_CUSTOMER'
        );
        await expect(element).toBeAccessible();
    });

    it('shows the empty message and the slotted action only when empty', async () => {
        const element = mountElement('c-async-state', AsyncState, { emptyMessage: 'Nothing here yet' });
        await flushPromises();
        expect(element.querySelector('[data-id="empty"]')).toBeNull();
        element.empty = true;
        await flushPromises();
        expect(element.querySelector('[data-id="empty"] p').textContent).toBe('Nothing here yet');
        await expect(element).toBeAccessible();
    });

    it('renders nothing visible when loaded without an error', async () => {
        const element = mountElement('c-async-state', AsyncState);
        await flushPromises();
        expect(element.querySelector('lightning-spinner')).toBeNull();
        expect(element.querySelector('c-error-panel').shadowRoot.textContent).toBe('');
        await expect(element).toBeAccessible();
    });
});
