import {
    addressLines,
    categoryLabel,
    countryName,
    customerStatusLabel,
    cycleLabel,
    daysUntil,
    formatDate,
    formatDateTime,
    formatLabel,
    formatMoney,
    formatPrice,
    invoiceDisplayStatus,
    isMonthly,
    isValidEmail,
    isValidPostalCode,
    newRequestKey,
    normalisePostalCode,
    parseDateInput,
    portalLanguage,
    regionLabel,
    statusInfo,
    todayIso
} from 'c/portalFormat';

describe('c/portalFormat', () => {
    it('formats yen without decimals for the locale', () => {
        expect(formatMoney(5280, 'en-US')).toBe('¥5,280');
        expect(formatMoney('19800.00', 'ja-JP')).toBe('￥19,800');
        expect(formatMoney('4980.50', 'en-US')).toBe('¥4,981');
        expect(formatMoney(0, 'en-US')).toBe('¥0');
        expect(formatMoney(null)).toBe('');
        expect(formatMoney('not a number')).toBe('');
    });

    it('builds each formatter once per locale, and keeps kinds and locales apart', () => {
        const yen = {
            style: 'currency',
            currency: 'JPY',
            minimumFractionDigits: 0,
            maximumFractionDigits: 0
        };
        const swissMoney = new Intl.NumberFormat('de-CH', yen).format(2500);
        const frenchMoney = new Intl.NumberFormat('fr-CH', yen).format(2500);
        const numberFormat = jest.spyOn(Intl, 'NumberFormat');
        const dateFormat = jest.spyOn(Intl, 'DateTimeFormat');
        try {
            expect(formatMoney(2500, 'de-CH')).toBe(swissMoney);
            expect(formatMoney('2500', 'de-CH')).toBe(swissMoney);
            expect(numberFormat).toHaveBeenCalledTimes(1);
            expect(formatMoney(2500, 'fr-CH')).toBe(frenchMoney);
            expect(numberFormat).toHaveBeenCalledTimes(2);

            const day = formatDate('2026-01-31', 'de-CH');
            const dayAndTime = formatDateTime('2026-01-31T09:05:00', 'de-CH');
            expect(dayAndTime).toContain('09:05');
            expect(day).not.toContain('09:05');
            expect(formatDate('2026-01-31', 'de-CH')).toBe(day);
            expect(dateFormat).toHaveBeenCalledTimes(2);
        } finally {
            numberFormat.mockRestore();
            dateFormat.mockRestore();
        }
    });

    it('formats a price with its cycle label', () => {
        expect(formatPrice(5280, 'Monthly')).toBe('c.Portal_Price_PerMonth');
        expect(formatPrice(3300, 'OneTime')).toBe('c.Portal_Price_OneTime');
        expect(isMonthly('monthly')).toBe(true);
        expect(isMonthly('One Time')).toBe(false);
    });

    it('fills placeholders', () => {
        expect(formatLabel('{0} of {1}', 2, 5)).toBe('2 of 5');
        expect(formatLabel('{0} and {1}', 'a')).toBe('a and {1}');
        expect(formatLabel(undefined)).toBe('');
    });

    it('formats calendar dates without shifting the day', () => {
        expect(formatDate('2026-01-31', 'en-US')).toBe('Jan 31, 2026');
        expect(formatDate('2026-01-31', 'ja-JP')).toBe('2026年1月31日');
        expect(formatDate(null)).toBe('');
        expect(formatDate('garbage')).toBe('');
        expect(formatDateTime('2026-11-21T09:15:00Z', 'en-US')).toContain('2026');
    });

    it('counts days until a date', () => {
        const today = new Date(2026, 10, 27, 23, 30);
        expect(daysUntil('2026-11-27', today)).toBe(0);
        expect(daysUntil('2026-12-07', today)).toBe(10);
        expect(daysUntil('2026-11-26', today)).toBe(-1);
        expect(daysUntil('', today)).toBeNull();
        expect(todayIso(today)).toBe('2026-11-27');
    });

    it('maps statuses, categories, cycles and regions to labels', () => {
        expect(customerStatusLabel('OnHold')).toBe('c.Portal_Status_OnHold');
        expect(statusInfo('invoice', 'Payment Pending')).toEqual({
            label: 'c.Portal_InvoiceStatus_PaymentPending',
            tone: 'info'
        });
        expect(statusInfo('service', 'Fraud')).toEqual({ label: 'Fraud', tone: 'neutral' });
        expect(categoryLabel('SIM')).toBe('c.Portal_Category_SIM');
        expect(cycleLabel('One Time')).toBe('c.Portal_Cycle_OneTime');
        expect(cycleLabel('Semi-Annually')).toBe('c.Portal_Cycle_SemiAnnually');
        expect(regionLabel('SG')).toBe('c.Portal_Region_SG');
        expect(regionLabel('FR')).toBe('FR');
    });

    it('marks an unpaid invoice past its due date as overdue', () => {
        const today = new Date(2026, 10, 27);
        expect(invoiceDisplayStatus({ status: 'Unpaid', dueOn: '2026-11-26' }, today)).toBe('Overdue');
        expect(invoiceDisplayStatus({ status: 'Unpaid', dueOn: '2026-11-27' }, today)).toBe('Unpaid');
        expect(invoiceDisplayStatus({ status: 'Paid', dueOn: '2026-01-01' }, today)).toBe('Paid');
    });

    it('checks postal codes per country', () => {
        expect(isValidPostalCode('JP', '150-0001')).toBe(true);
        expect(isValidPostalCode('JP', '1500001')).toBe(true);
        expect(isValidPostalCode('JP', '15-00001')).toBe(false);
        expect(isValidPostalCode('JP', '150-001')).toBe(false);
        expect(isValidPostalCode('US', '94105-1234')).toBe(true);
        expect(isValidPostalCode('GB', 'SW1A 1AA')).toBe(true);
        expect(isValidPostalCode('NZ', '6011')).toBe(true);
        expect(isValidPostalCode('JP', '')).toBe(false);
        expect(normalisePostalCode('JP', '1500001')).toBe('150-0001');
        expect(normalisePostalCode('US', '94105')).toBe('94105');
    });

    it('lays out addresses in Japanese or western order', () => {
        const jp = {
            line1: '1-2-3 Jingumae',
            line2: '',
            city: 'Shibuya-ku',
            state: 'Tokyo',
            postalCode: '150-0001',
            country: 'JP'
        };
        expect(addressLines(jp).map((line) => line.text)).toEqual([
            '〒150-0001',
            'Tokyo Shibuya-ku',
            '1-2-3 Jingumae'
        ]);
        expect(addressLines(null)).toEqual([]);
        expect(addressLines(jp, 'ja-JP').map((line) => line.text)).toEqual([
            '〒150-0001',
            'Tokyo Shibuya-ku',
            '1-2-3 Jingumae'
        ]);
        const us = {
            line1: '1 Market St',
            line2: 'Suite 300',
            city: 'San Francisco',
            state: 'CA',
            postalCode: '94105',
            country: 'US'
        };
        expect(addressLines(us, 'en-US').map((line) => line.text)).toEqual([
            '1 Market St',
            'Suite 300',
            'San Francisco, CA, 94105',
            'United States'
        ]);
        // On a Japanese page every address reads in Japanese order, led by its country when foreign.
        expect(addressLines(us, 'ja-JP').map((line) => line.text)).toEqual([
            'アメリカ合衆国',
            '94105',
            'CA San Francisco',
            '1 Market St',
            'Suite 300'
        ]);
        expect(countryName('DE', 'en-US')).toBe('Germany');
        expect(countryName('DE', 'ja-JP')).toBe('ドイツ');
    });

    it('makes unique request keys, also without crypto.randomUUID', () => {
        const first = newRequestKey();
        expect(first).toMatch(/^[0-9a-f-]{36}$/);
        expect(newRequestKey()).not.toBe(first);

        const original = global.crypto;
        Object.defineProperty(global, 'crypto', { value: undefined, configurable: true });
        try {
            const fallback = newRequestKey();
            expect(fallback).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
            expect(newRequestKey()).not.toBe(fallback);
        } finally {
            Object.defineProperty(global, 'crypto', { value: original, configurable: true });
        }
    });

    it('reads typed dates in the forms carriers use', () => {
        expect(parseDateInput('2026-12-31')).toBe('2026-12-31');
        expect(parseDateInput('2026/1/5')).toBe('2026-01-05');
        expect(parseDateInput('2026.12.31')).toBe('2026-12-31');
        expect(parseDateInput('2026年12月31日')).toBe('2026-12-31');
        expect(parseDateInput('20261231')).toBe('2026-12-31');
        expect(parseDateInput(' 2026-12-31 ')).toBe('2026-12-31');
        expect(parseDateInput('2026-02-30')).toBeNull();
        expect(parseDateInput('2026-13-01')).toBeNull();
        expect(parseDateInput('31/12/2026')).toBeNull();
        expect(parseDateInput('')).toBeNull();
    });

    it('checks emails and picks the portal language', () => {
        expect(isValidEmail('a@b.jp')).toBe(true);
        expect(isValidEmail('a@b')).toBe(false);
        expect(portalLanguage('ja-JP')).toBe('ja');
        expect(portalLanguage('en-US')).toBe('en');
        expect(portalLanguage()).toBe('en');
    });
});
