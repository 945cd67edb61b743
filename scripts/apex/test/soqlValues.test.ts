import { ApexDate, ApexDatetime, ApexDouble, Decimal, type ApexValue } from '../values/model';
import {
    compareNorm,
    dateLiteralRange,
    dayInZone,
    divideExact,
    lexableLikeEscapes,
    likeRegExp,
    normalize,
    numberLiteral,
    parseDatetimeLiteral,
    startOfDay,
    unquote
} from '../data/soqlValues';
import { dateFromEpochDay, toEpochDay } from '../values/datetime';

const day = (y: number, m: number, d: number) => toEpochDay(new ApexDate(y, m, d));
const range = (name: string, today: ApexDate, n?: number, locale?: string) => {
    const r = dateLiteralRange(name, n, toEpochDay(today), locale);
    const last = dateFromEpochDay(r.to - 1);
    const first = dateFromEpochDay(r.from);
    return `${first.year}-${first.month}-${first.day}..${last.year}-${last.month}-${last.day}`;
};

describe('SOQL date literals', () => {
    const today = new ApexDate(2026, 2, 10); // a Tuesday
    test.each([
        ['TODAY', undefined, '2026-2-10..2026-2-10'],
        ['YESTERDAY', undefined, '2026-2-9..2026-2-9'],
        ['TOMORROW', undefined, '2026-2-11..2026-2-11'],
        ['THIS_MONTH', undefined, '2026-2-1..2026-2-28'],
        ['LAST_MONTH', undefined, '2026-1-1..2026-1-31'],
        ['NEXT_MONTH', undefined, '2026-3-1..2026-3-31'],
        ['LAST_90_DAYS', undefined, '2025-11-12..2026-2-10'],
        ['NEXT_90_DAYS', undefined, '2026-2-11..2026-5-11'],
        ['LAST_N_DAYS', 7, '2026-2-3..2026-2-10'],
        ['NEXT_N_DAYS', 2, '2026-2-11..2026-2-12'],
        ['N_DAYS_AGO', 3, '2026-2-7..2026-2-7'],
        ['LAST_N_MONTHS', 2, '2025-12-1..2026-1-31'],
        ['NEXT_N_MONTHS', 1, '2026-3-1..2026-3-31'],
        ['N_MONTHS_AGO', 12, '2025-2-1..2025-2-28'],
        ['THIS_QUARTER', undefined, '2026-1-1..2026-3-31'],
        ['LAST_QUARTER', undefined, '2025-10-1..2025-12-31'],
        ['NEXT_N_QUARTERS', 2, '2026-4-1..2026-9-30'],
        ['THIS_YEAR', undefined, '2026-1-1..2026-12-31'],
        ['LAST_N_YEARS', 2, '2024-1-1..2025-12-31'],
        ['N_YEARS_AGO', 1, '2025-1-1..2025-12-31']
    ])('%s %s', (name, n, expected) => {
        expect(range(name, today, n)).toBe(expected);
    });

    test('weeks follow the first day of week given', () => {
        expect(range('THIS_WEEK', today, undefined, 'ja_JP')).toBe('2026-2-8..2026-2-14');
        expect(range('NEXT_WEEK', today, undefined, 'en_US')).toBe('2026-2-15..2026-2-21');
        expect(range('LAST_N_WEEKS', today, 2, 'ja_JP')).toBe('2026-1-25..2026-2-7');
        expect(() => range('THIS_WEEK', today)).toThrow('locale');
    });

    test('days start at local midnight, across daylight saving changes', () => {
        // 2026-03-08: US clocks go forward at 02:00; midnight is still UTC-5.
        expect(new Date(startOfDay(day(2026, 3, 8), 'America/New_York')).toISOString()).toBe(
            '2026-03-08T05:00:00.000Z'
        );
        expect(new Date(startOfDay(day(2026, 3, 9), 'America/New_York')).toISOString()).toBe(
            '2026-03-09T04:00:00.000Z'
        );
        expect(new Date(startOfDay(day(2026, 3, 15), 'Asia/Tokyo')).toISOString()).toBe(
            '2026-03-14T15:00:00.000Z'
        );
        expect(dayInZone(Date.UTC(2026, 2, 14, 15, 0, 0), 'Asia/Tokyo')).toBe(day(2026, 3, 15));
        expect(dayInZone(Date.UTC(2026, 2, 14, 14, 59, 59), 'Asia/Tokyo')).toBe(day(2026, 3, 14));
    });
});

describe('SOQL literals and numbers', () => {
    test('string escapes, LIKE escapes kept for patterns', () => {
        expect(unquote("'it\\'s\\n'")).toBe("it's\n");
        expect(unquote(`'${lexableLikeEscapes('a\\%b\\_c')}'`)).toBe('a%b_c');
        expect(unquote(`'${lexableLikeEscapes('a\\%b\\_c')}'`, true)).toBe('a\\%b\\_c');
        expect(lexableLikeEscapes("x = '50\\%' AND y = 'a\\\\b'")).toBe("x = '50\\uE025' AND y = 'a\\\\b'");
        const re = likeRegExp('a\\%b%');
        expect(re.test('A%bcd')).toBe(true);
        expect(re.test('axbcd')).toBe(false);
        expect(likeRegExp('a.c').test('abc')).toBe(false);
    });

    test('datetime literals with offsets', () => {
        expect(parseDatetimeLiteral('2026-01-01T09:00:00+09:00')).toEqual(
            new ApexDatetime(Date.UTC(2026, 0, 1))
        );
        expect(parseDatetimeLiteral('2026-01-01T00:00:00.5Z')).toEqual(
            new ApexDatetime(Date.UTC(2026, 0, 1) + 500)
        );
    });

    test('numbers of every runtime type compare exactly', () => {
        const num = (v: ApexValue) => normalize('number', v, undefined)!;
        expect(compareNorm(numberLiteral('1.50'), num(new ApexDouble(1.5)))).toBe(0);
        expect(compareNorm(num(new ApexDouble(0.1)), numberLiteral('0.1'))).toBe(0);
        expect(compareNorm(num(10n), numberLiteral('9.999'))).toBe(1);
        expect(compareNorm(num(-3), numberLiteral('-3.0d'))).toBe(0);
        expect(compareNorm(num(new Decimal(-1000n, 0)), numberLiteral('-999.5'))).toBe(-1);
        expect(divideExact(new Decimal(55n, 0), 4)).toEqual(new Decimal(1375n, 2));
        expect(divideExact(new Decimal(10n, 0), 3)).toBeUndefined();
        expect(divideExact(new Decimal(1000n, 2), 2)).toEqual(new Decimal(500n, 2));
    });
});
