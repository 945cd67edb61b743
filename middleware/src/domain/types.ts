/** Domain types shared by rules, services and adapters. No framework imports here. */

export const CATEGORIES = ['Internet', 'SIM', 'VPN'] as const;
export type Category = (typeof CATEGORIES)[number];

export const ITEM_TYPES = ['Plan', 'Installation', 'ActivationFee', 'AddOn'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const LINE_BILLING_CYCLES = ['monthly', 'onetime'] as const;
export type LineBillingCycle = (typeof LINE_BILLING_CYCLES)[number];

export interface Address {
    line1: string;
    line2?: string;
    city: string;
    state: string;
    postalCode: string;
    country: string;
}

export interface MnpDetails {
    reservationNumber: string;
    expiresOn: string;
    phoneNumber: string;
    holderName: string;
}

export interface LineDetails {
    mnp?: MnpDetails;
    vpnRegion?: string;
    installationOption?: string;
}

export interface OrderLine {
    lineId: string;
    productCode: string;
    name: string;
    category: Category;
    itemType: ItemType;
    whmcsProductId: number;
    billingCycle: LineBillingCycle;
    unitPrice: string;
    quantity: number;
    orderable: boolean;
    details?: LineDetails;
}

export interface InstallationAddress {
    address: Address;
    confirmed: boolean;
}

export const RULE_CODES = [
    'PAYMENT_METHOD_REQUIRED',
    'PRODUCT_NOT_ORDERABLE',
    'ORDER_MIXED_CATEGORIES',
    'INTERNET_PLAN_REQUIRED',
    'INTERNET_ALREADY_ACTIVE',
    'INSTALLATION_ADDRESS_NOT_CONFIRMED',
    'SIM_PLAN_REQUIRED',
    'SIM_ACTIVATION_FEE_REQUIRED',
    'MNP_DETAILS_INVALID',
    'MNP_RESERVATION_EXPIRING',
    'VPN_PLAN_REQUIRED',
    'VPN_REGION_REQUIRED',
    'VPN_ACTIVATION_FEE_REQUIRED'
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

export interface Violation {
    code: RuleCode;
    message: string;
    lineId?: string;
}
