/**
 * Object permissions, field-level security and Apex class access of the running user, read from the project's
 * permission set metadata and the profiles the runtime knows (APEX-PLATFORM.md §6). Used by user-mode DML and
 * SOQL, `Security.stripInaccessible`, describe `isAccessible()`/`isCreateable()`... and `@AuraEnabled` class access.
 *
 * Rules and their limits:
 * - A user's access is the union of their profile (`profile:<name>` in ProjectMetadata.permissionSets) and their
 *   permission sets. An unknown profile or permission set name is Unsupported (never "no access" by guess).
 * - `ModifyAllData` grants every object permission; `ViewAllData` grants read and view-all on every object.
 *   Neither bypasses field-level security (custom fields deployed without FLS stay hidden even from admins).
 * - Field access needs object read (edit: object create or edit) and the describe's createable/updateable.
 *   Fields that carry no FLS on the platform are always accessible with the object: Id, the audit fields,
 *   and required fields (nillable = false), which cannot be restricted. A standard field that no profile or
 *   permission set of the user mentions is treated as accessible: the runtime's profiles list object access,
 *   not standard-field FLS. A custom field needs an explicit grant.
 * - `viewAllFields` of object permissions is not modelled.
 */
import { ApexList, SObjectValue, UnsupportedError, type ApexValue } from '../values/model';
import type { FieldDescribe, Schema, SObjectDescribe } from '../schema/types';
import type { ObjectPermission, PermissionSetMeta } from '../project/types';

export interface RunningUser {
    /** 18-character User Id. */
    id: string;
    username: string;
    /** Profile name as the metadata names it (`System Administrator`, `Customer Community User`...). */
    profileName: string;
    /** Names of the permission sets assigned to the user. */
    permissionSets: string[];
    timeZone: string;
    locale: string;
    language: string;
    isGuest: boolean;
    /** Holds an external (community / portal) licence. */
    isPortal: boolean;
    contactId?: string;
    accountId?: string;
}

export type AccessType = 'READABLE' | 'CREATABLE' | 'UPDATABLE' | 'UPSERTABLE';

export interface StripResult {
    records: SObjectValue[];
    /** Canonical SObject name → canonical names of the removed fields. */
    removedFields: Map<string, Set<string>>;
    /** Indexes of the top-level records that lost a field. */
    modifiedIndexes: Set<number>;
}

/** Fields without field-level security: readable and (where the describe allows) writable with the object. */
const NO_FLS_FIELDS = new Set([
    'id',
    'isdeleted',
    'createdbyid',
    'createddate',
    'lastmodifiedbyid',
    'lastmodifieddate',
    'systemmodstamp',
    'ownerid'
]);

const NO_ACCESS: ObjectPermission = {
    read: false,
    create: false,
    edit: false,
    delete: false,
    viewAll: false,
    modifyAll: false
};

export class SecurityModel {
    /** Answers per user signature (profile + permission sets): metadata never changes during a run. */
    private readonly cache = new Map<string, boolean | ObjectPermission>();

    constructor(
        private readonly permissionSets: Map<string, PermissionSetMeta>,
        private readonly schema: Schema
    ) {}

    private cached<T extends boolean | ObjectPermission>(
        user: RunningUser,
        key: string,
        compute: () => T
    ): T {
        const k = `${user.profileName}|${user.permissionSets.join(',')}|${key}`.toLowerCase();
        let v = this.cache.get(k) as T | undefined;
        if (v === undefined) {
            v = compute();
            this.cache.set(k, v);
        }
        return v;
    }

    /** The profile and permission sets of a user. */
    setsOf(user: RunningUser): PermissionSetMeta[] {
        const sets: PermissionSetMeta[] = [];
        const profile = this.permissionSets.get(`profile:${user.profileName.toLowerCase()}`);
        if (!profile) throw new UnsupportedError(`profile ${user.profileName}`);
        sets.push(profile);
        for (const name of user.permissionSets) {
            const ps = this.permissionSets.get(name.toLowerCase());
            if (!ps) throw new UnsupportedError(`permission set ${name}`);
            sets.push(ps);
        }
        return sets;
    }

    hasUserPermission(user: RunningUser, permission: string): boolean {
        const wanted = permission.toLowerCase();
        return this.cached(user, `perm:${wanted}`, () =>
            this.setsOf(user).some((s) => [...s.userPermissions].some((p) => p.toLowerCase() === wanted))
        );
    }

    /** The union of the user's object permissions on `sobject` (a copy). */
    objectAccess(user: RunningUser, sobject: string): ObjectPermission {
        return { ...this.cached(user, `obj:${sobject}`, () => this.computeObjectAccess(user, sobject)) };
    }

    private computeObjectAccess(user: RunningUser, sobject: string): ObjectPermission {
        const key = sobject.toLowerCase();
        if (this.hasUserPermission(user, 'ModifyAllData')) {
            return { read: true, create: true, edit: true, delete: true, viewAll: true, modifyAll: true };
        }
        const acc = { ...NO_ACCESS };
        if (this.hasUserPermission(user, 'ViewAllData')) {
            acc.read = true;
            acc.viewAll = true;
        }
        // Price book entries have no object permission of their own: reading one takes read on its product and
        // its price book (the parents that control it).
        if (key === 'pricebookentry') {
            acc.read ||=
                this.objectAccess(user, 'Product2').read && this.objectAccess(user, 'Pricebook2').read;
        }
        for (const s of this.setsOf(user)) {
            const p = s.objectPermissions.get(key);
            if (!p) continue;
            acc.read ||= p.read || p.viewAll || p.modifyAll;
            acc.create ||= p.create;
            acc.edit ||= p.edit || p.modifyAll;
            acc.delete ||= p.delete || p.modifyAll;
            acc.viewAll ||= p.viewAll || p.modifyAll;
            acc.modifyAll ||= p.modifyAll;
        }
        return acc;
    }

    canReadObject(user: RunningUser, sobject: string): boolean {
        return this.describe(sobject).queryable && this.objectAccess(user, sobject).read;
    }

    canCreate(user: RunningUser, sobject: string): boolean {
        return this.describe(sobject).createable && this.objectAccess(user, sobject).create;
    }

    canEdit(user: RunningUser, sobject: string): boolean {
        return this.describe(sobject).updateable && this.objectAccess(user, sobject).edit;
    }

    canDelete(user: RunningUser, sobject: string): boolean {
        return this.describe(sobject).deletable && this.objectAccess(user, sobject).delete;
    }

    canReadField(user: RunningUser, sobject: string, field: string): boolean {
        if (!this.objectAccess(user, sobject).read) return false;
        return this.fieldGrant(user, sobject, field, 'readable');
    }

    /** Field editable for an update (describe updateable + FLS edit + object edit). */
    canEditField(user: RunningUser, sobject: string, field: string): boolean {
        const f = this.field(sobject, field);
        if (!f.updateable || !this.objectAccess(user, sobject).edit) return false;
        return this.fieldGrant(user, sobject, field, 'editable');
    }

    /** Field settable on insert (describe createable + FLS edit + object create). */
    canCreateField(user: RunningUser, sobject: string, field: string): boolean {
        const f = this.field(sobject, field);
        if (!f.createable || !this.objectAccess(user, sobject).create) return false;
        return this.fieldGrant(user, sobject, field, 'editable');
    }

    /** `@AuraEnabled` access: a class access of the profile or a permission set, or the Author Apex permission. */
    hasClassAccess(user: RunningUser, className: string): boolean {
        const key = className.toLowerCase();
        if (this.hasUserPermission(user, 'AuthorApex')) return true;
        return this.setsOf(user).some((s) => s.classAccesses.has(key));
    }

    /**
     * `Security.stripInaccessible(accessType, records)`: copies without the fields the user cannot access
     * (parent records and child lists included); the Id is never stripped. Reading a removed (or never queried)
     * field of a copy gives null without an exception, as the guide says ("Enforce Security with the
     * stripInaccessible Method"). An inaccessible root object (with enforceRootObjectCRUD, the default) or parent
     * object is Unsupported: the exception is undocumented.
     */
    stripInaccessible(
        user: RunningUser,
        accessType: AccessType,
        records: SObjectValue[],
        enforceRootObjectCRUD = true
    ): StripResult {
        const result: StripResult = { records: [], removedFields: new Map(), modifiedIndexes: new Set() };
        records.forEach((r, i) => {
            const acc: Removal = { removed: result.removedFields, count: 0 };
            result.records.push(this.strip(user, accessType, r, acc, enforceRootObjectCRUD));
            if (acc.count > 0) result.modifiedIndexes.add(i);
        });
        return result;
    }

    private strip(
        user: RunningUser,
        accessType: AccessType,
        record: SObjectValue,
        removed: Removal,
        checkObject = true
    ): SObjectValue {
        const d = this.describe(record.sobjectType);
        // Without the root object check, an inaccessible object simply loses every field but its Id.
        if (checkObject && !this.objectAllows(user, d.name, accessType)) {
            throw new UnsupportedError(`Security.stripInaccessible on an inaccessible object (${d.name})`);
        }
        const out = new SObjectValue(record.sobjectType);
        for (const [key, value] of record.fields) {
            const f = d.fields.get(key);
            if (f) {
                if (key === 'id' || this.fieldAllows(user, d.name, f, accessType)) out.fields.set(key, value);
                else addRemoved(removed, d.name, f.name);
                continue;
            }
            out.fields.set(key, this.stripRelated(user, accessType, value, removed));
        }
        return out;
    }

    private stripRelated(
        user: RunningUser,
        accessType: AccessType,
        value: ApexValue,
        removed: Removal
    ): ApexValue {
        if (value instanceof SObjectValue) return this.strip(user, accessType, value, removed);
        if (value instanceof ApexList) {
            return new ApexList(
                value.elementType,
                value.items.map((v) =>
                    v instanceof SObjectValue ? this.strip(user, accessType, v, removed) : v
                )
            );
        }
        if (value === null) return null;
        throw new UnsupportedError('Security.stripInaccessible on a record holding a non-field value');
    }

    private objectAllows(user: RunningUser, sobject: string, t: AccessType): boolean {
        switch (t) {
            case 'READABLE':
                return this.canReadObject(user, sobject);
            case 'CREATABLE':
                return this.canCreate(user, sobject);
            case 'UPDATABLE':
                return this.canEdit(user, sobject);
            case 'UPSERTABLE':
                return this.canCreate(user, sobject) && this.canEdit(user, sobject);
        }
    }

    private fieldAllows(user: RunningUser, sobject: string, f: FieldDescribe, t: AccessType): boolean {
        switch (t) {
            case 'READABLE':
                return this.canReadField(user, sobject, f.name);
            case 'CREATABLE':
                return this.canCreateField(user, sobject, f.name);
            case 'UPDATABLE':
                return this.canEditField(user, sobject, f.name);
            case 'UPSERTABLE':
                return this.canCreateField(user, sobject, f.name) && this.canEditField(user, sobject, f.name);
        }
    }

    private fieldGrant(
        user: RunningUser,
        sobject: string,
        field: string,
        kind: 'readable' | 'editable'
    ): boolean {
        const f = this.field(sobject, field);
        if (NO_FLS_FIELDS.has(f.name.toLowerCase()) || !f.nillable) return true;
        const key = `${sobject.toLowerCase()}.${f.name.toLowerCase()}`;
        let mentioned = false;
        for (const s of this.setsOf(user)) {
            const p = s.fieldPermissions.get(key);
            if (!p) continue;
            mentioned = true;
            if (kind === 'readable' ? p.readable || p.editable : p.editable) return true;
        }
        return !f.custom && !mentioned;
    }

    private describe(sobject: string): SObjectDescribe {
        const d = this.schema.sobject(sobject);
        if (!d) throw new UnsupportedError(`SObject ${sobject}`);
        return d;
    }

    private field(sobject: string, field: string): FieldDescribe {
        const f = this.describe(sobject).fields.get(field.toLowerCase());
        if (!f) throw new UnsupportedError(`field ${sobject}.${field}`);
        return f;
    }
}

interface Removal {
    removed: Map<string, Set<string>>;
    /** Fields removed from the current top-level record (its parents and children included). */
    count: number;
}

function addRemoved(r: Removal, sobject: string, field: string): void {
    let s = r.removed.get(sobject);
    if (!s) {
        s = new Set();
        r.removed.set(sobject, s);
    }
    s.add(field);
    r.count++;
}
