import { LightningElement, api } from 'lwc';
import createSsoLink from '@salesforce/apex/PortalBillingController.createSsoLink';
import { openUrl } from 'c/portalUrl';
import OPENING from '@salesforce/label/c.Portal_Sso_Opening';
import BASE_PATH from '@salesforce/community/basePath';

/** The portal page the button is on, relative to the site ('/checkout?…'); null on Home. */
export function currentSitePath(location = window.location, basePath = BASE_PATH) {
    const base = String(basePath || '').replace(/\/+$/, '');
    let path = location.pathname;
    if (base && (path === base || path.startsWith(`${base}/`))) {
        path = path.slice(base.length) || '/';
    }
    const full = path + location.search;
    return full === '/' ? null : full;
}

/**
 * Opens a WHMCS page through a single-use SSO link. The link expires in 60 seconds, so it is
 * created on click, opened at once in the same tab and never stored or logged. The page it is on travels
 * with the link, so "Back to the portal" in WHMCS returns there (Apex keeps only paths of this site).
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
            const returnPath = currentSitePath();
            const request = { destination: this.destination, invoiceId };
            if (returnPath) {
                request.returnPath = returnPath;
            }
            const result = await createSsoLink(request);
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
