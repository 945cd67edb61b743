import { parseApexSource } from '../lib/apex';
import { checkPmdSecurity, unjustifiedSuppressions } from '../pmdSecurity';
import { CLASS_META, DEFAULT, lines, makeProject, removeProjects } from './helpers';

afterAll(removeProjects);

/** One PMD run (Java, a few seconds) on a sample with violations and suppressions of every kind. */
const LEAKY = [
    'public class Leaky {',
    '    public static List<Contact> byName(String name) {',
    "        return Database.query('SELECT Id FROM Contact WHERE LastName = \\'' + name + '\\'');",
    '    }',
    "    @SuppressWarnings('PMD.ApexCRUDViolation')",
    '    public static List<Contact> unexplained() {',
    '        return [SELECT Id FROM Contact];',
    '    }',
    '    // why: reads the public catalog only; the guest profile grants it',
    "    @SuppressWarnings('PMD.ApexCRUDViolation')",
    '    public static List<Contact> explained() {',
    '        return [SELECT Id FROM Contact];',
    '    }',
    '    public static List<Contact> bareNoPmd() {',
    '        return [SELECT Id FROM Contact]; // NOPMD',
    '    }',
    '    public static List<Contact> reasonedNoPmd() {',
    '        return [SELECT Id FROM Contact]; // NOPMD: system read of public data, checked by the caller',
    '    }',
    '    public static void call() {',
    '        HttpRequest req = new HttpRequest();',
    "        req.setEndpoint('http://example.com/api');",
    '    }',
    '}'
].join('\n');

describe('pmd-security', () => {
    it('reports PMD violations and unjustified suppressions, and honours justified ones', async () => {
        const root = makeProject({ 'classes/Leaky.cls': LEAKY, 'classes/Leaky.cls-meta.xml': CLASS_META });
        const findings = await checkPmdSecurity(root);
        const leaky = lines(findings.filter((f) => f.file.endsWith('Leaky.cls'))).map((l) =>
            l.replace(`${DEFAULT}/classes/`, '')
        );
        expect(leaky).toEqual(
            expect.arrayContaining([
                'Leaky.cls:1: ApexSharingViolations: Apex classes should declare a sharing model if DML or SOQL/SOSL is used',
                'Leaky.cls:3: ApexSOQLInjection: Avoid untrusted/unescaped variables in DML query',
                "Leaky.cls:5: unjustified suppression @SuppressWarnings('PMD.ApexCRUDViolation'): add a comment on the same or the preceding line saying why",
                'Leaky.cls:15: unjustified suppression NOPMD: say why after the marker (// NOPMD: reason) or in a comment on the preceding line',
                'Leaky.cls:22: ApexInsecureEndpoint: Apex callouts should use encrypted communication channels'
            ])
        );
        // The suppressed lines stay quiet in PMD itself; only the policy speaks about the bare ones.
        expect(findings.filter((f) => [7, 12, 18].includes(f.line))).toEqual([]);
        expect(findings.every((f) => f.check === 'pmd-security')).toBe(true);
        // The clean classes of the sample raise nothing.
        expect(findings.filter((f) => !f.file.endsWith('Leaky.cls'))).toEqual([]);
    }, 120000);

    it('does not start PMD when there is no Apex', async () => {
        const root = makeProject({ classes: null });
        expect(await checkPmdSecurity(root)).toEqual([]);
    });
});

describe('suppression policy', () => {
    const check = (src: string): string[] =>
        unjustifiedSuppressions(parseApexSource('X.cls', src)).map(
            (s) => `${s.line}: ${s.message.split(':')[0]}`
        );

    it('accepts a comment on the same line or the line before, in either comment style', () => {
        const src = [
            'public with sharing class X {',
            "    @SuppressWarnings('PMD.ApexCRUDViolation') // why: read-only lookup",
            '    static void a() {}',
            '    /* guests need this: no user context */',
            "    @SuppressWarnings('PMD.ApexSharingViolations')",
            '    static void b() {}',
            '    static Integer c() { return 1; } // NOPMD because the rule misfires here',
            '    // why: the platform escapes this value',
            '    static Integer d() { return 1; } // NOPMD',
            "    @SuppressWarnings('unchecked')",
            '    static void e() {}',
            '}'
        ].join('\n');
        expect(check(src)).toEqual([]);
    });

    it('rejects bare markers, ApexDoc as the only comment, and markers whose comment is too far away', () => {
        const src = [
            'public with sharing class X {',
            '    /** Documents the method, does not justify. */',
            "    @SuppressWarnings('PMD.ApexCRUDViolation')",
            '    static void a() {}',
            '    // a reason two lines up does not count',
            '',
            "    @SuppressWarnings('PMD')",
            '    static void b() {}',
            '    static Integer c() { return 1; } //NOPMD',
            "    static String d() { return 'NOPMD'; }",
            '}'
        ].join('\n');
        expect(check(src)).toEqual([
            "3: unjustified suppression @SuppressWarnings('PMD.ApexCRUDViolation')",
            "7: unjustified suppression @SuppressWarnings('PMD')",
            '9: unjustified suppression NOPMD'
        ]);
    });
});
