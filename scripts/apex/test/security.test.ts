import { ApexId, ApexList, SObjectValue, UnsupportedError, type ApexValue } from '../values/model';
import type { Row } from '../data/store';
import { SharingModel } from '../data/sharing';
import { ADMIN_ID, makeEnv, user } from './dmlFixture';

const customer = user({
    id: '005000000000002AAA',
    profileName: 'Standard User',
    permissionSets: ['Portal_Customer']
});
const staff = user({
    id: '005000000000003AAA',
    profileName: 'Standard User',
    permissionSets: ['Portal_Staff']
});
const admin = user();

function row(fields: Record<string, ApexValue>): Row {
    return new Map(Object.entries(fields).map(([k, v]) => [k.toLowerCase(), v]));
}

describe('object and field permissions', () => {
    const { security } = makeEnv();

    it('unions the profile and the permission sets', () => {
        expect(security.canReadObject(customer, 'Account')).toBe(true);
        expect(security.canCreate(customer, 'Account')).toBe(true); // from the Standard User profile
        expect(security.canReadObject(customer, 'Pricebook2')).toBe(false);
        expect(security.canCreate(customer, 'Product2')).toBe(false);
        expect(security.objectAccess(staff, 'Account').viewAll).toBe(true);
    });

    it('ModifyAllData grants every object permission, not field-level security', () => {
        expect(security.canDelete(admin, 'Pricebook2')).toBe(true);
        expect(security.canReadField(admin, 'Order', 'Portal_Request_Key__c')).toBe(false);
        expect(security.canReadField(admin, 'Account', 'Customer_Number__c')).toBe(true);
    });

    it('respects the describe: a non-createable object or field is never creatable', () => {
        expect(security.canCreate(admin, 'Profile')).toBe(false);
        expect(security.canCreateField(admin, 'Account', 'Formula__c')).toBe(false);
        expect(security.canEditField(admin, 'PricebookEntry', 'Product2Id')).toBe(false);
    });

    it('a custom field needs a grant; readable is not editable', () => {
        expect(security.canReadField(customer, 'Account', 'Customer_Number__c')).toBe(true);
        expect(security.canEditField(customer, 'Account', 'Customer_Number__c')).toBe(false);
        expect(security.canReadField(customer, 'Account', 'WHMCS_Client_Id__c')).toBe(false);
        expect(security.canReadField(customer, 'Order', 'Provisioning_Status__c')).toBe(false);
    });

    it('Id, audit fields and required fields carry no FLS; unmentioned standard fields follow the object', () => {
        expect(security.canReadField(customer, 'Account', 'Id')).toBe(true);
        expect(security.canReadField(customer, 'Account', 'CreatedDate')).toBe(true);
        expect(security.canReadField(customer, 'Account', 'Name')).toBe(true);
        expect(security.canReadField(customer, 'Account', 'Phone')).toBe(true);
        expect(security.canReadField(customer, 'Pricebook2', 'Name')).toBe(false);
    });

    it('class access comes from class accesses or Author Apex', () => {
        expect(security.hasClassAccess(customer, 'PortalHomeController')).toBe(true);
        expect(security.hasClassAccess(customer, 'OrderProvisioningController')).toBe(false);
        expect(security.hasClassAccess(admin, 'Anything')).toBe(true);
    });

    it('an unknown profile or permission set is Unsupported, not "no access"', () => {
        expect(() => security.canReadObject(user({ profileName: 'Nope' }), 'Account')).toThrow(
            UnsupportedError
        );
        expect(() => security.canReadObject(user({ permissionSets: ['Missing'] }), 'Account')).toThrow(
            UnsupportedError
        );
    });
});

describe('Security.stripInaccessible', () => {
    const { security } = makeEnv();

    it('removes unreadable fields, also from parents and child lists, and reports them', () => {
        const parent = new SObjectValue(
            'Account',
            row({ Id: new ApexId('001000000000001AAA'), WHMCS_Client_Id__c: '9' })
        );
        const item = new SObjectValue(
            'Order',
            row({ Id: new ApexId('801000000000001AAA'), Provisioning_Status__c: 'Paused' })
        );
        const acc = new SObjectValue(
            'Account',
            row({
                Id: new ApexId('001000000000002AAA'),
                Name: 'A',
                Customer_Number__c: '1',
                WHMCS_Client_Id__c: '42',
                Parent: parent
            })
        );
        acc.fields.set('orders', new ApexList({ name: 'Order' }, [item]));
        const clean = new SObjectValue('Account', row({ Id: new ApexId('001000000000003AAA'), Name: 'B' }));
        const r = security.stripInaccessible(customer, 'READABLE', [acc, clean]);
        const out = r.records[0];
        expect([...out.fields.keys()]).toEqual(['id', 'name', 'customer_number__c', 'parent', 'orders']);
        expect((out.fields.get('parent') as SObjectValue).fields.has('whmcs_client_id__c')).toBe(false);
        expect(
            ((out.fields.get('orders') as ApexList).items[0] as SObjectValue).fields.has(
                'provisioning_status__c'
            )
        ).toBe(false);
        expect(r.removedFields).toEqual(
            new Map([
                ['Account', new Set(['WHMCS_Client_Id__c'])],
                ['Order', new Set(['Provisioning_Status__c'])]
            ])
        );
        expect([...r.modifiedIndexes]).toEqual([0]);
        expect(out.queried).toBeNull();
        // The original is untouched.
        expect(acc.fields.get('whmcs_client_id__c')).toBe('42');
    });

    it('an inaccessible root object: Unsupported by default, every field but Id stripped without the check', () => {
        const book = new SObjectValue(
            'Pricebook2',
            row({ Id: new ApexId('01s000000000001AAA'), Name: 'Std' })
        );
        expect(() => security.stripInaccessible(customer, 'READABLE', [book])).toThrow(UnsupportedError);
        const r = security.stripInaccessible(customer, 'READABLE', [book], false);
        expect([...r.records[0].fields.keys()]).toEqual(['id']);
        expect(r.removedFields.get('Pricebook2')).toEqual(new Set(['Name']));
    });

    it('CREATABLE removes fields the user cannot set', () => {
        const acc = new SObjectValue('Account', row({ Name: 'A', Customer_Number__c: '1', Formula__c: 'x' }));
        const r = security.stripInaccessible(staff, 'CREATABLE', [acc]);
        expect([...r.records[0].fields.keys()]).toEqual(['name', 'customer_number__c']);
        expect(r.removedFields.get('Account')).toEqual(new Set(['Formula__c']));
    });
});

describe('sharing', () => {
    function setup() {
        const env = makeEnv();
        const own = row({
            Id: new ApexId('001000000000001AAA'),
            OwnerId: new ApexId(customer.id),
            Name: 'mine'
        });
        const other = row({
            Id: new ApexId('001000000000002AAA'),
            OwnerId: new ApexId(ADMIN_ID),
            Name: 'theirs'
        });
        env.store.put('Account', '001000000000001AAA', own);
        env.store.put('Account', '001000000000002AAA', other);
        return { env, own, other };
    }

    it('owner-only under a Private default; without sharing sees everything', () => {
        const { env, own, other } = setup();
        expect(env.sharing.isVisible(customer, 'Account', own, 'with')).toBe(true);
        expect(env.sharing.isVisible(customer, 'Account', other, 'with')).toBe(false);
        expect(env.sharing.isVisible(customer, 'Account', other, 'inherited')).toBe(false);
        expect(env.sharing.isVisible(customer, 'Account', other, 'without')).toBe(true);
    });

    it('ViewAllData, View All on the object and the org-wide default open records', () => {
        const { env, other } = setup();
        expect(env.sharing.isVisible(admin, 'Account', other, 'with')).toBe(true);
        expect(env.sharing.isVisible(staff, 'Account', other, 'with')).toBe(true);
        expect(env.sharing.isEditable(staff, 'Account', other, 'with')).toBe(false);
        const open = new SharingModel(
            env.schema,
            env.security,
            env.store,
            new Map([['account', 'Read' as const]])
        );
        expect(open.isVisible(customer, 'Account', other, 'with')).toBe(true);
        expect(open.isEditable(customer, 'Account', other, 'with')).toBe(false);
    });

    it('owner-less objects are readable; detail rows follow their parent', () => {
        const { env } = setup();
        const product = row({ Id: new ApexId('01t000000000001AAA'), Name: 'p' });
        expect(env.sharing.isVisible(customer, 'Product2', product, 'with')).toBe(true);
        const order = row({ Id: new ApexId('801000000000001AAA'), OwnerId: new ApexId(ADMIN_ID) });
        env.store.put('Order', '801000000000001AAA', order);
        const item = row({ Id: new ApexId('802000000000001AAA'), OrderId: new ApexId('801000000000001AAA') });
        expect(env.sharing.isVisible(customer, 'OrderItem', item, 'with')).toBe(false);
        expect(
            env.sharing.isVisible(
                user({ id: ADMIN_ID, profileName: 'Standard User' }),
                'OrderItem',
                item,
                'with'
            )
        ).toBe(true);
    });

    it('a portal user reads their own Account and its records (sharing set), and edits none of them', () => {
        const { env, other } = setup();
        const portal = user({
            id: '005000000000009AAA',
            profileName: 'Standard User',
            isPortal: true,
            accountId: '001000000000002AAA',
            contactId: '003000000000001AAA'
        });
        expect(env.sharing.isVisible(portal, 'Account', other, 'with')).toBe(true);
        expect(env.sharing.isEditable(portal, 'Account', other, 'with')).toBe(false);
        const order = row({
            Id: new ApexId('801000000000002AAA'),
            OwnerId: new ApexId(ADMIN_ID),
            AccountId: new ApexId('001000000000002AAA')
        });
        expect(env.sharing.isVisible(portal, 'Order', order, 'with')).toBe(true);
        const foreign = row({
            Id: new ApexId('801000000000003AAA'),
            OwnerId: new ApexId(ADMIN_ID),
            AccountId: new ApexId('001000000000001AAA')
        });
        expect(env.sharing.isVisible(portal, 'Order', foreign, 'with')).toBe(false);
    });

    it('a guest sees only what it owns', () => {
        const { env, own } = setup();
        const guest = user({ id: '005000000000010AAA', profileName: 'Standard User', isGuest: true });
        expect(env.sharing.isVisible(guest, 'Account', own, 'with')).toBe(false);
        expect(env.sharing.isVisible({ ...guest, id: customer.id }, 'Account', own, 'with')).toBe(true);
    });
});
