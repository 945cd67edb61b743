/**
 * String methods against the examples of the Apex reference (developer.salesforce.com apexref
 * apex_methods_system_string.htm) and the java.lang.String / Commons Lang definitions Apex follows.
 */
import {
    ApexDatetime,
    ApexList,
    ApexSystemError,
    T,
    UnsupportedError,
    type ApexValue
} from '../values/model';
import { STRING_TYPE } from '../platform/string';
import { compileJavaRegex, javaSplit } from '../values/strings';
import { call, callStatic, fakeContext } from './stringsFixture';

const ctx = fakeContext();
const s = (self: string, name: string, ...args: ApexValue[]): ApexValue =>
    call(STRING_TYPE, ctx, self, name, ...args);
const st = (name: string, ...args: ApexValue[]): ApexValue => callStatic(STRING_TYPE, ctx, name, ...args);
const items = (v: ApexValue): ApexValue[] => (v as ApexList).items;

describe('String instance methods (reference examples)', () => {
    test('abbreviate, capitalize, center', () => {
        expect(s('Hello Maximillian', 'abbreviate', 8)).toBe('Hello...');
        expect(s('Hello Maximillian', 'abbreviate', 8, 1)).toBe('Hello...');
        expect(s('hello maximillian', 'capitalize')).toBe('Hello maximillian');
        expect(s('hello', 'center', 9)).toBe('  hello  ');
        expect(s('hello', 'center', 9, '-')).toBe('--hello--');
    });

    test('compareTo is case-sensitive and Java-valued', () => {
        expect(s('abcde', 'compareTo', 'abcd')).toBe(1);
        expect(s('a', 'compareTo', 'B')).toBe(31);
        expect(s('abc', 'compareTo', 'abc')).toBe(0);
    });

    test('contains family', () => {
        expect(s('Salesforce and force.com', 'contains', 'force')).toBe(true);
        expect(s('hello', 'containsAny', 'hx')).toBe(true);
        expect(s('hello', 'containsAny', 'x')).toBe(false);
        expect(s('abcde', 'containsNone', 'fg')).toBe(true);
        expect(s('abba', 'containsOnly', 'abcd')).toBe(true);
        expect(s('abba xyz', 'containsOnly', 'abcd')).toBe(false);
        expect(s('Hello Jane', 'containsWhitespace')).toBe(true);
        expect(s('Salesforce', 'containsIgnoreCase', 'FORCE')).toBe(true);
    });

    test('countMatches, deleteWhitespace, difference', () => {
        expect(s('Hello Jane', 'countMatches', 'Hello')).toBe(1);
        expect(s('Hello Hello', 'countMatches', 'Hello')).toBe(2);
        expect(s('Hello hello', 'countMatches', 'Hello')).toBe(1);
        expect(s(' Hello Jane ', 'deleteWhitespace')).toBe('HelloJane');
        expect(s('Hello Jane', 'difference', 'Hello Max')).toBe('Max');
        expect(s('Hello Jane', 'difference', 'Goodbye')).toBe('Goodbye');
    });

    test('equals is case-sensitive and false for null; equalsIgnoreCase', () => {
        expect(s('abcd', 'equals', 'abcd')).toBe(true);
        expect(s('abcd', 'equals', 'ABCD')).toBe(false);
        expect(s('abcd', 'equals', null)).toBe(false);
        expect(s('abcd', 'equalsIgnoreCase', 'ABCD')).toBe(true);
        expect(s('Hello Jason', 'endsWithIgnoreCase', 'jason')).toBe(true);
        expect(s('Hello Jason', 'startsWithIgnoreCase', 'HELLO')).toBe(true);
    });

    test('escape and unescape', () => {
        expect(s('Max1, "Max2"', 'escapeCsv')).toBe('"Max1, ""Max2"""');
        expect(s('"Max1, ""Max2"""', 'unescapeCsv')).toBe('Max1, "Max2"');
        expect(s('"grade": 3.9/4.0', 'escapeEcmaScript')).toBe('\\"grade\\": 3.9\\/4.0');
        expect(s('\\"3.8\\",\\"3.9\\"', 'unescapeEcmaScript')).toBe('"3.8","3.9"');
        expect(s('"<Black&White>"', 'escapeHtml4')).toBe('&quot;&lt;Black&amp;White&gt;&quot;');
        expect(s('&quot;&lt;Black&amp;White&gt;&quot;', 'unescapeHtml4')).toBe('"<Black&White>"');
        expect(s('café', 'escapeHtml3')).toBe('caf&eacute;');
        expect(s('Company "Yacht"', 'escapeJava')).toBe('Company \\"Yacht\\"');
        expect(s('Company \\"Yacht\\"', 'unescapeJava')).toBe('Company "Yacht"');
        expect(s('De onde você é?', 'escapeUnicode')).toBe('De onde voc\\u00EA \\u00E9?');
        expect(s('De onde voc\\u00EA \\u00E9?', 'unescapeUnicode')).toBe('De onde você é?');
        expect(s('"<Black&White>"', 'escapeXml')).toBe('&quot;&lt;Black&amp;White&gt;&quot;');
        expect(s('&lt;a&apos;&#65;&gt;', 'unescapeXml')).toBe("<a'A>");
        expect(st('escapeSingleQuotes', "'Hello Jason'")).toBe("\\'Hello Jason\\'");
        expect(() => s('α', 'escapeHtml4')).toThrow(UnsupportedError);
    });

    test('getLevenshteinDistance, hashCode, getChars', () => {
        expect(s('Hello Joe', 'getLevenshteinDistance', 'Hello Max')).toBe(3);
        expect(s('Hello Joe', 'getLevenshteinDistance', 'Hello Max', 2)).toBe(-1);
        expect(s('hello', 'hashCode')).toBe(99162322);
        expect(s('Apex', 'hashCode')).toBe(65 * 31 ** 3 + 112 * 31 ** 2 + 101 * 31 + 120);
        expect(items(s('ab', 'getChars'))).toEqual([97, 98]);
    });

    test('index family', () => {
        expect(s('abcd', 'indexOfAny', 'xc')).toBe(2);
        expect(s('abcd', 'indexOfAnyBut', 'xc')).toBe(0);
        expect(s('abcd', 'indexOfDifference', 'abxc')).toBe(2);
        expect(s('Salesforce', 'indexOfIgnoreCase', 'FORCE')).toBe(5);
        expect(s('abcabc', 'indexOf', 'c', 3)).toBe(5);
        expect(s('abc', 'indexOf', '', 5)).toBe(3);
        expect(s('abcabc', 'lastIndexOf', 'a', -1)).toBe(-1);
        expect(s('abcabc', 'lastIndexOfIgnoreCase', 'B')).toBe(4);
        expect(s('abc', 'indexOfChar', 99)).toBe(2);
        expect(s('abc', 'charAt', 0)).toBe(97);
    });

    test('is* predicates (Commons Lang 3: empty is not alpha/numeric but is alpha-space)', () => {
        expect(s('hello', 'isAllLowerCase')).toBe(true);
        expect(s('HELLO', 'isAllUpperCase')).toBe(true);
        expect(s('abc', 'isAlpha')).toBe(true);
        expect(s('', 'isAlpha')).toBe(false);
        expect(s('', 'isAlphaSpace')).toBe(true);
        expect(s('ab c', 'isAlphaSpace')).toBe(true);
        expect(s('abc123', 'isAlphanumeric')).toBe(true);
        expect(s('ASCII Printable', 'isAsciiPrintable')).toBe(true);
        expect(s('1234', 'isNumeric')).toBe(true);
        expect(s('12.3', 'isNumeric')).toBe(false);
        expect(s('1 2 3', 'isNumericSpace')).toBe(true);
        expect(s(' \t\n', 'isWhitespace')).toBe(true);
        expect(s('あいう', 'isAlpha')).toBe(true);
    });

    test('left, right, mid, pads', () => {
        expect(s('abcdaacd', 'left', 3)).toBe('abc');
        expect(s('Hello Jason', 'right', 5)).toBe('Jason');
        expect(s('abcde', 'mid', 2, 3)).toBe('cde');
        expect(s('abc', 'leftPad', 5)).toBe('  abc');
        expect(s('abc', 'leftPad', 5, '0')).toBe('00abc');
        expect(s('abc', 'rightPad', 5)).toBe('abc  ');
        expect(s('abc', 'rightPad', 6, 'xy')).toBe('abcxyx');
    });

    test('normalizeSpace, remove*, repeat, replace, reverse', () => {
        expect(s('Salesforce \t     force.com', 'normalizeSpace')).toBe('Salesforce force.com');
        expect(s('Salesforce and force.com', 'remove', 'force')).toBe('Sales and .com');
        expect(s('Salesforce and force.com', 'removeEnd', '.com')).toBe('Salesforce and force');
        expect(s('Salesforce and force.com', 'removeEndIgnoreCase', '.COM')).toBe('Salesforce and force');
        expect(s('Salesforce and force.com', 'removeStart', 'Sales')).toBe('force and force.com');
        expect(s('Salesforce and force.com', 'removeStartIgnoreCase', 'SALES')).toBe('force and force.com');
        expect(s('SFDC', 'repeat', 2)).toBe('SFDCSFDC');
        expect(s('SFDC', 'repeat', '-', 2)).toBe('SFDC-SFDC');
        expect(s('abcdbca', 'replace', 'bc', 'xy')).toBe('axydxya');
        expect(s('abc', 'replace', '', '-')).toBe('-a-b-c-');
        expect(s('Hello', 'reverse')).toBe('olleH');
    });

    test('replaceAll / replaceFirst use Java regex and $n references', () => {
        expect(s('a1b22c333', 'replaceAll', '[0-9]+', '#')).toBe('a#b#c#');
        expect(s('John Smith', 'replaceAll', '(\\w+) (\\w+)', '$2, $1')).toBe('Smith, John');
        expect(s('aaa', 'replaceFirst', 'a', 'b')).toBe('baa');
        expect(s('a.b', 'replaceAll', '\\.', '\\$')).toBe('a$b');
        expect(() => s('x', 'replaceAll', 'x', '$')).toThrow(UnsupportedError);
    });

    test('split follows java.lang.String.split (reference example boo:and:moo)', () => {
        const sp = (str: string, re: string, limit?: number): ApexValue[] =>
            items(limit === undefined ? s(str, 'split', re) : s(str, 'split', re, limit));
        expect(sp('boo:and:moo', ':', 2)).toEqual(['boo', 'and:moo']);
        expect(sp('boo:and:moo', ':', 5)).toEqual(['boo', 'and', 'moo']);
        expect(sp('boo:and:moo', ':', -2)).toEqual(['boo', 'and', 'moo']);
        expect(sp('boo:and:moo', 'o', 5)).toEqual(['b', '', ':and:m', '', '']);
        expect(sp('boo:and:moo', 'o', -2)).toEqual(['b', '', ':and:m', '', '']);
        expect(sp('boo:and:moo', 'o', 0)).toEqual(['b', '', ':and:m']);
        expect(sp('a,b,,', ',')).toEqual(['a', 'b']);
        expect(sp('abc', '')).toEqual(['a', 'b', 'c']);
        expect(sp('', ',')).toEqual(['']);
        expect(sp('a|b', '\\|')).toEqual(['a', 'b']);
        expect(javaSplit('x1y2', compileJavaRegex('\\d'))).toEqual(['x', 'y']);
    });

    test('splitByCharacterType (reference: Lightning.platform)', () => {
        expect(items(s('Lightning.platform', 'splitByCharacterType'))).toEqual([
            'L',
            'ightning',
            '.',
            'platform'
        ]);
        expect(items(s('Lightning.platform', 'splitByCharacterTypeCamelCase'))).toEqual([
            'Lightning',
            '.',
            'platform'
        ]);
    });

    test('stripHtmlTags, substring family, swapCase, trim, uncapitalize', () => {
        expect(s('<b>hello world</b>', 'stripHtmlTags')).toBe('hello world');
        expect(s('hamburger', 'substring', 4, 8)).toBe('urge');
        expect(s('smiles', 'substring', 1, 5)).toBe('mile');
        expect(s('Salesforce.package.name', 'substringAfter', '.')).toBe('package.name');
        expect(s('Salesforce.package.name', 'substringAfterLast', '.')).toBe('name');
        expect(s('Salesforce.package.name', 'substringBefore', '.')).toBe('Salesforce');
        expect(s('Salesforce.package.name', 'substringBeforeLast', '.')).toBe('Salesforce.package');
        expect(s('tagYellowtag', 'substringBetween', 'tag')).toBe('Yellow');
        expect(s('xYellowy', 'substringBetween', 'x', 'y')).toBe('Yellow');
        expect(s('Force.com', 'swapCase')).toBe('fORCE.COM');
        expect(s('\u0001 x \t', 'trim')).toBe('x');
        expect(s('\u00a0x', 'trim')).toBe('\u00a0x');
        expect(s('Hello Maximillian', 'uncapitalize')).toBe('hello Maximillian');
    });

    test('substring out of bounds is a StringException', () => {
        try {
            s('abc', 'substring', 5);
            throw new Error('no exception');
        } catch (e) {
            expect(e).toBeInstanceOf(ApexSystemError);
            expect((e as ApexSystemError).exceptionType).toBe('StringException');
            expect((e as ApexSystemError).message).toBe('Starting position out of bounds: 5');
        }
        expect(() => s('abc', 'substring', 0, 4)).toThrow('Ending position out of bounds: 4');
    });

    test('case conversion refuses the locales whose rules differ', () => {
        expect(s('straße', 'toUpperCase')).toBe('STRASSE');
        expect(() => call(STRING_TYPE, { ...ctx, locale: 'tr_TR' }, 'i', 'toUpperCase')).toThrow(
            UnsupportedError
        );
    });
});

describe('String static methods', () => {
    test('isBlank / isEmpty family', () => {
        expect(st('isBlank', null)).toBe(true);
        expect(st('isBlank', ' \t')).toBe(true);
        expect(st('isNotBlank', 'a')).toBe(true);
        expect(st('isEmpty', '')).toBe(true);
        expect(st('isEmpty', ' ')).toBe(false);
        expect(st('isNotEmpty', null)).toBe(false);
    });

    test('join (reference: 10/20/30), getCommonPrefix, fromCharArray', () => {
        expect(st('join', new ApexList(T.Integer, [10, 20, 30]), '/')).toBe('10/20/30');
        expect(st('getCommonPrefix', new ApexList(T.String, ['SFDCApex', 'SFDCVisualforce']))).toBe('SFDC');
        expect(st('fromCharArray', new ApexList(T.Integer, [72, 105]))).toBe('Hi');
    });

    test('format: MessageFormat placeholders and quoting', () => {
        const args = new ApexList(T.Object, ['Universal Containers', 'today']);
        expect(st('format', '{0} was last updated {1}', args)).toBe(
            'Universal Containers was last updated today'
        );
        expect(st('format', "It''s {0}", new ApexList(T.Object, ['x']))).toBe("It's x");
        expect(st('format', "'{0}' {0}", new ApexList(T.Object, ['x']))).toBe('{0} x');
        expect(st('format', '{2}', new ApexList(T.Object, ['x']))).toBe('{2}');
        // Arguments are converted to Strings first, so numbers are not locale-formatted and `{0,number}` fails.
        expect(st('format', '{0} items', new ApexList(T.Object, [1000]))).toBe('1000 items');
        expect(() => st('format', '{0,number,#}', new ApexList(T.Object, [1000]))).toThrow(
            'Cannot format given Object as a Number'
        );
    });

    test('valueOf delegates to the runtime; valueOfGmt formats in GMT', () => {
        expect(st('valueOf', 5)).toBe('5');
        expect(st('valueOfGmt', new ApexDatetime(Date.UTC(2026, 1, 1, 10, 15, 30)))).toBe(
            '2026-02-01 10:15:30'
        );
    });
});
