/**
 * Aggregate queries: GROUP BY, HAVING and COUNT/COUNT_DISTINCT/SUM/AVG/MIN/MAX, returned as AggregateResult
 * records keyed by alias (Apex Developer Guide, "Working with SOQL Aggregate Functions": an unaliased aggregated
 * column is named expr0, expr1 ... in select order).
 */
import type {
    FieldNameContext,
    FieldOrderContext,
    QueryContext,
    SelectEntryContext,
    SoqlFunctionContext
} from '@apexdevtools/apex-parser';
import { Decimal, SObjectValue, UnsupportedError, type ApexValue } from '../values/model';
import type { Row } from './store';
import type { Scope } from './soqlSchema';
import {
    compileLogical,
    compileWhere,
    dateFunctionOperand,
    fieldOperand,
    fieldParts,
    functionName,
    keyOfNorm,
    sortKey,
    type Engine,
    type Operand,
    type Pred
} from './soqlWhere';
import { add } from '../values/decimal';
import { divideExact, normalize, queryError, sortBy, valueComparer } from './soqlValues';

interface Group {
    rows: Row[];
    keys: ApexValue[];
}

export interface AggregateHooks {
    /** Called once the SELECT list is resolved (WITH SECURITY_ENFORCED checks only that part). */
    markSelect(): void;
    /** Access checks, before any row is read. */
    enforce(): void;
    rowsOf(where?: Pred<Row>): Row[];
    limit?: number;
    offset?: number;
}

const AGGREGATES = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);
const INT_MAX = 2_147_483_647;

export function runAggregate(
    eng: Engine,
    scope: Scope,
    q: QueryContext,
    entries: SelectEntryContext[],
    hooks: AggregateHooks
): { records: SObjectValue[]; rows: number } {
    const groupBy = q.groupByClause();
    if (groupBy && (groupBy.ROLLUP() || groupBy.CUBE()))
        throw new UnsupportedError('SOQL GROUP BY ROLLUP / CUBE');
    const groupIds: string[] = [];
    const groupOps: Operand<Row>[] = [];
    for (const g of groupBy ? groupBy.fieldGroupByList().fieldGroupBy_list() : []) {
        const fn = g.soqlFunction();
        const op = fn ? dateFunctionOperand(eng, scope, fn) : fieldOperand(eng, scope, g.fieldName());
        if (!op) throw new UnsupportedError(`SOQL GROUP BY ${g.getText()}`);
        groupIds.push(fn ? fn.getText().toLowerCase() : pathKey(eng, scope, g.fieldName()));
        groupOps.push(op);
    }
    const usedAggregates: string[] = [];

    const grouped = (id: string, label: string): Operand<Group> => {
        const i = groupIds.indexOf(id);
        if (i < 0) throw queryError(`Field must be grouped or aggregated: ${label}`);
        return { ...groupOps[i], get: (g) => g.keys[i] };
    };
    const aggregate = (fn: SoqlFunctionContext): Operand<Group> => {
        const name = functionName(fn);
        if (!AGGREGATES.has(name)) {
            const date = dateFunctionOperand(eng, scope, fn);
            if (!date) throw new UnsupportedError(`SOQL function ${name}`);
            return grouped(fn.getText().toLowerCase(), fn.getText());
        }
        usedAggregates.push(name);
        if (!fn.fieldName()) return { kind: 'number', label: fn.getText(), get: (g) => g.rows.length };
        return aggregateOperand(name, fieldOperand(eng, scope, fn.fieldName()), fn.getText());
    };

    const columns: { name: string; op: Operand<Group> }[] = [];
    let expr = 0;
    for (const e of entries) {
        if (e.typeOf() || e.subQuery())
            throw new UnsupportedError('SOQL subquery or TYPEOF in an aggregate query');
        const alias = e.soqlId()?.getText();
        const fn = e.soqlFunction();
        if (fn) columns.push({ name: alias ?? `expr${expr++}`, op: aggregate(fn) });
        else {
            const f = e.fieldName();
            const path = eng.resolver.path(scope, fieldParts(f));
            columns.push({ name: alias ?? path.field.name, op: grouped(path.key, f.getText()) });
        }
    }
    hooks.markSelect();

    const where = q.whereClause()
        ? compileWhere(eng, scope, q.whereClause().whereLogicalExpression())
        : undefined;
    const leaf = (f: FieldNameContext | null, fn: SoqlFunctionContext | null): Operand<Group> =>
        fn ? aggregate(fn) : grouped(pathKey(eng, scope, f!), f!.getText());
    const having = groupBy?.logicalExpression()
        ? compileLogical(groupBy.logicalExpression(), leaf, eng)
        : undefined;
    const order = q.orderByClause()
        ? q
              .orderByClause()
              .fieldOrderList()
              .fieldOrder_list()
              .map((o: FieldOrderContext) => sortKey(leaf(o.fieldName(), o.soqlFunction()), o))
        : [];
    if (!groupBy && (hooks.limit !== undefined || hooks.offset !== undefined))
        throw new UnsupportedError('SOQL LIMIT/OFFSET on an aggregate query without GROUP BY');
    hooks.enforce();

    const rows = hooks.rowsOf(where);
    let groups: Group[];
    if (!groupBy) groups = [{ rows, keys: [] }];
    else {
        const byKey = new Map<string, Group>();
        for (const row of rows) {
            const keys = groupOps.map((op) => op.get(row));
            const id = keys
                .map((k, i) =>
                    keyOfNorm(normalize(groupOps[i].kind, k, groupOps[i].field), groupOps[i].kind === 'id')
                )
                .join('\u0000');
            const g = byKey.get(id);
            if (g) g.rows.push(row);
            else byKey.set(id, { rows: [row], keys });
        }
        groups = [...byKey.values()];
    }
    if (having) groups = groups.filter(having);
    groups = sortBy(groups, order);
    const offset = hooks.offset ?? 0;
    groups = groups.slice(offset, hooks.limit === undefined ? undefined : offset + hooks.limit);

    const records = groups.map((g) => {
        const fields = new Map<string, ApexValue>();
        for (const c of columns) fields.set(c.name.toLowerCase(), c.op.get(g));
        return new SObjectValue('AggregateResult', fields, new Set(fields.keys()));
    });
    // COUNT()/COUNT(field) consume one query row (one per group with GROUP BY); other aggregates every row read.
    const countOnly = usedAggregates.length > 0 && usedAggregates.every((n) => n === 'COUNT');
    return { records, rows: countOnly ? (groupBy ? groups.length : 1) : rows.length };
}

function pathKey(eng: Engine, scope: Scope, f: FieldNameContext): string {
    return eng.resolver.path(scope, fieldParts(f)).key;
}

function aggregateOperand(name: string, inner: Operand<Row>, label: string): Operand<Group> {
    const values = (g: Group): ApexValue[] => g.rows.map((r) => inner.get(r)).filter((v) => v !== null);
    const norm = (v: ApexValue) => normalize(inner.kind, v, inner.field)!;
    switch (name) {
        case 'COUNT':
            return { kind: 'number', label, get: (g) => values(g).length };
        case 'COUNT_DISTINCT':
            return {
                kind: 'number',
                label,
                get: (g) => new Set(values(g).map((v) => keyOfNorm(norm(v), inner.kind === 'id'))).size
            };
        case 'MIN':
        case 'MAX': {
            const cmp = valueComparer(inner.field);
            return {
                ...inner,
                label,
                get: (g) => {
                    let best: ApexValue = null;
                    for (const v of values(g)) {
                        if (best === null) best = v;
                        else {
                            const c = cmp(norm(v), norm(best));
                            if (name === 'MIN' ? c < 0 : c > 0) best = v;
                        }
                    }
                    return best;
                }
            };
        }
        default: {
            if (inner.kind !== 'number') throw queryError(`${name} requires a numeric field: ${inner.label}`);
            const sum = (g: Group): Decimal | null => {
                let total: Decimal | null = null;
                for (const v of values(g))
                    total = total ? add(total, norm(v) as Decimal) : (norm(v) as Decimal);
                return total;
            };
            if (name === 'SUM')
                return {
                    kind: 'number',
                    field: inner.field,
                    label,
                    get: (g) => {
                        const s = sum(g);
                        // An Integer field sums to an Integer while it fits; number fields are Decimal in Apex.
                        if (
                            s &&
                            inner.field?.type === 'int' &&
                            s.scale === 0 &&
                            s.unscaled <= BigInt(INT_MAX)
                        )
                            return Number(s.unscaled);
                        return s;
                    }
                };
            return {
                kind: 'number',
                label,
                get: (g) => {
                    const s = sum(g);
                    if (!s) return null;
                    const avg = divideExact(s, values(g).length);
                    if (!avg)
                        throw new UnsupportedError(
                            `SOQL AVG with a non-terminating decimal result (${label})`
                        );
                    return avg;
                }
            };
        }
    }
}
