/**
 * System.Pattern and System.Matcher (developer.salesforce.com apexref apex_classes_pattern_and_matcher_using.htm,
 * apex_methods_system_pattern.htm, apex_methods_system_matcher.htm): java.util.regex semantics over the
 * translated expression of values/strings.ts. A Matcher's region works as Java's default (opaque, anchoring
 * bounds): matching sees only the region's text.
 */
import { ApexList, ApexObject, ApexSystemError, T, UnsupportedError, type ApexValue } from '../values/model';
import {
    compileJavaRegex,
    groupValue,
    javaQuote,
    javaReplace,
    javaSplit,
    regexFor,
    type CompiledRegex
} from '../values/strings';
import { methods, type NativeMethod, type NativeStatic, type NativeType } from './native';

interface PatternState {
    regex: CompiledRegex;
}
interface MatcherState {
    regex: CompiledRegex;
    input: string;
    regionStart: number;
    regionEnd: number;
    /** The last match (indices relative to the whole input), or null. */
    match: {
        start: number;
        end: number;
        groups: (readonly [number, number] | undefined)[];
        exec: RegExpExecArray;
    } | null;
    /** Where the next find() starts searching. */
    next: number;
    /** Position after the last append (appendReplacement). */
    appendPos: number;
}

function newPattern(regex: string): ApexObject {
    return new ApexObject('Pattern', new Map(), { regex: compileJavaRegex(regex) } satisfies PatternState);
}

function patternOf(v: ApexValue): PatternState {
    if (!(v instanceof ApexObject) || v.className !== 'Pattern')
        throw new UnsupportedError('Pattern method on a non-Pattern');
    return v.native as PatternState;
}
function matcherOf(v: ApexValue): MatcherState {
    if (!(v instanceof ApexObject) || v.className !== 'Matcher')
        throw new UnsupportedError('Matcher method on a non-Matcher');
    return v.native as MatcherState;
}
function str(v: ApexValue, where: string): string {
    if (typeof v !== 'string')
        throw new UnsupportedError(`${where} with a ${v === null ? 'null' : 'non-String'} argument`);
    return v;
}
function int(v: ApexValue, where: string): number {
    if (typeof v !== 'number')
        throw new UnsupportedError(`${where} with a ${v === null ? 'null' : 'non-Integer'} argument`);
    return v;
}

function newMatcher(regex: CompiledRegex, input: string): ApexObject {
    const state: MatcherState = {
        regex,
        input,
        regionStart: 0,
        regionEnd: input.length,
        match: null,
        next: 0,
        appendPos: 0
    };
    return new ApexObject('Matcher', new Map(), state);
}

function reset(m: MatcherState, input = m.input): void {
    m.input = input;
    m.regionStart = 0;
    m.regionEnd = input.length;
    m.match = null;
    m.next = 0;
    m.appendPos = 0;
}

/** Runs `re` on the region's text from `from`; records the match (whole-input indices). */
function run(m: MatcherState, re: RegExp, from: number): boolean {
    const text = m.input.slice(m.regionStart, m.regionEnd);
    re.lastIndex = from - m.regionStart;
    const r = re.exec(text);
    if (!r) {
        m.match = null;
        return false;
    }
    const off = m.regionStart;
    const start = r.index + off;
    const end = start + r[0].length;
    const groups = Array.from({ length: m.regex.groupCount + 1 }, (_, g) => {
        const ix = r.indices?.[g];
        return ix ? ([ix[0] + off, ix[1] + off] as const) : undefined;
    });
    m.match = { start, end, groups, exec: r };
    m.next = end === start ? end + 1 : end;
    return true;
}

/** "No match found": the platform's StringException when a group is read without a match (community-known). */
function current(m: MatcherState): NonNullable<MatcherState['match']> {
    if (!m.match) throw new ApexSystemError('StringException', 'No match found');
    return m.match;
}

function groupIndex(m: MatcherState, v: ApexValue): number {
    if (typeof v === 'string') {
        const n = m.regex.groupNames.get(v);
        if (n === undefined) throw new UnsupportedError(`Matcher group name not in the pattern: ${v}`);
        return n;
    }
    const n = int(v, 'Matcher.group');
    if (n < 0 || n > m.regex.groupCount) throw new UnsupportedError(`Matcher group index out of range: ${n}`);
    return n;
}

/** The span of group `args[0]` (default 0) of the current match; an unset group Java may still hold is refused. */
function span(m: MatcherState, args: ApexValue[]): readonly [number, number] | undefined {
    const cur = current(m);
    const n = args.length ? groupIndex(m, args[0]) : 0;
    groupValue(m.regex, cur.exec, n);
    return cur.groups[n];
}

const noArgs =
    (f: (m: MatcherState) => ApexValue): NativeMethod =>
    (_ctx, self, args) => {
        if (args.length) throw new UnsupportedError('Matcher method overload');
        return f(matcherOf(self));
    };

export const PATTERN_TYPE: NativeType = {
    name: 'Pattern',
    statics: methods<NativeStatic>({
        compile: (_ctx, args) => newPattern(str(args[0], 'Pattern.compile')),
        matches: (_ctx, args) => {
            const re = regexFor(compileJavaRegex(str(args[0], 'Pattern.matches')), 'whole');
            re.lastIndex = 0;
            return re.test(str(args[1], 'Pattern.matches'));
        },
        quote: (_ctx, args) => javaQuote(str(args[0], 'Pattern.quote'))
    }),
    instance: methods<NativeMethod>({
        matcher: (_ctx, self, args) => newMatcher(patternOf(self).regex, str(args[0], 'Pattern.matcher')),
        pattern: (_ctx, self) => patternOf(self).regex.pattern,
        split: (_ctx, self, args) => {
            const limit = args.length > 1 ? int(args[1], 'Pattern.split') : 0;
            return new ApexList(
                T.String,
                javaSplit(str(args[0], 'Pattern.split'), patternOf(self).regex, limit)
            );
        }
    })
};

export const MATCHER_TYPE: NativeType = {
    name: 'Matcher',
    statics: methods<NativeStatic>({
        quoteReplacement: (_ctx, args) =>
            str(args[0], 'Matcher.quoteReplacement').replace(/[\\$]/g, (c) => `\\${c}`)
    }),
    instance: methods<NativeMethod>({
        matches: noArgs((m) => run(m, regexFor(m.regex, 'whole'), m.regionStart)),
        lookingAt: noArgs((m) => run(m, regexFor(m.regex, 'prefix'), m.regionStart)),
        find: (_ctx, self, args) => {
            const m = matcherOf(self);
            if (args.length === 1) {
                const from = int(args[0], 'Matcher.find');
                if (from < 0 || from > m.input.length)
                    throw new UnsupportedError('Matcher.find with an illegal start index');
                reset(m);
                return run(m, regexFor(m.regex, 'find'), from);
            }
            if (m.next > m.regionEnd) {
                m.match = null;
                return false;
            }
            return run(m, regexFor(m.regex, 'find'), Math.max(m.next, m.regionStart));
        },
        group: (_ctx, self, args) => {
            const m = matcherOf(self);
            const g = span(m, args);
            return g ? m.input.slice(g[0], g[1]) : null;
        },
        groupCount: noArgs((m) => m.regex.groupCount),
        start: (_ctx, self, args) => {
            const g = span(matcherOf(self), args);
            return g ? g[0] : -1;
        },
        end: (_ctx, self, args) => {
            const g = span(matcherOf(self), args);
            return g ? g[1] : -1;
        },
        reset: (_ctx, self, args) => {
            const m = matcherOf(self);
            reset(m, args.length ? str(args[0], 'Matcher.reset') : m.input);
            return self;
        },
        region: (_ctx, self, args) => {
            const m = matcherOf(self);
            const s = int(args[0], 'Matcher.region');
            const e = int(args[1], 'Matcher.region');
            if (s < 0 || e < s || e > m.input.length)
                throw new UnsupportedError('Matcher.region out of bounds');
            reset(m);
            m.regionStart = s;
            m.regionEnd = e;
            m.next = s;
            return self;
        },
        regionStart: noArgs((m) => m.regionStart),
        regionEnd: noArgs((m) => m.regionEnd),
        hasAnchoringBounds: noArgs(() => true),
        hasTransparentBounds: noArgs(() => false),
        pattern: (_ctx, self) => newPattern(matcherOf(self).regex.pattern),
        replaceAll: (_ctx, self, args) => {
            const m = matcherOf(self);
            reset(m);
            return javaReplace(m.input, m.regex, str(args[0], 'Matcher.replaceAll'), true);
        },
        replaceFirst: (_ctx, self, args) => {
            const m = matcherOf(self);
            reset(m);
            return javaReplace(m.input, m.regex, str(args[0], 'Matcher.replaceFirst'), false);
        },
        hitEnd: () => {
            throw new UnsupportedError('Matcher.hitEnd');
        },
        requireEnd: () => {
            throw new UnsupportedError('Matcher.requireEnd');
        },
        useAnchoringBounds: () => {
            throw new UnsupportedError('Matcher.useAnchoringBounds');
        },
        useTransparentBounds: () => {
            throw new UnsupportedError('Matcher.useTransparentBounds');
        },
        usePattern: () => {
            throw new UnsupportedError('Matcher.usePattern');
        }
    })
};

export const PATTERN_TYPES = new Map<string, NativeType>([
    ['pattern', PATTERN_TYPE],
    ['matcher', MATCHER_TYPE]
]);
