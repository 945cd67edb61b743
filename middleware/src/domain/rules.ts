/**
 * The ordering rules of ARCHITECTURE §3.4: one implementation, applied by `/v1/orders/check` at submission
 * and again before provisioning. Pure: everything the rules need is passed in.
 */
import { daysBetween, parseIsoDate } from './dates';
import type { Category, InstallationAddress, OrderLine, Violation } from './types';

export interface RuleOptions {
    /** Minimum whole days between today (business time zone) and the MNP reservation expiry. */
    mnpMinDaysLeft: number;
    /** Regions a VPN plan may be ordered in. */
    vpnRegions: readonly string[];
}

export interface OrderCheckInput {
    lines: readonly OrderLine[];
    installationAddress?: InstallationAddress;
    /** Categories of the account's orders still open in Salesforce. */
    openOrderCategories?: readonly string[];
    /** True when WHMCS already has an Active or Pending Internet service for the client. */
    hasExistingInternetService: boolean;
    hasUsablePaymentMethod: boolean;
    /** Today's date (YYYY-MM-DD) in the business time zone. */
    today: string;
}

const MNP_RESERVATION = /^\d{10}$/;
/** Japanese mobile numbers: 070/080/090 + 8 digits, hyphens optional in the usual places. */
const JP_MOBILE = /^0[789]0-?\d{4}-?\d{4}$/;

export const RULE_MESSAGES = {
    PAYMENT_METHOD_REQUIRED: 'Add a payment method before ordering.',
    PRODUCT_NOT_ORDERABLE: 'This product cannot be ordered online.',
    ORDER_MIXED_CATEGORIES: 'An order can contain one kind of service only (Internet, SIM or VPN).',
    INTERNET_PLAN_REQUIRED: 'An Internet order needs exactly one Internet plan.',
    INTERNET_INSTALLATION_REQUIRED: 'An Internet order needs exactly one installation option.',
    INTERNET_ALREADY_ACTIVE: 'You already have an Internet service or an Internet order in progress.',
    INSTALLATION_ADDRESS_NOT_CONFIRMED: 'Please confirm the installation address.',
    SIM_PLAN_REQUIRED: 'A SIM order needs a SIM plan.',
    SIM_ACTIVATION_FEE_REQUIRED: 'Each SIM needs its activation fee.',
    MNP_DETAILS_INVALID: 'The number transfer details are incomplete or invalid.',
    MNP_RESERVATION_EXPIRING: 'The number transfer reservation expires too soon. Please get a new one.',
    VPN_PLAN_REQUIRED: 'A VPN order needs a VPN plan.',
    VPN_REGION_REQUIRED: 'Choose a region for the VPN plan.',
    VPN_ACTIVATION_FEE_REQUIRED: 'A VPN order needs the VPN activation fee.'
} as const;

function sumQuantity(lines: readonly OrderLine[]): number {
    return lines.reduce((n, l) => n + l.quantity, 0);
}

/** The single category of an order, or null when lines are empty or mixed. */
export function orderCategory(lines: readonly OrderLine[]): Category | null {
    const set = new Set(lines.map((l) => l.category));
    return set.size === 1 ? [...set][0] : null;
}

export function checkMnp(line: OrderLine, today: string, options: RuleOptions): Violation[] {
    const mnp = line.details?.mnp;
    if (!mnp) return [];
    const problems: string[] = [];
    if (!MNP_RESERVATION.test(mnp.reservationNumber))
        problems.push('the reservation number must be 10 digits');
    if (!JP_MOBILE.test(mnp.phoneNumber.trim()))
        problems.push('the phone number must be a Japanese mobile number');
    if (mnp.holderName.trim() === '') problems.push("the holder's name is required");
    const expiryValid = parseIsoDate(mnp.expiresOn) !== null;
    let daysLeft: number | null = null;
    if (!expiryValid) {
        problems.push('the expiry date is not a valid date');
    } else {
        daysLeft = daysBetween(today, mnp.expiresOn);
        if (daysLeft < 0) problems.push('the reservation has expired');
    }
    const out: Violation[] = [];
    if (problems.length > 0) {
        out.push({
            code: 'MNP_DETAILS_INVALID',
            message: `${RULE_MESSAGES.MNP_DETAILS_INVALID} (${problems.join('; ')})`,
            lineId: line.lineId
        });
    }
    if (daysLeft !== null && daysLeft >= 0 && daysLeft < options.mnpMinDaysLeft) {
        out.push({
            code: 'MNP_RESERVATION_EXPIRING',
            message: `${RULE_MESSAGES.MNP_RESERVATION_EXPIRING} (at least ${options.mnpMinDaysLeft} days must be left)`,
            lineId: line.lineId
        });
    }
    return out;
}

function internetRules(input: OrderCheckInput): Violation[] {
    const out: Violation[] = [];
    const plans = input.lines.filter((l) => l.itemType === 'Plan');
    if (sumQuantity(plans) !== 1) {
        out.push({ code: 'INTERNET_PLAN_REQUIRED', message: RULE_MESSAGES.INTERNET_PLAN_REQUIRED });
    }
    const installs = input.lines.filter((l) => l.itemType === 'Installation');
    if (sumQuantity(installs) !== 1) {
        // The catalog has no dedicated code; the plan code covers "the Internet bundle is incomplete".
        out.push({ code: 'INTERNET_PLAN_REQUIRED', message: RULE_MESSAGES.INTERNET_INSTALLATION_REQUIRED });
    }
    if (!input.installationAddress || input.installationAddress.confirmed !== true) {
        out.push({
            code: 'INSTALLATION_ADDRESS_NOT_CONFIRMED',
            message: RULE_MESSAGES.INSTALLATION_ADDRESS_NOT_CONFIRMED
        });
    }
    const openInternet = (input.openOrderCategories ?? []).includes('Internet');
    if (openInternet || input.hasExistingInternetService) {
        out.push({ code: 'INTERNET_ALREADY_ACTIVE', message: RULE_MESSAGES.INTERNET_ALREADY_ACTIVE });
    }
    return out;
}

function simRules(input: OrderCheckInput, options: RuleOptions): Violation[] {
    const out: Violation[] = [];
    const plans = input.lines.filter((l) => l.itemType === 'Plan');
    const fees = input.lines.filter((l) => l.itemType === 'ActivationFee');
    if (plans.length === 0) {
        out.push({ code: 'SIM_PLAN_REQUIRED', message: RULE_MESSAGES.SIM_PLAN_REQUIRED });
    } else if (sumQuantity(fees) < sumQuantity(plans)) {
        out.push({ code: 'SIM_ACTIVATION_FEE_REQUIRED', message: RULE_MESSAGES.SIM_ACTIVATION_FEE_REQUIRED });
    }
    if (plans.length === 0 && fees.length === 0) {
        out.push({ code: 'SIM_ACTIVATION_FEE_REQUIRED', message: RULE_MESSAGES.SIM_ACTIVATION_FEE_REQUIRED });
    }
    for (const line of input.lines) out.push(...checkMnp(line, input.today, options));
    return out;
}

function vpnRules(input: OrderCheckInput, options: RuleOptions): Violation[] {
    const out: Violation[] = [];
    const plans = input.lines.filter((l) => l.itemType === 'Plan');
    if (plans.length === 0) {
        out.push({ code: 'VPN_PLAN_REQUIRED', message: RULE_MESSAGES.VPN_PLAN_REQUIRED });
    }
    for (const plan of plans) {
        const region = plan.details?.vpnRegion;
        if (!region || !options.vpnRegions.includes(region)) {
            out.push({
                code: 'VPN_REGION_REQUIRED',
                message: RULE_MESSAGES.VPN_REGION_REQUIRED,
                lineId: plan.lineId
            });
        }
    }
    if (!input.lines.some((l) => l.itemType === 'ActivationFee')) {
        out.push({ code: 'VPN_ACTIVATION_FEE_REQUIRED', message: RULE_MESSAGES.VPN_ACTIVATION_FEE_REQUIRED });
    }
    return out;
}

/** Every rule violation of an order; an empty list means the order may proceed. */
export function checkOrder(input: OrderCheckInput, options: RuleOptions): Violation[] {
    const out: Violation[] = [];
    for (const line of input.lines) {
        if (!line.orderable) {
            out.push({
                code: 'PRODUCT_NOT_ORDERABLE',
                message: RULE_MESSAGES.PRODUCT_NOT_ORDERABLE,
                lineId: line.lineId
            });
        }
    }
    if (!input.hasUsablePaymentMethod) {
        out.push({ code: 'PAYMENT_METHOD_REQUIRED', message: RULE_MESSAGES.PAYMENT_METHOD_REQUIRED });
    }
    const categories = new Set(input.lines.map((l) => l.category));
    if (categories.size > 1) {
        out.push({ code: 'ORDER_MIXED_CATEGORIES', message: RULE_MESSAGES.ORDER_MIXED_CATEGORIES });
        return out;
    }
    switch (orderCategory(input.lines)) {
        case 'Internet':
            out.push(...internetRules(input));
            break;
        case 'SIM':
            out.push(...simRules(input, options));
            break;
        case 'VPN':
            out.push(...vpnRules(input, options));
            break;
        default:
            break;
    }
    return out;
}

/**
 * True when `checkOrder` may read `hasExistingInternetService`: the order has an Internet line. The Internet
 * rules run only for an all-Internet order, so for SIM and VPN orders (and orders without an Internet line)
 * the client's existing services are irrelevant and need not be fetched.
 */
export function needsExistingServices(lines: readonly OrderLine[]): boolean {
    return lines.some((l) => l.category === 'Internet');
}

export interface ExistingService {
    productId: number;
    status: string;
    orderId?: number | null;
}

/**
 * True when the client already has an Active or Pending service of one of the Internet plan products.
 * Services that belong to `ignoreOrderId` (the WHMCS order of the order being provisioned) do not count.
 */
export function hasActiveInternetService(
    services: readonly ExistingService[],
    internetProductIds: readonly number[],
    ignoreOrderId?: number | null
): boolean {
    return services.some(
        (s) =>
            internetProductIds.includes(s.productId) &&
            (s.status === 'Active' || s.status === 'Pending') &&
            (ignoreOrderId == null || s.orderId !== ignoreOrderId)
    );
}
