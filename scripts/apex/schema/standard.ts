/**
 * Standard SObject describes: field names and Apex types from the sobject-types jar (sobjectTypes.ts), platform
 * facts from overlay.ts. Type mapping:
 * - `Id` → `id` for the `Id` field, `reference` for every other Id field (targets from its relationship field:
 *   `AccountId` + `Account Account` → referenceTo Account, relationshipName Account; a polymorphic relationship
 *   (`Name` type) takes its targets from the overlay, else none are known).
 * - `String` → the overlay's type, else phone/email/url by the field's well-known name, picklist for the
 *   `...CountryCode`/`...StateCode` address parts, else `string`.
 * - `Decimal` → the overlay's type, else currency/percent by well-known name, else `double`; `Integer` → `int`,
 *   `Long` → `long`, `Boolean` → `boolean` (never null, defaults to false), `Date`, `Datetime`, `Time`, `Blob` →
 *   `base64`, `Object` → `anytype`, `Address` → `address` (compound, read-only).
 * - `List<Child>` → a child relationship; the child's lookup field is the one reference field of the child whose
 *   target is this object (the overlay names it where several qualify; unresolvable ones are left out).
 * Objects without a key prefix in the overlay get a synthetic one (`Y..`/`Z..`, never a real prefix) so their
 * records can exist; code comparing such Ids with a literal prefix would need the overlay entry.
 */
import { COUNTRIES, STATES } from './addressPicklists';
import {
    ADDRESS_PART_OVERLAY,
    COMPUTED_FIELDS,
    NAMED_NUMBER_TYPES,
    NAMED_STRING_TYPES,
    OBJECT_OVERLAY,
    OPTIONAL_FEATURE_FIELDS,
    SYSTEM_FIELDS,
    type FieldOverlay,
    type ObjectOverlay
} from './overlay';
import { SObjectTypesJar, type JarFieldType } from './sobjectTypes';
import type { ChildRelationship, FieldDescribe, FieldType, PicklistEntry, SObjectDescribe } from './types';

const PRIMITIVES: Record<string, FieldType> = {
    String: 'string',
    Decimal: 'double',
    Integer: 'int',
    Long: 'long',
    Boolean: 'boolean',
    Date: 'date',
    Datetime: 'datetime',
    Time: 'time',
    Blob: 'base64',
    Object: 'anytype',
    Address: 'address'
};
const ADDRESS_PARTS = [
    'Street',
    'City',
    'State',
    'StateCode',
    'PostalCode',
    'Country',
    'CountryCode',
    'Latitude',
    'Longitude',
    'GeocodeAccuracy'
];
const NAME_PARTS = new Set(['Salutation', 'FirstName', 'MiddleName', 'LastName', 'Suffix']);
const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const overlayIndex = new Map(Object.entries(OBJECT_OVERLAY).map(([k, v]) => [k.toLowerCase(), v]));

/** The overlay entry of a standard object (case-insensitive). */
export function objectOverlay(name: string): ObjectOverlay | undefined {
    return overlayIndex.get(name.toLowerCase());
}

/** `BillingCountryCode` → `Billing Country Code`, `AccountId` → `Account ID`. */
export function humanize(name: string): string {
    return name
        .replace(/Id$/, ' ID')
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
        .replace(/\s+/g, ' ')
        .trim();
}

export function pluralize(label: string): string {
    if (/[^aeiou]y$/i.test(label)) return label.slice(0, -1) + 'ies';
    if (/(s|x|ch|sh)$/i.test(label)) return label + 'es';
    return label + 's';
}

/** Picklist entries from overlay values; a leading `*` marks the default. */
export function picklistEntries(values: string[]): PicklistEntry[] {
    return values.map((v) => {
        const def = v.startsWith('*');
        const value = def ? v.slice(1) : v;
        return { value, label: value, active: true, defaultValue: def };
    });
}

function addressPicklist(part: 'StateCode' | 'CountryCode'): PicklistEntry[] {
    const options = part === 'CountryCode' ? COUNTRIES : [...STATES.values()].flat();
    return options.map((o) => ({ value: o.code, label: o.name, active: true, defaultValue: false }));
}

function baseField(name: string, type: FieldType): FieldDescribe {
    return {
        name,
        label: humanize(name),
        type,
        nillable: true,
        createable: true,
        updateable: true,
        defaultedOnCreate: false,
        calculated: false,
        custom: false,
        unique: false,
        caseSensitive: false,
        externalId: false,
        referenceTo: [],
        restrictedPicklist: false
    };
}

export function applyFieldOverlay(f: FieldDescribe, o: FieldOverlay): void {
    if (o.type) f.type = o.type;
    if (o.label) f.label = o.label;
    if (o.length !== undefined) f.length = o.length;
    if (o.precision !== undefined) f.precision = o.precision;
    if (o.scale !== undefined) f.scale = o.scale;
    if (o.required) {
        f.nillable = false;
        f.defaultedOnCreate = false;
    }
    if (o.defaulted) {
        f.nillable = false;
        f.defaultedOnCreate = true;
    }
    if (o.createable !== undefined) f.createable = o.createable;
    if (o.updateable !== undefined) f.updateable = o.updateable;
    if (o.calculated !== undefined) f.calculated = o.calculated;
    if (o.unique !== undefined) f.unique = o.unique;
    if (o.externalId !== undefined) f.externalId = o.externalId;
    if (o.caseSensitive !== undefined) f.caseSensitive = o.caseSensitive;
    if (o.values) f.picklistValues = picklistEntries(o.values);
    if (o.restricted !== undefined) f.restrictedPicklist = o.restricted;
    if (o.referenceTo) f.referenceTo = o.referenceTo;
    if (o.defaultValue !== undefined) f.defaultValue = o.defaultValue;
}

/** Builds the fields of a standard object from its jar entry and the overlay. */
function buildFields(
    jarFields: [string, JarFieldType][],
    jar: SObjectTypesJar,
    overlay: ObjectOverlay | undefined
): Map<string, FieldDescribe> {
    const types = new Map(jarFields.map(([n, t]) => [n, t]));
    const fields = new Map<string, FieldDescribe>();
    const addressPrefixes = jarFields
        .filter(([, t]) => t === 'Address')
        .map(([n]) => n.slice(0, -'Address'.length));
    // Contact, Lead and User: Name is the compound of the person name parts.
    const personName = overlay?.fields?.Name?.calculated === true;
    const compoundOf = (name: string): string | undefined => {
        for (const p of addressPrefixes) {
            if (name.startsWith(p) && ADDRESS_PARTS.includes(name.slice(p.length))) return `${p}Address`;
        }
        return undefined;
    };
    for (const [name, jarType] of jarFields) {
        if (OPTIONAL_FEATURE_FIELDS.has(name)) continue;
        let f: FieldDescribe;
        if (jarType === 'Id') {
            f = baseField(name, name === 'Id' ? 'id' : 'reference');
            f.length = 18;
            const rel = name.endsWith('Id') ? name.slice(0, -2) : undefined;
            const relType = rel ? types.get(rel) : undefined;
            if (rel && relType && !relType.startsWith('List<') && !PRIMITIVES[relType]) {
                f.relationshipName = rel;
                if (relType !== 'Name') f.referenceTo = [jar.canonicalName(relType) ?? relType];
                else if (name === 'OwnerId') f.referenceTo = ['User'];
            }
        } else {
            const primitive = PRIMITIVES[jarType];
            if (!primitive) continue; // relationship fields and child lists are not columns
            f = baseField(name, primitive);
        }
        const compound = compoundOf(name);
        if (compound) f.compoundFieldName = compound;
        else if (personName && NAME_PARTS.has(name)) f.compoundFieldName = 'Name';
        const part = compound ? name.slice(compound.length - 'Address'.length) : '';
        if (part === 'StateCode' || part === 'CountryCode') {
            f.type = 'picklist';
            f.picklistValues = addressPicklist(part);
        } else if (ADDRESS_PART_OVERLAY[part]) applyFieldOverlay(f, ADDRESS_PART_OVERLAY[part]);
        else if (f.type === 'string' && NAMED_STRING_TYPES[name]) f.type = NAMED_STRING_TYPES[name];
        if (f.type === 'double' && NAMED_NUMBER_TYPES[name]) f.type = NAMED_NUMBER_TYPES[name];
        if (f.type === 'boolean') {
            f.nillable = false;
            f.defaultedOnCreate = true;
            f.defaultValue = false;
        }
        if (f.type === 'address') {
            f.createable = false;
            f.updateable = false;
        }
        if (SYSTEM_FIELDS.has(name)) {
            f.nillable = false;
            f.createable = false;
            f.updateable = false;
            f.defaultedOnCreate = true;
        } else if (COMPUTED_FIELDS.has(name)) {
            f.createable = false;
            f.updateable = false;
        } else if (name === 'OwnerId') {
            f.nillable = false;
            f.defaultedOnCreate = true;
        }
        const fo = overlay?.fields?.[name];
        if (fo) applyFieldOverlay(f, fo);
        if (overlay?.readOnly || (overlay?.notUpdateable && !SYSTEM_FIELDS.has(name))) {
            f.updateable = false;
            if (overlay.readOnly) f.createable = false;
        }
        fields.set(name.toLowerCase(), f);
    }
    return fields;
}

/** The lookup field of `child` that points at `parent` for the relationship `relName`, if one can be known. */
function childField(
    jar: SObjectTypesJar,
    parent: string,
    relName: string,
    child: string
): string | undefined {
    const named = objectOverlay(parent)?.childFields?.[relName];
    if (named) return named;
    const fields = jar.fields(child);
    if (!fields) return undefined;
    const types = new Map(fields.map(([n, t]) => [n, t]));
    const lookups = fields.filter(([n, t]) => t === 'Id' && n.endsWith('Id') && types.has(n.slice(0, -2)));
    const direct = lookups.filter(([n]) => types.get(n.slice(0, -2))?.toLowerCase() === parent.toLowerCase());
    if (direct.length === 1) return direct[0][0];
    if (direct.length > 1) return undefined;
    const polymorphic = lookups.filter(([n]) => types.get(n.slice(0, -2)) === 'Name');
    return polymorphic.length === 1 ? polymorphic[0][0] : undefined;
}

/** What a project adds to a standard object: its custom fields, child relationships and value set values. */
export interface StandardExtras {
    children?: ChildRelationship[];
    /** Applied to the built fields once (custom fields added, standard value sets replaced). */
    completeFields?: (fields: Map<string, FieldDescribe>) => void;
}

class StandardDescribe implements SObjectDescribe {
    readonly custom = false;
    readonly customMetadata = false;
    readonly queryable = true;
    readonly label: string;
    readonly labelPlural: string;
    readonly keyPrefix: string;
    readonly setup: boolean;
    readonly createable: boolean;
    readonly updateable: boolean;
    readonly deletable: boolean;
    private readonly overlay: ObjectOverlay | undefined;
    private fieldMap?: Map<string, FieldDescribe>;
    private children?: ChildRelationship[];

    constructor(
        readonly name: string,
        private readonly jar: SObjectTypesJar,
        keyPrefix: string,
        private readonly extras: StandardExtras
    ) {
        const o = objectOverlay(name);
        this.label = o?.label ?? humanize(name);
        this.labelPlural = o?.labelPlural ?? pluralize(this.label);
        this.keyPrefix = keyPrefix;
        this.setup = o?.setup ?? false;
        // Field history and change events are written only by the platform.
        const readOnly = o?.readOnly ?? /(History|ChangeEvent)$/.test(name);
        this.createable = !readOnly;
        this.updateable = !readOnly && !o?.notUpdateable;
        this.deletable = !readOnly;
        this.overlay = readOnly ? { ...o, readOnly: true } : o;
    }

    /** Built on first use (it parses the object's class), so listing every object stays cheap. */
    get fields(): Map<string, FieldDescribe> {
        if (!this.fieldMap) {
            this.fieldMap = buildFields(this.jar.fields(this.name) ?? [], this.jar, this.overlay);
            this.extras.completeFields?.(this.fieldMap);
        }
        return this.fieldMap;
    }

    /** Resolved on first use: it reads every child class of the jar this object names. */
    get childRelationships(): ChildRelationship[] {
        if (!this.children) {
            const list: ChildRelationship[] = [];
            for (const [relName, type] of this.jar.fields(this.name) ?? []) {
                if (!type.startsWith('List<')) continue;
                const child = this.jar.canonicalName(type.slice(5, -1));
                if (!child) continue;
                const field = childField(this.jar, this.name, relName, child);
                if (field) list.push({ childSObject: child, field, relationshipName: relName });
            }
            this.children = [...list, ...(this.extras.children ?? [])];
        }
        return this.children;
    }
}

/** A synthetic key prefix for a standard object the overlay has none for: `Y`/`Z` + two base-62 digits. */
function syntheticPrefix(index: number): string {
    const lead = index < 62 * 62 ? 'Y' : 'Z';
    const i = index % (62 * 62);
    return lead + B62[Math.floor(i / 62)] + B62[i % 62];
}

interface PrefixIndex {
    /** Lower-cased name → key prefix. */
    prefixes: Map<string, string>;
    /** Key prefix → canonical name. */
    byPrefix: Map<string, string>;
}

/** Key prefixes depend only on the jar: computed once per jar. */
const prefixIndexes = new WeakMap<SObjectTypesJar, PrefixIndex>();

function prefixIndex(jar: SObjectTypesJar): PrefixIndex {
    let index = prefixIndexes.get(jar);
    if (!index) {
        index = { prefixes: new Map(), byPrefix: new Map() };
        let synthetic = 0;
        for (const name of jar.names().sort()) {
            const prefix = objectOverlay(name)?.keyPrefix ?? syntheticPrefix(synthetic++);
            index.prefixes.set(name.toLowerCase(), prefix);
            index.byPrefix.set(prefix, name);
        }
        prefixIndexes.set(jar, index);
    }
    return index;
}

/** Standard objects of the jar, described on first use. */
export class StandardObjects {
    private readonly described = new Map<string, StandardDescribe>();
    private readonly index: PrefixIndex;

    constructor(readonly jar: SObjectTypesJar = SObjectTypesJar.open()) {
        this.index = prefixIndex(jar);
    }

    names(): string[] {
        return this.jar.names();
    }

    has(name: string): boolean {
        return this.jar.canonicalName(name) !== undefined;
    }

    nameByKeyPrefix(prefix: string): string | undefined {
        return this.index.byPrefix.get(prefix);
    }

    /** The describe of a standard object; `extras` count on the first call only (one project per instance). */
    describe(name: string, extras: StandardExtras = {}): SObjectDescribe | undefined {
        const key = name.toLowerCase();
        const hit = this.described.get(key);
        if (hit) return hit;
        const canonical = this.jar.canonicalName(name);
        if (!canonical) return undefined;
        const d = new StandardDescribe(canonical, this.jar, this.index.prefixes.get(key)!, extras);
        this.described.set(key, d);
        return d;
    }
}
