import Pager from 'c/pager';
import { flushPromises, mountElement, resetDom } from 'test-utils';

jest.mock('@salesforce/label/c.Portal_Common_PageOf', () => ({ default: 'Page {0} of {1}' }), {
    virtual: true
});

async function render(props) {
    const element = mountElement('c-pager', Pager, props);
    const pages = [];
    element.addEventListener('pagechange', (event) => pages.push(event.detail.page));
    await flushPromises();
    return { element, pages, button: (id) => element.querySelector(`lightning-button[data-id="${id}"]`) };
}

describe('c-pager', () => {
    afterEach(() => {
        resetDom();
    });

    it.each([0, 1, 10])('shows nothing when all %i items fit on one page', async (total) => {
        const { element } = await render({ page: 1, total, pageSize: 10 });
        expect(element.querySelector('nav')).toBeNull();
    });

    it('says where the reader is and asks for the next and previous pages, in light DOM', async () => {
        const { element, pages, button } = await render({ page: 2, total: 25, pageSize: 10 });
        expect(element.shadowRoot).toBeNull();
        expect(element.querySelector('[data-id="page"]').textContent).toBe('Page 2 of 3');
        expect(element.querySelector('nav').getAttribute('aria-label')).toBe('Page 2 of 3');
        button('next').click();
        button('previous').click();
        expect(pages).toEqual([3, 1]);
        await expect(element).toBeAccessible();
    });

    it('no page before the first or after the last, and none while a page loads', async () => {
        const { element, pages, button } = await render({ page: 1, total: 20, pageSize: 10 });
        expect(button('previous').disabled).toBe(true);
        button('previous').click();
        element.page = 2;
        await flushPromises();
        expect(button('next').disabled).toBe(true);
        button('next').click();
        element.disabled = true;
        await flushPromises();
        expect(button('previous').disabled).toBe(true);
        button('previous').click();
        expect(pages).toEqual([]);
    });
});
