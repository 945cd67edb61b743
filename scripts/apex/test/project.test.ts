import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultSourceDirs, loadProject } from '../project/load';
import type { ProjectMetadata } from '../project/types';
import type { FieldDescribe } from '../schema/types';

const REPO = resolve(__dirname, '..', '..', '..');
const FIXTURE = join(__dirname, 'fixtures', 'project-min');

function field(p: ProjectMetadata, object: string, name: string): FieldDescribe {
    const f = p.schema.sobject(object)?.fields.get(name.toLowerCase());
    if (!f) throw new Error(`no field ${object}.${name}`);
    return f;
}

describe('defaultSourceDirs', () => {
    test('package directories of sfdx-project.json', () => {
        expect(defaultSourceDirs(REPO)).toEqual([join(REPO, 'force-app')]);
    });

    test('the folder itself without sfdx-project.json', () => {
        expect(defaultSourceDirs(FIXTURE)).toEqual([FIXTURE]);
    });
});

describe('loadProject(force-app)', () => {
    const p = loadProject(defaultSourceDirs(REPO));

    test('classes with their API version; test classes included', () => {
        const names = p.classes.map((c) => c.name);
        expect(names).toEqual(
            expect.arrayContaining([
                'OrderSubmissionService',
                'OrderSubmissionServiceTest',
                'TestDataFactory'
            ])
        );
        const cls = p.classes.find((c) => c.name === 'OrderSubmissionService')!;
        expect(cls).toMatchObject({ kind: 'class', apiVersion: 67 });
        expect(cls.source).toMatch(/class OrderSubmissionService/);
        expect(p.triggers).toEqual([]);
    });

    test('Order.Portal_Category__c takes the global value set, restricted', () => {
        const f = field(p, 'Order', 'Portal_Category__c');
        expect(f).toMatchObject({ type: 'picklist', custom: true, restrictedPicklist: true, nillable: true });
        expect(f.picklistValues!.map((v) => v.value)).toEqual(['Internet', 'SIM', 'VPN']);
        expect(field(p, 'Product2', 'Portal_Category__c').picklistValues!.map((v) => v.value)).toEqual([
            'Internet',
            'SIM',
            'VPN'
        ]);
    });

    test('inline value sets, labels and defaults', () => {
        const f = field(p, 'OrderItem', 'VPN_Region__c');
        expect(f.restrictedPicklist).toBe(true);
        expect(f.picklistValues!.find((v) => v.value === 'JP')).toEqual({
            value: 'JP',
            label: 'Japan',
            active: true,
            defaultValue: false
        });
        expect(field(p, 'Order', 'Address_Changed__c')).toMatchObject({
            type: 'boolean',
            defaultValue: false,
            nillable: false
        });
        expect(field(p, 'Order', 'Provisioning_Attempts__c')).toMatchObject({
            type: 'double',
            precision: 3,
            scale: 0,
            defaultValue: '0'
        });
        expect(field(p, 'OrderItem', 'MNP_Phone_Number__c')).toMatchObject({ type: 'phone', length: 40 });
        expect(field(p, 'Account', 'Portal_Linked_On__c').type).toBe('datetime');
        expect(field(p, 'OrderItem', 'MNP_Expires_On__c').type).toBe('date');
    });

    test('Account.Customer_Number__c: text(20), unique, external id, case-insensitive', () => {
        expect(field(p, 'Account', 'Customer_Number__c')).toMatchObject({
            type: 'string',
            length: 20,
            unique: true,
            externalId: true,
            caseSensitive: false,
            custom: true
        });
        expect(field(p, 'Order', 'Portal_Request_Key__c')).toMatchObject({
            unique: true,
            caseSensitive: true,
            length: 80
        });
        // Custom fields join the standard ones.
        expect(field(p, 'Account', 'Name')).toMatchObject({ nillable: false, length: 255 });
    });

    test('the project OrderStatus replaces the standard values, with their status categories', () => {
        const status = field(p, 'Order', 'Status');
        expect(status.picklistValues!.map((v) => [v.value, v.groupingString, v.defaultValue])).toEqual([
            ['Draft', 'Draft', true],
            ['Approved', 'Draft', false],
            ['Activated', 'Activated', false],
            ['Cancelled', 'Draft', false]
        ]);
        expect(status.restrictedPicklist).toBe(true);
    });

    test('Order.OrderItems and OrderItem.Order relationships', () => {
        expect(p.schema.sobject('Order')!.childRelationships).toContainEqual({
            childSObject: 'OrderItem',
            field: 'OrderId',
            relationshipName: 'OrderItems'
        });
        expect(field(p, 'OrderItem', 'OrderId')).toMatchObject({
            referenceTo: ['Order'],
            relationshipName: 'Order'
        });
    });

    test('key prefixes of the objects the project uses', () => {
        const prefixes = Object.fromEntries(
            [
                'Account',
                'Order',
                'OrderItem',
                'Product2',
                'Pricebook2',
                'PricebookEntry',
                'User',
                'Profile',
                'PermissionSet',
                'PermissionSetAssignment'
            ].map((n) => [n, p.schema.sobject(n)!.keyPrefix])
        );
        expect(prefixes).toEqual({
            Account: '001',
            Order: '801',
            OrderItem: '802',
            Product2: '01t',
            Pricebook2: '01s',
            PricebookEntry: '01u',
            User: '005',
            Profile: '00e',
            PermissionSet: '0PS',
            PermissionSetAssignment: '0Pa'
        });
    });

    test('Portal_Customer: object and field permissions, class accesses', () => {
        const ps = p.permissionSets.get('portal_customer')!;
        expect(ps.label).toBe('Portal Customer');
        expect(ps.objectPermissions.get('order')).toEqual({
            read: true,
            create: false,
            edit: false,
            delete: false,
            viewAll: false,
            modifyAll: false
        });
        expect(ps.objectPermissions.has('opportunity')).toBe(false);
        expect(ps.fieldPermissions.get('order.portal_category__c')).toEqual({
            readable: true,
            editable: false
        });
        expect(ps.fieldPermissions.has('order.provisioning_error_message__c')).toBe(false);
        expect([...ps.classAccesses].sort()).toEqual([
            'portalbillingcontroller',
            'portalcatalogcontroller',
            'portalcheckoutcontroller',
            'portalhomecontroller',
            'portalorderscontroller',
            'portalpaymentmethodscontroller',
            'portalprofilecontroller',
            'portalservicechangecontroller'
        ]);
        expect(p.permissionSets.get('portal_integration')!.userPermissions).toEqual(
            new Set(['ActivateOrder'])
        );
    });

    test('built-in profiles', () => {
        const admin = p.permissionSets.get('profile:system administrator')!;
        expect(admin.userPermissions.has('ModifyAllData')).toBe(true);
        expect(admin.userPermissions.has('ViewAllData')).toBe(true);
        expect(admin.fieldPermissions.get('order.portal_category__c')).toEqual({
            readable: true,
            editable: true
        });
        const standard = p.permissionSets.get('profile:standard user')!;
        expect(standard.objectPermissions.get('order')).toMatchObject({
            read: true,
            create: true,
            edit: true,
            delete: true
        });
        expect(standard.objectPermissions.get('product2')).toMatchObject({ read: true, create: false });
        expect(standard.fieldPermissions.size).toBe(0);
        const community = p.permissionSets.get('profile:customer community user')!;
        expect(community.license).toBe('Customer Community');
        expect([...community.objectPermissions.keys()].sort()).toEqual(['account', 'contact', 'user']);
        expect(community.fieldPermissions.size).toBe(0);
        const guest = p.permissionSets.get('profile:guest')!;
        expect(guest.objectPermissions.size + guest.fieldPermissions.size + guest.classAccesses.size).toBe(0);
    });

    test('labels with their Japanese translation', () => {
        const label = p.labels.get('error_account_not_found')!;
        expect(label).toMatchObject({ name: 'Error_ACCOUNT_NOT_FOUND', language: 'en_US' });
        expect(label.value).toBe('We could not find a customer account for these details.');
        expect(label.translations.get('ja')).toBe(
            '入力内容に該当するお客様アカウントが見つかりませんでした。'
        );
        const untranslated = [...p.labels.values()]
            .filter((l) => !l.translations.has('ja'))
            .map((l) => l.name);
        expect(untranslated).toEqual([]);
    });

    test('named and external credentials', () => {
        expect(p.namedCredentials.get('portal_middleware')).toMatchObject({
            name: 'Portal_Middleware',
            url: 'https://middleware.example.invalid',
            externalCredential: 'Portal_Middleware'
        });
        expect(p.externalCredentials.get('portal_middleware')).toMatchObject({
            authenticationProtocol: 'Jwt'
        });
    });

    test('the record-triggered flow', () => {
        expect(p.flows.map((f) => f.name)).toEqual(['Order_Provisioning_On_Approval']);
        const flow = p.flows[0].flow;
        expect(flow.processType).toBe('AutoLaunchedFlow');
        const start = flow.start as Record<string, unknown>;
        expect(start).toMatchObject({
            object: 'Order',
            recordTriggerType: 'Update',
            triggerType: 'RecordAfterSave'
        });
        expect(start.filters).toEqual([
            { field: 'Status', operator: 'EqualTo', value: { stringValue: 'Approved' } }
        ]);
        expect(start.scheduledPaths).toEqual([
            { connector: { targetReference: 'Enqueue_Provisioning' }, pathType: 'AsyncAfterCommit' }
        ]);
        const action = (flow.actionCalls as Record<string, unknown>[])[0];
        expect(action).toMatchObject({ actionName: 'OrderProvisioningAction', actionType: 'apex' });
        expect(action.inputParameters).toEqual([
            { name: 'orderIds', value: { elementReference: '$Record.Id' } }
        ]);
    });
});

describe('loadProject(a folder without sfdx-project.json)', () => {
    const p = loadProject([FIXTURE]);

    test('classes and triggers anywhere under the folder', () => {
        expect(p.classes).toHaveLength(1);
        expect(p.classes[0]).toMatchObject({ name: 'WidgetService', kind: 'class', apiVersion: 62 });
        expect(p.triggers).toHaveLength(1);
        expect(p.triggers[0]).toMatchObject({ name: 'WidgetTrigger', kind: 'trigger', apiVersion: 58 });
    });

    test('a custom object with its standard fields, a generated key prefix and relationships', () => {
        const w = p.schema.sobject('widget__c')!;
        expect(w).toMatchObject({
            name: 'Widget__c',
            label: 'Widget',
            labelPlural: 'Widgets',
            custom: true,
            keyPrefix: 'a00'
        });
        expect(p.schema.sobjectByKeyPrefix('a00')).toBe(w);
        expect(w.fields.get('name')).toMatchObject({
            label: 'Widget Number',
            createable: false,
            defaultedOnCreate: true
        });
        expect(w.fields.get('ownerid')).toMatchObject({ type: 'reference', defaultedOnCreate: true });
        expect(w.fields.get('notes__c')).toMatchObject({ type: 'textarea', length: 32768 });
        expect(w.fields.get('site__c')).toMatchObject({ type: 'location', createable: false });
        expect(w.fields.get('site__latitude__s')).toMatchObject({
            type: 'double',
            scale: 6,
            compoundFieldName: 'Site__c'
        });
        expect(w.fields.get('price__c')).toMatchObject({
            type: 'currency',
            nillable: false,
            precision: 10,
            scale: 2
        });
        expect(w.fields.get('price_with_tax__c')).toMatchObject({
            calculated: true,
            createable: false,
            updateable: false
        });
        expect(w.fields.get('active__c')).toMatchObject({ type: 'boolean', defaultValue: true });
        // A formula default is kept as such: the runtime does not evaluate it.
        expect(w.fields.get('due__c')).toMatchObject({
            defaultValue: { formula: 'TODAY() + 7' },
            defaultedOnCreate: true
        });
        expect(w.fields.get('size__c')).toMatchObject({ restrictedPicklist: false, defaultedOnCreate: true });
        expect(w.fields.get('size__c')!.picklistValues!.find((v) => v.defaultValue)?.value).toBe('M');
        expect(w.fields.get('account__c')).toMatchObject({
            referenceTo: ['Account'],
            relationshipName: 'Account__r'
        });
        expect(p.schema.sobject('Account')!.childRelationships).toContainEqual({
            childSObject: 'Widget__c',
            field: 'Account__c',
            relationshipName: 'Widgets__r'
        });
        expect(p.schema.sobject('Contact')!.fields.get('loyalty_level__c')).toMatchObject({
            custom: true,
            type: 'double'
        });
    });

    test('custom metadata type and typed records', () => {
        const t = p.schema.sobject('Setting__mdt')!;
        expect(t).toMatchObject({ customMetadata: true, createable: false, keyPrefix: 'm00' });
        expect(t.fields.get('developername')).toBeDefined();
        expect(p.customMetadata).toEqual([
            {
                type: 'Setting__mdt',
                developerName: 'Default',
                label: 'Default',
                values: new Map<string, unknown>([
                    ['enabled__c', true],
                    ['limit__c', 25],
                    ['endpoint__c', null]
                ])
            }
        ]);
    });

    test('labels, translations, permission sets, profiles, value sets and static resources', () => {
        const label = p.labels.get('widget_title')!;
        expect(label.value).toBe('Widgets & parts');
        expect(label.translations.get('ja')).toBe('ウィジェットと部品');
        expect(p.labels.get('widget_subtitle')).toMatchObject({
            name: 'Widget_Subtitle',
            value: 'Every widget'
        });
        const ps = p.permissionSets.get('widget_user')!;
        expect(ps).toMatchObject({
            name: 'Widget_User',
            label: 'Widget User',
            license: 'Customer Community'
        });
        expect(ps.fieldPermissions.get('widget__c.price__c')).toEqual({ readable: true, editable: true });
        expect(ps.userPermissions).toEqual(new Set(['ApiEnabled']));
        // The Standard profile file is merged onto the built-in Standard User.
        const standard = p.permissionSets.get('profile:standard user')!;
        expect(standard.classAccesses).toEqual(new Set(['widgetservice']));
        expect(standard.objectPermissions.get('widget__c')).toMatchObject({ read: true, create: false });
        expect(standard.objectPermissions.get('account')).toMatchObject({ read: true, create: true });
        expect(
            p.schema
                .sobject('Lead')!
                .fields.get('leadsource')!
                .picklistValues!.map((v) => v.value)
        ).toEqual(['Portal']);
        const res = p.staticResources.get('widgetmock')!;
        expect(res.contentType).toBe('application/json');
        expect(Buffer.from(res.body).toString('utf8')).toBe('{"widgets":[]}');
    });

    test('a field bound to a missing global value set is an error naming it', () => {
        const dir = mkdtempSync(join(tmpdir(), 'apex-project-'));
        try {
            const fields = join(dir, 'objects', 'Thing__c', 'fields');
            mkdirSync(fields, { recursive: true });
            writeFileSync(
                join(fields, 'Kind__c.field-meta.xml'),
                '<CustomField><fullName>Kind__c</fullName><type>Picklist</type><valueSet><valueSetName>Nope</valueSetName></valueSet></CustomField>'
            );
            expect(() => loadProject([dir])).toThrow('Thing__c.Kind__c: global value set Nope not found');
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    test('an unreadable scratch org definition is an error naming it', () => {
        const dir = mkdtempSync(join(tmpdir(), 'apex-project-'));
        try {
            writeFileSync(join(dir, 'sfdx-project.json'), '{"packageDirectories":[{"path":"force-app"}]}');
            mkdirSync(join(dir, 'config'));
            writeFileSync(join(dir, 'config', 'project-scratch-def.json'), '{ "features": [');
            mkdirSync(join(dir, 'force-app'));
            expect(() => loadProject([join(dir, 'force-app')])).toThrow(
                /scratch org definition .*project-scratch-def\.json is not valid JSON/
            );
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    test('a missing folder is an error', () => {
        expect(() => loadProject([join(FIXTURE, 'nope')])).toThrow('source folder not found');
    });
});
