/** Calendar helpers. Business days and expiry months are counted in the business time zone (Asia/Tokyo). */

export const BUSINESS_TIME_ZONE = 'Asia/Tokyo';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Per time zone: one formatter (building one costs about 20 times formatting with it) and the last answer
 * with its minute. Zone offsets and their changes fall on whole minutes (for any date after 1970), so one
 * minute has one calendar date: formatting, the costliest step of a card list, runs once a minute.
 */
const zones = new Map<string, { format: Intl.DateTimeFormat; minute: number; date: string }>();

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function calendarDate(at: Date, timeZone: string = BUSINESS_TIME_ZONE): string {
    let zone = zones.get(timeZone);
    if (!zone) {
        // Throws RangeError for an unknown zone, before anything is cached.
        const format = new Intl.DateTimeFormat('en-CA', {
            timeZone,
            year: 'numeric',
            month: '2-digit',
            day: '2-digit'
        });
        zone = { format, minute: Number.NaN, date: '' };
        zones.set(timeZone, zone);
    }
    const minute = Math.floor(at.getTime() / 60_000);
    if (minute !== zone.minute) {
        const parts = zone.format.formatToParts(at);
        const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
        zone.date = `${get('year')}-${get('month')}-${get('day')}`;
        zone.minute = minute;
    }
    return zone.date;
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
