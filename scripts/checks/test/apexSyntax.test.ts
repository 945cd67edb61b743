import { checkApexSyntax } from '../apexSyntax';
import { CLASS_META, DEFAULT, lines, makeProject, removeProjects } from './helpers';

jest.setTimeout(30000);
afterAll(removeProjects);

describe('apex-syntax', () => {
    it('finds nothing in the clean sample', async () => {
        expect(await checkApexSyntax(makeProject())).toEqual([]);
    });

    it('reports a parser error with line and column', async () => {
        const root = makeProject({
            'classes/Broken.cls': [
                'public with sharing class Broken {',
                '    public static Integer two() {',
                '        Integer one = 1',
                '        return one + 1;',
                '    }',
                '}'
            ].join('\n'),
            'classes/Broken.cls-meta.xml': CLASS_META
        });
        const findings = await checkApexSyntax(root);
        expect(lines(findings)).toEqual([
            `${DEFAULT}/classes/Broken.cls:4: column 9: missing ';' at 'return'`
        ]);
        expect(findings[0].check).toBe('apex-syntax');
    });

    it('reports lexer errors too (an unterminated string)', async () => {
        const root = makeProject({
            'classes/Broken.cls': "public with sharing class Broken {\n    String s = 'open;\n}\n",
            'classes/Broken.cls-meta.xml': CLASS_META
        });
        const found = lines(await checkApexSyntax(root));
        expect(found[0]).toMatch(
            new RegExp(`^${DEFAULT}/classes/Broken\\.cls:2: column 16: token recognition error at: ''open;`)
        );
    });

    it('reports a trigger with a syntax error and a class whose name differs from its file', async () => {
        const root = makeProject({
            'triggers/ThingTrigger.trigger': 'trigger ThingTrigger on Thing__c (before insert {\n}\n',
            'classes/Named.cls': 'public with sharing class Other {}\n',
            'classes/Named.cls-meta.xml': CLASS_META
        });
        const found = lines(await checkApexSyntax(root));
        expect(found).toHaveLength(2);
        expect(found[0]).toBe(
            `${DEFAULT}/classes/Named.cls:1: class Other is declared in Named.cls: the names must match`
        );
        expect(found[1]).toMatch(new RegExp(`^${DEFAULT}/triggers/ThingTrigger\\.trigger:1: column 49: `));
    });
});
