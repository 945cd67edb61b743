import { normaliseSalesforceId } from '../../src/domain/salesforce-id';

describe('normaliseSalesforceId', () => {
    it('gives the 18-character form of a 15-character Id (suffix from the case of each 5-character chunk)', () => {
        expect(normaliseSalesforceId('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
        expect(normaliseSalesforceId('801000000000050')).toBe('801000000000050AAA');
    });

    it('accepts the suffix in either case and answers it upper-case', () => {
        expect(normaliseSalesforceId('001A0000006Vm9rIAC')).toBe('001A0000006Vm9rIAC');
        expect(normaliseSalesforceId('001A0000006Vm9riac')).toBe('001A0000006Vm9rIAC');
        expect(normaliseSalesforceId('801000000000050aaa')).toBe('801000000000050AAA');
    });

    it('refuses an 18-character Id whose suffix does not match the case of its first 15', () => {
        // Lower-cased by a case-insensitive system: the suffix says A and V are capitals.
        expect(normaliseSalesforceId('001a0000006vm9rIAC')).toBeNull();
        expect(normaliseSalesforceId('801000000000050AAB')).toBeNull();
    });

    it('refuses what is not an Id', () => {
        for (const bad of [
            '',
            '80100000000005',
            '8010000000000501',
            '801000000000050AAAA',
            '801-00000000050'
        ]) {
            expect(normaliseSalesforceId(bad)).toBeNull();
        }
    });
});
