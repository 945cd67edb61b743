import { LightningElement, api } from 'lwc';
import LOADING from '@salesforce/label/c.Portal_Common_Loading';

/**
 * The loading, load-error and empty-list scaffolding shared by the portal pages: a small spinner
 * while `loading`, the error (if any) in words through c-error-panel, and when `empty` the
 * `empty-message` followed by the slotted action (e.g. a link to the catalog). Light DOM, so the
 * page's own tests and selectors find these elements as if they were in its template.
 */
export default class AsyncState extends LightningElement {
    static renderMode = 'light';

    /** True while the page's data is on its way. */
    @api loading = false;
    /** An Apex error, a violation or a code; nothing is shown without one. */
    @api error;
    /** True when the page loaded and has nothing to list. */
    @api empty = false;
    /** What to say when `empty`. */
    @api emptyMessage;

    labels = { loading: LOADING };
}
