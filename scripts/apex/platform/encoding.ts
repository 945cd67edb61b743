/**
 * System.EncodingUtil (developer.salesforce.com apexref apex_methods_system_encodingutil.htm). urlEncode and
 * urlDecode are java.net.URLEncoder / URLDecoder: letters, digits and `.-*_` kept, space → `+`, every other
 * byte of the UTF-8 encoding as `%XX` (upper-case hex).
 */
import { ApexBlob, UnsupportedError, type ApexValue } from '../values/model';
import { blobOf } from './blob';
import { methods, type NativeStatic, type NativeType } from './native';

function str(v: ApexValue, where: string): string {
    if (typeof v !== 'string')
        throw new UnsupportedError(`${where} with a ${v === null ? 'null' : 'non-String'} argument`);
    return v;
}

function requireUtf8(v: ApexValue, where: string): void {
    if (!/^utf-?8$/i.test(str(v, where))) throw new UnsupportedError(`${where} with encoding ${String(v)}`);
}

export function urlEncode(s: string): string {
    let out = '';
    for (const b of Buffer.from(s, 'utf8')) {
        const c = String.fromCharCode(b);
        if (/[A-Za-z0-9.\-*_]/.test(c)) out += c;
        else if (b === 0x20) out += '+';
        else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
    }
    return out;
}

export function urlDecode(s: string): string {
    const bytes: number[] = [];
    for (let i = 0; i < s.length; i++) {
        const c = s[i];
        if (c === '+') bytes.push(0x20);
        else if (c === '%') {
            const h = s.slice(i + 1, i + 3);
            if (!/^[0-9a-fA-F]{2}$/.test(h))
                throw new UnsupportedError('EncodingUtil.urlDecode of a malformed escape');
            bytes.push(parseInt(h, 16));
            i += 2;
        } else {
            bytes.push(...Buffer.from(c, 'utf8'));
        }
    }
    // URLDecoder decodes with replacement of malformed sequences, as Buffer's UTF-8 decoder does.
    return Buffer.from(bytes).toString('utf8');
}

export function base64Decode(s: string): ApexBlob {
    const clean = s.replace(/[\r\n]/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean))
        throw new UnsupportedError('EncodingUtil.base64Decode of non-base64 text');
    return new ApexBlob(new Uint8Array(Buffer.from(clean, 'base64')));
}

export const ENCODING_UTIL_TYPE: NativeType = {
    name: 'EncodingUtil',
    statics: methods<NativeStatic>({
        base64Encode: (_ctx, a) =>
            Buffer.from(blobOf(a[0], 'EncodingUtil.base64Encode').bytes).toString('base64'),
        base64Decode: (_ctx, a) => base64Decode(str(a[0], 'EncodingUtil.base64Decode')),
        convertToHex: (_ctx, a) =>
            Buffer.from(blobOf(a[0], 'EncodingUtil.convertToHex').bytes).toString('hex'),
        convertFromHex: (_ctx, a) => {
            const h = str(a[0], 'EncodingUtil.convertFromHex');
            if (!/^(?:[0-9a-fA-F]{2})*$/.test(h))
                throw new UnsupportedError('EncodingUtil.convertFromHex of malformed hex');
            return new ApexBlob(new Uint8Array(Buffer.from(h, 'hex')));
        },
        urlEncode: (_ctx, a) => {
            requireUtf8(a[1], 'EncodingUtil.urlEncode');
            return urlEncode(str(a[0], 'EncodingUtil.urlEncode'));
        },
        urlDecode: (_ctx, a) => {
            requireUtf8(a[1], 'EncodingUtil.urlDecode');
            return urlDecode(str(a[0], 'EncodingUtil.urlDecode'));
        }
    })
};

export const ENCODING_TYPES = new Map<string, NativeType>([['encodingutil', ENCODING_UTIL_TYPE]]);
