import {
    checkMnp,
    checkOrder,
    hasActiveInternetService,
    orderCategory,
    type OrderCheckInput
} from '../../src/domain/rules';
import { RULE_CODES, type OrderLine, type RuleCode } from '../../src/domain/types';
import { ADDRESS, internetLines, line, simLines, vpnLines } from '../helpers/fixtures';

const TODAY = '2026-11-27';
const OPTIONS = { mnpMinDaysLeft: 10, vpnRegions: ['JP', 'US', 'SG', 'DE'] };

function input(lines: OrderLine[], over: Partial<OrderCheckInput> = {}): OrderCheckInput {
    return {
        lines,
        hasExistingInternetService: false,
        hasUsablePaymentMethod: true,
        today: TODAY,
        ...over
    };
}

const codes = (lines: OrderLine[], over: Partial<OrderCheckInput> = {}): RuleCode[] =>
    checkOrder(input(lines, over), OPTIONS).map((v) => v.code);

const confirmed = { installationAddress: { address: ADDRESS, confirmed: true } };

function mnpLine(mnp: Partial<NonNullable<NonNullable<OrderLine['details']>['mnp']>> = {}): OrderLine {
    return line('SIM-VOICE-20GB', {
        details: {
            mnp: {
                reservationNumber: '1234567890',
                expiresOn: '2026-12-27',
                phoneNumber: '090-1234-5678',
                holderName: 'Kenta Suzuki',
                ...mnp
            }
        }
    });
}

describe('valid orders pass', () => {
    it.each([
        ['SIM', simLines(), {}],
        ['SIM with add-ons', [...simLines(), line('SIM-VOICEMAIL'), line('SIM-CALL-FLAT')], {}],
        ['SIM with MNP', [mnpLine(), line('SIM-ACTIVATION')], {}],
        ['VPN', vpnLines('DE'), {}],
        ['Internet', internetLines(), confirmed],
        ['Internet self install', [line('INT-FIBER-10G'), line('INT-INSTALL-SELF')], confirmed]
    ])('%s', (_name, lines, over) => {
        expect(checkOrder(input(lines as OrderLine[], over), OPTIONS)).toEqual([]);
    });
});

describe('common rules', () => {
    it('PRODUCT_NOT_ORDERABLE per line', () => {
        const v = checkOrder(
            input([line('INT-ADSL-LEGACY'), line('INT-INSTALL-STANDARD')], confirmed),
            OPTIONS
        );
        expect(v).toEqual([
            { code: 'PRODUCT_NOT_ORDERABLE', message: expect.any(String), lineId: 'INT-ADSL-LEGACY' }
        ]);
    });

    it('PAYMENT_METHOD_REQUIRED', () => {
        expect(codes(simLines(), { hasUsablePaymentMethod: false })).toEqual(['PAYMENT_METHOD_REQUIRED']);
    });

    it('ORDER_MIXED_CATEGORIES stops the category rules', () => {
        expect(codes([...simLines(), line('VPN-STANDARD')])).toEqual(['ORDER_MIXED_CATEGORIES']);
        expect(codes([line('INT-FIBER-1G'), line('SIM-DATA-3GB'), line('VPN-STANDARD')])).toEqual([
            'ORDER_MIXED_CATEGORIES'
        ]);
    });

    it('orderCategory', () => {
        expect(orderCategory(simLines())).toBe('SIM');
        expect(orderCategory([])).toBeNull();
        expect(orderCategory([...simLines(), ...vpnLines()])).toBeNull();
    });
});

describe('Internet', () => {
    it('INTERNET_PLAN_REQUIRED: none, two plans, quantity 2, no installation, two installations', () => {
        expect(codes([line('INT-INSTALL-STANDARD')], confirmed)).toEqual(['INTERNET_PLAN_REQUIRED']);
        expect(codes([...internetLines(), line('INT-FIBER-10G')], confirmed)).toEqual([
            'INTERNET_PLAN_REQUIRED'
        ]);
        expect(codes([line('INT-FIBER-1G', { quantity: 2 }), line('INT-INSTALL-SELF')], confirmed)).toEqual([
            'INTERNET_PLAN_REQUIRED'
        ]);
        expect(codes([line('INT-FIBER-1G')], confirmed)).toEqual(['INTERNET_PLAN_REQUIRED']);
        expect(codes([...internetLines(), line('INT-INSTALL-SELF')], confirmed)).toEqual([
            'INTERNET_PLAN_REQUIRED'
        ]);
    });

    it('INSTALLATION_ADDRESS_NOT_CONFIRMED: missing or unconfirmed', () => {
        expect(codes(internetLines())).toEqual(['INSTALLATION_ADDRESS_NOT_CONFIRMED']);
        expect(
            codes(internetLines(), { installationAddress: { address: ADDRESS, confirmed: false } })
        ).toEqual(['INSTALLATION_ADDRESS_NOT_CONFIRMED']);
    });

    it('INTERNET_ALREADY_ACTIVE: open order or existing service', () => {
        expect(codes(internetLines(), { ...confirmed, openOrderCategories: ['Internet'] })).toEqual([
            'INTERNET_ALREADY_ACTIVE'
        ]);
        expect(codes(internetLines(), { ...confirmed, openOrderCategories: ['SIM', 'VPN'] })).toEqual([]);
        expect(codes(internetLines(), { ...confirmed, hasExistingInternetService: true })).toEqual([
            'INTERNET_ALREADY_ACTIVE'
        ]);
        // Other categories do not care about Internet.
        expect(
            codes(simLines(), { hasExistingInternetService: true, openOrderCategories: ['Internet'] })
        ).toEqual([]);
    });

    it('hasActiveInternetService looks at Active/Pending Internet plans, ignoring the order being provisioned', () => {
        const ids = [101, 102, 103];
        expect(hasActiveInternetService([{ productId: 101, status: 'Active' }], ids)).toBe(true);
        expect(hasActiveInternetService([{ productId: 102, status: 'Pending' }], ids)).toBe(true);
        for (const status of ['Terminated', 'Cancelled', 'Suspended', 'Fraud', 'Completed']) {
            expect(hasActiveInternetService([{ productId: 101, status }], ids)).toBe(false);
        }
        expect(hasActiveInternetService([{ productId: 301, status: 'Active' }], ids)).toBe(false);
        expect(hasActiveInternetService([{ productId: 101, status: 'Pending', orderId: 7 }], ids, 7)).toBe(
            false
        );
        expect(hasActiveInternetService([{ productId: 101, status: 'Pending', orderId: 8 }], ids, 7)).toBe(
            true
        );
    });
});

describe('SIM', () => {
    it('SIM_PLAN_REQUIRED (and the fee when nothing at all)', () => {
        expect(codes([line('SIM-ACTIVATION')])).toEqual(['SIM_PLAN_REQUIRED']);
        expect(codes([line('SIM-VOICEMAIL')])).toEqual(['SIM_PLAN_REQUIRED', 'SIM_ACTIVATION_FEE_REQUIRED']);
    });

    it('SIM_ACTIVATION_FEE_REQUIRED: one fee per SIM', () => {
        expect(codes([line('SIM-DATA-3GB')])).toEqual(['SIM_ACTIVATION_FEE_REQUIRED']);
        expect(codes([line('SIM-DATA-3GB', { quantity: 2 }), line('SIM-ACTIVATION')])).toEqual([
            'SIM_ACTIVATION_FEE_REQUIRED'
        ]);
        expect(
            codes([line('SIM-DATA-3GB', { quantity: 2 }), line('SIM-ACTIVATION', { quantity: 2 })])
        ).toEqual([]);
    });
});

describe('MNP', () => {
    const mnpCodes = (mnp: Parameters<typeof mnpLine>[0]) =>
        checkMnp(mnpLine(mnp), TODAY, OPTIONS).map((v) => [v.code, v.lineId]);

    it('reservation number is exactly 10 digits', () => {
        expect(mnpCodes({ reservationNumber: '1234567890' })).toEqual([]);
        for (const bad of [
            '123456789',
            '12345678901',
            '12345abcde',
            '',
            '１２３４５６７８９０',
            '12345 67890'
        ]) {
            expect(mnpCodes({ reservationNumber: bad })).toEqual([['MNP_DETAILS_INVALID', 'SIM-VOICE-20GB']]);
        }
    });

    it('phone: Japanese mobile 070/080/090 + 8 digits, hyphens allowed', () => {
        for (const ok of ['09012345678', '090-1234-5678', '080-12345678', '0701234-5678']) {
            expect(mnpCodes({ phoneNumber: ok })).toEqual([]);
        }
        for (const bad of [
            '0312345678',
            '060-1234-5678',
            '090-123-45678x',
            '+819012345678',
            '090123456789',
            ''
        ]) {
            expect(mnpCodes({ phoneNumber: bad })).toEqual([['MNP_DETAILS_INVALID', 'SIM-VOICE-20GB']]);
        }
    });

    it('holder name required', () => {
        expect(mnpCodes({ holderName: '   ' })).toEqual([['MNP_DETAILS_INVALID', 'SIM-VOICE-20GB']]);
    });

    it('expiry: invalid or past → MNP_DETAILS_INVALID', () => {
        for (const bad of ['2026-02-30', '27/12/2026', 'tomorrow', '', '2026-11-26', '2025-12-31']) {
            expect(mnpCodes({ expiresOn: bad })).toEqual([['MNP_DETAILS_INVALID', 'SIM-VOICE-20GB']]);
        }
    });

    it('days left: 9 → expiring, 10 and 11 fine, today → expiring', () => {
        expect(mnpCodes({ expiresOn: '2026-12-06' })).toEqual([
            ['MNP_RESERVATION_EXPIRING', 'SIM-VOICE-20GB']
        ]);
        expect(mnpCodes({ expiresOn: '2026-12-07' })).toEqual([]);
        expect(mnpCodes({ expiresOn: '2026-12-08' })).toEqual([]);
        expect(mnpCodes({ expiresOn: TODAY })).toEqual([['MNP_RESERVATION_EXPIRING', 'SIM-VOICE-20GB']]);
    });

    it('the minimum is configurable', () => {
        const v = checkMnp(mnpLine({ expiresOn: '2026-12-06' }), TODAY, { ...OPTIONS, mnpMinDaysLeft: 9 });
        expect(v).toEqual([]);
    });

    it('several problems are one violation naming each', () => {
        const v = checkMnp(
            mnpLine({ reservationNumber: '1', phoneNumber: 'x', holderName: '' }),
            TODAY,
            OPTIONS
        );
        expect(v).toHaveLength(1);
        expect(v[0].message).toMatch(/10 digits.*mobile.*name/);
    });

    it('flows through checkOrder', () => {
        expect(codes([mnpLine({ expiresOn: '2026-12-01' }), line('SIM-ACTIVATION')])).toEqual([
            'MNP_RESERVATION_EXPIRING'
        ]);
    });
});

describe('VPN', () => {
    it('VPN_PLAN_REQUIRED', () => {
        expect(codes([line('VPN-ACTIVATION')])).toEqual(['VPN_PLAN_REQUIRED']);
    });
    it('VPN_REGION_REQUIRED: missing or not allowed', () => {
        expect(codes([line('VPN-STANDARD'), line('VPN-ACTIVATION')])).toEqual(['VPN_REGION_REQUIRED']);
        expect(codes(vpnLines('FR'))).toEqual(['VPN_REGION_REQUIRED']);
        expect(codes(vpnLines('jp'))).toEqual(['VPN_REGION_REQUIRED']);
        const v = checkOrder(input(vpnLines('FR')), { ...OPTIONS, vpnRegions: ['FR'] });
        expect(v).toEqual([]);
    });
    it('VPN_ACTIVATION_FEE_REQUIRED', () => {
        expect(codes([line('VPN-PRO', { details: { vpnRegion: 'US' } })])).toEqual([
            'VPN_ACTIVATION_FEE_REQUIRED'
        ]);
    });
});

it('every rule code is reachable', () => {
    const seen = new Set<RuleCode>([
        ...codes([line('INT-ADSL-LEGACY')], { hasUsablePaymentMethod: false }),
        ...codes([...simLines(), ...vpnLines()]),
        ...codes([line('INT-INSTALL-SELF')], { hasExistingInternetService: true }),
        ...codes([line('SIM-VOICEMAIL')]),
        ...codes([mnpLine({ reservationNumber: 'x' }), mnpLine({ expiresOn: '2026-11-28' })]),
        ...codes([line('VPN-ACTIVATION')]),
        ...codes([line('VPN-STANDARD')])
    ]);
    expect([...seen].sort()).toEqual([...RULE_CODES].sort());
});
