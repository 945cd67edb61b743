/**
 * Record Ids: validation, the 15→18 checksum and key prefixes.
 *
 * The checksum (community knowledge, matches every public implementation: APEX-PLATFORM.md §1 [CKS]): each
 * 5-character chunk of the 15-character Id gives a 5-bit number whose bit j is set when character j is an
 * uppercase ASCII letter; the number indexes `A…Z0…5`.
 */
import { ApexId, ApexSystemError } from './model';

const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_CHARS = /^[0-9A-Za-z]+$/;

export function idChecksum(id15: string): string {
    let out = '';
    for (let chunk = 0; chunk < 3; chunk++) {
        let bits = 0;
        for (let j = 0; j < 5; j++) {
            const c = id15.charCodeAt(chunk * 5 + j);
            if (c >= 65 && c <= 90) bits |= 1 << j;
        }
        out += CHECKSUM_ALPHABET[bits];
    }
    return out;
}

/**
 * The 18-character form of a syntactically valid Id, or undefined. An 18-character value must carry the
 * checksum of its first 15 characters (compared case-insensitively: the suffix itself encodes no case); a
 * wrong suffix is rejected as the platform does (community reports, salesforce.stackexchange 9742913).
 */
export function normalizeId(s: string): string | undefined {
    if ((s.length !== 15 && s.length !== 18) || !ID_CHARS.test(s)) return undefined;
    const id15 = s.slice(0, 15);
    const sum = idChecksum(id15);
    if (s.length === 18 && s.slice(15).toUpperCase() !== sum) return undefined;
    return id15 + sum;
}

export function isValidId(s: string): boolean {
    return normalizeId(s) !== undefined;
}

/**
 * The exception type of an invalid Id. Older sources and the community threads on `Id x = 'foo'`, `(Id)'foo'`
 * and `Id.valueOf('foo')` report `System.StringException: Invalid id: foo` (srinivas4sfdc 2016, the
 * salesforce.stackexchange answers on Id validation); one newer glossary says TypeException. StringException
 * is the most cited for all three contexts (APEX-PLATFORM.md §1, open item 1).
 */
export const INVALID_ID_EXCEPTION = 'StringException';

/** String → Id as assignment, cast and `Id.valueOf` do; throws the platform's exception for an invalid value. */
export function toId(s: string): ApexId {
    const id = normalizeId(s);
    if (id === undefined) throw new ApexSystemError(INVALID_ID_EXCEPTION, `Invalid id: ${s}`);
    return new ApexId(id);
}

/** The first three characters: the object's key prefix (case matters: `00e` Profile vs `00E` UserRole). */
export function keyPrefix(id: ApexId | string): string {
    return (typeof id === 'string' ? id : id.value).slice(0, 3);
}

export function to15(id: ApexId): string {
    return id.value.slice(0, 15);
}
