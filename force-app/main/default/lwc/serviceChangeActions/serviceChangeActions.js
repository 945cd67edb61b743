import { LightningElement, api } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import { isMonthly } from 'c/portalFormat';

import CHANGE_PLAN from '@salesforce/label/c.ServiceChange_ChangePlan';
import CANCEL from '@salesforce/label/c.ServiceChange_Cancel';
import PENDING from '@salesforce/label/c.ServiceChange_Pending';

/**
 * "Change plan" and "Cancel service" for one Active monthly service, or a "Request in progress" badge that
 * opens the open request. The server decides again (PortalServiceChangeController); this only offers.
 */
export default class ServiceChangeActions extends NavigationMixin(LightningElement) {
    @api serviceId;
    @api status;
    @api billingCycle;
    /** The open request of this service (from getMyRequests), or null. */
    @api openRequest;

    labels = { changePlan: CHANGE_PLAN, cancel: CANCEL, pending: PENDING };

    get hasOpenRequest() {
        return !!this.openRequest;
    }

    get canRequest() {
        return !this.openRequest && this.status === 'Active' && isMonthly(this.billingCycle);
    }

    handleChange() {
        this.navigate({ serviceId: String(this.serviceId), action: 'change' });
    }

    handleCancel() {
        this.navigate({ serviceId: String(this.serviceId), action: 'cancel' });
    }

    handleOpen() {
        this.navigate({ requestId: this.openRequest.requestId });
    }

    navigate(state) {
        this[NavigationMixin.Navigate]({
            type: 'comm__namedPage',
            attributes: { name: 'Service_Change__c' },
            state
        });
    }
}
