import { digitsOnly, mnpDetails, mnpProblems, orderTotal, violationAnchor } from 'c/checkoutRules';

const TODAY = new Date(2026, 10, 27);
const VALID_MNP = {
    reservationNumber: '1234567890',
    expiresOn: '2026-12-10',
    phoneNumber: '090-1234-5678',
    holderName: ' Kenta Suzuki '
};
const CATALOG = [
    { productCode: 'SIM-VOICE-20GB', itemType: 'Plan', billingCycle: 'Monthly', unitPrice: 2200 },
    { productCode: 'SIM-ACT', itemType: 'ActivationFee', billingCycle: 'One Time', unitPrice: 3300 },
    { productCode: 'SIM-CALL', itemType: 'AddOn', billingCycle: 'Monthly', unitPrice: 880 }
];
const findItem = (code) => CATALOG.find((item) => item.productCode === code);

describe('c/checkoutRules', () => {
    it('strips spaces and hyphens from numbers', () => {
        expect(digitsOnly('090-1234 5678')).toBe('09012345678');
        expect(digitsOnly(undefined)).toBe('');
    });

    it('finds no MNP problem in complete, well-formed details', () => {
        expect(mnpProblems(VALID_MNP, TODAY)).toEqual({
            reservationNumber: '',
            expiresOn: '',
            phoneNumber: '',
            holderName: ''
        });
    });

    it('reports every missing MNP field as required', () => {
        expect(mnpProblems({}, TODAY)).toEqual({
            reservationNumber: 'required',
            expiresOn: 'required',
            phoneNumber: 'required',
            holderName: 'required'
        });
    });

    it('reports malformed and expired MNP details', () => {
        const problems = mnpProblems(
            { ...VALID_MNP, reservationNumber: '12345', expiresOn: 'tomorrow', phoneNumber: '03-1234-5678' },
            TODAY
        );
        expect(problems).toEqual({
            reservationNumber: 'invalid',
            expiresOn: 'invalid',
            phoneNumber: 'invalid',
            holderName: ''
        });
        expect(mnpProblems({ ...VALID_MNP, expiresOn: '2026-11-26' }, TODAY).expiresOn).toBe('expired');
        expect(mnpProblems({ ...VALID_MNP, expiresOn: '2026-11-27' }, TODAY).expiresOn).toBe('');
    });

    it('normalises MNP details for the request', () => {
        expect(mnpDetails({ ...VALID_MNP, expiresOn: '2026/12/10' })).toEqual({
            reservationNumber: '1234567890',
            expiresOn: '2026-12-10',
            phoneNumber: '09012345678',
            holderName: 'Kenta Suzuki'
        });
    });

    it('totals monthly and one-time items separately', () => {
        expect(orderTotal(CATALOG, true)).toBe(3080);
        expect(orderTotal(CATALOG, false)).toBe(3300);
        expect(orderTotal([], true)).toBe(0);
    });

    it('places violations by code, then by the line item type, else under general', () => {
        expect(violationAnchor({ code: 'VPN_REGION_REQUIRED' }, findItem)).toBe('region');
        expect(violationAnchor({ code: 'ITEM_NOT_AVAILABLE', lineId: 'SIM-CALL' }, findItem)).toBe('addons');
        expect(violationAnchor({ code: 'ITEM_NOT_AVAILABLE', lineId: 'UNKNOWN' }, findItem)).toBe('general');
        expect(violationAnchor({ code: 'SOMETHING_ELSE' }, findItem)).toBe('general');
    });
});
