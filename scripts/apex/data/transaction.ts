/**
 * One Apex transaction's database state: DML governor counters, savepoints, the mixed-DML rule and the
 * "uncommitted work" that forbids a later callout. A test method, `Test.stopTest()`'s async jobs and each
 * queueable run in their own Transaction over the same RecordStore.
 */
import { ApexSystemError, UnsupportedError } from '../values/model';
import type { SObjectDescribe } from '../schema/types';
import type { RecordStore } from './store';

/** Synchronous and asynchronous limits are equal for DML (APEX-PLATFORM.md §11, [GOV]). */
export const DML_STATEMENT_LIMIT = 150;
export const DML_ROW_LIMIT = 10000;

export const UNCOMMITTED_WORK_MESSAGE =
    'You have uncommitted work pending. Please commit or rollback before calling out';

/** A `System.Savepoint`: the interpreter holds it as the native state of the Savepoint object. */
export interface Savepoint {
    readonly serial: number;
    /** Position in the store's undo log. */
    readonly position: number;
    valid: boolean;
    readonly tx: Transaction;
}

export class Transaction {
    dmlStatements = 0;
    dmlRows = 0;
    private uncommitted = false;
    private savepoints: Savepoint[] = [];
    private serial = 0;
    /** The first setup / non-setup object DML'd outside `System.runAs` blocks. */
    private setupObject: string | null = null;
    private nonSetupObject: string | null = null;
    private runAsDepth = 0;

    constructor(readonly store: RecordStore) {}

    /** Counts one DML statement (a `setSavepoint` and a `rollback` count too); the 151st is uncatchable. */
    countStatement(): void {
        this.dmlStatements++;
        if (this.dmlStatements > DML_STATEMENT_LIMIT) {
            throw new ApexSystemError('LimitException', `Too many DML statements: ${this.dmlStatements}`);
        }
    }

    countRows(n: number): void {
        this.dmlRows += n;
        if (this.dmlRows > DML_ROW_LIMIT) {
            throw new ApexSystemError('LimitException', `Too many DML rows: ${this.dmlRows}`);
        }
    }

    /** Any DML (and any savepoint) since the transaction began leaves work a callout may not follow. */
    noteWork(): void {
        this.uncommitted = true;
    }

    hasUncommittedWork(): boolean {
        return this.uncommitted;
    }

    /** Called where the platform commits: the end of a transaction, `Test.startTest()` / `Test.stopTest()`. */
    commit(): void {
        this.uncommitted = false;
    }

    /** The transaction is over: its savepoints become unusable and the store stops logging for them. */
    close(): void {
        for (const sp of this.savepoints.splice(0)) {
            sp.valid = false;
            this.store.release();
        }
    }

    /** Throws the platform's CalloutException when DML precedes a callout in this transaction. */
    assertCanCallout(): void {
        if (this.uncommitted) throw new ApexSystemError('CalloutException', UNCOMMITTED_WORK_MESSAGE);
    }

    /** `Database.setSavepoint()` */
    setSavepoint(): Savepoint {
        this.countStatement();
        this.noteWork();
        const sp: Savepoint = { serial: ++this.serial, position: this.store.mark(), valid: true, tx: this };
        this.savepoints.push(sp);
        return sp;
    }

    /**
     * `Database.rollback(sp)`: undoes the DML since `sp` and invalidates the savepoints set after it. The docs
     * say using an invalidated savepoint is "a runtime error" without naming its type, so that is Unsupported.
     */
    rollback(sp: Savepoint): void {
        if (sp.tx !== this)
            throw new UnsupportedError('a Savepoint used outside the transaction that set it');
        if (!sp.valid)
            throw new UnsupportedError(
                'Database.rollback to an invalidated Savepoint (error type undocumented)'
            );
        this.countStatement();
        this.store.undoTo(sp.position);
        const index = this.savepoints.indexOf(sp);
        for (const later of this.savepoints.splice(index + 1)) {
            later.valid = false;
            this.store.release();
        }
    }

    /**
     * The mixed-DML check for one statement on `d` (APEX-PLATFORM.md §5, [MIX]): returns the error message when
     * the statement mixes setup and non-setup objects, else records the object and returns null. Group is
     * non-setup for insert and update. `userIsSetup` says whether a User statement counts as setup DML: the
     * guide (API 15.0+) allows inserting users without a role and updating users without touching UserRoleId,
     * IsActive, ForecastEnabled, IsPortalEnabled, Username or ProfileId alongside other objects; such a statement
     * is neither setup nor non-setup here. Inside `System.runAs` blocks tests may mix them freely ([MIXTEST]:
     * the documented example inserts a User with a role and an Account in one block).
     */
    checkMixedDml(d: SObjectDescribe, op: string, userIsSetup = true): string | null {
        if (this.runAsDepth > 0) return null;
        if (d.name === 'User' && !userIsSetup) return null;
        const setup = d.setup && !(d.name === 'Group' && (op === 'insert' || op === 'update'));
        const other = setup ? this.nonSetupObject : this.setupObject;
        if (other !== null) {
            return (
                'DML operation on setup object is not permitted after you have updated a non-setup object ' +
                `(or vice versa): ${d.name}, original object: ${other}`
            );
        }
        if (setup) this.setupObject ??= d.name;
        else this.nonSetupObject ??= d.name;
        return null;
    }

    /** `System.runAs(user)`: counts as a DML statement ([RUNAS]) and allows mixed DML inside the block. */
    enterRunAs(): void {
        this.countStatement();
        this.runAsDepth++;
    }

    exitRunAs(): void {
        this.runAsDepth = Math.max(0, this.runAsDepth - 1);
    }
}
