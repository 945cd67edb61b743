import { LightningElement, api } from 'lwc';
import LightningConfirm from 'lightning/confirm';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { RefreshEvent } from 'lightning/refresh';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import getProvisioningView from '@salesforce/apex/OrderProvisioningController.getProvisioningView';
import approveOrder from '@salesforce/apex/OrderProvisioningController.approveOrder';
import retryProvisioning from '@salesforce/apex/OrderProvisioningController.retryProvisioning';
import { errorLabel, isKnownCode } from 'c/portalErrors';

import TITLE from '@salesforce/label/c.Portal_Provisioning_Title';
import LOADING from '@salesforce/label/c.Portal_Common_Loading';
import STATUS from '@salesforce/label/c.Portal_Provisioning_Status';
import PROVISIONING_STATUS from '@salesforce/label/c.Portal_Provisioning_ProvisioningStatus';
import ERROR_CODE from '@salesforce/label/c.Portal_Provisioning_ErrorCode';
import ERROR_MESSAGE from '@salesforce/label/c.Portal_Provisioning_ErrorMessage';
import ATTEMPTS from '@salesforce/label/c.Portal_Provisioning_Attempts';
import WHMCS_ORDER from '@salesforce/label/c.Portal_Provisioning_WhmcsOrderId';
import WHMCS_INVOICE from '@salesforce/label/c.Portal_Provisioning_WhmcsInvoiceId';
import ADDRESS_CHANGED from '@salesforce/label/c.Portal_Checkout_AddressChanged';
import NONE from '@salesforce/label/c.Portal_Common_None';
import APPROVE from '@salesforce/label/c.Portal_Provisioning_Approve';
import APPROVE_CONFIRM from '@salesforce/label/c.Portal_Provisioning_ApproveConfirm';
import APPROVED from '@salesforce/label/c.Portal_Provisioning_Approved';
import RETRY from '@salesforce/label/c.Portal_Provisioning_Retry';
import RETRY_CONFIRM from '@salesforce/label/c.Portal_Provisioning_RetryConfirm';
import RETRIED from '@salesforce/label/c.Portal_Provisioning_Retried';
import ACTION_FAILED from '@salesforce/label/c.Portal_Provisioning_ActionFailed';
import WORKING from '@salesforce/label/c.Portal_Provisioning_Working';
import BILLING_DETAIL from '@salesforce/label/c.Defects_Provisioning_BillingDetail';
import STATUS_DRAFT from '@salesforce/label/c.Defects_Status_Draft';
import STATUS_APPROVED from '@salesforce/label/c.Defects_Status_Approved';
import STATUS_ACTIVATED from '@salesforce/label/c.Defects_Status_Activated';
import STATUS_CANCELLED from '@salesforce/label/c.Defects_Status_Cancelled';
import STATUS_ACTIVATING from '@salesforce/label/c.Defects_Status_Activating';
import STATUS_PAUSED from '@salesforce/label/c.Defects_Status_Paused';

// Order Status and Provisioning Status values in the staff member's language (the field values stay English).
const STATUS_LABELS = {
    Draft: STATUS_DRAFT,
    Approved: STATUS_APPROVED,
    Activated: STATUS_ACTIVATED,
    Cancelled: STATUS_CANCELLED,
    Activating: STATUS_ACTIVATING,
    Paused: STATUS_PAUSED
};

/** While provisioning runs after Approve or Retry the panel re-reads the order this often, this many times. */
export const POLL_MS = 2000;
export const POLL_LIMIT = 45;

/** Staff view of an Order's provisioning: state, WHMCS ids, the integration trace, Approve and Retry. */
export default class OrderProvisioningPanel extends LightningElement {
    @api recordId;

    view;
    error;
    loading = true;
    busy = false;

    labels = {
        title: TITLE,
        loading: LOADING,
        status: STATUS,
        provisioningStatus: PROVISIONING_STATUS,
        errorCode: ERROR_CODE,
        errorMessage: ERROR_MESSAGE,
        attempts: ATTEMPTS,
        whmcsOrder: WHMCS_ORDER,
        whmcsInvoice: WHMCS_INVOICE,
        addressChanged: ADDRESS_CHANGED,
        working: WORKING
    };

    pollTimer;

    connectedCallback() {
        this.load();
    }

    disconnectedCallback() {
        this.stopWatching();
    }

    async load() {
        this.loading = true;
        try {
            this.view = await getProvisioningView({ orderId: this.recordId });
            this.error = undefined;
        } catch (error) {
            this.error = error;
        }
        this.loading = false;
    }

    get hasView() {
        return !!this.view;
    }

    display(value) {
        return value === undefined || value === null || value === '' ? NONE : String(value);
    }

    status(value) {
        return this.display(STATUS_LABELS[value] || value);
    }

    /** The customer's wording of the pause in the staff member's language; the stored text for unknown codes. */
    get customerWording() {
        const view = this.view || {};
        return view.errorCode && isKnownCode(view.errorCode) ? errorLabel(view.errorCode) : view.errorMessage;
    }

    get fields() {
        const view = this.view || {};
        const rows = [
            { key: 'status', label: STATUS, value: this.status(view.status) },
            {
                key: 'provisioningStatus',
                label: PROVISIONING_STATUS,
                value: this.status(view.provisioningStatus)
            },
            { key: 'errorCode', label: ERROR_CODE, value: this.display(view.errorCode) },
            { key: 'errorMessage', label: ERROR_MESSAGE, value: this.display(this.customerWording) },
            { key: 'billingDetail', label: BILLING_DETAIL, value: this.display(view.billingDetail) },
            { key: 'attempts', label: ATTEMPTS, value: this.display(view.attempts) },
            { key: 'whmcsOrderId', label: WHMCS_ORDER, value: this.display(view.whmcsOrderId) },
            { key: 'whmcsInvoiceId', label: WHMCS_INVOICE, value: this.display(view.whmcsInvoiceId) }
        ];
        return rows.map((row) => ({ ...row, labelKey: `${row.key}-label` }));
    }

    get canApprove() {
        return !!(this.view && this.view.canApprove);
    }

    get canRetry() {
        return !!(this.view && this.view.canRetry);
    }

    handleApprove() {
        this.runAction(approveOrder, APPROVE_CONFIRM, APPROVE, APPROVED);
    }

    handleRetry() {
        this.runAction(retryProvisioning, RETRY_CONFIRM, RETRY, RETRIED);
    }

    handleRefresh() {
        this.load();
    }

    /** The record page's own fields and heading (Status, Provisioning Status) changed too. */
    recordChanged() {
        notifyRecordUpdateAvailable([{ recordId: this.recordId }]);
        this.dispatchEvent(new RefreshEvent());
    }

    /** Approved and not yet Activated or Paused: the Flow and the provisioning job are still working. */
    get isProvisioning() {
        const view = this.view;
        return !!(
            view &&
            view.status === 'Approved' &&
            (!view.provisioningStatus || view.provisioningStatus === 'Activating')
        );
    }

    /** Follows provisioning after an action until it settles, so staff never need Refresh. */
    watchProvisioning() {
        this.stopWatching();
        let polls = 0;
        const tick = async () => {
            this.pollTimer = undefined;
            if (!this.isProvisioning || polls >= POLL_LIMIT) {
                return;
            }
            polls += 1;
            const before = `${this.view.status}/${this.view.provisioningStatus}`;
            try {
                this.view = await getProvisioningView({ orderId: this.recordId });
            } catch {
                // Refresh still works; a failed read ends the following.
                return;
            }
            if (`${this.view.status}/${this.view.provisioningStatus}` !== before) {
                this.recordChanged();
            }
            this.schedule(tick);
        };
        this.schedule(tick);
    }

    schedule(tick) {
        // eslint-disable-next-line @lwc/lwc/no-async-operation -- polling the async provisioning job
        this.pollTimer = setTimeout(tick, POLL_MS);
    }

    stopWatching() {
        clearTimeout(this.pollTimer);
        this.pollTimer = undefined;
    }

    async runAction(action, question, confirmLabel, successMessage) {
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
            this.view = await action({ orderId: this.recordId });
            this.dispatchEvent(new ShowToastEvent({ title: successMessage, variant: 'success' }));
            this.recordChanged();
            this.watchProvisioning();
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
