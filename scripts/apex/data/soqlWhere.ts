/**
 * WHERE and HAVING: compiles a condition tree into a predicate once per query (binds evaluated once, as the
 * platform binds before it runs the query). Null handling (SOQL Reference, "Comparison Operators"):
 * `= null` / `!= null` test for null; `!=`, `NOT IN` and EXCLUDES are true for a null field; the ordering
 * operators, LIKE, IN and INCLUDES are false for it.
 */
import type {
    BoundExpressionContext,
    FieldOrderContext,
    ComparisonOperatorContext,
    ConditionalExpressionContext,
    FieldNameContext,
    LogicalExpressionContext,
    SoqlFunctionContext,
    SubQueryContext,
    ValueContext,
    WhereConditionalExpressionContext,
    WhereLogicalExpressionContext
} from '@apexdevtools/apex-parser';
import { ApexDate, ApexDatetime, Decimal, UnsupportedError, type ApexValue } from '../values/model';
import type { FieldDescribe, SObjectDescribe } from '../schema/types';
import { localFields } from '../values/datetime';
import { stripTrailingZeros } from '../values/decimal';
import type { Row } from './store';
import type { Resolver, Scope } from './soqlSchema';
import {
    bindElements,
    compareNorm,
    dateLiteralRange,
    kindOf,
    likeRegExp,
    normalize,
    parseDateLiteral,
    parseDatetimeLiteral,
    parseTimeLiteral,
    queryError,
    numberLiteral,
    startOfDay,
    unquote,
    valueComparer,
    type DayRange,
    type SortKey,
    type Kind,
    type Norm
} from './soqlValues';

/** What WHERE/HAVING need from the running query. */
export interface Engine {
    resolver: Resolver;
    timeZone: string;
    /** The user's locale (`ja_JP`): the first day of week of THIS_WEEK etc. */
    locale?: string;
    /** Today in the user's time zone, as an epoch day. */
    today: number;
    bind(b: BoundExpressionContext): ApexValue;
    /** `Id IN (SELECT AccountId FROM Contact)`: the 18-character Ids the subquery selects. */
    semiJoin(sub: SubQueryContext, outer: SObjectDescribe): Set<string>;
}

/** The left side of a comparison: a field path, a date function, or (HAVING) an aggregate. */
export interface Operand<T> {
    kind: Kind;
    field?: FieldDescribe;
    label: string;
    get(t: T): ApexValue;
}

export type Pred<T> = (t: T) => boolean;

export function fieldParts(f: FieldNameContext): string[] {
    return f.soqlId_list().map((s) => s.getText());
}

export function fieldOperand(eng: Engine, scope: Scope, f: FieldNameContext): Operand<Row> {
    eng.resolver.inFilter = true;
    let path;
    try {
        path = eng.resolver.path(scope, fieldParts(f));
    } finally {
        eng.resolver.inFilter = false;
    }
    return {
        kind: kindOf(path.field.type),
        field: path.field,
        label: f.getText(),
        get: (row) => eng.resolver.read(row, path)
    };
}

const DATE_FUNCTIONS = new Set([
    'CALENDAR_MONTH',
    'CALENDAR_QUARTER',
    'CALENDAR_YEAR',
    'DAY_IN_MONTH',
    'DAY_IN_WEEK',
    'DAY_IN_YEAR',
    'DAY_ONLY',
    'HOUR_IN_DAY',
    'WEEK_IN_MONTH',
    'WEEK_IN_YEAR'
]);

export function functionName(fn: SoqlFunctionContext): string {
    return fn.getChild(0).getText().toUpperCase();
}

/**
 * Date functions (SOQL Reference, "Date Functions"). A dateTime is read in UTC unless wrapped in
 * convertTimezone(), which converts it to the user's time zone ("convertTimezone()" page).
 */
export function dateFunctionOperand(
    eng: Engine,
    scope: Scope,
    fn: SoqlFunctionContext
): Operand<Row> | undefined {
    const name = functionName(fn);
    if (name.startsWith('FISCAL_')) throw new UnsupportedError(`SOQL ${name} (fiscal year settings)`);
    if (!DATE_FUNCTIONS.has(name)) return undefined;
    const df = fn.dateFieldName();
    const inner = fieldOperand(eng, scope, df.fieldName());
    const zone = df.CONVERT_TIMEZONE() ? eng.timeZone : 'UTC';
    if (inner.kind !== 'date' && inner.kind !== 'datetime')
        throw queryError(`${name} requires a date or dateTime field: ${inner.label}`);
    if ((name === 'DAY_ONLY' || name === 'HOUR_IN_DAY') && inner.kind !== 'datetime')
        throw queryError(`${name} requires a dateTime field: ${inner.label}`);
    const get = (row: Row): ApexValue => {
        const v = inner.get(row);
        if (v === null) return null;
        let y: number,
            m: number,
            d: number,
            h = 0;
        if (v instanceof ApexDate) ({ year: y, month: m, day: d } = v);
        else if (v instanceof ApexDatetime)
            ({ year: y, month: m, day: d, hour: h } = localFields(v.epochMs, zone));
        else return null;
        const dayOfYear = Math.floor((Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86_400_000) + 1;
        switch (name) {
            case 'CALENDAR_MONTH':
                return m;
            case 'CALENDAR_QUARTER':
                return Math.ceil(m / 3);
            case 'CALENDAR_YEAR':
                return y;
            case 'DAY_IN_MONTH':
                return d;
            case 'DAY_IN_WEEK': // 1 = Sunday
                return new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 1;
            case 'DAY_IN_YEAR':
                return dayOfYear;
            case 'DAY_ONLY':
                return new ApexDate(y, m, d);
            case 'HOUR_IN_DAY':
                return h;
            case 'WEEK_IN_MONTH': // days 1-7 are week 1
                return Math.ceil(d / 7);
            default: // WEEK_IN_YEAR: January 1-7 is week 1
                return Math.ceil(dayOfYear / 7);
        }
    };
    return { kind: name === 'DAY_ONLY' ? 'date' : 'number', label: fn.getText(), get };
}

export function compileWhere(eng: Engine, scope: Scope, expr: WhereLogicalExpressionContext): Pred<Row> {
    const parts = expr.whereConditionalExpression_list().map((c) => compileWhereCond(eng, scope, c));
    return combine(!!expr.NOT(), expr.SOQLOR_list().length > 0, parts);
}

function compileWhereCond(eng: Engine, scope: Scope, c: WhereConditionalExpressionContext): Pred<Row> {
    const nested = c.whereLogicalExpression();
    if (nested) return compileWhere(eng, scope, nested);
    const wf = c.whereFieldExpression();
    if (wf.FORMULA()) throw new UnsupportedError('SOQL FORMULA() filter');
    const fe = wf.fieldExpression();
    let operand: Operand<Row> | undefined;
    const fn = fe.soqlFunction();
    if (fn) {
        operand = dateFunctionOperand(eng, scope, fn);
        if (!operand) throw new UnsupportedError(`SOQL function ${functionName(fn)} in WHERE`);
    } else operand = fieldOperand(eng, scope, fe.fieldName());
    return compileComparison(eng, operand, fe.comparisonOperator(), fe.value(), scope.sobject);
}

/** HAVING: same grammar as WHERE with `leaf` resolving each field or aggregate over a group. */
export function compileLogical<T>(
    expr: LogicalExpressionContext,
    leaf: (fieldName: FieldNameContext | null, fn: SoqlFunctionContext | null) => Operand<T>,
    eng: Engine
): Pred<T> {
    const parts = expr.conditionalExpression_list().map((c: ConditionalExpressionContext): Pred<T> => {
        const nested = c.logicalExpression();
        if (nested) return compileLogical(nested, leaf, eng);
        const fe = c.fieldExpression();
        return compileComparison(
            eng,
            leaf(fe.fieldName(), fe.soqlFunction()),
            fe.comparisonOperator(),
            fe.value()
        );
    });
    return combine(!!expr.NOT(), expr.SOQLOR_list().length > 0, parts);
}

function combine<T>(not: boolean, or: boolean, parts: Pred<T>[]): Pred<T> {
    if (not) return (t) => !parts[0](t);
    if (parts.length === 1) return parts[0];
    return or ? (t) => parts.some((p) => p(t)) : (t) => parts.every((p) => p(t));
}

type Op = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'like' | 'in' | 'not in' | 'includes' | 'excludes';

function operatorOf(c: ComparisonOperatorContext): Op {
    if (c.NOT()) return 'not in';
    if (c.IN()) return 'in';
    if (c.LIKE()) return 'like';
    if (c.INCLUDES()) return 'includes';
    if (c.EXCLUDES()) return 'excludes';
    if (c.NOTEQUAL() || c.LESSANDGREATER()) return '!=';
    if (c.LT()) return c.ASSIGN() ? '<=' : '<';
    if (c.GT()) return c.ASSIGN() ? '>=' : '>';
    return '=';
}

/** A filter value: a plain value, a date literal's range, or (from a literal) a quoted string. */
type Filter = { value: ApexValue; quoted?: boolean } | { range: DayRange };

function literal(eng: Engine, v: ValueContext, op: Op): Filter {
    if (v.NULL()) return { value: null };
    const bound = v.boundExpression();
    if (bound) return { value: eng.bind(bound) };
    const formula = v.dateFormula();
    if (formula) {
        const n = formula.signedInteger();
        const name = formula.getChild(0).getText();
        return {
            range: dateLiteralRange(name, n ? Number(n.getText()) : undefined, eng.today, eng.locale)
        };
    }
    if (v.BooleanLiteral()) return { value: v.getText().toLowerCase() === 'true' };
    const num = v.signedNumber();
    if (num) return { value: numberLiteral(num.getText()) };
    const str = v.StringLiteral();
    if (str) return { value: unquote(str.getText(), op === 'like'), quoted: true };
    if (v.DateLiteral()) return { value: parseDateLiteral(v.getText()) };
    if (v.DateTimeLiteral()) return { value: parseDatetimeLiteral(v.getText()) };
    if (v.TimeLiteral()) return { value: parseTimeLiteral(v.getText()) };
    throw new UnsupportedError(`SOQL value ${v.getText()}`);
}

function typeName(kind: Kind): string {
    return kind === 'datetime' ? 'dateTime' : kind;
}

/** A filter value for the operand's kind; a quoted literal on a date field is the platform's error. */
function norm<T>(operand: Operand<T>, f: { value: ApexValue; quoted?: boolean }): Norm | null {
    if (f.quoted && (operand.kind === 'date' || operand.kind === 'datetime' || operand.kind === 'number'))
        throw queryError(
            `value of filter criterion for field '${operand.field?.name ?? operand.label}' must be of type ` +
                `${typeName(operand.kind)} and should not be enclosed in quotes`
        );
    return normalize(operand.kind, f.value, operand.field);
}

/** A hashable key for IN sets: text case-insensitively, numbers by value. */
export function keyOfNorm(n: Norm | null, caseSensitive = false): string {
    if (n === null) return 'null';
    if (n instanceof Decimal) {
        const d = stripTrailingZeros(n);
        return `n:${d.unscaled}e${d.scale}`;
    }
    if (typeof n === 'string') return `s:${caseSensitive ? n : n.toUpperCase()}`;
    return `${typeof n}:${String(n)}`;
}

export function compileComparison<T>(
    eng: Engine,
    operand: Operand<T>,
    opCtx: ComparisonOperatorContext,
    v: ValueContext,
    outer?: SObjectDescribe
): Pred<T> {
    const op = operatorOf(opCtx);
    const cs = operand.kind === 'id' || !!operand.field?.caseSensitive;
    const left = (t: T): Norm | null => normalize(operand.kind, operand.get(t), operand.field);

    if (op === 'in' || op === 'not in') {
        const sub = v.subQuery();
        let keys: Set<string>;
        if (sub) {
            if (operand.kind !== 'id')
                throw queryError(`semi join sub-selects are only supported on Id fields`);
            if (!outer) throw new UnsupportedError('SOQL semi-join in HAVING');
            keys = new Set([...eng.semiJoin(sub, outer)].map((id) => keyOfNorm(id, true)));
        } else {
            const list = v.valueList();
            let norms: (Norm | null)[];
            if (list)
                norms = list.value_list().map((x) => {
                    const f = literal(eng, x, op);
                    if ('range' in f) throw new UnsupportedError('SOQL date literal inside IN');
                    return norm(operand, f);
                });
            else {
                const f = literal(eng, v, op);
                if ('range' in f || f.value === null)
                    throw new UnsupportedError(`SOQL ${op.toUpperCase()} ${v.getText()}`);
                norms = bindElements(f.value).map((x) => normalize(operand.kind, x, operand.field));
            }
            keys = new Set(norms.map((n) => keyOfNorm(n, cs)));
        }
        const negate = op === 'not in';
        return (t) => keys.has(keyOfNorm(left(t), cs)) !== negate;
    }

    if (op === 'includes' || op === 'excludes') {
        if (operand.kind !== 'multi')
            throw queryError(`${op.toUpperCase()} can only be used with multi-select picklists`);
        const list = v.valueList();
        const plain = (x: ValueContext): ApexValue => {
            const f = literal(eng, x, op);
            if ('range' in f) throw new UnsupportedError(`SOQL ${op.toUpperCase()} ${x.getText()}`);
            return f.value;
        };
        const raw: ApexValue[] = list ? list.value_list().map(plain) : bindElements(plain(v));
        const groups = raw.filter((x): x is string => typeof x === 'string').map((s) => splitMulti(s));
        const includes = (t: T): boolean => {
            const value = operand.get(t);
            if (typeof value !== 'string') return false;
            const have = new Set(splitMulti(value));
            return groups.some((g) => g.every((x) => have.has(x)));
        };
        return op === 'includes' ? includes : (t) => !includes(t);
    }

    const filter = literal(eng, v, op);
    if ('range' in filter) return rangePredicate(eng, operand, op, filter.range, left);

    if (op === 'like') {
        if (filter.value === null) throw new UnsupportedError('SOQL LIKE null');
        if (typeof filter.value !== 'string') throw queryError('LIKE requires a string value');
        const re = likeRegExp(filter.value);
        return (t) => {
            const l = operand.get(t);
            return l !== null && re.test(String(l));
        };
    }

    const right = norm(operand, filter);
    if (operand.kind === 'multi' && (op === '=' || op === '!=') && typeof right === 'string') {
        // `= 'AAA;BBB'` is an exact match of the selected set (SOQL Reference, "Query Multi-Select Picklists").
        const wanted = [...new Set(splitMulti(right))].sort().join(';');
        const eq = (t: T): boolean => {
            const l = operand.get(t);
            return typeof l === 'string' && [...new Set(splitMulti(l))].sort().join(';') === wanted;
        };
        return op === '=' ? eq : (t) => !eq(t);
    }
    if (op === '=' || op === '!=') {
        const eq = (t: T): boolean => {
            const l = left(t);
            if (l === null || right === null) return l === right;
            return compareNorm(l, right, cs) === 0;
        };
        return op === '=' ? eq : (t) => !eq(t);
    }
    return (t) => {
        const l = left(t);
        if (l === null || right === null) return false;
        const c = compareNorm(l, right, cs);
        return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
    };
}

function splitMulti(s: string): string[] {
    return s
        .split(';')
        .map((x) => x.trim().toUpperCase())
        .filter((x) => x !== '');
}

/** A date literal against a date (days) or dateTime (instants from the user's midnight) operand. */
function rangePredicate<T>(
    eng: Engine,
    operand: Operand<T>,
    op: Op,
    range: DayRange,
    left: (t: T) => Norm | null
): Pred<T> {
    let from: number, to: number;
    if (operand.kind === 'date') ({ from, to } = range);
    else if (operand.kind === 'datetime') {
        from = startOfDay(range.from, eng.timeZone);
        to = startOfDay(range.to, eng.timeZone);
    } else throw queryError(`date literals can only be used with date or dateTime fields: ${operand.label}`);
    const within = (n: number): boolean => n >= from && n < to;
    return (t) => {
        const l = left(t) as number | null;
        if (l === null) return op === '!=';
        switch (op) {
            case '=':
                return within(l);
            case '!=':
                return !within(l);
            case '<':
                return l < from;
            case '<=':
                return l < to;
            case '>':
                return l >= to;
            case '>=':
                return l >= from;
            default:
                throw new UnsupportedError(`SOQL ${op} with a date literal`);
        }
    };
}

/**
 * ORDER BY: ASC by default; nulls first by default in either direction (SOQL Reference, ORDER BY: "By default,
 * null values are sorted first."; the docs give no exception for DESC).
 */
export function sortKey<T>(operand: Operand<T>, o: FieldOrderContext): SortKey<T> {
    return {
        get: (t) => normalize(operand.kind, operand.get(t), operand.field),
        desc: !!o.DESC(),
        nullsFirst: o.NULLS() ? !!o.FIRST() : true,
        compare: valueComparer(operand.field)
    };
}
