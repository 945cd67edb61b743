/**
 * Salesforce record Ids. The 15-character form is case-sensitive; the 18-character form appends three
 * characters that encode the case of the first fifteen, so it survives case-insensitive systems. Every Id
 * the middleware keys on (ledger rows, billing profiles, WHMCS order notes) is the 18-character form, so
 * `…050`, `…050AAA` and `…050aaa` name one record.
 */
const ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;
const SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

function suffixOf(id15: string): string {
    let suffix = '';
    for (let chunk = 0; chunk < 3; chunk++) {
        let bits = 0;
        for (let i = 0; i < 5; i++) {
            const c = id15[chunk * 5 + i];
            if (c >= 'A' && c <= 'Z') bits |= 1 << i;
        }
        suffix += SUFFIX_CHARS[bits];
    }
    return suffix;
}

/**
 * The 18-character form of a 15- or 18-character Id, or null when it is not an Id or its suffix does not
 * match the case of its first fifteen characters (a mangled Id: it could name another record).
 */
export function normaliseSalesforceId(value: string): string | null {
    if (!ID.test(value)) return null;
    const head = value.slice(0, 15);
    const suffix = suffixOf(head);
    if (value.length === 18 && value.slice(15).toUpperCase() !== suffix) return null;
    return head + suffix;
}
