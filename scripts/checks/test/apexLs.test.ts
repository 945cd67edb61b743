import { checkApexLs, parseApexLsReport } from '../apexLs';
import { CLASS_META, lines, makeProject, removeProjects } from './helpers';

// apex-ls starts a JVM: a few seconds per project.
jest.setTimeout(120000);
afterAll(removeProjects);

function cls(name: string, body: string[]): Record<string, string> {
    return { [`classes/${name}.cls`]: body.join('\n') + '\n', [`classes/${name}.cls-meta.xml`]: CLASS_META };
}

describe('apex-ls (CheckForIssues)', () => {
    it('passes the clean sample', async () => {
        expect(await checkApexLs(makeProject())).toEqual([]);
    });

    it('fails on an apex-ls error: a type that does not exist', async () => {
        const root = makeProject(
            cls('Broken', [
                'public with sharing class Broken {',
                '    public static NoSuchType make() { return null; }',
                '}'
            ])
        );
        const found = lines(await checkApexLs(root));
        expect(found).toHaveLength(1);
        expect(found[0]).toMatch(/^force-app\/main\/default\/classes\/Broken\.cls:2: Missing: .*NoSuchType/);
    });

    it('fails on a warning: a reserved identifier as a method name', async () => {
        const root = makeProject(
            cls('Codes', [
                'public with sharing class Codes {',
                "    public static String of() { return 'X'; }",
                '}'
            ])
        );
        expect(lines(await checkApexLs(root)).join('\n')).toMatch(
            /Codes\.cls:2: Warning: 'of' is currently a legal method name but is a reserved identifier/
        );
    });

    it('ignores an error only where a comment names its category and says why', async () => {
        const body = (comment: string): string[] => [
            'public with sharing class Broken {',
            `    ${comment}`,
            '    public static NoSuchType make() { return null; }',
            '}'
        ];
        const justified = makeProject(
            cls('Broken', body('// apex-ls-ignore Missing: a platform type apex-ls lacks'))
        );
        expect(await checkApexLs(justified)).toEqual([]);
        const silent = makeProject(cls('Broken', body('// apex-ls-ignore Missing:')));
        expect(lines(await checkApexLs(silent))[0]).toMatch(/Broken\.cls:3: Missing:/);
    });

    it('needs a reason on every @SuppressWarnings it honours', async () => {
        const root = makeProject(
            cls('Helper', [
                "@SuppressWarnings('Unused')",
                'public with sharing class Helper {',
                '    public static Integer one() { return 1; }',
                '}'
            ])
        );
        expect(lines(await checkApexLs(root))).toEqual([
            "force-app/main/default/classes/Helper.cls:1: unjustified suppression @SuppressWarnings('Unused'): add a comment on the same or the preceding line saying why"
        ]);
        const justified = makeProject(
            cls('Helper', [
                '// Unused: called from a Flow, which apex-ls does not read',
                "@SuppressWarnings('Unused')",
                'public with sharing class Helper {',
                '    public static Integer one() { return 1; }',
                '}'
            ])
        );
        expect(await checkApexLs(justified)).toEqual([]);
    });
});

describe('parseApexLsReport', () => {
    it('flattens the JSON report', () => {
        const report =
            '{ "files": [\n{ "path": "/p/A.cls", "messages": [\n{"start": {"line": 3, "offset": 1 }, "end": {"line": 3, "offset": 4 }, "category": "Unused", "message": "Unused field \'x\'"}\n]}]}';
        expect(parseApexLsReport(report)).toEqual([
            { file: '/p/A.cls', line: 3, category: 'Unused', message: "Unused field 'x'" }
        ]);
    });

    it('refuses output that is not a report', () => {
        expect(() => parseApexLsReport('Exception in thread "main"')).toThrow(/printed no report/);
    });
});
