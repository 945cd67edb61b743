/**
 * Pattern / Matcher with Java semantics (developer.salesforce.com apexcode apex_classes_pattern_and_matcher_using.htm
 * and the java.util.regex definitions it points to), and the Java → JavaScript regex translation.
 */
import { ApexList, ApexObject, ApexSystemError, UnsupportedError, type ApexValue } from '../values/model';
import { MATCHER_TYPE, PATTERN_TYPE } from '../platform/pattern';
import { compileJavaRegex, javaQuote, javaRegex } from '../values/strings';
import { call, callStatic, fakeContext } from './stringsFixture';

const ctx = fakeContext();
const compile = (re: string): ApexObject => callStatic(PATTERN_TYPE, ctx, 'compile', re) as ApexObject;
const matcher = (re: string, input: string): ApexObject =>
    call(PATTERN_TYPE, ctx, compile(re), 'matcher', input) as ApexObject;
const m = (mm: ApexObject, name: string, ...args: ApexValue[]): ApexValue =>
    call(MATCHER_TYPE, ctx, mm, name, ...args);

describe('Pattern and Matcher', () => {
    test('reference example: a*b matches aaaaab', () => {
        expect(m(matcher('a*b', 'aaaaab'), 'matches')).toBe(true);
        expect(callStatic(PATTERN_TYPE, ctx, 'matches', 'a*b', 'aaaaab')).toBe(true);
        expect(callStatic(PATTERN_TYPE, ctx, 'matches', 'a*b', 'aaaaabc')).toBe(false);
    });

    test('reference example: (a(b)?)+ on aba — groups, end offsets', () => {
        const mm = matcher('(a(b)?)+', 'aba');
        expect(m(mm, 'matches')).toBe(true);
        expect(m(mm, 'groupCount')).toBe(2);
        expect(m(mm, 'group', 0)).toBe('aba');
        expect(m(mm, 'group', 1)).toBe('a');
        expect(m(mm, 'end')).toBe(3);
        expect(m(mm, 'end', 1)).toBe(3);
        // Java keeps group 2's 'b' from the first iteration; JavaScript resets it: refused, not guessed.
        expect(() => m(mm, 'group', 2)).toThrow(UnsupportedError);
    });

    test('find walks matches; start/end/group; reset', () => {
        const mm = matcher('\\d+', 'a1b22c333');
        const found: ApexValue[] = [];
        while (m(mm, 'find'))
            found.push([m(mm, 'group'), m(mm, 'start'), m(mm, 'end')] as unknown as ApexValue);
        expect(found).toEqual([
            ['1', 1, 2],
            ['22', 3, 5],
            ['333', 6, 9]
        ]);
        m(mm, 'reset');
        expect(m(mm, 'find')).toBe(true);
        expect(m(mm, 'group')).toBe('1');
        expect(m(mm, 'find', 4)).toBe(true);
        expect(m(mm, 'group')).toBe('2');
    });

    test('group without a match: StringException "No match found"', () => {
        const mm = matcher('x', 'abc');
        expect(m(mm, 'find')).toBe(false);
        try {
            m(mm, 'group');
            throw new Error('no exception');
        } catch (e) {
            expect((e as ApexSystemError).exceptionType).toBe('StringException');
            expect((e as ApexSystemError).message).toBe('No match found');
        }
    });

    test('lookingAt, named groups, region, replaceAll', () => {
        expect(m(matcher('ab', 'abc'), 'lookingAt')).toBe(true);
        expect(m(matcher('ab', 'abc'), 'matches')).toBe(false);
        const named = matcher('(?<year>\\d{4})-(?<month>\\d{2})', 'on 2026-02');
        expect(m(named, 'find')).toBe(true);
        expect(m(named, 'group', 'month')).toBe('02');
        const r = matcher('\\d', '12345');
        m(r, 'region', 1, 3);
        expect(m(r, 'find')).toBe(true);
        expect(m(r, 'group')).toBe('2');
        expect(m(r, 'find')).toBe(true);
        expect(m(r, 'find')).toBe(false);
        expect(m(matcher('(\\w+)@', 'a@ b@'), 'replaceAll', '<$1>')).toBe('<a> <b>');
        expect(callStatic(MATCHER_TYPE, ctx, 'quoteReplacement', 'a$b\\c')).toBe('a\\$b\\\\c');
    });

    test('reference example: normalise e-mail domains with lookarounds', () => {
        // apex_classes_pattern_and_matcher_example.htm: john@*.smithco.com and john@smithco.* → john@smithco
        const re = '(?<=@)((?![\\w]+\\.[\\w]+$)[\\w]+\\.)|(\\.[\\w]+$)';
        expect(m(matcher(re, 'john@fairway.smithco.com'), 'replaceAll', '')).toBe('john@smithco');
        expect(m(matcher(re, 'john@smithco.uk'), 'replaceAll', '')).toBe('john@smithco');
    });

    test('Pattern.split, pattern(), quote', () => {
        const p = compile(',\\s*');
        expect((call(PATTERN_TYPE, ctx, p, 'split', 'a, b,c,,') as ApexList).items).toEqual(['a', 'b', 'c']);
        expect(call(PATTERN_TYPE, ctx, p, 'pattern')).toBe(',\\s*');
        expect(callStatic(PATTERN_TYPE, ctx, 'quote', 'a.b')).toBe('\\Qa.b\\E');
        expect(javaQuote('x\\Ey')).toBe('\\Qx\\E\\\\E\\Qy\\E');
        expect(callStatic(PATTERN_TYPE, ctx, 'matches', javaQuote('a.b'), 'a.b')).toBe(true);
        expect(callStatic(PATTERN_TYPE, ctx, 'matches', javaQuote('a.b'), 'axb')).toBe(false);
    });
});

describe('Java regex translation', () => {
    const matches = (re: string, s: string): boolean =>
        callStatic(PATTERN_TYPE, ctx, 'matches', re, s) as boolean;

    test('POSIX and Unicode classes', () => {
        expect(matches('\\p{Alpha}+', 'abcXYZ')).toBe(true);
        expect(matches('\\p{Alpha}+', 'abcé')).toBe(false);
        expect(matches('\\p{L}+', 'abcé日本')).toBe(true);
        expect(matches('[\\p{Punct}]+', '!?.')).toBe(true);
        expect(matches('\\P{Digit}+', 'abc')).toBe(true);
        expect(matches('\\p{IsLatin}+', 'abc')).toBe(true);
        expect(matches('\\p{javaLowerCase}+', 'abc')).toBe(true);
    });

    test('Java \\s, ., $ and \\b differ from JavaScript and are translated', () => {
        expect(matches('\\s', '\u00a0')).toBe(false);
        expect(matches('.', '\u0085')).toBe(false);
        expect(javaRegex('abc$').test('abc\n')).toBe(true);
        expect(matches('(?s).+', 'a\nb')).toBe(true);
        expect(matches('(?i)ABC', 'abc')).toBe(true);
        expect(javaRegex('\\bé').test(' é')).toBe(true);
        expect(matches('\\Qa+b\\E', 'a+b')).toBe(true);
        expect(matches('(?x) a b # comment', 'ab')).toBe(true);
        expect(matches('a\\-b\\_c', 'a-b_c')).toBe(true);
        expect(matches('[a\\-z]+', '-az')).toBe(true);
        expect(matches('x{2,3}', 'xxx')).toBe(true);
        expect(matches('a]b}', 'a]b}')).toBe(true);
    });

    test('multiline anchors', () => {
        const ms = [...'l1\nl2'.matchAll(javaRegex('(?m)^l\\d$'))].map((x) => x[0]);
        expect(ms).toEqual(['l1', 'l2']);
    });

    test('constructs without a faithful translation are Unsupported', () => {
        for (const re of [
            'a*+',
            '(?>a)',
            '[a-z&&[^b]]',
            '[a[b]]',
            'a(?i)b',
            '\\G',
            '(?i)é',
            '\\p{InArabic}',
            '(a)\\2',
            '\\y'
        ]) {
            expect(() => compileJavaRegex(re)).toThrow(UnsupportedError);
        }
    });
});
