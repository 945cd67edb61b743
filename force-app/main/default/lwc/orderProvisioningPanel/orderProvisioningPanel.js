import { LightningElement, api } from 'lwc';
import LightningConfirm from 'lightning/confirm';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { RefreshEvent } from 'lightning/refresh';
import getProvisioningView from '@salesforce/apex/OrderProvisioningController.getProvisioningView';
import approveOrder from '@salesforce/apex/OrderProvisioningController.approveOrder';
import retryProvisioning from '@salesforce/apex/OrderProvisioningController.retryProvisioning';
import { errorLabel } from 'c/portalErrors';

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
import REFRESH from '@salesforce/label/c.Portal_Common_Refresh';

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
        approve: APPROVE,
        retry: RETRY,
        working: WORKING,
        refresh: REFRESH
    };

    connectedCallback() {
        this.load();
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

    get fields() {
        const view = this.view || {};
        const rows = [
            { key: 'status', label: STATUS, value: this.display(view.status) },
            {
                key: 'provisioningStatus',
                label: PROVISIONING_STATUS,
                value: this.display(view.provisioningStatus)
            },
            { key: 'errorCode', label: ERROR_CODE, value: this.display(view.errorCode) },
            { key: 'errorMessage', label: ERROR_MESSAGE, value: this.display(view.errorMessage) },
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
            // The record page's own fields (Status, Provisioning Status) changed too.
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
