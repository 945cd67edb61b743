import { LightningElement, api } from 'lwc';
import createSsoLink from '@salesforce/apex/PortalBillingController.createSsoLink';
import { openUrl } from 'c/portalUrl';
import OPENING from '@salesforce/label/c.Portal_Sso_Opening';

/**
 * Opens a WHMCS page through a single-use SSO link. The link expires in 60 seconds, so it is
 * created on click, opened at once in the same tab and never stored or logged.
 */
export default class SsoButton extends LightningElement {
    @api destination = 'home';
    @api invoiceId;
    @api label;
    @api variant = 'brand';

    busy = false;
    error;
    labels = { opening: OPENING };

    async handleClick() {
        if (this.busy) {
            return;
        }
        this.busy = true;
        this.error = undefined;
        try {
            const invoiceId =
                this.invoiceId === undefined || this.invoiceId === null ? null : Number(this.invoiceId);
            const result = await createSsoLink({ destination: this.destination, invoiceId });
            openUrl(result.url);
            // A download leaves the page where it is: the button is usable again.
            if (this.destination === 'invoice-pdf') {
                this.busy = false;
            }
        } catch (error) {
            this.error = error;
            this.busy = false;
        }
    }
}
