/**
 * Objects, fields and value sets of an SFDX source folder → the custom parts of the Schema (schema/schema.ts).
 * Custom field types map to describe types as the platform reports them (Number → double, Text → string,
 * LongTextArea/Html → textarea, AutoNumber → string not createable, a formula → calculated, Summary →
 * calculated). Lookups name their parent relationship `Field__r`; their `<relationshipName>` becomes the child
 * relationship `Name__r` on the parent. Custom objects get stable synthetic key prefixes from their sorted
 * names (`a00`, `a01`...; `m00`... for custom metadata types, `e00`... for platform events, `x00`... others).
 */
import { basename, dirname } from 'node:path';
import { humanize, pluralize } from '../schema/standard';
import type { CustomSchemaParts } from '../schema/schema';
import type {
    ChildRelationship,
    FieldDescribe,
    FieldType,
    PicklistEntry,
    SObjectDescribe
} from '../schema/types';
import { bool, child, list, num, readXml, str, type XmlNode } from './xml';

const FIELD_TYPES: Record<string, FieldType> = {
    Text: 'string',
    TextArea: 'textarea',
    LongTextArea: 'textarea',
    Html: 'textarea',
    EncryptedText: 'encryptedstring',
    Email: 'email',
    Phone: 'phone',
    Url: 'url',
    Number: 'double',
    Currency: 'currency',
    Percent: 'percent',
    Checkbox: 'boolean',
    Date: 'date',
    DateTime: 'datetime',
    Time: 'time',
    Picklist: 'picklist',
    MultiselectPicklist: 'multipicklist',
    Lookup: 'reference',
    ExternalLookup: 'reference',
    IndirectLookup: 'reference',
    MasterDetail: 'reference',
    Hierarchy: 'reference',
    AutoNumber: 'string',
    Summary: 'double',
    Location: 'location',
    MetadataRelationship: 'string'
};

/** Platform lengths of types whose metadata has no `<length>`. */
const DEFAULT_LENGTHS: Partial<Record<string, number>> = {
    TextArea: 255,
    Email: 80,
    Phone: 40,
    Url: 255,
    Picklist: 255,
    MultiselectPicklist: 4099,
    AutoNumber: 30,
    Lookup: 18,
    MasterDetail: 18,
    Hierarchy: 18
};

const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export interface ObjectSources {
    /** `objects/<Obj>/<Obj>.object-meta.xml` files. */
    objectFiles: string[];
    /** `objects/<Obj>/fields/<F>.field-meta.xml` files. */
    fieldFiles: string[];
    globalValueSetFiles: string[];
    standardValueSetFiles: string[];
}

function valueEntries(nodes: XmlNode[]): PicklistEntry[] {
    return nodes.map((v) => {
        const value = str(v, 'fullName') ?? '';
        const entry: PicklistEntry = {
            value,
            label: str(v, 'label') ?? value,
            active: bool(v, 'isActive') ?? true,
            defaultValue: bool(v, 'default') ?? false
        };
        const grouping = str(v, 'groupingString');
        if (grouping) entry.groupingString = grouping;
        return entry;
    });
}

/**
 * A `<defaultValue>`: literals as values (`false` → false, `0` → '0', `"text"` → 'text'); any other formula as
 * `{ formula }`, which the runtime does not evaluate (DML reports it Unsupported instead of leaving null).
 */
function defaultValueOf(raw: string | undefined, type: FieldType): unknown {
    if (raw === undefined) return undefined;
    const t = raw.trim();
    if (type === 'boolean' && /^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
    if (/^-?\d+(\.\d+)?$/.test(t)) return t;
    const quoted = /^"(.*)"$|^'(.*)'$/.exec(t);
    if (quoted) return quoted[1] ?? quoted[2];
    return { formula: t };
}

function fieldDescribe(
    objectName: string,
    x: XmlNode,
    globalSets: Map<string, PicklistEntry[]>
): FieldDescribe {
    const name = str(x, 'fullName') ?? '';
    const metaType = str(x, 'type') ?? 'Text';
    // A metadata relationship to another custom metadata type is a lookup to its records; one to
    // EntityDefinition/FieldDefinition holds an API name.
    const mdtTarget = metaType === 'MetadataRelationship' && /__mdt$/i.test(str(x, 'referenceTo') ?? '');
    const type = mdtTarget ? 'reference' : FIELD_TYPES[metaType];
    if (!type) throw new Error(`${objectName}.${name}: unknown field type ${metaType}`);
    const formula = str(x, 'formula');
    const calculated = formula !== undefined || metaType === 'Summary';
    const required = bool(x, 'required') ?? false;
    const f: FieldDescribe = {
        name,
        label: str(x, 'label') ?? humanize(name),
        type,
        nillable: !(required || metaType === 'MasterDetail'),
        createable: !calculated && metaType !== 'AutoNumber',
        updateable:
            !calculated &&
            metaType !== 'AutoNumber' &&
            (metaType !== 'MasterDetail' || (bool(x, 'reparentableMasterDetail') ?? false)),
        defaultedOnCreate: metaType === 'AutoNumber',
        autoNumber: metaType === 'AutoNumber',
        autoNumberFormat: metaType === 'AutoNumber' ? str(x, 'displayFormat') : undefined,
        calculated,
        custom: true,
        unique: bool(x, 'unique') ?? false,
        caseSensitive: bool(x, 'caseSensitive') ?? false,
        externalId: bool(x, 'externalId') ?? false,
        referenceTo: [],
        restrictedPicklist: false
    };
    const length = num(x, 'length') ?? DEFAULT_LENGTHS[metaType];
    if (length !== undefined) f.length = length;
    const precision = num(x, 'precision');
    if (precision !== undefined) f.precision = precision;
    const scale = num(x, 'scale');
    if (scale !== undefined) f.scale = scale;
    if (type === 'boolean') {
        f.nillable = false;
        f.defaultedOnCreate = true;
        f.defaultValue = defaultValueOf(str(x, 'defaultValue'), type) ?? false;
    } else {
        const def = defaultValueOf(str(x, 'defaultValue'), type);
        if (def !== undefined) {
            f.defaultValue = def;
            f.defaultedOnCreate = true;
        }
    }
    if (type === 'reference') {
        const target =
            metaType === 'Hierarchy'
                ? 'User'
                : metaType === 'MetadataRelationship' && !mdtTarget
                  ? undefined
                  : str(x, 'referenceTo');
        if (target) f.referenceTo = [target];
        f.relationshipName = name.replace(/__c$/i, '__r');
    }
    const valueSet = child(x, 'valueSet');
    if (valueSet) {
        f.restrictedPicklist = bool(valueSet, 'restricted') ?? false;
        const definition = child(valueSet, 'valueSetDefinition');
        const setName = str(valueSet, 'valueSetName');
        if (definition) f.picklistValues = valueEntries(list(definition, 'value'));
        else if (setName) {
            const values = globalSets.get(setName.toLowerCase());
            if (!values) throw new Error(`${objectName}.${name}: global value set ${setName} not found`);
            f.picklistValues = values.map((v) => ({ ...v }));
            // A field bound to a global value set is always restricted to it.
            f.restrictedPicklist = true;
        }
        if (f.picklistValues?.some((v) => v.defaultValue)) f.defaultedOnCreate = true;
    }
    return f;
}

/** A geolocation field and its `__Latitude__s` / `__Longitude__s` components. */
function withLocationParts(f: FieldDescribe): FieldDescribe[] {
    if (f.type !== 'location') return [f];
    const base = f.name.replace(/__c$/i, '');
    const part = (axis: string): FieldDescribe => ({
        ...f,
        name: `${base}__${axis}__s`,
        label: `${f.label} (${axis})`,
        type: 'double',
        compoundFieldName: f.name
    });
    return [{ ...f, createable: false, updateable: false }, part('Latitude'), part('Longitude')];
}

function systemField(name: string, type: FieldType, extra: Partial<FieldDescribe> = {}): FieldDescribe {
    return {
        name,
        label: humanize(name),
        type,
        nillable: false,
        createable: false,
        updateable: false,
        defaultedOnCreate: true,
        calculated: false,
        custom: false,
        unique: false,
        caseSensitive: false,
        externalId: false,
        referenceTo: [],
        restrictedPicklist: false,
        ...extra
    };
}

/** The standard fields every custom object (or custom metadata type / platform event) has. */
function standardFieldsOf(name: string, x: XmlNode | undefined, detail: boolean): FieldDescribe[] {
    const user = { referenceTo: ['User'] };
    if (name.endsWith('__mdt')) {
        return [
            systemField('Id', 'id', { length: 18 }),
            systemField('DeveloperName', 'string', { length: 40 }),
            systemField('MasterLabel', 'string', { length: 40 }),
            systemField('Label', 'string', { length: 40 }),
            systemField('Language', 'picklist', { length: 40 }),
            systemField('NamespacePrefix', 'string', { length: 15, nillable: true }),
            systemField('QualifiedApiName', 'string', { length: 70 })
        ];
    }
    if (name.endsWith('__e')) {
        return [
            systemField('ReplayId', 'string', { nillable: true }),
            systemField('EventUuid', 'string', { nillable: true }),
            systemField('CreatedDate', 'datetime'),
            systemField('CreatedById', 'reference', { ...user, relationshipName: 'CreatedBy', length: 18 })
        ];
    }
    const nameField = x ? child(x, 'nameField') : undefined;
    const autoNumber = nameField && str(nameField, 'type') === 'AutoNumber';
    const fields = [
        systemField('Id', 'id', { length: 18 }),
        systemField('Name', 'string', {
            label: (nameField && str(nameField, 'label')) ?? `${humanize(name.replace(/__c$/, ''))} Name`,
            length: autoNumber ? 30 : 80,
            createable: !autoNumber,
            updateable: !autoNumber,
            // A record inserted without a Name gets its Id as Name.
            defaultedOnCreate: true,
            autoNumber: !!autoNumber,
            autoNumberFormat: autoNumber && nameField ? str(nameField, 'displayFormat') : undefined,
            nillable: false
        }),
        systemField('IsDeleted', 'boolean', { defaultValue: false }),
        systemField('CreatedDate', 'datetime'),
        systemField('CreatedById', 'reference', { ...user, relationshipName: 'CreatedBy', length: 18 }),
        systemField('LastModifiedDate', 'datetime'),
        systemField('LastModifiedById', 'reference', {
            ...user,
            relationshipName: 'LastModifiedBy',
            length: 18
        }),
        systemField('SystemModstamp', 'datetime'),
        systemField('LastViewedDate', 'datetime', { nillable: true, defaultedOnCreate: false }),
        systemField('LastReferencedDate', 'datetime', { nillable: true, defaultedOnCreate: false })
    ];
    const customSetting = x ? str(x, 'customSettingsType') : undefined;
    if (customSetting === 'Hierarchy') {
        fields.push(
            systemField('SetupOwnerId', 'reference', {
                referenceTo: ['Organization', 'Profile', 'User'],
                relationshipName: 'SetupOwner',
                createable: true,
                updateable: true,
                length: 18
            })
        );
    } else if (!customSetting && !detail) {
        fields.push(
            systemField('OwnerId', 'reference', {
                referenceTo: ['Group', 'User'],
                relationshipName: 'Owner',
                createable: true,
                updateable: true,
                length: 18
            })
        );
    }
    return fields;
}

function prefixFor(name: string, counters: Map<string, number>): string {
    const lead = name.endsWith('__c') ? 'a' : name.endsWith('__mdt') ? 'm' : name.endsWith('__e') ? 'e' : 'x';
    const i = counters.get(lead) ?? 0;
    counters.set(lead, i + 1);
    if (i >= 62 * 62) throw new Error(`more than ${62 * 62} custom objects of one kind`);
    return lead + B62[Math.floor(i / 62)] + B62[i % 62];
}

function isCustomObjectName(name: string): boolean {
    return /__(c|mdt|e|b|x)$/i.test(name);
}

/** Reads objects, fields and value sets into the schema's custom parts. */
export function readObjects(src: ObjectSources): CustomSchemaParts {
    const globalSets = new Map<string, PicklistEntry[]>();
    for (const file of src.globalValueSetFiles) {
        const x = readXml(file, 'GlobalValueSet');
        globalSets.set(
            basename(file)
                .replace(/\.globalValueSet-meta\.xml$/, '')
                .toLowerCase(),
            valueEntries(list(x, 'customValue'))
        );
    }
    const standardValueSets = new Map<string, PicklistEntry[]>();
    for (const file of src.standardValueSetFiles) {
        const x = readXml(file, 'StandardValueSet');
        standardValueSets.set(
            basename(file).replace(/\.standardValueSet-meta\.xml$/, ''),
            valueEntries(list(x, 'standardValue'))
        );
    }

    // Object name (as its folder spells it) → definition XML and field XMLs.
    const defs = new Map<string, { name: string; x?: XmlNode; fields: XmlNode[] }>();
    const entry = (name: string) => {
        let e = defs.get(name.toLowerCase());
        if (!e) {
            e = { name, fields: [] };
            defs.set(name.toLowerCase(), e);
        }
        return e;
    };
    for (const file of src.objectFiles) {
        const name = basename(file).replace(/\.object-meta\.xml$/, '');
        const x = readXml(file, 'CustomObject');
        const e = entry(name);
        e.x = x;
        e.fields.push(...list(x, 'fields'));
    }
    for (const file of src.fieldFiles) {
        entry(basename(dirname(dirname(file)))).fields.push(readXml(file, 'CustomField'));
    }

    const childRelationships = new Map<string, ChildRelationship[]>();
    const standardObjectFields = new Map<string, FieldDescribe[]>();
    const objects: SObjectDescribe[] = [];
    const counters = new Map<string, number>();
    const sorted = [...defs.values()].sort((a, b) => a.name.localeCompare(b.name, 'en'));
    for (const def of sorted) {
        const fields = def.fields.flatMap((fx) => withLocationParts(fieldDescribe(def.name, fx, globalSets)));
        for (const f of fields) {
            if (f.type !== 'reference' || !f.referenceTo.length) continue;
            const fx = def.fields.find((x) => str(x, 'fullName') === f.name)!;
            const relName = str(fx, 'relationshipName');
            const parent = f.referenceTo[0].toLowerCase();
            const rels = childRelationships.get(parent) ?? [];
            rels.push({
                childSObject: def.name,
                field: f.name,
                relationshipName: relName ? `${relName}__r` : undefined
            });
            childRelationships.set(parent, rels);
        }
        if (!isCustomObjectName(def.name)) {
            standardObjectFields.set(def.name.toLowerCase(), fields);
            continue;
        }
        const x = def.x;
        const detail = def.fields.some((fx) => str(fx, 'type') === 'MasterDetail');
        const mdt = def.name.endsWith('__mdt');
        const label = (x && str(x, 'label')) ?? humanize(def.name.replace(/__\w+$/, ''));
        const all = new Map<string, FieldDescribe>();
        for (const f of [...standardFieldsOf(def.name, x, detail), ...fields])
            all.set(f.name.toLowerCase(), f);
        if (mdt) {
            for (const f of all.values()) {
                f.createable = false;
                f.updateable = false;
            }
        }
        objects.push({
            name: def.name,
            label,
            labelPlural: (x && str(x, 'pluralLabel')) ?? pluralize(label),
            keyPrefix: prefixFor(def.name, counters),
            custom: true,
            customMetadata: mdt,
            setup: false,
            createable: !mdt,
            updateable: !mdt && !def.name.endsWith('__e'),
            deletable: !mdt && !def.name.endsWith('__e'),
            queryable: !def.name.endsWith('__e'),
            fields: all,
            childRelationships: [],
            sharingModel: (x && str(x, 'sharingModel')) ?? undefined
        });
    }
    // Children of custom parents are known only once every object was read.
    for (const d of objects)
        d.childRelationships.push(...(childRelationships.get(d.name.toLowerCase()) ?? []));
    return { objects, standardObjectFields, childRelationships, standardValueSets };
}
