// Server-side PHP conventions: `$_REQUEST`-style bracket parsing and `unserialize()`.
// Written independently of the client's encoder so the tests check one against the other.

/** A PHP request value: a string or a PHP array (ordered keys). */
export type PhpValue = string | PhpArray;
export interface PhpArray {
    [key: string]: PhpValue;
}

export function isPhpArray(v: PhpValue | undefined): v is PhpArray {
    return typeof v === 'object' && v !== null;
}

/** Decodes `a[]=1&a[]=2&b[k][x]=3` pairs into nested PHP arrays, as PHP fills $_POST. */
export function parsePhpParams(pairs: Iterable<[string, string]>, into: PhpArray = {}): PhpArray {
    for (const [rawName, value] of pairs) {
        const open = rawName.indexOf('[');
        let base = open === -1 ? rawName : rawName.slice(0, open);
        // PHP rewrites '.' and ' ' in the base name to '_'.
        base = base.replace(/[. ]/g, '_');
        if (base === '') continue;
        const keys: string[] = [];
        if (open !== -1) {
            const rest = rawName.slice(open);
            const re = /\[([^\]]*)\]/g;
            let m: RegExpExecArray | null;
            let consumed = 0;
            while ((m = re.exec(rest)) !== null && m.index === consumed) {
                keys.push(m[1]);
                consumed = re.lastIndex;
            }
        }
        assign(into, [base, ...keys], value);
    }
    return into;
}

function assign(target: PhpArray, path: string[], value: string): void {
    let node: PhpArray = target;
    for (let i = 0; i < path.length; i++) {
        let key = path[i];
        const last = i === path.length - 1;
        if (key === '') key = String(nextIndex(node));
        if (last) {
            node[key] = value;
            return;
        }
        const existing = node[key];
        if (!isPhpArray(existing)) node[key] = {};
        node = node[key] as PhpArray;
    }
}

function nextIndex(arr: PhpArray): number {
    let max = -1;
    for (const k of Object.keys(arr)) if (/^\d+$/.test(k)) max = Math.max(max, Number(k));
    return max + 1;
}

export class PhpUnserializeError extends Error {}

export type PhpUnserialized = string | number | boolean | null | { [key: string]: PhpUnserialized };

/**
 * `unserialize()` for the subset WHMCS customfields use: arrays, int/string keys, string/int/float/bool/null
 * values. Lengths are UTF-8 byte counts. Throws PhpUnserializeError on anything malformed or trailing.
 */
export function phpUnserialize(input: string): PhpUnserialized {
    const buf = Buffer.from(input, 'utf8');
    let pos = 0;
    const fail = (why: string): never => {
        throw new PhpUnserializeError(`${why} at offset ${pos}`);
    };
    const expect = (ch: string) => {
        if (buf[pos] !== ch.charCodeAt(0)) fail(`expected '${ch}'`);
        pos++;
    };
    const readUntil = (ch: string): string => {
        const end = buf.indexOf(ch.charCodeAt(0), pos);
        if (end === -1) fail(`missing '${ch}'`);
        const s = buf.subarray(pos, end).toString('utf8');
        pos = end + 1;
        return s;
    };
    const readInt = (term: string): number => {
        const s = readUntil(term);
        if (!/^-?\d+$/.test(s)) fail('bad integer');
        return Number(s);
    };
    let depth = 0;
    const value = (): PhpUnserialized => {
        const type = String.fromCharCode(buf[pos] ?? 0);
        pos++;
        switch (type) {
            case 'N':
                expect(';');
                return null;
            case 'b': {
                expect(':');
                const n = readInt(';');
                if (n !== 0 && n !== 1) fail('bad boolean');
                return n === 1;
            }
            case 'i':
                expect(':');
                return readInt(';');
            case 'd': {
                expect(':');
                const s = readUntil(';');
                if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(s)) fail('bad float');
                return Number(s);
            }
            case 's': {
                expect(':');
                const len = readInt(':');
                if (len < 0) fail('bad length');
                expect('"');
                if (pos + len > buf.length) fail('string past end');
                const s = buf.subarray(pos, pos + len).toString('utf8');
                pos += len;
                expect('"');
                expect(';');
                return s;
            }
            case 'a': {
                expect(':');
                const count = readInt(':');
                if (count < 0 || count > 10_000) fail('bad array size');
                expect('{');
                if (++depth > 16) fail('nested too deep');
                const out: { [key: string]: PhpUnserialized } = {};
                for (let i = 0; i < count; i++) {
                    const key = value();
                    if (typeof key !== 'string' && typeof key !== 'number') fail('bad array key');
                    out[String(key)] = value();
                }
                expect('}');
                depth--;
                return out;
            }
            default:
                return fail(`unsupported type '${type}'`);
        }
    };
    const result = value();
    if (pos !== buf.length) fail('trailing data');
    return result;
}

/**
 * base64 → unserialize → { fieldId: value }. Throws PhpUnserializeError when the text is not
 * base64 of a serialized array of scalars keyed by positive integers.
 */
export function decodeCustomFields(encoded: string): Map<number, string> {
    const trimmed = encoded.trim();
    if (trimmed === '') return new Map();
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || trimmed.length % 4 === 1) {
        throw new PhpUnserializeError('not base64');
    }
    const data = phpUnserialize(Buffer.from(trimmed, 'base64').toString('utf8'));
    if (data === null || typeof data !== 'object') throw new PhpUnserializeError('not a serialized array');
    const out = new Map<number, string>();
    for (const [k, v] of Object.entries(data)) {
        if (!/^[1-9]\d*$/.test(k)) throw new PhpUnserializeError(`field id '${k}' is not a positive integer`);
        if (v !== null && typeof v === 'object') throw new PhpUnserializeError(`field ${k} is not a scalar`);
        out.set(Number(k), v === null ? '' : typeof v === 'boolean' ? (v ? '1' : '') : String(v));
    }
    return out;
}
