import { isSubmitKey } from 'c/enterKey';

function keydown(tagName, init) {
    const target = document.createElement(tagName);
    const event = new KeyboardEvent('keydown', { bubbles: true, composed: true, ...init });
    Object.defineProperty(event, 'target', { value: target });
    return event;
}

describe('c-enter-key', () => {
    it('Enter in a text field or the password fields submits', () => {
        expect(isSubmitKey(keydown('lightning-input', { key: 'Enter' }))).toBe(true);
        expect(isSubmitKey(keydown('c-password-fields', { key: 'Enter' }))).toBe(true);
    });

    it('not while an input method is composing (Japanese conversion), not other keys, not on buttons', () => {
        expect(isSubmitKey(keydown('lightning-input', { key: 'Enter', isComposing: true }))).toBe(false);
        expect(isSubmitKey(keydown('lightning-input', { key: 'Enter', keyCode: 229 }))).toBe(false);
        expect(isSubmitKey(keydown('lightning-input', { key: 'a' }))).toBe(false);
        expect(isSubmitKey(keydown('lightning-button', { key: 'Enter' }))).toBe(false);
        expect(isSubmitKey(keydown('lightning-radio-group', { key: 'Enter' }))).toBe(false);
    });
});
