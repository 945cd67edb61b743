// Enter in a text field submits, as it does in a native form. On a live LWR site (native shadow) Enter in a
// lightning-input reaches no <form>, so components listen for keydown, which is composed: it arrives
// retargeted to the field's host element.
const FIELD_HOSTS = new Set(['LIGHTNING-INPUT', 'C-PASSWORD-FIELDS']);

/**
 * True for an Enter press in a text field that should submit. Not while an input method is composing (Enter then
 * confirms Japanese conversion), and not on buttons, which handle Enter themselves.
 * @param {KeyboardEvent} event a keydown event
 * @returns {boolean}
 */
export function isSubmitKey(event) {
    return (
        event.key === 'Enter' &&
        !event.isComposing &&
        event.keyCode !== 229 &&
        !!event.target &&
        FIELD_HOSTS.has(event.target.tagName)
    );
}
