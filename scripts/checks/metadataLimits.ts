import path from 'node:path';
import { apexFiles } from './apexSyntax';
import { listDeployableFiles, readText, rel } from './lib/files';
import type { Check, CheckResult, Finding } from './lib/types';
import { childElements, childText, parseXmlElements, type XmlElement } from './lib/xml';

const NAME = 'metadata-limits';

/**
 * Where each limit is documented. Where the stored copy of a page could not be read down to the limit itself,
 * the comment at the rule says so; those limits are the platform's documented ones as known, not guesses.
 */
const SOURCES = {
    customLabels:
        'https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_customlabels.htm',
    customLabelsHelp: 'https://help.salesforce.com/HTViewHelpDoc?id=cl_about.htm&language=en_US',
    permissionSetMeta:
        'https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_permissionset.htm',
    permissionSetObject:
        'https://developer.salesforce.com/docs/atlas.en-us.sfFieldRef.meta/sfFieldRef/salesforce_field_reference_PermissionSet.htm',
    fieldLabel: 'https://help.salesforce.com/s/articleView?id=000381913&language=en_US&type=1',
    fieldAttributes:
        'https://help.salesforce.com/s/articleView?id=platform.custom_field_attributes.htm&language=en_US&type=5',
    fieldTypes: 'https://help.salesforce.com/HTViewHelpDoc?id=custom_field_types.htm&language=en_US',
    picklists: 'https://help.salesforce.com/HTViewHelpDoc?id=picklist_limitations.htm&language=en_US',
    globalValueSet:
        'https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_globalvalueset.htm',
    apexNames: 'https://github.com/forcedotcom/salesforcedx-vscode/pull/4580'
};

interface Limit {
    /** The child element whose text is measured. */
    element: string;
    max: number;
    source: string;
    /** `number`: the text is a number that may not exceed `max` (a Text field's length), not a text to count. */
    measure?: 'number';
    /** Applies only to elements this accepts (e.g. only Text fields have the 255 length limit). */
    when?: (element: XmlElement) => boolean;
}

interface Rule {
    /** What the limits apply to, for reports: a metadata type, or a part of one. */
    subject: string;
    /** File name ending of the source files. */
    suffix: string;
    /** The folder the files must be in, when the ending alone does not say (custom fields: `fields`). */
    folder?: string;
    /** Element names from the root down to the elements that carry the limits (`[]`: the root itself). */
    path: string[];
    /** The component named in messages, e.g. `CustomField Account.Customer_Number__c`. */
    name(file: string, root: XmlElement, element: XmlElement): string;
    limits: Limit[];
}

const base = (file: string, suffix: string): string => path.basename(file).slice(0, -suffix.length);
const fieldName = (file: string, root: XmlElement): string =>
    `${path.basename(path.dirname(path.dirname(file)))}.${childText(root, 'fullName') || base(file, '.field-meta.xml')}`;
const valueName = (element: XmlElement): string => `value ${childText(element, 'fullName') ?? '?'}`;

/**
 * The values of a global or standard value set. Picklist Limitations: "For standard picklists, each value can
 * have up to 255 characters"; custom (global) picklist values have the same 255.
 */
function valueSetValues(type: string, suffix: string, element: string): Rule {
    return {
        subject: `${type} value`,
        suffix,
        path: [element],
        name: (file, _root, value) => `${type} ${base(file, suffix)} ${valueName(value)}`,
        limits: [{ element: 'label', max: 255, source: SOURCES.picklists }]
    };
}

const RULES: Rule[] = [
    {
        subject: 'CustomLabel',
        suffix: '.labels-meta.xml',
        path: ['labels'],
        name: (_file, _root, label) => `CustomLabel ${childText(label, 'fullName') ?? '?'}`,
        limits: [
            // Name and Short Description: 80 each on the custom label edit page (Salesforce Help, Custom Labels).
            // The stored copy of the page did not reach the field list; these are the documented limits as known.
            { element: 'fullName', max: 80, source: SOURCES.customLabelsHelp },
            { element: 'shortDescription', max: 80, source: SOURCES.customLabelsHelp },
            // "Custom labels are custom text values, up to 1,000 characters in length" (CustomLabels, Metadata API).
            { element: 'value', max: 1000, source: SOURCES.customLabels },
            // categories: up to 255 characters (CustomLabel fields, Metadata API).
            { element: 'categories', max: 255, source: SOURCES.customLabels }
        ]
    },
    {
        subject: 'Translations customLabels',
        suffix: '.translation-meta.xml',
        path: ['customLabels'],
        name: (file, _root, label) =>
            `${base(file, '.translation-meta.xml')} translation of CustomLabel ${childText(label, 'name') ?? '?'}`,
        // A translated label is a custom label value, so the same 1,000 characters (CustomLabel `value`, the
        // translated custom label: up to 1,000 characters).
        limits: [{ element: 'label', max: 1000, source: SOURCES.customLabels }]
    },
    {
        subject: 'PermissionSet',
        suffix: '.permissionset-meta.xml',
        path: [],
        name: (file) => `PermissionSet ${base(file, '.permissionset-meta.xml')}`,
        limits: [
            // Field reference, PermissionSet: "Permission Set Label | Label | string | 80".
            { element: 'label', max: 80, source: SOURCES.permissionSetObject },
            // PermissionSet (Metadata API): description, up to 255 characters.
            { element: 'description', max: 255, source: SOURCES.permissionSetMeta }
        ]
    },
    {
        subject: 'CustomField',
        suffix: '.field-meta.xml',
        folder: 'fields',
        path: [],
        name: (file, root) => `CustomField ${fieldName(file, root)}`,
        limits: [
            // Knowledge article 000381913: "The current character limit for creating field names and labels is
            // 40 characters."
            { element: 'label', max: 40, source: SOURCES.fieldLabel },
            // Custom Field Attributes: Description up to 1,000 characters, Help Text up to 510 characters. The
            // stored copy of the page did not reach those rows; these are the documented limits as known.
            { element: 'description', max: 1000, source: SOURCES.fieldAttributes },
            { element: 'inlineHelpText', max: 510, source: SOURCES.fieldAttributes },
            // Custom Field Types: a Text field holds up to 255 characters (longer text is a Text Area type). The
            // stored copy of the page did not reach the Text row; this is the documented limit as known.
            {
                element: 'length',
                max: 255,
                source: SOURCES.fieldTypes,
                measure: 'number',
                when: (field) => childText(field, 'type') === 'Text'
            }
        ]
    },
    {
        subject: 'CustomField picklist value',
        suffix: '.field-meta.xml',
        folder: 'fields',
        path: ['valueSet', 'valueSetDefinition', 'value'],
        name: (file, root, value) => `CustomField ${fieldName(file, root)} ${valueName(value)}`,
        // Picklist Limitations: each value up to 255 characters (the stored copy states it for standard
        // picklists; the same 255 applies to custom picklist values).
        limits: [{ element: 'label', max: 255, source: SOURCES.picklists }]
    },
    {
        subject: 'GlobalValueSet',
        suffix: '.globalValueSet-meta.xml',
        path: [],
        name: (file) => `GlobalValueSet ${base(file, '.globalValueSet-meta.xml')}`,
        // GlobalValueSet (Metadata API): description, "Limit: 255 characters."
        limits: [{ element: 'description', max: 255, source: SOURCES.globalValueSet }]
    },
    valueSetValues('GlobalValueSet', '.globalValueSet-meta.xml', 'customValue'),
    valueSetValues('StandardValueSet', '.standardValueSet-meta.xml', 'standardValue')
];

/**
 * Apex class and trigger names (the file name is the name on the platform): 40 characters. Salesforce's own
 * extensions refuse a longer name when creating a class or trigger, since a deploy would (salesforcedx-vscode
 * #4580, "validate the max number of characters of an apex class or trigger"). LWC bundle names are left out: the
 * component naming rules state no length.
 */
const APEX_NAME: Limit = { element: 'name', max: 40, source: SOURCES.apexNames };

/** One measured value: a text's length in characters (Unicode code points), or a number for `measure: 'number'`. */
export interface Measurement {
    /** The rule, e.g. `CustomField inlineHelpText`. */
    rule: string;
    /** Absolute path. */
    file: string;
    line: number;
    component: string;
    element: string;
    size: number;
    max: number;
    measure?: 'number';
}

/** Every value the limits apply to in the deployable source, measured, with the files read. */
export function measureMetadataLimits(projectRoot: string): { measurements: Measurement[]; files: string[] } {
    const measurements: Measurement[] = [];
    const rulesFor = (file: string): Rule[] =>
        RULES.filter(
            (r) => file.endsWith(r.suffix) && (!r.folder || path.basename(path.dirname(file)) === r.folder)
        );
    const files = listDeployableFiles(projectRoot).filter((f) => rulesFor(f).length > 0);
    for (const file of files) {
        const root = parseXmlElements(readText(file));
        if (!root) continue;
        for (const rule of rulesFor(file)) {
            for (const element of descendants(root, rule.path)) {
                const component = rule.name(file, root, element);
                for (const limit of rule.limits.filter((l) => !l.when || l.when(element))) {
                    for (const value of childElements(element, limit.element)) {
                        const size = limit.measure === 'number' ? Number(value.text) : [...value.text].length;
                        measurements.push({
                            rule: `${rule.subject} ${limit.element}`,
                            file,
                            line: value.line,
                            component,
                            element: limit.element,
                            size,
                            max: limit.max,
                            measure: limit.measure
                        });
                    }
                }
            }
        }
    }
    const apex = apexFiles(projectRoot);
    for (const file of apex) {
        const isTrigger = /\.trigger$/i.test(file);
        const name = path.basename(file).replace(/\.(cls|trigger)$/i, '');
        const type = isTrigger ? 'ApexTrigger' : 'ApexClass';
        measurements.push({
            rule: `${type} name`,
            file,
            line: 1,
            component: `${type} ${name}`,
            element: APEX_NAME.element,
            size: [...name].length,
            max: APEX_NAME.max
        });
    }
    return { measurements, files: [...files, ...apex] };
}

/**
 * Metadata texts within the platform's length limits (a deploy rejects a longer one): Custom Label names,
 * short descriptions, values and categories, translated labels, permission set labels and descriptions, custom
 * field labels, descriptions, help texts and Text lengths, picklist value labels (fields, global and standard
 * value sets), global value set descriptions, and Apex class and trigger names. Lengths are counted in
 * characters (code points) after XML entity decoding.
 */
export async function runMetadataLimits(projectRoot: string): Promise<CheckResult> {
    const { measurements, files } = measureMetadataLimits(projectRoot);
    const findings: Finding[] = measurements
        .filter((m) => m.size > m.max)
        .map((m) => ({
            file: rel(projectRoot, m.file),
            line: m.line,
            message: limitMessage(m),
            check: NAME
        }));
    const limits = RULES.flatMap((r) => r.limits).length + 1; // + the Apex name limit
    return {
        findings,
        filesExamined: files.length,
        notes: [`${measurements.length} values checked against ${limits} limits`]
    };
}

export async function checkMetadataLimits(projectRoot: string): Promise<Finding[]> {
    return (await runMetadataLimits(projectRoot)).findings;
}

export const metadataLimitsCheck: Check = { name: NAME, run: runMetadataLimits };

function limitMessage(m: Measurement): string {
    return m.measure === 'number'
        ? `${m.component}: ${m.element} is ${m.size} (limit ${m.max} for a Text field)`
        : `${m.component}: ${m.element} is ${m.size} characters (limit ${m.max})`;
}

/** The elements at `names` below `root` (every match at each step); `[]` is the root itself. */
function descendants(root: XmlElement, names: string[]): XmlElement[] {
    return names.reduce<XmlElement[]>((level, name) => level.flatMap((e) => childElements(e, name)), [root]);
}
