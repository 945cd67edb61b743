/**
 * System.String (developer.salesforce.com apexref apex_methods_system_string.htm, APEX-PLATFORM.md §10).
 * Apex delegates most String methods to java.lang.String and Apache Commons Lang 3 StringUtils /
 * StringEscapeUtils; each method here follows those definitions. Where a Java method would throw and the
 * Apex exception for it is undocumented, the method throws UnsupportedError instead of guessing.
 */
import {
    ApexDatetime,
    ApexList,
    ApexSet,
    ApexSystemError,
    T,
    UnsupportedError,
    type ApexValue
} from '../values/model';
import {
    compileJavaRegex,
    codePoints,
    isDigit,
    isJavaWhitespace,
    isLetter,
    isLower,
    isTitle,
    isUpper,
    javaHashCode,
    javaReplace,
    javaSplit,
    javaTrim
} from '../values/strings';
import { methods, type NativeContext, type NativeMethod, type NativeStatic, type NativeType } from './native';

// ---------- argument helpers ----------

function str(v: ApexValue, where: string): string {
    if (typeof v === 'string') return v;
    if (v === null) throw new UnsupportedError(`${where} with a null argument`);
    throw new UnsupportedError(`${where} with a ${typeof v} argument`);
}
function int(v: ApexValue, where: string): number {
    if (typeof v === 'number') return v;
    if (v === null) throw new UnsupportedError(`${where} with a null argument`);
    throw new UnsupportedError(`${where} with a non-Integer argument`);
}
function arity(args: ApexValue[], allowed: number[], where: string): void {
    if (!allowed.includes(args.length)) throw new UnsupportedError(`${where} with ${args.length} arguments`);
}
const list = (items: string[]): ApexList => new ApexList(T.String, items);

// ---------- per-char helpers (UTF-16 units, as Commons Lang iterates) ----------

const units = (s: string): string[] => s.split('');
const charCp = (u: string): number => u.charCodeAt(0);
/** Character.toUpperCase(char): one char; JavaScript's multi-char mappings (ß → SS) leave the char unchanged. */
function upChar(u: string): string {
    const r = u.toUpperCase();
    return r.length === 1 ? r : u;
}
function loChar(u: string): string {
    const r = u.toLowerCase();
    return r.length === 1 ? r : u;
}
/** String.regionMatches(ignoreCase=true) per-char rule. */
function charEqIgnoreCase(a: string, b: string): boolean {
    if (a === b) return true;
    const ua = upChar(a);
    const ub = upChar(b);
    return ua === ub || loChar(ua) === loChar(ub);
}
function regionMatchesIgnoreCase(s: string, offset: number, other: string): boolean {
    if (offset < 0 || offset + other.length > s.length) return false;
    for (let k = 0; k < other.length; k++) if (!charEqIgnoreCase(s[offset + k], other[k])) return false;
    return true;
}
export function javaEqualsIgnoreCase(a: string, b: string): boolean {
    return a.length === b.length && regionMatchesIgnoreCase(a, 0, b);
}
function indexOfIgnoreCase(s: string, sub: string, from = 0): number {
    for (let k = Math.max(from, 0); k + sub.length <= s.length; k++)
        if (regionMatchesIgnoreCase(s, k, sub)) return k;
    return -1;
}
function lastIndexOfIgnoreCase(s: string, sub: string, from = s.length): number {
    for (let k = Math.min(from, s.length - sub.length); k >= 0; k--)
        if (regionMatchesIgnoreCase(s, k, sub)) return k;
    return -1;
}

const allUnits = (s: string, test: (u: string) => boolean): boolean => units(s).every(test);
const letter = (u: string): boolean => isLetter(charCp(u));
const digit = (u: string): boolean => isDigit(charCp(u));
const ws = (u: string): boolean => isJavaWhitespace(charCp(u));

function requireCaseLocale(ctx: NativeContext, where: string): void {
    // Apex cases by the user's locale; only Turkish, Azerbaijani and Lithuanian differ from the root rules.
    if (/^(tr|az|lt)/i.test(ctx.locale)) throw new UnsupportedError(`${where} in locale ${ctx.locale}`);
}

// ---------- Commons Lang algorithms ----------

function pad(s: string, size: number, padStr: string, left: boolean): string {
    const p = padStr === '' ? ' ' : padStr;
    const n = size - s.length;
    if (n <= 0) return s;
    const fill = p.repeat(Math.ceil(n / p.length)).slice(0, n);
    return left ? fill + s : s + fill;
}

function center(s: string, size: number, padStr: string): string {
    const p = padStr === '' ? ' ' : padStr;
    if (size <= 0 || size - s.length <= 0) return s;
    const n = size - s.length;
    return pad(pad(s, s.length + Math.floor(n / 2), p, true), size, p, false);
}

function abbreviate(s: string, maxWidth: number, offset = 0): string {
    if (maxWidth < 4) throw new UnsupportedError('String.abbreviate with maxWidth below 4');
    if (s.length <= maxWidth) return s;
    let off = Math.min(offset, s.length);
    if (s.length - off < maxWidth - 3) off = s.length - (maxWidth - 3);
    if (off <= 4) return s.slice(0, maxWidth - 3) + '...';
    if (maxWidth < 7) throw new UnsupportedError('String.abbreviate with an offset and maxWidth below 7');
    if (off + maxWidth - 3 < s.length) return '...' + abbreviate(s.slice(off), maxWidth - 3);
    return '...' + s.slice(s.length - (maxWidth - 3));
}

function capitalize(s: string): string {
    if (s === '') return s;
    const first = String.fromCodePoint(s.codePointAt(0)!);
    // Character.toTitleCase: the title-case form of digraphs (ǆ → ǅ), else the upper-case form.
    const titles: Record<string, string> = { ǆ: 'ǅ', Ǆ: 'ǅ', ǉ: 'ǈ', Ǉ: 'ǈ', ǌ: 'ǋ', Ǌ: 'ǋ', ǳ: 'ǲ', Ǳ: 'ǲ' };
    const up = titles[first] ?? (first.toUpperCase().length === first.length ? first.toUpperCase() : first);
    return up + s.slice(first.length);
}

function uncapitalize(s: string): string {
    if (s === '') return s;
    const first = String.fromCodePoint(s.codePointAt(0)!);
    const lo = first.toLowerCase();
    return (lo.length === first.length ? lo : first) + s.slice(first.length);
}

function swapCase(s: string): string {
    return units(s)
        .map((u) => {
            const cp = charCp(u);
            if (isUpper(cp) || isTitle(cp)) return loChar(u);
            if (isLower(cp)) return upChar(u);
            return u;
        })
        .join('');
}

function normalizeSpace(s: string): string {
    let out = '';
    let pending = false;
    let started = false;
    for (const u of units(s)) {
        if (ws(u)) {
            pending = started;
        } else {
            if (pending) out += ' ';
            pending = false;
            started = true;
            out += u === '\u00a0' ? ' ' : u;
        }
    }
    return out;
}

function difference(a: string, b: string): string {
    const at = indexOfDifference(a, b);
    return at === -1 ? '' : b.slice(at);
}
function indexOfDifference(a: string, b: string): number {
    if (a === b) return -1;
    let k = 0;
    while (k < a.length && k < b.length && a[k] === b[k]) k++;
    return k < b.length || k < a.length ? k : -1;
}

function levenshtein(a: string, b: string, threshold?: number): number {
    let prev = Array.from({ length: b.length + 1 }, (_, k) => k);
    for (let i = 1; i <= a.length; i++) {
        const cur = [i];
        for (let j = 1; j <= b.length; j++) {
            cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        prev = cur;
    }
    const d = prev[b.length];
    return threshold !== undefined && d > threshold ? -1 : d;
}

const CATEGORIES = [
    'Lu',
    'Ll',
    'Lt',
    'Lm',
    'Lo',
    'Mn',
    'Me',
    'Mc',
    'Nd',
    'Nl',
    'No',
    'Zs',
    'Zl',
    'Zp',
    'Cc',
    'Cf',
    'Co',
    'Cs',
    'Pd',
    'Ps',
    'Pe',
    'Pc',
    'Po',
    'Sm',
    'Sc',
    'Sk',
    'So',
    'Pi',
    'Pf'
];
const CATEGORY_RES = CATEGORIES.map((c) => new RegExp(`^\\p{${c}}$`, 'u'));
function charType(u: string): number {
    const k = CATEGORY_RES.findIndex((re) => re.test(u));
    return k; // -1: unassigned
}

/** StringUtils.splitByCharacterType(str, camelCase). */
function splitByCharacterType(s: string, camel: boolean): string[] {
    if (s === '') return [];
    const cs = units(s);
    const out: string[] = [];
    let tokenStart = 0;
    let current = charType(cs[0]);
    const LU = 0;
    const LL = 1;
    for (let pos = 1; pos < cs.length; pos++) {
        const type = charType(cs[pos]);
        if (type === current) continue;
        if (camel && type === LL && current === LU) {
            const newStart = pos - 1;
            if (newStart !== tokenStart) {
                out.push(cs.slice(tokenStart, newStart).join(''));
                tokenStart = newStart;
            }
        } else {
            out.push(cs.slice(tokenStart, pos).join(''));
            tokenStart = pos;
        }
        current = type;
    }
    out.push(cs.slice(tokenStart).join(''));
    return out;
}

// ---------- escaping (Commons Lang 3 StringEscapeUtils) ----------

const hex4 = (n: number): string => n.toString(16).toUpperCase().padStart(4, '0');

function escapeJavaLike(s: string, ecma: boolean): string {
    let out = '';
    for (const u of units(s)) {
        const c = charCp(u);
        if (u === '"') out += '\\"';
        else if (u === '\\') out += '\\\\';
        else if (ecma && u === "'") out += "\\'";
        else if (ecma && u === '/') out += '\\/';
        else if (u === '\b') out += '\\b';
        else if (u === '\n') out += '\\n';
        else if (u === '\t') out += '\\t';
        else if (u === '\f') out += '\\f';
        else if (u === '\r') out += '\\r';
        else if (c < 32 || c > 0x7f) out += '\\u' + hex4(c);
        else out += u;
    }
    return out;
}

/** UnescapeJava / UnescapeEcmaScript: octal, \\uXXXX (u may repeat), and the single-char escapes. */
function unescapeJava(s: string): string {
    let out = '';
    for (let i = 0; i < s.length; i++) {
        const c = s[i];
        if (c !== '\\' || i + 1 >= s.length) {
            out += c;
            continue;
        }
        const n = s[i + 1];
        const simple: Record<string, string> = {
            b: '\b',
            n: '\n',
            t: '\t',
            f: '\f',
            r: '\r',
            '\\': '\\',
            "'": "'",
            '"': '"',
            '/': '/'
        };
        if (simple[n] !== undefined) {
            out += simple[n];
            i++;
        } else if (n === 'u') {
            let j = i + 1;
            while (s[j] === 'u') j++;
            if (s[j] === '+') j++;
            const h = s.slice(j, j + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(h))
                throw new UnsupportedError(`unescape of a malformed unicode escape in ${s}`);
            out += String.fromCharCode(parseInt(h, 16));
            i = j + 3;
        } else if (/[0-7]/.test(n)) {
            const m = /^(?:[0-3][0-7]{0,2}|[4-7][0-7]?)/.exec(s.slice(i + 1))!;
            out += String.fromCharCode(parseInt(m[0], 8));
            i += m[0].length;
        } else {
            out += c;
        }
    }
    return out;
}

const BASIC_ENTITIES: [string, string][] = [
    ['"', 'quot'],
    ['&', 'amp'],
    ['<', 'lt'],
    ['>', 'gt']
];
/** ISO-8859-1 entity names for U+00A0 … U+00FF (HTML 4.01, as EntityArrays.ISO8859_1_ESCAPE). */
const ISO_NAMES =
    'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml'.split(
        ' '
    );
const HTML_ESCAPES = new Map<string, string>([
    ...BASIC_ENTITIES,
    ...ISO_NAMES.map((n, k): [string, string] => [String.fromCharCode(0xa0 + k), n])
]);
const HTML_UNESCAPES = new Map([...HTML_ESCAPES].map(([c, n]) => [n, c]));
/** Characters with HTML 4 extended entities (Greek, Latin Extended, math, arrows...): not tabled here. */
const HTML4_EXTENDED = /[\u0152-\u02dc\u0391-\u03d2\u2002-\u2666]/;

function escapeHtml(s: string, html4: boolean): string {
    if (html4 && HTML4_EXTENDED.test(s))
        throw new UnsupportedError('String.escapeHtml4 of HTML 4 extended entity characters');
    return units(s)
        .map((u) => {
            const n = HTML_ESCAPES.get(u);
            return n ? `&${n};` : u;
        })
        .join('');
}

function unescapeEntities(s: string, named: Map<string, string>, where: string): string {
    return s.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z][a-zA-Z0-9]*);/g, (all, body: string) => {
        if (body[0] === '#') {
            const cp =
                body[1] === 'x' || body[1] === 'X'
                    ? parseInt(body.slice(2), 16)
                    : parseInt(body.slice(1), 10);
            if (cp > 0x10ffff) return all;
            return String.fromCodePoint(cp);
        }
        const c = named.get(body);
        if (c === undefined) throw new UnsupportedError(`${where} of the entity &${body};`);
        return c;
    });
}

const XML_ESCAPES = new Map([...BASIC_ENTITIES, ["'", 'apos']]);
const XML_UNESCAPES = new Map([...XML_ESCAPES].map(([c, n]) => [n, c]));

function escapeCsv(s: string): string {
    if (!/[",\r\n]/.test(s)) return s;
    return `"${s.replace(/"/g, '""')}"`;
}
function unescapeCsv(s: string): string {
    if (s.length < 2 || s[0] !== '"' || s[s.length - 1] !== '"') return s;
    const inner = s.slice(1, -1);
    if (!/[",\r\n]/.test(inner)) return s;
    return inner.replace(/""/g, '"');
}

function escapeUnicode(s: string): string {
    return units(s)
        .map((u) => (charCp(u) > 0x7f ? '\\u' + hex4(charCp(u)) : u))
        .join('');
}

function stripHtmlTags(s: string): string {
    // Only the documented simple case (`<b>hello world</b>` → `hello world`): tag removal.
    if (/<\s*(script|style)\b|<!--|&/i.test(s))
        throw new UnsupportedError('String.stripHtmlTags of scripts, comments or entities');
    return s.replace(/<[^>]*>/g, '');
}

// ---------- substring ----------

/**
 * substring errors: StringException `Starting position out of bounds: N` / `Ending position out of bounds: N`
 * (APEX-PLATFORM.md §10; the ending form with its number is quoted from a public Apex trigger's change log,
 * "Ending position out of bounds: -1"; the starting form is community-reported).
 */
function substring(s: string, start: number, end = s.length): string {
    if (start < 0 || start > s.length)
        throw new ApexSystemError('StringException', `Starting position out of bounds: ${start}`);
    if (end < 0 || end > s.length)
        throw new ApexSystemError('StringException', `Ending position out of bounds: ${end}`);
    if (start > end) throw new UnsupportedError('String.substring with start after end');
    return s.slice(start, end);
}

// ---------- String.format (java.text.MessageFormat) ----------

/**
 * MessageFormat over arguments converted to Strings first ("Non-string types in the second argument's List are
 * implicitly converted to strings, respecting the toString() method overrides", apex_methods_system_string.htm;
 * salesforce.stackexchange 38643: only String arguments reach the formatter). Hence a `{0,number}` element throws
 * StringException `Cannot format given Object as a Number` (Java's message, reported there).
 */
export function messageFormat(fmt: string, args: string[]): string {
    let out = '';
    let quoted = false;
    for (let i = 0; i < fmt.length; i++) {
        const c = fmt[i];
        if (c === "'") {
            if (fmt[i + 1] === "'") {
                out += "'";
                i++;
            } else {
                quoted = !quoted;
            }
        } else if (c === '{' && !quoted) {
            let depth = 1;
            let end = i + 1;
            for (; end < fmt.length && depth > 0; end++)
                depth += fmt[end] === '{' ? 1 : fmt[end] === '}' ? -1 : 0;
            const m = /^\s*(\d+)\s*(?:,\s*([a-z]+)\b[\s\S]*)?$/.exec(fmt.slice(i + 1, end - 1));
            if (depth > 0 || !m) throw new UnsupportedError(`String.format pattern ${fmt}`);
            const n = Number(m[1]);
            const arg = n < args.length ? args[n] : undefined;
            if (arg === undefined) out += `{${n}}`;
            else if (m[2] === undefined) out += arg;
            else if (m[2] === 'number' || m[2] === 'choice') {
                throw new ApexSystemError('StringException', 'Cannot format given Object as a Number');
            } else if (m[2] === 'date' || m[2] === 'time') {
                throw new ApexSystemError('StringException', 'Cannot format given Object as a Date');
            } else throw new UnsupportedError(`String.format element type ${m[2]}`);
            i = end - 1;
        } else {
            out += c;
        }
    }
    return out;
}

function iterableItems(v: ApexValue, where: string): ApexValue[] {
    if (v instanceof ApexList) return v.items;
    if (v instanceof ApexSet) return [...v.entries.values()];
    throw new UnsupportedError(`${where} of a non-collection`);
}

const pad2 = (n: number, w = 2): string => String(n).padStart(w, '0');
/** `yyyy-MM-dd HH:mm:ss` in GMT (String.valueOfGmt). */
export function formatGmt(d: ApexDatetime): string {
    const t = new Date(d.epochMs);
    return `${pad2(t.getUTCFullYear(), 4)}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())} ${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}:${pad2(t.getUTCSeconds())}`;
}

// ---------- the tables ----------

type S = (s: string, a: ApexValue[], ctx: NativeContext) => ApexValue;
/** Wraps a method on the receiver string with arity checking. */
function m(allowed: number[], f: S): (name: string) => NativeMethod {
    return (name) => (ctx, self, args) => {
        arity(args, allowed, `String.${name}`);
        return f(str(self, `String.${name}`), args, ctx);
    };
}

const instanceDefs: Record<string, (name: string) => NativeMethod> = {
    abbreviate: m([1, 2], (s, a) =>
        abbreviate(s, int(a[0], 'abbreviate'), a.length > 1 ? int(a[1], 'abbreviate') : 0)
    ),
    capitalize: m([0], (s) => capitalize(s)),
    center: m([1, 2], (s, a) =>
        center(s, int(a[0], 'center'), a.length > 1 ? str(a[1], 'String.center') : ' ')
    ),
    charAt: m([1], (s, a) => {
        const k = int(a[0], 'String.charAt');
        if (k < 0 || k >= s.length) throw new UnsupportedError('String.charAt out of bounds');
        return s.charCodeAt(k);
    }),
    codePointAt: m([1], (s, a) => {
        const k = int(a[0], 'String.codePointAt');
        if (k < 0 || k >= s.length) throw new UnsupportedError('String.codePointAt out of bounds');
        return s.codePointAt(k)!;
    }),
    codePointBefore: m([1], (s, a) => {
        const k = int(a[0], 'String.codePointBefore');
        if (k < 1 || k > s.length) throw new UnsupportedError('String.codePointBefore out of bounds');
        const lo = s.charCodeAt(k - 1);
        if (lo >= 0xdc00 && lo <= 0xdfff && k >= 2) {
            const hi = s.charCodeAt(k - 2);
            if (hi >= 0xd800 && hi <= 0xdbff) return s.codePointAt(k - 2)!;
        }
        return lo;
    }),
    codePointCount: m([2], (s, a) => {
        const b = int(a[0], 'String.codePointCount');
        const e = int(a[1], 'String.codePointCount');
        if (b < 0 || e > s.length || b > e) throw new UnsupportedError('String.codePointCount out of bounds');
        return codePoints(s.slice(b, e)).length;
    }),
    compareTo: m([1], (s, a) => {
        const o = str(a[0], 'String.compareTo');
        for (let k = 0; k < Math.min(s.length, o.length); k++) {
            if (s[k] !== o[k]) return s.charCodeAt(k) - o.charCodeAt(k);
        }
        return s.length - o.length;
    }),
    contains: m([1], (s, a) => s.includes(str(a[0], 'String.contains'))),
    containsAny: m([1], (s, a) => {
        const cs = str(a[0], 'String.containsAny');
        return units(s).some((u) => cs.includes(u));
    }),
    containsIgnoreCase: m([1], (s, a) => indexOfIgnoreCase(s, str(a[0], 'String.containsIgnoreCase')) >= 0),
    containsNone: m([1], (s, a) => {
        const cs = str(a[0], 'String.containsNone');
        return !units(s).some((u) => cs.includes(u));
    }),
    containsOnly: m([1], (s, a) => {
        const cs = str(a[0], 'String.containsOnly');
        return units(s).every((u) => cs.includes(u));
    }),
    containsWhitespace: m([0], (s) => units(s).some(ws)),
    countMatches: m([1], (s, a) => {
        const sub = str(a[0], 'String.countMatches');
        return sub === '' ? 0 : s.split(sub).length - 1;
    }),
    deleteWhitespace: m([0], (s) =>
        units(s)
            .filter((u) => !ws(u))
            .join('')
    ),
    difference: m([1], (s, a) => difference(s, str(a[0], 'String.difference'))),
    endsWith: m([1], (s, a) => s.endsWith(str(a[0], 'String.endsWith'))),
    endsWithIgnoreCase: m([1], (s, a) => {
        const suf = str(a[0], 'String.endsWithIgnoreCase');
        return regionMatchesIgnoreCase(s, s.length - suf.length, suf);
    }),
    // Documented: true only for a non-null String with the same characters (case-sensitive).
    equals: m([1], (s, a) => typeof a[0] === 'string' && a[0] === s),
    equalsIgnoreCase: m([1], (s, a) => typeof a[0] === 'string' && javaEqualsIgnoreCase(s, a[0])),
    escapeCsv: m([0], (s) => escapeCsv(s)),
    escapeEcmaScript: m([0], (s) => escapeJavaLike(s, true)),
    escapeHtml3: m([0], (s) => escapeHtml(s, false)),
    escapeHtml4: m([0], (s) => escapeHtml(s, true)),
    escapeJava: m([0], (s) => escapeJavaLike(s, false)),
    escapeUnicode: m([0], (s) => escapeUnicode(s)),
    escapeXml: m([0], (s) =>
        units(s)
            .map((u) => (XML_ESCAPES.has(u) ? `&${XML_ESCAPES.get(u)};` : u))
            .join('')
    ),
    getChars: m([0], (s) => new ApexList(T.Integer, units(s).map(charCp))),
    getLevenshteinDistance: m([1, 2], (s, a) =>
        levenshtein(
            s,
            str(a[0], 'String.getLevenshteinDistance'),
            a.length > 1 ? int(a[1], 'getLevenshteinDistance') : undefined
        )
    ),
    hashCode: m([0], (s) => javaHashCode(s)),
    indexOf: m([1, 2], (s, a) => {
        const sub = str(a[0], 'String.indexOf');
        const from = a.length > 1 ? Math.max(0, int(a[1], 'String.indexOf')) : 0;
        return s.indexOf(sub, from);
    }),
    indexOfAny: m([1], (s, a) => {
        const cs = str(a[0], 'String.indexOfAny');
        return units(s).findIndex((u) => cs.includes(u));
    }),
    indexOfAnyBut: m([1], (s, a) => {
        const cs = str(a[0], 'String.indexOfAnyBut');
        if (cs === '') return -1;
        return units(s).findIndex((u) => !cs.includes(u));
    }),
    indexOfChar: m([1, 2], (s, a) => {
        const ch = String.fromCodePoint(int(a[0], 'String.indexOfChar'));
        return s.indexOf(ch, a.length > 1 ? Math.max(0, int(a[1], 'String.indexOfChar')) : 0);
    }),
    indexOfDifference: m([1], (s, a) => indexOfDifference(s, str(a[0], 'String.indexOfDifference'))),
    indexOfIgnoreCase: m([1, 2], (s, a) =>
        indexOfIgnoreCase(
            s,
            str(a[0], 'String.indexOfIgnoreCase'),
            a.length > 1 ? int(a[1], 'indexOfIgnoreCase') : 0
        )
    ),
    isAllLowerCase: m([0], (s) => s !== '' && allUnits(s, (u) => isLower(charCp(u)))),
    isAllUpperCase: m([0], (s) => s !== '' && allUnits(s, (u) => isUpper(charCp(u)))),
    isAlpha: m([0], (s) => s !== '' && allUnits(s, letter)),
    isAlphaSpace: m([0], (s) => allUnits(s, (u) => u === ' ' || letter(u))),
    isAlphanumeric: m([0], (s) => s !== '' && allUnits(s, (u) => letter(u) || digit(u))),
    isAlphanumericSpace: m([0], (s) => allUnits(s, (u) => u === ' ' || letter(u) || digit(u))),
    isAsciiPrintable: m([0], (s) => allUnits(s, (u) => charCp(u) >= 32 && charCp(u) < 127)),
    isNumeric: m([0], (s) => s !== '' && allUnits(s, digit)),
    isNumericSpace: m([0], (s) => allUnits(s, (u) => u === ' ' || digit(u))),
    isWhitespace: m([0], (s) => allUnits(s, ws)),
    lastIndexOf: m([1, 2], (s, a) => {
        const sub = str(a[0], 'String.lastIndexOf');
        if (a.length === 1) return s.lastIndexOf(sub);
        const from = int(a[1], 'String.lastIndexOf');
        return from < 0 ? -1 : s.lastIndexOf(sub, from);
    }),
    lastIndexOfChar: m([1, 2], (s, a) => {
        const ch = String.fromCodePoint(int(a[0], 'String.lastIndexOfChar'));
        if (a.length === 1) return s.lastIndexOf(ch);
        const from = int(a[1], 'String.lastIndexOfChar');
        return from < 0 ? -1 : s.lastIndexOf(ch, from);
    }),
    lastIndexOfIgnoreCase: m([1, 2], (s, a) => {
        const sub = str(a[0], 'String.lastIndexOfIgnoreCase');
        if (a.length === 1) return lastIndexOfIgnoreCase(s, sub);
        const from = int(a[1], 'lastIndexOfIgnoreCase');
        return from < 0 ? -1 : lastIndexOfIgnoreCase(s, sub, from);
    }),
    left: m([1], (s, a) => {
        const n = int(a[0], 'String.left');
        return n < 0 ? '' : s.slice(0, n);
    }),
    leftPad: m([1, 2], (s, a) =>
        pad(s, int(a[0], 'String.leftPad'), a.length > 1 ? str(a[1], 'String.leftPad') : ' ', true)
    ),
    length: m([0], (s) => s.length),
    mid: m([2], (s, a) => {
        let start = int(a[0], 'String.mid');
        const len = int(a[1], 'String.mid');
        if (len < 0 || start > s.length) return '';
        if (start < 0) start = 0;
        return s.slice(start, start + len);
    }),
    normalizeSpace: m([0], (s) => normalizeSpace(s)),
    offsetByCodePoints: m([2], (s, a) => {
        let k = int(a[0], 'String.offsetByCodePoints');
        let n = int(a[1], 'String.offsetByCodePoints');
        if (k < 0 || k > s.length) throw new UnsupportedError('String.offsetByCodePoints out of bounds');
        for (; n > 0; n--) {
            if (k >= s.length) throw new UnsupportedError('String.offsetByCodePoints out of bounds');
            k += s.codePointAt(k)! > 0xffff ? 2 : 1;
        }
        for (; n < 0; n++) {
            if (k <= 0) throw new UnsupportedError('String.offsetByCodePoints out of bounds');
            const lo = s.charCodeAt(k - 1);
            const hi = s.charCodeAt(k - 2);
            k -= lo >= 0xdc00 && lo <= 0xdfff && hi >= 0xd800 && hi <= 0xdbff ? 2 : 1;
        }
        return k;
    }),
    remove: m([1], (s, a) => {
        const sub = str(a[0], 'String.remove');
        return sub === '' ? s : s.split(sub).join('');
    }),
    removeEnd: m([1], (s, a) => {
        const suf = str(a[0], 'String.removeEnd');
        return suf !== '' && s.endsWith(suf) ? s.slice(0, s.length - suf.length) : s;
    }),
    removeEndIgnoreCase: m([1], (s, a) => {
        const suf = str(a[0], 'String.removeEndIgnoreCase');
        return suf !== '' && regionMatchesIgnoreCase(s, s.length - suf.length, suf)
            ? s.slice(0, s.length - suf.length)
            : s;
    }),
    removeStart: m([1], (s, a) => {
        const pre = str(a[0], 'String.removeStart');
        return pre !== '' && s.startsWith(pre) ? s.slice(pre.length) : s;
    }),
    removeStartIgnoreCase: m([1], (s, a) => {
        const pre = str(a[0], 'String.removeStartIgnoreCase');
        return pre !== '' && regionMatchesIgnoreCase(s, 0, pre) ? s.slice(pre.length) : s;
    }),
    repeat: m([1, 2], (s, a) => {
        if (a.length === 1) return s.repeat(Math.max(0, int(a[0], 'String.repeat')));
        const sep = str(a[0], 'String.repeat');
        const n = int(a[1], 'String.repeat');
        return n <= 0 ? '' : Array(n).fill(s).join(sep);
    }),
    replace: m([2], (s, a) => {
        const target = str(a[0], 'String.replace');
        const rep = str(a[1], 'String.replace');
        if (target === '') return rep + units(s).join(rep) + (s === '' ? '' : rep);
        return s.split(target).join(rep);
    }),
    replaceAll: m([2], (s, a) =>
        javaReplace(s, compileJavaRegex(str(a[0], 'String.replaceAll')), str(a[1], 'String.replaceAll'), true)
    ),
    replaceFirst: m([2], (s, a) =>
        javaReplace(
            s,
            compileJavaRegex(str(a[0], 'String.replaceFirst')),
            str(a[1], 'String.replaceFirst'),
            false
        )
    ),
    reverse: m([0], (s) => Array.from(s).reverse().join('')),
    right: m([1], (s, a) => {
        const n = int(a[0], 'String.right');
        return n <= 0 ? '' : n >= s.length ? s : s.slice(s.length - n);
    }),
    rightPad: m([1, 2], (s, a) =>
        pad(s, int(a[0], 'String.rightPad'), a.length > 1 ? str(a[1], 'String.rightPad') : ' ', false)
    ),
    split: m([1, 2], (s, a) =>
        list(
            javaSplit(
                s,
                compileJavaRegex(str(a[0], 'String.split')),
                a.length > 1 ? int(a[1], 'String.split') : 0
            )
        )
    ),
    splitByCharacterType: m([0], (s) => list(splitByCharacterType(s, false))),
    splitByCharacterTypeCamelCase: m([0], (s) => list(splitByCharacterType(s, true))),
    startsWith: m([1], (s, a) => s.startsWith(str(a[0], 'String.startsWith'))),
    startsWithIgnoreCase: m([1], (s, a) =>
        regionMatchesIgnoreCase(s, 0, str(a[0], 'String.startsWithIgnoreCase'))
    ),
    stripHtmlTags: m([0], (s) => stripHtmlTags(s)),
    substring: m([1, 2], (s, a) =>
        substring(s, int(a[0], 'String.substring'), a.length > 1 ? int(a[1], 'String.substring') : s.length)
    ),
    substringAfter: m([1], (s, a) => {
        const sep = str(a[0], 'String.substringAfter');
        const k = s.indexOf(sep);
        return k < 0 ? '' : s.slice(k + sep.length);
    }),
    substringAfterLast: m([1], (s, a) => {
        const sep = str(a[0], 'String.substringAfterLast');
        const k = s.lastIndexOf(sep);
        return sep === '' || k < 0 || k === s.length - sep.length ? '' : s.slice(k + sep.length);
    }),
    substringBefore: m([1], (s, a) => {
        const sep = str(a[0], 'String.substringBefore');
        const k = s.indexOf(sep);
        return k < 0 ? s : s.slice(0, k);
    }),
    substringBeforeLast: m([1], (s, a) => {
        const sep = str(a[0], 'String.substringBeforeLast');
        const k = s.lastIndexOf(sep);
        return sep === '' || k < 0 ? s : s.slice(0, k);
    }),
    substringBetween: m([1, 2], (s, a) => {
        const open = str(a[0], 'String.substringBetween');
        const close = a.length > 1 ? str(a[1], 'String.substringBetween') : open;
        const b = s.indexOf(open);
        if (b < 0) return null;
        const e = s.indexOf(close, b + open.length);
        return e < 0 ? null : s.slice(b + open.length, e);
    }),
    swapCase: m([0], (s) => swapCase(s)),
    toLowerCase: m([0], (s, _a, ctx) => {
        requireCaseLocale(ctx, 'String.toLowerCase');
        return s.toLowerCase();
    }),
    toUpperCase: m([0], (s, _a, ctx) => {
        requireCaseLocale(ctx, 'String.toUpperCase');
        return s.toUpperCase();
    }),
    toString: m([0], (s) => s),
    trim: m([0], (s) => javaTrim(s)),
    uncapitalize: m([0], (s) => uncapitalize(s)),
    unescapeCsv: m([0], (s) => unescapeCsv(s)),
    unescapeEcmaScript: m([0], (s) => unescapeJava(s)),
    unescapeHtml3: m([0], (s) => unescapeEntities(s, HTML_UNESCAPES, 'String.unescapeHtml3')),
    unescapeHtml4: m([0], (s) => unescapeEntities(s, HTML_UNESCAPES, 'String.unescapeHtml4')),
    unescapeJava: m([0], (s) => unescapeJava(s)),
    unescapeUnicode: m([0], (s) => unescapeJava(s.replace(/\\(?!u)/g, '\\\\'))),
    unescapeXml: m([0], (s) => unescapeEntities(s, XML_UNESCAPES, 'String.unescapeXml'))
};

function st(
    allowed: number[],
    f: (a: ApexValue[], ctx: NativeContext) => ApexValue
): (name: string) => NativeStatic {
    return (name) => (ctx, args) => {
        arity(args, allowed, `String.${name}`);
        return f(args, ctx);
    };
}

const isBlank = (v: ApexValue): boolean => v === null || allUnits(str(v, 'String.isBlank'), ws);

const staticDefs: Record<string, (name: string) => NativeStatic> = {
    // Documented: "Returns a String with an escape character (\) added before any single quotation marks".
    escapeSingleQuotes: st([1], (a) => str(a[0], 'String.escapeSingleQuotes').replace(/'/g, "\\'")),
    format: st([2], (a, ctx) =>
        messageFormat(
            str(a[0], 'String.format'),
            iterableItems(a[1], 'String.format').map((v) => ctx.stringOf(v))
        )
    ),
    fromCharArray: st([1], (a) =>
        iterableItems(a[0], 'String.fromCharArray')
            .map((c) => {
                const n = int(c, 'String.fromCharArray');
                if (n < 0 || n > 0xffff)
                    throw new UnsupportedError('String.fromCharArray of a value outside 0…0xFFFF');
                return String.fromCharCode(n);
            })
            .join('')
    ),
    getCommonPrefix: st([1], (a) => {
        const items = iterableItems(a[0], 'String.getCommonPrefix').map((v) =>
            v === null ? null : str(v, 'String.getCommonPrefix')
        );
        if (items.length === 0 || items.some((v) => v === null)) return '';
        const ss = items as string[];
        let k = 0;
        while (ss.every((x) => k < x.length && x[k] === ss[0][k])) k++;
        return ss[0].slice(0, k);
    }),
    isBlank: st([1], (a) => isBlank(a[0])),
    isNotBlank: st([1], (a) => !isBlank(a[0])),
    isEmpty: st([1], (a) => a[0] === null || str(a[0], 'String.isEmpty') === ''),
    isNotEmpty: st([1], (a) => !(a[0] === null || str(a[0], 'String.isNotEmpty') === '')),
    join: st([2], (a, ctx) => {
        const items = iterableItems(a[0], 'String.join');
        if (items.some((v) => v === null)) throw new UnsupportedError('String.join with null elements');
        return items.map((v) => ctx.stringOf(v)).join(str(a[1], 'String.join'));
    }),
    // Number and date formats are the runtime's String.valueOf rules (values/numbers.ts, values/datetime.ts).
    // String.valueOf(null) is null in Apex (unlike Java's "null"): apex-recipes' TestFactory relies on it and passes
    // in orgs. Concatenation still renders null as 'null'.
    valueOf: st([1], (a, ctx) => (a[0] === null ? null : ctx.stringOf(a[0]))),
    valueOfGmt: st([1], (a) => {
        if (!(a[0] instanceof ApexDatetime))
            throw new UnsupportedError('String.valueOfGmt of a non-Datetime');
        return formatGmt(a[0]);
    })
};

const build = <F>(defs: Record<string, (name: string) => F>): Map<string, F> =>
    methods(Object.fromEntries(Object.entries(defs).map(([k, f]) => [k, f(k)])));

export const STRING_TYPE: NativeType = {
    name: 'String',
    instance: build(instanceDefs),
    statics: build(staticDefs)
};

export const STRING_TYPES = new Map<string, NativeType>([['string', STRING_TYPE]]);
