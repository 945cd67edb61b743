import { LightningElement, api } from 'lwc';

/**
 * The feedback under one form field: the client-side error paragraph (`data-error` = `error-key`,
 * omitted without a key) followed by one inline error panel per server violation
 * (`data-violation` = code). Light DOM, so the parent's queries, tests and e2e selectors
 * reach these elements exactly as if they were written in the parent's template.
 */
export default class FieldFeedback extends LightningElement {
    static renderMode = 'light';

    /** Value of the paragraph's data-error attribute; without it no paragraph is rendered. */
    @api errorKey;
    /** The (already translated) client-side error, empty when the field is valid. */
    @api message;
    /** Server violations: [{ key, code }]. */
    @api violations;
    /** aria-live politeness for the error paragraph ("polite"), or none. */
    @api live;

    get items() {
        return this.violations || [];
    }
}
