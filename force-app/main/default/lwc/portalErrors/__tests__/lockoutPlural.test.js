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

describe('sign-up lockout', () => {
    it('says the clock time when sign-up opens again', () => {
        const { clockTimeIn } = require('c/portalErrors');
        const now = Date.UTC(2026, 11, 6, 8, 0, 0);
        expect(clockTimeIn('900', now, 'en-GB')).toMatch(/^\d\d:\d\d$/);
        expect(clockTimeIn('0', now)).toBeNull();
        expect(errorLabel('SIGNUP_LOCKED:900')).toBe('c.Defects_Error_SignupLockedUntil');
        expect(errorLabel('SIGNUP_LOCKED')).toBe('c.Error_SIGNUP_LOCKED');
    });
});
