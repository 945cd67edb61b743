import { argumentCounts, checkApexReferences, runApexReferences } from '../apexReferences';
import { CLASS_META, DEFAULT, lines, makeProject, removeProjects } from './helpers';

jest.setTimeout(30000);
afterAll(removeProjects);

/** Our classes that the samples below call into. */
const LIBRARY: Record<string, string[]> = {
    PortalErrors: [
        'public with sharing class PortalErrors {',
        "    public static final String NOT_FOUND = 'NOT_FOUND';",
        '    public static AuraHandledException of(String code) { return new AuraHandledException(code); }',
        '    public static AuraHandledException of(String code, Integer status, String detail) { return of(code); }',
        '    public class PortalException extends Exception {}',
        '}'
    ],
    SiteUserService: [
        'public with sharing class SiteUserService {',
        '    public String language { get; set; }',
        '    public SiteUserService() {}',
        '    public SiteUserService(String language) { this.language = language; }',
        '    @TestVisible',
        '    private static Boolean isEmail(String value) { return value != null; }',
        '}'
    ],
    MiddlewareClient: [
        'public with sharing class MiddlewareClient {',
        '    public enum Status { ACTIVE, SUSPENDED }',
        '    public class PostalAddress {',
        '        public String city;',
        '        public PostalAddress() {}',
        '        public PostalAddress(String city) { this.city = city; }',
        '    }',
        '    public class Geo {',
        '        public class Point {',
        '            public Decimal lat;',
        '            public Point origin() { return new Point(); }',
        '        }',
        '    }',
        '    public class MiddlewareException extends Exception {}',
        "    public static PostalAddress tokyo() { return new PostalAddress('Tokyo'); }",
        '}'
    ],
    BaseService: [
        'public with sharing virtual class BaseService {',
        '    public static Integer defaultLimit = 5;',
        '    public static Integer size(List<Object> xs) { return xs.size(); }',
        '}'
    ],
    ChildService: [
        'public with sharing class ChildService extends BaseService {',
        '    public static Integer size(List<Object> xs, Integer max) { return Math.min(xs.size(), max); }',
        '}'
    ]
};

/** A project with the library plus the given classes (`Name.trigger` keys are triggers). */
function project(sources: Record<string, string[]>): string {
    const files: Record<string, string> = {};
    for (const [name, body] of Object.entries({ ...LIBRARY, ...sources })) {
        if (name.endsWith('.trigger')) {
            files[`triggers/${name}`] = body.join('\n');
        } else {
            files[`classes/${name}.cls`] = body.join('\n');
            files[`classes/${name}.cls-meta.xml`] = CLASS_META;
        }
    }
    return makeProject(files);
}

async function found(sources: Record<string, string[]>): Promise<string[]> {
    return lines(await checkApexReferences(project(sources)));
}

const CALLER = `${DEFAULT}/classes/Caller.cls`;

/** Class Caller around `body`: body line 1 is line 2 of Caller.cls. */
function caller(body: string[]): string[] {
    return ['public with sharing class Caller {', ...body, '}'];
}

/** Samples that must produce no finding. */
const VALID: Record<string, Record<string, string[]>> = {
    'overloads, case differences, enum values, inner types, static fields and inherited members': {
        Caller: caller([
            '    public static Object run(List<Object> xs) {',
            "        AuraHandledException one = PortalErrors.of('X');",
            "        AuraHandledException three = PortalErrors.of('X', 1, 'y');",
            "        Boolean ok = siteuserservice.ISEMAIL('a@b.c') && SITEUSERSERVICE.isemail(portalerrors.not_found);",
            '        MiddlewareClient.Status s = MiddlewareClient.Status.ACTIVE;',
            "        s = MiddlewareClient.Status.valueOf('SUSPENDED');",
            '        Integer n = MiddlewareClient.Status.values().size() + MiddlewareClient.Status.ACTIVE.ordinal();',
            '        switch on s { when ACTIVE { n++; } when else { n--; } }',
            '        MiddlewareClient.PostalAddress a = new middlewareclient.postaladdress();',
            '        List<MiddlewareClient.PostalAddress> all = new List<MiddlewareClient.PostalAddress>{ a };',
            '        Map<String, MiddlewareClient.Geo.Point> points = new Map<String, MiddlewareClient.Geo.Point>();',
            '        Decimal lat = MiddlewareClient.Geo.Point.origin().lat + MiddlewareClient.tokyo().city.length();',
            '        Type t = MiddlewareClient.PostalAddress.class;',
            '        Object o = (Object) a;',
            '        if (o instanceof MiddlewareClient.PostalAddress && o instanceof PortalErrors) { n++; }',
            '        n += ChildService.size(xs) + ChildService.size(xs, 2) + ChildService.defaultLimit;',
            "        String lang = new SiteUserService('ja').language;",
            "        try { throw new MiddlewareClient.MiddlewareException('x'); }",
            '        catch (MiddlewareClient.MiddlewareException e) { return e.getMessage(); }',
            '    }'
        ])
    },
    'variables, parameters and fields named like a class': {
        Caller: caller([
            '    private static SiteUserService siteUserService;',
            '    public static void locals(List<PortalErrors> all) {',
            '        PortalErrors portalErrors;',
            '        portalErrors.x();',
            '        for (ChildService childService : new List<ChildService>()) { childService.go(1, 2); }',
            '    }',
            '    public static void parameter(MiddlewareClient middlewareClient) {',
            '        middlewareClient.send(1);',
            '        siteUserService.anything();',
            '        try { insert new Account(); } catch (DmlException baseService) { baseService.getDmlMessage(0); }',
            '    }'
        ])
    },
    'an inner class named like one of our classes, and unqualified inner types': {
        Caller: caller([
            '    private class PortalErrors { private PortalErrors(Integer a, Integer b) {} }',
            '    private enum Mode { ON }',
            '    public static Object run() {',
            '        Object e = new PortalErrors(1, 2);',
            '        Mode m = Mode.ON;',
            '        return PortalErrors.whatever;',
            '    }'
        ])
    },
    'platform classes, strings and comments': {
        Caller: caller([
            '    // SiteUserService.isEmal(1, 2) and new MiddlewareClient.Nope()',
            '    public static void run(String x) {',
            "        String s = 'SiteUserService.isEmal(1, 2)' + '/* PortalErrors.nope */';",
            '        /* PortalErrors.of(1, 2, 3, 4) */',
            '        Boolean b = String.isBlank(x) && Test.isRunningTest() && Site.getName() != null;',
            "        System.debug(JSON.serialize(Database.query('SELECT Id FROM Account')));",
            '        Assert.isTrue(Schema.SObjectType.Account.isAccessible());',
            '        Map<String, Object> m = new Map<String, Object>{ s => UserInfo.getUserId() };',
            '    }'
        ])
    },
    'references to or from a class that does not parse': {
        Broken: [
            'public with sharing class Broken {',
            '    public static void run() { PortalErrors.nope() }',
            '}'
        ],
        Caller: caller(['    public static void run() { Broken.anything(1); }'])
    }
};

describe('apex-references', () => {
    it('finds nothing in the clean sample and in the library', async () => {
        expect(await checkApexReferences(makeProject())).toEqual([]);
        expect(await found({})).toEqual([]);
    });

    it('reports an unknown static member, a wrong argument count and an unknown member of an inner type', async () => {
        const findings = await checkApexReferences(
            project({
                Caller: caller([
                    '    public static Object run() {',
                    "        Boolean ok = SiteUserService.isEmal('a@b.c');",
                    "        AuraHandledException e = PortalErrors.of('X', 404);",
                    '        String s = PortalErrors.NOT_FUOND;',
                    '        Object st = MiddlewareClient.Status.PAUSED;',
                    '        Object o = MiddlewareClient.Geo.Point.origin(1);',
                    '        return [SELECT Id FROM Account WHERE Name = :PortalErrors.MISSING];',
                    '    }'
                ])
            })
        );
        expect(lines(findings)).toEqual([
            `${CALLER}:3: SiteUserService has no member isEmal`,
            `${CALLER}:4: PortalErrors.of takes 1 or 3 arguments, called with 2`,
            `${CALLER}:5: PortalErrors has no member NOT_FUOND`,
            `${CALLER}:6: MiddlewareClient.Status has no member PAUSED`,
            `${CALLER}:7: MiddlewareClient.Geo.Point.origin takes 0 arguments, called with 1`,
            `${CALLER}:8: PortalErrors has no member MISSING`
        ]);
        expect(findings.every((f) => f.check === 'apex-references')).toBe(true);
    });

    it('reports an unknown inner type in a declaration, new, a generic, a cast, instanceof and catch', async () => {
        const sample = caller([
            '    public static Object run(Object o) {',
            '        MiddlewareClient.PostalAdress a;',
            '        Object b = new MiddlewareClient.PostalAdres();',
            '        List<MiddlewareClient.Adress> c = new List<MiddlewareClient.PostalAddress>();',
            '        Object d = new Map<String, MiddlewareClient.Geo.Pont>();',
            '        Boolean e = o instanceof MiddlewareClient.Geo.Pointt;',
            '        try {',
            '            return (MiddlewareClient.Adr) o;',
            '        } catch (MiddlewareClient.MiddlewareExcepton ex) {',
            '            return null;',
            '        }',
            '    }'
        ]);
        expect(await found({ Caller: sample })).toEqual([
            `${CALLER}:10: MiddlewareClient has no inner type MiddlewareExcepton`,
            `${CALLER}:3: MiddlewareClient has no inner type PostalAdress`,
            `${CALLER}:4: MiddlewareClient has no inner type PostalAdres`,
            `${CALLER}:5: MiddlewareClient has no inner type Adress`,
            `${CALLER}:6: MiddlewareClient.Geo has no inner type Pont`,
            `${CALLER}:7: MiddlewareClient.Geo has no inner type Pointt`,
            `${CALLER}:9: MiddlewareClient has no inner type Adr`
        ]);
    });

    it('reports a wrong constructor argument count (only the default constructor when none is declared)', async () => {
        const sample = caller([
            '    public static List<Object> run() {',
            '        return new List<Object>{',
            "            new SiteUserService('ja', 'x'),",
            "            new MiddlewareClient.PostalAddress('Tokyo', '100-0001'),",
            '            new PortalErrors(1),',
            '            new SiteUserService(),',
            "            new MiddlewareClient.PostalAddress('Tokyo'),",
            "            new PortalErrors.PortalException('boom'),",
            '            new PortalErrors()',
            '        };',
            '    }'
        ]);
        expect(await found({ Caller: sample })).toEqual([
            `${CALLER}:4: constructor SiteUserService takes 0 or 1 arguments, called with 2`,
            `${CALLER}:5: constructor MiddlewareClient.PostalAddress takes 0 or 1 arguments, called with 2`,
            `${CALLER}:6: constructor PortalErrors takes 0 arguments, called with 1`
        ]);
    });

    it('reports references from a trigger too', async () => {
        const trigger = [
            'trigger ThingTrigger on Thing__c (before insert) {',
            '    throw PortalErrors.nope();',
            '}'
        ];
        expect(await found({ 'ThingTrigger.trigger': trigger })).toEqual([
            `${DEFAULT}/triggers/ThingTrigger.trigger:2: PortalErrors has no member nope`
        ]);
    });

    it.each(Object.entries(VALID))('reports nothing for %s', async (_, sources) => {
        expect(await found(sources)).toEqual([]);
    });

    it('says how many references it checked', async () => {
        const sample = caller([
            '    public static Object run() {',
            '        MiddlewareClient.PostalAddress a = new MiddlewareClient.PostalAddress();',
            '        return PortalErrors.of(PortalErrors.NOT_FOUND);',
            '    }'
        ]);
        const result = await runApexReferences(project({ Caller: sample }));
        expect(result.findings).toEqual([]);
        expect(result.notes).toEqual([
            // Caller: 2 members, 2 inner type names, 1 constructor; the clean sample's test: 2 members.
            '7 references through 8 classes checked (members 4, inner type names 2, constructor calls 1)'
        ]);
    });

    it('words argument counts', () => {
        expect(argumentCounts(new Set([1]))).toBe('1 argument');
        expect(argumentCounts(new Set([0]))).toBe('0 arguments');
        expect(argumentCounts(new Set([3, 0, 1]))).toBe('0, 1 or 3 arguments');
    });
});
