/**
 * Date, Datetime and Time against the documented examples of the Apex Reference (run in the time zones the
 * examples assume: "California local time" is America/Los_Angeles), plus Tokyo/UTC midnight boundaries.
 */
import {
    ApexDate,
    ApexDatetime,
    ApexDouble,
    ApexTime,
    UnsupportedError,
    type ApexValue
} from '../values/model';
import * as T from '../values/datetime';
import * as D from '../values/decimal';
import { DATE_TYPE, DATETIME_TYPE, TIME_TYPE } from '../platform/dates';
import type { NativeContext, NativeType } from '../platform/native';
import { thrownSystemError } from './valueHelpers';

const LA = {
    locale: 'en_US',
    timeZone: 'America/Los_Angeles',
    language: 'en',
    now: () => 0
} as unknown as NativeContext;
const at = (ctx: NativeContext, overrides: Partial<NativeContext>): NativeContext =>
    ({ ...ctx, ...overrides }) as NativeContext;

function statics(type: NativeType, ctx: NativeContext) {
    return (name: string, ...args: ApexValue[]): ApexValue =>
        type.statics!.get(name.toLowerCase())!(ctx, args);
}
function instance(type: NativeType, ctx: NativeContext) {
    return (self: ApexValue, name: string, ...args: ApexValue[]): ApexValue =>
        type.instance!.get(name.toLowerCase())!(ctx, self, args);
}

const date = (y: number, m: number, d: number): ApexDate => new ApexDate(y, m, d);
const iso = (v: ApexValue): string => T.dateToString(v as ApexDate);

describe('Date', () => {
    const ds = statics(DATE_TYPE, LA);
    const di = instance(DATE_TYPE, LA);

    it('documented examples', () => {
        expect(iso(di(date(1960, 2, 17), 'addDays', 2))).toBe('1960-02-19');
        expect(iso(di(date(1990, 11, 21), 'addMonths', 3))).toBe('1991-02-21');
        expect(iso(di(date(1983, 7, 15), 'addYears', 2))).toBe('1985-07-15');
        expect(di(date(1998, 10, 21), 'dayOfYear')).toBe(294);
        expect(di(date(2008, 1, 1), 'daysBetween', date(2008, 1, 30))).toBe(29);
        expect(di(date(2008, 1, 30), 'daysBetween', date(2008, 1, 1))).toBe(-29);
        expect(ds('daysInMonth', 1960, 2)).toBe(29);
        expect(ds('isLeapYear', 2004)).toBe(true);
        expect(ds('isLeapYear', 1900)).toBe(false);
        expect(di(date(2006, 12, 2), 'monthsBetween', date(2012, 12, 8))).toBe(72);
        expect(iso(di(date(1987, 12, 17), 'toStartOfMonth'))).toBe('1987-12-01');
        expect(di(date(2001, 3, 21), 'format')).toBe('3/21/2001');
        expect(iso(ds('valueOf', '2008-10-5 12:20:20'))).toBe('2008-10-05');
        expect(iso(ds('parse', '12/27/2009'))).toBe('2009-12-27');
    });

    it('addMonths clamps to the last day: Jan 31 + 1 month → Feb 28 / Feb 29', () => {
        expect(iso(di(date(2026, 1, 31), 'addMonths', 1))).toBe('2026-02-28');
        expect(iso(di(date(2024, 1, 31), 'addMonths', 1))).toBe('2024-02-29');
        expect(iso(di(date(2024, 2, 29), 'addYears', 1))).toBe('2025-02-28');
        expect(iso(di(date(2026, 3, 31), 'addMonths', -1))).toBe('2026-02-28');
        expect(iso(di(date(2026, 1, 15), 'addMonths', 25))).toBe('2028-02-15');
    });

    it('newInstance rolls over out-of-range months and days (observed org behaviour)', () => {
        expect(iso(ds('newInstance', 2016, 27, 7))).toBe('2018-03-07');
        expect(iso(ds('newInstance', 2026, 2, 30))).toBe('2026-03-02');
        expect(iso(ds('newInstance', 2026, 3, 0))).toBe('2026-02-28');
        expect(() => ds('newInstance', 1000, 1, 1)).toThrow(UnsupportedError);
    });

    it('valueOf: wrong layout is TypeException "Invalid date: …"; an impossible date is Unsupported', () => {
        const e = thrownSystemError(() => ds('valueOf', '10/11/1983'));
        expect(e.exceptionType).toBe('TypeException');
        expect(e.message).toBe('Invalid date: 10/11/1983');
        expect(thrownSystemError(() => ds('parse', '1983-10-11')).message).toBe('Invalid date: 1983-10-11');
        expect(() => ds('valueOf', '2026-02-30')).toThrow(UnsupportedError);
        expect(iso(ds('valueOf', '2024-02-29'))).toBe('2024-02-29');
    });

    it('toStartOfWeek: Sunday in en_US and ja_JP; other locales Unsupported', () => {
        // 2024-01-03 is a Wednesday.
        expect(iso(di(date(2024, 1, 3), 'toStartOfWeek'))).toBe('2023-12-31');
        expect(iso(di(date(2023, 12, 31), 'toStartOfWeek'))).toBe('2023-12-31');
        expect(iso(instance(DATE_TYPE, at(LA, { locale: 'ja_JP' }))(date(2024, 1, 6), 'toStartOfWeek'))).toBe(
            '2023-12-31'
        );
        expect(() =>
            instance(DATE_TYPE, at(LA, { locale: 'de_DE' }))(date(2024, 1, 3), 'toStartOfWeek')
        ).toThrow(UnsupportedError);
    });

    it('format and parse in ja_JP use yyyy/MM/dd', () => {
        const ja = at(LA, { locale: 'ja_JP' });
        expect(instance(DATE_TYPE, ja)(date(2001, 3, 21), 'format')).toBe('2001/03/21');
        expect(iso(statics(DATE_TYPE, ja)('parse', '2026/2/1'))).toBe('2026-02-01');
    });

    it('today() is the date in the user time zone: Asia/Tokyo vs UTC around midnight', () => {
        const instant = Date.UTC(2026, 2, 31, 15, 30); // 2026-03-31 15:30 UTC = 2026-04-01 00:30 in Tokyo
        const tokyo = at(LA, { timeZone: 'Asia/Tokyo', now: () => instant });
        const utc = at(LA, { timeZone: 'UTC', now: () => instant });
        expect(iso(statics(DATE_TYPE, tokyo)('today'))).toBe('2026-04-01');
        expect(iso(statics(DATE_TYPE, utc)('today'))).toBe('2026-03-31');
    });

    it('String forms and operators', () => {
        expect(T.dateToString(date(2026, 2, 1))).toBe('2026-02-01');
        expect(T.dateToConcatString(date(2026, 2, 1))).toBe('2026-02-01 00:00:00');
        expect(iso(T.addNumber(date(2026, 2, 28), 1, 1))).toBe('2026-03-01');
        expect(iso(T.addNumber(date(2026, 3, 1), 1, -1))).toBe('2026-02-28');
        expect(() => T.addNumber(date(2026, 3, 1), D.decimalValueOf('1.5'), 1)).toThrow(UnsupportedError);
    });
});

describe('Datetime', () => {
    const ts = statics(DATETIME_TYPE, LA);
    const ti = instance(DATETIME_TYPE, LA);
    const ms = (v: ApexValue): number => (v as ApexDatetime).epochMs;

    it('documented examples in California local time', () => {
        expect(ti(ts('newInstanceGmt', 2007, 6, 23, 3, 3, 3), 'getTime')).toBe(1182567783000n);
        expect(ms(ts('newInstance', 1341828183000n))).toBe(ms(ts('newInstance', 2012, 7, 9, 3, 3, 3)));
        expect(iso(ti(ts('newInstance', 2006, 3, 16, 23, 0, 0), 'dateGmt'))).toBe('2006-03-17');
        expect(iso(ti(ts('newInstance', 2006, 3, 16, 12, 6, 13), 'date'))).toBe('2006-03-16');
        expect(ti(ts('newInstance', 1987, 1, 14, 23, 0, 3), 'dayGmt')).toBe(15);
        expect(ti(ts('newInstance', 2000, 4, 27, 3, 3, 3), 'hourGmt')).toBe(10);
        expect(ti(ts('newInstance', 1999, 2, 5, 23, 0, 3), 'dayOfYearGmt')).toBe(37);
        expect(ti(ts('newInstance', 2008, 2, 5, 8, 30, 12), 'dayOfYear')).toBe(36);
        expect(ms(ts('newInstanceGmt', 1998, 1, 29, 2, 2, 3))).toBe(
            ms(ts('newInstance', 1998, 1, 28, 18, 2, 3))
        );
        expect(ms(ts('valueOfGmt', '2009-3-5 5:2:2'))).toBe(ms(ts('newInstance', 2009, 3, 4, 21, 2, 2)));
        const t = ti(ts('newInstance', 2004, 1, 27, 4, 1, 2), 'timeGmt') as ApexTime;
        expect([t.hour, t.minute, t.second, t.millisecond]).toEqual([12, 1, 2, 0]);
        expect(ti(ts('newInstanceGmt', 1999, 9, 22, 3, 1, 2), 'second')).toBe(2);
    });

    it.each([
        ['addDays', [1960, 2, 17], 2, [1960, 2, 19]],
        ['addHours', [1997, 1, 31, 7, 8, 16], 3, [1997, 1, 31, 10, 8, 16]],
        ['addMinutes', [1999, 2, 11, 8, 6, 16], 7, [1999, 2, 11, 8, 13, 16]],
        ['addMonths', [2000, 7, 7, 7, 8, 12], 1, [2000, 8, 7, 7, 8, 12]],
        ['addSeconds', [2001, 7, 19, 10, 7, 12], 4, [2001, 7, 19, 10, 7, 16]],
        ['addYears', [2009, 12, 17, 13, 6, 6], 1, [2010, 12, 17, 13, 6, 6]]
    ] as [string, number[], number, number[]][])('%s (documented example)', (method, from, n, to) => {
        expect(ms(ti(ts('newInstance', ...from), method, n))).toBe(ms(ts('newInstance', ...to)));
    });

    it('addDays keeps the local wall time', () => {
        // addDays keeps the wall time across the March 2026 daylight-saving change.
        const before = ts('newInstance', 2026, 3, 7, 12, 0, 0);
        expect(ti(ti(before, 'addDays', 1), 'hour')).toBe(12);
    });

    it('format, format(pattern), format(pattern, tz), formatGmt (documented examples)', () => {
        const dt = ts('newInstance', 1993, 6, 6, 3, 3, 3);
        expect(ti(dt, 'format')).toBe('6/6/1993, 3:03 AM');
        expect(ti(dt, 'formatGmt', 'EEE, MMM d yyyy HH:mm:ss')).toBe('Sun, Jun 6 1993 10:03:03');
        expect(ti(ts('newInstance', 2022, 5, 4, 19, 37, 55), 'format', 'yyyy-MM-dd h:mm a')).toBe(
            '2022-05-04 7:37 PM'
        );
        expect(
            ti(
                ts('newInstanceGmt', 2011, 6, 1, 12, 1, 5),
                'format',
                'MM/dd/yyyy HH:mm:ss',
                'America/New_York'
            )
        ).toBe('06/01/2011 08:01:05');
        // An unknown zone falls back to GMT, as documented.
        expect(ti(ts('newInstanceGmt', 2011, 6, 1, 12, 1, 5), 'format', 'HH:mm', 'Not/AZone')).toBe('12:01');
        const parsed = ts('parse', '10/14/2011, 11:46 AM');
        expect(ti(parsed, 'format')).toBe('10/14/2011, 11:46 AM');
    });

    it('SimpleDateFormat letters, quotes, zones', () => {
        const instant = Date.UTC(2026, 0, 5, 3, 4, 5, 7); // Monday
        const f = (p: string, tz = 'Asia/Tokyo') => T.formatPattern(instant, p, tz, 'en_US');
        expect(f("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")).toBe('2026-01-05T12:04:05.007+09:00');
        expect(f("yyyy-MM-dd'T'HH:mm:ss'Z'", 'GMT')).toBe('2026-01-05T03:04:05Z');
        expect(f("h 'o''clock' a, EEEE MMMM d, yy")).toBe("12 o'clock PM, Monday January 5, 26");
        expect(f('z Z X XX', 'Asia/Tokyo')).toBe('JST +0900 +09 +0900');
        expect(f('z X', 'GMT')).toBe('GMT Z');
        expect(f('z', 'America/Los_Angeles')).toBe('PST');
        expect(T.formatPattern(Date.UTC(2026, 6, 1), 'z Z', 'America/Los_Angeles', 'en_US')).toBe(
            'PDT -0700'
        );
        expect(f('D u k K S s')).toBe('5 1 12 0 7 5');
        expect(() => f('YYYY')).toThrow(UnsupportedError);
        expect(() => f('w')).toThrow(UnsupportedError);
        expect(() => T.formatPattern(instant, 'MMM', 'UTC', 'ja_JP')).toThrow(UnsupportedError);
    });

    it('Asia/Tokyo vs UTC around midnight', () => {
        const tokyo = at(LA, { timeZone: 'Asia/Tokyo', locale: 'ja_JP' });
        const dt = statics(DATETIME_TYPE, tokyo)('newInstance', 2026, 1, 1, 0, 0, 0) as ApexDatetime;
        expect(new Date(dt.epochMs).toISOString()).toBe('2025-12-31T15:00:00.000Z');
        const i = instance(DATETIME_TYPE, tokyo);
        expect(iso(i(dt, 'date'))).toBe('2026-01-01');
        expect(iso(i(dt, 'dateGmt'))).toBe('2025-12-31');
        expect(i(dt, 'hourGmt')).toBe(15);
        expect(i(dt, 'format')).toBe('2026/01/01 0:00');
        expect(T.datetimeToString(dt, 'Asia/Tokyo')).toBe('2026-01-01 00:00:00');
        expect(T.datetimeToGmtString(dt)).toBe('2025-12-31 15:00:00');
        expect(ms(statics(DATETIME_TYPE, tokyo)('valueOf', '2026-01-01 00:00:00'))).toBe(dt.epochMs);
    });

    it('a local time skipped by daylight saving is Unsupported', () => {
        expect(() => ts('newInstance', 2026, 3, 8, 2, 30, 0)).toThrow(UnsupportedError);
    });

    it('valueOf outside the documented layout', () => {
        expect(() => ts('valueOf', '2026-01-01T00:00:00Z')).toThrow(UnsupportedError);
        expect(thrownSystemError(() => ts('valueOf', 'abc')).exceptionType).toBe('TypeException');
    });

    it('Datetime ± days', () => {
        const dt = new ApexDatetime(Date.UTC(2026, 0, 1));
        expect((T.addNumber(dt, 1, 1, 'Asia/Tokyo') as ApexDatetime).epochMs).toBe(Date.UTC(2026, 0, 2));
        expect((T.addNumber(dt, new ApexDouble(0.5), -1, 'Asia/Tokyo') as ApexDatetime).epochMs).toBe(
            Date.UTC(2025, 11, 31, 12)
        );
        expect((T.addNumber(dt, D.decimalValueOf('0.25'), 1, 'UTC') as ApexDatetime).epochMs).toBe(
            Date.UTC(2026, 0, 1, 6)
        );
        const beforeDst = new ApexDatetime(Date.UTC(2026, 2, 7, 20));
        expect(() => T.addNumber(beforeDst, 1, 1, 'America/Los_Angeles')).toThrow(UnsupportedError);
    });
});

describe('Time', () => {
    const ts = statics(TIME_TYPE, LA);
    const ti = instance(TIME_TYPE, LA);
    const parts = (v: ApexValue): number[] => {
        const t = v as ApexTime;
        return [t.hour, t.minute, t.second, t.millisecond];
    };

    it('documented examples', () => {
        expect(parts(ti(ts('newInstance', 1, 2, 3, 4), 'addHours', 3))).toEqual([4, 2, 3, 4]);
        expect(parts(ti(ts('newInstance', 1, 2, 3, 0), 'addMilliseconds', 1400))).toEqual([1, 2, 4, 400]);
        expect(parts(ti(ts('newInstance', 1, 2, 55, 0), 'addSeconds', 10))).toEqual([1, 3, 5, 0]);
        expect(ti(ti(ts('newInstance', 18, 30, 2, 20), 'addHours', 2), 'hour')).toBe(20);
        expect(ti(ts('newInstance', 3, 14, 15, 926), 'millisecond')).toBe(926);
        expect(ti(ts('newInstance', 3, 14, 15, 926), 'minute')).toBe(14);
        expect(ti(ts('newInstance', 3, 14, 15, 926), 'second')).toBe(15);
    });

    it('wraps around midnight; out-of-range fields are Unsupported', () => {
        expect(parts(ti(ts('newInstance', 23, 0, 0, 0), 'addHours', 2))).toEqual([1, 0, 0, 0]);
        expect(parts(ti(ts('newInstance', 0, 0, 0, 0), 'addMinutes', -1))).toEqual([23, 59, 0, 0]);
        expect(() => ts('newInstance', 24, 0, 0, 0)).toThrow(UnsupportedError);
        expect(T.timeToString(new ApexTime(18, 30, 2, 20))).toBe('18:30:02.020Z');
    });
});

describe('Date to Datetime', () => {
    it('is midnight GMT, so a US zone shows the previous evening', () => {
        const dt = T.dateToDatetime(date(2024, 1, 5));
        expect(T.datetimeToGmtString(dt)).toBe('2024-01-05 00:00:00');
        expect(T.formatPattern(dt.epochMs, 'yyyy-MM-dd HH:mm', 'America/Los_Angeles', 'en_US')).toBe(
            '2024-01-04 16:00'
        );
    });
});
