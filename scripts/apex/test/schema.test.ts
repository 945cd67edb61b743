import { readFileSync } from 'node:fs';
import { parseClassFile } from '../schema/classfile';
import { createSchema } from '../schema/schema';
import { findSObjectTypesJar, SObjectTypesJar } from '../schema/sobjectTypes';
import { readZipEntries, readZipEntry } from '../schema/zip';
import { STATES } from '../schema/addressPicklists';
import { OBJECT_OVERLAY } from '../schema/overlay';
import type { FieldDescribe, SObjectDescribe } from '../schema/types';

const schema = createSchema();

function obj(name: string): SObjectDescribe {
    const d = schema.sobject(name);
    if (!d) throw new Error(`no describe for ${name}`);
    return d;
}

function field(object: string, name: string): FieldDescribe {
    const f = obj(object).fields.get(name.toLowerCase());
    if (!f) throw new Error(`no field ${object}.${name}`);
    return f;
}

describe('sobject-types jar', () => {
    const jarPath = findSObjectTypesJar();

    test('the zip reader and class parser read a class of the jar', () => {
        const zip = readFileSync(jarPath);
        const entries = readZipEntries(zip);
        const account = entries.find((e) => e.name === 'com/nawforce/runforce/SObjects/Account.class');
        expect(account).toBeDefined();
        const cls = parseClassFile(readZipEntry(zip, account!));
        expect(cls.name).toBe('com/nawforce/runforce/SObjects/Account');
        expect(cls.superName).toBe('com/nawforce/runforce/System/SObject');
        const names = cls.fields.map((f) => f.name);
        expect(names).toEqual(expect.arrayContaining(['Id', 'Name', 'OwnerId', 'Owner', 'Contacts']));
        expect(cls.fields.find((f) => f.name === 'Contacts')!.descriptor).toBe(
            '[Lcom/nawforce/runforce/SObjects/Contact;'
        );
    });

    test('every object and field the overlay names exists in the jar (no silent typo)', () => {
        const jar = SObjectTypesJar.open(jarPath);
        const missing: string[] = [];
        for (const [object, o] of Object.entries(OBJECT_OVERLAY)) {
            const fields = jar.fields(object);
            if (!fields) {
                missing.push(object);
                continue;
            }
            const names = new Set(fields.map(([n]) => n));
            for (const f of Object.keys(o.fields ?? {})) if (!names.has(f)) missing.push(`${object}.${f}`);
            for (const [rel, f] of Object.entries(o.childFields ?? {})) {
                const child = fields.find(([n]) => n === rel)?.[1].slice('List<'.length, -1);
                const childFields = child ? jar.fields(child) : undefined;
                if (!childFields?.some(([n]) => n === f)) missing.push(`${object}.${rel} → ${f}`);
            }
        }
        expect(missing).toEqual([]);
    });

    test('objects are listed case-insensitively, pseudo types are not objects', () => {
        const jar = SObjectTypesJar.open(jarPath);
        expect(jar.names().length).toBeGreaterThan(4000);
        expect(jar.canonicalName('orderitem')).toBe('OrderItem');
        expect(jar.canonicalName('Address')).toBeUndefined();
        expect(jar.canonicalName('NoSuchObject')).toBeUndefined();
        expect(jar.fields('Order')).toEqual(
            expect.arrayContaining([
                ['AccountId', 'Id'],
                ['Account', 'Account'],
                ['OrderItems', 'List<OrderItem>']
            ])
        );
    });
});

describe('standard describes', () => {
    test('every object is listed, custom ones first', () => {
        const all = [
            ...createSchema({
                objects: [{ ...obj('Account'), name: 'Thing__c', custom: true, keyPrefix: 'a00' }]
            }).sobjects()
        ];
        expect(all.length).toBeGreaterThan(4000);
        expect(all[0].name).toBe('Thing__c');
        expect(all.map((d) => d.name)).toEqual(expect.arrayContaining(['Account', 'OrderItem', 'User']));
    });

    test('lookup is case-insensitive and unknown objects are undefined', () => {
        expect(schema.sobject('ACCOUNT')).toBe(obj('Account'));
        expect(obj('account').name).toBe('Account');
        expect(schema.sobject('Nope__c')).toBeUndefined();
    });

    test.each([
        ['001', 'Account'],
        ['003', 'Contact'],
        ['005', 'User'],
        ['00e', 'Profile'],
        ['00E', 'UserRole'],
        ['801', 'Order'],
        ['802', 'OrderItem'],
        ['01t', 'Product2'],
        ['01s', 'Pricebook2'],
        ['01u', 'PricebookEntry'],
        ['0PS', 'PermissionSet'],
        ['0Pa', 'PermissionSetAssignment'],
        ['500', 'Case'],
        ['00G', 'Group'],
        ['00D', 'Organization'],
        ['707', 'AsyncApexJob'],
        ['08e', 'CronTrigger'],
        ['0DB', 'Network']
    ])('key prefix %s is %s', (prefix, name) => {
        expect(obj(name).keyPrefix).toBe(prefix);
        expect(schema.sobjectByKeyPrefix(prefix)?.name).toBe(name);
    });

    test('objects without a known prefix get distinct synthetic ones', () => {
        const a = obj('ContactPointEmail').keyPrefix;
        const b = obj('ContactPointPhone').keyPrefix;
        expect(a).toMatch(/^[YZ][0-9A-Za-z]{2}$/);
        expect(a).not.toBe(b);
        expect(schema.sobjectByKeyPrefix(a)?.name).toBe('ContactPointEmail');
    });

    test('Id and the audit fields are system maintained', () => {
        expect(field('Account', 'Id')).toMatchObject({
            type: 'id',
            nillable: false,
            createable: false,
            updateable: false
        });
        for (const name of [
            'CreatedDate',
            'CreatedById',
            'LastModifiedDate',
            'LastModifiedById',
            'SystemModstamp',
            'IsDeleted'
        ]) {
            expect(field('Account', name)).toMatchObject({
                createable: false,
                updateable: false,
                defaultedOnCreate: true
            });
        }
        expect(field('Account', 'CreatedById')).toMatchObject({
            type: 'reference',
            referenceTo: ['User'],
            relationshipName: 'CreatedBy'
        });
        expect(field('Account', 'OwnerId')).toMatchObject({
            nillable: false,
            defaultedOnCreate: true,
            createable: true
        });
    });

    test('required fields and lengths of the overlay', () => {
        expect(field('Account', 'Name')).toMatchObject({
            type: 'string',
            nillable: false,
            defaultedOnCreate: false,
            length: 255
        });
        expect(field('Contact', 'LastName')).toMatchObject({ nillable: false, length: 80 });
        expect(field('Contact', 'Name')).toMatchObject({ calculated: true, createable: false });
        expect(field('Contact', 'FirstName').compoundFieldName).toBe('Name');
        expect(field('Account', 'Name').compoundFieldName).toBeUndefined();
        expect(field('Product2', 'Name')).toMatchObject({ nillable: false, length: 255 });
        expect(field('Pricebook2', 'Name')).toMatchObject({ nillable: false });
        for (const f of ['AccountId', 'EffectiveDate', 'Status'])
            expect(field('Order', f).nillable).toBe(false);
        for (const f of ['OrderId', 'PricebookEntryId', 'Quantity', 'UnitPrice'])
            expect(field('OrderItem', f).nillable).toBe(false);
        for (const f of ['Pricebook2Id', 'Product2Id', 'UnitPrice'])
            expect(field('PricebookEntry', f).nillable).toBe(false);
        const userRequired = [...obj('User').fields.values()]
            .filter((f) => !f.nillable && !f.defaultedOnCreate)
            .map((f) => f.name);
        expect(userRequired.sort()).toEqual(
            [
                'Alias',
                'Email',
                'EmailEncodingKey',
                'LanguageLocaleKey',
                'LastName',
                'LocaleSidKey',
                'ProfileId',
                'TimeZoneSidKey',
                'Username'
            ].sort()
        );
    });

    test('types the Apex type hides come from the overlay and well-known names', () => {
        expect(field('Order', 'Status')).toMatchObject({ type: 'picklist', restrictedPicklist: true });
        expect(field('Order', 'Status').picklistValues!.map((v) => v.value)).toEqual(['Draft', 'Activated']);
        expect(field('Order', 'TotalAmount')).toMatchObject({
            type: 'currency',
            calculated: true,
            createable: false
        });
        expect(field('OrderItem', 'UnitPrice').type).toBe('currency');
        expect(field('OrderItem', 'Quantity').type).toBe('double');
        expect(field('Account', 'Phone').type).toBe('phone');
        expect(field('Contact', 'Email').type).toBe('email');
        expect(field('Account', 'Website').type).toBe('url');
        expect(field('Account', 'NumberOfEmployees').type).toBe('int');
        expect(field('Account', 'Industry').picklistValues!.map((v) => v.value)).toContain(
            'Telecommunications'
        );
        expect(field('Account', 'IsDeleted')).toMatchObject({
            type: 'boolean',
            nillable: false,
            defaultValue: false
        });
        expect(field('Opportunity', 'CloseDate').type).toBe('date');
        expect(field('Event', 'ActivityDateTime').type).toBe('datetime');
    });

    test('optional org features are absent', () => {
        expect(obj('Account').fields.has('currencyisocode')).toBe(false);
        expect(obj('Order').fields.has('division')).toBe(false);
    });

    test('addresses are compound, with country and state code picklists', () => {
        expect(field('Account', 'BillingAddress')).toMatchObject({
            type: 'address',
            createable: false,
            updateable: false
        });
        expect(field('Account', 'BillingStreet').compoundFieldName).toBe('BillingAddress');
        expect(field('Order', 'BillingStreet')).toMatchObject({ type: 'textarea', length: 255 });
        expect(field('Contact', 'MailingCity').length).toBe(40);
        expect(field('Account', 'ShippingPostalCode').length).toBe(20);
        expect(field('Order', 'ShippingCountryCode')).toMatchObject({
            type: 'picklist',
            compoundFieldName: 'ShippingAddress'
        });
        const countries = field('Account', 'BillingCountryCode').picklistValues!;
        expect(countries.find((c) => c.value === 'JP')?.label).toBe('Japan');
        expect(countries.find((c) => c.value === 'US')?.label).toBe('United States');
        const states = field('Contact', 'MailingStateCode').picklistValues!;
        expect(states.find((s) => s.label === 'Tokyo')?.value).toBe('13');
        expect(states.find((s) => s.value === 'CA')?.label).toBe('California');
        expect(STATES.get('JP')).toHaveLength(47);
    });

    test('relationships: parent names and child relationships from the jar', () => {
        expect(field('OrderItem', 'OrderId')).toMatchObject({
            type: 'reference',
            referenceTo: ['Order'],
            relationshipName: 'Order'
        });
        expect(field('Order', 'OwnerId').referenceTo).toEqual(['Group', 'User']);
        expect(field('Contact', 'AccountId').relationshipName).toBe('Account');
        const rel = (parent: string, name: string) =>
            obj(parent).childRelationships.find((r) => r.relationshipName === name);
        expect(rel('Order', 'OrderItems')).toEqual({
            childSObject: 'OrderItem',
            field: 'OrderId',
            relationshipName: 'OrderItems'
        });
        expect(rel('Account', 'Contacts')).toMatchObject({ childSObject: 'Contact', field: 'AccountId' });
        expect(rel('Account', 'Orders')).toMatchObject({ childSObject: 'Order', field: 'AccountId' });
        expect(rel('Account', 'Opportunities')).toMatchObject({
            childSObject: 'Opportunity',
            field: 'AccountId'
        });
        expect(rel('Account', 'ChildAccounts')).toMatchObject({ childSObject: 'Account', field: 'ParentId' });
        expect(rel('Account', 'Tasks')).toMatchObject({ childSObject: 'Task', field: 'WhatId' });
        expect(rel('Contact', 'Tasks')).toMatchObject({ childSObject: 'Task', field: 'WhoId' });
        expect(rel('Pricebook2', 'PricebookEntries')).toMatchObject({
            childSObject: 'PricebookEntry',
            field: 'Pricebook2Id'
        });
    });

    test('setup and read-only objects', () => {
        for (const name of [
            'User',
            'PermissionSet',
            'PermissionSetAssignment',
            'Group',
            'GroupMember',
            'UserRole'
        ]) {
            expect(obj(name).setup).toBe(true);
        }
        for (const name of ['Account', 'Order', 'Contact', 'Product2']) expect(obj(name).setup).toBe(false);
        expect(obj('AsyncApexJob')).toMatchObject({ createable: false, updateable: false, deletable: false });
        expect(field('CronTrigger', 'State').createable).toBe(false);
        expect(obj('AccountHistory').createable).toBe(false);
        expect(obj('PermissionSetAssignment')).toMatchObject({ createable: true, updateable: false });
        expect(obj('OrderItem').label).toBe('Order Product');
        expect(obj('Opportunity').labelPlural).toBe('Opportunities');
    });

    test('project parts merge into standard describes of their own schema only', () => {
        const custom: FieldDescribe = {
            ...field('Account', 'Name'),
            name: 'Tier__c',
            custom: true,
            nillable: true
        };
        const merged = createSchema({
            standardObjectFields: new Map([['account', [custom]]]),
            standardValueSets: new Map([
                [
                    'OrderStatus',
                    [
                        {
                            value: 'Open',
                            label: 'Open',
                            active: true,
                            defaultValue: true,
                            groupingString: 'Draft'
                        }
                    ]
                ]
            ])
        });
        expect(merged.sobject('Account')!.fields.get('tier__c')).toBe(custom);
        expect(merged.sobject('Order')!.fields.get('status')!.picklistValues).toEqual([
            { value: 'Open', label: 'Open', active: true, defaultValue: true, groupingString: 'Draft' }
        ]);
        expect(schema.sobject('Account')!.fields.has('tier__c')).toBe(false);
        expect(merged.sobjectNames()).toContain('Account');
    });
});
