/**
 * System.Crypto (developer.salesforce.com apexref apex_classes_restful_crypto.htm) on node:crypto.
 * Algorithms are the documented ones; AES is CBC with PKCS5 padding, and the `...WithManagedIV` forms put
 * the random 16-byte IV in front of the cipher text ("the first 16 bytes of the cipher text are the IV").
 * Errors whose Apex message is undocumented (bad key sizes, bad padding, unknown algorithms) are Unsupported.
 */
import {
    createCipheriv,
    createDecipheriv,
    createHash,
    createHmac,
    createPrivateKey,
    createPublicKey,
    randomBytes,
    sign as nodeSign,
    verify as nodeVerify
} from 'node:crypto';
import { ApexBlob, UnsupportedError, type ApexValue } from '../values/model';
import { blobOf } from './blob';
import { methods, type NativeStatic, type NativeType } from './native';

const DIGESTS: Record<string, string> = {
    md5: 'md5',
    sha1: 'sha1',
    'sha-256': 'sha256',
    'sha-512': 'sha512',
    'sha3-256': 'sha3-256',
    'sha3-384': 'sha3-384',
    'sha3-512': 'sha3-512'
};
const MACS: Record<string, string> = {
    hmacmd5: 'md5',
    hmacsha1: 'sha1',
    hmacsha256: 'sha256',
    hmacsha512: 'sha512'
};
const AES: Record<string, number> = { aes128: 16, aes192: 24, aes256: 32 };
const SIGNATURES: Record<string, { hash: string; dsa?: boolean }> = {
    rsa: { hash: 'sha1' },
    'rsa-sha1': { hash: 'sha1' },
    'rsa-sha256': { hash: 'sha256' },
    'rsa-sha384': { hash: 'sha384' },
    'rsa-sha512': { hash: 'sha512' },
    'ecdsa-sha256': { hash: 'sha256', dsa: true },
    'ecdsa-sha384': { hash: 'sha384', dsa: true },
    'ecdsa-sha512': { hash: 'sha512', dsa: true }
};

function pick<V>(table: Record<string, V>, v: ApexValue, where: string): V {
    const found = typeof v === 'string' ? table[v.toLowerCase()] : undefined;
    if (found === undefined) throw new UnsupportedError(`${where} with algorithm ${String(v)}`);
    return found;
}
const bytes = (v: ApexValue, where: string): Buffer => Buffer.from(blobOf(v, where).bytes);
const blob = (b: Buffer): ApexBlob => new ApexBlob(new Uint8Array(b));

function aesKey(alg: ApexValue, key: ApexValue, where: string): { cipher: string; key: Buffer } {
    const size = pick(AES, alg, where);
    const k = bytes(key, where);
    if (k.length !== size)
        throw new UnsupportedError(`${where} with a ${k.length}-byte key for ${String(alg)}`);
    return { cipher: `aes-${size * 8}-cbc`, key: k };
}

function encrypt(cipher: string, key: Buffer, iv: Buffer, data: Buffer): Buffer {
    const c = createCipheriv(cipher, key, iv);
    return Buffer.concat([c.update(data), c.final()]);
}
function decrypt(cipher: string, key: Buffer, iv: Buffer, data: Buffer, where: string): Buffer {
    try {
        const d = createDecipheriv(cipher, key, iv);
        return Buffer.concat([d.update(data), d.final()]);
    } catch {
        throw new UnsupportedError(`${where} of data that does not decrypt with this key`);
    }
}
function iv16(v: ApexValue, where: string): Buffer {
    const iv = bytes(v, where);
    if (iv.length !== 16) throw new UnsupportedError(`${where} with a ${iv.length}-byte IV`);
    return iv;
}

export const CRYPTO_TYPE: NativeType = {
    name: 'Crypto',
    statics: methods<NativeStatic>({
        generateDigest: (_ctx, a) =>
            blob(
                createHash(pick(DIGESTS, a[0], 'Crypto.generateDigest'))
                    .update(bytes(a[1], 'Crypto.generateDigest'))
                    .digest()
            ),
        generateMac: (_ctx, a) =>
            blob(
                createHmac(pick(MACS, a[0], 'Crypto.generateMac'), bytes(a[2], 'Crypto.generateMac'))
                    .update(bytes(a[1], 'Crypto.generateMac'))
                    .digest()
            ),
        getRandomInteger: () => randomBytes(4).readInt32BE(0),
        getRandomLong: () => randomBytes(8).readBigInt64BE(0),
        generateAesKey: (_ctx, a) => {
            if (a[0] !== 128 && a[0] !== 192 && a[0] !== 256)
                throw new UnsupportedError(`Crypto.generateAesKey(${String(a[0])})`);
            return blob(randomBytes(a[0] / 8));
        },
        encrypt: (_ctx, a) => {
            const { cipher, key } = aesKey(a[0], a[1], 'Crypto.encrypt');
            return blob(encrypt(cipher, key, iv16(a[2], 'Crypto.encrypt'), bytes(a[3], 'Crypto.encrypt')));
        },
        decrypt: (_ctx, a) => {
            const { cipher, key } = aesKey(a[0], a[1], 'Crypto.decrypt');
            return blob(
                decrypt(
                    cipher,
                    key,
                    iv16(a[2], 'Crypto.decrypt'),
                    bytes(a[3], 'Crypto.decrypt'),
                    'Crypto.decrypt'
                )
            );
        },
        encryptWithManagedIV: (_ctx, a) => {
            const { cipher, key } = aesKey(a[0], a[1], 'Crypto.encryptWithManagedIV');
            const iv = randomBytes(16);
            return blob(
                Buffer.concat([iv, encrypt(cipher, key, iv, bytes(a[2], 'Crypto.encryptWithManagedIV'))])
            );
        },
        decryptWithManagedIV: (_ctx, a) => {
            const { cipher, key } = aesKey(a[0], a[1], 'Crypto.decryptWithManagedIV');
            const data = bytes(a[2], 'Crypto.decryptWithManagedIV');
            if (data.length < 16)
                throw new UnsupportedError('Crypto.decryptWithManagedIV of data shorter than an IV');
            return blob(
                decrypt(cipher, key, data.subarray(0, 16), data.subarray(16), 'Crypto.decryptWithManagedIV')
            );
        },
        sign: (_ctx, a) => {
            const alg = pick(SIGNATURES, a[0], 'Crypto.sign');
            let key;
            try {
                key = createPrivateKey({ key: bytes(a[2], 'Crypto.sign'), format: 'der', type: 'pkcs8' });
            } catch {
                throw new UnsupportedError('Crypto.sign with a key that is not PKCS#8 DER');
            }
            const dsa = alg.dsa ? { dsaEncoding: 'der' as const } : {};
            return blob(nodeSign(alg.hash, bytes(a[1], 'Crypto.sign'), { key, ...dsa }));
        },
        verify: (_ctx, a) => {
            const alg = pick(SIGNATURES, a[0], 'Crypto.verify');
            if (!(a[3] instanceof ApexBlob))
                throw new UnsupportedError('Crypto.verify with a certificate name');
            let key;
            try {
                key = createPublicKey({ key: Buffer.from(a[3].bytes), format: 'der', type: 'spki' });
            } catch {
                throw new UnsupportedError('Crypto.verify with a key that is not X.509 DER');
            }
            return nodeVerify(alg.hash, bytes(a[1], 'Crypto.verify'), key, bytes(a[2], 'Crypto.verify'));
        },
        signWithCertificate: () => {
            throw new UnsupportedError('Crypto.signWithCertificate');
        },
        signXml: () => {
            throw new UnsupportedError('Crypto.signXml');
        }
    })
};

export const CRYPTO_TYPES = new Map<string, NativeType>([['crypto', CRYPTO_TYPE]]);
