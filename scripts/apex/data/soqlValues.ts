/**
 * SOQL value semantics: how a field's value and a filter value compare (numbers numerically, text
 * case-insensitively, Ids in their 18-character form, dates as days, datetimes as instants), literal parsing,
 * and the date literals (TODAY, LAST_N_DAYS:n ...) resolved in the running user's time zone.
 */
import {
    ApexDate,
    ApexDatetime,
    ApexDouble,
    ApexId,
    ApexList,
    ApexSet,
    ApexSystemError,
    ApexTime,
    Decimal,
    SObjectValue,
    UnsupportedError,
    type ApexValue
} from '../values/model';
import { normalizeId } from '../values/ids';
import { compare as compareDecimal, parseDecimal } from '../values/decimal';
import { toDecimal } from '../values/numbers';
import {
    DAY_MS,
    dateFromEpochDay,
    epochDay,
    instantFromWall,
    localFields,
    toEpochDay,
    toStartOfWeek
} from '../values/datetime';
import type { FieldDescribe, FieldType } from '../schema/types';

/** How a field's values compare. */
export type Kind = 'text' | 'id' | 'number' | 'boolean' | 'date' | 'datetime' | 'time' | 'multi' | 'other';

export function kindOf(type: FieldType): Kind {
    switch (type) {
        case 'id':
        case 'reference':
            return 'id';
        case 'string':
        case 'textarea':
        case 'email':
        case 'phone':
        case 'url':
        case 'picklist':
        case 'combobox':
        case 'encryptedstring':
            return 'text';
        case 'multipicklist':
            return 'multi';
        case 'boolean':
            return 'boolean';
        case 'int':
        case 'long':
        case 'double':
        case 'currency':
        case 'percent':
            return 'number';
        case 'date':
            return 'date';
        case 'datetime':
            return 'datetime';
        case 'time':
            return 'time';
        default:
            return 'other';
    }
}

/** A value reduced to something comparable: text/id → string, number → Decimal, dates → day or ms numbers. */
export type Norm = string | boolean | number | Decimal;

export function queryError(message: string, detail?: unknown): ApexSystemError {
    return new ApexSystemError('QueryException', message, detail);
}

// ---- numbers ----

/** A SOQL number literal (`-1.5`; the grammar's NumberLiteral may carry a trailing `d`). */
export function numberLiteral(text: string): Decimal {
    const d = parseDecimal(text.replace(/[dD]$/, ''));
    if (!d) throw new UnsupportedError(`SOQL number ${text}`);
    return d;
}

/** a / n when the quotient has a finite decimal expansion; undefined otherwise. */
export function divideExact(a: Decimal, n: number): Decimal | undefined {
    let unscaled = a.unscaled;
    let scale = a.scale;
    for (let i = 0; i < 40; i++) {
        if (unscaled % BigInt(n) === 0n) return stripZeros(new Decimal(unscaled / BigInt(n), scale), a.scale);
        unscaled *= 10n;
        scale++;
    }
    return undefined;
}

function stripZeros(d: Decimal, minScale: number): Decimal {
    let { unscaled, scale } = d;
    while (scale > minScale && unscaled % 10n === 0n) {
        unscaled /= 10n;
        scale--;
    }
    return new Decimal(unscaled, scale);
}

// ---- dates in a time zone ----

/** The instant at which the given day (epoch day) starts in the time zone. */
export function startOfDay(day: number, timeZone: string): number {
    return instantFromWall(day * DAY_MS, timeZone);
}

/** The user's day (epoch day) of an instant. */
export function dayInZone(ms: number, timeZone: string): number {
    const f = localFields(ms, timeZone);
    return epochDay(f.year, f.month, f.day);
}

/** The first day of a month counted from January of `year` (monthIndex may leave 0-11). */
function monthStart(year: number, monthIndex: number): number {
    return epochDay(year + Math.floor(monthIndex / 12), (((monthIndex % 12) + 12) % 12) + 1, 1);
}

/** A half-open range of days [from, to) that a date literal denotes. */
export interface DayRange {
    from: number;
    to: number;
}

/**
 * Date literals (SOQL and SOSL Reference, "Date Formats and Date Literals in WHERE"): ranges start at 00:00 of
 * the user's day. LAST_N_DAYS:n and LAST_90_DAYS include today; NEXT_N_DAYS:n and NEXT_90_DAYS start tomorrow;
 * LAST_N_<unit>S:n and NEXT_N_<unit>S:n exclude the current unit; N_<unit>S_AGO:n is that one whole unit.
 * Week literals depend on the locale's first day of week; fiscal ones on the org's fiscal year settings.
 */
export function dateLiteralRange(
    name: string,
    n: number | undefined,
    today: number,
    locale?: string
): DayRange {
    const upper = name.toUpperCase();
    if (upper.includes('FISCAL'))
        throw new UnsupportedError(`SOQL date literal ${upper} (fiscal year settings)`);
    const t = dateFromEpochDay(today);
    const days = (from: number, to: number): DayRange => ({ from, to });
    const months = (first: number, offset: number, count: number, size: number): DayRange =>
        days(monthStart(t.year, first + offset * size), monthStart(t.year, first + (offset + count) * size));
    const month = (offset: number, count = 1): DayRange => months(t.month - 1, offset, count, 1);
    const quarter = (offset: number, count = 1): DayRange =>
        months(Math.floor((t.month - 1) / 3) * 3, offset, count, 3);
    const year = (offset: number, count = 1): DayRange => months(0, offset, count, 12);
    const week = (offset: number, count = 1): DayRange => {
        if (locale === undefined)
            throw new UnsupportedError(`SOQL date literal ${upper} (the user's locale is not known)`);
        const start = toEpochDay(toStartOfWeek(t, locale));
        return days(start + offset * 7, start + (offset + count) * 7);
    };
    const need = (): number => {
        if (n === undefined) throw queryError(`${upper} requires a number`);
        return n;
    };
    switch (upper) {
        case 'YESTERDAY':
            return days(today - 1, today);
        case 'TODAY':
            return days(today, today + 1);
        case 'TOMORROW':
            return days(today + 1, today + 2);
        case 'LAST_WEEK':
            return week(-1);
        case 'THIS_WEEK':
            return week(0);
        case 'NEXT_WEEK':
            return week(1);
        case 'LAST_MONTH':
            return month(-1);
        case 'THIS_MONTH':
            return month(0);
        case 'NEXT_MONTH':
            return month(1);
        case 'LAST_90_DAYS':
            return days(today - 90, today + 1);
        case 'NEXT_90_DAYS':
            return days(today + 1, today + 91);
        case 'LAST_N_DAYS':
            return days(today - need(), today + 1);
        case 'NEXT_N_DAYS':
            return days(today + 1, today + need() + 1);
        case 'N_DAYS_AGO':
            return days(today - need(), today - need() + 1);
        case 'LAST_N_WEEKS':
            return week(-need(), need());
        case 'NEXT_N_WEEKS':
            return week(1, need());
        case 'N_WEEKS_AGO':
            return week(-need());
        case 'LAST_N_MONTHS':
            return month(-need(), need());
        case 'NEXT_N_MONTHS':
            return month(1, need());
        case 'N_MONTHS_AGO':
            return month(-need());
        case 'THIS_QUARTER':
            return quarter(0);
        case 'LAST_QUARTER':
            return quarter(-1);
        case 'NEXT_QUARTER':
            return quarter(1);
        case 'LAST_N_QUARTERS':
            return quarter(-need(), need());
        case 'NEXT_N_QUARTERS':
            return quarter(1, need());
        case 'N_QUARTERS_AGO':
            return quarter(-need());
        case 'THIS_YEAR':
            return year(0);
        case 'LAST_YEAR':
            return year(-1);
        case 'NEXT_YEAR':
            return year(1);
        case 'LAST_N_YEARS':
            return year(-need(), need());
        case 'NEXT_N_YEARS':
            return year(1, need());
        case 'N_YEARS_AGO':
            return year(-need());
        default:
            throw new UnsupportedError(`SOQL date literal ${upper}`);
    }
}

// ---- literals ----

/**
 * SOQL allows `\%` and `\_` in strings (LIKE escapes) but the Apex lexer does not: dynamic SOQL text carries
 * them as private-use `\uE025` / `\uE05F` escapes through the lexer, and `unquote` turns them back.
 */
const LIKE_ESCAPES = new Map([
    [0xe025, '%'],
    [0xe05f, '_']
]);

export function lexableLikeEscapes(text: string): string {
    let out = '';
    let inString = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (inString && c === '\\') {
            const next = text[i + 1] ?? '';
            out += next === '%' ? '\\uE025' : next === '_' ? '\\uE05F' : c + next;
            i++;
            continue;
        }
        if (c === "'") inString = !inString;
        out += c;
    }
    return out;
}

const CHAR_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };

/** Body of a SOQL string literal. `keepLike` keeps `\%`, `\_` and `\\` escaped for a LIKE pattern. */
export function unquote(raw: string, keepLike = false): string {
    return raw.slice(1, -1).replace(/\\(u[0-9a-fA-F]{4}|[\s\S])/g, (_, e: string) => {
        if (e.length === 5) {
            const code = parseInt(e.slice(1), 16);
            const like = LIKE_ESCAPES.get(code);
            if (like) return keepLike ? '\\' + like : like;
            return String.fromCharCode(code);
        }
        if (keepLike && (e === '%' || e === '_' || e === '\\')) return '\\' + e;
        return CHAR_ESCAPES[e] ?? e;
    });
}

export function parseDateLiteral(text: string): ApexDate {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) throw queryError(`value of filter criterion is not a valid date: ${text}`);
    return new ApexDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function parseDatetimeLiteral(text: string): ApexDatetime {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:?\d{2})$/i.exec(
        text
    );
    if (!m) throw new UnsupportedError(`SOQL datetime literal ${text}`);
    let ms = Date.UTC(
        Number(m[1]),
        Number(m[2]) - 1,
        Number(m[3]),
        Number(m[4]),
        Number(m[5]),
        Number(m[6]),
        Number((m[7] ?? '0').padEnd(3, '0'))
    );
    if (m[8].toUpperCase() !== 'Z') {
        const sign = m[8][0] === '-' ? -1 : 1;
        const digits = m[8].slice(1).replace(':', '');
        ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
    }
    return new ApexDatetime(ms);
}

export function parseTimeLiteral(text: string): ApexTime {
    const m = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z?$/i.exec(text);
    if (!m) throw new UnsupportedError(`SOQL time literal ${text}`);
    return new ApexTime(Number(m[1]), Number(m[2]), Number(m[3]), Number((m[4] ?? '0').padEnd(3, '0')));
}

// ---- normalisation and comparison ----

function invalidId(v: string): ApexSystemError {
    return queryError(`invalid ID field: ${v}`);
}

/** A value for comparison with a field of `kind`; null stays null. Filter values are converted as the platform does. */
export function normalize(kind: Kind, v: ApexValue, field: FieldDescribe | undefined): Norm | null {
    if (v === null || v === undefined) return null;
    const label = field ? field.name : 'value';
    switch (kind) {
        case 'id': {
            if (v instanceof ApexId) return v.value;
            if (v instanceof SObjectValue) {
                const id = v.fields.get('id');
                return id instanceof ApexId ? id.value : null;
            }
            if (typeof v === 'string') {
                const id = normalizeId(v);
                if (id === undefined) throw invalidId(v);
                return id;
            }
            break;
        }
        case 'text':
        case 'multi':
            if (typeof v === 'string') return v;
            if (v instanceof ApexId) return v.value;
            break;
        case 'number':
            if (
                typeof v === 'number' ||
                typeof v === 'bigint' ||
                v instanceof Decimal ||
                v instanceof ApexDouble
            )
                return toDecimal(v);
            break;
        case 'boolean':
            if (typeof v === 'boolean') return v;
            break;
        case 'date':
            if (v instanceof ApexDate) return toEpochDay(v);
            break;
        case 'datetime':
            if (v instanceof ApexDatetime) return v.epochMs;
            break;
        case 'time':
            if (v instanceof ApexTime)
                return ((v.hour * 60 + v.minute) * 60 + v.second) * 1000 + v.millisecond;
            break;
        default:
            break;
    }
    throw new UnsupportedError(`SOQL comparison of ${label} (${kind}) with a value of another type`);
}

/** Text compares by upper case (ORDER BY docs: "uses uppercase UTF-8 values" for English locales). */
export function compareNorm(a: Norm, b: Norm, caseSensitive = false): number {
    if (a instanceof Decimal && b instanceof Decimal) return compareDecimal(a, b);
    if (typeof a === 'string' && typeof b === 'string') {
        const x = caseSensitive ? a : a.toUpperCase();
        const y = caseSensitive ? b : b.toUpperCase();
        return x < y ? -1 : x > y ? 1 : 0;
    }
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
    throw new UnsupportedError('SOQL comparison of values of different types');
}

/** The elements of a bind used with IN / NOT IN / INCLUDES: a List or Set, or a single value. */
export function bindElements(v: ApexValue): ApexValue[] {
    if (v instanceof ApexList) return v.items;
    if (v instanceof ApexSet) return [...v.entries.values()];
    return [v];
}

/** LIKE pattern → RegExp: `%` any run, `_` one character, `\` escapes; case-insensitive. */
export function likeRegExp(pattern: string): RegExp {
    let out = '';
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === '\\' && i + 1 < pattern.length) out += escapeRegExp(pattern[++i]);
        else if (c === '%') out += '[\\s\\S]*';
        else if (c === '_') out += '[\\s\\S]';
        else out += escapeRegExp(c);
    }
    return new RegExp(`^${out}$`, 'iu');
}

function escapeRegExp(c: string): string {
    return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

// ---- ordering ----

/**
 * Orders two non-null values of a field: text case-insensitively; picklists by the picklist's own value order
 * (ORDER BY docs: "sorting of picklist fields is defined by the picklist sort order"), values outside the
 * picklist after the defined ones.
 */
export function valueComparer(field: FieldDescribe | undefined): (a: Norm, b: Norm) => number {
    const values = field?.type === 'picklist' ? field.picklistValues : undefined;
    const ids = field?.type === 'id' || field?.type === 'reference';
    if (!values?.length) return (a, b) => compareNorm(a, b, ids);
    const rank = new Map(values.map((p, i) => [p.value.toUpperCase(), i]));
    return (a, b) => {
        const ra = rank.get(String(a).toUpperCase());
        const rb = rank.get(String(b).toUpperCase());
        if (ra !== undefined && rb !== undefined) return ra - rb;
        if (ra !== undefined) return -1;
        if (rb !== undefined) return 1;
        return compareNorm(a, b);
    };
}

export interface SortKey<T> {
    get(t: T): Norm | null;
    desc: boolean;
    nullsFirst: boolean;
    compare(a: Norm, b: Norm): number;
}

/** A stable sort (ties keep their store order) by several keys. */
export function sortBy<T>(items: T[], keys: SortKey<T>[]): T[] {
    if (!keys.length) return items;
    const decorated = items.map((item) => ({ item, k: keys.map((key) => key.get(item)) }));
    decorated.sort((x, y) => {
        for (let i = 0; i < keys.length; i++) {
            const a = x.k[i];
            const b = y.k[i];
            if (a === null && b === null) continue;
            if (a === null) return keys[i].nullsFirst ? -1 : 1;
            if (b === null) return keys[i].nullsFirst ? 1 : -1;
            const c = keys[i].compare(a, b);
            if (c !== 0) return keys[i].desc ? -c : c;
        }
        return 0;
    });
    return decorated.map((d) => d.item);
}
