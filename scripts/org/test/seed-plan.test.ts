import { buildSeedPlan, describeSeedPlan, loadSeedFiles, type CatalogFile } from '../seed-plan';
import { runSeed, soqlString, type SaveResult, type SeedConnection, type SObjectRecord } from '../seed-run';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const files = loadSeedFiles(root);

describe('buildSeedPlan with the real data files', () => {
    const plan = buildSeedPlan(files.catalog, files.accounts);

    it('maps every catalog product to a Product2 record and a JPY standard price', () => {
        expect(plan.currency).toBe('JPY');
        expect(plan.products).toHaveLength(files.catalog.products.length);
        expect(plan.prices).toHaveLength(files.catalog.products.length);
        for (const source of files.catalog.products) {
            const product = plan.products.find((p) => p.ProductCode === source.ProductCode);
            expect(product).toBeDefined();
            expect(product).not.toHaveProperty('UnitPrice');
            expect(product?.WHMCS_Product_Id__c).toBe(source.WHMCS_Product_Id__c);
            expect(product?.Portal_Category__c).toBe(source.Portal_Category__c);
            const price = plan.prices.find((p) => p.ProductCode === source.ProductCode);
            expect(price?.UnitPrice).toBe(Number(source.UnitPrice));
        }
    });

    it('keeps every account, keyed by customer number, without the kind key', () => {
        expect(plan.accounts.map((a) => a.Customer_Number__c)).toEqual(
            files.accounts.accounts.map((a) => a.Customer_Number__c)
        );
        for (const account of plan.accounts) {
            expect(account).not.toHaveProperty('kind');
            expect(account.BillingPostalCode).toEqual(expect.any(String));
        }
    });

    it('describes counts and key fields for the dry run', () => {
        const text = describeSeedPlan(plan).join('\n');
        expect(text).toContain(`upsert ${plan.products.length} Product2 by ProductCode`);
        expect(text).toContain(`upsert ${plan.prices.length} PricebookEntry in the standard price book`);
        expect(text).toContain(`upsert ${plan.accounts.length} Account by Customer_Number__c`);
        expect(text).toContain('IsStandard = true');
        for (const p of plan.products) expect(text).toContain(p.ProductCode);
        for (const a of plan.accounts) expect(text).toContain(`${a.Customer_Number__c}  ${a.Name}`);
        expect(text).toMatch(/INT-FIBER-1G {2}JPY 5280/);
    });
});

describe('buildSeedPlan validation', () => {
    const product = { ProductCode: 'A', Name: 'A', UnitPrice: '10.00', IsActive: true };
    const catalog = (products: CatalogFile['products']): CatalogFile => ({ currency: 'JPY', products });

    it('rejects duplicate product codes and bad prices', () => {
        expect(() => buildSeedPlan(catalog([product, product]), { accounts: [] })).toThrow(
            'ProductCode A appears twice'
        );
        expect(() => buildSeedPlan(catalog([{ ...product, UnitPrice: 'free' }]), { accounts: [] })).toThrow(
            'invalid UnitPrice'
        );
    });

    it('rejects duplicate customer numbers case-insensitively', () => {
        const accounts = [
            { Name: 'x', Customer_Number__c: 'ab1' },
            { Name: 'y', Customer_Number__c: 'AB1' }
        ];
        expect(() => buildSeedPlan(catalog([]), { accounts })).toThrow('appears twice');
    });
});

class FakeConnection implements SeedConnection {
    readonly calls: Array<{ op: string; type: string; records: SObjectRecord[]; field?: string }> = [];
    readonly queries: string[] = [];
    private next = 1;
    constructor(
        private readonly existingProducts: Array<{ Id: string; ProductCode: string }>,
        private readonly existingEntries: Array<{ Id: string; Product2Id: string }>,
        private readonly bookActive = false
    ) {}
    async query<T>(soql: string): Promise<{ records: T[] }> {
        this.queries.push(soql);
        if (soql.includes('FROM Pricebook2'))
            return { records: [{ Id: '01sSTD', IsActive: this.bookActive }] as T[] };
        if (soql.includes('FROM Product2')) return { records: this.existingProducts as T[] };
        return { records: this.existingEntries as T[] };
    }
    private save(op: string, type: string, records: SObjectRecord[], field?: string): SaveResult[] {
        this.calls.push({ op, type, records, field });
        return records.map(() => ({ id: `${type}-${this.next++}`, success: true }));
    }
    async create(type: string, records: SObjectRecord[]) {
        return this.save('create', type, records);
    }
    async update(type: string, records: SObjectRecord[]) {
        return this.save('update', type, records);
    }
    async upsert(type: string, records: SObjectRecord[], field: string) {
        return this.save('upsert', type, records, field);
    }
}

describe('runSeed', () => {
    const plan = buildSeedPlan(files.catalog, files.accounts);

    it('inserts everything into an empty org and activates the standard price book', async () => {
        const conn = new FakeConnection([], []);
        const summary = await runSeed(plan, conn);
        expect(summary).toMatchObject({
            pricebookId: '01sSTD',
            productsInserted: plan.products.length,
            productsUpdated: 0,
            pricesInserted: plan.prices.length,
            accountsUpserted: plan.accounts.length
        });
        expect(conn.calls[0]).toMatchObject({
            op: 'update',
            type: 'Pricebook2',
            records: [{ Id: '01sSTD', IsActive: true }]
        });
        const entries = conn.calls.find((c) => c.type === 'PricebookEntry')?.records ?? [];
        expect(entries.every((e) => e.Pricebook2Id === '01sSTD')).toBe(true);
        expect(entries.map((e) => e.UnitPrice)).toEqual(plan.prices.map((p) => p.UnitPrice));
        const accounts = conn.calls.find((c) => c.type === 'Account');
        expect(accounts).toMatchObject({ op: 'upsert', field: 'Customer_Number__c' });
        expect(accounts?.records.some((r) => 'kind' in r)).toBe(false);
    });

    it('updates products and prices that already exist (matched by code and product)', async () => {
        const conn = new FakeConnection(
            [{ Id: '01tA', ProductCode: 'INT-FIBER-1G' }],
            [{ Id: '01uA', Product2Id: '01tA' }],
            true
        );
        const summary = await runSeed(plan, conn);
        expect(summary.productsUpdated).toBe(1);
        expect(summary.productsInserted).toBe(plan.products.length - 1);
        expect(summary.pricesUpdated).toBe(1);
        expect(conn.calls.some((c) => c.type === 'Pricebook2')).toBe(false);
        const productUpdate = conn.calls.find((c) => c.op === 'update' && c.type === 'Product2');
        expect(productUpdate?.records).toEqual([
            expect.objectContaining({ Id: '01tA', ProductCode: 'INT-FIBER-1G' })
        ]);
        const priceUpdate = conn.calls.find((c) => c.op === 'update' && c.type === 'PricebookEntry');
        expect(priceUpdate?.records).toEqual([{ Id: '01uA', UnitPrice: 5280, IsActive: true }]);
    });

    it('fails loudly when a save fails', async () => {
        const conn = new FakeConnection([], []);
        conn.upsert = async () => [
            { success: false, errors: [{ statusCode: 'DUPLICATE_VALUE', message: 'dup' }] }
        ];
        await expect(runSeed(plan, conn)).rejects.toThrow(
            'upsert Account: 1 record(s) failed: DUPLICATE_VALUE dup'
        );
    });

    it('escapes SOQL string literals', () => {
        expect(soqlString("O'Brien\\")).toBe("'O\\'Brien\\\\'");
    });
});
