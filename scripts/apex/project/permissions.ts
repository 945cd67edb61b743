/**
 * Permission sets and profiles → PermissionSetMeta (what the runtime enforces: object and field permissions,
 * Apex class access, user permissions, licence), plus the built-in profiles every org has, under
 * `profile:<lower-cased name>`. A project profile file (`Admin.profile-meta.xml`...) is merged onto the built-in
 * profile of the same name, as a deploy does: only the permissions it lists change.
 */
import { basename } from 'node:path';
import type { FieldPermission, ObjectPermission, PermissionSetMeta } from './types';
import type { SObjectDescribe } from '../schema/types';
import { bool, list, readXml, str } from './xml';

const ALL: ObjectPermission = {
    read: true,
    create: true,
    edit: true,
    delete: true,
    viewAll: true,
    modifyAll: true
};
const CRED: ObjectPermission = {
    read: true,
    create: true,
    edit: true,
    delete: true,
    viewAll: false,
    modifyAll: false
};
const READ: ObjectPermission = {
    read: true,
    create: false,
    edit: false,
    delete: false,
    viewAll: false,
    modifyAll: false
};

/** Source file names of the standard profiles (Metadata API) → their names in the org. */
const PROFILE_FILE_NAMES: Record<string, string> = {
    Admin: 'System Administrator',
    Standard: 'Standard User'
};

/** A permission set or profile that grants nothing. */
export function emptySet(name: string, label: string, license?: string): PermissionSetMeta {
    return {
        name,
        label,
        license,
        objectPermissions: new Map(),
        fieldPermissions: new Map(),
        classAccesses: new Set(),
        userPermissions: new Set()
    };
}

/** Reads a `<PermissionSet>` or `<Profile>` file onto `into` (a fresh set, or a built-in profile to merge). */
export function readPermissions(
    file: string,
    root: 'PermissionSet' | 'Profile',
    into: PermissionSetMeta
): PermissionSetMeta {
    const x = readXml(file, root);
    into.label = str(x, 'label') ?? into.label;
    into.license = str(x, 'license') ?? str(x, 'userLicense') ?? into.license;
    for (const o of list(x, 'objectPermissions')) {
        const object = str(o, 'object');
        if (!object) continue;
        into.objectPermissions.set(object.toLowerCase(), {
            read: bool(o, 'allowRead') ?? false,
            create: bool(o, 'allowCreate') ?? false,
            edit: bool(o, 'allowEdit') ?? false,
            delete: bool(o, 'allowDelete') ?? false,
            viewAll: bool(o, 'viewAllRecords') ?? false,
            modifyAll: bool(o, 'modifyAllRecords') ?? false
        });
    }
    for (const f of list(x, 'fieldPermissions')) {
        const field = str(f, 'field');
        if (!field) continue;
        into.fieldPermissions.set(field.toLowerCase(), {
            readable: bool(f, 'readable') ?? false,
            editable: bool(f, 'editable') ?? false
        });
    }
    for (const c of list(x, 'classAccesses')) {
        const cls = str(c, 'apexClass');
        if (!cls) continue;
        if (bool(c, 'enabled')) into.classAccesses.add(cls.toLowerCase());
        else into.classAccesses.delete(cls.toLowerCase());
    }
    for (const u of list(x, 'userPermissions')) {
        const name = str(u, 'name');
        if (!name) continue;
        if (bool(u, 'enabled')) into.userPermissions.add(name);
        else into.userPermissions.delete(name);
    }
    return into;
}

export function readPermissionSet(file: string): PermissionSetMeta {
    const name = basename(file).replace(/\.permissionset-meta\.xml$/, '');
    return readPermissions(file, 'PermissionSet', emptySet(name, name));
}

/** The org profile name a `.profile-meta.xml` file stands for. */
export function profileNameOf(file: string): string {
    const base = decodeURIComponent(basename(file).replace(/\.profile-meta\.xml$/, ''));
    return PROFILE_FILE_NAMES[base] ?? base;
}

/** Standard objects a Standard User works with (create, read, edit, delete) in a new org. */
const STANDARD_USER_CRED = [
    'Account',
    'Contact',
    'Lead',
    'Opportunity',
    'OpportunityLineItem',
    'OpportunityContactRole',
    'Case',
    'CaseComment',
    'Contract',
    'Order',
    'OrderItem',
    'Asset',
    'Task',
    'Event',
    'Note',
    'Attachment',
    'Document',
    'Quote',
    'QuoteLineItem',
    'ContentVersion',
    'ContentDocument',
    'ContentDocumentLink',
    'FeedItem',
    'EmailMessage'
];
/** Standard objects a Standard User can only read (price books and products need Manage Price Books). */
const STANDARD_USER_READ = [
    'Campaign',
    'CampaignMember',
    'Product2',
    'Pricebook2',
    'PricebookEntry',
    'User',
    'Profile'
];

/**
 * The profiles every org has, as the runtime models them:
 * - System Administrator: ModifyAllData and ViewAllData (every object, every record), Author Apex (every Apex
 *   class), Customize Application, Manage Users; full object permissions on the project's objects and read/edit
 *   on every custom field of the project (an admin deploying the project grants itself the fields).
 * - Standard User: create/read/edit/delete on the standard sales and service objects, read on products, price
 *   books, campaigns and users; API enabled. No access to custom objects and no FLS on custom fields unless a
 *   permission set grants them (standard fields stay readable, see data/security.ts).
 * - Customer Community User (licence Customer Community): read on Account and Contact (their own records
 *   through sharing) and on User (every licence reads the users it can see); nothing custom. Everything else
 *   comes from permission sets such as Portal_Customer.
 * - Guest (the site guest user, licence Guest User License): no object, field or class access at all; a guest
 *   permission set must grant each.
 */
export function builtInProfiles(
    customObjects: SObjectDescribe[],
    customFields: Map<string, SObjectDescribe['fields']>
): PermissionSetMeta[] {
    const admin = emptySet('profile:System Administrator', 'System Administrator', 'Salesforce');
    for (const p of [
        'ModifyAllData',
        'ViewAllData',
        'AuthorApex',
        'CustomizeApplication',
        'ManageUsers',
        'ViewSetup',
        'ApiEnabled',
        'ActivateOrder',
        'AssignPermissionSets',
        'ManageProfilesPermissionsets',
        'ViewAllUsers',
        'EditTask',
        'EditEvent'
    ]) {
        admin.userPermissions.add(p);
    }
    for (const d of customObjects) {
        if (!d.customMetadata) admin.objectPermissions.set(d.name.toLowerCase(), { ...ALL });
    }
    for (const [object, fields] of customFields) {
        for (const f of fields.values()) {
            if (!f.custom) continue;
            const perm: FieldPermission = {
                readable: true,
                editable: !f.calculated && (f.createable || f.updateable)
            };
            admin.fieldPermissions.set(`${object}.${f.name.toLowerCase()}`, perm);
        }
    }

    const standard = emptySet('profile:Standard User', 'Standard User', 'Salesforce');
    for (const o of STANDARD_USER_CRED) standard.objectPermissions.set(o.toLowerCase(), { ...CRED });
    for (const o of STANDARD_USER_READ) standard.objectPermissions.set(o.toLowerCase(), { ...READ });
    for (const p of ['ApiEnabled', 'EditTask', 'EditEvent', 'ConvertLeads']) standard.userPermissions.add(p);

    const community = emptySet(
        'profile:Customer Community User',
        'Customer Community User',
        'Customer Community'
    );
    for (const o of ['account', 'contact', 'user']) community.objectPermissions.set(o, { ...READ });

    const guest = emptySet('profile:Guest', 'Guest', 'Guest User License');

    // Minimum Access - Salesforce: no object access at all; Read Only: read on what a Standard User may edit;
    // Marketing User: a Standard User who also manages campaigns.
    const minimum = emptySet(
        'profile:Minimum Access - Salesforce',
        'Minimum Access - Salesforce',
        'Salesforce'
    );
    minimum.userPermissions.add('ApiEnabled');
    const readOnly = emptySet('profile:Read Only', 'Read Only', 'Salesforce');
    for (const o of [...STANDARD_USER_CRED, ...STANDARD_USER_READ])
        readOnly.objectPermissions.set(o.toLowerCase(), { ...READ });
    readOnly.userPermissions.add('ApiEnabled');
    const marketing = emptySet('profile:Marketing User', 'Marketing User', 'Salesforce');
    for (const [k, v] of standard.objectPermissions) marketing.objectPermissions.set(k, { ...v });
    marketing.objectPermissions.set('campaign', { ...CRED });
    for (const p of standard.userPermissions) marketing.userPermissions.add(p);
    return [admin, standard, community, guest, minimum, readOnly, marketing];
}
