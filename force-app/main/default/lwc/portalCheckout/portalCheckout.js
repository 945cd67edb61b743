import { LightningElement, wire } from 'lwc';
import { CurrentPageReference, NavigationMixin } from 'lightning/navigation';
import getCatalog from '@salesforce/apex/PortalCatalogController.getCatalog';
import getCheckoutContext from '@salesforce/apex/PortalCheckoutController.getCheckoutContext';
import submitOrder from '@salesforce/apex/PortalCheckoutController.submitOrder';
import {
    addressLines,
    categoryLabel,
    daysUntil,
    formatLabel,
    formatMoney,
    formatPrice,
    newRequestKey,
    parseDateInput,
    regionLabel
} from 'c/portalFormat';
import { MNP_FIELDS, mnpDetails, mnpProblems, orderTotal, violationAnchor } from 'c/checkoutRules';

import TITLE from '@salesforce/label/c.Portal_Checkout_Title';
import TITLE_FOR from '@salesforce/label/c.Portal_Checkout_TitleFor';
import CHOOSE_CATEGORY from '@salesforce/label/c.Portal_Checkout_ChooseCategory';
import NO_PAYMENT_TITLE from '@salesforce/label/c.Portal_Checkout_NoPaymentTitle';
import NO_PAYMENT_TEXT from '@salesforce/label/c.Portal_Checkout_NoPaymentText';
import ADD_PAYMENT from '@salesforce/label/c.Portal_Common_AddPaymentMethod';
import OPEN_ORDER from '@salesforce/label/c.Portal_Checkout_OpenOrder';
import PLAN from '@salesforce/label/c.Portal_Checkout_Plan';
import INSTALLATION from '@salesforce/label/c.Portal_Checkout_Installation';
import INSTALLATION_HELP from '@salesforce/label/c.Portal_Checkout_InstallationHelp';
import ADDRESS_HEADING from '@salesforce/label/c.Portal_Checkout_InstallationAddress';
import ADDRESS_FROM_BILLING from '@salesforce/label/c.Portal_Checkout_AddressFromBilling';
import EDIT_ADDRESS from '@salesforce/label/c.Portal_Checkout_EditAddress';
import USE_BILLING from '@salesforce/label/c.Portal_Checkout_UseBillingAddress';
import CONFIRM_ADDRESS from '@salesforce/label/c.Portal_Checkout_ConfirmAddress';
import ADDRESS_CHANGED from '@salesforce/label/c.Portal_Checkout_AddressChanged';
import ACTIVATION_FEE_INCLUDED from '@salesforce/label/c.Portal_Checkout_ActivationFeeIncluded';
import ADD_ONS from '@salesforce/label/c.Portal_Checkout_AddOns';
import MNP_TOGGLE from '@salesforce/label/c.Portal_Checkout_MnpToggle';
import MNP_HEADING from '@salesforce/label/c.Portal_Checkout_MnpHeading';
import MNP_HELP from '@salesforce/label/c.Portal_Checkout_MnpHelp';
import MNP_RESERVATION from '@salesforce/label/c.Portal_Checkout_MnpReservation';
import MNP_RESERVATION_INVALID from '@salesforce/label/c.Portal_Checkout_MnpReservationInvalid';
import MNP_EXPIRY from '@salesforce/label/c.Portal_Checkout_MnpExpiry';
import MNP_EXPIRY_HELP from '@salesforce/label/c.Portal_Checkout_MnpExpiryHelp';
import MNP_EXPIRY_PLACEHOLDER from '@salesforce/label/c.Portal_Checkout_MnpExpiryPlaceholder';
import MNP_EXPIRY_INVALID from '@salesforce/label/c.Portal_Checkout_MnpExpiryInvalid';
import MNP_DAYS_LEFT from '@salesforce/label/c.Portal_Checkout_MnpDaysLeft';
import MNP_EXPIRY_SOON from '@salesforce/label/c.Portal_Checkout_MnpExpirySoon';
import MNP_EXPIRED from '@salesforce/label/c.Portal_Checkout_MnpExpired';
import MNP_PHONE from '@salesforce/label/c.Portal_Checkout_MnpPhone';
import MNP_PHONE_HELP from '@salesforce/label/c.Portal_Checkout_MnpPhoneHelp';
import MNP_PHONE_INVALID from '@salesforce/label/c.Portal_Checkout_MnpPhoneInvalid';
import MNP_HOLDER from '@salesforce/label/c.Portal_Checkout_MnpHolder';
import REGION from '@salesforce/label/c.Portal_Checkout_Region';
import REGION_PLACEHOLDER from '@salesforce/label/c.Portal_Checkout_RegionPlaceholder';
import REQUIRED from '@salesforce/label/c.Portal_Form_Required';
import SELECT_ONE from '@salesforce/label/c.Portal_Checkout_SelectOne';
import SUMMARY from '@salesforce/label/c.Portal_Checkout_Summary';
import SUMMARY_EMPTY from '@salesforce/label/c.Portal_Checkout_SummaryEmpty';
import MONTHLY_TOTAL from '@salesforce/label/c.Portal_Checkout_MonthlyTotal';
import ONE_TIME_TOTAL from '@salesforce/label/c.Portal_Checkout_OneTimeTotal';
import SUBMIT from '@salesforce/label/c.Portal_Checkout_Submit';
import SUBMITTING from '@salesforce/label/c.Portal_Checkout_Submitting';
import FIX_ERRORS from '@salesforce/label/c.Portal_Checkout_FixErrors';
import RETRY_SAFE from '@salesforce/label/c.Portal_Checkout_RetrySafe';
import NOT_AVAILABLE from '@salesforce/label/c.Portal_Checkout_NotAvailable';

const CATEGORIES = ['Internet', 'SIM', 'VPN'];
const MNP_WARNING_DAYS = 10;
// The message for each MNP field's problem (see mnpProblems in c/checkoutRules).
const MNP_PROBLEM_LABELS = {
    reservationNumber: { required: REQUIRED, invalid: MNP_RESERVATION_INVALID },
    expiresOn: { required: REQUIRED, invalid: MNP_EXPIRY_INVALID, expired: MNP_EXPIRED },
    phoneNumber: { required: REQUIRED, invalid: MNP_PHONE_INVALID },
    holderName: { required: REQUIRED }
};

/**
 * One checkout per category (Internet, SIM, VPN). The request key is made once per checkout
 * attempt and reused when a submission has to be retried, so a retry never creates a second order.
 */
export default class PortalCheckout extends NavigationMixin(LightningElement) {
    category;
    requestedPlan;
    catalog;
    context;
    loadError;
    catalogLoaded = false;
    contextLoaded = false;

    planCode;
    installationCode;
    addOnCodes = [];
    vpnRegion;
    mnpEnabled = false;
    mnp = { reservationNumber: '', expiresOn: '', phoneNumber: '', holderName: '' };
    mnpTouched = {};
    addressConfirmed = false;
    editingAddress = false;
    installationAddress;
    addressChanged = false;

    submitting = false;
    submitAttempted = false;
    requestKey;
    violations = [];
    submitError;
    retryHint = false;

    labels = {
        title: TITLE,
        chooseCategory: CHOOSE_CATEGORY,
        noPaymentTitle: NO_PAYMENT_TITLE,
        noPaymentText: NO_PAYMENT_TEXT,
        addPayment: ADD_PAYMENT,
        plan: PLAN,
        installation: INSTALLATION,
        installationHelp: INSTALLATION_HELP,
        addressHeading: ADDRESS_HEADING,
        addressFromBilling: ADDRESS_FROM_BILLING,
        editAddress: EDIT_ADDRESS,
        useBilling: USE_BILLING,
        confirmAddress: CONFIRM_ADDRESS,
        addressChanged: ADDRESS_CHANGED,
        addOns: ADD_ONS,
        mnpToggle: MNP_TOGGLE,
        mnpHeading: MNP_HEADING,
        mnpHelp: MNP_HELP,
        mnpReservation: MNP_RESERVATION,
        mnpExpiry: MNP_EXPIRY,
        mnpExpiryHelp: MNP_EXPIRY_HELP,
        mnpExpiryPlaceholder: MNP_EXPIRY_PLACEHOLDER,
        mnpPhone: MNP_PHONE,
        mnpPhoneHelp: MNP_PHONE_HELP,
        mnpHolder: MNP_HOLDER,
        region: REGION,
        regionPlaceholder: REGION_PLACEHOLDER,
        summary: SUMMARY,
        summaryEmpty: SUMMARY_EMPTY,
        monthlyTotal: MONTHLY_TOTAL,
        oneTimeTotal: ONE_TIME_TOTAL,
        submit: SUBMIT,
        submitting: SUBMITTING,
        fixErrors: FIX_ERRORS,
        retrySafe: RETRY_SAFE,
        notAvailable: NOT_AVAILABLE
    };

    @wire(CurrentPageReference)
    setPageReference(pageReference) {
        const state = (pageReference && pageReference.state) || {};
        if (CATEGORIES.includes(state.category) && state.category !== this.category) {
            this.selectCategory(state.category);
        }
        this.requestedPlan = state.plan;
        this.applyRequestedPlan();
    }

    @wire(getCatalog)
    wiredCatalog({ data, error }) {
        if (data) {
            this.catalog = data;
            this.catalogLoaded = true;
            this.applyRequestedPlan();
        } else if (error) {
            this.loadError = error;
            this.catalogLoaded = true;
        }
    }

    connectedCallback() {
        this.loadContext();
    }

    async loadContext() {
        try {
            this.context = await getCheckoutContext();
            this.installationAddress = { ...(this.context.billingAddress || {}) };
        } catch (error) {
            this.loadError = error;
        }
        this.contextLoaded = true;
    }

    // ----- state -----

    get loading() {
        return !this.catalogLoaded || !this.contextLoaded;
    }

    get ready() {
        return !this.loading && !this.loadError;
    }

    get needsPaymentMethod() {
        return this.ready && !this.context.paymentMethodOnFile;
    }

    get hasCategory() {
        return !!this.category;
    }

    get isInternet() {
        return this.category === 'Internet';
    }

    get isSim() {
        return this.category === 'SIM';
    }

    get isVpn() {
        return this.category === 'VPN';
    }

    get categoryOptions() {
        return CATEGORIES.map((category) => ({ label: categoryLabel(category), value: category }));
    }

    get heading() {
        return this.category ? formatLabel(TITLE_FOR, categoryLabel(this.category)) : TITLE;
    }

    get openOrderMessage() {
        const open = (this.context && this.context.openOrderCategories) || [];
        return this.category && open.includes(this.category)
            ? formatLabel(OPEN_ORDER, categoryLabel(this.category))
            : '';
    }

    itemsOf(itemType) {
        return (this.catalog || []).filter(
            (item) => item.category === this.category && item.itemType === itemType
        );
    }

    findItem(productCode) {
        return (this.catalog || []).find((item) => item.productCode === productCode);
    }

    optionsOf(itemType) {
        return this.itemsOf(itemType).map((item) => ({
            label: `${item.name} — ${formatPrice(item.unitPrice, item.billingCycle)}`,
            value: item.productCode
        }));
    }

    get planOptions() {
        return this.optionsOf('Plan');
    }

    get hasPlans() {
        return this.planOptions.length > 0;
    }

    get installationOptions() {
        return this.optionsOf('Installation');
    }

    get addOnOptions() {
        return this.optionsOf('AddOn');
    }

    get hasAddOns() {
        return this.addOnOptions.length > 0;
    }

    get activationFee() {
        return this.itemsOf('ActivationFee')[0];
    }

    get activationFeeText() {
        const fee = this.activationFee;
        return fee ? formatLabel(ACTIVATION_FEE_INCLUDED, fee.name, formatMoney(fee.unitPrice)) : '';
    }

    get regionOptions() {
        return ((this.context && this.context.vpnRegions) || []).map((region) => ({
            label: regionLabel(region),
            value: region
        }));
    }

    get billingAddressLines() {
        return addressLines(this.installationAddress);
    }

    // ----- client-side checks (shown as typed) -----

    get mnpErrors() {
        const errors = {};
        const problems = mnpProblems(this.mnp);
        MNP_FIELDS.forEach((field) => {
            errors[field] = this.mnpEnabled ? MNP_PROBLEM_LABELS[field][problems[field]] || '' : '';
        });
        return errors;
    }

    mnpMessage(field) {
        const value = String(this.mnp[field] ?? '');
        // A format problem shows as soon as something is typed; "required" waits for a submit attempt.
        const shown = this.submitAttempted || (this.mnpTouched[field] && value.trim() !== '');
        return shown ? this.mnpErrors[field] : '';
    }

    get reservationError() {
        return this.mnpMessage('reservationNumber');
    }
    get expiryError() {
        return this.mnpMessage('expiresOn');
    }
    get phoneError() {
        return this.mnpMessage('phoneNumber');
    }
    get holderError() {
        return this.mnpMessage('holderName');
    }

    get mnpDaysLeft() {
        const iso = parseDateInput(this.mnp.expiresOn);
        return iso ? daysUntil(iso) : null;
    }

    get mnpDaysLeftText() {
        const days = this.mnpDaysLeft;
        return days !== null && days >= MNP_WARNING_DAYS ? formatLabel(MNP_DAYS_LEFT, days) : '';
    }

    get mnpExpiryWarning() {
        const days = this.mnpDaysLeft;
        return days !== null && days >= 0 && days < MNP_WARNING_DAYS
            ? formatLabel(MNP_EXPIRY_SOON, days)
            : '';
    }

    get planError() {
        return this.submitAttempted && !this.planCode ? SELECT_ONE : '';
    }

    get installationError() {
        return this.submitAttempted && this.isInternet && !this.installationCode ? SELECT_ONE : '';
    }

    get regionError() {
        return this.submitAttempted && this.isVpn && !this.vpnRegion ? SELECT_ONE : '';
    }

    get addressError() {
        return this.submitAttempted && this.isInternet && !this.addressConfirmed ? REQUIRED : '';
    }

    clientErrors() {
        const problems = [];
        if (!this.planCode) problems.push('plan');
        if (this.isInternet) {
            if (!this.installationCode) problems.push('installation');
            if (!this.addressConfirmed) problems.push('address');
        }
        if (this.isVpn && !this.vpnRegion) problems.push('region');
        if (this.isSim && Object.values(this.mnpErrors).some(Boolean)) problems.push('mnp');
        return problems;
    }

    // ----- price summary -----

    get selectedLines() {
        const codes = [this.planCode];
        if (this.isInternet) codes.push(this.installationCode);
        if (this.isSim) codes.push(...this.addOnCodes);
        if ((this.isSim || this.isVpn) && this.activationFee) codes.push(this.activationFee.productCode);
        return codes
            .filter(Boolean)
            .map((code) => this.findItem(code))
            .filter(Boolean);
    }

    get summaryLines() {
        return this.selectedLines.map((item) => ({
            key: item.productCode,
            name: item.name,
            cycle: formatPrice(item.unitPrice, item.billingCycle),
            amount: formatMoney(item.unitPrice)
        }));
    }

    get hasSummaryLines() {
        return this.selectedLines.length > 0;
    }

    get monthlyTotal() {
        return formatMoney(this.total(true));
    }

    get oneTimeTotal() {
        return formatMoney(this.total(false));
    }

    total(monthly) {
        return orderTotal(this.selectedLines, monthly);
    }

    // ----- violations from the server -----

    anchorOf(violation) {
        return violationAnchor(violation, (code) => this.findItem(code));
    }

    violationsAt(anchor) {
        return this.violations
            .filter((violation) => this.anchorOf(violation) === anchor)
            .map((violation, index) => ({ ...violation, key: `${anchor}-${violation.code}-${index}` }));
    }

    get paymentViolations() {
        return this.violationsAt('payment');
    }
    get generalViolations() {
        return this.violationsAt('general');
    }
    get planViolations() {
        return this.violationsAt('plan');
    }
    get installationViolations() {
        return this.violationsAt('installation');
    }
    get addressViolations() {
        return this.violationsAt('address');
    }
    get feeViolations() {
        return this.violationsAt('fee');
    }
    get addOnViolations() {
        return this.violationsAt('addons');
    }
    get mnpViolations() {
        return this.violationsAt('mnp');
    }
    get regionViolations() {
        return this.violationsAt('region');
    }

    // ----- submit -----

    get submitDisabled() {
        return this.submitting || !this.ready || !this.hasCategory || this.needsPaymentMethod;
    }

    get showFixErrors() {
        return this.submitAttempted && this.clientErrors().length > 0;
    }

    get hasPaymentViolations() {
        return this.paymentViolations.length > 0;
    }

    buildRequest() {
        const planDetails = {};
        if (this.isSim && this.mnpEnabled) {
            planDetails.mnp = mnpDetails(this.mnp);
        }
        if (this.isVpn) {
            planDetails.vpnRegion = this.vpnRegion;
        }
        const lines = this.selectedLines.map((item) => {
            const line = { productCode: item.productCode, quantity: 1 };
            if (item.productCode === this.planCode && Object.keys(planDetails).length) {
                line.details = planDetails;
            }
            return line;
        });
        const request = { requestKey: this.requestKey, category: this.category, lines };
        if (this.isInternet) {
            request.installationAddress = {
                address: { ...this.installationAddress },
                confirmed: this.addressConfirmed,
                changed: this.addressChanged
            };
        }
        return request;
    }

    async handleSubmit() {
        // Synchronous guard: a double click reaches here twice before the first call returns.
        if (this.submitting || this.submitDisabled) {
            return;
        }
        this.submitAttempted = true;
        const form = this.template.querySelector('c-address-form');
        const addressValid = !(this.isInternet && this.editingAddress && form) || form.validate();
        if (this.clientErrors().length || !addressValid) {
            return;
        }
        this.submitting = true;
        this.submitError = undefined;
        this.retryHint = false;
        if (!this.requestKey) {
            this.requestKey = newRequestKey();
        }
        try {
            const result = await submitOrder({ requestJson: JSON.stringify(this.buildRequest()) });
            if (result && result.ok) {
                this.violations = [];
                this[NavigationMixin.Navigate]({
                    type: 'comm__namedPage',
                    attributes: { name: 'Order_Detail__c' },
                    state: { orderId: result.orderId }
                });
                return;
            }
            // A definite "no": nothing was created, so the corrected order is a new attempt.
            this.violations = (result && result.violations) || [];
            this.requestKey = undefined;
            if (!this.violations.length) {
                this.submitError = 'UNEXPECTED';
            }
        } catch (error) {
            // Unknown outcome (network, timeout, billing down): keep the key so a retry is safe.
            this.submitError = error;
            this.retryHint = true;
        } finally {
            this.submitting = false;
        }
    }

    // ----- input handlers -----

    selectCategory(category) {
        this.category = category;
        this.planCode = undefined;
        this.installationCode = undefined;
        this.addOnCodes = [];
        this.vpnRegion = undefined;
        this.mnpEnabled = false;
        this.violations = [];
        this.submitAttempted = false;
        this.requestKey = undefined;
    }

    applyRequestedPlan() {
        if (!this.planCode && this.requestedPlan && this.catalog) {
            const item = this.findItem(this.requestedPlan);
            if (item && item.category === this.category && item.itemType === 'Plan') {
                this.planCode = item.productCode;
            }
        }
    }

    handleCategoryChange(event) {
        this.selectCategory(event.detail.value);
    }

    handlePlanChange(event) {
        this.planCode = event.detail.value;
    }

    handleInstallationChange(event) {
        this.installationCode = event.detail.value;
    }

    handleAddOnsChange(event) {
        this.addOnCodes = [...(event.detail.value || [])];
    }

    handleRegionChange(event) {
        this.vpnRegion = event.detail.value;
    }

    handleConfirmAddress(event) {
        this.addressConfirmed = !!(event.detail && event.detail.checked !== undefined
            ? event.detail.checked
            : event.target.checked);
    }

    handleEditAddress() {
        this.editingAddress = true;
    }

    handleUseBillingAddress() {
        this.editingAddress = false;
        this.installationAddress = { ...(this.context.billingAddress || {}) };
        this.addressChanged = false;
        this.addressConfirmed = false;
    }

    handleAddressChange(event) {
        this.installationAddress = event.detail.address;
        const billing = this.context.billingAddress || {};
        this.addressChanged = ['line1', 'line2', 'city', 'state', 'postalCode', 'country'].some(
            (field) => String(billing[field] ?? '') !== String(this.installationAddress[field] ?? '')
        );
        // The customer confirms the address they finally typed, not the one before the edit.
        this.addressConfirmed = false;
    }

    handleMnpToggle(event) {
        this.mnpEnabled = !!(event.detail && event.detail.checked !== undefined
            ? event.detail.checked
            : event.target.checked);
    }

    handleMnpChange(event) {
        const field = event.target.dataset.field;
        const value =
            event.detail && event.detail.value !== undefined ? event.detail.value : event.target.value;
        this.mnp = { ...this.mnp, [field]: value ?? '' };
        this.mnpTouched = { ...this.mnpTouched, [field]: true };
    }
}
