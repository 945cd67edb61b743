import { LightningElement, api } from 'lwc';

import REFRESH from '@salesforce/label/c.Portal_Common_Refresh';
import APPROVE from '@salesforce/label/c.Portal_Provisioning_Approve';
import RETRY from '@salesforce/label/c.Portal_Provisioning_Retry';

/**
 * The staff panels' action bar (Refresh, and Approve or Retry when the record allows it). The panel does the
 * work: this only says which button was pressed, as `refresh`, `approve` or `retry` events.
 */
export default class StaffActions extends LightningElement {
    @api busy = false;
    @api canApprove = false;
    @api canRetry = false;

    labels = { refresh: REFRESH, approve: APPROVE, retry: RETRY };

    handleRefresh() {
        this.dispatchEvent(new CustomEvent('refresh'));
    }

    handleApprove() {
        this.dispatchEvent(new CustomEvent('approve'));
    }

    handleRetry() {
        this.dispatchEvent(new CustomEvent('retry'));
    }
}
