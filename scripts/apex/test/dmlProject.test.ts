/**
 * DML, security and the store over the project's real metadata (force-app): the schema and permission sets
 * that the Apex tests run against.
 */
import { resolve } from 'node:path';
import { ApexDate, ApexId } from '../values/model';
import { loadProject } from '../project/load';
import type { ProjectMetadata } from '../project/types';
import { dml, type DmlOptions } from '../data/dml';
import { RecordStore } from '../data/store';
import { Transaction } from '../data/transaction';
import { SecurityModel } from '../data/security';
import { SharingModel } from '../data/sharing';
import { ADMIN_ID, NOW, rec, thrown, user } from './dmlFixture';

let project: ProjectMetadata;
beforeAll(() => {
    project = loadProject([resolve(__dirname, '../../../force-app')]);
});

function env() {
    const store = new RecordStore();
    const tx = new Transaction(store);
    const security = new SecurityModel(project.permissionSets, project.schema);
    const sharing = new SharingModel(project.schema, security, store);
    const opts = (o: Partial<DmlOptions> = {}): DmlOptions => ({
        allOrNone: true,
        mode: 'system',
        user: user(),
        schema: project.schema,
        store,
        tx,
        security,
        sharing: { model: sharing, mode: 'without' },
        now: () => NOW,
        ...o
    });
    return { store, tx, opts };
}

const customer = () =>
    user({ id: '005000000000002AAA', profileName: 'Standard User', permissionSets: ['Portal_Customer'] });

describe('DML over force-app', () => {
    it('builds the test catalog and an order as TestDataFactory does', () => {
        const { store, opts } = env();
        const product = rec('Product2', {
            ProductCode: 'INT-FIBER-1G',
            Name: 'Fiber 1 Gbps',
            IsActive: true,
            Portal_Category__c: 'Internet',
            Portal_Orderable__c: true
        });
        dml('insert', [product], opts());
        const std = store.standardPricebookId(project.schema, ADMIN_ID, NOW);
        const entry = rec('PricebookEntry', {
            Pricebook2Id: new ApexId(std),
            Product2Id: product.fields.get('id')!,
            UnitPrice: 5280,
            IsActive: true
        });
        dml('insert', [entry], opts());
        const acc = rec('Account', {
            Name: 'Customer 10000001',
            Customer_Number__c: '10000001',
            BillingCountryCode: 'JP'
        });
        dml('insert', [acc], opts());
        const order = rec('Order', {
            AccountId: acc.fields.get('id')!,
            Status: 'Draft',
            EffectiveDate: new ApexDate(2026, 12, 6),
            Pricebook2Id: new ApexId(std),
            Portal_Category__c: 'Internet'
        });
        dml('insert', [order], opts());
        const item = rec('OrderItem', {
            OrderId: order.fields.get('id')!,
            PricebookEntryId: entry.fields.get('id')!,
            Quantity: 1,
            UnitPrice: 5280
        });
        dml('insert', [item], opts());
        order.fields.set('status', 'Activated');
        expect(dml('update', [order], opts())[0].success).toBe(true);
    });

    it('a bad restricted-picklist value on Order.Portal_Category__c', () => {
        const { opts } = env();
        const acc = rec('Account', { Name: 'A' });
        dml('insert', [acc], opts());
        const e = thrown(() =>
            dml(
                'insert',
                [
                    rec('Order', {
                        AccountId: acc.fields.get('id')!,
                        Status: 'Draft',
                        EffectiveDate: new ApexDate(2026, 1, 1),
                        Portal_Category__c: 'Mobile'
                    })
                ],
                opts()
            )
        );
        expect(e.message).toBe(
            'Insert failed. First exception on row 0; first error: INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST, ' +
                'Portal Category: bad value for restricted picklist field: Mobile: [Portal_Category__c]'
        );
    });

    it('a missing required field on Order', () => {
        const { opts } = env();
        const e = thrown(() => dml('insert', [rec('Order', { Status: 'Draft' })], opts()));
        expect(e.message).toMatch(
            /^Insert failed\. First exception on row 0; first error: REQUIRED_FIELD_MISSING, Required fields are missing: \[.*AccountId.*\]/
        );
    });

    it('Portal_Customer in user mode: no create on Product2, no FLS edit on Account.WHMCS_Client_Id__c', () => {
        const { opts } = env();
        const e1 = thrown(() =>
            dml('insert', [rec('Product2', { Name: 'P' })], opts({ mode: 'user', user: customer() }))
        );
        expect(e1.exceptionType).toBe('SecurityException');
        expect(e1.message).toBe('DML operation INSERT not allowed on Product2');
        const e2 = thrown(() =>
            dml(
                'insert',
                [rec('Account', { Name: 'A', WHMCS_Client_Id__c: '42' })],
                opts({ mode: 'user', user: customer() })
            )
        );
        expect(e2.message).toBe(
            'Operation failed due to fields being inaccessible on Sobject Account, check errors on Exception or Result!'
        );
        expect((e2.detail as { fields: string[] }[])[0].fields).toEqual(['WHMCS_Client_Id__c']);
    });

    it('state and country picklists: codes and names kept in step, unknown names refused', () => {
        const { store, opts } = env();
        const acc = rec('Account', {
            Name: 'A',
            BillingCountryCode: 'JP',
            BillingState: 'Tokyo',
            ShippingCountry: 'Japan',
            ShippingStateCode: '27'
        });
        dml('insert', [acc], opts());
        const row = store.get('Account', (acc.fields.get('id') as ApexId).value)!;
        expect([
            row.get('billingcountry'),
            row.get('billingstatecode'),
            row.get('shippingcountrycode'),
            row.get('shippingstate')
        ]).toEqual(['Japan', '13', 'JP', 'Osaka']);
        const e = thrown(() =>
            dml(
                'insert',
                [rec('Account', { Name: 'B', BillingCountryCode: 'JP', BillingState: 'Tokyo-to' })],
                opts()
            )
        );
        expect(e.message).toBe(
            "Insert failed. First exception on row 0; first error: FIELD_INTEGRITY_EXCEPTION, There's a problem with this state, " +
                `even though it may appear correct. Please select a state from the list of valid states.: ${project.schema.sobject('Account')!.fields.get('billingstate')!.label}: [BillingState]`
        );
        const c = thrown(() =>
            dml('insert', [rec('Account', { Name: 'C', BillingCountry: 'Nippon' })], opts())
        );
        expect(c.message).toContain(
            "FIELD_INTEGRITY_EXCEPTION, There's a problem with this country, even though it may appear correct."
        );
    });

    it('mixed DML between User and Account in one transaction', () => {
        const { opts } = env();
        dml('insert', [rec('Account', { Name: 'A' })], opts());
        const [r] = dml(
            'insert',
            [
                rec('PermissionSetAssignment', {
                    AssigneeId: new ApexId(ADMIN_ID),
                    PermissionSetId: new ApexId('0PS000000000001AAA')
                })
            ],
            opts({ allOrNone: false })
        );
        expect(r.errors[0].statusCode).toBe('MIXED_DML_OPERATION');
    });
});
