import { checkMetadataLimits, runMetadataLimits } from '../metadataLimits';
import { CLASS_META, DEFAULT, lines, makeProject, removeProjects } from './helpers';

jest.setTimeout(30000);
afterAll(removeProjects);

/** A metadata document: the declaration (line 1), `<root>` (line 2), then `body` from line 3. */
function doc(root: string, body: string[]): string {
    return [
        '<?xml version="1.0" encoding="UTF-8" ?>',
        `<${root} xmlns="http://soap.sforce.com/2006/04/metadata">`,
        ...body,
        `</${root}>`,
        ''
    ].join('\n');
}

const LABELS = 'labels/CustomLabels.labels-meta.xml';
const JA = 'translations/ja.translation-meta.xml';
const FIELD = 'objects/Thing__c/fields/Good__c.field-meta.xml';

/**
 * A sample with one file: `body` (from line 3 of the document) with each `{key}` replaced by the given value,
 * or by its default.
 */
function oneFile(
    file: string,
    root: string,
    defaults: Record<string, string>,
    body: string[]
): (values?: Record<string, string>) => Record<string, string> {
    return (values = {}) => {
        const v: Record<string, string> = { ...defaults, ...values };
        return {
            [file]: doc(
                root,
                body.map((line) => line.replace(/\{(\w+)\}/g, (_, key: string) => v[key]))
            )
        };
    };
}

/** One Custom Label: `<fullName>` on line 4, `<categories>` 5, `<shortDescription>` 8, `<value>` 9. */
const label = oneFile(
    LABELS,
    'CustomLabels',
    { fullName: 'Greeting', categories: 'Portal', shortDescription: 'Greeting', value: 'Hello' },
    [
        '    <labels>',
        '        <fullName>{fullName}</fullName>',
        '        <categories>{categories}</categories>',
        '        <language>en_US</language>',
        '        <protected>false</protected>',
        '        <shortDescription>{shortDescription}</shortDescription>',
        '        <value>{value}</value>',
        '    </labels>'
    ]
);

/** The Japanese translation of Greeting, its `<label>` on line 4. */
const translationOf = oneFile(JA, 'Translations', { label: 'こんにちは' }, [
    '    <customLabels>',
    '        <label>{label}</label>',
    '        <name>Greeting</name>',
    '    </customLabels>'
]);
const translation = (text: string): Record<string, string> => translationOf({ label: text });

/** Thing__c.Good__c: `<label>` on line 4, `<description>` 5, `<inlineHelpText>` 6, `<length>` 7. */
const field = oneFile(
    FIELD,
    'CustomField',
    { label: 'Good', description: 'A good field.', inlineHelpText: 'Help.', length: '40', type: 'Text' },
    [
        '    <fullName>Good__c</fullName>',
        '    <label>{label}</label>',
        '    <description>{description}</description>',
        '    <inlineHelpText>{inlineHelpText}</inlineHelpText>',
        '    <length>{length}</length>',
        '    <type>{type}</type>'
    ]
);

/** A permission set, `<label>` on line 3 and `<description>` on line 4. */
const permissionSet = oneFile(
    'permissionsets/Portal_Test.permissionset-meta.xml',
    'PermissionSet',
    { label: 'Portal Test', description: 'For tests.' },
    ['    <label>{label}</label>', '    <description>{description}</description>']
);

/** A global value set: description on line 3, the value Red's label on line 7. */
const globalValueSet = oneFile(
    'globalValueSets/Colours.globalValueSet-meta.xml',
    'GlobalValueSet',
    { description: 'Colours.', label: 'Red' },
    [
        '    <description>{description}</description>',
        '    <customValue>',
        '        <fullName>Red</fullName>',
        '        <default>false</default>',
        '        <label>{label}</label>',
        '    </customValue>',
        '    <masterLabel>Colours</masterLabel>',
        '    <sorted>false</sorted>'
    ]
);

const x = (n: number): string => 'x'.repeat(n);

interface Sample {
    max: number;
    /** The value of length n (default: n times `x`). */
    value?: (n: number) => string;
    /** The files that hold `v`, as makeProject takes them. */
    files: (v: string) => Record<string, string>;
    /** The one finding for `v` over the limit. */
    finding: (v: string) => string;
}

/** One sample per rule. */
const SAMPLES: Record<string, Sample> = {
    'CustomLabel fullName': {
        max: 80,
        files: (v) => label({ fullName: v }),
        finding: (v) => `${DEFAULT}/${LABELS}:4: CustomLabel ${v}: fullName is 81 characters (limit 80)`
    },
    'CustomLabel categories': {
        max: 255,
        files: (v) => label({ categories: v }),
        finding: () =>
            `${DEFAULT}/${LABELS}:5: CustomLabel Greeting: categories is 256 characters (limit 255)`
    },
    'CustomLabel shortDescription': {
        max: 80,
        files: (v) => label({ shortDescription: v }),
        finding: () =>
            `${DEFAULT}/${LABELS}:8: CustomLabel Greeting: shortDescription is 81 characters (limit 80)`
    },
    'CustomLabel value': {
        max: 1000,
        files: (v) => label({ value: v }),
        finding: () => `${DEFAULT}/${LABELS}:9: CustomLabel Greeting: value is 1001 characters (limit 1000)`
    },
    'Translations customLabels label': {
        max: 1000,
        files: translation,
        finding: () =>
            `${DEFAULT}/${JA}:4: ja translation of CustomLabel Greeting: label is 1001 characters (limit 1000)`
    },
    'PermissionSet label': {
        max: 80,
        files: (v) => permissionSet({ label: v }),
        finding: () =>
            `${DEFAULT}/permissionsets/Portal_Test.permissionset-meta.xml:3: PermissionSet Portal_Test: label is 81 characters (limit 80)`
    },
    'PermissionSet description': {
        max: 255,
        files: (v) => permissionSet({ description: v }),
        finding: () =>
            `${DEFAULT}/permissionsets/Portal_Test.permissionset-meta.xml:4: PermissionSet Portal_Test: description is 256 characters (limit 255)`
    },
    'CustomField label': {
        max: 40,
        files: (v) => field({ label: v }),
        finding: () =>
            `${DEFAULT}/${FIELD}:4: CustomField Thing__c.Good__c: label is 41 characters (limit 40)`
    },
    'CustomField description': {
        max: 1000,
        files: (v) => field({ description: v }),
        finding: () =>
            `${DEFAULT}/${FIELD}:5: CustomField Thing__c.Good__c: description is 1001 characters (limit 1000)`
    },
    'CustomField inlineHelpText': {
        max: 510,
        files: (v) => field({ inlineHelpText: v }),
        finding: () =>
            `${DEFAULT}/${FIELD}:6: CustomField Thing__c.Good__c: inlineHelpText is 511 characters (limit 510)`
    },
    'CustomField length (Text)': {
        max: 255,
        value: String,
        files: (v) => field({ length: v }),
        finding: () =>
            `${DEFAULT}/${FIELD}:7: CustomField Thing__c.Good__c: length is 256 (limit 255 for a Text field)`
    },
    'CustomField picklist value label': {
        max: 255,
        files: (v) => ({
            'objects/Thing__c/fields/Kind__c.field-meta.xml': doc('CustomField', [
                '    <fullName>Kind__c</fullName>',
                '    <label>Kind</label>',
                '    <type>Picklist</type>',
                '    <valueSet>',
                '        <valueSetDefinition>',
                '            <value>',
                '                <fullName>Big</fullName>',
                '                <default>false</default>',
                `                <label>${v}</label>`,
                '            </value>',
                '        </valueSetDefinition>',
                '    </valueSet>'
            ])
        }),
        finding: () =>
            `${DEFAULT}/objects/Thing__c/fields/Kind__c.field-meta.xml:11: CustomField Thing__c.Kind__c value Big: label is 256 characters (limit 255)`
    },
    'GlobalValueSet description': {
        max: 255,
        files: (v) => globalValueSet({ description: v }),
        finding: () =>
            `${DEFAULT}/globalValueSets/Colours.globalValueSet-meta.xml:3: GlobalValueSet Colours: description is 256 characters (limit 255)`
    },
    'GlobalValueSet value label': {
        max: 255,
        files: (v) => globalValueSet({ label: v }),
        finding: () =>
            `${DEFAULT}/globalValueSets/Colours.globalValueSet-meta.xml:7: GlobalValueSet Colours value Red: label is 256 characters (limit 255)`
    },
    'StandardValueSet value label': {
        max: 255,
        files: (v) => ({
            'standardValueSets/OrderStatus.standardValueSet-meta.xml': doc('StandardValueSet', [
                '    <sorted>false</sorted>',
                '    <standardValue>',
                '        <fullName>Draft</fullName>',
                '        <default>true</default>',
                `        <label>${v}</label>`,
                '    </standardValue>'
            ])
        }),
        finding: () =>
            `${DEFAULT}/standardValueSets/OrderStatus.standardValueSet-meta.xml:7: StandardValueSet OrderStatus value Draft: label is 256 characters (limit 255)`
    },
    'ApexClass name': {
        max: 40,
        value: (n) => `C${x(n - 1)}`,
        files: (v) => ({
            [`classes/${v}.cls`]: `public with sharing class ${v} {}\n`,
            [`classes/${v}.cls-meta.xml`]: CLASS_META
        }),
        finding: (v) => `${DEFAULT}/classes/${v}.cls:1: ApexClass ${v}: name is 41 characters (limit 40)`
    },
    'ApexTrigger name': {
        max: 40,
        value: (n) => `T${x(n - 1)}`,
        files: (v) => ({ [`triggers/${v}.trigger`]: `trigger ${v} on Thing__c (before insert) {}\n` }),
        finding: (v) =>
            `${DEFAULT}/triggers/${v}.trigger:1: ApexTrigger ${v}: name is 41 characters (limit 40)`
    }
};

describe('metadata-limits', () => {
    it('finds nothing in the clean sample and says how many values it checked', async () => {
        const result = await runMetadataLimits(makeProject());
        expect(result.findings).toEqual([]);
        // 2 labels x 3 texts, 2 translations, 3 field labels and 2 Text lengths, 2 class names.
        expect(result.notes).toEqual(['15 values checked against 16 limits']);
    });

    it.each(Object.entries(SAMPLES))('%s: one finding just over the limit, none at it', async (_, sample) => {
        const value = sample.value ?? x;
        const over = value(sample.max + 1);
        const findings = await checkMetadataLimits(makeProject(sample.files(over)));
        expect(lines(findings)).toEqual([sample.finding(over)]);
        expect(findings[0].check).toBe('metadata-limits');
        expect(await checkMetadataLimits(makeProject(sample.files(value(sample.max))))).toEqual([]);
    });

    it('counts Japanese text in characters, not bytes', async () => {
        // 1,000 characters are 3,000 bytes in UTF-8.
        expect(await checkMetadataLimits(makeProject(translation('あ'.repeat(1000))))).toEqual([]);
        expect(lines(await checkMetadataLimits(makeProject(translation('日本語'.repeat(334)))))).toEqual([
            `${DEFAULT}/${JA}:4: ja translation of CustomLabel Greeting: label is 1002 characters (limit 1000)`
        ]);
    });

    it('counts entities and character references decoded', async () => {
        // 1,000 characters written in 5,000 (&amp;) and 8,000 (&#26085;) characters of XML.
        expect(await checkMetadataLimits(makeProject(label({ value: '&amp;'.repeat(1000) })))).toEqual([]);
        expect(await checkMetadataLimits(makeProject(translation('&#26085;'.repeat(1000))))).toEqual([]);
        expect(
            lines(await checkMetadataLimits(makeProject(label({ value: `&lt;${'&amp;'.repeat(1000)}` }))))
        ).toEqual([`${DEFAULT}/${LABELS}:9: CustomLabel Greeting: value is 1001 characters (limit 1000)`]);
    });

    it('reports a wrapped element at its start tag, in a file with CRLF line ends', async () => {
        // Prettier's XML plugin writes a long element as `<value\n        >text</value>`.
        const text = label({ value: x(1001) })[LABELS];
        const wrapped = text.replace('<value>', '<value\n        >').replace(/\n/g, '\r\n');
        expect(lines(await checkMetadataLimits(makeProject({ [LABELS]: wrapped })))).toEqual([
            `${DEFAULT}/${LABELS}:9: CustomLabel Greeting: value is 1001 characters (limit 1000)`
        ]);
    });

    it('holds only Text fields to the 255 length, and skips what .forceignore leaves out', async () => {
        const root = makeProject({
            ...field({ type: 'LongTextArea', length: '32768' }),
            'classes/Ignored_Because_Forceignore_Skips_It_Anyway.cls': 'public class X {}\n',
            'classes/Ignored_Because_Forceignore_Skips_It_Anyway.cls-meta.xml': CLASS_META,
            '/.forceignore': '**/Ignored_*\n'
        });
        expect(await checkMetadataLimits(root)).toEqual([]);
    });
});
