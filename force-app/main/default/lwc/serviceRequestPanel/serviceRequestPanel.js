import { LightningElement, api } from 'lwc';
import LightningConfirm from 'lightning/confirm';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { RefreshEvent } from 'lightning/refresh';
import getRequestView from '@salesforce/apex/ServiceRequestController.getRequestView';
import approveRequest from '@salesforce/apex/ServiceRequestController.approveRequest';
import rejectRequest from '@salesforce/apex/ServiceRequestController.rejectRequest';
import retryRequest from '@salesforce/apex/ServiceRequestController.retryRequest';
import { errorLabel } from 'c/portalErrors';
import { formatDate, formatMoney, statusInfo } from 'c/portalFormat';

import TITLE from '@salesforce/label/c.ServiceChange_Staff_Title';
import ACCOUNT from '@salesforce/label/c.ServiceChange_Staff_Account';
import CURRENT_PLAN from '@salesforce/label/c.ServiceChange_Staff_CurrentPlan';
import CUSTOMER_REASON from '@salesforce/label/c.ServiceChange_Staff_CustomerReason';
import REJECTION_REASON from '@salesforce/label/c.ServiceChange_Staff_RejectionReason';
import REJECTION_HINT from '@salesforce/label/c.ServiceChange_Staff_RejectionHint';
import REASON_REQUIRED from '@salesforce/label/c.ServiceChange_Staff_ReasonRequired';
import REJECT from '@salesforce/label/c.ServiceChange_Staff_Reject';
import APPROVE_CONFIRM from '@salesforce/label/c.ServiceChange_Staff_ApproveConfirm';
import REJECT_CONFIRM from '@salesforce/label/c.ServiceChange_Staff_RejectConfirm';
import RETRY_CONFIRM from '@salesforce/label/c.ServiceChange_Staff_RetryConfirm';
import APPROVED from '@salesforce/label/c.ServiceChange_Staff_Approved';
import REJECTED from '@salesforce/label/c.ServiceChange_Staff_Rejected';
import RETRIED from '@salesforce/label/c.ServiceChange_Staff_Retried';
import KIND from '@salesforce/label/c.ServiceChange_Kind';
import KIND_PLAN_CHANGE from '@salesforce/label/c.ServiceChange_KindPlanChange';
import KIND_CANCELLATION from '@salesforce/label/c.ServiceChange_KindCancellation';
import SERVICE from '@salesforce/label/c.ServiceChange_Service';
import NEW_PLAN from '@salesforce/label/c.ServiceChange_ChoosePlan';
import CURRENT_PRICE from '@salesforce/label/c.ServiceChange_CurrentPrice';
import NEW_PRICE from '@salesforce/label/c.ServiceChange_NewPrice';
import DIFFERENCE from '@salesforce/label/c.ServiceChange_Difference';
import EFFECTIVE_ON from '@salesforce/label/c.ServiceChange_EffectiveOn';
import LOADING from '@salesforce/label/c.Portal_Common_Loading';
import NONE from '@salesforce/label/c.Portal_Common_None';
import STATUS from '@salesforce/label/c.Portal_Provisioning_Status';
import ERROR_CODE from '@salesforce/label/c.Portal_Provisioning_ErrorCode';
import ERROR_MESSAGE from '@salesforce/label/c.Portal_Provisioning_ErrorMessage';
import ATTEMPTS from '@salesforce/label/c.Portal_Provisioning_Attempts';
import WHMCS_ORDER from '@salesforce/label/c.Portal_Provisioning_WhmcsOrderId';
import APPROVE from '@salesforce/label/c.Portal_Provisioning_Approve';
import RETRY from '@salesforce/label/c.Portal_Provisioning_Retry';
import ACTION_FAILED from '@salesforce/label/c.Portal_Provisioning_ActionFailed';
import WORKING from '@salesforce/label/c.Portal_Provisioning_Working';

// Record statuses in the staff's language (On_Hold is the customers' On hold).
const STATUS_KEY = { On_Hold: 'OnHold' };

/**
 * Staff view of a Service_Request__c on its record page: what the customer asked for, the price difference
 * and effective date, the error and the middleware trace (with WHMCS's own message), Approve, Reject with a
 * reason the customer reads, and Retry of a request on hold. Every action answers with the refreshed view.
 */
export default class ServiceRequestPanel extends LightningElement {
    @api recordId;

    view;
    error;
    loading = true;
    busy = false;
    rejectionReason = '';
    reasonError = '';

    labels = {
        title: TITLE,
        loading: LOADING,
        reject: REJECT,
        working: WORKING,
        rejectionReason: REJECTION_REASON,
        rejectionHint: REJECTION_HINT
    };

    connectedCallback() {
        this.load();
    }

    async load() {
        this.loading = true;
        try {
            this.view = await getRequestView({ requestId: this.recordId });
            this.error = undefined;
        } catch (error) {
            this.error = error;
        }
        this.loading = false;
    }

    get hasView() {
        return !!this.view;
    }

    get fields() {
        const v = this.view || {};
        const blank = (value) => value === null || value === undefined || value === '';
        const money = (amount) => (blank(amount) ? NONE : formatMoney(amount));
        const text = (value) => (blank(value) ? NONE : String(value));
        const rows = [
            ['status', STATUS, statusInfo('request', STATUS_KEY[v.status] || v.status).label],
            ['kind', KIND, v.kind === 'Cancellation' ? KIND_CANCELLATION : KIND_PLAN_CHANGE],
            ['account', ACCOUNT, text(v.accountName)],
            ['service', SERVICE, text(v.serviceName && `${v.serviceName} (#${v.serviceId})`)],
            ['currentProduct', CURRENT_PLAN, text(v.currentProduct)],
            ['newProduct', NEW_PLAN, text(v.newProduct)],
            ['currentPrice', CURRENT_PRICE, money(v.currentPrice)],
            ['newPrice', NEW_PRICE, money(v.newPrice)],
            ['priceDifference', DIFFERENCE, money(v.priceDifference)],
            ['effectiveDate', EFFECTIVE_ON, v.effectiveDate ? formatDate(v.effectiveDate) : NONE],
            ['reason', CUSTOMER_REASON, text(v.reason)],
            ['rejectionReason', REJECTION_REASON, text(v.rejectionReason)],
            ['errorCode', ERROR_CODE, text(v.errorCode)],
            ['errorMessage', ERROR_MESSAGE, text(v.errorMessage)],
            ['attempts', ATTEMPTS, text(v.attempts)],
            ['whmcsOrderId', WHMCS_ORDER, text(v.whmcsOrderId)]
        ];
        return rows.map(([key, label, value]) => ({ key, labelKey: `${key}-label`, label, value }));
    }

    get canApprove() {
        return !!(this.view && this.view.canApprove);
    }

    get canReject() {
        return !!(this.view && this.view.canReject);
    }

    get canRetry() {
        return !!(this.view && this.view.canRetry);
    }

    handleRefresh() {
        this.load();
    }

    handleReasonChange(event) {
        this.rejectionReason = event.target.value;
    }

    handleApprove() {
        this.runAction(APPROVE_CONFIRM, APPROVE, APPROVED, () =>
            approveRequest({ requestId: this.recordId })
        );
    }

    handleRetry() {
        this.runAction(RETRY_CONFIRM, RETRY, RETRIED, () => retryRequest({ requestId: this.recordId }));
    }

    handleReject() {
        const reason = (this.rejectionReason || '').trim();
        this.reasonError = reason ? '' : REASON_REQUIRED;
        if (!reason) {
            return;
        }
        this.runAction(REJECT_CONFIRM, REJECT, REJECTED, () =>
            rejectRequest({ requestId: this.recordId, reason })
        );
    }

    async runAction(question, confirmLabel, successMessage, action) {
        if (this.busy) {
            return;
        }
        const confirmed = await LightningConfirm.open({
            message: question,
            label: confirmLabel,
            theme: 'warning'
        });
        if (!confirmed) {
            return;
        }
        this.busy = true;
        try {
            this.view = await action();
            this.rejectionReason = '';
            this.dispatchEvent(new ShowToastEvent({ title: successMessage, variant: 'success' }));
            // The record page's own fields (Status, Error Code) changed too.
            this.dispatchEvent(new RefreshEvent());
        } catch (error) {
            this.dispatchEvent(
                new ShowToastEvent({ title: ACTION_FAILED, message: errorLabel(error), variant: 'error' })
            );
            await this.load();
        } finally {
            this.busy = false;
        }
    }
}
