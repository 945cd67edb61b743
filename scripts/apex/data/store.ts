/**
 * The record store shared by SOQL and DML: one table per SObject, rows keyed by 18-character Id. Values use the
 * runtime's value model (values/model.ts); a row holds fields only (no relationships): lower-cased field name →
 * value. SOQL builds SObjectValue copies from rows; DML validates SObjectValues and writes rows.
 *
 * Rows are immutable once stored: every write puts a new Map, so an undo log of previous rows (savepoints, the
 * all-or-none rollback of a failed statement) and whole-store snapshots (the @TestSetup state copied into each
 * test method) can share rows safely.
 */
import { ApexDatetime, ApexId, type ApexValue } from '../values/model';
import type { Schema } from '../schema/types';
import { UnsupportedError } from '../values/model';
import { idChecksum } from '../values/ids';

export type Row = Map<string, ApexValue>;

export interface Store {
    /** Lower-cased SObject name → (Id → row). Rows are never shared with Apex values: SOQL copies, DML copies. */
    tables: Map<string, Map<string, Row>>;
    /** Deleted rows (recycle bin) for `ALL ROWS` and undelete: lower-cased SObject name → (Id → row). */
    deleted: Map<string, Map<string, Row>>;
}

type Area = 'tables' | 'deleted' | 'hidden';

interface UndoEntry {
    area: Area;
    sobject: string;
    id: string;
    /** The row before the change; undefined when there was none. */
    previous: Row | undefined;
}

export interface StoreSnapshot {
    readonly tables: Map<string, Map<string, Row>>;
    readonly deleted: Map<string, Map<string, Row>>;
    readonly hidden: Map<string, Map<string, Row>>;
    readonly cascades: Map<string, { sobject: string; id: string }[]>;
    readonly counter: number;
}

export class RecordStore implements Store {
    tables = new Map<string, Map<string, Row>>();
    deleted = new Map<string, Map<string, Row>>();
    /**
     * Rows DML can reference and update but SOQL does not see: the standard price book, which a test reaches only
     * through `Test.getStandardPricebookId()` until it updates it (APEX-PLATFORM.md §13, [STDPB]).
     */
    hidden = new Map<string, Map<string, Row>>();
    /** Parent Id → the child rows deleted with it (undelete restores them together). */
    cascades = new Map<string, { sobject: string; id: string }[]>();
    private counter = 0;
    private log: UndoEntry[] = [];
    /** Open marks (savepoints and statements in progress): the log is kept only while one is open. */
    private openMarks = 0;

    /** A new 18-character Id: key prefix + a 12-digit counter (increasing, so Id order is insertion order). */
    newId(schema: Schema, sobject: string): string {
        const d = schema.sobject(sobject);
        if (!d) throw new UnsupportedError(`SObject ${sobject}`);
        if (!/^[a-zA-Z0-9]{3}$/.test(d.keyPrefix)) throw new UnsupportedError(`key prefix of ${d.name}`);
        this.counter++;
        const id15 = d.keyPrefix + String(this.counter).padStart(12, '0');
        return id15 + idChecksum(id15);
    }

    table(sobject: string): Map<string, Row> {
        return area(this.tables, sobject);
    }

    /** The live SOQL-visible rows of an object, without creating its table. */
    rows(sobject: string): Iterable<[string, Row]> {
        return this.tables.get(sobject.toLowerCase()) ?? [];
    }

    /** The live row (SOQL-visible or hidden) of a record, if any. */
    get(sobject: string, id: string): Row | undefined {
        const key = sobject.toLowerCase();
        return this.tables.get(key)?.get(id) ?? this.hidden.get(key)?.get(id);
    }

    getDeleted(sobject: string, id: string): Row | undefined {
        return this.deleted.get(sobject.toLowerCase())?.get(id);
    }

    isHidden(sobject: string, id: string): boolean {
        return this.hidden.get(sobject.toLowerCase())?.has(id) ?? false;
    }

    /** Writes a live row; a hidden row becomes visible to SOQL once written by DML. */
    put(sobject: string, id: string, row: Row): void {
        if (this.isHidden(sobject, id)) this.write('hidden', sobject, id, undefined);
        this.write('tables', sobject, id, row);
    }

    /** Stores a row that DML can reference but SOQL cannot see. */
    putHidden(sobject: string, id: string, row: Row): void {
        this.write('hidden', sobject, id, row);
    }

    /** Moves a live row to the recycle bin (with IsDeleted = true). */
    moveToBin(sobject: string, id: string, row: Row): void {
        this.write('tables', sobject, id, undefined);
        this.write('hidden', sobject, id, undefined);
        this.write('deleted', sobject, id, row);
    }

    /** Moves a row back from the recycle bin. */
    restoreFromBin(sobject: string, id: string, row: Row): void {
        this.write('deleted', sobject, id, undefined);
        this.write('tables', sobject, id, row);
    }

    /** Starts a stretch that may be undone (a savepoint or a DML statement); returns its position. */
    mark(): number {
        this.openMarks++;
        return this.log.length;
    }

    /** Ends a stretch without undoing it. */
    release(): void {
        this.openMarks = Math.max(0, this.openMarks - 1);
        if (this.openMarks === 0) this.log = [];
    }

    /** Undoes every write since `position` (the stretch stays open). */
    undoTo(position: number): void {
        while (this.log.length > position) {
            const e = this.log.pop() as UndoEntry;
            const t = area(this[e.area], e.sobject);
            if (e.previous === undefined) t.delete(e.id);
            else t.set(e.id, e.previous);
        }
    }

    /** A copy of the whole store (rows are shared: they are immutable). */
    snapshot(): StoreSnapshot {
        return {
            tables: copyAreas(this.tables),
            deleted: copyAreas(this.deleted),
            hidden: copyAreas(this.hidden),
            cascades: new Map([...this.cascades].map(([k, v]) => [k, [...v]])),
            counter: this.counter
        };
    }

    /** Replaces the store's content with a snapshot (which stays reusable). */
    restore(s: StoreSnapshot): void {
        this.tables = copyAreas(s.tables);
        this.deleted = copyAreas(s.deleted);
        this.hidden = copyAreas(s.hidden);
        this.cascades = new Map([...s.cascades].map(([k, v]) => [k, [...v]]));
        this.counter = s.counter;
        this.log = [];
        this.openMarks = 0;
    }

    /**
     * The org's standard price book (IsStandard = true), created once per store: `Test.getStandardPricebookId()`
     * returns its Id. It is hidden from SOQL until DML updates it, as in a test without SeeAllData.
     */
    standardPricebookId(schema: Schema, userId: string, now: number): string {
        for (const [id, row] of this.hidden.get('pricebook2') ?? [])
            if (row.get('isstandard') === true) return id;
        for (const [id, row] of this.tables.get('pricebook2') ?? [])
            if (row.get('isstandard') === true) return id;
        const id = this.newId(schema, 'Pricebook2');
        const at = new ApexDatetime(now);
        const row: Row = new Map<string, ApexValue>([
            ['id', new ApexId(id)],
            ['name', 'Standard Price Book'],
            ['isactive', true],
            ['isstandard', true],
            ['isarchived', false],
            ['isdeleted', false],
            ['createdbyid', new ApexId(userId)],
            ['lastmodifiedbyid', new ApexId(userId)],
            ['createddate', at],
            ['lastmodifieddate', at],
            ['systemmodstamp', at]
        ]);
        const d = schema.sobject('Pricebook2');
        if (!d) throw new UnsupportedError('SObject Pricebook2');
        for (const key of [...row.keys()]) if (!d.fields.has(key)) row.delete(key);
        this.putHidden('Pricebook2', id, row);
        return id;
    }

    private write(where: Area, sobject: string, id: string, row: Row | undefined): void {
        const t = area(this[where], sobject);
        if (this.openMarks > 0)
            this.log.push({ area: where, sobject: sobject.toLowerCase(), id, previous: t.get(id) });
        if (row === undefined) t.delete(id);
        else t.set(id, row);
    }
}

function area(areas: Map<string, Map<string, Row>>, sobject: string): Map<string, Row> {
    const key = sobject.toLowerCase();
    let t = areas.get(key);
    if (!t) {
        t = new Map();
        areas.set(key, t);
    }
    return t;
}

function copyAreas(areas: Map<string, Map<string, Row>>): Map<string, Map<string, Row>> {
    return new Map([...areas].map(([k, v]) => [k, new Map(v)]));
}
