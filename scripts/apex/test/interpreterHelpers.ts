/**
 * Runs Apex source given as strings on the runtime, over a small hand-built schema (the interpreter's own tests;
 * the whole project's schema is exercised by the project and runner tests).
 */
import type { FieldDescribe, FieldType, Schema, SObjectDescribe } from '../schema/types';
import type { ProjectMetadata } from '../project/types';
import { runTests, type RunReport } from '../runner';

function field(name: string, type: FieldType, extra: Partial<FieldDescribe> = {}): FieldDescribe {
    return {
        name,
        label: name,
        type,
        nillable: true,
        createable: !['id'].includes(type),
        updateable: !['id'].includes(type),
        defaultedOnCreate: false,
        calculated: false,
        custom: name.endsWith('__c'),
        unique: false,
        caseSensitive: false,
        externalId: false,
        referenceTo: [],
        restrictedPicklist: false,
        ...extra
    };
}

const SYSTEM_FIELDS = (): FieldDescribe[] => [
    field('Id', 'id', { nillable: false, createable: false, updateable: false, defaultedOnCreate: true }),
    field('CreatedDate', 'datetime', { createable: false, updateable: false, defaultedOnCreate: true }),
    field('CreatedById', 'reference', {
        createable: false,
        updateable: false,
        defaultedOnCreate: true,
        referenceTo: ['User']
    }),
    field('LastModifiedDate', 'datetime', { createable: false, updateable: false, defaultedOnCreate: true }),
    field('LastModifiedById', 'reference', {
        createable: false,
        updateable: false,
        defaultedOnCreate: true,
        referenceTo: ['User']
    }),
    field('SystemModstamp', 'datetime', { createable: false, updateable: false, defaultedOnCreate: true }),
    field('IsDeleted', 'boolean', {
        createable: false,
        updateable: false,
        defaultedOnCreate: true,
        nillable: false
    })
];

function sobject(name: string, keyPrefix: string, fields: FieldDescribe[], setup = false): SObjectDescribe {
    const all = [...SYSTEM_FIELDS(), ...fields];
    return {
        name,
        label: name,
        labelPlural: `${name}s`,
        keyPrefix,
        custom: name.endsWith('__c'),
        customMetadata: false,
        setup,
        createable: true,
        updateable: true,
        deletable: true,
        queryable: true,
        fields: new Map(all.map((f) => [f.name.toLowerCase(), f])),
        childRelationships: []
    };
}

export function tinySchema(): Schema {
    const objects = [
        sobject('Account', '001', [
            field('Name', 'string', { nillable: false, length: 255 }),
            field('OwnerId', 'reference', {
                referenceTo: ['User'],
                relationshipName: 'Owner',
                defaultedOnCreate: true
            }),
            field('AnnualRevenue', 'currency', { precision: 18, scale: 2 }),
            field('NumberOfEmployees', 'int'),
            field('Industry', 'picklist', {
                picklistValues: [{ value: 'Energy', label: 'Energy', active: true, defaultValue: false }]
            }),
            field('Ext_Id__c', 'string', { length: 20, externalId: true, unique: true })
        ]),
        sobject('Contact', '003', [
            field('LastName', 'string', { nillable: false, length: 80 }),
            field('FirstName', 'string', { length: 40 }),
            field('Email', 'email', { length: 80 }),
            field('AccountId', 'reference', { referenceTo: ['Account'], relationshipName: 'Account' }),
            field('OwnerId', 'reference', {
                referenceTo: ['User'],
                relationshipName: 'Owner',
                defaultedOnCreate: true
            })
        ]),
        sobject(
            'User',
            '005',
            [
                'Username',
                'LastName',
                'FirstName',
                'Email',
                'Alias',
                'TimeZoneSidKey',
                'LocaleSidKey',
                'LanguageLocaleKey',
                'EmailEncodingKey',
                'UserType',
                'CommunityNickname'
            ]
                .map((n) => field(n, 'string', { length: 80 }))
                .concat([
                    field('ProfileId', 'reference', {
                        referenceTo: ['Profile'],
                        relationshipName: 'Profile'
                    }),
                    field('ContactId', 'reference', {
                        referenceTo: ['Contact'],
                        relationshipName: 'Contact'
                    }),
                    field('UserRoleId', 'reference', {
                        referenceTo: ['UserRole'],
                        relationshipName: 'UserRole'
                    }),
                    field('IsActive', 'boolean', { defaultedOnCreate: true })
                ]),
            true
        ),
        sobject(
            'Profile',
            '00e',
            [
                field('Name', 'string'),
                field('UserType', 'string'),
                field('UserLicenseId', 'reference', {
                    referenceTo: ['UserLicense'],
                    relationshipName: 'UserLicense'
                }),
                field('PermissionsModifyAllData', 'boolean'),
                field('PermissionsViewAllData', 'boolean'),
                field('PermissionsApiEnabled', 'boolean')
            ],
            true
        ),
        sobject(
            'UserLicense',
            '100',
            [field('Name', 'string'), field('LicenseDefinitionKey', 'string'), field('Status', 'string')],
            true
        ),
        sobject(
            'PermissionSet',
            '0PS',
            [
                field('Name', 'string'),
                field('Label', 'string'),
                field('NamespacePrefix', 'string'),
                field('IsOwnedByProfile', 'boolean'),
                field('IsCustom', 'boolean')
            ],
            true
        ),
        sobject(
            'PermissionSetAssignment',
            '0Pa',
            [
                field('AssigneeId', 'reference', { referenceTo: ['User'] }),
                field('PermissionSetId', 'reference', { referenceTo: ['PermissionSet'] })
            ],
            true
        ),
        sobject('Organization', '00D', [field('Name', 'string'), field('TimeZoneSidKey', 'string')], true),
        sobject('AsyncApexJob', '707', [
            field('Status', 'string'),
            field('JobType', 'string'),
            field('NumberOfErrors', 'int')
        ]),
        sobject('CronTrigger', '08e', [
            field('CronExpression', 'string'),
            field('State', 'string'),
            field('CronJobDetailId', 'reference', { referenceTo: ['CronJobDetail'] })
        ]),
        sobject('CronJobDetail', '08a', [field('Name', 'string'), field('JobType', 'string')])
    ];
    const byName = new Map(objects.map((o) => [o.name.toLowerCase(), o]));
    const contact = byName.get('contact')!;
    byName.get('account')!.childRelationships.push({
        childSObject: 'Contact',
        field: 'AccountId',
        relationshipName: 'Contacts'
    });
    void contact;
    return {
        sobject: (n) => byName.get(n.toLowerCase()),
        sobjectByKeyPrefix: (p) => objects.find((o) => o.keyPrefix === p),
        sobjects: () => objects
    };
}

export function projectOf(classes: Record<string, string>): ProjectMetadata {
    return {
        roots: [],
        classes: Object.entries(classes).map(([name, source]) => ({
            name,
            file: `${name}.cls`,
            source,
            kind: 'class' as const,
            apiVersion: 67
        })),
        triggers: [],
        schema: tinySchema(),
        labels: new Map(),
        permissionSets: new Map(),
        customMetadata: [],
        namedCredentials: new Map(),
        externalCredentials: new Map(),
        flows: [],
        staticResources: new Map()
    };
}

/** Runs `body` as the single test method of a test class (other classes may be given). */
export function runApex(body: string, classes: Record<string, string> = {}): RunReport {
    const source = `@isTest private class T { @isTest static void run() { ${body} } }`;
    return runTests(projectOf({ ...classes, T: source }));
}

/** The single test's outcome and message. */
export function outcomeOf(body: string, classes: Record<string, string> = {}): string {
    const r = runApex(body, classes);
    const t = r.tests[0];
    if (!t) return `no test (${r.loadErrors.join('; ')})`;
    return t.outcome === 'Pass' ? 'Pass' : `${t.outcome}: ${t.message}`;
}
