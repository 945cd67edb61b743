import { LightningElement, api } from 'lwc';
import { formatLabel } from 'c/portalFormat';
import PREVIOUS from '@salesforce/label/c.Portal_Common_Previous';
import NEXT from '@salesforce/label/c.Portal_Common_Next';
import PAGE_OF from '@salesforce/label/c.Portal_Common_PageOf';

/**
 * Previous / "Page N of M" / Next for a paged list, shown only when there is more than one page. Fires
 * `pagechange` with `{ page }`; the page loads it and passes the new `page` back. Light DOM, so the page's
 * own tests and selectors find the buttons as if they were in its template.
 */
export default class Pager extends LightningElement {
    static renderMode = 'light';

    /** The page shown, from 1. */
    @api page = 1;
    /** Items the pages run over. */
    @api total = 0;
    @api pageSize = 10;
    /** True while a page loads: both buttons wait. */
    @api disabled = false;

    labels = { previous: PREVIOUS, next: NEXT };

    get totalPages() {
        return Math.max(1, Math.ceil((Number(this.total) || 0) / (Number(this.pageSize) || 1)));
    }

    get show() {
        return this.totalPages > 1;
    }

    get pageText() {
        return formatLabel(PAGE_OF, this.page, this.totalPages);
    }

    get previousDisabled() {
        return this.disabled || this.page <= 1;
    }

    get nextDisabled() {
        return this.disabled || this.page >= this.totalPages;
    }

    handlePrevious() {
        if (!this.previousDisabled) {
            this.dispatchEvent(new CustomEvent('pagechange', { detail: { page: this.page - 1 } }));
        }
    }

    handleNext() {
        if (!this.nextDisabled) {
            this.dispatchEvent(new CustomEvent('pagechange', { detail: { page: this.page + 1 } }));
        }
    }
}
