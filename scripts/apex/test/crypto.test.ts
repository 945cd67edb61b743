/**
 * Blob, EncodingUtil and Crypto against published test vectors (FIPS 180 "abc", RFC 4231 case 2) and the
 * documented behaviours (apex_classes_restful_crypto.htm: managed IV first; java.net.URLEncoder rules).
 */
import { generateKeyPairSync } from 'node:crypto';
import { ApexBlob, ApexSystemError, UnsupportedError, type ApexValue } from '../values/model';
import { BLOB_TYPE } from '../platform/blob';
import { CRYPTO_TYPE } from '../platform/crypto';
import { ENCODING_UTIL_TYPE } from '../platform/encoding';
import { call, callStatic, fakeContext } from './stringsFixture';

const ctx = fakeContext();
const blob = (s: string): ApexValue => callStatic(BLOB_TYPE, ctx, 'valueOf', s);
const hex = (b: ApexValue): ApexValue => callStatic(ENCODING_UTIL_TYPE, ctx, 'convertToHex', b);
const crypto = (name: string, ...args: ApexValue[]): ApexValue => callStatic(CRYPTO_TYPE, ctx, name, ...args);
const enc = (name: string, ...args: ApexValue[]): ApexValue =>
    callStatic(ENCODING_UTIL_TYPE, ctx, name, ...args);

describe('Blob', () => {
    test('valueOf is UTF-8; size; toString round-trips', () => {
        const b = blob('日本');
        expect(call(BLOB_TYPE, ctx, b, 'size')).toBe(6);
        expect(call(BLOB_TYPE, ctx, b, 'toString')).toBe('日本');
    });
    test('toString of invalid UTF-8 is a StringException; toPdf Unsupported', () => {
        const bad = new ApexBlob(new Uint8Array([0xff, 0xfe]));
        expect(() => call(BLOB_TYPE, ctx, bad, 'toString')).toThrow(ApexSystemError);
        expect(() => call(BLOB_TYPE, ctx, bad, 'toString')).toThrow('BLOB is not a valid UTF-8 string');
        expect(() => callStatic(BLOB_TYPE, ctx, 'toPdf', 'x')).toThrow(UnsupportedError);
    });
});

describe('EncodingUtil', () => {
    test('base64 and hex', () => {
        expect(enc('base64Encode', blob('Hello'))).toBe('SGVsbG8=');
        expect(call(BLOB_TYPE, ctx, enc('base64Decode', 'SGVsbG8='), 'toString')).toBe('Hello');
        expect(hex(blob('AB'))).toBe('4142');
        expect(call(BLOB_TYPE, ctx, enc('convertFromHex', '4142'), 'toString')).toBe('AB');
        expect(() => enc('base64Decode', 'not base64!')).toThrow(UnsupportedError);
    });
    test('urlEncode / urlDecode are java.net.URLEncoder / URLDecoder', () => {
        expect(enc('urlEncode', 'a b*c~é/-._', 'UTF-8')).toBe('a+b*c%7E%C3%A9%2F-._');
        expect(enc('urlDecode', 'a+b%2Fc%C3%A9', 'UTF-8')).toBe('a b/cé');
        expect(() => enc('urlEncode', 'x', 'Shift_JIS')).toThrow(UnsupportedError);
    });
});

describe('Crypto', () => {
    test('generateDigest (FIPS 180 "abc" vectors)', () => {
        expect(hex(crypto('generateDigest', 'SHA-256', blob('abc')))).toBe(
            'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
        );
        expect(hex(crypto('generateDigest', 'SHA1', blob('abc')))).toBe(
            'a9993e364706816aba3e25717850c26c9cd0d89d'
        );
        expect(hex(crypto('generateDigest', 'MD5', blob('')))).toBe('d41d8cd98f00b204e9800998ecf8427e');
        expect(() => crypto('generateDigest', 'SHA-999', blob('abc'))).toThrow(UnsupportedError);
    });

    test('generateMac (RFC 4231 test case 2)', () => {
        const mac = crypto('generateMac', 'hmacSHA256', blob('what do ya want for nothing?'), blob('Jefe'));
        expect(hex(mac)).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    });

    test('encryptWithManagedIV puts the IV first; decrypt and decryptWithManagedIV agree', () => {
        const key = crypto('generateAesKey', 256) as ApexBlob;
        expect(key.bytes.length).toBe(32);
        const data = blob('secret');
        const cipher = crypto('encryptWithManagedIV', 'AES256', key, data) as ApexBlob;
        expect(cipher.bytes.length).toBe(32);
        const iv = new ApexBlob(cipher.bytes.slice(0, 16));
        const body = new ApexBlob(cipher.bytes.slice(16));
        expect(call(BLOB_TYPE, ctx, crypto('decrypt', 'AES256', key, iv, body), 'toString')).toBe('secret');
        expect(call(BLOB_TYPE, ctx, crypto('decryptWithManagedIV', 'AES256', key, cipher), 'toString')).toBe(
            'secret'
        );
        expect(() => crypto('encryptWithManagedIV', 'AES128', key, data)).toThrow(UnsupportedError);
    });

    test('sign RSA-SHA256 with a PKCS#8 key; verify with the X.509 public key', () => {
        const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
        const pkcs8 = new ApexBlob(new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' })));
        const spki = new ApexBlob(new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })));
        const sig = crypto('sign', 'RSA-SHA256', blob('payload'), pkcs8);
        expect(crypto('verify', 'RSA-SHA256', blob('payload'), sig, spki)).toBe(true);
        expect(crypto('verify', 'RSA-SHA256', blob('tampered'), sig, spki)).toBe(false);
    });

    test('random numbers are Integer and Long', () => {
        const i = crypto('getRandomInteger');
        expect(Number.isInteger(i) && (i as number) >= -(2 ** 31) && (i as number) < 2 ** 31).toBe(true);
        expect(typeof crypto('getRandomLong')).toBe('bigint');
    });
});
