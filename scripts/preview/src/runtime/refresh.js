// lightning/refresh: RefreshEvent bubbles to the shell, which reloads the current page's data.
export const REFRESH_EVENT = 'lightning__refreshevent';

const handlers = new Map();

export class RefreshEvent extends CustomEvent {
    constructor() {
        super(REFRESH_EVENT, { bubbles: true, composed: true });
    }
}

export function registerRefreshHandler(element, handler) {
    handlers.set(element, handler);
}

export function unregisterRefreshHandler(element) {
    handlers.delete(element);
}

export async function runRefreshHandlers() {
    await Promise.all([...handlers.values()].map((handler) => Promise.resolve().then(() => handler())));
}
