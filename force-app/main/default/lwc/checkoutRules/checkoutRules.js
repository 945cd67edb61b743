/**
 * Checkout rules without UI: MNP (number transfer) checks, order totals and where a server
 * violation is shown. No labels here: problems come back as codes the component translates.
 */
import { daysUntil, isMonthly, parseDateInput } from 'c/portalFormat';

const RESERVATION_PATTERN = /^\d{10}$/;
const PHONE_PATTERN = /^0[789]0\d{8}$/;
export const MNP_FIELDS = ['reservationNumber', 'expiresOn', 'phoneNumber', 'holderName'];

// Where a violation code is shown; codes tied to a line fall back to the line's field.
const CODE_ANCHOR = {
    PAYMENT_METHOD_REQUIRED: 'payment',
    INTERNET_PLAN_REQUIRED: 'plan',
    SIM_PLAN_REQUIRED: 'plan',
    VPN_PLAN_REQUIRED: 'plan',
    INSTALLATION_ADDRESS_NOT_CONFIRMED: 'address',
    SIM_ACTIVATION_FEE_REQUIRED: 'fee',
    VPN_ACTIVATION_FEE_REQUIRED: 'fee',
    MNP_DETAILS_INVALID: 'mnp',
    MNP_RESERVATION_EXPIRING: 'mnp',
    VPN_REGION_REQUIRED: 'region'
};
const ITEM_TYPE_ANCHOR = {
    Plan: 'plan',
    Installation: 'installation',
    ActivationFee: 'fee',
    AddOn: 'addons'
};

/** The value without spaces and hyphens ("090-1234 5678" → "09012345678"). */
export const digitsOnly = (value) => String(value ?? '').replace(/[\s-]/g, '');

function expiryProblem(text, today) {
    if (!String(text ?? '').trim()) {
        return 'required';
    }
    const iso = parseDateInput(text);
    if (!iso) {
        return 'invalid';
    }
    return daysUntil(iso, today) < 0 ? 'expired' : '';
}

/**
 * The problem with each MNP field: '' (fine), 'required', 'invalid' or, for expiresOn, 'expired'.
 */
export function mnpProblems(mnp = {}, today = new Date()) {
    const { reservationNumber, expiresOn, phoneNumber, holderName } = mnp;
    const reservation = digitsOnly(reservationNumber);
    const phone = digitsOnly(phoneNumber);
    return {
        reservationNumber: !reservation ? 'required' : RESERVATION_PATTERN.test(reservation) ? '' : 'invalid',
        expiresOn: expiryProblem(expiresOn, today),
        phoneNumber: !phone ? 'required' : PHONE_PATTERN.test(phone) ? '' : 'invalid',
        holderName: String(holderName ?? '').trim() ? '' : 'required'
    };
}

/** The MNP details as the server expects them: digits only, ISO date, trimmed name. */
export function mnpDetails(mnp) {
    return {
        reservationNumber: digitsOnly(mnp.reservationNumber),
        expiresOn: parseDateInput(mnp.expiresOn),
        phoneNumber: digitsOnly(mnp.phoneNumber),
        holderName: mnp.holderName.trim()
    };
}

/** Sum of the unit prices of the monthly (monthly = true) or the other (false) catalog items. */
export function orderTotal(items, monthly) {
    return items
        .filter((item) => isMonthly(item.billingCycle) === monthly)
        .reduce((sum, item) => sum + Number(item.unitPrice || 0), 0);
}

/**
 * The form anchor a violation is shown at: by its code, else by the item type of the line it
 * names (`findItem(productCode)` → catalog item), else 'general'.
 */
export function violationAnchor(violation, findItem) {
    if (CODE_ANCHOR[violation.code]) {
        return CODE_ANCHOR[violation.code];
    }
    const item = violation.lineId ? findItem(violation.lineId) : undefined;
    return (item && ITEM_TYPE_ANCHOR[item.itemType]) || 'general';
}
