import { errorCode, errorLabel, isKnownCode, lockoutMinutes, parseError } from 'c/portalErrors';

// Every code in API.md and the Apex contract has an Error_<CODE> label.
const CODES = [
    'PAYLOAD_TOO_LARGE',
    'UNAUTHENTICATED',
    'VALIDATION_FAILED',
    'EMAIL_IN_USE',
    'CREDENTIALS_INVALID',
    'VERIFICATION_LOCKED',
    'CUSTOMER_NUMBER_MISSING',
    'NOT_FOUND',
    'BILLING_UNAVAILABLE',
    'CONFIGURATION_ERROR',
    'PAYMENT_METHOD_REQUIRED',
    'PRODUCT_NOT_ORDERABLE',
    'ORDER_MIXED_CATEGORIES',
    'INTERNET_PLAN_REQUIRED',
    'INTERNET_ALREADY_ACTIVE',
    'INSTALLATION_ADDRESS_NOT_CONFIRMED',
    'SIM_PLAN_REQUIRED',
    'SIM_ACTIVATION_FEE_REQUIRED',
    'MNP_DETAILS_INVALID',
    'MNP_RESERVATION_EXPIRING',
    'VPN_PLAN_REQUIRED',
    'VPN_REGION_REQUIRED',
    'VPN_ACTIVATION_FEE_REQUIRED',
    'BILLING_REJECTED',
    'NOT_A_CUSTOMER',
    'ACCOUNT_NOT_FOUND',
    'SIGNUP_NOT_FOUND',
    'SIGNUP_ALREADY_REGISTERED',
    'PASSWORD_POLICY',
    'PASSWORD_MISMATCH',
    'LOGIN_FAILED',
    'ORDER_NOT_APPROVABLE',
    'ORDER_NOT_RETRYABLE',
    'PROVISIONING_IN_PROGRESS',
    'INTERNAL_ERROR',
    'UNEXPECTED'
];

describe('c/portalErrors', () => {
    it.each(CODES)('maps %s to its Error_ label', (code) => {
        expect(errorLabel(code)).toBe(`c.Error_${code}`);
        expect(errorLabel({ body: { message: code } })).toBe(`c.Error_${code}`);
        expect(isKnownCode(code)).toBe(code !== 'UNEXPECTED');
    });

    it('parses a code with a detail', () => {
        expect(parseError('VERIFICATION_LOCKED:300')).toEqual({ code: 'VERIFICATION_LOCKED', detail: '300' });
        expect(errorLabel('VERIFICATION_LOCKED:300')).toBe('c.Portal_Error_LockedMinutes');
        expect(errorLabel('VERIFICATION_LOCKED')).toBe('c.Error_VERIFICATION_LOCKED');
    });

    it('treats anything that is not a stable code as unexpected', () => {
        expect(errorCode({ body: { message: 'Disconnected or Canceled' } })).toBe('UNEXPECTED');
        expect(errorCode(new Error('Failed to fetch'))).toBe('UNEXPECTED');
        expect(errorCode(null)).toBe('UNEXPECTED');
        expect(errorLabel('BRAND_NEW_CODE')).toBe('c.Error_UNEXPECTED');
        expect(isKnownCode('BRAND_NEW_CODE')).toBe(false);
        expect(isKnownCode({ body: { message: 'socket hang up' } })).toBe(false);
    });

    it('reads codes from the shapes Apex and violations use', () => {
        expect(errorCode({ body: { message: 'NOT_FOUND' } })).toBe('NOT_FOUND');
        expect(errorCode({ body: [{ message: 'NOT_FOUND' }] })).toBe('NOT_FOUND');
        expect(errorCode({ code: 'SIM_PLAN_REQUIRED', message: 'plain words' })).toBe('SIM_PLAN_REQUIRED');
    });

    it('rounds lockout seconds up to whole minutes', () => {
        expect(lockoutMinutes('59')).toBe(1);
        expect(lockoutMinutes('60')).toBe(1);
        expect(lockoutMinutes('61')).toBe(2);
        expect(lockoutMinutes('0')).toBeNull();
        expect(lockoutMinutes('abc')).toBeNull();
    });
});
