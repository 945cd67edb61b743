// Maps the stable UPPER_SNAKE error codes from Apex to their Custom Labels (Error_<CODE>).
import PAYLOAD_TOO_LARGE from '@salesforce/label/c.Error_PAYLOAD_TOO_LARGE';
import UNAUTHENTICATED from '@salesforce/label/c.Error_UNAUTHENTICATED';
import VALIDATION_FAILED from '@salesforce/label/c.Error_VALIDATION_FAILED';
import EMAIL_IN_USE from '@salesforce/label/c.Error_EMAIL_IN_USE';
import CREDENTIALS_INVALID from '@salesforce/label/c.Error_CREDENTIALS_INVALID';
import VERIFICATION_LOCKED from '@salesforce/label/c.Error_VERIFICATION_LOCKED';
import CUSTOMER_NUMBER_MISSING from '@salesforce/label/c.Error_CUSTOMER_NUMBER_MISSING';
import NOT_FOUND from '@salesforce/label/c.Error_NOT_FOUND';
import BILLING_UNAVAILABLE from '@salesforce/label/c.Error_BILLING_UNAVAILABLE';
import CONFIGURATION_ERROR from '@salesforce/label/c.Error_CONFIGURATION_ERROR';
import PAYMENT_METHOD_REQUIRED from '@salesforce/label/c.Error_PAYMENT_METHOD_REQUIRED';
import PRODUCT_NOT_ORDERABLE from '@salesforce/label/c.Error_PRODUCT_NOT_ORDERABLE';
import ORDER_MIXED_CATEGORIES from '@salesforce/label/c.Error_ORDER_MIXED_CATEGORIES';
import INTERNET_PLAN_REQUIRED from '@salesforce/label/c.Error_INTERNET_PLAN_REQUIRED';
import INTERNET_ALREADY_ACTIVE from '@salesforce/label/c.Error_INTERNET_ALREADY_ACTIVE';
import INSTALLATION_ADDRESS_NOT_CONFIRMED from '@salesforce/label/c.Error_INSTALLATION_ADDRESS_NOT_CONFIRMED';
import SIM_PLAN_REQUIRED from '@salesforce/label/c.Error_SIM_PLAN_REQUIRED';
import SIM_ACTIVATION_FEE_REQUIRED from '@salesforce/label/c.Error_SIM_ACTIVATION_FEE_REQUIRED';
import MNP_DETAILS_INVALID from '@salesforce/label/c.Error_MNP_DETAILS_INVALID';
import MNP_RESERVATION_EXPIRING from '@salesforce/label/c.Error_MNP_RESERVATION_EXPIRING';
import VPN_PLAN_REQUIRED from '@salesforce/label/c.Error_VPN_PLAN_REQUIRED';
import VPN_REGION_REQUIRED from '@salesforce/label/c.Error_VPN_REGION_REQUIRED';
import VPN_ACTIVATION_FEE_REQUIRED from '@salesforce/label/c.Error_VPN_ACTIVATION_FEE_REQUIRED';
import BILLING_REJECTED from '@salesforce/label/c.Error_BILLING_REJECTED';
import NOT_A_CUSTOMER from '@salesforce/label/c.Error_NOT_A_CUSTOMER';
import ACCOUNT_NOT_FOUND from '@salesforce/label/c.Error_ACCOUNT_NOT_FOUND';
import SIGNUP_NOT_FOUND from '@salesforce/label/c.Error_SIGNUP_NOT_FOUND';
import SIGNUP_ALREADY_REGISTERED from '@salesforce/label/c.Error_SIGNUP_ALREADY_REGISTERED';
import PASSWORD_POLICY from '@salesforce/label/c.Error_PASSWORD_POLICY';
import PASSWORD_MISMATCH from '@salesforce/label/c.Error_PASSWORD_MISMATCH';
import LOGIN_FAILED from '@salesforce/label/c.Error_LOGIN_FAILED';
import ORDER_NOT_APPROVABLE from '@salesforce/label/c.Error_ORDER_NOT_APPROVABLE';
import ORDER_NOT_RETRYABLE from '@salesforce/label/c.Error_ORDER_NOT_RETRYABLE';
import PROVISIONING_IN_PROGRESS from '@salesforce/label/c.Error_PROVISIONING_IN_PROGRESS';
import INTERNAL_ERROR from '@salesforce/label/c.Error_INTERNAL_ERROR';
import UNEXPECTED from '@salesforce/label/c.Error_UNEXPECTED';
import PASSWORD_SAME_AS_BILLING from '@salesforce/label/c.Error_PASSWORD_SAME_AS_BILLING';
import LOCKED_MINUTES from '@salesforce/label/c.Portal_Error_LockedMinutes';
import CHANGE_NOT_ALLOWED from '@salesforce/label/c.Error_CHANGE_NOT_ALLOWED';
import SERVICE_REQUEST_OPEN from '@salesforce/label/c.Error_SERVICE_REQUEST_OPEN';
import REQUEST_NOT_APPROVABLE from '@salesforce/label/c.Error_REQUEST_NOT_APPROVABLE';
import REQUEST_NOT_REJECTABLE from '@salesforce/label/c.Error_REQUEST_NOT_REJECTABLE';
import REQUEST_NOT_RETRYABLE from '@salesforce/label/c.Error_REQUEST_NOT_RETRYABLE';
import REQUEST_MISMATCH from '@salesforce/label/c.Error_REQUEST_MISMATCH';
import LOCKED_ONE_MINUTE from '@salesforce/label/c.Defects_Error_LockedOneMinute';
import SIGNUP_LOCKED from '@salesforce/label/c.Error_SIGNUP_LOCKED';
import SIGNUP_LOCKED_UNTIL from '@salesforce/label/c.Defects_Error_SignupLockedUntil';
import LOCALE from '@salesforce/i18n/locale';

const LABELS = {
    PAYLOAD_TOO_LARGE,
    UNAUTHENTICATED,
    VALIDATION_FAILED,
    EMAIL_IN_USE,
    CREDENTIALS_INVALID,
    VERIFICATION_LOCKED,
    CUSTOMER_NUMBER_MISSING,
    NOT_FOUND,
    BILLING_UNAVAILABLE,
    CONFIGURATION_ERROR,
    PAYMENT_METHOD_REQUIRED,
    PRODUCT_NOT_ORDERABLE,
    ORDER_MIXED_CATEGORIES,
    INTERNET_PLAN_REQUIRED,
    INTERNET_ALREADY_ACTIVE,
    INSTALLATION_ADDRESS_NOT_CONFIRMED,
    SIM_PLAN_REQUIRED,
    SIM_ACTIVATION_FEE_REQUIRED,
    MNP_DETAILS_INVALID,
    MNP_RESERVATION_EXPIRING,
    VPN_PLAN_REQUIRED,
    VPN_REGION_REQUIRED,
    VPN_ACTIVATION_FEE_REQUIRED,
    BILLING_REJECTED,
    NOT_A_CUSTOMER,
    ACCOUNT_NOT_FOUND,
    SIGNUP_NOT_FOUND,
    SIGNUP_ALREADY_REGISTERED,
    PASSWORD_POLICY,
    PASSWORD_MISMATCH,
    LOGIN_FAILED,
    ORDER_NOT_APPROVABLE,
    ORDER_NOT_RETRYABLE,
    PROVISIONING_IN_PROGRESS,
    INTERNAL_ERROR,
    UNEXPECTED,
    CHANGE_NOT_ALLOWED,
    SERVICE_REQUEST_OPEN,
    REQUEST_NOT_APPROVABLE,
    REQUEST_NOT_REJECTABLE,
    REQUEST_NOT_RETRYABLE,
    REQUEST_MISMATCH,
    PASSWORD_SAME_AS_BILLING,
    SIGNUP_LOCKED
};

const CODE_PATTERN = /^([A-Z][A-Z0-9_]*)(?::(.*))?$/;

function messageOf(error) {
    if (error === null || error === undefined) {
        return '';
    }
    if (typeof error === 'string') {
        return error;
    }
    const body = error.body;
    if (Array.isArray(body)) {
        return body.length ? body[0].message || '' : '';
    }
    if (body && typeof body.message === 'string') {
        return body.message;
    }
    if (typeof error.code === 'string') {
        return error.code;
    }
    return typeof error.message === 'string' ? error.message : '';
}

/**
 * The code and its optional parameter from an Apex error, a violation or a bare code string:
 * 'VERIFICATION_LOCKED:120' → { code: 'VERIFICATION_LOCKED', detail: '120' }.
 * Anything that is not a stable code (a network failure, a platform message) → UNEXPECTED.
 */
export function parseError(error) {
    const match = CODE_PATTERN.exec(messageOf(error).trim());
    if (!match) {
        return { code: 'UNEXPECTED', detail: undefined };
    }
    return { code: match[1], detail: match[2] };
}

export function errorCode(error) {
    return parseError(error).code;
}

/** True when the error carries a code the portal knows (used to tell business answers from network failures). */
export function isKnownCode(error) {
    const { code } = parseError(error);
    return code !== 'UNEXPECTED' && Object.prototype.hasOwnProperty.call(LABELS, code);
}

/** Minutes to wait, rounded up, from a VERIFICATION_LOCKED:<seconds> detail; null when absent. */
export function lockoutMinutes(detail) {
    const seconds = Number(detail);
    return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : null;
}

/** The clock time (HH:MM in the user's locale) `seconds` from now; null without a positive number. */
export function clockTimeIn(seconds, now = Date.now(), locale = LOCALE) {
    const wait = Number(seconds);
    if (!Number.isFinite(wait) || wait <= 0) {
        return null;
    }
    return new Intl.DateTimeFormat(locale || 'en-US', { hour: '2-digit', minute: '2-digit' }).format(
        new Date(now + wait * 1000)
    );
}

/** The customer-facing text for an error; unknown codes fall back to Error_UNEXPECTED. */
export function errorLabel(error) {
    const { code, detail } = parseError(error);
    if (code === 'SIGNUP_LOCKED') {
        const at = clockTimeIn(detail);
        if (at !== null) {
            return SIGNUP_LOCKED_UNTIL.replace('{0}', at);
        }
    }
    if (code === 'VERIFICATION_LOCKED') {
        const minutes = lockoutMinutes(detail);
        if (minutes === 1) {
            return LOCKED_ONE_MINUTE;
        }
        if (minutes !== null) {
            return LOCKED_MINUTES.replace('{0}', String(minutes));
        }
    }
    return LABELS[code] || LABELS.UNEXPECTED;
}
