// One hint and one red border per invalid field. Forms show their own message under each field (c-field-feedback);
// lightning-input would add its own text (email format, "complete this field") and mark only the fields it
// checks itself. A blank custom validity marks the field (border, aria-invalid) without a second text, and takes
// priority over the input's own checks.
const MARK = ' ';
const marked = new WeakSet();

/**
 * Marks each `lightning-input[data-field]` under `root` invalid when `messages[field]` is non-empty, and clears
 * the mark set earlier when it is empty.
 */
export function syncFieldValidity(root, messages) {
    root.querySelectorAll('lightning-input[data-field]').forEach((input) => {
        const field = input.dataset.field;
        if (!(field in messages) || typeof input.setCustomValidity !== 'function') {
            return;
        }
        const invalid = !!messages[field];
        if (invalid === marked.has(input)) {
            return;
        }
        input.setCustomValidity(invalid ? MARK : '');
        if (invalid) {
            marked.add(input);
        } else {
            marked.delete(input);
        }
        input.reportValidity();
    });
}
