/**
 * Metadata XML reading: fast-xml-parser with every element that may repeat forced to an array (so one
 * `<value>` and three `<value>`s read the same), tag values kept as strings, and small typed accessors.
 */
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';

export type XmlNode = Record<string, unknown>;

/** Elements that may repeat in the metadata types the loader reads (by tag name, at any depth). */
const REPEATING = new Set([
    // picklists and value sets (`value` only under valueSetDefinition: see isRepeating)
    'customValue',
    'standardValue',
    'valueSettings',
    'controllingFieldValue',
    // labels and translations
    'labels',
    'customLabels',
    // permission sets and profiles
    'objectPermissions',
    'fieldPermissions',
    'classAccesses',
    'userPermissions',
    'pageAccesses',
    'tabSettings',
    'recordTypeVisibilities',
    'applicationVisibilities',
    'customMetadataTypeAccesses',
    'customSettingAccesses',
    'externalCredentialPrincipalAccesses',
    'flowAccesses',
    'layoutAssignments',
    // objects (`fields` only directly under CustomObject: see isRepeating)
    'recordTypes',
    'validationRules',
    'listViews',
    'webLinks',
    'fieldSets',
    'displayedFields',
    'availableFields',
    'searchLayouts',
    'actionOverrides',
    // custom metadata records
    'values',
    // credentials
    'namedCredentialParameters',
    'externalCredentialParameters',
    // flows
    'actionCalls',
    'apexPluginCalls',
    'assignments',
    'assignmentItems',
    'choices',
    'collectionProcessors',
    'conditions',
    'constants',
    'customErrors',
    'decisions',
    'dynamicChoiceSets',
    'filters',
    'formulas',
    'inputAssignments',
    'inputParameters',
    'loops',
    'outputAssignments',
    'outputParameters',
    'processMetadataValues',
    'queriedFields',
    'recordCreates',
    'recordDeletes',
    'recordLookups',
    'recordUpdates',
    'rules',
    'scheduledPaths',
    'screens',
    'stages',
    'steps',
    'subflows',
    'textTemplates',
    'transforms',
    'variables',
    'waits',
    'waitEvents'
]);

function isRepeating(name: string, jpath: string): boolean {
    if (name === 'value') return jpath.endsWith('valueSetDefinition.value');
    if (name === 'fields') return jpath === 'CustomObject.fields';
    return REPEATING.has(name);
}

const plain = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    isArray: (name, jpath) => isRepeating(name, String(jpath))
});

/** Attributes kept (`@_xsi:nil`, `@_xsi:type`): custom metadata record values need them. */
const withAttributes = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    trimValues: true,
    isArray: (name, jpath) => isRepeating(name, String(jpath))
});

/** Parses a metadata file and returns its root element (`<CustomField>` → its children). */
export function readXml(file: string, root: string, attributes = false): XmlNode {
    const doc = (attributes ? withAttributes : plain).parse(readFileSync(file, 'utf8')) as XmlNode;
    const node = doc[root];
    if (node === undefined) throw new Error(`${file}: expected a <${root}> root element`);
    return typeof node === 'object' && node !== null ? (node as XmlNode) : {};
}

export function str(node: XmlNode, key: string): string | undefined {
    const v = node[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'object') return undefined;
    return String(v);
}

export function bool(node: XmlNode, key: string): boolean | undefined {
    const v = str(node, key);
    return v === undefined ? undefined : v.toLowerCase() === 'true';
}

export function num(node: XmlNode, key: string): number | undefined {
    const v = str(node, key);
    if (v === undefined || v === '') return undefined;
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
}

export function list(node: XmlNode, key: string): XmlNode[] {
    const v = node[key];
    if (v === undefined || v === null) return [];
    const arr = Array.isArray(v) ? v : [v];
    return arr.filter((x): x is XmlNode => typeof x === 'object' && x !== null);
}

export function child(node: XmlNode, key: string): XmlNode | undefined {
    const v = node[key];
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as XmlNode) : undefined;
}
