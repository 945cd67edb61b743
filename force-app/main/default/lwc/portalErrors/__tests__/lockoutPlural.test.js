import { errorLabel } from 'c/portalErrors';

jest.mock(
    '@salesforce/label/c.Portal_Error_LockedMinutes',
    () => ({ default: 'Try again in {0} minutes.' }),
    {
        virtual: true
    }
);
jest.mock(
    '@salesforce/label/c.Defects_Error_LockedOneMinute',
    () => ({ default: 'Try again in 1 minute.' }),
    {
        virtual: true
    }
);

describe('lockout wait in words', () => {
    it('says "1 minute" for one minute and "N minutes" otherwise, never "minute(s)"', () => {
        expect(errorLabel('VERIFICATION_LOCKED:60')).toBe('Try again in 1 minute.');
        expect(errorLabel('VERIFICATION_LOCKED:1')).toBe('Try again in 1 minute.');
        expect(errorLabel('VERIFICATION_LOCKED:61')).toBe('Try again in 2 minutes.');
        expect(errorLabel('VERIFICATION_LOCKED:900')).toBe('Try again in 15 minutes.');
    });
});
