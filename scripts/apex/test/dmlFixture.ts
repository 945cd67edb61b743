/**
 * A small hand-built schema, permission sets and users for the store / DML / security tests (independent of the
 * project loader).
 */
import type { FieldDescribe, FieldType, PicklistEntry, Schema, SObjectDescribe } from '../schema/types';
import type { ObjectPermission, PermissionSetMeta } from '../project/types';
import { RecordStore } from '../data/store';
import { Transaction } from '../data/transaction';
import { SecurityModel, type RunningUser } from '../data/security';
import { SharingModel } from '../data/sharing';
import type { DmlOptions } from '../data/dml';
import { ApexSystemError, SObjectValue, type ApexValue } from '../values/model';

type FieldOpts = Partial<FieldDescribe>;

function field(name: string, type: FieldType, o: FieldOpts = {}): FieldDescribe {
    const system = [
        'Id',
        'CreatedDate',
        'CreatedById',
        'LastModifiedDate',
        'LastModifiedById',
        'SystemModstamp',
        'IsDeleted'
    ];
    const ro = system.includes(name);
    return {
        name,
        label: o.label ?? name,
        type,
        nillable: true,
        createable: !ro,
        updateable: !ro,
        defaultedOnCreate: ro || type === 'boolean',
        calculated: false,
        custom: name.endsWith('__c'),
        unique: false,
        caseSensitive: false,
        externalId: false,
        referenceTo: [],
        restrictedPicklist: false,
        ...o
    };
}

const picklist = (...values: string[]): PicklistEntry[] =>
    values.map((v, i) => ({ value: v, label: v, active: true, defaultValue: i === 0 && v === 'Draft' }));

function sobject(
    name: string,
    keyPrefix: string,
    fields: FieldDescribe[],
    o: Partial<SObjectDescribe> = {}
): SObjectDescribe {
    const base = [
        field('Id', 'id', { nillable: false, defaultedOnCreate: true }),
        field('IsDeleted', 'boolean'),
        field('CreatedDate', 'datetime'),
        field('CreatedById', 'reference', { referenceTo: ['User'] }),
        field('LastModifiedDate', 'datetime'),
        field('LastModifiedById', 'reference', { referenceTo: ['User'] }),
        field('SystemModstamp', 'datetime')
    ];
    return {
        name,
        label: o.label ?? name,
        labelPlural: name + 's',
        keyPrefix,
        custom: name.endsWith('__c'),
        customMetadata: name.endsWith('__mdt'),
        setup: false,
        createable: true,
        updateable: true,
        deletable: true,
        queryable: true,
        fields: new Map([...base, ...fields].map((f) => [f.name.toLowerCase(), f])),
        childRelationships: [],
        ...o
    };
}

const owner = () =>
    field('OwnerId', 'reference', {
        referenceTo: ['User', 'Group'],
        nillable: false,
        defaultedOnCreate: true,
        label: 'Owner ID'
    });

export function makeSchema(): Schema {
    const objects: SObjectDescribe[] = [
        sobject(
            'Account',
            '001',
            [
                owner(),
                field('Name', 'string', { nillable: false, length: 255, label: 'Account Name' }),
                field('Phone', 'phone', { length: 40, label: 'Account Phone' }),
                field('ParentId', 'reference', {
                    referenceTo: ['Account'],
                    relationshipName: 'Parent',
                    label: 'Parent Account ID'
                }),
                field('Customer_Number__c', 'string', {
                    length: 8,
                    unique: true,
                    externalId: true,
                    label: 'Customer Number'
                }),
                field('WHMCS_Client_Id__c', 'string', {
                    length: 20,
                    externalId: true,
                    label: 'WHMCS Client Id'
                }),
                field('Rating__c', 'picklist', {
                    picklistValues: picklist('Hot', 'Warm', 'Cold'),
                    restrictedPicklist: true,
                    label: 'Rating'
                }),
                field('Score__c', 'double', { precision: 18, scale: 2, label: 'Score' }),
                field('Is_Vip__c', 'boolean', { label: 'VIP' }),
                field('Formula__c', 'string', { calculated: true, createable: false, updateable: false })
            ],
            {
                childRelationships: [
                    { childSObject: 'Contact', field: 'AccountId', relationshipName: 'Contacts' },
                    { childSObject: 'Order', field: 'AccountId', relationshipName: 'Orders' },
                    { childSObject: 'Account', field: 'ParentId', relationshipName: 'ChildAccounts' },
                    { childSObject: 'Task', field: 'WhatId', relationshipName: 'Tasks' }
                ]
            }
        ),
        sobject('Contact', '003', [
            owner(),
            field('LastName', 'string', { nillable: false, length: 80, label: 'Last Name' }),
            field('AccountId', 'reference', {
                referenceTo: ['Account'],
                relationshipName: 'Account',
                label: 'Account ID'
            })
        ]),
        sobject(
            'User',
            '005',
            [
                field('Username', 'string', { nillable: false, length: 80, unique: true }),
                field('LastName', 'string', { nillable: false, length: 80 }),
                field('ProfileId', 'reference', {
                    referenceTo: ['Profile'],
                    nillable: false,
                    label: 'Profile ID'
                }),
                field('UserRoleId', 'reference', { referenceTo: ['UserRole'], label: 'Role ID' })
            ],
            { setup: true }
        ),
        sobject('UserRole', '00E', [field('Name', 'string', { nillable: false, length: 80 })], {
            setup: true
        }),
        sobject('Profile', '00e', [field('Name', 'string', { nillable: false, length: 255 })], {
            createable: false,
            updateable: false,
            deletable: false
        }),
        sobject('Group', '00G', [field('Name', 'string', { nillable: false, length: 40 })], { setup: true }),
        sobject(
            'PermissionSetAssignment',
            '0Pa',
            [
                field('AssigneeId', 'reference', { referenceTo: ['User'], nillable: false }),
                field('PermissionSetId', 'string', { nillable: false, length: 18 })
            ],
            { setup: true }
        ),
        sobject(
            'Product2',
            '01t',
            [
                field('Name', 'string', { nillable: false, length: 255, label: 'Product Name' }),
                field('IsActive', 'boolean')
            ],
            {
                childRelationships: [
                    {
                        childSObject: 'PricebookEntry',
                        field: 'Product2Id',
                        relationshipName: 'PricebookEntries'
                    }
                ]
            }
        ),
        sobject('Pricebook2', '01s', [
            field('Name', 'string', { nillable: false, length: 255 }),
            field('IsActive', 'boolean'),
            field('IsStandard', 'boolean', { createable: false, updateable: false })
        ]),
        sobject('PricebookEntry', '01u', [
            field('Pricebook2Id', 'reference', {
                referenceTo: ['Pricebook2'],
                nillable: false,
                updateable: false,
                label: 'Price Book ID'
            }),
            field('Product2Id', 'reference', {
                referenceTo: ['Product2'],
                nillable: false,
                updateable: false,
                label: 'Product ID'
            }),
            field('UnitPrice', 'currency', { nillable: false, precision: 18, scale: 2, label: 'List Price' }),
            field('IsActive', 'boolean')
        ]),
        sobject(
            'Order',
            '801',
            [
                owner(),
                field('AccountId', 'reference', {
                    referenceTo: ['Account'],
                    nillable: false,
                    relationshipName: 'Account',
                    label: 'Account ID'
                }),
                field('EffectiveDate', 'date', { nillable: false, label: 'Order Start Date' }),
                field('Status', 'picklist', {
                    nillable: false,
                    defaultedOnCreate: true,
                    picklistValues: picklist('Draft', 'Approved', 'Activated', 'Cancelled'),
                    restrictedPicklist: true,
                    label: 'Status'
                }),
                field('Pricebook2Id', 'reference', { referenceTo: ['Pricebook2'], label: 'Price Book ID' }),
                field('Portal_Request_Key__c', 'string', {
                    length: 36,
                    externalId: true,
                    unique: true,
                    caseSensitive: true
                }),
                field('Provisioning_Status__c', 'picklist', {
                    picklistValues: picklist('Activating', 'Activated', 'Paused'),
                    restrictedPicklist: true,
                    label: 'Provisioning Status'
                })
            ],
            {
                childRelationships: [
                    { childSObject: 'OrderItem', field: 'OrderId', relationshipName: 'OrderItems' },
                    { childSObject: 'Task', field: 'WhatId', relationshipName: 'Tasks' }
                ]
            }
        ),
        sobject('OrderItem', '802', [
            field('OrderId', 'reference', {
                referenceTo: ['Order'],
                nillable: false,
                updateable: false,
                label: 'Order ID'
            }),
            field('PricebookEntryId', 'reference', {
                referenceTo: ['PricebookEntry'],
                nillable: false,
                updateable: false,
                label: 'Price Book Entry ID'
            }),
            field('Product2Id', 'reference', {
                referenceTo: ['Product2'],
                updateable: false,
                label: 'Product ID'
            }),
            field('Quantity', 'double', { nillable: false, precision: 18, scale: 2 }),
            field('UnitPrice', 'currency', { nillable: false, precision: 18, scale: 2 }),
            field('ListPrice', 'currency', { createable: false, updateable: false, precision: 18, scale: 2 }),
            field('VPN_Region__c', 'string', { length: 10 })
        ]),
        sobject('Task', '00T', [
            owner(),
            field('Subject', 'string', { length: 255 }),
            // Polymorphic: an account, an order...
            field('WhatId', 'reference', {
                referenceTo: ['Account', 'Order'],
                relationshipName: 'What',
                label: 'Related To ID'
            })
        ]),
        sobject('Thing__mdt', 'm00', [field('Label', 'string', { length: 40 })], { customMetadata: true })
    ];
    const byName = new Map(objects.map((d) => [d.name.toLowerCase(), d]));
    const byPrefix = new Map(objects.map((d) => [d.keyPrefix, d]));
    return {
        sobject: (n) => byName.get(n.toLowerCase()),
        sobjectByKeyPrefix: (p) => byPrefix.get(p),
        sobjects: () => objects
    };
}

const crud = (
    r: boolean,
    c: boolean,
    e: boolean,
    d: boolean,
    extra: Partial<ObjectPermission> = {}
): ObjectPermission => ({
    read: r,
    create: c,
    edit: e,
    delete: d,
    viewAll: false,
    modifyAll: false,
    ...extra
});

function permSet(name: string, o: Partial<PermissionSetMeta>): PermissionSetMeta {
    return {
        name,
        label: name,
        objectPermissions: new Map(),
        fieldPermissions: new Map(),
        classAccesses: new Set(),
        userPermissions: new Set(),
        ...o
    };
}

export function makePermissionSets(): Map<string, PermissionSetMeta> {
    const all = crud(true, true, true, true);
    return new Map([
        [
            'profile:system administrator',
            permSet('System Administrator', {
                userPermissions: new Set(['ModifyAllData', 'ViewAllData', 'AuthorApex']),
                fieldPermissions: new Map([
                    ['account.customer_number__c', { readable: true, editable: true }],
                    ['account.whmcs_client_id__c', { readable: true, editable: true }]
                ])
            })
        ],
        [
            'profile:standard user',
            permSet('Standard User', {
                objectPermissions: new Map([
                    ['account', all],
                    ['contact', all],
                    ['order', all],
                    ['orderitem', all],
                    ['product2', crud(true, false, false, false)]
                ])
            })
        ],
        [
            'portal_customer',
            permSet('Portal_Customer', {
                objectPermissions: new Map([
                    ['account', crud(true, false, false, false)],
                    ['order', crud(true, false, false, false)],
                    ['orderitem', crud(true, false, false, false)]
                ]),
                fieldPermissions: new Map([
                    ['account.customer_number__c', { readable: true, editable: false }],
                    ['order.portal_request_key__c', { readable: true, editable: false }]
                ]),
                classAccesses: new Set(['portalhomecontroller'])
            })
        ],
        [
            'account_editor',
            permSet('Account_Editor', {
                objectPermissions: new Map([['account', crud(true, true, true, false)]]),
                fieldPermissions: new Map([
                    ['account.customer_number__c', { readable: true, editable: false }]
                ])
            })
        ],
        [
            'portal_staff',
            permSet('Portal_Staff', {
                objectPermissions: new Map([['account', crud(true, true, true, false, { viewAll: true })]]),
                fieldPermissions: new Map([
                    ['account.customer_number__c', { readable: true, editable: true }]
                ])
            })
        ]
    ]);
}

export const ADMIN_ID = '005000000000001AAA';

export function user(o: Partial<RunningUser> = {}): RunningUser {
    return {
        id: ADMIN_ID,
        username: 'admin@example.test',
        profileName: 'System Administrator',
        permissionSets: [],
        timeZone: 'Asia/Tokyo',
        locale: 'ja_JP',
        language: 'ja',
        isGuest: false,
        isPortal: false,
        ...o
    };
}

export interface Env {
    schema: Schema;
    store: RecordStore;
    tx: Transaction;
    security: SecurityModel;
    sharing: SharingModel;
    now: number;
    opts(o?: Partial<DmlOptions>): DmlOptions;
}

export const NOW = Date.UTC(2026, 11, 6, 3, 0, 0);

export function makeEnv(): Env {
    const schema = makeSchema();
    const store = new RecordStore();
    const tx = new Transaction(store);
    const security = new SecurityModel(makePermissionSets(), schema);
    const sharing = new SharingModel(schema, security, store);
    const env: Env = {
        schema,
        store,
        tx,
        security,
        sharing,
        now: NOW,
        opts: (o = {}) => ({
            allOrNone: true,
            mode: 'system',
            user: user(),
            schema,
            store,
            tx: env.tx,
            security,
            sharing: { model: sharing, mode: 'without' },
            now: () => env.now,
            ...o
        })
    };
    return env;
}

/** An SObject with lower-cased field keys. */
export function rec(type: string, fields: Record<string, ApexValue> = {}): SObjectValue {
    return new SObjectValue(type, new Map(Object.entries(fields).map(([k, v]) => [k.toLowerCase(), v])));
}

/** The ApexSystemError a call throws (fails the test when it throws nothing or something else). */
export function thrown(fn: () => unknown): ApexSystemError {
    try {
        fn();
    } catch (e) {
        if (e instanceof ApexSystemError) return e;
        throw e;
    }
    throw new Error('expected an ApexSystemError');
}
