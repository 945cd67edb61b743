/**
 * DML: `insert`/`update`/`upsert`/`delete`/`undelete` statements and their `Database.*` methods, with the
 * org's validation rules and status codes (APEX-PLATFORM.md §5). One call is one DML statement.
 *
 * - allOrNone (every statement, `Database.x(recs)` and `Database.x(recs, true)`): any failing row rolls the
 *   whole statement back and throws DmlException `<Op> failed. First exception on row <i>[ with id <id>];
 *   first error: <CODE>, <message>: [<fields>]`, its detail the failing rows (`DmlRowError[]`).
 *   Layout checked against org output quoted in public repositories ("Update failed. First exception on row 0
 *   with id 0013n00001uAbFGAA0; first error: ...", "...DUPLICATE_VALUE, duplicate value found: X duplicates
 *   value on record with id: a6J...: []").
 * - allOrNone false: valid rows are written, failing rows get their errors in the results. The platform's
 *   retry of the valid subset (re-running triggers) is not modelled.
 * - The Id of an inserted record is written back into the caller's SObjectValue (and nothing else: defaults
 *   such as CreatedDate live only in the stored row, as on the platform).
 * - Read-only fields (formulas, audit fields, non-createable/updateable ones) carried by a record are ignored,
 *   as the platform ignores the queried values of such fields; assignments to them are the interpreter's
 *   compile-time error. A create-only field changed on update is INVALID_FIELD_FOR_INSERT_UPDATE.
 * - User mode: missing object permission → SecurityException `DML operation INSERT not allowed on Case`;
 *   fields without FLS edit → per-row INVALID_FIELD_FOR_INSERT_UPDATE errors and, for the statement, the
 *   DmlException `Operation failed due to fields being inaccessible on Sobject Case, check errors on Exception
 *   or Result!` (both texts: org output quoted in public repositories and blogs; community knowledge).
 *   A field counts when it was set in Apex: on a queried record, when its value differs from the stored one.
 * - An empty text value is saved as null (`Name = ''` is REQUIRED_FIELD_MISSING); number fields are saved with
 *   their declared scale (rounded half up); only values that change the stored row are validated.
 * - Triggers (`runTriggers`): before triggers get the records to save (insert: the caller's fields plus the
 *   defaults; update: the stored row with the caller's fields over it) and their changes are saved but not
 *   copied back into the caller's records; after triggers get copies of the saved rows with their Ids.
 * - Delete moves rows to the recycle bin; detail rows (required parent reference) and Contacts/Opportunities of
 *   an Account go with it (undelete brings them back); custom lookups and Account.ParentId are cleared.
 * - merge has its own entry point, `merge()`.
 * - Unsupported: foreign keys by external id (`new Contact(Account = new Account(Ext__c = 'x'))`),
 *   activating an Order without OrderItems (the platform's message is not documented), an OrderItem on an
 *   Order without a price book, DML on objects the schema marks not createable/updateable/deletable in system
 *   mode, deleting a record that a standard lookup of another object references (per-object rules unknown),
 *   duplicate User usernames/nicknames, addError in an after trigger with allOrNone=false, null list elements.
 */
import {
    ApexBlob,
    ApexDate,
    ApexDatetime,
    ApexDouble,
    ApexId,
    ApexSystemError,
    ApexTime,
    Decimal,
    SObjectValue,
    UnsupportedError,
    type ApexValue
} from '../values/model';
import { normalizeId } from '../values/ids';
import { compare, decimalToString, parseDecimal, setScale } from '../values/decimal';
import { toDecimal } from '../values/numbers';
import { COUNTRIES, STATES } from '../schema/addressPicklists';
import type { FieldDescribe, Schema, SObjectDescribe } from '../schema/types';
import type { RecordStore, Row } from './store';
import type { Transaction } from './transaction';
import type { RunningUser, SecurityModel } from './security';
import type { SharingModel, SharingMode } from './sharing';

export type DmlOp = 'insert' | 'update' | 'upsert' | 'delete' | 'undelete' | 'merge';

export interface DmlError {
    /** A `StatusCode` enum name. */
    statusCode: string;
    message: string;
    fields: string[];
}

export interface DmlResult {
    success: boolean;
    id?: string;
    /** Upsert: true when the record was inserted. */
    created?: boolean;
    errors: DmlError[];
}

export type DmlRecordResult = DmlResult;

/**
 * The native detail of a DmlException: one entry per failing row (getNumDml, getDmlIndex, getDmlId...), with
 * the row's first error flattened (getDmlStatusCode, getDmlMessage, getDmlFieldNames) and all its errors.
 */
export interface DmlRowError extends DmlError {
    index: number;
    id?: string;
    sobjectType: string;
    errors: DmlError[];
}

export type TriggerEvent = 'insert' | 'update' | 'delete' | 'undelete';

export interface TriggerCall {
    phase: 'before' | 'after';
    event: TriggerEvent;
    /** Canonical SObject name. */
    sobject: string;
    /** Trigger.new: the caller's records in before insert/update; copies of the saved rows in after triggers. */
    newRecords: SObjectValue[] | null;
    /** Trigger.old: copies of the stored rows (update, delete). */
    oldRecords: SObjectValue[] | null;
    /** `record.addError(message)` / `field.addError(message)`: FIELD_CUSTOM_VALIDATION_EXCEPTION on that row. */
    addError(index: number, message: string, field?: string): void;
}

export interface DmlOptions {
    allOrNone: boolean;
    mode: 'user' | 'system';
    /** Upsert: the external id field (API name); absent = match on Id. */
    externalIdField?: string;
    /** `Database.DMLOptions.allowFieldTruncation`: too-long text is cut to the field length instead of failing. */
    allowFieldTruncation?: boolean;
    user: RunningUser;
    schema: Schema;
    store: RecordStore;
    tx: Transaction;
    now(): number;
    /** Needed in user mode (object and field permissions). */
    security?: SecurityModel;
    /** Record access for update/delete/undelete: user mode always applies sharing; system mode per `mode`. */
    sharing?: { model: SharingModel; mode: SharingMode };
    /** Triggers and record-triggered flows; runs once per SObject type and phase. */
    runTriggers?(call: TriggerCall): void;
}

const OP_LABEL: Record<DmlOp, string> = {
    insert: 'Insert',
    update: 'Update',
    upsert: 'Upsert',
    delete: 'Delete',
    undelete: 'Undelete',
    merge: 'Merge'
};

const FLS_STATUS = 'INVALID_FIELD_FOR_INSERT_UPDATE';
const AUDIT_FIELDS = ['createdbyid', 'createddate', 'lastmodifiedbyid', 'lastmodifieddate', 'systemmodstamp'];

/** One record on its way through a statement. */
interface Work {
    index: number;
    record: SObjectValue;
    d: SObjectDescribe;
    /** insert or update, after upsert matching. */
    action: 'insert' | 'update' | 'delete' | 'undelete';
    id?: string;
    old?: Row;
    /**
     * What gets saved (insert/update): a copy of the caller's record with the insert defaults, or the stored row
     * overlaid with the caller's fields. Before triggers see and change it; the caller's record is not changed.
     */
    source?: SObjectValue;
    row?: Row;
    errors: DmlError[];
    /** Fields failing FLS (user mode). */
    flsFields: string[];
    /** Cut too-long text instead of STRING_TOO_LONG (DMLOptions.allowFieldTruncation). */
    truncate?: boolean;
}

/** Runs one DML statement. Returns one result per record; throws for allOrNone failures. */
export function dml(op: DmlOp, records: SObjectValue[], o: DmlOptions): DmlResult[] {
    if (op === 'merge') throw new UnsupportedError('merge through dml() (use merge())');
    if (records.length === 0) return [];
    if (records.some((r) => r === null || r === undefined))
        throw new UnsupportedError(`${op} of a null record`);
    o.tx.countStatement();
    o.tx.countRows(records.length);
    o.tx.noteWork();

    const works = records.map((record, index): Work => {
        const d = o.schema.sobject(record.sobjectType);
        if (!d) throw new UnsupportedError(`SObject ${record.sobjectType}`);
        return {
            index,
            record,
            d,
            action: op === 'upsert' ? 'insert' : (op as Work['action']),
            errors: [],
            flsFields: [],
            truncate: o.allowFieldTruncation === true
        };
    });
    checkObjects(op, works, o);

    const position = o.store.mark();
    try {
        if (op === 'upsert') matchUpsert(works, o);
        const byAction = (a: Work['action']) => works.filter((w) => w.action === a && w.errors.length === 0);
        switch (op) {
            case 'insert':
            case 'update':
            case 'upsert':
                prepareUpdates(byAction('update'), o);
                for (const w of byAction('insert')) w.source = insertSource(w, o);
                for (const w of byAction('update')) w.source = updateSource(w);
                runPhase('before', 'insert', byAction('insert'), o);
                runPhase('before', 'update', byAction('update'), o);
                saveAll(works, o);
                break;
            case 'delete':
                prepareDeletes(works, o);
                runPhase('before', 'delete', byAction('delete'), o);
                deleteAll(works, o);
                break;
            case 'undelete':
                prepareUndeletes(works, o);
                runPhase('before', 'undelete', byAction('undelete'), o);
                undeleteAll(works, o);
                break;
        }
        const failedBeforeAfter = works.filter((w) => w.errors.length > 0).length;
        if (!(o.allOrNone && failedBeforeAfter > 0)) {
            for (const a of ['insert', 'update', 'delete', 'undelete'] as const)
                runPhase('after', a, byAction(a), o);
            const failedAfter = works.filter((w) => w.errors.length > 0).length;
            if (!o.allOrNone && failedAfter !== failedBeforeAfter) {
                throw new UnsupportedError('addError in an after trigger with allOrNone=false');
            }
        }
        const failed = works.filter((w) => w.errors.length > 0);
        if (o.allOrNone && failed.length > 0) throw dmlException(op, failed);
    } catch (e) {
        o.store.undoTo(position);
        throw e;
    } finally {
        o.store.release();
    }

    return works.map((w) => {
        if (w.errors.length > 0)
            return { success: false, errors: w.errors, ...(op === 'upsert' ? { created: false } : {}) };
        if (w.action === 'insert' || op === 'upsert') w.record.fields.set('id', new ApexId(w.id as string));
        return {
            success: true,
            id: w.id,
            errors: [],
            ...(op === 'upsert' ? { created: w.action === 'insert' } : {})
        };
    });
}

/** `DmlException` for the failing rows of an all-or-none statement. */
function dmlException(op: DmlOp, failed: Work[]): ApexSystemError {
    const detail: DmlRowError[] = failed.map((w) => ({
        index: w.index,
        ...(recordId(w) ? { id: recordId(w) } : {}),
        sobjectType: w.d.name,
        ...w.errors[0],
        errors: w.errors
    }));
    const first = failed[0];
    if (first.flsFields.length > 0 && first.errors[0].statusCode === FLS_STATUS) {
        return new ApexSystemError(
            'DmlException',
            `Operation failed due to fields being inaccessible on Sobject ${first.d.name}, check errors on Exception or Result!`,
            detail
        );
    }
    const e = first.errors[0];
    const id = recordId(first);
    return new ApexSystemError(
        'DmlException',
        `${OP_LABEL[op]} failed. First exception on row ${first.index}${id ? ` with id ${id}` : ''}; ` +
            `first error: ${e.statusCode}, ${e.message}: [${e.fields.join(', ')}]`,
        detail
    );
}

/** The Id the record carries (the platform names it in the exception), if any. */
function recordId(w: Work): string | undefined {
    const v = w.record.fields.get('id');
    if (v instanceof ApexId) return v.value;
    return typeof v === 'string' ? (normalizeId(v) ?? v) : undefined;
}

function fail(w: Work, statusCode: string, message: string, fields: string[] = []): void {
    w.errors.push({ statusCode, message, fields });
}

// ---------------------------------------------------------------------------------------------------------
// Statement-level checks

function checkObjects(op: DmlOp, works: Work[], o: DmlOptions): void {
    const seen = new Map<string, SObjectDescribe>();
    for (const w of works) seen.set(w.d.name, w.d);
    for (const d of seen.values()) {
        if (d.customMetadata) {
            // The compiler refuses this statically; dynamic SObject DML fails at run time (community knowledge).
            throw new ApexSystemError(
                'TypeException',
                `DML operation ${op.toUpperCase()} not allowed on ${d.name}`
            );
        }
        if (o.mode === 'user') {
            const sec = requireSecurity(o);
            const allowed =
                op === 'insert'
                    ? sec.canCreate(o.user, d.name)
                    : op === 'update'
                      ? sec.canEdit(o.user, d.name)
                      : op === 'upsert'
                        ? sec.canCreate(o.user, d.name) && sec.canEdit(o.user, d.name)
                        : sec.canDelete(o.user, d.name);
            if (!allowed) {
                // A user who cannot even read the object is refused the entity (apex-recipes' AccountServiceLayer
                // tests assert this text from an org run); one who can read it, the operation.
                throw new ApexSystemError(
                    'SecurityException',
                    sec.canReadObject(o.user, d.name)
                        ? `DML operation ${op.toUpperCase()} not allowed on ${d.name}`
                        : `Access to entity '${d.name}' denied`
                );
            }
        } else {
            const allowed =
                op === 'insert'
                    ? d.createable
                    : op === 'update'
                      ? d.updateable
                      : op === 'upsert'
                        ? d.createable
                        : d.deletable;
            if (!allowed)
                throw new UnsupportedError(
                    `${op} on ${d.name} (not ${op === 'delete' || op === 'undelete' ? 'deletable' : 'writable'} by DML)`
                );
        }
        const mixed = o.tx.checkMixedDml(d, op, d.name !== 'User' || userDmlIsSetup(op, works, o));
        if (mixed) {
            for (const w of works) if (w.d === d) fail(w, 'MIXED_DML_OPERATION', mixed);
        }
    }
}

/** Fields whose change makes a User update setup DML ([MIX], API 15.0+). */
const USER_SETUP_FIELDS = [
    'userroleid',
    'isactive',
    'forecastenabled',
    'isportalenabled',
    'username',
    'profileid'
];

function userDmlIsSetup(op: DmlOp, works: Work[], o: DmlOptions): boolean {
    return works.some((w) => {
        if (w.d.name !== 'User') return false;
        const id = recordId(w);
        const old = id ? o.store.get('User', id) : undefined;
        if (op === 'insert' || (op === 'upsert' && !old))
            return (w.record.fields.get('userroleid') ?? null) !== null;
        if ((op === 'update' || op === 'upsert') && old) {
            return USER_SETUP_FIELDS.some(
                (k) =>
                    w.record.fields.has(k) &&
                    !sameValue(normalizedId(w.record.fields.get(k) ?? null), old.get(k) ?? null)
            );
        }
        return true;
    });
}

/** An Id given as text compares as the stored ApexId. */
function normalizedId(v: ApexValue): ApexValue {
    const id = typeof v === 'string' ? normalizeId(v) : undefined;
    return id ? new ApexId(id) : v;
}

function requireSecurity(o: DmlOptions): SecurityModel {
    if (!o.security) throw new UnsupportedError('user-mode DML without a security model');
    return o.security;
}

/** Sharing applies in user mode always, in system mode per the class's sharing keyword. */
function sharingMode(o: DmlOptions): SharingMode {
    if (o.mode === 'user') return 'with';
    return o.sharing?.mode ?? 'without';
}

/** Deleting needs full access: the owner, or Modify All (Record Access: read/write sharing is not enough). */
function canDeleteRecord(o: DmlOptions, d: SObjectDescribe, row: Row): boolean {
    const mode = sharingMode(o);
    if (mode === 'without') return true;
    if (!o.sharing) throw new UnsupportedError('DML with sharing without a sharing model');
    return o.sharing.model.isDeletable(o.user, d.name, row, mode);
}

function canEditRecord(o: DmlOptions, d: SObjectDescribe, row: Row): boolean {
    const mode = sharingMode(o);
    if (mode === 'without') return true;
    if (!o.sharing) throw new UnsupportedError('DML with sharing without a sharing model');
    return o.sharing.model.isEditable(o.user, d.name, row, mode);
}

// ---------------------------------------------------------------------------------------------------------
// Upsert

function matchUpsert(works: Work[], o: DmlOptions): void {
    const seenKeys = new Map<string, Work[]>();
    for (const w of works) {
        if (w.errors.length > 0) continue;
        if (!o.externalIdField || o.externalIdField.toLowerCase() === 'id') {
            const id = recordId(w);
            w.action = id ? 'update' : 'insert';
            continue;
        }
        const f = w.d.fields.get(o.externalIdField.toLowerCase());
        if (!f || !(f.externalId || f.name === 'Id')) {
            throw new UnsupportedError(
                `upsert on ${w.d.name}.${o.externalIdField}: not an external id field`
            );
        }
        const raw = w.record.fields.get(f.name.toLowerCase()) ?? null;
        if (raw === null) {
            fail(w, 'MISSING_ARGUMENT', `${f.name} not specified`);
            continue;
        }
        const key = uniqueKey(raw, f);
        const group = seenKeys.get(key) ?? [];
        group.push(w);
        seenKeys.set(key, group);
        const matches = [...o.store.rows(w.d.name)].filter(([, row]) => {
            const v = row.get(f.name.toLowerCase());
            return v !== null && v !== undefined && uniqueKey(v, f) === key;
        });
        if (matches.length > 1) {
            fail(
                w,
                'DUPLICATE_EXTERNAL_ID',
                `${f.label}: more than one record found for external id field: [${matches.map(([id]) => id).join(', ')}]`
            );
        } else if (matches.length === 1) {
            w.action = 'update';
            w.id = matches[0][0];
        } else {
            w.action = 'insert';
        }
    }
    for (const [, group] of seenKeys) {
        if (group.length < 2) continue;
        const f = group[0].d.fields.get((o.externalIdField as string).toLowerCase()) as FieldDescribe;
        const shown = group[0].record.fields.get(f.name.toLowerCase());
        for (const w of group) {
            w.errors.length = 0;
            fail(
                w,
                'DUPLICATE_EXTERNAL_ID',
                `Duplicate external id specified: ${displayValue(shown ?? null)}`,
                [f.name]
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// Insert / update

/**
 * The Id a record of an update or delete names: missing → MISSING_ARGUMENT, another object's → MALFORMED_ID (both
 * fail the row); the same Id twice in one statement → ListException.
 */
function targetId(w: Work, raw: ApexValue | undefined, call: string, seen: Set<string>): string | undefined {
    if (raw === null || raw === undefined) {
        fail(w, 'MISSING_ARGUMENT', `Id not specified in ${call} call`);
        return undefined;
    }
    const id = idOf(raw);
    if (!id || id.slice(0, 3) !== w.d.keyPrefix) {
        fail(w, 'MALFORMED_ID', `${w.d.label} ID: id value of incorrect type: ${displayValue(raw)}`, ['Id']);
        return undefined;
    }
    if (seen.has(id)) throw new ApexSystemError('ListException', `Duplicate id in list: ${id}`);
    seen.add(id);
    return id;
}

/** Update: the record's Id must name a live record of the right object, editable under sharing. */
function prepareUpdates(works: Work[], o: DmlOptions): void {
    const seen = new Set<string>();
    for (const w of works) {
        const id = targetId(w, w.id ? new ApexId(w.id) : w.record.fields.get('id'), 'an update', seen);
        if (!id) continue;
        const old = o.store.get(w.d.name, id);
        if (!old) {
            if (o.store.getDeleted(w.d.name, id)) fail(w, 'ENTITY_IS_DELETED', 'entity is deleted');
            else fail(w, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
            continue;
        }
        if (!canEditRecord(o, w.d, old)) {
            fail(w, 'INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id');
            continue;
        }
        w.id = id;
        w.old = old;
    }
}

/** Validates and writes every insert/update row that has no error yet. */
function saveAll(works: Work[], o: DmlOptions): void {
    const batchKeys = new Map<string, Work>();
    for (const w of works) {
        if (w.errors.length > 0) continue;
        if (w.action === 'insert') buildInsert(w, o);
        else buildUpdate(w, o);
        if (w.errors.length > 0) continue;
        checkUnique(w, o, batchKeys);
        if (w.errors.length > 0) continue;
        checkPlatformRules(w, o);
        if (w.errors.length > 0) continue;
        if (w.action === 'insert') w.id = o.store.newId(o.schema, w.d.name);
        const row = w.row as Row;
        row.set('id', new ApexId(w.id as string));
        o.store.put(w.d.name, w.id as string, row);
    }
}

/** The record a before-insert trigger sees: the caller's fields plus the defaults (OwnerId, checkboxes...). */
function insertSource(w: Work, o: DmlOptions): SObjectValue {
    const src = new SObjectValue(w.d.name, new Map(w.record.fields));
    if (w.d.fields.has('ownerid') && (src.fields.get('ownerid') ?? null) === null) {
        src.fields.set('ownerid', new ApexId(o.user.id));
    }
    for (const [key, f] of w.d.fields) {
        if (f.calculated || !f.createable || (src.fields.get(key) ?? null) !== null) continue;
        const def = defaultOf(f);
        if (def !== null) src.fields.set(key, def);
    }
    return src;
}

/** The record a before-update trigger sees: the stored row with the caller's fields over it. */
function updateSource(w: Work): SObjectValue {
    const src = toSObject(w.d.name, w.old as Row, w.id);
    for (const [key, value] of w.record.fields) if (key !== 'id') src.fields.set(key, value);
    return src;
}

function buildInsert(w: Work, o: DmlOptions): void {
    if (recordId(w)) {
        fail(w, 'INVALID_FIELD_FOR_INSERT_UPDATE', 'cannot specify Id in an insert call', ['Id']);
        return;
    }
    const row: Row = new Map();
    copyFields(w, o, row);
    if (w.errors.length === 0) resolveAddresses(w, row);
    if (w.errors.length > 0) return;
    const now = new ApexDatetime(o.now());
    const userId = new ApexId(o.user.id);
    const set = (field: string, value: ApexValue) => {
        if (w.d.fields.has(field)) row.set(field, value);
    };
    set('createdbyid', userId);
    set('lastmodifiedbyid', userId);
    set('createddate', now);
    set('lastmodifieddate', now);
    set('systemmodstamp', now);
    set('isdeleted', false);
    const missing = [...w.d.fields.values()].filter(
        (f) =>
            !f.nillable &&
            f.createable &&
            !f.defaultedOnCreate &&
            !f.calculated &&
            f.type !== 'boolean' &&
            (row.get(f.name.toLowerCase()) ?? null) === null
    );
    if (missing.length > 0) requiredMissing(w, missing);
    reportFls(w);
    w.row = row;
}

function buildUpdate(w: Work, o: DmlOptions): void {
    const row: Row = new Map(w.old);
    copyFields(w, o, row);
    if (w.errors.length === 0) resolveAddresses(w, row);
    if (w.errors.length > 0) return;
    // Required fields the statement (caller or trigger) emptied; rows seeded without them are not re-checked.
    const missing = [...w.d.fields.values()].filter((f) => {
        const key = f.name.toLowerCase();
        if (f.nillable || !f.updateable || f.calculated || f.type === 'boolean') return false;
        const now = row.get(key) ?? null;
        return now === null && (w.record.fields.has(key) || !sameValue(now, w.old?.get(key) ?? null));
    });
    if (missing.length > 0) requiredMissing(w, missing);
    reportFls(w);
    row.set('lastmodifiedbyid', new ApexId(o.user.id));
    const now = new ApexDatetime(o.now());
    for (const k of ['lastmodifieddate', 'systemmodstamp']) if (w.d.fields.has(k)) row.set(k, now);
    w.row = row;
}

function requiredMissing(w: Work, fields: FieldDescribe[]): void {
    const names = fields.map((f) => f.name);
    w.errors.unshift({
        statusCode: 'REQUIRED_FIELD_MISSING',
        message: `Required fields are missing: [${names.join(', ')}]`,
        fields: names
    });
}

function reportFls(w: Work): void {
    if (w.flsFields.length === 0) return;
    fail(
        w,
        FLS_STATUS,
        `Unable to create/update fields: ${w.flsFields.join(', ')}. Please check the security settings of this field ` +
            'and verify that it is read/write for your profile or permission set.',
        w.flsFields
    );
}

/**
 * Converts and validates the values to save into `row`. Only values that change the stored row are validated
 * (an unchanged inactive picklist value or a seeded row's gaps are not re-checked); field-level security applies
 * to the fields the caller set.
 */
function copyFields(w: Work, o: DmlOptions, row: Row): void {
    const isInsert = w.action === 'insert';
    for (const [key, value] of (w.source ?? w.record).fields) {
        if (key === 'id') continue;
        const f = w.d.fields.get(key);
        if (!f) {
            checkRelationshipValue(w, key, value);
            continue;
        }
        if (f.calculated || AUDIT_FIELDS.includes(key) || key === 'isdeleted') continue;
        const writable = isInsert ? f.createable : f.updateable;
        const callerSet = o.mode === 'user' && w.record.fields.has(key);
        if (!isInsert && sameValue(value, w.old?.get(key) ?? null)) {
            if (writable && callerSet && isDirty(w, key, value)) checkFls(w, o, f);
            continue;
        }
        const converted = convert(w, f, value);
        if (converted === undefined) continue;
        if (!writable) {
            if (!isInsert && !sameValue(converted, w.old?.get(key) ?? null)) {
                fail(
                    w,
                    'INVALID_FIELD_FOR_INSERT_UPDATE',
                    `Unable to create/update fields: ${f.name}. Please check the security settings of this field and ` +
                        'verify that it is read/write for your profile or permission set.',
                    [f.name]
                );
            }
            continue;
        }
        if (callerSet && isDirty(w, key, converted)) checkFls(w, o, f);
        // The default owner is the running user, who exists; anything else set on the record is checked.
        const defaultOwner = key === 'ownerid' && !w.record.fields.has(key);
        if (f.type === 'reference' && converted !== null && !defaultOwner)
            checkReference(w, f, converted as ApexId, o);
        row.set(key, converted);
    }
}

function checkFls(w: Work, o: DmlOptions, f: FieldDescribe): void {
    const sec = requireSecurity(o);
    const ok =
        w.action === 'insert'
            ? sec.canCreateField(o.user, w.d.name, f.name)
            : sec.canEditField(o.user, w.d.name, f.name);
    if (!ok) w.flsFields.push(f.name);
}

/** Without dirty-field tracking: a queried field is "set" when its value differs from the stored one. */
function isDirty(w: Work, key: string, value: ApexValue): boolean {
    if (w.record.queried === null || !w.record.queried.has(key)) return true;
    return !sameValue(value, w.old?.get(key) ?? null);
}

/** Parent relationships and child lists ride along on queried records; DML ignores them. */
function checkRelationshipValue(w: Work, key: string, value: ApexValue): void {
    const isParent = [...w.d.fields.values()].some((f) => f.relationshipName?.toLowerCase() === key);
    const isChild = w.d.childRelationships.some((c) => c.relationshipName?.toLowerCase() === key);
    if (!isParent && !isChild) throw new UnsupportedError(`field ${w.d.name}.${key}`);
    if (isParent && value !== null && w.record.queried === null && w.record.fields.get(key) === value) {
        throw new UnsupportedError(`DML with a parent reference by external id (${w.d.name}.${key})`);
    }
}

/** The stored form of a value for field `f`; undefined after recording an error. */
function convert(w: Work, f: FieldDescribe, value: ApexValue): ApexValue | undefined {
    // The platform saves an empty text value as null (so `Name = ''` is a missing required field).
    if (value === null || (value === '' && f.type !== 'boolean')) return f.type === 'boolean' ? false : null;
    switch (f.type) {
        case 'id':
        case 'reference': {
            const id = idOf(value);
            if (!id) {
                fail(w, 'MALFORMED_ID', `${f.label}: id value of incorrect type: ${displayValue(value)}`, [
                    f.name
                ]);
                return undefined;
            }
            return new ApexId(id);
        }
        case 'string':
        case 'textarea':
        case 'email':
        case 'phone':
        case 'url':
        case 'encryptedstring':
        case 'combobox':
        case 'picklist':
        case 'multipicklist': {
            if (typeof value !== 'string') throw new UnsupportedError(`a non-String value in ${f.name}`);
            if (f.length !== undefined && f.length > 0 && value.length > f.length) {
                if (w.truncate) return value.slice(0, f.length);
                fail(
                    w,
                    'STRING_TOO_LONG',
                    `${f.label}: data value too large: ${value} (max length=${f.length})`,
                    [f.name]
                );
                return undefined;
            }
            if ((f.type === 'picklist' || f.type === 'multipicklist') && f.restrictedPicklist) {
                const allowed = new Set((f.picklistValues ?? []).filter((p) => p.active).map((p) => p.value));
                const values = f.type === 'multipicklist' ? value.split(';') : [value];
                const bad = values.find((v) => !allowed.has(v));
                if (bad !== undefined) {
                    fail(
                        w,
                        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                        `${f.label}: bad value for restricted picklist field: ${bad}`,
                        [f.name]
                    );
                    return undefined;
                }
            }
            return value;
        }
        case 'boolean':
            if (typeof value !== 'boolean') throw new UnsupportedError(`a non-Boolean value in ${f.name}`);
            return value;
        case 'int':
            if (typeof value === 'number') return value;
            throw new UnsupportedError(`a non-Integer value in ${f.name}`);
        case 'double':
        case 'currency':
        case 'percent': {
            if (!(
                typeof value === 'number' ||
                typeof value === 'bigint' ||
                value instanceof ApexDouble ||
                value instanceof Decimal
            )) {
                throw new UnsupportedError(`a non-numeric value in ${f.name}`);
            }
            const d = toDecimal(value);
            // Number fields hold their declared decimal places (rounded half up on save).
            return f.scale !== undefined ? setScale(d, f.scale, 'HALF_UP') : d;
        }
        case 'date':
            if (value instanceof ApexDate) return value;
            throw new UnsupportedError(`a non-Date value in ${f.name}`);
        case 'datetime':
            if (value instanceof ApexDatetime) return value;
            throw new UnsupportedError(`a non-Datetime value in ${f.name}`);
        case 'time':
            if (value instanceof ApexTime) return value;
            throw new UnsupportedError(`a non-Time value in ${f.name}`);
        case 'base64':
            if (value instanceof ApexBlob) return value;
            throw new UnsupportedError(`a non-Blob value in ${f.name}`);
        default:
            throw new UnsupportedError(`DML on a ${f.type} field (${f.name})`);
    }
}

/**
 * State and country/territory picklists (the org has them: the schema has `...CountryCode` fields): the text and
 * code fields of an address are kept in step, and a text value must name a listed country or state. The error
 * texts are org output quoted publicly ("FIELD_INTEGRITY_EXCEPTION, There's a problem with this state, even
 * though it may appear correct. Please select a state from the list of valid states.: Billing State/Province:
 * [BillingState]"). States of countries without a state list in schema/addressPicklists.ts, a state without a
 * country and names that match only case-insensitively are Unsupported.
 */
const ADDRESS_PREFIXES = ['billing', 'shipping', 'mailing', 'other', ''];

function resolveAddresses(w: Work, row: Row): void {
    for (const p of ADDRESS_PREFIXES) {
        const keys = {
            country: `${p}country`,
            countryCode: `${p}countrycode`,
            state: `${p}state`,
            stateCode: `${p}statecode`
        };
        if (!w.d.fields.has(keys.countryCode) || !w.d.fields.has(keys.country)) continue;
        const changed = Object.values(keys).some(
            (k) => !sameValue(row.get(k) ?? null, w.old?.get(k) ?? null)
        );
        if (!changed) continue;
        const text = (k: string) => {
            const v = row.get(k) ?? null;
            return typeof v === 'string' ? v : null;
        };
        const country = pickOption(w, COUNTRIES, keys.countryCode, keys.country, row, [
            'country',
            'country/territory',
            'countries'
        ]);
        if (country === undefined) return;
        row.set(keys.countryCode, country?.code ?? null);
        row.set(keys.country, country?.name ?? null);
        if (!w.d.fields.has(keys.stateCode) || !w.d.fields.has(keys.state)) continue;
        if (text(keys.stateCode) === null && text(keys.state) === null) continue;
        if (!country) throw new UnsupportedError(`a state without a country (${w.d.name}.${keys.state})`);
        const states = STATES.get(country.code);
        if (!states) throw new UnsupportedError(`states of country ${country.code}`);
        const state = pickOption(w, states, keys.stateCode, keys.state, row, ['state', 'state', 'states']);
        if (state === undefined) return;
        row.set(keys.stateCode, state?.code ?? null);
        row.set(keys.state, state?.name ?? null);
    }
}

/** The option named by a code and/or a text value; null when both are empty; undefined after an error. */
function pickOption(
    w: Work,
    options: readonly { code: string; name: string }[],
    codeField: string,
    textField: string,
    row: Row,
    [what, listItem, listName]: [string, string, string]
): { code: string; name: string } | null | undefined {
    const read = (k: string) => {
        const v = row.get(k) ?? null;
        return typeof v === 'string' ? v : null;
    };
    const code = read(codeField);
    const name = read(textField);
    if (code === null && name === null) return null;
    if (code !== null) {
        const byCode = options.find((o) => o.code === code);
        if (!byCode) {
            const f = w.d.fields.get(codeField) as FieldDescribe;
            fail(
                w,
                'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                `${f.label}: bad value for restricted picklist field: ${code}`,
                [f.name]
            );
            return undefined;
        }
        if (name === null || byCode.name === name) return byCode;
    } else {
        const byName = options.find((o) => o.name === name);
        if (byName) return byName;
    }
    if (name !== null && options.some((o) => o.name.toLowerCase() === name.toLowerCase())) {
        throw new UnsupportedError(
            `a ${what} name that matches only ignoring case or another code (${name})`
        );
    }
    const f = w.d.fields.get(textField) as FieldDescribe;
    fail(
        w,
        'FIELD_INTEGRITY_EXCEPTION',
        `There's a problem with this ${what}, even though it may appear correct. Please select a ${listItem} from ` +
            `the list of valid ${listName}.: ${f.label}`,
        [f.name]
    );
    return undefined;
}

/** A reference must name a live record of one of the field's target objects. */
function checkReference(w: Work, f: FieldDescribe, id: ApexId, o: DmlOptions): void {
    const target = o.schema.sobjectByKeyPrefix(id.value.slice(0, 3));
    // An empty target list is a polymorphic lookup the schema does not enumerate (Task.WhatId, Note.ParentId):
    // any live record will do.
    const polymorphic = f.referenceTo.length === 0;
    if (
        !target ||
        (!polymorphic && !f.referenceTo.some((r) => r.toLowerCase() === target.name.toLowerCase()))
    ) {
        fail(w, 'FIELD_INTEGRITY_EXCEPTION', `${f.label}: id value of incorrect type: ${id.value}`, [f.name]);
        return;
    }
    if (o.store.get(target.name, id.value)) return;
    if (o.store.getDeleted(target.name, id.value)) fail(w, 'ENTITY_IS_DELETED', 'entity is deleted');
    else fail(w, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
}

function defaultOf(f: FieldDescribe): ApexValue {
    if (f.type === 'boolean') return typeof f.defaultValue === 'boolean' ? f.defaultValue : false;
    if (f.type === 'picklist') {
        const entry = (f.picklistValues ?? []).find((p) => p.defaultValue && p.active);
        if (entry) return entry.value;
    }
    const def = f.defaultValue;
    if (def === undefined || def === null) return null;
    if (
        typeof def === 'string' &&
        ['string', 'textarea', 'picklist', 'email', 'phone', 'url'].includes(f.type)
    ) {
        return def;
    }
    if (typeof def === 'string' || typeof def === 'number') {
        const n = parseDecimal(String(def));
        if (n && f.type === 'int') return Number(String(def));
        if (n && ['double', 'currency', 'percent'].includes(f.type)) {
            return f.scale !== undefined ? setScale(n, f.scale, 'HALF_UP') : n;
        }
    }
    throw new UnsupportedError(`default value of ${f.name}`);
}

/** DUPLICATE_VALUE on unique fields, against stored rows and earlier rows of the same statement. */
function checkUnique(w: Work, o: DmlOptions, batchKeys: Map<string, Work>): void {
    const row = w.row as Row;
    for (const [key, f] of w.d.fields) {
        if (!f.unique) continue;
        const v = row.get(key) ?? null;
        if (v === null) continue;
        const k = uniqueKey(v, f);
        const batchKey = `${w.d.name.toLowerCase()}.${key}:${k}`;
        if (batchKeys.has(batchKey)) {
            fail(
                w,
                'DUPLICATE_VALUE',
                'duplicate value found: <unknown> duplicates value on record with id: <unknown>'
            );
            return;
        }
        for (const [otherId, other] of o.store.rows(w.d.name)) {
            if (otherId === w.id) continue;
            const ov = other.get(key) ?? null;
            if (ov !== null && uniqueKey(ov, f) === k) {
                // Usernames and nicknames have codes of their own (DUPLICATE_USERNAME...) whose texts we lack.
                if (w.d.name === 'User') throw new UnsupportedError(`a duplicate User.${f.name}`);
                fail(
                    w,
                    'DUPLICATE_VALUE',
                    `duplicate value found: ${f.name} duplicates value on record with id: ${otherId}`
                );
                return;
            }
        }
        batchKeys.set(batchKey, w);
    }
}

function uniqueKey(v: ApexValue, f: FieldDescribe): string {
    const text = displayValue(v);
    return f.caseSensitive ? text : text.toLowerCase();
}

// ---------------------------------------------------------------------------------------------------------
// Price books and orders (APEX-PLATFORM.md §5, SALESFORCE-PLATFORM.md §4)

function checkPlatformRules(w: Work, o: DmlOptions): void {
    const row = w.row as Row;
    switch (w.d.name) {
        case 'PricebookEntry':
            if (w.action === 'insert') checkPricebookEntry(w, row, o);
            break;
        case 'OrderItem':
            if (w.action === 'insert') checkOrderItem(w, row, o);
            break;
        case 'Order':
            checkOrderActivation(w, row, o);
            break;
    }
}

function checkPricebookEntry(w: Work, row: Row, o: DmlOptions): void {
    const bookId = idOf(row.get('pricebook2id') ?? null);
    const productId = idOf(row.get('product2id') ?? null);
    if (!bookId || !productId) return;
    const entries = [...o.store.rows('PricebookEntry')].map(([, r]) => r);
    const same = (e: Row, book: string) =>
        idOf(e.get('pricebook2id') ?? null) === book && idOf(e.get('product2id') ?? null) === productId;
    if (entries.some((e) => same(e, bookId))) {
        fail(w, 'DUPLICATE_VALUE', 'This price definition already exists in this price book');
        return;
    }
    const book = o.store.get('Pricebook2', bookId);
    if (book?.get('isstandard') === true) return;
    const standardId = o.store.standardPricebookId(o.schema, o.user.id, o.now());
    if (!entries.some((e) => same(e, standardId))) {
        fail(w, 'STANDARD_PRICE_NOT_DEFINED', 'No standard price defined for this product');
    }
}

function checkOrderItem(w: Work, row: Row, o: DmlOptions): void {
    const orderId = idOf(row.get('orderid') ?? null);
    const entryId = idOf(row.get('pricebookentryid') ?? null);
    if (!orderId || !entryId) return;
    const order = o.store.get('Order', orderId);
    const entry = o.store.get('PricebookEntry', entryId);
    if (!order || !entry) return;
    const orderBook = idOf(order.get('pricebook2id') ?? null);
    if (!orderBook) throw new UnsupportedError('an OrderItem on an Order without a price book');
    if (idOf(entry.get('pricebook2id') ?? null) !== orderBook) {
        fail(
            w,
            'FIELD_INTEGRITY_EXCEPTION',
            'Order Products must have a Price Book Entry that belongs to the Price Book related to the parent Order'
        );
        return;
    }
    // Derived from the price book entry.
    if (w.d.fields.has('product2id')) row.set('product2id', entry.get('product2id') ?? null);
    if (w.d.fields.has('listprice')) row.set('listprice', entry.get('unitprice') ?? null);
}

/** "Activated" is the only value of the Activated status category in the standard OrderStatus set. */
function checkOrderActivation(w: Work, row: Row, o: DmlOptions): void {
    if (row.get('status') !== 'Activated' || w.old?.get('status') === 'Activated') return;
    const hasItems = [...o.store.rows('OrderItem')]
        .map(([, r]) => r)
        .some((i) => idOf(i.get('orderid') ?? null) === w.id);
    if (!hasItems)
        throw new UnsupportedError('activating an Order without OrderItems (platform message undocumented)');
}

// ---------------------------------------------------------------------------------------------------------
// Delete / undelete

function prepareDeletes(works: Work[], o: DmlOptions): void {
    const seen = new Set<string>();
    for (const w of works) {
        if (w.errors.length > 0) continue;
        const id = targetId(w, w.record.fields.get('id'), 'a delete', seen);
        if (!id) continue;
        const old = o.store.get(w.d.name, id);
        if (!old) {
            fail(w, 'ENTITY_IS_DELETED', 'entity is deleted');
            continue;
        }
        if (!canDeleteRecord(o, w.d, old)) {
            fail(w, 'INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id');
            continue;
        }
        w.id = id;
        w.old = old;
    }
}

function deleteAll(works: Work[], o: DmlOptions): void {
    for (const w of works) {
        if (w.errors.length > 0 || !w.old) continue;
        deleteRow(w.d, w.id as string, w.old, o);
    }
}

/**
 * What deleting a parent does to a child row that references it: detail rows (a required reference) and the
 * documented standard cascades go to the recycle bin with it; custom lookups and Account.ParentId are cleared.
 * Other standard lookups have per-object rules the runtime does not know: Unsupported when such a row exists.
 * Salesforce Help, "Delete Accounts": an account goes to the Recycle Bin with its contacts, opportunities and
 * activities, and comes back with them.
 */
const CASCADE = new Set([
    'account>contact.accountid',
    'account>opportunity.accountid',
    'account>task.whatid',
    'account>event.whatid'
]);
const CLEAR = new Set(['account.parentid']);

function deleteRow(d: SObjectDescribe, id: string, old: Row, o: DmlOptions): void {
    o.store.moveToBin(d.name, id, binRow(old, d));
    const cascaded: { sobject: string; id: string }[] = [];
    for (const rel of d.childRelationships) {
        const child = o.schema.sobject(rel.childSObject);
        const f = child?.fields.get(rel.field.toLowerCase());
        if (!child || !f) continue;
        const key = `${child.name}.${f.name}`.toLowerCase();
        for (const [childId, childRow] of [...o.store.rows(child.name)]) {
            if (idOf(childRow.get(f.name.toLowerCase()) ?? null) !== id) continue;
            if (!f.nillable || CASCADE.has(`${d.name.toLowerCase()}>${key}`)) {
                deleteRow(child, childId, childRow, o);
                cascaded.push({ sobject: child.name, id: childId });
            } else if (f.custom || CLEAR.has(key)) {
                o.store.put(child.name, childId, new Map(childRow).set(f.name.toLowerCase(), null));
            } else {
                throw new UnsupportedError(`delete of a ${d.name} referenced by ${child.name}.${f.name}`);
            }
        }
    }
    if (cascaded.length > 0) o.store.cascades.set(id, cascaded);
}

/** A copy of a row as the recycle bin holds it. */
function binRow(row: Row, d: SObjectDescribe): Row {
    const copy = new Map(row);
    if (d.fields.has('isdeleted')) copy.set('isdeleted', true);
    return copy;
}

function prepareUndeletes(works: Work[], o: DmlOptions): void {
    for (const w of works) {
        if (w.errors.length > 0) continue;
        const id = idOf(w.record.fields.get('id') ?? null);
        if (!id) {
            fail(w, 'MISSING_ARGUMENT', 'Id not specified in an undelete call');
            continue;
        }
        const old = o.store.getDeleted(w.d.name, id);
        if (!old) {
            fail(w, 'UNDELETE_FAILED', 'Entity is not in the recycle bin');
            continue;
        }
        w.id = id;
        w.old = old;
    }
}

function undeleteAll(works: Work[], o: DmlOptions): void {
    for (const w of works) {
        if (w.errors.length > 0 || !w.old) continue;
        undeleteRow(w.d.name, w.id as string, w.old, o);
    }
}

function undeleteRow(sobject: string, id: string, row: Row, o: DmlOptions): void {
    const copy = new Map(row);
    if (copy.has('isdeleted')) copy.set('isdeleted', false);
    o.store.restoreFromBin(sobject, id, copy);
    for (const c of o.store.cascades.get(id) ?? []) {
        const childRow = o.store.getDeleted(c.sobject, c.id);
        if (childRow) undeleteRow(c.sobject, c.id, childRow, o);
    }
    o.store.cascades.delete(id);
}

// ---------------------------------------------------------------------------------------------------------
// Merge

export interface MergeResult extends DmlResult {
    mergedRecordIds: string[];
    updatedRelatedIds: string[];
}

/** Objects the platform merges ([DMLDB] Database.merge). */
const MERGEABLE = new Set(['Account', 'Contact', 'Lead', 'Case', 'Individual']);

/**
 * `merge master duplicates;` / `Database.merge(master, duplicates, allOrNone)`: one DML statement that updates
 * the master with the fields set on it, moves the duplicates' child records to the master and deletes the
 * duplicates (their `MasterRecordId` names the master). Triggers are not run for merges (Unsupported when a
 * hook is installed).
 */
export function merge(master: SObjectValue, duplicates: SObjectValue[], o: DmlOptions): MergeResult {
    const d = o.schema.sobject(master.sobjectType);
    if (!d || !MERGEABLE.has(d.name)) throw new UnsupportedError(`merge of ${master.sobjectType}`);
    if (duplicates.length < 1 || duplicates.length > 2)
        throw new UnsupportedError(`merge of ${duplicates.length} duplicates`);
    if (o.runTriggers) throw new UnsupportedError('triggers on merge');
    o.tx.countStatement();
    o.tx.countRows(1 + duplicates.length);
    o.tx.noteWork();
    const masterWork: Work = { index: 0, record: master, d, action: 'update', errors: [], flsFields: [] };
    const dupIds: string[] = [];
    for (const dup of duplicates) {
        const id = idOf(dup.fields.get('id') ?? null);
        if (dup.sobjectType !== d.name || !id)
            throw new UnsupportedError("merge of a duplicate without an Id of the master's object");
        if (!o.store.get(d.name, id)) fail(masterWork, 'ENTITY_IS_DELETED', 'entity is deleted');
        dupIds.push(id);
    }
    const position = o.store.mark();
    const updatedRelatedIds: string[] = [];
    try {
        prepareUpdates([masterWork], o);
        if (masterWork.errors.length === 0 && dupIds.includes(masterWork.id as string)) {
            throw new UnsupportedError('merge of a record with itself');
        }
        if (masterWork.errors.length === 0) saveAll([masterWork], o);
        if (masterWork.errors.length === 0) {
            const masterId = new ApexId(masterWork.id as string);
            for (const dupId of dupIds) {
                for (const rel of d.childRelationships) {
                    const child = o.schema.sobject(rel.childSObject);
                    const key = rel.field.toLowerCase();
                    if (!child?.fields.has(key)) continue;
                    for (const [childId, row] of [...o.store.rows(child.name)]) {
                        if (idOf(row.get(key) ?? null) !== dupId) continue;
                        o.store.put(child.name, childId, new Map(row).set(key, masterId));
                        updatedRelatedIds.push(childId);
                    }
                }
                const old = o.store.get(d.name, dupId) as Row;
                const gone = binRow(old, d);
                if (d.fields.has('masterrecordid')) gone.set('masterrecordid', masterId);
                o.store.moveToBin(d.name, dupId, gone);
            }
        }
        if (masterWork.errors.length > 0 && o.allOrNone) throw dmlException('merge', [masterWork]);
    } catch (e) {
        o.store.undoTo(position);
        throw e;
    } finally {
        o.store.release();
    }
    if (masterWork.errors.length > 0) {
        return { success: false, errors: masterWork.errors, mergedRecordIds: [], updatedRelatedIds: [] };
    }
    return { success: true, id: masterWork.id, errors: [], mergedRecordIds: dupIds, updatedRelatedIds };
}

// ---------------------------------------------------------------------------------------------------------
// Triggers

function runPhase(phase: 'before' | 'after', event: TriggerEvent, works: Work[], o: DmlOptions): void {
    if (!o.runTriggers || works.length === 0) return;
    const byType = new Map<string, Work[]>();
    for (const w of works) byType.set(w.d.name, [...(byType.get(w.d.name) ?? []), w]);
    for (const [sobject, group] of byType) {
        const newRecords =
            event === 'delete'
                ? null
                : phase === 'before' && event !== 'undelete'
                  ? group.map((w) => w.source as SObjectValue)
                  : group.map((w) => toSObject(sobject, w.row ?? (w.old as Row), w.id));
        const oldRecords =
            event === 'update' || event === 'delete'
                ? group.map((w) => toSObject(sobject, w.old as Row, w.id))
                : null;
        o.runTriggers({
            phase,
            event,
            sobject,
            newRecords,
            oldRecords,
            addError: (i, message, field) =>
                fail(group[i], 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message, field ? [field] : [])
        });
    }
}

/** A copy of a stored row as an SObject (every field readable). */
export function toSObject(sobject: string, row: Row, id?: string): SObjectValue {
    const r = new SObjectValue(sobject, new Map(row));
    if (id) r.fields.set('id', new ApexId(id));
    return r;
}

// ---------------------------------------------------------------------------------------------------------
// Values

function idOf(v: ApexValue | undefined): string | null {
    if (v instanceof ApexId) return v.value;
    if (typeof v === 'string') return normalizeId(v) ?? null;
    return null;
}

function sameValue(a: ApexValue, b: ApexValue): boolean {
    if (a === null || b === null) return a === b;
    if (a instanceof ApexId && b instanceof ApexId) return a.value === b.value;
    if (a instanceof Decimal || b instanceof Decimal) {
        return a instanceof Decimal && b instanceof Decimal && compare(a, b) === 0;
    }
    if (a instanceof ApexDate && b instanceof ApexDate)
        return a.year === b.year && a.month === b.month && a.day === b.day;
    if (a instanceof ApexDatetime && b instanceof ApexDatetime) return a.epochMs === b.epochMs;
    return a === b;
}

/** A value as the platform prints it in error messages. */
function displayValue(v: ApexValue): string {
    if (v === null) return 'null';
    if (v instanceof ApexId) return v.value;
    if (v instanceof Decimal) return decimalToString(v);
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint')
        return String(v);
    throw new UnsupportedError('a non-text value in a DML error message');
}
