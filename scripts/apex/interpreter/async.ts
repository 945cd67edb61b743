/**
 * Asynchronous Apex and record-triggered Flows. Queueables (with finalizers), @future calls, scheduled jobs and
 * the async path of our Flow are queued; in a test they run when `Test.stopTest()` is called, each in its own
 * transaction (Apex Developer Guide, "Using the startTest and stopTest Methods"). An AsyncApexJob / CronTrigger
 * row records each one so code can query it.
 */
import {
    ApexDatetime,
    ApexEnumValue,
    ApexId,
    ApexList,
    ApexObject,
    ApexSystemError,
    SObjectValue,
    T,
    UnsupportedError,
    type ApexValue
} from '../values/model';
import type { DmlOp, DmlResult as DmlRecordResult } from '../data/dml';
import type { Row } from '../data/store';
import { ApexThrow } from './control';
import { exceptionState, newException } from './exceptions';
import type { Frame } from './frames';
import type { Runtime } from './runtime';
import type { FlowMeta } from '../project/types';
import { Transaction } from '../data/transaction';
import { freshLimits } from './runtime';

interface PendingJob {
    kind: 'queueable' | 'future' | 'scheduled' | 'flow';
    id: string;
    run: () => void;
}

interface RunningJob {
    id: string;
    finalizer?: ApexObject;
}

export class AsyncQueue {
    private pending: PendingJob[] = [];
    private running: RunningJob | undefined;

    constructor(private readonly rt: Runtime) {}

    reset(): void {
        this.pending = [];
        this.running = undefined;
    }

    private jobRow(kind: string, className: string): string {
        const store = this.rt.data.store;
        const id = store.newId(this.rt.schema, 'AsyncApexJob');
        const row: Row = new Map<string, ApexValue>([
            ['id', new ApexId(id)],
            ['jobtype', kind],
            ['status', 'Queued'],
            ['createddate', new ApexDatetime(this.rt.now())],
            ['createdbyid', new ApexId(this.rt.user.id)],
            ['numberoferrors', 0],
            ['methodname', null],
            ['extendedstatus', null]
        ]);
        const apexClass = store.table('ApexClass');
        for (const [cid, c] of apexClass)
            if (String(c.get('name')).toLowerCase() === className.split('.')[0].toLowerCase())
                row.set('apexclassid', new ApexId(cid));
        const d = this.rt.schema.sobject('AsyncApexJob');
        for (const k of [...row.keys()]) if (d && !d.fields.has(k)) row.delete(k);
        store.put('AsyncApexJob', id, row);
        return id;
    }

    private setJobStatus(id: string, status: string, error?: string): void {
        const store = this.rt.data.store;
        const row = store.get('AsyncApexJob', id);
        if (!row) return;
        const copy = new Map(row);
        copy.set('status', status);
        if (copy.has('numberoferrors') && error) copy.set('numberoferrors', 1);
        if (error && this.rt.schema.sobject('AsyncApexJob')?.fields.has('extendedstatus'))
            copy.set('extendedstatus', error);
        store.put('AsyncApexJob', id, copy);
    }

    enqueue(job: ApexValue, f: Frame): ApexValue {
        if (!(job instanceof ApexObject) || !this.rt.interp.isSubclass(job.className, 'Queueable')) {
            throw new ApexSystemError('TypeException', 'System.enqueueJob needs a Queueable');
        }
        const limits = this.rt.limits;
        limits.queueableJobs++;
        const limit = this.rt.data.asyncContext ? 1 : 50;
        if (limits.queueableJobs > limit) {
            throw new ApexSystemError(
                'LimitException',
                `Too many queueable jobs added to the queue: ${limits.queueableJobs}`
            );
        }
        if (
            this.rt.inTest &&
            this.running &&
            this.rt.data.asyncContext === 'queueable' &&
            !this.inFinalizer
        ) {
            // Apex Developer Guide, Queueable Apex: chaining jobs is not allowed in tests.
            throw new ApexSystemError('AsyncException', 'Maximum stack depth has been reached.');
        }
        const id = this.jobRow('Queueable', job.className);
        this.pending.push({ kind: 'queueable', id, run: () => this.runQueueable(job, id) });
        void f;
        return new ApexId(id);
    }

    private inFinalizer = false;

    attachFinalizer(fin: ApexValue): ApexValue {
        if (!this.running || this.rt.data.asyncContext !== 'queueable') {
            throw new ApexSystemError('AsyncException', 'Finalizers can only be attached in a Queueable job');
        }
        if (this.running.finalizer)
            throw new ApexSystemError('AsyncException', 'A finalizer has already been attached to this job');
        if (!(fin instanceof ApexObject) || !this.rt.interp.isSubclass(fin.className, 'Finalizer')) {
            throw new ApexSystemError('TypeException', 'System.attachFinalizer needs a Finalizer');
        }
        this.running.finalizer = fin;
        return null;
    }

    schedule(args: ApexValue[], f: Frame): ApexValue {
        const [name, cron, job] = args;
        if (!(job instanceof ApexObject) || !this.rt.interp.isSubclass(job.className, 'Schedulable')) {
            throw new ApexSystemError('TypeException', 'System.schedule needs a Schedulable');
        }
        const store = this.rt.data.store;
        for (const row of store.table('CronTrigger').values()) {
            const detailId = row.get('cronjobdetailid');
            const detail = detailId ? store.get('CronJobDetail', String(detailId)) : undefined;
            if (detail && String(detail.get('name')) === String(name)) {
                throw new ApexSystemError(
                    'AsyncException',
                    `The Apex job named "${String(name)}" is already scheduled for execution.`
                );
            }
        }
        const detailId = store.newId(this.rt.schema, 'CronJobDetail');
        store.put(
            'CronJobDetail',
            detailId,
            new Map<string, ApexValue>([
                ['id', new ApexId(detailId)],
                ['name', name],
                ['jobtype', '7']
            ])
        );
        const id = store.newId(this.rt.schema, 'CronTrigger');
        const row: Row = new Map<string, ApexValue>([
            ['id', new ApexId(id)],
            ['cronexpression', cron],
            ['cronjobdetailid', new ApexId(detailId)],
            ['state', 'WAITING'],
            ['timestriggered', 0],
            ['ownerid', new ApexId(this.rt.user.id)],
            ['createdbyid', new ApexId(this.rt.user.id)],
            ['createddate', new ApexDatetime(this.rt.now())]
        ]);
        const d = this.rt.schema.sobject('CronTrigger');
        for (const k of [...row.keys()]) if (d && !d.fields.has(k)) row.delete(k);
        store.put('CronTrigger', id, row);
        this.pending.push({
            kind: 'scheduled',
            id,
            run: () =>
                this.inAsync('scheduled', () => {
                    const ctx = new ApexObject('SchedulableContext');
                    ctx.native = { triggerId: id };
                    this.rt.interp.callInstance(job, 'execute', [ctx], f);
                })
        });
        return new ApexId(id);
    }

    abort(id: ApexValue): ApexValue {
        if (!(id instanceof ApexId) && typeof id !== 'string')
            throw new ApexSystemError('StringException', 'Invalid id');
        const text = String(id);
        const store = this.rt.data.store;
        const cron = store.get('CronTrigger', text);
        if (cron) {
            store.put('CronTrigger', text, new Map(cron).set('state', 'DELETED'));
            this.pending = this.pending.filter((p) => p.id !== text);
        } else {
            this.pending = this.pending.filter((p) => p.id !== text);
            this.setJobStatus(text, 'Aborted');
        }
        return null;
    }

    /** Runs everything queued (and what it queues in turn), as Test.stopTest() does. */
    runPending(f: Frame): void {
        void f;
        let guard = 0;
        while (this.pending.length) {
            if (++guard > 100) throw new UnsupportedError('more than 100 chained async jobs in one test');
            const job = this.pending.shift()!;
            job.run();
        }
    }

    private inAsync(kind: 'queueable' | 'future' | 'scheduled' | 'batch', fn: () => void): void {
        const data = this.rt.data;
        const savedContext = data.asyncContext;
        const savedLimits = this.rt.limits;
        const savedTx = data.tx;
        const savedFrames = this.rt.frames;
        data.asyncContext = kind;
        this.rt.limits = freshLimits();
        data.tx = new Transaction(data.store);
        this.rt.frames = [];
        try {
            fn();
            data.tx.commit();
        } finally {
            data.tx.close();
            data.tx = savedTx;
            data.asyncContext = savedContext;
            this.rt.limits = savedLimits;
            this.rt.frames = savedFrames;
        }
    }

    private runQueueable(job: ApexObject, id: string): void {
        const running: RunningJob = { id };
        const previous = this.running;
        this.running = running;
        let failure: ApexThrow | undefined;
        const store = this.rt.data.store;
        this.setJobStatus(id, 'Processing');
        try {
            const mark = store.mark();
            try {
                this.inAsync('queueable', () => {
                    const ctx = new ApexObject('QueueableContext');
                    ctx.native = { jobId: id };
                    this.rt.interp.callInstance(job, 'execute', [ctx], this.topFrame());
                });
                store.release();
            } catch (e) {
                // A failed job's DML is rolled back; the finalizer runs in a new transaction.
                store.undoTo(mark);
                store.release();
                failure = this.asThrow(e);
                if (!failure) throw e;
            }
            this.setJobStatus(
                id,
                failure ? 'Failed' : 'Completed',
                failure ? String(exceptionState(failure.exception).message) : undefined
            );
            if (running.finalizer) {
                const fin = running.finalizer;
                this.inFinalizer = true;
                try {
                    this.inAsync('queueable', () => {
                        const ctx = new ApexObject('FinalizerContext');
                        ctx.native = { jobId: id, failure: failure?.exception ?? null };
                        this.rt.interp.callInstance(fin, 'execute', [ctx], this.topFrame());
                    });
                } finally {
                    this.inFinalizer = false;
                }
            } else if (failure && this.rt.inTest) {
                // In a test, an unhandled exception of an async job surfaces from Test.stopTest().
                throw failure;
            }
        } finally {
            this.running = previous;
        }
    }

    private topFrame(): Frame {
        return this.rt.frames[this.rt.frames.length - 1] ?? (undefined as unknown as Frame);
    }

    private asThrow(e: unknown): ApexThrow | undefined {
        if (e instanceof ApexThrow) return e;
        if (e instanceof ApexSystemError) {
            const f = this.rt.frames[this.rt.frames.length - 1];
            if (f) return this.rt.interp.toThrow(e, f);
            return new ApexThrow(
                newException(this.rt.interp.exceptionClassName(e.exceptionType), e.message, e.detail)
            );
        }
        return undefined;
    }

    /**
     * Database.executeBatch: start, execute per scope and finish run at Test.stopTest(). A test runs only one
     * execute (Apex Developer Guide, "Testing Batch Apex"): more than one scope of records is Unsupported.
     */
    executeBatch(job: ApexValue, scope: number, f: Frame): ApexValue {
        if (!(job instanceof ApexObject) || !this.rt.interp.isSubclass(job.className, 'Database.Batchable')) {
            throw new ApexSystemError('TypeException', 'Database.executeBatch needs a Database.Batchable');
        }
        if (scope < 1 || scope > 2000)
            throw new ApexSystemError('AsyncException', 'The scope must be between 1 and 2000.');
        const id = this.jobRow('BatchApex', job.className);
        this.pending.push({
            kind: 'queueable',
            id,
            run: () => {
                const ctx = new ApexObject('Database.BatchableContext');
                ctx.native = { jobId: id };
                const started: { source: ApexValue } = { source: null };
                this.inAsync('batch', () => {
                    started.source = this.rt.interp.callInstance(job, 'start', [ctx], f);
                });
                const source = started.source;
                let records: ApexValue[];
                if (source instanceof ApexObject && source.className === 'Database.QueryLocator')
                    records = (source.native as ApexList).items;
                else if (source instanceof ApexList) records = source.items;
                else throw new UnsupportedError('a batch start() that returns an Iterable other than a List');
                const type =
                    source instanceof ApexList
                        ? source.elementType
                        : (source as ApexObject & { native: ApexList }).native.elementType;
                if (records.length > scope && this.rt.inTest)
                    throw new UnsupportedError('a test batch with more than one execute() scope');
                for (let i = 0; i < records.length; i += scope) {
                    const chunk = new ApexList(type, records.slice(i, i + scope));
                    this.inAsync('batch', () => this.rt.interp.callInstance(job, 'execute', [ctx, chunk], f));
                }
                this.inAsync('batch', () => this.rt.interp.callInstance(job, 'finish', [ctx], f));
                this.setJobStatus(id, 'Completed');
            }
        });
        return new ApexId(id);
    }

    /** @future: the call is queued with its (primitive) arguments and runs as its own job. */
    deferFuture(run: () => void): void {
        const limits = this.rt.limits;
        limits.futureCalls++;
        if (this.rt.data.asyncContext === 'future' || this.rt.data.asyncContext === 'batch') {
            throw new ApexSystemError(
                'AsyncException',
                'Future method cannot be called from a future or batch method'
            );
        }
        if (limits.futureCalls > 50)
            throw new ApexSystemError('LimitException', `Too many future calls: ${limits.futureCalls}`);
        const id = this.jobRow('Future', 'future');
        this.pending.push({
            kind: 'future',
            id,
            run: () => {
                this.inAsync('future', run);
                this.setJobStatus(id, 'Completed');
            }
        });
    }

    objectMethod(obj: ApexObject, m: string, a: ApexValue[], f: Frame): ApexValue | undefined {
        void a;
        void f;
        switch (obj.className) {
            case 'Database.BatchableContext':
                if (m === 'getjobid') return new ApexId((obj.native as { jobId: string }).jobId);
                if (m === 'getchildjobid') return null;
                break;
            case 'QueueableContext':
                if (m === 'getjobid') return new ApexId((obj.native as { jobId: string }).jobId);
                break;
            case 'SchedulableContext':
                if (m === 'gettriggerid') return new ApexId((obj.native as { triggerId: string }).triggerId);
                break;
            case 'FinalizerContext': {
                const n = obj.native as { jobId: string; failure: ApexObject | null };
                if (m === 'getasyncapexjobid') return new ApexId(n.jobId);
                if (m === 'getresult')
                    return new ApexEnumValue(
                        'ParentJobResult',
                        n.failure ? 'UNHANDLED_EXCEPTION' : 'SUCCESS',
                        n.failure ? 1 : 0
                    );
                if (m === 'getexception') return n.failure;
                if (m === 'getrequestid') return n.jobId;
                break;
            }
        }
        return undefined;
    }

    // ---------------------------------------------------------------- record-triggered Flows

    /** After a successful save: each active record-triggered Flow on the object whose entry conditions hold. */
    afterSave(
        op: DmlOp,
        records: SObjectValue[],
        results: DmlRecordResult[],
        before: Map<string, Row>,
        f: Frame
    ): void {
        if (op !== 'insert' && op !== 'update' && op !== 'upsert') return;
        for (const flow of this.rt.project.flows) {
            const start = flow.flow.start as Record<string, unknown> | undefined;
            if (!start || String(flow.flow.processType) !== 'AutoLaunchedFlow') continue;
            const object = String(start.object ?? '');
            if (!records.length || object.toLowerCase() !== records[0].sobjectType.toLowerCase()) continue;
            const triggerType = String(start.recordTriggerType ?? '');
            const matched: string[] = [];
            records.forEach((_r, i) => {
                const res = results[i];
                if (!res.success || !res.id) return;
                const created = op === 'insert' || (op === 'upsert' && res.created === true);
                if (created && triggerType !== 'Create' && triggerType !== 'CreateAndUpdate') return;
                if (!created && triggerType !== 'Update' && triggerType !== 'CreateAndUpdate') return;
                const row = this.rt.data.store.get(object, res.id);
                if (!row) return;
                const prior = created ? undefined : before.get(res.id);
                const now = this.meets(flow, start, row);
                if (!now) return;
                if (
                    start.doesRequireRecordChangedToMeetCriteria === true ||
                    start.doesRequireRecordChangedToMeetCriteria === 'true'
                ) {
                    if (prior && this.meets(flow, start, prior)) return;
                }
                matched.push(res.id);
            });
            if (!matched.length) continue;
            this.scheduleFlowPaths(flow, start, matched, f);
        }
    }

    private meets(flow: FlowMeta, start: Record<string, unknown>, row: Row): boolean {
        const filters = asArray(start.filters) as Record<string, unknown>[];
        if (start.filterFormula) throw new UnsupportedError(`Flow ${flow.name}: entry formula`);
        const logic = String(start.filterLogic ?? 'and').toLowerCase();
        if (!filters.length) return true;
        const results = filters.map((flt) => {
            const field = String(flt.field).toLowerCase();
            const op = String(flt.operator);
            const value = flt.value as Record<string, unknown> | undefined;
            const actual = row.get(field) ?? null;
            const expected = value
                ? (value.stringValue ?? value.booleanValue ?? value.numberValue ?? null)
                : null;
            switch (op) {
                case 'EqualTo':
                    return flowEquals(actual, expected);
                case 'NotEqualTo':
                    return !flowEquals(actual, expected);
                case 'IsNull':
                    return (actual === null) === (expected === true || expected === 'true');
                default:
                    throw new UnsupportedError(`Flow ${flow.name}: filter operator ${op}`);
            }
        });
        if (logic === 'and') return results.every(Boolean);
        if (logic === 'or') return results.some(Boolean);
        throw new UnsupportedError(`Flow ${flow.name}: filter logic ${logic}`);
    }

    private scheduleFlowPaths(flow: FlowMeta, start: Record<string, unknown>, ids: string[], f: Frame): void {
        if (start.connector) throw new UnsupportedError(`Flow ${flow.name}: a synchronous after-save path`);
        for (const path of asArray(start.scheduledPaths) as Record<string, unknown>[]) {
            if (String(path.pathType) !== 'AsyncAfterCommit')
                throw new UnsupportedError(
                    `Flow ${flow.name}: scheduled path ${String(path.pathType ?? path.offsetUnit)}`
                );
            const target = String((path.connector as Record<string, unknown>).targetReference);
            const id = this.jobRow('Flow', flow.name);
            this.pending.push({
                kind: 'flow',
                id,
                run: () => {
                    this.inAsync('queueable', () => this.runFlowElement(flow, target, ids, f));
                    this.setJobStatus(id, 'Completed');
                }
            });
        }
    }

    /** Runs a Flow element: an Apex action (bulkified over the interviews), with its fault path. */
    private runFlowElement(flow: FlowMeta, name: string, ids: string[], f: Frame): void {
        const action = (asArray(flow.flow.actionCalls) as Record<string, unknown>[]).find(
            (a) => a.name === name
        );
        if (!action) throw new UnsupportedError(`Flow ${flow.name}: element ${name}`);
        if (String(action.actionType) !== 'apex')
            throw new UnsupportedError(`Flow ${flow.name}: action type ${String(action.actionType)}`);
        const cls = this.rt.classByName(String(action.actionName));
        if (!cls) throw new UnsupportedError(`Flow ${flow.name}: Apex action ${String(action.actionName)}`);
        const method = [...cls.methods.values()]
            .flat()
            .find((m) => m.annotations.some((a) => a.name === 'invocablemethod'));
        if (!method) throw new UnsupportedError(`Flow ${flow.name}: ${cls.name} has no @InvocableMethod`);
        const inputs = asArray(action.inputParameters) as Record<string, unknown>[];
        if (inputs.length !== 1 || method.params.length !== 1)
            throw new UnsupportedError(`Flow ${flow.name}: action inputs other than one $Record field`);
        const ref = String((inputs[0].value as Record<string, unknown>).elementReference ?? '');
        if (ref !== '$Record.Id') throw new UnsupportedError(`Flow ${flow.name}: input ${ref}`);
        const list = new ApexList(
            T.Id,
            ids.map((x) => new ApexId(x))
        );
        try {
            this.rt.interp.invoke(method, null, [list], f);
        } catch (e) {
            const thrown = this.asThrow(e);
            if (!thrown || !action.faultConnector) throw e;
            const fault = String((action.faultConnector as Record<string, unknown>).targetReference);
            const assignment = (asArray(flow.flow.assignments) as Record<string, unknown>[]).find(
                (a) => a.name === fault
            );
            if (!assignment || assignment.connector)
                throw new UnsupportedError(`Flow ${flow.name}: fault path ${fault}`);
            // The fault path only stores $Flow.FaultMessage in a flow variable: nothing leaves the interview.
        }
    }
}

function asArray(v: unknown): unknown[] {
    if (v === undefined || v === null) return [];
    return Array.isArray(v) ? v : [v];
}

function flowEquals(actual: ApexValue, expected: unknown): boolean {
    if (actual === null) return expected === null || expected === '';
    if (typeof actual === 'boolean') return actual === (expected === true || expected === 'true');
    return String(actual) === String(expected);
}

export { ApexSystemError };
