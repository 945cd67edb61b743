/**
 * Record-level access (sharing) as a small, explicit model — APEX-PLATFORM.md §6.
 *
 * A record is visible (readable) to the running user when:
 * 1. the context is `without sharing`; or
 * 2. the user has ModifyAllData / ViewAllData, or View All / Modify All on the object; or
 * 3. a "controlled by parent" object (`CONTROLLED_BY_PARENT`: OrderItem, Contact) with a parent follows its
 *    parent; an object with no owner (no `OwnerId`: Product2, Pricebook2, PricebookEntry, User, Profile...) is
 *    readable; or
 * 4. the user owns it; or
 * 5. the org-wide default of the object (`owd`, default Private) is Read or ReadWrite, for internal users; or
 * 6. a portal (community licence) user: the Account row whose Id is the user's AccountId, and records whose
 *    `AccountId` is that Account (Contacts, Orders, Cases...) — this models a read-only sharing set on the
 *    user's Account.
 * Guest users see only what rule 1–4 gives them.
 *
 * Editable (update/delete under sharing) adds: owner, Modify All (data or object), OWD ReadWrite for internal
 * users; a detail object is editable when its parent is. The portal sharing set grants read only.
 *
 * Unsupported, on purpose (not pretended): roles and the role hierarchy, sharing rules, manual shares and
 * `__Share` rows, teams, territories, queues as owners and guest sharing rules. Records owned by a queue are
 * not visible to its members here.
 *
 * `inherited sharing` is resolved by the interpreter (the caller's mode); an entry point with inherited sharing
 * runs with sharing [SHR], which is what `isVisible` does when it is given 'inherited'.
 */
import { ApexId, UnsupportedError, type ApexValue } from '../values/model';
import type { Schema, SObjectDescribe } from '../schema/types';
import type { RecordStore, Row } from './store';
import type { RunningUser, SecurityModel } from './security';

export type SharingMode = 'with' | 'without' | 'inherited';
export type OrgWideDefault = 'Private' | 'Read' | 'ReadWrite';

/** Detail objects whose sharing is "Controlled by Parent": child object → its parent reference field. */
const CONTROLLED_BY_PARENT = new Map<string, string>([
    ['orderitem', 'orderid'],
    ['contact', 'accountid']
]);

export class SharingModel {
    constructor(
        private readonly schema: Schema,
        private readonly security: SecurityModel,
        /** Needed for "controlled by parent" objects (the parent's row decides). */
        private readonly store?: RecordStore,
        /** Lower-cased object name → internal org-wide default; objects not listed get `defaultOwd`. */
        private readonly owd: Map<string, OrgWideDefault> = new Map(),
        private readonly defaultOwd: OrgWideDefault = 'Private'
    ) {}

    isVisible(user: RunningUser, sobject: string, row: Row, mode: SharingMode): boolean {
        return this.access(user, sobject, row, mode, 'read');
    }

    isEditable(user: RunningUser, sobject: string, row: Row, mode: SharingMode): boolean {
        return this.access(user, sobject, row, mode, 'edit');
    }

    /** Full access (delete): the owner or Modify All; objects without an owner follow edit access. */
    isDeletable(user: RunningUser, sobject: string, row: Row, mode: SharingMode): boolean {
        if (mode === 'without') return true;
        const d = this.describe(sobject);
        if (this.security.objectAccess(user, d.name).modifyAll) return true;
        if (!d.fields.has('ownerid')) return this.access(user, sobject, row, mode, 'edit');
        return idText(row.get('ownerid')) === user.id;
    }

    private access(
        user: RunningUser,
        sobject: string,
        row: Row,
        mode: SharingMode,
        kind: 'read' | 'edit'
    ): boolean {
        if (mode === 'without') return true;
        const d = this.describe(sobject);
        const obj = this.security.objectAccess(user, d.name);
        if (kind === 'read' ? obj.viewAll : obj.modifyAll) return true;
        const key = d.name.toLowerCase();
        const parentField = CONTROLLED_BY_PARENT.get(key);
        if (parentField && row.get(parentField) != null)
            return this.parentAccess(user, d, row, parentField, mode, kind);
        if (!d.fields.has('ownerid')) return !parentField;
        if (idText(row.get('ownerid')) === user.id) return true;
        if (user.isGuest) return false;
        if (user.isPortal) {
            if (kind === 'edit' || !user.accountId) return false;
            if (key === 'account') return idText(row.get('id')) === user.accountId;
            return d.fields.has('accountid') && idText(row.get('accountid')) === user.accountId;
        }
        const owd = this.owd.get(key) ?? this.defaultOwd;
        return kind === 'read' ? owd !== 'Private' : owd === 'ReadWrite';
    }

    private parentAccess(
        user: RunningUser,
        d: SObjectDescribe,
        row: Row,
        field: string,
        mode: SharingMode,
        kind: 'read' | 'edit'
    ): boolean {
        const f = d.fields.get(field);
        if (!f) throw new UnsupportedError(`sharing of ${d.name}: no ${field} field`);
        const parentId = idText(row.get(field));
        if (parentId === null) return false;
        if (!this.store) throw new UnsupportedError(`sharing of ${d.name} without the record store`);
        const parentName = f.referenceTo[0];
        const parent = this.store.get(parentName, parentId);
        if (!parent) return false;
        return this.access(user, parentName, parent, mode, kind);
    }

    private describe(sobject: string): SObjectDescribe {
        const d = this.schema.sobject(sobject);
        if (!d) throw new UnsupportedError(`SObject ${sobject}`);
        return d;
    }
}

function idText(v: ApexValue | undefined): string | null {
    if (v instanceof ApexId) return v.value;
    return typeof v === 'string' ? v : null;
}
