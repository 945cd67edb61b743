/**
 * What a customer recognises a service by. WHMCS keeps one-time fees (activation, installation) as services
 * of their own; a subscription is a recurring one. The identifier is the custom field provisioning wrote
 * with AddOrder (toBillingOrderLines): the SIM's phone number, the VPN region, the installation address.
 */
import { normaliseDate } from './dates';
import { toMoney } from './money';
import type { BillingService } from './ports';
import type { Category } from './types';
import type { DomainSettings } from './services/deps';

export const SUBSCRIPTION_CATEGORIES = ['Internet', 'SIM', 'VPN', 'Other'] as const;
export type SubscriptionCategory = Category | 'Other';

export const IDENTIFIER_KINDS = ['phone_number', 'vpn_region', 'installation_address'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export interface Subscription {
    id: number;
    productId: number;
    orderId: number | null;
    name: string;
    category: SubscriptionCategory;
    status: string;
    billingCycle: string;
    recurringAmount: string;
    nextDueDate: string | null;
    registeredOn: string | null;
    identifier: { kind: IdentifierKind; value: string } | null;
}

/** Cycles WHMCS bills once or never: their services are fees, not subscriptions. */
const NOT_RECURRING = new Set(['onetime', 'free']);

export function isSubscription(service: Pick<BillingService, 'billingCycle'>): boolean {
    return !NOT_RECURRING.has(service.billingCycle);
}

/** The portal category of a WHMCS product group (the portal's groups are named after the categories). */
export function categoryOf(groupName: string): SubscriptionCategory {
    const wanted = groupName.trim().toLowerCase();
    return (['Internet', 'SIM', 'VPN'] as const).find((c) => c.toLowerCase() === wanted) ?? 'Other';
}

export function identifierOf(
    service: Pick<BillingService, 'customFields'>,
    fields: DomainSettings['productFields']
): Subscription['identifier'] {
    const candidates: [IdentifierKind, number][] = [
        ['phone_number', fields.mnpPhoneNumber],
        ['vpn_region', fields.vpnRegion],
        ['installation_address', fields.installationAddress]
    ];
    for (const [kind, fieldId] of candidates) {
        const value = (service.customFields[fieldId] ?? '').trim();
        if (value !== '') return { kind, value };
    }
    return null;
}

export function presentSubscription(
    service: BillingService,
    fields: DomainSettings['productFields']
): Subscription {
    return {
        id: service.id,
        productId: service.productId,
        orderId: service.orderId,
        name: service.name,
        category: categoryOf(service.groupName),
        status: service.status,
        billingCycle: service.billingCycle,
        recurringAmount: toMoney(service.recurringAmount),
        nextDueDate: normaliseDate(service.nextDueDate),
        registeredOn: normaliseDate(service.registeredOn),
        identifier: identifierOf(service, fields)
    };
}
