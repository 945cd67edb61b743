import type { Db } from '../db';
import type { ApexMethodImpl } from '../context';

// CatalogService.CatalogItem (+ the server-only fields).
export interface CatalogItem {
    productId: string;
    productCode: string;
    name: string;
    description: string | null;
    category: string;
    itemType: string;
    billingCycle: string;
    unitPrice: number;
    sortOrder: number | null;
    pricebookEntryId: string;
    whmcsProductId: number | null;
    orderable: boolean;
}

interface EntryRow {
    Id: string;
    UnitPrice: number;
    Product2Id: string;
    ProductCode: string;
    Name: string;
    Description: string | null;
    Portal_Category__c: string;
    Portal_Item_Type__c: string;
    Billing_Cycle__c: string;
    Portal_Sort_Order__c: number | null;
    WHMCS_Product_Id__c: number | null;
    Portal_Orderable__c: number;
}

const CATEGORY_ORDER = ['Internet', 'SIM', 'VPN'];

const ENTRY_SELECT = `
SELECT e.Id, e.UnitPrice, e.Product2Id, p.ProductCode, p.Name, p.Description, p.Portal_Category__c,
       p.Portal_Item_Type__c, p.Billing_Cycle__c, p.Portal_Sort_Order__c, p.WHMCS_Product_Id__c, p.Portal_Orderable__c
FROM PricebookEntry e JOIN Product2 p ON p.Id = e.Product2Id`;

export function standardPricebookId(db: Db): string | null {
    const row = db.prepare('SELECT Id FROM Pricebook2 WHERE IsStandard = 1 LIMIT 1').get() as
        { Id: string } | undefined;
    return row ? row.Id : null;
}

function toItem(e: EntryRow): CatalogItem {
    return {
        productId: e.Product2Id,
        productCode: e.ProductCode,
        name: e.Name,
        description: e.Description,
        category: e.Portal_Category__c,
        itemType: e.Portal_Item_Type__c,
        billingCycle: e.Billing_Cycle__c,
        unitPrice: e.UnitPrice,
        sortOrder: e.Portal_Sort_Order__c === null ? null : Math.trunc(e.Portal_Sort_Order__c),
        pricebookEntryId: e.Id,
        whmcsProductId: e.WHMCS_Product_Id__c === null ? null : Math.trunc(e.WHMCS_Product_Id__c),
        orderable: e.Portal_Orderable__c === 1
    };
}

// CatalogService.getCatalog: active, orderable, priced; sorted by category then sort order.
export function getCatalogItems(db: Db): CatalogItem[] {
    const pricebookId = standardPricebookId(db);
    if (!pricebookId) return [];
    const entries = db
        .prepare(
            `${ENTRY_SELECT}
             WHERE e.Pricebook2Id = ? AND e.IsActive = 1 AND e.UnitPrice IS NOT NULL AND p.IsActive = 1
               AND p.Portal_Orderable__c = 1 AND p.Portal_Category__c IS NOT NULL
             ORDER BY p.Portal_Sort_Order__c IS NULL, p.Portal_Sort_Order__c ASC, p.ProductCode ASC LIMIT 500`
        )
        .all(pricebookId) as EntryRow[];
    const items: CatalogItem[] = [];
    for (const category of CATEGORY_ORDER) {
        for (const entry of entries) if (entry.Portal_Category__c === category) items.push(toItem(entry));
    }
    return items;
}

// CatalogService.resolveByCode: priced active products, orderable or not (the middleware reports that).
export function resolveByCode(db: Db, codes: Set<string>): Map<string, CatalogItem> {
    const out = new Map<string, CatalogItem>();
    const pricebookId = standardPricebookId(db);
    if (!pricebookId || codes.size === 0) return out;
    const list = [...codes];
    const rows = db
        .prepare(
            `${ENTRY_SELECT}
             WHERE e.Pricebook2Id = ? AND e.IsActive = 1 AND e.UnitPrice IS NOT NULL AND p.IsActive = 1
               AND p.ProductCode IN (${list.map(() => '?').join(',')}) LIMIT 200`
        )
        .all(pricebookId, ...list) as EntryRow[];
    for (const row of rows) out.set(row.ProductCode, toItem(row));
    return out;
}

export function lineBillingCycle(billingCycle: string | null): 'monthly' | 'onetime' {
    return billingCycle === 'OneTime' ? 'onetime' : 'monthly';
}

// What Apex serialises: only the @AuraEnabled fields.
export function publicItem(item: CatalogItem) {
    const {
        productId,
        productCode,
        name,
        description,
        category,
        itemType,
        billingCycle,
        unitPrice,
        sortOrder
    } = item;
    return {
        productId,
        productCode,
        name,
        description,
        category,
        itemType,
        billingCycle,
        unitPrice,
        sortOrder
    };
}

export const PortalCatalogController: Record<string, ApexMethodImpl> = {
    getCatalog: {
        params: [],
        access: 'customer',
        run: ({ org }) => getCatalogItems(org.db).map(publicItem)
    }
};
