/**
 * Date, Datetime and Time semantics. A Date is a civil date; a Datetime an instant (epoch ms) shown in the
 * running user's time zone; a Time a wall-clock time of day (Time.newInstance: "UTC is assumed").
 *
 * Sources (Apex Reference, read for this file): Date Class (apex_methods_system_date.htm), Datetime Class
 * (apex_methods_system_datetime.htm), Time Class (apex_methods_system_time.htm):
 * - Date.today() is the current date in the user's time zone; daysBetween is negative when the receiver is
 *   later; monthsBetween ignores the days (2006-12-02 → 2012-12-08 is 72); format() in the U.S. locale gives
 *   '3/21/2001'; toStartOfWeek depends on the locale ("Sunday in the United States locale").
 * - Date.valueOf / Datetime.valueOf take "yyyy-MM-dd HH:mm:ss" in the local time zone (the doc example builds
 *   '2008-10-5 12:20:20', so fields need no zero padding); valueOfGmt reads it in GMT.
 * - Datetime.format() in en_US (ICU locale formats): '6/6/1993, 3:03 AM'; format(pattern) uses Java
 *   SimpleDateFormat in the local zone; format(pattern, tz) falls back to GMT for a zone "not in the correct
 *   format"; formatGmt('EEE, MMM d yyyy HH:mm:ss') gives 'Sun, Jun 6 1993 10:03:03'.
 * - Datetime ± Integer/Double shifts by days; Date ± Integer by days (Apex Developer Guide, Primitive Data Types).
 * Community knowledge (unverified, noted where used): addMonths clamps to the month's last day (Java Calendar);
 * Date.newInstance rolls over out-of-range months and days (salesforce.stackexchange.com/questions/167737:
 * Date.newInstance(2016, 27, 7) debugs as 2018-03-07); `Invalid date: <text>` TypeException messages
 * (raydehler.com "parse vs valueOf for Date in Apex", observed).
 */
import {
    ApexDate,
    ApexDatetime,
    ApexDouble,
    ApexSystemError,
    ApexTime,
    Decimal,
    UnsupportedError,
    type ApexValue
} from './model';
import * as D from './decimal';

export const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------------------
// Civil calendar (proleptic Gregorian, which Java's calendar follows after 1582)

function floorDiv(a: number, b: number): number {
    return Math.floor(a / b);
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
export function epochDay(year: number, month: number, day: number): number {
    const y = month <= 2 ? year - 1 : year;
    const era = floorDiv(y, 400);
    const yoe = y - era * 400;
    const mp = (month + 9) % 12;
    const doy = floorDiv(153 * mp + 2, 5) + day - 1;
    const doe = yoe * 365 + floorDiv(yoe, 4) - floorDiv(yoe, 100) + doy;
    return era * 146097 + doe - 719468;
}

export function dateFromEpochDay(n: number): ApexDate {
    const z = n + 719468;
    const era = floorDiv(z, 146097);
    const doe = z - era * 146097;
    const yoe = floorDiv(doe - floorDiv(doe, 1460) + floorDiv(doe, 36524) - floorDiv(doe, 146096), 365);
    const doy = doe - (365 * yoe + floorDiv(yoe, 4) - floorDiv(yoe, 100));
    const mp = floorDiv(5 * doy + 2, 153);
    const day = doy - floorDiv(153 * mp + 2, 5) + 1;
    const month = mp < 10 ? mp + 3 : mp - 9;
    return checkYear(new ApexDate(yoe + era * 400 + (month <= 2 ? 1 : 0), month, day));
}

/** Java's GregorianCalendar is Julian before 1582-10-15; years past 9999 have no 4-digit form. */
function checkYear(d: ApexDate): ApexDate {
    if (d.year < 1583 || d.year > 9999) throw new UnsupportedError(`date in year ${d.year}`);
    return d;
}

export function isLeapYear(year: number): boolean {
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
    if (month < 1 || month > 12) throw new UnsupportedError(`Date.daysInMonth with month ${month}`);
    return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

export function toEpochDay(d: ApexDate): number {
    return epochDay(d.year, d.month, d.day);
}

/** A date known to exist. */
function validDate(year: number, month: number, day: number): ApexDate {
    return checkYear(new ApexDate(year, month, day));
}

/** Year and month after adding months to (year, month), month 1-12. */
function shiftMonth(year: number, month: number, months: number): [number, number] {
    const total = year * 12 + (month - 1) + months;
    return [floorDiv(total, 12), total - floorDiv(total, 12) * 12 + 1];
}

/**
 * Date.newInstance: out-of-range months and days roll over (year, then + months, then + days), as observed in
 * an org (salesforce.stackexchange.com/questions/167737) and as Java's lenient calendar does.
 */
export function newDate(year: number, month: number, day: number): ApexDate {
    const [y, m] = shiftMonth(year, 1, month - 1);
    if (y < 1583) throw new UnsupportedError(`Date.newInstance(${year}, ${month}, ${day})`);
    return dateFromEpochDay(epochDay(y, m, 1) + day - 1);
}

export function addDays(d: ApexDate, days: number): ApexDate {
    return days === 0 ? d : dateFromEpochDay(toEpochDay(d) + days);
}

/** Adds months, clamping the day to the target month's length (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(d: ApexDate, months: number): ApexDate {
    const [y, m] = shiftMonth(d.year, d.month, months);
    if (y < 1583 || y > 9999) throw new UnsupportedError(`date in year ${y}`);
    return validDate(y, m, Math.min(d.day, daysInMonth(y, m)));
}

export function addYears(d: ApexDate, years: number): ApexDate {
    return addMonths(d, years * 12);
}

export function daysBetween(a: ApexDate, b: ApexDate): number {
    return toEpochDay(b) - toEpochDay(a);
}

export function monthsBetween(a: ApexDate, b: ApexDate): number {
    return (b.year - a.year) * 12 + (b.month - a.month);
}

export function dayOfYear(d: ApexDate): number {
    return toEpochDay(d) - epochDay(d.year, 1, 1) + 1;
}

/** 1 = Monday … 7 = Sunday. */
export function isoDayOfWeek(d: ApexDate): number {
    return ((((toEpochDay(d) + 3) % 7) + 7) % 7) + 1;
}

/** First day of the week by locale (CLDR/Java agree for these): 7 = Sunday, 1 = Monday. */
const FIRST_DAY_OF_WEEK: Record<string, number> = { en_us: 7, ja_jp: 7 };

export function toStartOfWeek(d: ApexDate, locale: string): ApexDate {
    const first = FIRST_DAY_OF_WEEK[locale.toLowerCase()];
    if (!first) throw new UnsupportedError(`Date.toStartOfWeek for locale ${locale}`);
    const back = (isoDayOfWeek(d) - first + 7) % 7;
    return addDays(d, -back);
}

export function compareDates(a: ApexDate, b: ApexDate): number {
    return a.year - b.year || a.month - b.month || a.day - b.day;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** String.valueOf(Date): 'yyyy-MM-dd'. */
export function dateToString(d: ApexDate): string {
    return `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

/** A Date in string concatenation / System.debug: with a midnight time part (Primitive Data Types). */
export function dateToConcatString(d: ApexDate): string {
    return `${dateToString(d)} 00:00:00`;
}

interface LocaleFormats {
    /** Date.format() */
    date: (d: ApexDate) => string;
    /** Datetime.format(): date and time of day in ICU short styles. */
    datetime: (d: ApexDate, hour: number, minute: number) => string;
    dateParse: RegExp;
    dateParseOrder: 'mdy' | 'ymd';
}

const LOCALE_FORMATS: Record<string, LocaleFormats> = {
    en_us: {
        date: (d) => `${d.month}/${d.day}/${d.year}`,
        datetime: (d, h, m) =>
            `${d.month}/${d.day}/${d.year}, ${h % 12 === 0 ? 12 : h % 12}:${pad(m, 2)} ${h < 12 ? 'AM' : 'PM'}`,
        dateParse: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/,
        dateParseOrder: 'mdy'
    },
    // ICU ja short styles: date "y/MM/dd", time "H:mm".
    ja_jp: {
        date: (d) => `${d.year}/${pad(d.month, 2)}/${pad(d.day, 2)}`,
        datetime: (d, h, m) => `${d.year}/${pad(d.month, 2)}/${pad(d.day, 2)} ${h}:${pad(m, 2)}`,
        dateParse: /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
        dateParseOrder: 'ymd'
    }
};

function localeFormats(locale: string, what: string): LocaleFormats {
    const f = LOCALE_FORMATS[locale.toLowerCase()];
    if (!f) throw new UnsupportedError(`${what} for locale ${locale}`);
    return f;
}

export function formatDate(d: ApexDate, locale: string): string {
    return localeFormats(locale, 'Date.format()').date(d);
}

function invalidDate(text: string): never {
    throw new ApexSystemError('TypeException', `Invalid date: ${text}`);
}

/** Only dates that exist are read; an impossible one (2026-02-30) has no documented outcome. */
function existingDate(year: number, month: number, day: number, text: string, what: string): ApexDate {
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
        throw new UnsupportedError(
            `${what}('${text}') of an impossible date (platform behaviour unverified)`
        );
    }
    return validDate(year, month, day);
}

/** Date.parse(String) in the user's locale's short date format (en_US M/d/yyyy, ja_JP yyyy/MM/dd). */
export function parseDate(text: string, locale: string): ApexDate {
    const f = localeFormats(locale, 'Date.parse');
    const m = f.dateParse.exec(text);
    if (!m) invalidDate(text);
    const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return f.dateParseOrder === 'mdy'
        ? existingDate(c, a, b, text, 'Date.parse')
        : existingDate(a, b, c, text, 'Date.parse');
}

const STANDARD_FORMAT = /^(\d{4})-(\d{1,2})-(\d{1,2})(?: (\d{1,2}):(\d{1,2}):(\d{1,2}))?$/;

interface StandardFields {
    date: ApexDate;
    hour: number;
    minute: number;
    second: number;
    hasTime: boolean;
}

function parseStandard(text: string, what: string): StandardFields | null {
    const m = STANDARD_FORMAT.exec(text);
    if (!m) return null;
    const date = existingDate(Number(m[1]), Number(m[2]), Number(m[3]), text, what);
    const [hour, minute, second] = [m[4], m[5], m[6]].map((x) => (x === undefined ? 0 : Number(x)));
    if (hour > 23 || minute > 59 || second > 59)
        throw new UnsupportedError(`${what}('${text}') with an out-of-range time`);
    return { date, hour, minute, second, hasTime: m[4] !== undefined };
}

/** Date.valueOf(String): 'yyyy-MM-dd' with an optional ' HH:mm:ss' part. */
export function dateValueOf(text: string): ApexDate {
    const f = parseStandard(text, 'Date.valueOf');
    if (!f) invalidDate(text);
    return f.date;
}

// ---------------------------------------------------------------------------------------------------------
// Time zones (Intl; DateTimeFormat instances are slow to build, so one per zone is cached)

export interface LocalFields {
    year: number;
    month: number;
    day: number;
    hour: number;
    minute: number;
    second: number;
    millisecond: number;
}

const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

function isUtc(tz: string): boolean {
    return tz === 'GMT' || tz === 'UTC' || tz === 'Etc/UTC' || tz === 'Etc/GMT';
}

function formatterFor(tz: string): Intl.DateTimeFormat {
    let f = FORMATTERS.get(tz);
    if (!f) {
        f = new Intl.DateTimeFormat('en-US', {
            timeZone: tz,
            hourCycle: 'h23',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric'
        });
        FORMATTERS.set(tz, f);
    }
    return f;
}

/** True when Intl knows the zone id (IANA names such as Asia/Tokyo). */
export function isKnownTimeZone(tz: string): boolean {
    if (isUtc(tz)) return true;
    try {
        formatterFor(tz);
        return true;
    } catch {
        return false;
    }
}

export function localFields(epochMs: number, tz: string): LocalFields {
    const millisecond = ((epochMs % 1000) + 1000) % 1000;
    if (isUtc(tz)) {
        const t = new Date(epochMs);
        return {
            year: t.getUTCFullYear(),
            month: t.getUTCMonth() + 1,
            day: t.getUTCDate(),
            hour: t.getUTCHours(),
            minute: t.getUTCMinutes(),
            second: t.getUTCSeconds(),
            millisecond
        };
    }
    const parts: Record<string, number> = {};
    for (const p of formatterFor(tz).formatToParts(new Date(epochMs))) {
        if (p.type !== 'literal') parts[p.type] = Number(p.value);
    }
    return {
        year: parts.year,
        month: parts.month,
        day: parts.day,
        hour: parts.hour,
        minute: parts.minute,
        second: parts.second,
        millisecond
    };
}

/** The fields read as if they were UTC (a "wall clock" instant). */
function wallMs(f: LocalFields): number {
    return (
        epochDay(f.year, f.month, f.day) * DAY_MS +
        ((f.hour * 60 + f.minute) * 60 + f.second) * 1000 +
        f.millisecond
    );
}

/** Offset of the zone from UTC at the instant, in ms (Asia/Tokyo: +9h). */
export function offsetAt(epochMs: number, tz: string): number {
    return isUtc(tz) ? 0 : wallMs(localFields(epochMs, tz)) - epochMs;
}

/**
 * The instant at which the zone's clock shows the wall time. A wall time skipped by a daylight-saving change, or
 * shown twice, has no single answer here (Java resolves both by rules not verified for Apex): Unsupported.
 */
export function instantFromWall(wall: number, tz: string): number {
    if (isUtc(tz)) return wall;
    const found = new Set<number>();
    for (const probe of [wall - DAY_MS / 2, wall, wall + DAY_MS / 2]) {
        const candidate = wall - offsetAt(probe, tz);
        if (wallMs(localFields(candidate, tz)) === wall) found.add(candidate);
    }
    if (found.size !== 1) {
        throw new UnsupportedError(
            `local time ${formatPattern(wall, 'yyyy-MM-dd HH:mm:ss', 'UTC', 'en_US')} in ${tz} (daylight-saving change)`
        );
    }
    return [...found][0];
}

// ---------------------------------------------------------------------------------------------------------
// Datetime

/** Lenient wall time from fields (months, days, hours... roll over as in Date.newInstance). */
function wallFromFields(
    year: number,
    month: number,
    day: number,
    hour: number,
    minute: number,
    second: number,
    ms = 0
): number {
    const [y, m] = shiftMonth(year, 1, month - 1);
    if (y < 1583 || y > 9999) throw new UnsupportedError(`Datetime in year ${y}`);
    return epochDay(y, m, 1) * DAY_MS + (day - 1) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}

export function newDatetime(
    tz: string,
    year: number,
    month: number,
    day: number,
    hour = 0,
    minute = 0,
    second = 0
): ApexDatetime {
    return new ApexDatetime(instantFromWall(wallFromFields(year, month, day, hour, minute, second), tz));
}

export function datetimeFromDateTime(d: ApexDate, t: ApexTime, tz: string): ApexDatetime {
    return new ApexDatetime(instantFromWall(toEpochDay(d) * DAY_MS + timeToMs(t), tz));
}

/**
 * A Date converted to a Datetime ("the time component being zeroed out"): midnight GMT. The zone is community
 * knowledge (gist.github.com/cemerson/fda71148b5bbe5627a5dd6bb96164e2d and salesforce.stackexchange.com/a/218059:
 * such a Datetime formatted in a US zone shows the previous day).
 */
export function dateToDatetime(d: ApexDate): ApexDatetime {
    return new ApexDatetime(toEpochDay(d) * DAY_MS);
}

export function datetimeDate(dt: ApexDatetime, tz: string): ApexDate {
    const f = localFields(dt.epochMs, tz);
    return validDate(f.year, f.month, f.day);
}

export function datetimeTime(dt: ApexDatetime, tz: string): ApexTime {
    const f = localFields(dt.epochMs, tz);
    return new ApexTime(f.hour, f.minute, f.second, f.millisecond);
}

/** addDays/addMonths/addYears keep the local wall-clock time (Java Calendar.add in the user's zone). */
export function addCalendar(
    dt: ApexDatetime,
    tz: string,
    unit: 'day' | 'month' | 'year',
    amount: number
): ApexDatetime {
    const f = localFields(dt.epochMs, tz);
    let date = validDate(f.year, f.month, f.day);
    date = unit === 'day' ? addDays(date, amount) : addMonths(date, unit === 'year' ? amount * 12 : amount);
    const wall =
        toEpochDay(date) * DAY_MS + ((f.hour * 60 + f.minute) * 60 + f.second) * 1000 + f.millisecond;
    return new ApexDatetime(instantFromWall(wall, tz));
}

export function addMillis(dt: ApexDatetime, ms: number): ApexDatetime {
    return new ApexDatetime(dt.epochMs + ms);
}

/** Datetime.valueOf / valueOfGmt: 'yyyy-MM-dd HH:mm:ss' read in the zone. */
export function datetimeValueOf(text: string, tz: string, what: string): ApexDatetime {
    const f = parseStandard(text, what);
    if (!f || !f.hasTime) {
        if (/^\d{4}-\d{1,2}-\d{1,2}/.test(text))
            throw new UnsupportedError(`${what}('${text}') outside 'yyyy-MM-dd HH:mm:ss'`);
        // Message: community knowledge (unverified).
        throw new ApexSystemError('TypeException', `Invalid date/time: ${text}`);
    }
    return new ApexDatetime(
        instantFromWall(toEpochDay(f.date) * DAY_MS + ((f.hour * 60 + f.minute) * 60 + f.second) * 1000, tz)
    );
}

/** Datetime.parse in the user's locale (en_US 'M/d/yyyy, h:mm a'; ja_JP 'yyyy/MM/dd H:mm'). */
export function parseDatetime(text: string, tz: string, locale: string): ApexDatetime {
    const key = locale.toLowerCase();
    let m: RegExpExecArray | null;
    let date: ApexDate;
    let hour: number;
    let minute: number;
    if (key === 'en_us' && (m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}), (\d{1,2}):(\d{2}) (AM|PM)$/.exec(text))) {
        date = existingDate(Number(m[3]), Number(m[1]), Number(m[2]), text, 'Datetime.parse');
        const h12 = Number(m[4]);
        if (h12 < 1 || h12 > 12) throw new UnsupportedError(`Datetime.parse('${text}')`);
        hour = (h12 % 12) + (m[6] === 'PM' ? 12 : 0);
        minute = Number(m[5]);
    } else if (key === 'ja_jp' && (m = /^(\d{4})\/(\d{1,2})\/(\d{1,2}) (\d{1,2}):(\d{2})$/.exec(text))) {
        date = existingDate(Number(m[1]), Number(m[2]), Number(m[3]), text, 'Datetime.parse');
        hour = Number(m[4]);
        minute = Number(m[5]);
    } else {
        localeFormats(locale, 'Datetime.parse');
        throw new UnsupportedError(`Datetime.parse('${text}') (outside the locale's exact short format)`);
    }
    if (hour > 23 || minute > 59) throw new UnsupportedError(`Datetime.parse('${text}')`);
    return new ApexDatetime(instantFromWall(toEpochDay(date) * DAY_MS + (hour * 60 + minute) * 60000, tz));
}

/** Datetime.format() in the user's locale and zone. */
export function formatDatetime(dt: ApexDatetime, tz: string, locale: string): string {
    const f = localFields(dt.epochMs, tz);
    return localeFormats(locale, 'Datetime.format()').datetime(
        validDate(f.year, f.month, f.day),
        f.hour,
        f.minute
    );
}

/** String.valueOf(Datetime): 'yyyy-MM-dd HH:mm:ss' in the user's time zone. */
export function datetimeToString(dt: ApexDatetime, tz: string): string {
    return formatPattern(dt.epochMs, 'yyyy-MM-dd HH:mm:ss', tz, 'en_US');
}

/** The GMT form 'yyyy-MM-dd HH:mm:ss' (as System.debug shows a Datetime). */
export function datetimeToGmtString(dt: ApexDatetime): string {
    return formatPattern(dt.epochMs, 'yyyy-MM-dd HH:mm:ss', 'GMT', 'en_US');
}

// ---------------------------------------------------------------------------------------------------------
// Java SimpleDateFormat (the letters whose output is certain; others are Unsupported)

const MONTHS = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December'
];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Java's short names for common zones: [standard, daylight, standard offset in hours]. */
const ZONE_NAMES: Record<string, [string, string, number]> = {
    GMT: ['GMT', 'GMT', 0],
    UTC: ['UTC', 'UTC', 0],
    'Asia/Tokyo': ['JST', 'JST', 9],
    'America/Los_Angeles': ['PST', 'PDT', -8],
    'America/Denver': ['MST', 'MDT', -7],
    'America/Chicago': ['CST', 'CDT', -6],
    'America/New_York': ['EST', 'EDT', -5],
    'Europe/London': ['GMT', 'BST', 0]
};

function isEnglish(locale: string): boolean {
    return /^en(_|$)/i.test(locale);
}

function textField(locale: string, letter: string): void {
    if (!isEnglish(locale)) throw new UnsupportedError(`date format letter '${letter}' in locale ${locale}`);
}

function offsetText(offsetMs: number, count: number, iso: boolean): string {
    if (iso && offsetMs === 0) return 'Z';
    const sign = offsetMs < 0 ? '-' : '+';
    const total = Math.abs(offsetMs) / 60000;
    const h = pad(Math.floor(total / 60), 2);
    const m = pad(total % 60, 2);
    if (!iso) return `${sign}${h}${m}`;
    if (count === 1) {
        if (total % 60 !== 0)
            throw new UnsupportedError("date format 'X' for a zone with an offset in minutes");
        return `${sign}${h}`;
    }
    return count === 2 ? `${sign}${h}${m}` : `${sign}${h}:${m}`;
}

function field(
    letter: string,
    count: number,
    f: LocalFields,
    epochMs: number,
    tz: string,
    locale: string
): string {
    const num = (n: number): string => pad(n, count);
    switch (letter) {
        case 'G':
            textField(locale, letter);
            return 'AD';
        case 'y':
            return count === 2 ? pad(f.year % 100, 2) : num(f.year);
        case 'M':
        case 'L':
            if (count <= 2) return num(f.month);
            textField(locale, letter);
            return count === 3 ? MONTHS[f.month - 1].slice(0, 3) : MONTHS[f.month - 1];
        case 'd':
            return num(f.day);
        case 'D':
            return num(dayOfYear(new ApexDate(f.year, f.month, f.day)));
        case 'F':
            return num(Math.floor((f.day - 1) / 7) + 1);
        case 'E': {
            textField(locale, letter);
            const name = WEEKDAYS[isoDayOfWeek(new ApexDate(f.year, f.month, f.day)) - 1];
            return count <= 3 ? name.slice(0, 3) : name;
        }
        case 'u':
            return num(isoDayOfWeek(new ApexDate(f.year, f.month, f.day)));
        case 'a':
            textField(locale, letter);
            return f.hour < 12 ? 'AM' : 'PM';
        case 'H':
            return num(f.hour);
        case 'k':
            return num(f.hour === 0 ? 24 : f.hour);
        case 'K':
            return num(f.hour % 12);
        case 'h':
            return num(f.hour % 12 === 0 ? 12 : f.hour % 12);
        case 'm':
            return num(f.minute);
        case 's':
            return num(f.second);
        case 'S':
            return num(f.millisecond);
        case 'z': {
            const names = ZONE_NAMES[tz];
            if (!names || count >= 4) throw new UnsupportedError(`date format 'z' for time zone ${tz}`);
            return offsetAt(epochMs, tz) === names[2] * 3_600_000 ? names[0] : names[1];
        }
        case 'Z':
            return offsetText(offsetAt(epochMs, tz), count, false);
        case 'X':
            if (count > 3) throw new UnsupportedError(`date format '${'X'.repeat(count)}'`);
            return offsetText(offsetAt(epochMs, tz), count, true);
    }
    throw new UnsupportedError(`date format letter '${letter}'`);
}

/** Formats an instant with a Java SimpleDateFormat pattern in the zone. */
export function formatPattern(epochMs: number, pattern: string, tz: string, locale: string): string {
    const f = localFields(epochMs, tz);
    let out = '';
    let i = 0;
    while (i < pattern.length) {
        const c = pattern[i];
        if (c === "'") {
            if (pattern[i + 1] === "'") {
                out += "'";
                i += 2;
                continue;
            }
            // '' inside a quoted run is a quote.
            let j = i + 1;
            let text = '';
            for (;;) {
                const close = pattern.indexOf("'", j);
                if (close < 0)
                    throw new UnsupportedError(`date format with an unterminated quote: ${pattern}`);
                text += pattern.slice(j, close);
                if (pattern[close + 1] === "'") {
                    text += "'";
                    j = close + 2;
                    continue;
                }
                i = close + 1;
                break;
            }
            out += text;
            continue;
        }
        if (/[A-Za-z]/.test(c)) {
            let count = 1;
            while (pattern[i + count] === c) count++;
            out += field(c, count, f, epochMs, tz, locale);
            i += count;
            continue;
        }
        out += c;
        i++;
    }
    return out;
}

/** Datetime.format(pattern, timezone): a zone id Intl does not know falls back to GMT, as documented. */
export function formatPatternInZone(epochMs: number, pattern: string, tz: string, locale: string): string {
    if (/^[A-Z]{3}$/.test(tz) && !isUtc(tz)) {
        // Java maps some three-letter ids (PST, EST...) to regions; Intl does not share that table.
        throw new UnsupportedError(`time zone id ${tz}`);
    }
    return formatPattern(epochMs, pattern, isKnownTimeZone(tz) ? tz : 'GMT', locale);
}

// ---------------------------------------------------------------------------------------------------------
// Time

export function newTime(hour: number, minute: number, second: number, ms: number): ApexTime {
    if (
        hour < 0 ||
        hour > 23 ||
        minute < 0 ||
        minute > 59 ||
        second < 0 ||
        second > 59 ||
        ms < 0 ||
        ms > 999
    ) {
        throw new UnsupportedError(`Time.newInstance(${hour}, ${minute}, ${second}, ${ms}) out of range`);
    }
    return new ApexTime(hour, minute, second, ms);
}

export function timeToMs(t: ApexTime): number {
    return ((t.hour * 60 + t.minute) * 60 + t.second) * 1000 + t.millisecond;
}

/** Adds ms, wrapping around midnight. */
export function addTimeMs(t: ApexTime, ms: number): ApexTime {
    const v = (((timeToMs(t) + ms) % DAY_MS) + DAY_MS) % DAY_MS;
    return new ApexTime(
        Math.floor(v / 3_600_000),
        Math.floor(v / 60000) % 60,
        Math.floor(v / 1000) % 60,
        v % 1000
    );
}

export function compareTimes(a: ApexTime, b: ApexTime): number {
    return timeToMs(a) - timeToMs(b);
}

/** String.valueOf(Time): 'HH:mm:ss.SSSZ' (community knowledge, e.g. '18:30:02.020Z'). */
export function timeToString(t: ApexTime): string {
    return `${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}.${pad(t.millisecond, 3)}Z`;
}

// ---------------------------------------------------------------------------------------------------------
// Operators

function integralDays(n: ApexValue, what: string): number {
    if (typeof n === 'number') return n;
    throw new UnsupportedError(
        `${what} with a ${n instanceof Decimal ? 'Decimal' : typeof n === 'bigint' ? 'Long' : 'non-Integer'}`
    );
}

/** Days as milliseconds for Datetime ± number; fractions must land on a whole millisecond. */
function daysToMs(n: ApexValue): number {
    let ms: number;
    if (typeof n === 'number') ms = n * DAY_MS;
    else if (typeof n === 'bigint') ms = Number(n) * DAY_MS;
    else if (n instanceof ApexDouble) ms = n.value * DAY_MS;
    else if (n instanceof Decimal) {
        const exact = D.multiply(n, new Decimal(BigInt(DAY_MS), 0));
        if (D.compare(exact, D.setScale(exact, 0, 'DOWN')) !== 0)
            throw new UnsupportedError('Datetime + a fraction of a millisecond');
        ms = Number(D.truncate(exact));
    } else throw new UnsupportedError('Datetime + a non-number');
    if (!Number.isSafeInteger(ms))
        throw new UnsupportedError('Datetime + days that are not a whole number of milliseconds');
    return ms;
}

/**
 * `date ± n`, `datetime ± n` (sign -1 for minus). Datetime arithmetic adds n × 24 hours; where the user's zone
 * changes its offset in between, whether Apex keeps the wall time is unverified: Unsupported.
 */
export function addNumber(
    a: ApexDate | ApexDatetime | ApexTime,
    n: ApexValue,
    sign: 1 | -1,
    tz = 'GMT'
): ApexValue {
    if (a instanceof ApexDate) return addDays(a, sign * integralDays(n, 'Date arithmetic'));
    if (a instanceof ApexDatetime) {
        const result = a.epochMs + sign * daysToMs(n);
        if (offsetAt(result, tz) !== offsetAt(a.epochMs, tz)) {
            throw new UnsupportedError(`Datetime arithmetic across a daylight-saving change in ${tz}`);
        }
        return new ApexDatetime(result);
    }
    throw new UnsupportedError('Time arithmetic with an operator');
}
