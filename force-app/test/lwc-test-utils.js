// Shared helpers for the LWC Jest suites (imported as 'test-utils', mapped in jest.config.js).
import { createElement } from 'lwc';

// A macrotask lets nested Apex promises and re-renders settle.
export const flushPromises = () => new Promise((resolve) => setTimeout(resolve, 0));

// Creates a component, sets its public properties and appends it to the document body.
export function mountElement(tag, Component, props = {}) {
    const element = createElement(tag, { is: Component });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

// Mounts a component and waits for its first data load and re-render.
export async function renderElement(tag, Component, props = {}) {
    const element = mountElement(tag, Component, props);
    await flushPromises();
    return element;
}

// Removes everything a test appended to the document body.
export function resetDom() {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
}

export const $ = (element, selector) => element.shadowRoot.querySelector(selector);
export const $$ = (element, selector) => Array.from(element.shadowRoot.querySelectorAll(selector));
/** `selector` inside the shadow of the child component `child` of `element` (null when either is absent). */
export const inChild = (element, child, selector) => {
    const host = element.shadowRoot.querySelector(child);
    return host ? host.shadowRoot.querySelector(selector) : null;
};

// A key press as the browser sends it (keydown bubbles out of shadow roots); `init` adds e.g. isComposing.
export function pressKey(target, key = 'Enter', init = {}) {
    target.dispatchEvent(
        new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init })
    );
}

/**
 * The labels a table stacked on phones (slds-max-medium-table_stacked*) shows for each row's cells, beside its
 * column headers: equal when every value is labelled by its column.
 */
export function stackedTableLabels(table) {
    const headers = Array.from(table.querySelectorAll('thead th')).map((th) => th.textContent.trim());
    const rows = Array.from(table.querySelectorAll('tbody tr')).map((tr) =>
        Array.from(tr.children).map((cell) => cell.getAttribute('data-label'))
    );
    return { stacked: /slds-max-medium-table_stacked/.test(table.className), headers, rows };
}
