/** Ids: the 15→18 checksum (APEX-PLATFORM.md §1 [CKS]), validation, and the Id methods (apex_methods_system_id.htm). */
import { ApexId, ApexSystemError, ApexToken, UnsupportedError } from '../values/model';
import { idChecksum, isValidId, keyPrefix, normalizeId, toId } from '../values/ids';
import { ID_TYPE } from '../platform/id';
import { call, callStatic, fakeContext } from './stringsFixture';

const ctx = fakeContext();

describe('Id values', () => {
    test('checksum: uppercase positions per 5-char chunk', () => {
        expect(idChecksum('001000000000000')).toBe('AAA');
        // The example used across public implementations [CKS]: 001A0000006Vm9r → 001A0000006Vm9rIAC.
        expect(idChecksum('001A0000006Vm9r')).toBe('IAC');
        expect(normalizeId('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
        expect(idChecksum('D0000000A000000')).toBe('BIA');
    });

    test('15 and 18 characters, alphanumeric; an 18-char suffix must match (any case)', () => {
        expect(isValidId('001000000000000')).toBe(true);
        expect(normalizeId('001000000000000aaa')).toBe('001000000000000AAA');
        expect(isValidId('001000000000000AAB')).toBe(false);
        expect(isValidId('00100000000000')).toBe(false);
        expect(isValidId('001-00000000000')).toBe(false);
        expect(isValidId('foo')).toBe(false);
    });

    test('an invalid Id is a StringException "Invalid id: <value>"', () => {
        expect(toId('001000000000000')).toEqual(new ApexId('001000000000000AAA'));
        try {
            toId('foo');
            throw new Error('no exception');
        } catch (e) {
            expect((e as ApexSystemError).exceptionType).toBe('StringException');
            expect((e as ApexSystemError).message).toBe('Invalid id: foo');
        }
    });

    test('key prefix keeps case', () => {
        expect(keyPrefix('00e000000000000')).toBe('00e');
        expect(keyPrefix(new ApexId('00E000000000000AAA'))).toBe('00E');
    });
});

describe('Id methods', () => {
    const id = new ApexId('001000000000001AAA');
    test('getSObjectType from the key prefix; to15; valueOf', () => {
        expect(call(ID_TYPE, ctx, id, 'getSObjectType')).toEqual(new ApexToken('SObjectType', 'Account'));
        expect(call(ID_TYPE, ctx, id, 'to15')).toBe('001000000000001');
        expect(callStatic(ID_TYPE, ctx, 'valueOf', '003000000000001')).toEqual(
            new ApexId('003000000000001AAA')
        );
        expect(() => callStatic(ID_TYPE, ctx, 'valueOf', 'john doe')).toThrow('Invalid id: john doe');
    });

    test('unknown prefixes and addError are Unsupported', () => {
        expect(() => call(ID_TYPE, ctx, new ApexId('a00000000000000AAA'), 'getSObjectType')).toThrow(
            UnsupportedError
        );
        expect(() => call(ID_TYPE, ctx, id, 'addError', 'x')).toThrow(UnsupportedError);
    });
});
