import { isExpiringSoon, paymentMethodStatus } from '../org/apex/home';

// The same cases as PortalHomeControllerTest: the double must answer the states the Apex answers.
const card = (expiry: unknown, expired = false) => ({ kind: 'card', expiry, expired });

function statusOf(known: Record<string, unknown>[], today: Date): string {
    return paymentMethodStatus(
        known.some((m) => m.expired !== true),
        known,
        today
    );
}

describe('PortalHomeController.paymentMethodStatus (local)', () => {
    const may2026 = new Date(2026, 4, 15);
    const dec2026 = new Date(2026, 11, 31);

    it.each([
        ['expires this month', 'expiring', [card('05/26')]],
        ['expires next month', 'expiring', [card('06/26')]],
        ['two months ahead', 'ok', [card('07/26')]],
        ['same month next year', 'ok', [card('05/27')]],
        ['expired only', 'expired', [card('04/26', true)]],
        ['the only usable card expires soon', 'expiring', [card('04/26', true), card('06/26')]],
        ['another card lasts longer', 'ok', [card('06/26'), card('12/28')]],
        ['a bank account keeps working', 'ok', [card('05/26'), { kind: 'bank_account', expired: false }]],
        ['a card without an expiry', 'ok', [{ kind: 'card', expired: false }]],
        ['only cards expire', 'ok', [{ kind: 'other', expiry: '05/26', expired: false }]],
        ['nothing on file', 'missing', []]
    ])('%s → %s', (_name, expected, known) => {
        expect(statusOf(known, may2026)).toBe(expected);
    });

    it('follows hasUsableMethod: missing when nothing is usable nor all expired, ok with no list', () => {
        expect(paymentMethodStatus(false, [{ expired: false }], may2026)).toBe('missing');
        expect(paymentMethodStatus(true, [], may2026)).toBe('ok');
    });

    it.each([
        ['12/26', 'expiring'],
        ['01/27', 'expiring'],
        ['02/27', 'ok'],
        ['01/26', 'ok']
    ])('in December, %s → %s', (expiry, expected) => {
        expect(statusOf([card(expiry)], dec2026)).toBe(expected);
    });

    it.each(['5/26', '13/26', '00/26', '05/2026', '0526', 'soon', '', 526])(
        'ignores the malformed expiry %p',
        (expiry) => {
            expect(isExpiringSoon(card(expiry), may2026)).toBe(false);
            expect(statusOf([card(expiry)], may2026)).toBe('ok');
        }
    );

    it('measures from today by default', () => {
        const now = new Date();
        const next = new Date(now.getFullYear(), now.getMonth() + 1, 1);
        const expiry = `${String(next.getMonth() + 1).padStart(2, '0')}/${String(next.getFullYear() % 100).padStart(2, '0')}`;
        expect(paymentMethodStatus(true, [card(expiry)])).toBe('expiring');
    });
});
