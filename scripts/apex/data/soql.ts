/**
 * The SOQL engine: runs a query parse tree (@apexdevtools/apex-parser's `query` rule, the same for inline
 * `[SELECT ...]` and `Database.query(text)`) over the record store.
 *
 * Records come back as SObjectValue copies whose `queried` set names exactly what was selected (always `id`, and
 * the foreign key of every lookup a path traverses), so the interpreter can throw `SObject row was retrieved via
 * SOQL without querying the requested field`.
 *
 * Unsupported (UnsupportedError naming the construct): TYPEOF, USING SCOPE, WITH DATA CATEGORY and other WITH
 * filters, FIELDS(), toLabel/format/convertCurrency/DISTANCE/GROUPING, FORMULA(), ROLLUP/CUBE, UPDATE TRACKING,
 * fiscal date literals and functions, week literals without the user's locale, currency literals, several FROM
 * objects, FOR UPDATE with ORDER BY, comparisons across types the platform converts in undocumented ways (a Date
 * bind against a dateTime field...), AVG without a finite decimal result, LIMIT/OFFSET on an aggregate query
 * without GROUP BY, fields a polymorphic lookup's targets do not all share, formula/calculated fields the store
 * holds no value for, compound address/location fields.
 */
import {
    ApexErrorListener,
    ApexParserFactory,
    SoqlLiteralContext,
    type ApexToken,
    type BoundExpressionContext,
    type ExpressionContext,
    type FieldOrderContext,
    type FromNameListContext,
    type LimitClauseContext,
    type OffsetClauseContext,
    type QueryContext,
    type SoqlFunctionContext,
    type SoqlIdContext,
    type SubQueryContext,
    type FieldNameContext,
    type TypeOfContext
} from '@apexdevtools/apex-parser';
import {
    ApexId,
    ApexList,
    ApexSystemError,
    SObjectValue,
    UnsupportedError,
    type ApexValue
} from '../values/model';
import type { FieldDescribe, SObjectDescribe, Schema } from '../schema/types';
import type { Row, Store } from './store';
import { Resolver, fieldValue, type FieldPath, type Scope } from './soqlSchema';
import {
    compileWhere,
    dateFunctionOperand,
    fieldOperand,
    functionName,
    sortKey,
    type Engine,
    type Pred
} from './soqlWhere';
import { dayInZone, lexableLikeEscapes, queryError, sortBy, type SortKey } from './soqlValues';
import { runAggregate } from './soqlAggregate';

export interface SoqlOptions {
    schema: Schema;
    store: Store;
    /** Evaluates a bind expression `:expr` (inline SOQL: an Apex ExpressionContext; dynamic SOQL: its text, a simple name). */
    bind(expr: ExpressionContext | string): ApexValue;
    /**
     * Access enforcement: 'user' checks object and field read permission through canReadObject/canReadField for
     * every field the query references. An explicit `WITH USER_MODE` / `WITH SYSTEM_MODE` in the query wins.
     */
    mode: 'user' | 'system';
    canReadObject(sobject: string): boolean;
    canReadField(sobject: string, field: string): boolean;
    /** Record visibility (sharing); return true for all in system mode without sharing. */
    isVisible(sobject: string, row: Row): boolean;
    /** The running user's time zone, for date literals and convertTimezone(). */
    timeZone: string;
    now(): number;
    /** The user's locale (`ja_JP`), for the first day of week of THIS_WEEK etc. (Unsupported when absent). */
    locale?: string;
}

/** `rows`: query rows this query consumes toward the 50,000-row governor limit. */
export type SoqlResult =
    | { kind: 'records'; sobjectType: string; records: SObjectValue[]; rows: number }
    | { kind: 'count'; count: number; rows: number }
    | { kind: 'aggregate'; records: SObjectValue[] /* sobjectType 'AggregateResult' */; rows: number };

/** The mode a query asks for in its WITH clause, for the caller to combine with the class's default. */
export function queryAccessMode(q: QueryContext): 'user' | 'system' | 'security_enforced' | undefined {
    const w = q.withClause();
    if (!w) return undefined;
    if (w.USER_MODE()) return 'user';
    if (w.SYSTEM_MODE()) return 'system';
    if (w.SECURITY_ENFORCED()) return 'security_enforced';
    return undefined;
}

class SyntaxListener extends ApexErrorListener {
    first?: string;
    syntaxError(
        _recognizer: unknown,
        offending: ApexToken | number,
        _line: number,
        _column: number,
        msg: string
    ): void {
        if (this.first === undefined)
            this.first =
                typeof offending === 'object' && offending ? `unexpected token: '${offending.text}'` : msg;
    }
    apexSyntaxError(): void {}
}

/** Parses dynamic SOQL text; a syntax error is the platform's QueryException. */
export function parseSoql(text: string): QueryContext {
    const listener = new SyntaxListener();
    const { parser } = ApexParserFactory.createLexerAndParser(lexableLikeEscapes(text.trim()), listener);
    const q = parser.query();
    const next = parser.getTokenStream().LT(1);
    if (listener.first === undefined && next && next.type !== -1)
        listener.first = `unexpected token: '${next.text}'`;
    if (listener.first !== undefined) throw queryError(listener.first);
    return q;
}

interface EntryLike {
    fieldName(): FieldNameContext;
    soqlId(): SoqlIdContext;
    soqlFunction(): SoqlFunctionContext;
    subQuery(): SubQueryContext;
    typeOf(): TypeOfContext;
}

type Column = { kind: 'field'; path: FieldPath } | { kind: 'child'; rel: string; child: ChildPlan };

interface RecordPlan {
    scope: Scope;
    columns: Column[];
    where?: Pred<Row>;
    order: SortKey<Row>[];
    limit?: number;
    offset?: number;
}

interface ChildPlan extends RecordPlan {
    fk: FieldDescribe;
    /** Built on first use: child rows by parent Id, filtered and sorted. */
    index?: Map<string, Row[]>;
}

/** `WITH SECURITY_ENFORCED` message (APEX-PLATFORM.md §4, community wording); reused for user-mode violations. */
const INACCESSIBLE = 'Insufficient permissions: secure query included inaccessible field';
const MAX_OFFSET = 2000;

class Run implements Engine {
    readonly resolver: Resolver;
    readonly timeZone: string;
    readonly today: number;
    readonly locale?: string;
    private readonly dynamic: boolean;
    rows = 0;

    constructor(
        readonly opts: SoqlOptions,
        q: QueryContext
    ) {
        this.resolver = new Resolver(opts.schema, opts.store);
        this.timeZone = opts.timeZone;
        this.today = dayInZone(opts.now(), opts.timeZone);
        this.locale = opts.locale;
        this.dynamic = !(q.parentCtx instanceof SoqlLiteralContext);
    }

    bind(b: BoundExpressionContext): ApexValue {
        const expr = b.expression();
        return this.opts.bind(this.dynamic ? expr.getText() : expr);
    }

    /** Rows of an object the running user can see; ALL ROWS adds the recycle bin (IsDeleted = true). */
    candidates(sobject: SObjectDescribe, allRows = false): Row[] {
        const key = sobject.name.toLowerCase();
        const out: Row[] = [];
        for (const row of this.opts.store.tables.get(key)?.values() ?? [])
            if (this.opts.isVisible(sobject.name, row)) out.push(row);
        if (allRows)
            for (const row of this.opts.store.deleted.get(key)?.values() ?? []) {
                const copy = new Map(row);
                if (!copy.has('isdeleted')) copy.set('isdeleted', true);
                if (this.opts.isVisible(sobject.name, copy)) out.push(copy);
            }
        return out;
    }

    from(list: FromNameListContext, parent?: SObjectDescribe): Scope & { fk?: FieldDescribe } {
        const names = list.fieldName_list();
        if (names.length !== 1) throw new UnsupportedError('SOQL FROM with several objects');
        const name = names[0].getText();
        const alias = list.soqlId(0)?.getText();
        if (parent) {
            const { sobject, fk } = this.resolver.child(parent, name);
            return { sobject, alias, fk };
        }
        return { sobject: this.resolver.sobject(name), alias };
    }

    semiJoin(sub: SubQueryContext, outer: SObjectDescribe): Set<string> {
        const scope = this.from(sub.fromNameList());
        if (scope.sobject === outer)
            throw queryError('The inner and outer selects should not be on the same object type');
        const entries = sub.subFieldList().subFieldEntry_list();
        if (entries.length !== 1 || !entries[0].fieldName())
            throw queryError(
                'The selected field in a semi join subquery must be a single Id or reference field'
            );
        const operand = fieldOperand(this, scope, entries[0].fieldName());
        if (operand.kind !== 'id')
            throw queryError(`Invalid semi join: ${operand.label} is not an Id or reference field`);
        unsupportedClauses(sub);
        const where = sub.whereClause()
            ? compileWhere(this, scope, sub.whereClause().whereLogicalExpression())
            : undefined;
        const limit = this.limit(sub.limitClause());
        const out = new Set<string>();
        let rows = this.candidates(scope.sobject).filter((r) => !where || where(r));
        if (limit !== undefined) rows = rows.slice(0, limit);
        for (const row of rows) {
            const id = operand.get(row);
            if (id instanceof ApexId) out.add(id.value);
        }
        return out;
    }

    limit(c: LimitClauseContext | OffsetClauseContext | null): number | undefined {
        if (!c) return undefined;
        const b = c.boundExpression();
        const raw = b ? this.bind(b) : Number(c.IntegerLiteral().getText());
        const v = typeof raw === 'bigint' ? Number(raw) : raw;
        if (typeof v !== 'number' || v < 0)
            throw new UnsupportedError(`SOQL ${c.getChild(0).getText().toUpperCase()} value ${String(v)}`);
        return v;
    }

    orderKeys(scope: Scope, orders: FieldOrderContext[]): SortKey<Row>[] {
        return orders.map((o) => {
            const operand = o.fieldName()
                ? fieldOperand(this, scope, o.fieldName())
                : dateFunctionOperand(this, scope, o.soqlFunction());
            if (!operand) throw new UnsupportedError(`SOQL ORDER BY ${o.getText()}`);
            return sortKey(operand, o);
        });
    }

    recordPlan(
        scope: Scope,
        entries: EntryLike[],
        q: QueryContext | SubQueryContext,
        fk?: FieldDescribe,
        onSelected?: () => void
    ): RecordPlan | ChildPlan {
        const columns: Column[] = [];
        const seen = new Set<string>();
        for (const e of entries) {
            if (e.typeOf()) throw new UnsupportedError('SOQL TYPEOF');
            if (e.soqlId())
                throw new UnsupportedError(`SOQL alias on a non-aggregate column ${e.soqlId().getText()}`);
            const fn = e.soqlFunction();
            if (fn) throw new UnsupportedError(`SOQL function ${functionName(fn)} in a non-aggregate query`);
            const sub = e.subQuery();
            if (sub) {
                const childScope = this.from(sub.fromNameList(), scope.sobject);
                unsupportedClauses(sub);
                const child = this.recordPlan(
                    childScope,
                    sub.subFieldList().subFieldEntry_list(),
                    sub,
                    childScope.fk
                ) as ChildPlan;
                const rel = sub.fromNameList().fieldName(0).getText().toLowerCase();
                columns.push({ kind: 'child', rel, child });
            } else {
                const path = this.resolver.path(scope, e.fieldName().getText().split('.'));
                if (seen.has(path.key))
                    throw queryError(`duplicate field selected: ${e.fieldName().getText()}`);
                seen.add(path.key);
                columns.push({ kind: 'field', path });
            }
        }
        onSelected?.();
        const where = q.whereClause();
        const order = q.orderByClause();
        const plan: ChildPlan = {
            scope,
            columns,
            where: where ? compileWhere(this, scope, where.whereLogicalExpression()) : undefined,
            order: order ? this.orderKeys(scope, order.fieldOrderList().fieldOrder_list()) : [],
            limit: this.limit(q.limitClause()),
            fk: fk!
        };
        return plan;
    }

    select(plan: RecordPlan, rows: Row[]): Row[] {
        let out = plan.where ? rows.filter(plan.where) : rows;
        out = sortBy(out, plan.order);
        const offset = plan.offset ?? 0;
        return out.slice(offset, plan.limit === undefined ? undefined : offset + plan.limit);
    }

    project(plan: RecordPlan, row: Row): SObjectValue {
        const record = new SObjectValue(plan.scope.sobject.name, new Map(), new Set(['id']));
        record.fields.set('id', row.get('id') ?? null);
        for (const col of plan.columns) {
            if (col.kind === 'field') this.projectPath(record, row, col.path);
            else {
                const id = row.get('id');
                const children = id instanceof ApexId ? (this.childIndex(col.child).get(id.value) ?? []) : [];
                this.rows += children.length;
                const list = new ApexList(
                    { name: col.child.scope.sobject.name },
                    children.map((c) => this.project(col.child, c))
                );
                record.fields.set(col.rel, list);
                record.queried!.add(col.rel);
            }
        }
        return record;
    }

    childIndex(plan: ChildPlan): Map<string, Row[]> {
        if (plan.index) return plan.index;
        const byParent = new Map<string, Row[]>();
        const fk = plan.fk.name.toLowerCase();
        for (const row of this.candidates(plan.scope.sobject)) {
            const parent = row.get(fk);
            if (!(parent instanceof ApexId)) continue;
            let list = byParent.get(parent.value);
            if (!list) byParent.set(parent.value, (list = []));
            list.push(row);
        }
        for (const [k, list] of byParent) byParent.set(k, this.select(plan, list));
        return (plan.index = byParent);
    }

    /** Sets `a.b.c` on the record: parent SObjects are created per relationship and carry their own `queried`. */
    projectPath(record: SObjectValue, row: Row, path: FieldPath): void {
        let target = record;
        let current: Row = row;
        for (const hop of path.hops) {
            const fk = hop.ref.name.toLowerCase();
            const id = current.get(fk) ?? null;
            target.queried!.add(hop.rel);
            // Traversing a lookup also returns its foreign key (`Account.Name` fills AccountId), as Apex does.
            if (!target.fields.has(fk)) {
                target.fields.set(fk, id);
                target.queried!.add(fk);
            }
            if (target.fields.has(hop.rel)) {
                const existing = target.fields.get(hop.rel);
                if (!(existing instanceof SObjectValue)) return;
                current = this.resolver.parentRow(hop, id as ApexId)!.row;
                target = existing;
                continue;
            }
            const parent = id instanceof ApexId ? this.resolver.parentRow(hop, id) : undefined;
            if (!parent) {
                target.fields.set(hop.rel, null);
                return;
            }
            const next = new SObjectValue(
                parent.sobject.name,
                new Map([['id', id as ApexValue]]),
                new Set(['id'])
            );
            target.fields.set(hop.rel, next);
            target = next;
            current = parent.row;
        }
        const key = path.field.name.toLowerCase();
        target.fields.set(key, fieldValue(current, path.field));
        target.queried!.add(key);
    }

    checkAccess(mode: 'user' | 'system' | 'security_enforced', touched: Map<string, Set<string>>): void {
        if (mode === 'system') return;
        const denied = new Map<string, Set<string>>();
        for (const [sobject, fields] of touched) {
            const objectOk = this.opts.canReadObject(sobject);
            const bad = [...fields].filter(
                (f) => !objectOk || (f.toLowerCase() !== 'id' && !this.opts.canReadField(sobject, f))
            );
            if (objectOk && !bad.length) continue;
            denied.set(sobject, new Set(bad));
            // WITH SECURITY_ENFORCED reports only the first error (UMODE: "finds only the first error").
            if (mode === 'security_enforced') break;
        }
        if (denied.size)
            throw new ApexSystemError('QueryException', INACCESSIBLE, { inaccessibleFields: denied });
    }

    run(q: QueryContext): SoqlResult {
        unsupportedClauses(q);
        if (q.usingScope()) throw new UnsupportedError('SOQL USING SCOPE');
        const w = q.withClause();
        if (w && !w.USER_MODE() && !w.SYSTEM_MODE() && !w.SECURITY_ENFORCED())
            throw new UnsupportedError(`SOQL ${w.getText()}`);
        const forClauses = q.forClauses();
        if (forClauses.UPDATE_list().length && q.orderByClause())
            throw new UnsupportedError('SOQL FOR UPDATE with ORDER BY (not allowed by the platform)');
        const asked = queryAccessMode(q);
        const mode = asked ?? this.opts.mode;
        const scope = this.from(q.fromNameList());
        const entries = q.selectList().selectEntry_list();
        const offset = this.limit(q.offsetClause());
        if (offset !== undefined && offset > MAX_OFFSET)
            throw queryError(`Maximum SOQL offset allowed is ${MAX_OFFSET}`, {
                statusCode: 'NUMBER_OUTSIDE_VALID_RANGE'
            });
        const allRows = !!q.allRowsClause();

        // WITH SECURITY_ENFORCED checks the SELECT and FROM clauses only; user mode checks every clause (UMODE).
        let selectTouched = snapshot(this.resolver.touched);
        const markSelect = (): void => {
            selectTouched = snapshot(this.resolver.touched);
        };
        const enforce = (): void =>
            this.checkAccess(mode, mode === 'security_enforced' ? selectTouched : this.resolver.touched);

        const countOnly = entries.length === 1 && isCountStar(entries[0].soqlFunction());
        if (countOnly) {
            if (q.groupByClause()) throw new UnsupportedError('SOQL COUNT() with GROUP BY');
            const where = q.whereClause()
                ? compileWhere(this, scope, q.whereClause().whereLogicalExpression())
                : undefined;
            const limit = this.limit(q.limitClause());
            enforce();
            const matched = this.candidates(scope.sobject, allRows).filter((r) => !where || where(r)).length;
            // LIMIT caps COUNT() (SOQL Reference, LIMIT: "count up to the maximum specified").
            const count = Math.min(Math.max(matched - (offset ?? 0), 0), limit ?? Infinity);
            // COUNT() consumes one query row (Apex Developer Guide, "Working with SOQL Aggregate Functions").
            return { kind: 'count', count, rows: 1 };
        }
        if (entries.some((e) => isCountStar(e.soqlFunction())))
            throw new UnsupportedError('SOQL COUNT() together with other columns');

        const aggregate = !!q.groupByClause() || entries.some((e) => e.soqlFunction() !== null);
        if (aggregate) {
            const result = runAggregate(this, scope, q, entries, {
                markSelect,
                enforce,
                rowsOf: (where) => this.candidates(scope.sobject, allRows).filter((r) => !where || where(r)),
                limit: this.limit(q.limitClause()),
                offset
            });
            return { kind: 'aggregate', records: result.records, rows: result.rows };
        }

        const plan = this.recordPlan(scope, entries, q, undefined, markSelect);
        plan.offset = offset;
        enforce();
        const selected = this.select(plan, this.candidates(scope.sobject, allRows));
        this.rows += selected.length;
        const records = selected.map((row) => this.project(plan, row));
        return { kind: 'records', sobjectType: scope.sobject.name, records, rows: this.rows };
    }
}

function snapshot(m: Map<string, Set<string>>): Map<string, Set<string>> {
    return new Map([...m].map(([k, v]) => [k, new Set(v)]));
}

function isCountStar(fn: SoqlFunctionContext | null): boolean {
    return !!fn && !!fn.COUNT() && !fn.fieldName();
}

function unsupportedClauses(q: QueryContext | SubQueryContext): void {
    if (q.UPDATE()) throw new UnsupportedError('SOQL UPDATE TRACKING / VIEWSTAT');
}

export function runSoql(query: QueryContext, opts: SoqlOptions): SoqlResult {
    return new Run(opts, query).run(query);
}

export type { Run };
