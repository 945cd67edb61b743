/**
 * The runtime's Schema: the jar's standard objects (described on first use, standard.ts) merged with a project's
 * custom objects, custom fields on standard objects, child relationships of custom lookups and standard value
 * sets. Each ProjectSchema owns its describes, so two projects never see each other's fields.
 */
import { STANDARD_VALUE_SET_FIELDS } from './overlay';
import { StandardObjects } from './standard';
import { SObjectTypesJar } from './sobjectTypes';
import type { ChildRelationship, FieldDescribe, PicklistEntry, Schema, SObjectDescribe } from './types';

export interface CustomSchemaParts {
    /** Objects the project defines (`__c`, `__mdt`, `__e`...), fully described. */
    objects: SObjectDescribe[];
    /** Custom fields the project adds to standard objects, by lower-cased object name. */
    standardObjectFields: Map<string, FieldDescribe[]>;
    /** Child relationships of the project's lookups and master-details, by lower-cased parent name. */
    childRelationships: Map<string, ChildRelationship[]>;
    /** The project's standard value sets (`OrderStatus`...) by name: they replace the overlay's values. */
    standardValueSets: Map<string, PicklistEntry[]>;
}

/** Lower-cased `object.field` → standard value set name. */
const VALUE_SET_BY_FIELD = new Map<string, string>();
for (const [set, fields] of Object.entries(STANDARD_VALUE_SET_FIELDS)) {
    for (const f of fields) VALUE_SET_BY_FIELD.set(f.toLowerCase(), set);
}

export class ProjectSchema implements Schema {
    private readonly custom = new Map<string, SObjectDescribe>();
    private readonly customByPrefix = new Map<string, SObjectDescribe>();
    private readonly parts: CustomSchemaParts;

    constructor(
        parts: Partial<CustomSchemaParts> = {},
        readonly standard: StandardObjects = new StandardObjects(),
        /** State and Country/Territory Picklists: without them the `...CountryCode`/`...StateCode` fields don't exist. */
        readonly stateAndCountryPicklists = true
    ) {
        this.parts = {
            objects: parts.objects ?? [],
            standardObjectFields: parts.standardObjectFields ?? new Map(),
            childRelationships: parts.childRelationships ?? new Map(),
            standardValueSets: parts.standardValueSets ?? new Map()
        };
        for (const d of this.parts.objects) {
            this.custom.set(d.name.toLowerCase(), d);
            this.customByPrefix.set(d.keyPrefix, d);
        }
    }

    sobject(name: string): SObjectDescribe | undefined {
        const key = name.toLowerCase();
        const custom = this.custom.get(key);
        if (custom) return custom;
        return this.standard.describe(name, {
            children: this.parts.childRelationships.get(key),
            completeFields: (fields) => {
                for (const f of this.parts.standardObjectFields.get(key) ?? [])
                    fields.set(f.name.toLowerCase(), f);
                for (const f of fields.values()) {
                    const set = VALUE_SET_BY_FIELD.get(`${key}.${f.name.toLowerCase()}`);
                    const values = set ? this.parts.standardValueSets.get(set) : undefined;
                    if (values) f.picklistValues = values.map((v) => ({ ...v }));
                }
                if (!this.stateAndCountryPicklists) {
                    for (const k of [...fields.keys()])
                        if (/(country|state)code$/.test(k) && fields.get(k)!.compoundFieldName)
                            fields.delete(k);
                }
            }
        });
    }

    sobjectByKeyPrefix(prefix: string): SObjectDescribe | undefined {
        const custom = this.customByPrefix.get(prefix);
        if (custom) return custom;
        const name = this.standard.nameByKeyPrefix(prefix);
        return name ? this.sobject(name) : undefined;
    }

    /** Every object; a standard object's fields and children are read when first used. */
    *sobjects(): Iterable<SObjectDescribe> {
        yield* this.custom.values();
        for (const name of this.standard.names()) {
            const d = this.sobject(name);
            if (d) yield d;
        }
    }

    /** Names of every object without describing them (for `Schema.getGlobalDescribe()` keys). */
    sobjectNames(): string[] {
        return [...[...this.custom.values()].map((d) => d.name), ...this.standard.names()];
    }
}

/** A schema of the standard objects plus the given project parts; `jarPath` overrides the jar lookup. */
export function createSchema(
    parts: Partial<CustomSchemaParts> = {},
    jarPath?: string,
    stateAndCountryPicklists = true
): ProjectSchema {
    return new ProjectSchema(
        parts,
        new StandardObjects(SObjectTypesJar.open(jarPath)),
        stateAndCountryPicklists
    );
}
