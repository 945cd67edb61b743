// Salesforce-style record ids: 3-character key prefix + 12 characters, then the 3-character case-safe suffix.
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

export const KEY_PREFIX = {
    Account: '001',
    User: '005',
    Product2: '01t',
    Pricebook2: '01s',
    PricebookEntry: '01u',
    Order: '801',
    OrderItem: '802'
} as const;

export type SObjectName = keyof typeof KEY_PREFIX;

export function caseSafeSuffix(id15: string): string {
    let suffix = '';
    for (let chunk = 0; chunk < 3; chunk++) {
        let bits = 0;
        for (let i = 0; i < 5; i++) {
            const c = id15.charAt(chunk * 5 + i);
            if (c >= 'A' && c <= 'Z') bits |= 1 << i;
        }
        suffix += SUFFIX.charAt(bits);
    }
    return suffix;
}

export function recordId(object: SObjectName, sequence: number): string {
    let body = '';
    let n = sequence;
    do {
        body = BASE62.charAt(n % 62) + body;
        n = Math.floor(n / 62);
    } while (n > 0);
    // "0M" after the prefix mirrors a real pod/instance marker and keeps ids mixed case.
    const id15 = `${KEY_PREFIX[object]}0M${body.padStart(10, '0')}`;
    return id15 + caseSafeSuffix(id15);
}

export function isRecordId(value: unknown): value is string {
    return typeof value === 'string' && /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(value);
}

// Apex Id parameters accept 15 or 18 characters and compare as 18.
export function to18(id: string): string {
    return id.length === 15 ? id + caseSafeSuffix(id) : id;
}
