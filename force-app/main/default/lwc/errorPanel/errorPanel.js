import { LightningElement, api } from 'lwc';
import { errorLabel } from 'c/portalErrors';

/**
 * Shows one error in the customer's language. `error` is an Apex error object, a violation
 * ({ code }) or a code string; unknown codes read as Error_UNEXPECTED.
 * `variant` "inline" renders a small message under a field; the default is a boxed notice.
 */
export default class ErrorPanel extends LightningElement {
    @api error;
    @api variant = 'box';

    get hasError() {
        return this.error !== undefined && this.error !== null && this.error !== '';
    }

    get message() {
        return errorLabel(this.error);
    }

    get isInline() {
        return this.variant === 'inline';
    }
}
