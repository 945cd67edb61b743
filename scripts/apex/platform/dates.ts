/**
 * Date, Datetime and Time methods (Apex Reference: apex_methods_system_date.htm, _datetime.htm, _time.htm).
 * Semantics and sources are in values/datetime.ts; "local" means the running user's time zone (ctx.timeZone).
 */
import { ApexDate, ApexDatetime, ApexTime, UnsupportedError, type ApexValue } from '../values/model';
import * as T from '../values/datetime';
import { methods, type NativeContext, type NativeMethod, type NativeStatic, type NativeType } from './native';
import { arity, intArg, stringArg } from './numbers';

const GMT = 'GMT';

function noArgs(args: ApexValue[], what: string): void {
    arity(args, [0], what);
}

function dateSelf(v: ApexValue): ApexDate {
    if (!(v instanceof ApexDate)) throw new UnsupportedError('Date method on a non-Date value');
    return v;
}

function datetimeSelf(v: ApexValue): ApexDatetime {
    if (!(v instanceof ApexDatetime)) throw new UnsupportedError('Datetime method on a non-Datetime value');
    return v;
}

function timeSelf(v: ApexValue): ApexTime {
    if (!(v instanceof ApexTime)) throw new UnsupportedError('Time method on a non-Time value');
    return v;
}

function dateArg(v: ApexValue, what: string): ApexDate {
    if (v instanceof ApexDate) return v;
    throw new UnsupportedError(`${what} with a non-Date argument`);
}

function timeArg(v: ApexValue, what: string): ApexTime {
    if (v instanceof ApexTime) return v;
    throw new UnsupportedError(`${what} with a non-Time argument`);
}

function ints(args: ApexValue[], what: string): number[] {
    return args.map((a) => intArg(a, what));
}

// ---------------------------------------------------------------------------------------------------------
// Date

/** A method of no arguments over the receiver. */
function dateGetter(what: string, fn: (d: ApexDate, ctx: NativeContext) => ApexValue): NativeMethod {
    return (ctx, s, args) => {
        noArgs(args, what);
        return fn(dateSelf(s), ctx);
    };
}

function dateAdder(what: string, fn: (d: ApexDate, n: number) => ApexDate): NativeMethod {
    return (_ctx, s, args) => {
        arity(args, [1], what);
        return fn(dateSelf(s), intArg(args[0], what));
    };
}

export function today(ctx: NativeContext): ApexDate {
    return T.datetimeDate(new ApexDatetime(ctx.now()), ctx.timeZone);
}

export const DATE_TYPE: NativeType = {
    name: 'Date',
    instance: methods<NativeMethod>({
        addDays: dateAdder('Date.addDays', T.addDays),
        addMonths: dateAdder('Date.addMonths', T.addMonths),
        addYears: dateAdder('Date.addYears', T.addYears),
        day: dateGetter('Date.day', (d) => d.day),
        dayOfYear: dateGetter('Date.dayOfYear', T.dayOfYear),
        daysBetween: (_ctx, s, args) => {
            arity(args, [1], 'Date.daysBetween');
            return T.daysBetween(dateSelf(s), dateArg(args[0], 'Date.daysBetween'));
        },
        format: dateGetter('Date.format', (d, ctx) => T.formatDate(d, ctx.locale)),
        isSameDay: (_ctx, s, args) => {
            arity(args, [1], 'Date.isSameDay');
            return T.compareDates(dateSelf(s), dateArg(args[0], 'Date.isSameDay')) === 0;
        },
        month: dateGetter('Date.month', (d) => d.month),
        monthsBetween: (_ctx, s, args) => {
            arity(args, [1], 'Date.monthsBetween');
            return T.monthsBetween(dateSelf(s), dateArg(args[0], 'Date.monthsBetween'));
        },
        toStartOfMonth: dateGetter('Date.toStartOfMonth', (d) => new ApexDate(d.year, d.month, 1)),
        toStartOfWeek: dateGetter('Date.toStartOfWeek', (d, ctx) => T.toStartOfWeek(d, ctx.locale)),
        year: dateGetter('Date.year', (d) => d.year)
    }),
    statics: methods<NativeStatic>({
        today: (ctx, args) => {
            noArgs(args, 'Date.today');
            return today(ctx);
        },
        newInstance: (_ctx, args) => {
            arity(args, [3], 'Date.newInstance');
            const [y, m, d] = ints(args, 'Date.newInstance');
            return T.newDate(y, m, d);
        },
        valueOf: (_ctx: NativeContext, args: ApexValue[]) => {
            arity(args, [1], 'Date.valueOf');
            const v = args[0];
            if (typeof v === 'string') return T.dateValueOf(v);
            if (v instanceof ApexDate) return v;
            // A Datetime argument is versioned behaviour (API 54.0+) whose time zone the reference leaves open.
            throw new UnsupportedError(`Date.valueOf(${v === null ? 'null' : v.constructor.name})`);
        },
        parse: (ctx, args) => {
            arity(args, [1], 'Date.parse');
            return T.parseDate(stringArg(args[0], 'Date.parse'), ctx.locale);
        },
        daysInMonth: (_ctx, args) => {
            arity(args, [2], 'Date.daysInMonth');
            const [y, m] = ints(args, 'Date.daysInMonth');
            return T.daysInMonth(y, m);
        },
        isLeapYear: (_ctx, args) => {
            arity(args, [1], 'Date.isLeapYear');
            return T.isLeapYear(intArg(args[0], 'Date.isLeapYear'));
        }
    })
};

// ---------------------------------------------------------------------------------------------------------
// Datetime

/** A component read in the user's zone (`hour`) or in GMT (`hourGmt`). */
function component(what: string, fn: (f: T.LocalFields) => number, gmt: boolean): NativeMethod {
    return (ctx, s, args) => {
        noArgs(args, what);
        return fn(T.localFields(datetimeSelf(s).epochMs, gmt ? GMT : ctx.timeZone));
    };
}

function calendarAdder(what: string, unit: 'day' | 'month' | 'year'): NativeMethod {
    return (ctx, s, args) => {
        arity(args, [1], what);
        return T.addCalendar(datetimeSelf(s), ctx.timeZone, unit, intArg(args[0], what));
    };
}

function millisAdder(what: string, unitMs: number): NativeMethod {
    return (_ctx, s, args) => {
        arity(args, [1], what);
        return T.addMillis(datetimeSelf(s), intArg(args[0], what) * unitMs);
    };
}

const dayOfYearOf = (f: T.LocalFields): number => T.dayOfYear(new ApexDate(f.year, f.month, f.day));

const COMPONENTS: Record<string, (f: T.LocalFields) => number> = {
    year: (f) => f.year,
    month: (f) => f.month,
    day: (f) => f.day,
    hour: (f) => f.hour,
    minute: (f) => f.minute,
    second: (f) => f.second,
    millisecond: (f) => f.millisecond,
    dayOfYear: dayOfYearOf
};

const datetimeMethods: Record<string, NativeMethod> = {
    addDays: calendarAdder('Datetime.addDays', 'day'),
    addMonths: calendarAdder('Datetime.addMonths', 'month'),
    addYears: calendarAdder('Datetime.addYears', 'year'),
    addHours: millisAdder('Datetime.addHours', 3_600_000),
    addMinutes: millisAdder('Datetime.addMinutes', 60_000),
    addSeconds: millisAdder('Datetime.addSeconds', 1000),
    date: (ctx, s, args) => {
        noArgs(args, 'Datetime.date');
        return T.datetimeDate(datetimeSelf(s), ctx.timeZone);
    },
    dateGmt: (_ctx, s, args) => {
        noArgs(args, 'Datetime.dateGmt');
        return T.datetimeDate(datetimeSelf(s), GMT);
    },
    time: (ctx, s, args) => {
        noArgs(args, 'Datetime.time');
        return T.datetimeTime(datetimeSelf(s), ctx.timeZone);
    },
    timeGmt: (_ctx, s, args) => {
        noArgs(args, 'Datetime.timeGmt');
        return T.datetimeTime(datetimeSelf(s), GMT);
    },
    getTime: (_ctx, s, args) => {
        noArgs(args, 'Datetime.getTime');
        return BigInt(datetimeSelf(s).epochMs);
    },
    isSameDay: (ctx, s, args) => {
        arity(args, [1], 'Datetime.isSameDay');
        const other = args[0];
        if (!(other instanceof ApexDatetime))
            throw new UnsupportedError('Datetime.isSameDay with a non-Datetime argument');
        return (
            T.compareDates(
                T.datetimeDate(datetimeSelf(s), ctx.timeZone),
                T.datetimeDate(other, ctx.timeZone)
            ) === 0
        );
    },
    format: (ctx, s, args) => {
        const n = arity(args, [0, 1, 2], 'Datetime.format');
        const dt = datetimeSelf(s);
        if (n === 0) return T.formatDatetime(dt, ctx.timeZone, ctx.locale);
        const pattern = stringArg(args[0], 'Datetime.format');
        if (n === 1) return T.formatPattern(dt.epochMs, pattern, ctx.timeZone, ctx.locale);
        return T.formatPatternInZone(dt.epochMs, pattern, stringArg(args[1], 'Datetime.format'), ctx.locale);
    },
    formatGmt: (ctx, s, args) => {
        arity(args, [1], 'Datetime.formatGmt');
        return T.formatPattern(
            datetimeSelf(s).epochMs,
            stringArg(args[0], 'Datetime.formatGmt'),
            GMT,
            ctx.locale
        );
    },
    formatLong: () => {
        throw new UnsupportedError('Datetime.formatLong() (long format under ICU locale formats unverified)');
    }
};
for (const [name, fn] of Object.entries(COMPONENTS)) {
    datetimeMethods[name] = component(`Datetime.${name}`, fn, false);
    datetimeMethods[`${name}Gmt`] = component(`Datetime.${name}Gmt`, fn, true);
}

function newDatetime(args: ApexValue[], tz: string, what: string): ApexDatetime {
    const n = arity(args, tz === GMT ? [2, 3, 6] : [1, 2, 3, 6], what);
    if (n === 1) {
        const ms = args[0];
        if (typeof ms !== 'bigint' && typeof ms !== 'number')
            throw new UnsupportedError(`${what} with a non-Long argument`);
        return new ApexDatetime(Number(ms));
    }
    if (n === 2) return T.datetimeFromDateTime(dateArg(args[0], what), timeArg(args[1], what), tz);
    const [y, m, d, h, mi, s] = ints(args, what);
    return T.newDatetime(tz, y, m, d, h, mi, s);
}

export const DATETIME_TYPE: NativeType = {
    name: 'Datetime',
    instance: methods<NativeMethod>(datetimeMethods),
    statics: methods<NativeStatic>({
        now: (ctx, args) => {
            noArgs(args, 'Datetime.now');
            return new ApexDatetime(ctx.now());
        },
        newInstance: (ctx, args) => newDatetime(args, ctx.timeZone, 'Datetime.newInstance'),
        newInstanceGmt: (_ctx, args) => newDatetime(args, GMT, 'Datetime.newInstanceGmt'),
        valueOf: (ctx: NativeContext, args: ApexValue[]) => {
            arity(args, [1], 'Datetime.valueOf');
            const v = args[0];
            if (typeof v === 'string') return T.datetimeValueOf(v, ctx.timeZone, 'Datetime.valueOf');
            if (v instanceof ApexDatetime) return v;
            throw new UnsupportedError(`Datetime.valueOf(${v === null ? 'null' : v.constructor.name})`);
        },
        valueOfGmt: (_ctx, args) => {
            arity(args, [1], 'Datetime.valueOfGmt');
            return T.datetimeValueOf(stringArg(args[0], 'Datetime.valueOfGmt'), GMT, 'Datetime.valueOfGmt');
        },
        parse: (ctx, args) => {
            arity(args, [1], 'Datetime.parse');
            return T.parseDatetime(stringArg(args[0], 'Datetime.parse'), ctx.timeZone, ctx.locale);
        }
    })
};

// ---------------------------------------------------------------------------------------------------------
// Time

function timeGetter(what: string, fn: (t: ApexTime) => number): NativeMethod {
    return (_ctx, s, args) => {
        noArgs(args, what);
        return fn(timeSelf(s));
    };
}

function timeAdder(what: string, unitMs: number): NativeMethod {
    return (_ctx, s, args) => {
        arity(args, [1], what);
        return T.addTimeMs(timeSelf(s), intArg(args[0], what) * unitMs);
    };
}

export const TIME_TYPE: NativeType = {
    name: 'Time',
    instance: methods<NativeMethod>({
        addHours: timeAdder('Time.addHours', 3_600_000),
        addMinutes: timeAdder('Time.addMinutes', 60_000),
        addSeconds: timeAdder('Time.addSeconds', 1000),
        addMilliseconds: timeAdder('Time.addMilliseconds', 1),
        hour: timeGetter('Time.hour', (t) => t.hour),
        minute: timeGetter('Time.minute', (t) => t.minute),
        second: timeGetter('Time.second', (t) => t.second),
        millisecond: timeGetter('Time.millisecond', (t) => t.millisecond)
    }),
    statics: methods<NativeStatic>({
        newInstance: (_ctx, args) => {
            arity(args, [4], 'Time.newInstance');
            const [h, m, s, ms] = ints(args, 'Time.newInstance');
            return T.newTime(h, m, s, ms);
        }
    })
};

export const DATE_TYPES = new Map<string, NativeType>([
    ['date', DATE_TYPE],
    ['datetime', DATETIME_TYPE],
    ['time', TIME_TYPE]
]);
