/** Calendar helpers. Business days and expiry months are counted in the business time zone (Asia/Tokyo). */

export const BUSINESS_TIME_ZONE = 'Asia/Tokyo';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** One formatter per time zone: building one costs about 20 times formatting with it. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function calendarDate(at: Date, timeZone: string = BUSINESS_TIME_ZONE): string {
    let format = dateFormats.get(timeZone);
    if (!format) {
        // Throws RangeError for an unknown zone, before anything is cached.
        format = new Intl.DateTimeFormat('en-CA', {
            timeZone,
            year: 'numeric',
            month: '2-digit',
            day: '2-digit'
        });
        dateFormats.set(timeZone, format);
    }
    const parts = format.formatToParts(at);
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Parses a real calendar date (rejects 2026-02-30); returns its UTC midnight in ms, or null. */
export function parseIsoDate(value: string): number | null {
    const m = ISO_DATE.exec(value);
    if (!m) return null;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const ms = Date.UTC(y, mo - 1, d);
    const back = new Date(ms);
    if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
    return ms;
}

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
    const a = parseIsoDate(from);
    const b = parseIsoDate(to);
    if (a === null || b === null) throw new RangeError('invalid ISO date');
    return Math.round((b - a) / 86_400_000);
}

/** WHMCS zero dates and empty strings become null; anything else is cut to YYYY-MM-DD. */
export function normaliseDate(value: string | null | undefined): string | null {
    if (!value) return null;
    const day = value.slice(0, 10);
    if (day === '0000-00-00' || parseIsoDate(day) === null) return null;
    return day;
}

/** The (year, month) of an instant in the business time zone. */
export function calendarMonth(
    at: Date,
    timeZone: string = BUSINESS_TIME_ZONE
): { year: number; month: number } {
    const [y, m] = calendarDate(at, timeZone).split('-');
    return { year: Number(y), month: Number(m) };
}
