/**
 * Java string and regex semantics for Apex (String methods, Pattern/Matcher): Apex strings follow
 * java.lang.String and java.util.regex (APEX-PLATFORM.md §10 [STR][REGEX]; "Pattern and Matcher use Java
 * regular expression syntax": developer.salesforce.com apex_classes_pattern_and_matcher_using.htm).
 *
 * Java regexes are translated to JavaScript `u`-mode RegExps by a tokenizer, never by text substitution, so
 * every construct is either translated to an exact equivalent or refused with UnsupportedError.
 */
import { UnsupportedError } from './model';

// ---------- java.lang.Character predicates (code points) ----------

/** Character.isWhitespace: space separators except no-break ones, and \t \n \u000B \f \r \u001C-\u001F. */
export function isJavaWhitespace(cp: number): boolean {
    if (cp === 0x00a0 || cp === 0x2007 || cp === 0x202f) return false;
    if ((cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x1f)) return true;
    return /[\p{Zs}\p{Zl}\p{Zp}]/u.test(String.fromCodePoint(cp));
}
export const isLetter = (cp: number): boolean => /\p{L}/u.test(String.fromCodePoint(cp));
export const isDigit = (cp: number): boolean => /\p{Nd}/u.test(String.fromCodePoint(cp));
export const isUpper = (cp: number): boolean => /\p{Uppercase}/u.test(String.fromCodePoint(cp));
export const isLower = (cp: number): boolean => /\p{Lowercase}/u.test(String.fromCodePoint(cp));
export const isTitle = (cp: number): boolean => /\p{Lt}/u.test(String.fromCodePoint(cp));

export function codePoints(s: string): number[] {
    return Array.from(s, (c) => c.codePointAt(0)!);
}

/** java.lang.String.hashCode: s[0]*31^(n-1) + … over UTF-16 units, int32 arithmetic. */
export function javaHashCode(s: string): number {
    let h = 0;
    for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
    return h;
}

/** java.lang.String.trim: removes leading and trailing chars <= U+0020. */
export function javaTrim(s: string): string {
    let a = 0;
    let b = s.length;
    while (a < b && s.charCodeAt(a) <= 0x20) a++;
    while (b > a && s.charCodeAt(b - 1) <= 0x20) b--;
    return s.slice(a, b);
}

// ---------- Java regex → JavaScript RegExp ----------

export interface CompiledRegex {
    /** The Java pattern as written. */
    pattern: string;
    /** Equivalent JavaScript source (u mode). */
    source: string;
    /** '' or 'i'. */
    flags: string;
    groupCount: number;
    groupNames: Map<string, number>;
    /**
     * Groups nested inside a repeated group. Java keeps such a group's capture from an earlier iteration when
     * the last iteration skips it; JavaScript resets it. Reading one that JavaScript reports unset is refused.
     */
    repeatedGroups: Set<number>;
}

/** Guards a group read against the Java/JavaScript difference described at CompiledRegex.repeatedGroups. */
export function groupValue(c: CompiledRegex, m: RegExpExecArray, n: number): string | undefined {
    const v = m[n];
    if (v === undefined && c.repeatedGroups.has(n))
        throw new UnsupportedError(`unset group ${n} inside a repeated group of regex ${c.pattern}`);
    return v;
}

const LINE_TERMINATORS = '\\n\\r\\u0085\\u2028\\u2029';
const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));
const CLASS_SPECIAL = new Set('\\]-^['.split(''));
const JAVA_SPACE = ' \\t\\n\\x0B\\f\\r';
const H_SPACE = ' \\t\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000';
const V_SPACE = '\\n\\x0B\\f\\r\\x85\\u2028\\u2029';

/** Class bodies (usable inside [...]) of Java's POSIX (US-ASCII) and java.lang.Character classes. */
const PROPERTY_BODIES: Record<string, string> = {
    lower: 'a-z',
    upper: 'A-Z',
    ascii: '\\x00-\\x7F',
    alpha: 'a-zA-Z',
    digit: '0-9',
    alnum: 'a-zA-Z0-9',
    punct: '!-\\/:-@\\[-`{-~',
    graph: '!-~',
    print: '\\x20-\\x7E',
    blank: ' \\t',
    cntrl: '\\x00-\\x1F\\x7F',
    xdigit: '0-9a-fA-F',
    space: JAVA_SPACE,
    javalowercase: '\\p{Lowercase}',
    javauppercase: '\\p{Uppercase}',
    javaletter: '\\p{L}',
    javadigit: '\\p{Nd}',
    javaletterordigit: '\\p{L}\\p{Nd}',
    javaalphabetic: '\\p{Alphabetic}',
    isalphabetic: '\\p{Alphabetic}',
    isletter: '\\p{L}',
    isdigit: '\\p{Nd}',
    isuppercase: '\\p{Uppercase}',
    islowercase: '\\p{Lowercase}',
    iswhite_space: '\\p{White_Space}',
    iswhitespace: '\\p{White_Space}',
    ispunctuation: '\\p{P}',
    iscontrol: '\\p{Cc}',
    isideographic: '\\p{Ideographic}',
    // Unicode blocks JavaScript lacks, by their fixed ranges (Unicode Blocks.txt).
    inbasiclatin: '\\x00-\\x7F',
    inlatin1supplement: '\\x80-\\xFF',
    incombiningdiacriticalmarks: '\\u0300-\\u036F',
    ingreek: '\\u0370-\\u03FF',
    inhiragana: '\\u3040-\\u309F',
    inkatakana: '\\u30A0-\\u30FF',
    incjkunifiedideographs: '\\u4E00-\\u9FFF'
};
const CATEGORY = /^(?:[LMNPSZC][a-z]?|LC)$/;

function propertyBody(name: string): string {
    const lower = name.toLowerCase();
    if (PROPERTY_BODIES[lower] !== undefined) return PROPERTY_BODIES[lower];
    const bare = name.replace(/^Is/, '');
    if (CATEGORY.test(bare)) return `\\p{${bare}}`;
    const kv = /^(?:gc|general_category|sc|script|blk|block)=(.+)$/i.exec(name);
    if (kv && /^(gc|general_category)/i.test(name) && CATEGORY.test(kv[1])) return `\\p{${kv[1]}}`;
    const script = kv && /^(sc|script)/i.test(name) ? kv[1] : name.startsWith('Is') ? bare : undefined;
    if (script !== undefined) {
        try {
            new RegExp(`\\p{Script=${script}}`, 'u');
            return `\\p{Script=${script}}`;
        } catch {
            /* falls through to Unsupported */
        }
    }
    throw new UnsupportedError(`regex property \\p{${name}}`);
}

function escapeLiteral(c: string, inClass: boolean): string {
    if (inClass) return CLASS_SPECIAL.has(c) ? `\\${c}` : c;
    return JS_SYNTAX.has(c) ? `\\${c}` : c;
}

const cache = new Map<string, CompiledRegex>();

/** Pattern flags Apex code can set inline: (?i) (?m) (?s) (?x) (?u), only at the very start. */
export function compileJavaRegex(pattern: string): CompiledRegex {
    const hit = cache.get(pattern);
    if (hit) return hit;
    const compiled = new Translator(pattern).run();
    cache.set(pattern, compiled);
    return compiled;
}

/** The JavaScript equivalent of a Java regex, global (`find` semantics). */
export function javaRegex(pattern: string): RegExp {
    return regexFor(compileJavaRegex(pattern), 'find');
}

/** find: search anywhere (g); prefix: anchored at lastIndex (lookingAt); whole: anchored at both ends (matches). */
export function regexFor(c: CompiledRegex, mode: 'find' | 'prefix' | 'whole'): RegExp {
    if (mode === 'find') return new RegExp(c.source, `gdu${c.flags}`);
    if (mode === 'prefix') return new RegExp(c.source, `ydu${c.flags}`);
    return new RegExp(`(?:${c.source})(?![\\s\\S])`, `ydu${c.flags}`);
}

class Translator {
    private i = 0;
    private out = '';
    private groups = 0;
    private readonly names = new Map<string, number>();
    private ci = false;
    private unicodeCase = false;
    private multiline = false;
    private dotall = false;
    private comments = false;
    private maxBackref = 0;
    /** Open groups: the group count when each opened, and whether it captures. */
    private readonly open: { before: number; capturing: boolean }[] = [];
    private readonly repeated = new Set<number>();

    constructor(private readonly p: string) {}

    run(): CompiledRegex {
        this.leadingFlags();
        while (this.i < this.p.length) this.atom();
        if (this.maxBackref > this.groups)
            throw new UnsupportedError(`regex back reference to a missing group: ${this.p}`);
        if (this.ci && !this.unicodeCase && /[^ -~\t\n\r]|\\[pP]/u.test(this.p)) {
            // Java's CASE_INSENSITIVE folds US-ASCII only; JavaScript's folds all of Unicode.
            throw new UnsupportedError(`case-insensitive regex with non-ASCII characters: ${this.p}`);
        }
        const flags = this.ci ? 'i' : '';
        try {
            new RegExp(this.out, `u${flags}`);
        } catch {
            throw new UnsupportedError(`regular expression ${this.p}`);
        }
        return {
            pattern: this.p,
            source: this.out,
            flags,
            groupCount: this.groups,
            groupNames: this.names,
            repeatedGroups: this.repeated
        };
    }

    private leadingFlags(): void {
        for (;;) {
            const m = /^\(\?([a-zA-Z]+)\)/.exec(this.p.slice(this.i));
            if (!m) return;
            for (const f of m[1]) {
                if (f === 'i') this.ci = true;
                else if (f === 'm') this.multiline = true;
                else if (f === 's') this.dotall = true;
                else if (f === 'x') this.comments = true;
                else if (f === 'u') this.unicodeCase = true;
                else throw new UnsupportedError(`regex flag (?${f})`);
            }
            this.i += m[0].length;
        }
    }

    private skipComments(): boolean {
        if (!this.comments) return false;
        const c = this.p[this.i];
        if (' \t\n\u000b\f\r'.includes(c)) {
            this.i++;
            return true;
        }
        if (c === '#') {
            while (this.i < this.p.length && this.p[this.i] !== '\n') this.i++;
            return true;
        }
        return false;
    }

    private atom(): void {
        if (this.skipComments()) return;
        const c = this.p[this.i];
        switch (c) {
            case '\\':
                this.out += this.escape(false).text;
                return;
            case '[':
                this.charClass();
                return;
            case '(':
                this.group();
                return;
            case '.':
                this.i++;
                this.out += this.dotall ? '[\\s\\S]' : `[^${LINE_TERMINATORS}]`;
                return;
            case '^':
                this.i++;
                this.out += this.multiline
                    ? `(?:(?<![\\s\\S])|(?<=[\\n\\u0085\\u2028\\u2029]|\\r(?!\\n))(?=[\\s\\S]))`
                    : '(?<![\\s\\S])';
                return;
            case '$':
                this.i++;
                this.out += this.multiline
                    ? `(?:(?=[${LINE_TERMINATORS}])(?<!\\r(?=\\n))|(?![\\s\\S]))`
                    : `(?=(?:\\r\\n|[${LINE_TERMINATORS}])?(?![\\s\\S]))`;
                return;
            case '*':
            case '+':
            case '?':
                this.i++;
                this.out += c;
                this.quantifierSuffix();
                return;
            case '{': {
                const m = /^\{\d+(?:,\d*)?\}/.exec(this.p.slice(this.i));
                if (!m) throw new UnsupportedError(`regular expression ${this.p}`);
                this.i += m[0].length;
                this.out += m[0];
                this.quantifierSuffix();
                return;
            }
            case ')': {
                this.i++;
                this.out += c;
                const g = this.open.pop() ?? { before: 0, capturing: false };
                if (/^[*+?{]/.test(this.p.slice(this.i))) {
                    // The groups strictly inside a repeated group (a capturing group's own index is before + 1).
                    for (let k = g.before + (g.capturing ? 2 : 1); k <= this.groups; k++)
                        this.repeated.add(k);
                }
                return;
            }
            case '|':
                this.i++;
                this.out += c;
                return;
            default: {
                const ch = String.fromCodePoint(this.p.codePointAt(this.i)!);
                this.i += ch.length;
                this.out += escapeLiteral(ch, false);
            }
        }
    }

    private quantifierSuffix(): void {
        const n = this.p[this.i];
        if (n === '+') throw new UnsupportedError(`possessive quantifier in regex ${this.p}`);
        if (n === '?') {
            this.i++;
            this.out += '?';
        }
    }

    private group(): void {
        const rest = this.p.slice(this.i);
        const simple = /^\((?:\?:|\?=|\?!|\?<=|\?<!)/.exec(rest);
        if (simple) {
            this.open.push({ before: this.groups, capturing: false });
            this.i += simple[0].length;
            this.out += simple[0];
            return;
        }
        const named = /^\(\?<([a-zA-Z][a-zA-Z0-9]*)>/.exec(rest);
        if (named) {
            this.open.push({ before: this.groups, capturing: true });
            this.groups++;
            this.names.set(named[1], this.groups);
            this.i += named[0].length;
            this.out += named[0];
            return;
        }
        if (rest.startsWith('(?>')) throw new UnsupportedError(`atomic group in regex ${this.p}`);
        if (rest.startsWith('(?'))
            throw new UnsupportedError(`inline flags or group construct in regex ${this.p}`);
        this.open.push({ before: this.groups, capturing: true });
        this.groups++;
        this.i++;
        this.out += '(';
    }

    private charClass(): void {
        this.i++;
        let body = '';
        if (this.p[this.i] === '^') {
            body += '^';
            this.i++;
        }
        if (this.p[this.i] === ']') throw new UnsupportedError(`regex class starting with ']': ${this.p}`);
        let lastSingle = false;
        for (;;) {
            if (this.i >= this.p.length) throw new UnsupportedError(`regular expression ${this.p}`);
            if (this.skipComments()) continue;
            const c = this.p[this.i];
            if (c === ']') {
                this.i++;
                break;
            }
            if (c === '[') throw new UnsupportedError(`nested character class in regex ${this.p}`);
            if (c === '&' && this.p[this.i + 1] === '&')
                throw new UnsupportedError(`class intersection in regex ${this.p}`);
            if (c === '\\') {
                const e = this.escape(true);
                body += e.text;
                lastSingle = e.single;
                continue;
            }
            if (c === '-') {
                this.i++;
                const isRange = lastSingle && this.p[this.i] !== ']';
                body += isRange ? '-' : '\\-';
                lastSingle = false;
                continue;
            }
            const ch = String.fromCodePoint(this.p.codePointAt(this.i)!);
            this.i += ch.length;
            body += escapeLiteral(ch, true);
            lastSingle = true;
        }
        this.out += `[${body}]`;
    }

    /** Translates the escape at this.i (a backslash); `single` = it stands for one character. */
    private escape(inClass: boolean): { text: string; single: boolean } {
        const p = this.p;
        const c = p[this.i + 1];
        if (c === undefined) throw new UnsupportedError(`regular expression ${p}`);
        this.i += 2;
        const cls = (body: string): { text: string; single: boolean } => ({
            text: inClass ? body : `[${body}]`,
            single: false
        });
        const outsideOnly = (text: string): { text: string; single: boolean } => {
            if (inClass) throw new UnsupportedError(`\\${c} inside a regex character class`);
            return { text, single: false };
        };
        switch (c) {
            case 'Q': {
                const end = p.indexOf('\\E', this.i);
                const lit = end < 0 ? p.slice(this.i) : p.slice(this.i, end);
                this.i = end < 0 ? p.length : end + 2;
                const text = Array.from(lit, (ch) => escapeLiteral(ch, inClass)).join('');
                return { text: inClass || lit.length <= 1 ? text : `(?:${text})`, single: lit.length === 1 };
            }
            case 'd':
            case 'D':
            case 'w':
            case 'W':
                return { text: `\\${c}`, single: false };
            case 's':
                return cls(JAVA_SPACE);
            case 'S':
                return outsideOnly(`[^${JAVA_SPACE}]`);
            case 'h':
                return cls(H_SPACE);
            case 'H':
                return outsideOnly(`[^${H_SPACE}]`);
            case 'v':
                return cls(V_SPACE);
            case 'V':
                return outsideOnly(`[^${V_SPACE}]`);
            case 'R':
                return outsideOnly(`(?:\\r\\n|[${V_SPACE}])`);
            case 'b':
            case 'B': {
                // Java's \b counts Unicode letters and digits (Character.isLetterOrDigit) and '_' as word chars.
                const w = '[\\p{L}\\p{Nd}_]';
                const at = `(?:(?<=${w})(?!${w})|(?<!${w})(?=${w}))`;
                return outsideOnly(c === 'b' ? at : `(?!${at})`);
            }
            case 'A':
                return outsideOnly('(?<![\\s\\S])');
            case 'z':
                return outsideOnly('(?![\\s\\S])');
            case 'Z':
                return outsideOnly(`(?=(?:\\r\\n|[${LINE_TERMINATORS}])?(?![\\s\\S]))`);
            case 't':
            case 'n':
            case 'r':
            case 'f':
                return { text: `\\${c}`, single: true };
            case 'a':
                return { text: '\\x07', single: true };
            case 'e':
                return { text: '\\x1B', single: true };
            case 'c': {
                const l = p[this.i++];
                if (!l || !/[A-Za-z]/.test(l)) throw new UnsupportedError(`regex control escape in ${p}`);
                return { text: `\\c${l}`, single: true };
            }
            case '0': {
                const m = /^(?:[0-3][0-7]{2}|[0-7]{1,2})/.exec(p.slice(this.i));
                if (!m) throw new UnsupportedError(`regular expression ${p}`);
                this.i += m[0].length;
                return { text: `\\u{${parseInt(m[0], 8).toString(16)}}`, single: true };
            }
            case 'x': {
                const braced = /^\{([0-9a-fA-F]+)\}/.exec(p.slice(this.i));
                if (braced) {
                    this.i += braced[0].length;
                    return { text: `\\u{${braced[1]}}`, single: true };
                }
                const m = /^[0-9a-fA-F]{2}/.exec(p.slice(this.i));
                if (!m) throw new UnsupportedError(`regular expression ${p}`);
                this.i += 2;
                return { text: `\\x${m[0]}`, single: true };
            }
            case 'u': {
                const m = /^[0-9a-fA-F]{4}/.exec(p.slice(this.i));
                if (!m) throw new UnsupportedError(`regular expression ${p}`);
                this.i += 4;
                return { text: `\\u${m[0]}`, single: true };
            }
            case 'k': {
                const m = /^<([a-zA-Z][a-zA-Z0-9]*)>/.exec(p.slice(this.i));
                if (!m || inClass) throw new UnsupportedError(`regular expression ${p}`);
                this.i += m[0].length;
                return { text: `\\k<${m[1]}>`, single: false };
            }
            case 'p':
            case 'P': {
                let name: string;
                if (p[this.i] === '{') {
                    const end = p.indexOf('}', this.i);
                    if (end < 0) throw new UnsupportedError(`regular expression ${p}`);
                    name = p.slice(this.i + 1, end);
                    this.i = end + 1;
                } else {
                    name = p[this.i++] ?? '';
                }
                const body = propertyBody(name);
                if (c === 'p') return cls(body);
                if (!inClass) return { text: `[^${body}]`, single: false };
                const one = /^\\p\{([^}]+)\}$/.exec(body);
                if (!one) throw new UnsupportedError(`\\P{${name}} inside a regex character class`);
                return { text: `\\P{${one[1]}}`, single: false };
            }
            default:
                break;
        }
        if (c >= '1' && c <= '9') {
            if (inClass) throw new UnsupportedError(`regular expression ${p}`);
            // Java: the first digit always; more digits while the number names a group already opened.
            let n = Number(c);
            while (/[0-9]/.test(p[this.i] ?? '') && n * 10 + Number(p[this.i]) <= this.groups) {
                n = n * 10 + Number(p[this.i]);
                this.i++;
            }
            this.maxBackref = Math.max(this.maxBackref, n);
            return { text: `(?:\\${n})`, single: false };
        }
        if (/[A-Za-z0-9]/.test(c)) throw new UnsupportedError(`regex escape \\${c}`);
        const ch = String.fromCodePoint(p.codePointAt(this.i - 1)!);
        this.i += ch.length - 1;
        return { text: escapeLiteral(ch, inClass), single: true };
    }
}

// ---------- find / split / replace with Java semantics ----------

/** Successive matches as java.util.regex.Matcher.find gives them (an empty match moves the next search on by one). */
export function* findAll(s: string, c: CompiledRegex, from = 0): Generator<RegExpExecArray> {
    const re = regexFor(c, 'find');
    re.lastIndex = from;
    for (;;) {
        const m = re.exec(s);
        if (!m) return;
        if (m[0].length === 0) re.lastIndex = m.index + 1;
        yield m;
        if (re.lastIndex > s.length) return;
    }
}

/** java.lang.String.split(regex, limit) (Java 8+: a zero-width match at the start yields no leading empty item). */
export function javaSplit(s: string, c: CompiledRegex, limit = 0): string[] {
    const out: string[] = [];
    let index = 0;
    const limited = limit > 0;
    for (const m of findAll(s, c)) {
        if (limited && out.length >= limit - 1) break;
        const start = m.index;
        const end = start + m[0].length;
        if (index === 0 && start === 0 && end === 0) continue;
        out.push(s.slice(index, start));
        index = end;
    }
    if (index === 0 && out.length === 0) return [s];
    out.push(s.slice(index));
    if (limit === 0) while (out.length > 0 && out[out.length - 1] === '') out.pop();
    return out;
}

/**
 * Expands a java.util.regex replacement string for one match: `$n` (digits taken while they name a group),
 * `${name}`, and `\x` for a literal x. Malformed references are Java IllegalArgumentExceptions, whose Apex
 * surfacing is undocumented: Unsupported.
 */
export function expandReplacement(rep: string, m: RegExpExecArray, c: CompiledRegex): string {
    let out = '';
    for (let i = 0; i < rep.length; i++) {
        const ch = rep[i];
        if (ch === '\\') {
            if (i + 1 >= rep.length) throw new UnsupportedError('replacement string ending in a backslash');
            out += rep[++i];
        } else if (ch === '$') {
            if (rep[i + 1] === '{') {
                const end = rep.indexOf('}', i);
                const name = end < 0 ? '' : rep.slice(i + 2, end);
                const n = c.groupNames.get(name);
                if (n === undefined)
                    throw new UnsupportedError(`replacement reference to no such group: ${name}`);
                out += groupValue(c, m, n) ?? '';
                i = end;
            } else {
                const d = rep[i + 1];
                if (d === undefined || !/[0-9]/.test(d))
                    throw new UnsupportedError(`illegal group reference in replacement ${rep}`);
                let n = Number(d);
                i++;
                while (/[0-9]/.test(rep[i + 1] ?? '') && n * 10 + Number(rep[i + 1]) <= c.groupCount) {
                    n = n * 10 + Number(rep[++i]);
                }
                if (n > c.groupCount)
                    throw new UnsupportedError(`replacement reference to no such group: ${n}`);
                out += groupValue(c, m, n) ?? '';
            }
        } else {
            out += ch;
        }
    }
    return out;
}

/** String.replaceAll / replaceFirst (Java Matcher.replaceAll / replaceFirst). */
export function javaReplace(s: string, c: CompiledRegex, rep: string, all: boolean, from = 0): string {
    let out = '';
    let last = 0;
    for (const m of findAll(s, c, from)) {
        out += s.slice(last, m.index) + expandReplacement(rep, m, c);
        last = m.index + m[0].length;
        if (!all) break;
    }
    return out + s.slice(last);
}

/** Pattern.quote: `\Q…\E`, splitting around any `\E` inside the text exactly as Java does. */
export function javaQuote(s: string): string {
    if (!s.includes('\\E')) return `\\Q${s}\\E`;
    let out = '\\Q';
    let cur = 0;
    for (let k = s.indexOf('\\E'); k >= 0; k = s.indexOf('\\E', cur)) {
        out += s.slice(cur, k) + '\\E\\\\E\\Q';
        cur = k + 2;
    }
    return `${out}${s.slice(cur)}\\E`;
}
