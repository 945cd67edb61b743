/**
 * The rows an org has before any test data: user licences, the standard profiles, a row per permission set of the
 * project, the organization and the admin who runs the tests. Tests see these (User, Profile, PermissionSet and
 * other setup objects are visible without SeeAllData).
 */
import { ApexDatetime, ApexId, type ApexValue } from '../values/model';
import type { RecordStore, Row } from '../data/store';
import { parseDecimal } from '../values/decimal';
import { dateValueOf } from '../values/datetime';
import type { RunningUser } from '../data/security';
import type { Runtime } from './runtime';

export interface OrgSeed {
    admin: RunningUser;
    organizationId: string;
    /** Profile name → Id */
    profiles: Map<string, string>;
    userFromStore(id: string): RunningUser;
}

/** The licences and profiles of a typical Experience Cloud org (names as Setup shows them). */
const LICENCES = [
    { name: 'Salesforce', key: 'SFDC' },
    { name: 'Customer Community', key: 'PID_Customer_Community' },
    { name: 'Guest User License', key: 'PID_Guest_User' }
];
const PROFILES = [
    { name: 'System Administrator', licence: 'Salesforce', userType: 'Standard', modifyAll: true },
    { name: 'Standard User', licence: 'Salesforce', userType: 'Standard', modifyAll: false },
    {
        name: 'Customer Community User',
        licence: 'Customer Community',
        userType: 'CspLitePortal',
        modifyAll: false
    },
    { name: 'Guest', licence: 'Guest User License', userType: 'Guest', modifyAll: false },
    { name: 'Minimum Access - Salesforce', licence: 'Salesforce', userType: 'Standard', modifyAll: false },
    { name: 'Read Only', licence: 'Salesforce', userType: 'Standard', modifyAll: false },
    { name: 'Marketing User', licence: 'Salesforce', userType: 'Standard', modifyAll: false }
];

/** A custom metadata field value from its XML text, typed as the field is. */
function metadataValue(raw: unknown, type: string): ApexValue {
    if (raw === null || raw === undefined || raw === '') return null;
    if (type === 'boolean') return raw === true || String(raw).toLowerCase() === 'true';
    if (type === 'double' || type === 'currency' || type === 'percent') return parseDecimal(String(raw));
    if (type === 'int') return Number(raw) | 0;
    if (type === 'date') return dateValueOf(String(raw));
    if (type === 'datetime') return new ApexDatetime(Date.parse(String(raw)));
    return String(raw);
}

export function seedOrg(rt: Runtime, store: RecordStore): OrgSeed {
    const schema = rt.schema;
    const now = new ApexDatetime(Date.UTC(2026, 0, 1));
    const put = (sobject: string, values: Record<string, ApexValue>): string => {
        const d = schema.sobject(sobject);
        const id = store.newId(schema, sobject);
        const row: Row = new Map([['id', new ApexId(id)]]);
        for (const [k, v] of Object.entries(values))
            if (!d || d.fields.has(k.toLowerCase())) row.set(k.toLowerCase(), v);
        for (const k of ['createddate', 'lastmodifieddate', 'systemmodstamp'])
            if (d?.fields.has(k)) row.set(k, now);
        if (d?.fields.has('isdeleted')) row.set('isdeleted', false);
        store.put(sobject, id, row);
        return id;
    };
    const licenceIds = new Map<string, string>();
    for (const l of LICENCES)
        licenceIds.set(
            l.name,
            put('UserLicense', { Name: l.name, LicenseDefinitionKey: l.key, Status: 'Active' })
        );
    const profiles = new Map<string, string>();
    for (const p of PROFILES) {
        profiles.set(
            p.name,
            put('Profile', {
                Name: p.name,
                UserType: p.userType,
                UserLicenseId: new ApexId(licenceIds.get(p.licence)!),
                PermissionsModifyAllData: p.modifyAll,
                PermissionsViewAllData: p.modifyAll,
                PermissionsApiEnabled: true
            })
        );
    }
    for (const ps of rt.project.permissionSets.values()) {
        if (ps.name.toLowerCase().startsWith('profile:')) continue;
        put('PermissionSet', {
            Name: ps.name,
            Label: ps.label,
            NamespacePrefix: null,
            IsOwnedByProfile: false,
            IsCustom: true
        });
    }
    // Custom metadata records are metadata: every test sees them. A relationship to another custom metadata type
    // names its record by DeveloperName; the row holds that record's Id.
    const mdtIds = new Map<string, string>();
    const mdtRefs: { sobject: string; id: string; field: string; target: string; developerName: string }[] =
        [];
    for (const rec of rt.project.customMetadata) {
        const d = schema.sobject(rec.type);
        if (!d) continue;
        const values: Record<string, ApexValue> = {
            DeveloperName: rec.developerName,
            MasterLabel: rec.label,
            Label: rec.label,
            QualifiedApiName: rec.developerName,
            NamespacePrefix: null,
            Language: 'en_US'
        };
        const refs: { field: string; target: string; developerName: string }[] = [];
        for (const [k, v] of rec.values) {
            const f = d.fields.get(k);
            if (f?.type === 'reference' && f.referenceTo[0] && v !== null && v !== undefined && v !== '') {
                refs.push({
                    field: f.name.toLowerCase(),
                    target: f.referenceTo[0],
                    developerName: String(v)
                });
            } else if (f) values[f.name] = metadataValue(v, f.type);
        }
        const id = put(d.name, values);
        mdtIds.set(`${d.name.toLowerCase()}.${rec.developerName.toLowerCase()}`, id);
        for (const r of refs) mdtRefs.push({ sobject: d.name, id, ...r });
    }
    for (const r of mdtRefs) {
        const target = mdtIds.get(`${r.target.toLowerCase()}.${r.developerName.toLowerCase()}`);
        const row = store.get(r.sobject, r.id);
        if (target && row) store.put(r.sobject, r.id, new Map(row).set(r.field, new ApexId(target)));
    }
    // Apex classes are visible to tests (ApexClass is one of the objects tests see without SeeAllData).
    for (const cls of schema.sobject('ApexClass') ? rt.project.classes : []) {
        put('ApexClass', {
            Name: cls.name,
            Body: cls.source,
            NamespacePrefix: null,
            Status: 'Active',
            ApiVersion: cls.apiVersion ?? null,
            IsValid: true,
            LengthWithoutComments: cls.source.length
        });
    }
    const organizationId = put('Organization', {
        Name: 'Portal Test Org',
        TimeZoneSidKey: 'Asia/Tokyo',
        LanguageLocaleKey: 'en_US',
        DefaultLocaleSidKey: 'en_US',
        IsSandbox: true,
        OrganizationType: 'Developer Edition'
    });
    const adminId = store.newId(schema, 'User');
    const adminRow: Row = new Map<string, ApexValue>([
        ['id', new ApexId(adminId)],
        ['username', 'admin@portal-test.example.com'],
        ['lastname', 'Admin'],
        ['firstname', 'Test'],
        ['email', 'admin@portal-test.example.com'],
        ['alias', 'tadmin'],
        ['profileid', new ApexId(profiles.get('System Administrator')!)],
        ['timezonesidkey', 'Asia/Tokyo'],
        ['localesidkey', 'en_US'],
        ['languagelocalekey', 'en_US'],
        ['emailencodingkey', 'UTF-8'],
        ['isactive', true],
        ['usertype', 'Standard'],
        ['createddate', now],
        ['lastmodifieddate', now]
    ]);
    const userDescribe = schema.sobject('User');
    for (const k of [...adminRow.keys()]) if (userDescribe && !userDescribe.fields.has(k)) adminRow.delete(k);
    store.put('User', adminId, adminRow);

    const userFromStore = (id: string): RunningUser => {
        const row = store.get('User', id);
        if (!row) throw new Error(`no User ${id}`);
        const text = (k: string): string | undefined => {
            const v = row.get(k);
            return v === null || v === undefined ? undefined : String(v);
        };
        const profileId = text('profileid');
        const profileRow = profileId ? store.get('Profile', profileId) : undefined;
        const profileName = profileRow ? String(profileRow.get('name')) : 'Standard User';
        const userType = profileRow ? String(profileRow.get('usertype') ?? 'Standard') : 'Standard';
        const permissionSets: string[] = [];
        const psNames = new Map<string, string>();
        for (const [psId, ps] of store.table('PermissionSet')) psNames.set(psId, String(ps.get('name')));
        for (const psa of store.table('PermissionSetAssignment').values()) {
            if (String(psa.get('assigneeid')) === id) {
                const name = psNames.get(String(psa.get('permissionsetid')));
                if (name) permissionSets.push(name);
            }
        }
        const contactId = text('contactid');
        const contact = contactId ? store.get('Contact', contactId) : undefined;
        const accountId = contact?.get('accountid');
        return {
            id,
            username: text('username') ?? '',
            profileName,
            permissionSets,
            timeZone: text('timezonesidkey') ?? 'Asia/Tokyo',
            locale: text('localesidkey') ?? 'en_US',
            language: text('languagelocalekey') ?? 'en_US',
            isGuest: userType === 'Guest',
            isPortal: userType !== 'Standard' && userType !== 'Guest',
            contactId,
            accountId: accountId ? String(accountId) : undefined
        };
    };
    return { admin: userFromStore(adminId), organizationId, profiles, userFromStore };
}
