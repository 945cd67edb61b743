// Turns data/catalog.json and data/accounts.json into the records the org seed writes.
// Pure functions: the dry run and the tests use them without any Salesforce package.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Scalar = string | number | boolean | null;

export interface CatalogFile {
    currency: string;
    products: Array<Record<string, Scalar> & { ProductCode: string; UnitPrice: string | number }>;
}

export interface AccountsFile {
    accounts: Array<Record<string, Scalar> & { Customer_Number__c: string }>;
}

/** Product2 fields written by the seed; UnitPrice goes to the PricebookEntry instead. */
export type ProductRecord = Record<string, Scalar> & { ProductCode: string; Name: string };

export interface PriceRecord {
    ProductCode: string;
    UnitPrice: number;
    IsActive: boolean;
}

export type AccountRecord = Record<string, Scalar> & { Customer_Number__c: string; Name: string };

export interface SeedPlan {
    currency: string;
    products: ProductRecord[];
    prices: PriceRecord[];
    accounts: AccountRecord[];
}

/** Keys of data/ files that describe the demo and are not Salesforce fields. */
const NON_FIELD_ACCOUNT_KEYS = new Set(['kind']);
const NON_FIELD_PRODUCT_KEYS = new Set(['UnitPrice']);

export function loadSeedFiles(rootDir: string): { catalog: CatalogFile; accounts: AccountsFile } {
    const read = (file: string): unknown => JSON.parse(readFileSync(join(rootDir, 'data', file), 'utf8'));
    return { catalog: read('catalog.json') as CatalogFile, accounts: read('accounts.json') as AccountsFile };
}

export function buildSeedPlan(catalog: CatalogFile, accountsFile: AccountsFile): SeedPlan {
    const seenCodes = new Set<string>();
    const products: ProductRecord[] = [];
    const prices: PriceRecord[] = [];

    for (const source of catalog.products) {
        const code = source.ProductCode;
        if (typeof code !== 'string' || code.trim() === '') {
            throw new Error(`catalog.json: a product has no ProductCode (${JSON.stringify(source)})`);
        }
        if (seenCodes.has(code)) {
            throw new Error(`catalog.json: ProductCode ${code} appears twice`);
        }
        seenCodes.add(code);
        if (typeof source.Name !== 'string' || source.Name === '') {
            throw new Error(`catalog.json: product ${code} has no Name`);
        }
        const unitPrice = Number(source.UnitPrice);
        if (!Number.isFinite(unitPrice) || unitPrice < 0) {
            throw new Error(`catalog.json: product ${code} has an invalid UnitPrice "${source.UnitPrice}"`);
        }

        const record: Record<string, Scalar> = {};
        for (const [key, value] of Object.entries(source)) {
            if (!NON_FIELD_PRODUCT_KEYS.has(key)) record[key] = value;
        }
        products.push(record as ProductRecord);
        // Every catalog product is priced, orderable or not; IsActive follows the product.
        prices.push({ ProductCode: code, UnitPrice: unitPrice, IsActive: source.IsActive !== false });
    }

    const seenNumbers = new Set<string>();
    const accounts: AccountRecord[] = accountsFile.accounts.map((source) => {
        const number = source.Customer_Number__c;
        if (typeof number !== 'string' || number.trim() === '') {
            throw new Error(
                `accounts.json: an account has no Customer_Number__c (${JSON.stringify(source)})`
            );
        }
        if (seenNumbers.has(number.toLowerCase())) {
            throw new Error(`accounts.json: Customer_Number__c ${number} appears twice`);
        }
        seenNumbers.add(number.toLowerCase());
        const record: Record<string, Scalar> = {};
        for (const [key, value] of Object.entries(source)) {
            if (!NON_FIELD_ACCOUNT_KEYS.has(key)) record[key] = value;
        }
        return record as AccountRecord;
    });

    return { currency: catalog.currency, products, prices, accounts };
}

export const STANDARD_PRICEBOOK_QUERY = 'SELECT Id, IsActive FROM Pricebook2 WHERE IsStandard = true LIMIT 1';

/** Human-readable lines for the dry run: counts first, then the key fields of every record. */
export function describeSeedPlan(plan: SeedPlan): string[] {
    const money = (n: number): string => `${plan.currency} ${n.toFixed(0)}`;
    const lines: string[] = [];
    lines.push(
        `seed: resolve the standard price book (${STANDARD_PRICEBOOK_QUERY}); activate it if inactive`
    );
    lines.push(
        `seed: upsert ${plan.products.length} Product2 by ProductCode (query existing codes, update matches, insert the rest)`
    );
    for (const p of plan.products) {
        lines.push(
            `      ${p.ProductCode}  ${p.Name} [${p.Portal_Category__c}/${p.Portal_Item_Type__c}, ` +
                `${p.Billing_Cycle__c}, WHMCS ${p.WHMCS_Product_Id__c}, orderable ${p.Portal_Orderable__c}, active ${p.IsActive}]`
        );
    }
    lines.push(
        `seed: upsert ${plan.prices.length} PricebookEntry in the standard price book by Product2Id (${plan.currency})`
    );
    for (const e of plan.prices) {
        lines.push(`      ${e.ProductCode}  ${money(e.UnitPrice)}${e.IsActive ? '' : ' (inactive)'}`);
    }
    lines.push(`seed: upsert ${plan.accounts.length} Account by Customer_Number__c`);
    for (const a of plan.accounts) {
        lines.push(`      ${a.Customer_Number__c}  ${a.Name} (${a.BillingPostalCode ?? 'no postal code'})`);
    }
    return lines;
}
