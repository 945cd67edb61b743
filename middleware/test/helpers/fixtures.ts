/** Order lines built from data/catalog.json, as Salesforce would send them. */
import catalog from '../../../data/catalog.json';
import type { OrderLine } from '../../src/domain/types';

type Product = (typeof catalog.products)[number];

function product(code: string): Product {
    const p = catalog.products.find((x) => x.ProductCode === code);
    if (!p) throw new Error(`no product ${code}`);
    return p;
}

export function line(code: string, overrides: Partial<OrderLine> = {}): OrderLine {
    const p = product(code);
    return {
        lineId: code,
        productCode: code,
        name: p.Name,
        category: p.Portal_Category__c as OrderLine['category'],
        itemType: p.Portal_Item_Type__c as OrderLine['itemType'],
        whmcsProductId: p.WHMCS_Product_Id__c,
        billingCycle: p.Billing_Cycle__c === 'Monthly' ? 'monthly' : 'onetime',
        unitPrice: p.UnitPrice,
        quantity: 1,
        orderable: p.Portal_Orderable__c,
        ...overrides
    };
}

export const ADDRESS = {
    line1: '7-8-9 Sakae',
    city: 'Naka-ku, Nagoya-shi',
    state: 'Aichi',
    postalCode: '460-0008',
    country: 'JP'
};

export const simLines = (): OrderLine[] => [line('SIM-DATA-3GB'), line('SIM-ACTIVATION')];
export const vpnLines = (region = 'JP'): OrderLine[] => [
    line('VPN-STANDARD', { details: { vpnRegion: region } }),
    line('VPN-ACTIVATION')
];
export const internetLines = (): OrderLine[] => [line('INT-FIBER-1G'), line('INT-INSTALL-STANDARD')];

/** A distinct 18-character Salesforce Order id per n. */
export function orderId(n: number): string {
    return `801${String(n).padStart(12, '0')}AAA`;
}

export function accountId(n: number): string {
    return `001${String(n).padStart(12, '0')}AAA`;
}

export const KENTA = 1;
export const EMILY = 2;
export const NOAH = 3;
