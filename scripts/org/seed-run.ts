// Writes a SeedPlan into an org. The connection is an interface so tests use a fake and the real
// path loads @salesforce/core only when it runs (the dry run needs no Salesforce package).
import { STANDARD_PRICEBOOK_QUERY, type SeedPlan, type Scalar } from './seed-plan';

export interface SaveResult {
    id?: string;
    success: boolean;
    errors?: Array<{ message?: string; statusCode?: string } | string>;
}

export type SObjectRecord = Record<string, Scalar> & { Id?: string };

export interface SeedConnection {
    query<T>(soql: string): Promise<{ records: T[] }>;
    create(type: string, records: SObjectRecord[]): Promise<SaveResult[]>;
    update(type: string, records: SObjectRecord[]): Promise<SaveResult[]>;
    upsert(type: string, records: SObjectRecord[], externalIdField: string): Promise<SaveResult[]>;
}

export interface SeedSummary {
    pricebookId: string;
    productsInserted: number;
    productsUpdated: number;
    pricesInserted: number;
    pricesUpdated: number;
    accountsUpserted: number;
}

export function soqlString(value: string): string {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function assertSaved(what: string, results: SaveResult[]): void {
    const failed = results.filter((r) => !r.success);
    if (failed.length > 0) {
        const detail = failed
            .flatMap((r) => r.errors ?? [])
            .map((e) => (typeof e === 'string' ? e : `${e.statusCode ?? ''} ${e.message ?? ''}`.trim()))
            .join('; ');
        throw new Error(`${what}: ${failed.length} record(s) failed: ${detail || 'no details'}`);
    }
}

const CHUNK = 200; // sObject Collections limit per call

async function inChunks(
    records: SObjectRecord[],
    write: (chunk: SObjectRecord[]) => Promise<SaveResult[]>
): Promise<SaveResult[]> {
    const results: SaveResult[] = [];
    for (let i = 0; i < records.length; i += CHUNK) {
        results.push(...(await write(records.slice(i, i + CHUNK))));
    }
    return results;
}

export async function runSeed(
    plan: SeedPlan,
    conn: SeedConnection,
    log: (line: string) => void = () => {}
): Promise<SeedSummary> {
    const books = await conn.query<{ Id: string; IsActive: boolean }>(STANDARD_PRICEBOOK_QUERY);
    const book = books.records[0];
    if (!book) throw new Error('No standard price book found (Pricebook2 WHERE IsStandard = true).');
    if (!book.IsActive) {
        assertSaved(
            'activate standard price book',
            await conn.update('Pricebook2', [{ Id: book.Id, IsActive: true }])
        );
    }
    log(`standard price book ${book.Id}`);

    // Product2.ProductCode is not an external id, so "upsert by code" is query + update/insert.
    const codes = plan.products.map((p) => p.ProductCode);
    const existing = codes.length
        ? await conn.query<{ Id: string; ProductCode: string }>(
              `SELECT Id, ProductCode FROM Product2 WHERE ProductCode IN (${codes.map(soqlString).join(', ')})`
          )
        : { records: [] };
    const idByCode = new Map<string, string>();
    for (const r of existing.records) if (!idByCode.has(r.ProductCode)) idByCode.set(r.ProductCode, r.Id);

    const toUpdate = plan.products.filter((p) => idByCode.has(p.ProductCode));
    const toInsert = plan.products.filter((p) => !idByCode.has(p.ProductCode));
    if (toUpdate.length) {
        const rows: SObjectRecord[] = toUpdate.map((p) => ({
            ...p,
            Id: idByCode.get(p.ProductCode) as string
        }));
        assertSaved('update Product2', await inChunks(rows, (c) => conn.update('Product2', c)));
    }
    if (toInsert.length) {
        const results = await inChunks(toInsert, (c) => conn.create('Product2', c));
        assertSaved('insert Product2', results);
        toInsert.forEach((p, i) => idByCode.set(p.ProductCode, results[i].id as string));
    }
    log(`Product2: ${toInsert.length} inserted, ${toUpdate.length} updated`);

    const productIds = codes.map((c) => idByCode.get(c) as string);
    const entries = productIds.length
        ? await conn.query<{ Id: string; Product2Id: string }>(
              `SELECT Id, Product2Id FROM PricebookEntry WHERE Pricebook2Id = ${soqlString(book.Id)} ` +
                  `AND Product2Id IN (${productIds.map(soqlString).join(', ')})`
          )
        : { records: [] };
    const entryByProduct = new Map(entries.records.map((e) => [e.Product2Id, e.Id]));
    const priceUpdates: SObjectRecord[] = [];
    const priceInserts: SObjectRecord[] = [];
    for (const price of plan.prices) {
        const productId = idByCode.get(price.ProductCode) as string;
        const entryId = entryByProduct.get(productId);
        if (entryId) {
            priceUpdates.push({ Id: entryId, UnitPrice: price.UnitPrice, IsActive: price.IsActive });
        } else {
            priceInserts.push({
                Pricebook2Id: book.Id,
                Product2Id: productId,
                UnitPrice: price.UnitPrice,
                IsActive: price.IsActive
            });
        }
    }
    if (priceUpdates.length) {
        assertSaved(
            'update PricebookEntry',
            await inChunks(priceUpdates, (c) => conn.update('PricebookEntry', c))
        );
    }
    if (priceInserts.length) {
        assertSaved(
            'insert PricebookEntry',
            await inChunks(priceInserts, (c) => conn.create('PricebookEntry', c))
        );
    }
    log(`PricebookEntry: ${priceInserts.length} inserted, ${priceUpdates.length} updated`);

    if (plan.accounts.length) {
        assertSaved(
            'upsert Account',
            await inChunks(plan.accounts, (c) => conn.upsert('Account', c, 'Customer_Number__c'))
        );
    }
    log(`Account: ${plan.accounts.length} upserted by Customer_Number__c`);

    return {
        pricebookId: book.Id,
        productsInserted: toInsert.length,
        productsUpdated: toUpdate.length,
        pricesInserted: priceInserts.length,
        pricesUpdated: priceUpdates.length,
        accountsUpserted: plan.accounts.length
    };
}

// ---- Real connection (loaded lazily) -------------------------------------------------------------

interface JsforceSObject {
    create(records: SObjectRecord[], options: { allOrNone: boolean }): Promise<SaveResult[]>;
    update(records: SObjectRecord[], options: { allOrNone: boolean }): Promise<SaveResult[]>;
    upsert(
        records: SObjectRecord[],
        extIdField: string,
        options: { allOrNone: boolean }
    ): Promise<SaveResult[]>;
}

interface JsforceConnection {
    query<T>(soql: string, options?: { autoFetch: boolean }): Promise<{ records: T[] }>;
    sobject(type: string): JsforceSObject;
}

interface CoreModule {
    Org: { create(options: { aliasOrUsername: string }): Promise<{ getConnection(): JsforceConnection }> };
}

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Opens a connection for an sf alias through @salesforce/core (auth comes from the sf CLI store). */
export async function connectByAlias(alias: string): Promise<SeedConnection> {
    // A computed specifier keeps the package optional for type checking and for the dry run.
    const specifier = '@salesforce/core';
    let core: CoreModule;
    try {
        core = (await import(specifier)) as CoreModule;
    } catch (err) {
        throw new Error(
            `@salesforce/core is needed for a real seed (npm package @salesforce/core@8.32.6): ${(err as Error).message}`
        );
    }
    const org = await core.Org.create({ aliasOrUsername: alias });
    const conn = org.getConnection();
    const opts = { allOrNone: true };
    return {
        query: (soql) => conn.query(soql, { autoFetch: true }),
        create: async (type, records) => asArray(await conn.sobject(type).create(records, opts)),
        update: async (type, records) => asArray(await conn.sobject(type).update(records, opts)),
        upsert: async (type, records, field) => asArray(await conn.sobject(type).upsert(records, field, opts))
    };
}
