import { checkApexImports } from '../contracts/apexImports';
import { checkApexTests } from '../contracts/apexTests';
import { checkLabels } from '../contracts/labels';
import { checkLwcTests } from '../contracts/lwcTests';
import { checkSchemaImports } from '../contracts/schemaImports';
import { CLASS_META, DEFAULT, LWC_META, lines, makeProject, removeProjects } from './helpers';

jest.setTimeout(30000);
afterAll(removeProjects);

/** An LWC bundle whose main file imports the given modules (one per line, from line 2). */
function lwc(name: string, imports: string[], withTest = true): Record<string, string> {
    const body = [
        "import { LightningElement } from 'lwc';",
        ...imports.map((m, i) => `import dep${i} from '${m}';`),
        `export default class X extends LightningElement { deps = [${imports.map((_, i) => `dep${i}`).join(', ')}]; }`
    ].join('\n');
    const files: Record<string, string> = {
        [`lwc/${name}/${name}.js`]: body,
        [`lwc/${name}/${name}.html`]: '<template></template>\n',
        [`lwc/${name}/${name}.js-meta.xml`]: LWC_META
    };
    if (withTest) files[`lwc/${name}/__tests__/${name}.test.js`] = "it('renders', () => {});\n";
    return files;
}

describe('the clean sample', () => {
    it('passes every contract', async () => {
        const root = makeProject();
        for (const check of [
            checkApexImports,
            checkLabels,
            checkSchemaImports,
            checkApexTests,
            checkLwcTests
        ]) {
            expect(await check(root)).toEqual([]);
        }
    });
});

describe('contract-apex-imports', () => {
    it('reports missing classes and methods, and methods that are not static @AuraEnabled', async () => {
        const root = makeProject({
            ...lwc('caller', [
                '@salesforce/apex/GreetingController.getGreeting',
                '@salesforce/apex/GreetingController.getMissing',
                '@salesforce/apex/NoSuchController.getThings',
                '@salesforce/apex/Helper.notAura',
                '@salesforce/apex/Helper.notStatic',
                '@salesforce/apex/helper.ok'
            ]),
            'classes/Helper.cls': [
                'public with sharing class Helper {',
                '    public static String notAura() { return null; }',
                '    @AuraEnabled',
                '    public String notStatic() { return null; }',
                '    @AuraEnabled(cacheable=true) public static String ok() { return null; }',
                '}'
            ].join('\n'),
            'classes/Helper.cls-meta.xml': CLASS_META
        });
        const findings = await checkApexImports(root);
        expect(lines(findings)).toEqual([
            `${DEFAULT}/lwc/caller/caller.js:3: @salesforce/apex/GreetingController.getMissing: class GreetingController has no method getMissing`,
            `${DEFAULT}/lwc/caller/caller.js:4: @salesforce/apex/NoSuchController.getThings: no Apex class NoSuchController in force-app`,
            `${DEFAULT}/lwc/caller/caller.js:5: @salesforce/apex/Helper.notAura: Helper.notAura (line 2) must be @AuraEnabled`,
            `${DEFAULT}/lwc/caller/caller.js:6: @salesforce/apex/Helper.notStatic: Helper.notStatic (line 4) must be static`
        ]);
        expect(findings.every((f) => f.check === 'contract-apex-imports')).toBe(true);
    });

    it('ignores imports in Jest tests and in comments', async () => {
        const root = makeProject({
            'lwc/greeting/__tests__/greeting.test.js':
                "import x from '@salesforce/apex/Nope.nope';\nit('x', () => x);\n",
            'lwc/greeting/greeting.js':
                "// import x from '@salesforce/apex/Nope.nope';\nimport { LightningElement } from 'lwc';\nexport default class G extends LightningElement {}\n"
        });
        expect(await checkApexImports(root)).toEqual([]);
    });
});

describe('contract-labels', () => {
    it('reports a missing label and a label without a Japanese translation', async () => {
        const root = makeProject({
            ...lwc('caller', [
                '@salesforce/label/c.Greeting',
                '@salesforce/label/c.Missing',
                '@salesforce/label/c.Untranslated'
            ]),
            'labels/CustomLabels.labels-meta.xml': [
                '<?xml version="1.0" encoding="UTF-8"?>',
                '<CustomLabels xmlns="http://soap.sforce.com/2006/04/metadata">',
                '    <labels>',
                '        <fullName>Greeting</fullName>',
                '        <language>en_US</language>',
                '        <protected>false</protected>',
                '        <shortDescription>Greeting</shortDescription>',
                '        <value>Hello</value>',
                '    </labels>',
                '    <labels>',
                '        <fullName>Untranslated</fullName>',
                '        <language>en_US</language>',
                '        <protected>false</protected>',
                '        <shortDescription>Untranslated</shortDescription>',
                '        <value>Not yet</value>',
                '    </labels>',
                '</CustomLabels>'
            ].join('\n')
        });
        expect(lines(await checkLabels(root))).toEqual([
            `${DEFAULT}/labels/CustomLabels.labels-meta.xml:11: label Untranslated has no Japanese translation (<customLabels><name>Untranslated</name> in ${DEFAULT}/translations/ja.translation-meta.xml)`,
            `${DEFAULT}/lwc/caller/caller.js:3: @salesforce/label/c.Missing: no Custom Label Missing in labels/*.labels-meta.xml`,
            `${DEFAULT}/lwc/caller/caller.js:4: @salesforce/label/c.Untranslated: label Untranslated has no Japanese translation in ${DEFAULT}/translations/ja.translation-meta.xml`,
            `${DEFAULT}/translations/ja.translation-meta.xml:9: Japanese translation for Farewell, which is not a Custom Label`
        ]);
    });

    it('reports an empty translation and an Apex Label reference that does not exist', async () => {
        const root = makeProject({
            'translations/ja.translation-meta.xml': [
                '<?xml version="1.0" encoding="UTF-8"?>',
                '<Translations xmlns="http://soap.sforce.com/2006/04/metadata">',
                '    <customLabels>',
                '        <label',
                '        >Prettier wraps a long translation like this</label>',
                '        <name>Greeting</name>',
                '    </customLabels>',
                '    <customLabels>',
                '        <label />',
                '        <name>Farewell</name>',
                '    </customLabels>',
                '</Translations>'
            ].join('\n'),
            'classes/Texts.cls': [
                'public with sharing class Texts {',
                '    public static String hello() { return Label.Greeting + System.Label.Farewell; }',
                '    // Label.InComment does not count',
                '    public static String bye() { return System.Label.Gone; }',
                '}'
            ].join('\n'),
            'classes/Texts.cls-meta.xml': CLASS_META
        });
        expect(lines(await checkLabels(root))).toEqual([
            `${DEFAULT}/classes/Texts.cls:4: Label.Gone: no Custom Label Gone in labels/*.labels-meta.xml`,
            `${DEFAULT}/translations/ja.translation-meta.xml:10: Japanese translation of Farewell is empty`
        ]);
    });
});

describe('contract-schema-imports', () => {
    it('reports missing custom fields and objects, following relationships', async () => {
        const root = makeProject(
            lwc('caller', [
                '@salesforce/schema/Account.Name',
                '@salesforce/schema/Account.Missing__c',
                '@salesforce/schema/Thing__c.Good__c',
                '@salesforce/schema/Thing__c.Account__r.Customer_Number__c',
                '@salesforce/schema/Thing__c.Account__r.Nope__c',
                '@salesforce/schema/Thing__c.Owner__r.Name',
                '@salesforce/schema/Widget__c',
                '@salesforce/schema/Order.Account.Customer_Number__c',
                '@salesforce/schema/Order.Account.Gone__c'
            ])
        );
        expect(lines(await checkSchemaImports(root))).toEqual([
            `${DEFAULT}/lwc/caller/caller.js:10: @salesforce/schema/Order.Account.Gone__c: field Account.Gone__c does not exist (no objects/Account/fields/Gone__c.field-meta.xml)`,
            `${DEFAULT}/lwc/caller/caller.js:3: @salesforce/schema/Account.Missing__c: field Account.Missing__c does not exist (no objects/Account/fields/Missing__c.field-meta.xml)`,
            `${DEFAULT}/lwc/caller/caller.js:6: @salesforce/schema/Thing__c.Account__r.Nope__c: field Account.Nope__c does not exist (no objects/Account/fields/Nope__c.field-meta.xml)`,
            `${DEFAULT}/lwc/caller/caller.js:7: @salesforce/schema/Thing__c.Owner__r.Name: relationship Thing__c.Owner__r has no lookup field (no objects/Thing__c/fields/Owner__c.field-meta.xml)`,
            `${DEFAULT}/lwc/caller/caller.js:8: @salesforce/schema/Widget__c: custom object Widget__c does not exist under objects/`
        ]);
    });
});

describe('contract-apex-tests', () => {
    it('reports a class that no @isTest class references (comments and strings do not count)', async () => {
        const root = makeProject({
            'classes/Lonely.cls':
                '/** Nobody tests me. */\npublic with sharing class Lonely {\n    public static Integer one() { return 1; }\n}\n',
            'classes/Lonely.cls-meta.xml': CLASS_META,
            'classes/LonelyMentions.cls': [
                '@IsTest',
                'private class LonelyMentions {',
                '    // Lonely is covered elsewhere',
                "    @IsTest static void nothing() { Assert.areEqual('Lonely', 'Lonely'); }",
                '}'
            ].join('\n'),
            'classes/LonelyMentions.cls-meta.xml': CLASS_META,
            'classes/SelfTested.cls': [
                'public with sharing class SelfTested {',
                '    public static SelfTested make() { return new SelfTested(); }',
                '}'
            ].join('\n'),
            'classes/SelfTested.cls-meta.xml': CLASS_META,
            'classes/IThing.cls': 'public interface IThing { void run(); }\n',
            'classes/IThing.cls-meta.xml': CLASS_META
        });
        expect(lines(await checkApexTests(root))).toEqual([
            `${DEFAULT}/classes/Lonely.cls:2: Apex class Lonely is not referenced by any @isTest class`,
            `${DEFAULT}/classes/SelfTested.cls:1: Apex class SelfTested is not referenced by any @isTest class`
        ]);
    });

    it('accepts a reference in any casing from a test class', async () => {
        const root = makeProject({
            'classes/Lonely.cls': 'public with sharing class Lonely {}\n',
            'classes/Lonely.cls-meta.xml': CLASS_META,
            'classes/LonelyTest.cls':
                '@isTest\nprivate class LonelyTest {\n    @isTest static void t() { System.assert(new LONELY() != null); }\n}\n',
            'classes/LonelyTest.cls-meta.xml': CLASS_META
        });
        expect(await checkApexTests(root)).toEqual([]);
    });
});

describe('contract-lwc-tests', () => {
    it('reports an LWC bundle without a Jest test', async () => {
        const root = makeProject({
            ...lwc('untested', [], false),
            'lwc/greeting/__tests__/greeting.test.js': null
        });
        expect(lines(await checkLwcTests(root))).toEqual([
            `${DEFAULT}/lwc/greeting/greeting.js:1: LWC greeting has no Jest test (greeting/__tests__/*.test.js)`,
            `${DEFAULT}/lwc/untested/untested.js:1: LWC untested has no Jest test (untested/__tests__/*.test.js)`
        ]);
    });
});
