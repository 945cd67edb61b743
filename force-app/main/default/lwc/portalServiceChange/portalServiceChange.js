import { LightningElement, wire } from 'lwc';
import { CurrentPageReference, NavigationMixin } from 'lightning/navigation';
import getChangeOptions from '@salesforce/apex/PortalServiceChangeController.getChangeOptions';
import getQuote from '@salesforce/apex/PortalServiceChangeController.getQuote';
import submitRequest from '@salesforce/apex/PortalServiceChangeController.submitRequest';
import getRequest from '@salesforce/apex/PortalServiceChangeController.getRequest';
import { errorLabel } from 'c/portalErrors';
import { formatDate, formatLabel, formatMoney, formatPrice } from 'c/portalFormat';

import TITLE_CHANGE from '@salesforce/label/c.ServiceChange_TitleChange';
import TITLE_CANCEL from '@salesforce/label/c.ServiceChange_TitleCancel';
import TITLE_REQUEST from '@salesforce/label/c.ServiceChange_TitleRequest';
import BACK from '@salesforce/label/c.ServiceChange_Back';
import SERVICE from '@salesforce/label/c.ServiceChange_Service';
import CHOOSE_PLAN from '@salesforce/label/c.ServiceChange_ChoosePlan';
import CHOOSE_PLAN_HINT from '@salesforce/label/c.ServiceChange_ChoosePlanHint';
import CURRENT_PRICE from '@salesforce/label/c.ServiceChange_CurrentPrice';
import NEW_PRICE from '@salesforce/label/c.ServiceChange_NewPrice';
import DIFFERENCE from '@salesforce/label/c.ServiceChange_Difference';
import EFFECTIVE_ON from '@salesforce/label/c.ServiceChange_EffectiveOn';
import LAST_SERVICE_DAY from '@salesforce/label/c.ServiceChange_LastServiceDay';
import RULE_NOTE from '@salesforce/label/c.ServiceChange_RuleNote';
import REASON from '@salesforce/label/c.ServiceChange_Reason';
import CONFIRM from '@salesforce/label/c.ServiceChange_Confirm';
import SUBMITTED_TEXT from '@salesforce/label/c.ServiceChange_Submitted';
import NOT_AVAILABLE from '@salesforce/label/c.ServiceChange_NotAvailable';
import NO_OTHER_PLAN from '@salesforce/label/c.ServiceChange_NoOtherPlan';
import OPEN_REQUEST from '@salesforce/label/c.ServiceChange_OpenRequest';
import VIEW_REQUEST from '@salesforce/label/c.ServiceChange_ViewRequest';
import PROGRESS from '@salesforce/label/c.ServiceChange_Progress';
import KIND from '@salesforce/label/c.ServiceChange_Kind';
import KIND_PLAN_CHANGE from '@salesforce/label/c.ServiceChange_KindPlanChange';
import KIND_CANCELLATION from '@salesforce/label/c.ServiceChange_KindCancellation';
import REJECTED_TITLE from '@salesforce/label/c.ServiceChange_RejectedTitle';
import ON_HOLD_TITLE from '@salesforce/label/c.ServiceChange_OnHoldTitle';
import ON_HOLD_TEXT from '@salesforce/label/c.ServiceChange_OnHoldText';
import DONE_CHANGE from '@salesforce/label/c.ServiceChange_DoneChange';
import DONE_CANCEL from '@salesforce/label/c.ServiceChange_DoneCancel';
import STEP_SUBMITTED from '@salesforce/label/c.Portal_Status_Submitted';
import STEP_APPROVED from '@salesforce/label/c.Portal_Status_Approved';
import STEP_ACTIVATING from '@salesforce/label/c.Portal_Status_Activating';
import STEP_DONE_LABEL from '@salesforce/label/c.ServiceChange_Status_Done';

const STEPS = [
    { key: 'Submitted', label: STEP_SUBMITTED },
    { key: 'Approved', label: STEP_APPROVED },
    { key: 'Activating', label: STEP_ACTIVATING },
    { key: 'Done', label: STEP_DONE_LABEL }
];
// How far each status got along STEPS, and whether it stopped there.
const REACHED = {
    Submitted: { index: 0 },
    Approved: { index: 1 },
    Activating: { index: 2 },
    Done: { index: 3, finished: true },
    OnHold: { index: 2, held: true },
    Rejected: { index: 0, held: true }
};

/**
 * Plan change or cancellation of one service (?serviceId=&action=change|cancel): the customer picks the plan
 * (or gives a reason), sees current and new price, the difference and the effective date, and confirms. With
 * ?requestId= it follows the request like an order.
 */
export default class PortalServiceChange extends NavigationMixin(LightningElement) {
    options;
    quote;
    request;
    error;
    quoteError;
    loading = false;
    quoting = false;
    submitting = false;
    selectedPlan = '';
    reason = '';
    pageKey;

    labels = {
        back: BACK,
        service: SERVICE,
        choosePlan: CHOOSE_PLAN,
        choosePlanHint: CHOOSE_PLAN_HINT,
        currentPrice: CURRENT_PRICE,
        newPrice: NEW_PRICE,
        difference: DIFFERENCE,
        effectiveOn: EFFECTIVE_ON,
        lastServiceDay: LAST_SERVICE_DAY,
        ruleNote: RULE_NOTE,
        reason: REASON,
        confirm: CONFIRM,
        submitted: SUBMITTED_TEXT,
        notAvailable: NOT_AVAILABLE,
        noOtherPlan: NO_OTHER_PLAN,
        openRequest: OPEN_REQUEST,
        viewRequest: VIEW_REQUEST,
        progress: PROGRESS,
        kind: KIND,
        rejectedTitle: REJECTED_TITLE,
        onHoldTitle: ON_HOLD_TITLE,
        onHoldText: ON_HOLD_TEXT
    };

    state = {};

    @wire(CurrentPageReference)
    setPageReference(pageReference) {
        const state = (pageReference && pageReference.state) || {};
        const key = [state.serviceId, state.action, state.requestId, state.submitted].join('|');
        if (key !== this.pageKey) {
            this.pageKey = key;
            this.state = state;
            this.load();
        }
    }

    get isCancel() {
        return this.state.action === 'cancel';
    }

    get kind() {
        return this.isCancel ? 'Cancellation' : 'Plan_Change';
    }

    get serviceId() {
        const id = Number(this.state.serviceId);
        return Number.isInteger(id) && id > 0 ? id : null;
    }

    async load() {
        this.loading = true;
        this.error = undefined;
        this.quote = undefined;
        this.quoteError = undefined;
        this.options = undefined;
        this.request = undefined;
        this.selectedPlan = '';
        try {
            if (this.state.requestId) {
                this.request = await getRequest({ requestId: this.state.requestId });
            } else if (this.serviceId) {
                this.options = await getChangeOptions({ serviceId: this.serviceId });
                if (this.isCancel && this.options.canCancel) {
                    await this.loadQuote();
                }
            } else {
                this.error = 'NOT_FOUND';
            }
        } catch (error) {
            this.error = error;
        }
        this.loading = false;
    }

    async loadQuote() {
        this.quoting = true;
        this.quoteError = undefined;
        try {
            this.quote = await getQuote({
                serviceId: this.serviceId,
                kind: this.kind,
                newPlanCode: this.isCancel ? null : this.selectedPlan
            });
        } catch (error) {
            this.quote = undefined;
            this.quoteError = errorLabel(error);
        }
        this.quoting = false;
    }

    get heading() {
        if (this.request) {
            return formatLabel(TITLE_REQUEST, this.request.requestNumber);
        }
        return this.isCancel ? TITLE_CANCEL : TITLE_CHANGE;
    }

    get hasForm() {
        return !this.loading && !!this.options && !this.request;
    }

    get canRequest() {
        const o = this.options;
        return !!o && (this.isCancel ? o.canCancel : o.canChangePlan);
    }

    get showOpenRequest() {
        return this.hasForm && !!this.options.openRequest;
    }

    get unavailableText() {
        if (!this.hasForm || this.canRequest || this.options.openRequest) {
            return '';
        }
        return !this.isCancel && this.options.canCancel ? NO_OTHER_PLAN : NOT_AVAILABLE;
    }

    get serviceText() {
        const o = this.options || {};
        return `${o.serviceName || ''} · ${formatPrice(o.currentAmount, 'monthly')}`;
    }

    get planOptions() {
        return ((this.options && this.options.plans) || []).map((plan) => ({
            label: `${plan.name} · ${formatPrice(plan.unitPrice, 'monthly')}`,
            value: plan.productCode
        }));
    }

    get showPlanHint() {
        return !this.isCancel && !this.selectedPlan;
    }

    get quoteRows() {
        const q = this.quote;
        if (!q) {
            return [];
        }
        const rows = [{ key: 'current', label: CURRENT_PRICE, value: formatMoney(q.currentAmount) }];
        if (this.isCancel) {
            rows.push({
                key: 'lastServiceDay',
                label: LAST_SERVICE_DAY,
                value: formatDate(q.lastServiceDay)
            });
        } else {
            rows.push(
                { key: 'new', label: NEW_PRICE, value: formatMoney(q.newAmount) },
                { key: 'difference', label: DIFFERENCE, value: signedMoney(q.difference) },
                { key: 'effectiveOn', label: EFFECTIVE_ON, value: formatDate(q.effectiveOn) }
            );
        }
        return rows;
    }

    get confirmDisabled() {
        return !this.quote || this.quoting || this.submitting;
    }

    handlePlanChange(event) {
        this.selectedPlan = event.detail.value;
        this.loadQuote();
    }

    handleReasonChange(event) {
        this.reason = event.target.value;
    }

    async handleConfirm() {
        if (this.confirmDisabled) {
            return;
        }
        this.submitting = true;
        this.quoteError = undefined;
        try {
            const request = await submitRequest({
                serviceId: this.serviceId,
                kind: this.kind,
                newPlanCode: this.isCancel ? null : this.selectedPlan,
                reason: this.isCancel && this.reason.trim() ? this.reason.trim() : null
            });
            this.navigateTo({ requestId: request.requestId, submitted: '1' });
        } catch (error) {
            this.quoteError = errorLabel(error);
        }
        this.submitting = false;
    }

    handleViewOpen() {
        this.navigateTo({ requestId: this.options.openRequest.requestId });
    }

    handleBack() {
        this[NavigationMixin.Navigate]({ type: 'comm__namedPage', attributes: { name: 'Subscriptions__c' } });
    }

    navigateTo(state) {
        this[NavigationMixin.Navigate]({
            type: 'comm__namedPage',
            attributes: { name: 'Service_Change__c' },
            state
        });
    }

    // ------------------------------------------------------------ the request, followed like an order

    get hasRequest() {
        return !this.loading && !!this.request;
    }

    get justSubmitted() {
        return this.hasRequest && this.state.submitted === '1' && this.request.customerStatus === 'Submitted';
    }

    get requestKind() {
        return this.request && this.request.kind === 'Cancellation' ? KIND_CANCELLATION : KIND_PLAN_CHANGE;
    }

    get requestRows() {
        const r = this.request || {};
        const rows = [
            { key: 'kind', label: KIND, value: this.requestKind },
            { key: 'service', label: SERVICE, value: r.serviceName || '' },
            { key: 'current', label: CURRENT_PRICE, value: formatMoney(r.currentPrice) }
        ];
        if (r.kind === 'Cancellation') {
            rows.push({
                key: 'lastServiceDay',
                label: LAST_SERVICE_DAY,
                value: formatDate(r.lastServiceDay)
            });
        } else {
            rows.push(
                { key: 'newPlan', label: CHOOSE_PLAN, value: r.newProductName || '' },
                { key: 'new', label: NEW_PRICE, value: formatMoney(r.newPrice) },
                { key: 'difference', label: DIFFERENCE, value: signedMoney(r.priceDifference) },
                { key: 'effectiveOn', label: EFFECTIVE_ON, value: formatDate(r.effectiveOn) }
            );
        }
        return rows;
    }

    get isOnHold() {
        return this.hasRequest && this.request.customerStatus === 'OnHold';
    }

    get isRejected() {
        return this.hasRequest && this.request.customerStatus === 'Rejected';
    }

    get holdReason() {
        return this.isOnHold ? errorLabel(this.request.holdCode) : '';
    }

    get doneText() {
        const r = this.request;
        if (!r || r.customerStatus !== 'Done') {
            return '';
        }
        return r.kind === 'Cancellation'
            ? formatLabel(DONE_CANCEL, formatDate(r.lastServiceDay))
            : formatLabel(DONE_CHANGE, formatDate(r.effectiveOn));
    }

    get steps() {
        const reached = REACHED[this.request && this.request.customerStatus] || REACHED.Submitted;
        return STEPS.map((step, index) => {
            let state = 'todo';
            if (index < reached.index || (index === reached.index && reached.finished)) {
                state = 'done';
            } else if (index === reached.index) {
                state = reached.held ? 'held' : 'current';
            }
            return { ...step, state };
        });
    }
}

function signedMoney(amount) {
    if (amount === null || amount === undefined || amount === '') {
        return '';
    }
    const value = Number(amount);
    return value > 0 ? `+${formatMoney(value)}` : formatMoney(value);
}
