import fc from 'fast-check';
import { calendarDate, daysBetween, normaliseDate, parseIsoDate } from '../../src/domain/dates';
import { AppError, ERROR_CATALOG } from '../../src/domain/errors';
import { subtractMoney, toMoney } from '../../src/domain/money';
import {
    isExpired,
    normaliseExpiry,
    paymentMethodKind,
    toPaymentMethods
} from '../../src/domain/payment-methods';
import { lockRetryAfterSeconds } from '../../src/domain/services/migration';
import { formatAddress, toBillingOrderLines } from '../../src/domain/services/provisioning';
import { RULE_CODES } from '../../src/domain/types';
import { ADDRESS, line } from '../helpers/fixtures';

describe('dates (Asia/Tokyo)', () => {
    it('calendarDate uses the Tokyo day', () => {
        expect(calendarDate(new Date('2026-11-27T14:59:59Z'))).toBe('2026-11-27');
        expect(calendarDate(new Date('2026-11-27T15:00:00Z'))).toBe('2026-11-28');
    });
    it('calendarDate remembers one minute per zone, never across a day change or another zone', () => {
        // The last millisecond of a Tokyo day, then the first of the next, then back: each answered anew.
        expect(calendarDate(new Date('2026-12-31T14:59:59.999Z'))).toBe('2026-12-31');
        expect(calendarDate(new Date('2026-12-31T15:00:00.000Z'))).toBe('2027-01-01');
        expect(calendarDate(new Date('2026-12-31T14:59:00.000Z'))).toBe('2026-12-31');
        // The same minute in another zone, around New York's DST change (02:00 local → 03:00).
        expect(calendarDate(new Date('2026-03-08T04:59:00Z'), 'America/New_York')).toBe('2026-03-07');
        expect(calendarDate(new Date('2026-03-08T05:00:00Z'), 'America/New_York')).toBe('2026-03-08');
        expect(calendarDate(new Date('2026-03-08T05:00:30Z'))).toBe('2026-03-08');
        expect(() => calendarDate(new Date(Number.NaN))).toThrow(RangeError);
        expect(() => calendarDate(new Date(), 'Not/AZone')).toThrow(RangeError);
    });
    it('parseIsoDate rejects impossible dates', () => {
        expect(parseIsoDate('2028-02-29')).not.toBeNull();
        expect(parseIsoDate('2026-02-29')).toBeNull();
        expect(parseIsoDate('2026-13-01')).toBeNull();
        expect(parseIsoDate('2026-1-01')).toBeNull();
    });
    it('daysBetween across months and years', () => {
        expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
        expect(daysBetween('2026-11-27', '2026-11-17')).toBe(-10);
        expect(() => daysBetween('x', '2026-01-01')).toThrow(RangeError);
    });
    it('normaliseDate: zero dates and garbage → null', () => {
        expect(normaliseDate('0000-00-00')).toBeNull();
        expect(normaliseDate('0000-00-00 00:00:00')).toBeNull();
        expect(normaliseDate('')).toBeNull();
        expect(normaliseDate(null)).toBeNull();
        expect(normaliseDate('2026-11-27 10:00:00')).toBe('2026-11-27');
    });
});

describe('money', () => {
    it.each([
        ['4980', '4980.00'],
        ['4980.5', '4980.50'],
        ['4980.005', '4980.01'],
        ['0', '0.00'],
        ['-12.3', '-12.30'],
        ['abc', '0.00'],
        [null, '0.00'],
        [12.5, '12.50']
    ])('%p → %p', (input, out) => {
        expect(toMoney(input as string)).toBe(out);
    });

    it('an amount already in its final form comes back as the long way makes it', () => {
        expect(toMoney('-0.00')).toBe('0.00');
        expect(toMoney('007.50')).toBe('7.50');
        fc.assert(
            fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), (cents) => {
                const abs = cents < 0n ? -cents : cents;
                const text = `${cents < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
                // A third decimal place takes the BigInt path.
                expect(toMoney(text)).toBe(toMoney(`${text}0`));
            })
        );
    });

    it('subtractMoney: in whole cents, with or without anything to subtract', () => {
        expect(subtractMoney('5280.00', '0.00')).toBe('5280.00');
        expect(subtractMoney('5280', '')).toBe('5280.00');
        expect(subtractMoney('5280.00', '280.50')).toBe('4999.50');
        expect(subtractMoney('1.00', '2.00')).toBe('-1.00');
        expect(subtractMoney('-0.00', '0.00')).toBe('0.00');
    });
});

describe('payment methods', () => {
    const now = new Date('2026-11-27T03:00:00Z');
    it('kinds', () => {
        expect(paymentMethodKind('CreditCard')).toBe('card');
        expect(paymentMethodKind('RemoteCreditCard')).toBe('card');
        expect(paymentMethodKind('BankAccount')).toBe('bank_account');
        expect(paymentMethodKind('RemoteBankAccount')).toBe('bank_account');
        expect(paymentMethodKind('PayPal')).toBe('other');
    });
    it('expiry forms', () => {
        expect(normaliseExpiry('12/27')).toBe('12/27');
        expect(normaliseExpiry('1227')).toBe('12/27');
        expect(normaliseExpiry('12/2027')).toBe('12/27');
        expect(normaliseExpiry('13/27')).toBeUndefined();
        expect(normaliseExpiry('')).toBeUndefined();
    });
    it('expired against the current Tokyo month', () => {
        expect(isExpired('11/26', now)).toBe(false);
        expect(isExpired('10/26', now)).toBe(true);
        expect(isExpired('12/25', now)).toBe(true);
        expect(isExpired('01/27', now)).toBe(false);
        // 2026-11-30T15:00Z is already December in Tokyo.
        expect(isExpired('11/26', new Date('2026-11-30T15:00:00Z'))).toBe(true);
        expect(isExpired(undefined, now)).toBe(false);
    });
    it('labels, masking, default and usability', () => {
        const out = toPaymentMethods(
            [
                { id: 1, type: 'CreditCard', cardType: 'Visa', lastFour: '4242', expiry: '10/26' },
                {
                    id: 2,
                    type: 'RemoteCreditCard',
                    cardType: 'Mastercard',
                    lastFour: '************4444',
                    expiry: '0128'
                },
                { id: 3, type: 'BankAccount', bankName: 'MUFG', lastFour: null },
                { id: 4, type: 'Other', description: 'Invoice payment' }
            ],
            now
        );
        expect(out.hasUsableMethod).toBe(true);
        expect(out.paymentMethods).toEqual([
            {
                id: 1,
                kind: 'card',
                label: 'Visa •••• 4242',
                lastFour: '4242',
                expiry: '10/26',
                expired: true,
                isDefault: false
            },
            {
                id: 2,
                kind: 'card',
                label: 'Mastercard •••• 4444',
                lastFour: '4444',
                expiry: '01/28',
                expired: false,
                isDefault: true
            },
            { id: 3, kind: 'bank_account', label: 'MUFG', expired: false, isDefault: false },
            { id: 4, kind: 'other', label: 'Invoice payment', expired: false, isDefault: false }
        ]);
    });
    it('a WHMCS default flag wins; nothing usable → no default', () => {
        const flagged = toPaymentMethods(
            [
                { id: 1, type: 'CreditCard', lastFour: '1111', expiry: '12/30' },
                { id: 2, type: 'CreditCard', lastFour: '2222', expiry: '12/30', isDefault: true }
            ],
            now
        );
        expect(flagged.paymentMethods.map((m) => m.isDefault)).toEqual([false, true]);
        const none = toPaymentMethods([{ id: 1, type: 'CreditCard', cardType: null, expiry: '01/20' }], now);
        expect(none).toEqual({
            hasUsableMethod: false,
            paymentMethods: [
                { id: 1, kind: 'card', label: 'Card', expiry: '01/20', expired: true, isDefault: false }
            ]
        });
    });
});

describe('lockout arithmetic', () => {
    const now = new Date('2026-11-27T00:15:00Z');
    const at = (min: number) => new Date(Date.UTC(2026, 10, 27, 0, min));
    it('not locked below the limit', () => {
        expect(lockRetryAfterSeconds([at(1), at(2)], 5, 15 * 60_000, now)).toBe(0);
    });
    it('locked until enough failures leave the window', () => {
        const five = [at(5), at(1), at(2), at(3), at(4)];
        expect(lockRetryAfterSeconds(five, 5, 15 * 60_000, now)).toBe(60);
        const six = [...five, at(6)];
        expect(lockRetryAfterSeconds(six, 5, 15 * 60_000, now)).toBe(120);
    });
    it('never less than one second', () => {
        expect(lockRetryAfterSeconds([at(0)], 1, 15 * 60_000, now)).toBe(1);
    });
});

describe('catalog and small helpers', () => {
    it('every error code has a status, a message and a retry flag; rule codes are documented', () => {
        for (const [code, entry] of Object.entries(ERROR_CATALOG)) {
            expect(code).toMatch(/^[A-Z][A-Z_]+$/);
            expect(entry.status).toBeGreaterThanOrEqual(400);
            expect(entry.message.length).toBeGreaterThan(5);
        }
        expect(new AppError('BILLING_UNAVAILABLE').retryable).toBe(true);
        expect(new AppError('NOT_FOUND').status).toBe(404);
        expect(RULE_CODES).toHaveLength(13);
    });
    it('AddOrder lines carry the configured custom field ids', () => {
        const fields = {
            mnpReservationNumber: 11,
            mnpExpiresOn: 12,
            mnpPhoneNumber: 13,
            mnpHolderName: 14,
            vpnRegion: 21,
            installationAddress: 31
        };
        const lines = toBillingOrderLines(
            [
                line('INT-FIBER-1G'),
                line('INT-INSTALL-SELF'),
                line('VPN-PRO', { details: { vpnRegion: 'US' } })
            ],
            fields,
            { address: { ...ADDRESS, line2: 'Room 5' }, confirmed: true }
        );
        expect(lines).toEqual([
            {
                productId: 101,
                billingCycle: 'monthly',
                quantity: 1,
                customFields: { 31: '7-8-9 Sakae, Room 5, Naka-ku, Nagoya-shi, Aichi, 460-0008, JP' }
            },
            { productId: 112, billingCycle: 'onetime', quantity: 1, customFields: {} },
            { productId: 302, billingCycle: 'monthly', quantity: 1, customFields: { 21: 'US' } }
        ]);
        expect(formatAddress(ADDRESS)).toBe('7-8-9 Sakae, Naka-ku, Nagoya-shi, Aichi, 460-0008, JP');
    });
});
