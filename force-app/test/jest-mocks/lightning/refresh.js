export const RefreshEvent = class extends CustomEvent {
    constructor() {
        super('lightning__refreshevent', { bubbles: true, composed: true });
    }
};
export const registerRefreshHandler = jest.fn();
export const unregisterRefreshHandler = jest.fn();
