/**
 * System.Blob (developer.salesforce.com apexref apex_methods_system_blob.htm): valueOf(String) is the UTF-8
 * encoding; toString() decodes UTF-8 and fails on invalid bytes with `BLOB is not a valid UTF-8 string`
 * (StringException; community-known message).
 */
import { ApexBlob, ApexSystemError, UnsupportedError, type ApexValue } from '../values/model';
import { methods, type NativeContext, type NativeMethod, type NativeType } from './native';

export function blobOf(v: ApexValue, where: string): ApexBlob {
    if (!(v instanceof ApexBlob))
        throw new UnsupportedError(`${where} with a ${v === null ? 'null' : 'non-Blob'} argument`);
    return v;
}

export function utf8(s: string): ApexBlob {
    return new ApexBlob(new Uint8Array(Buffer.from(s, 'utf8')));
}

export function blobText(b: ApexBlob): string {
    try {
        return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(b.bytes);
    } catch {
        throw new ApexSystemError('StringException', 'BLOB is not a valid UTF-8 string');
    }
}

export const BLOB_TYPE: NativeType = {
    name: 'Blob',
    statics: methods({
        valueOf: (_ctx: NativeContext, args: ApexValue[]) => {
            if (args.length !== 1 || typeof args[0] !== 'string')
                throw new UnsupportedError('Blob.valueOf overload');
            return utf8(args[0]);
        },
        toPdf: () => {
            throw new UnsupportedError('Blob.toPdf');
        }
    }),
    instance: methods<NativeMethod>({
        size: (_ctx, self) => blobOf(self, 'Blob.size').bytes.length,
        toString: (_ctx: NativeContext, self: ApexValue) => blobText(blobOf(self, 'Blob.toString'))
    })
};

export const BLOB_TYPES = new Map<string, NativeType>([['blob', BLOB_TYPE]]);
