/**
 * The SObject schema the runtime enforces: standard objects (names and types from apex-dev-tools'
 * sobject-types jar, platform constraints from a documented overlay) merged with the project's metadata.
 * Every name lookup is case-insensitive: maps are keyed by the lower-cased API name.
 */

export type FieldType =
    | 'id'
    | 'reference'
    | 'string'
    | 'textarea'
    | 'email'
    | 'phone'
    | 'url'
    | 'picklist'
    | 'multipicklist'
    | 'combobox'
    | 'boolean'
    | 'int'
    | 'long'
    | 'double'
    | 'currency'
    | 'percent'
    | 'date'
    | 'datetime'
    | 'time'
    | 'base64'
    | 'encryptedstring'
    | 'address'
    | 'location'
    | 'anytype'
    | 'json';

export interface PicklistEntry {
    value: string;
    label: string;
    active: boolean;
    defaultValue: boolean;
    /** Status category of a status value (`groupingString` of OrderStatus/ContractStatus: Draft, Activated). */
    groupingString?: string;
}

export interface FieldDescribe {
    /** Canonical API name, e.g. `AccountId`, `Portal_Category__c`. */
    name: string;
    label: string;
    type: FieldType;
    /** Text length (string-like types). */
    length?: number;
    precision?: number;
    scale?: number;
    /** False when the platform requires a value on create (REQUIRED_FIELD_MISSING). */
    nillable: boolean;
    createable: boolean;
    updateable: boolean;
    /** The platform fills it on insert when empty (OwnerId, CreatedDate, a Boolean's false...). */
    defaultedOnCreate: boolean;
    /** Formula / roll-up / system-computed: never written by DML. */
    calculated: boolean;
    custom: boolean;
    unique: boolean;
    caseSensitive: boolean;
    externalId: boolean;
    /** reference fields: target objects (canonical names). */
    referenceTo: string[];
    /** reference fields: the parent relationship name (`Account`, `Parent__r`). */
    relationshipName?: string;
    picklistValues?: PicklistEntry[];
    restrictedPicklist: boolean;
    /** A compound field's component (BillingStreet → BillingAddress). */
    compoundFieldName?: string;
    /** An auto-number field (the platform fills it on insert). */
    autoNumber?: boolean;
    /** An auto-number's display format (`INV-{0000}`, `{YYYY}-{0000}`). */
    autoNumberFormat?: string;
    /** The value a new record gets when the field is empty on insert (checkbox default, picklist default). */
    defaultValue?: unknown;
}

export interface ChildRelationship {
    /** Canonical child object name, e.g. `OrderItem`. */
    childSObject: string;
    /** The child's lookup field, e.g. `OrderId`. */
    field: string;
    /** e.g. `OrderItems`; absent when the relationship is not queryable by name. */
    relationshipName?: string;
}

export interface SObjectDescribe {
    /** Canonical API name: `Account`, `Order`, `My_Object__c`. */
    name: string;
    label: string;
    labelPlural: string;
    /** First three characters of its record Ids. */
    keyPrefix: string;
    custom: boolean;
    /** Custom metadata type (`__mdt`): records come from metadata, read-only to DML. */
    customMetadata: boolean;
    /** Setup object (User, PermissionSetAssignment, ...): mixing its DML with non-setup DML is MIXED_DML_OPERATION. */
    setup: boolean;
    createable: boolean;
    updateable: boolean;
    deletable: boolean;
    queryable: boolean;
    /** Keyed by lower-cased API name. */
    fields: Map<string, FieldDescribe>;
    childRelationships: ChildRelationship[];
    /** `<sharingModel>` of the object's metadata (`Private`, `Read`, `ReadWrite`, `ControlledByParent`...), when given. */
    sharingModel?: string;
}

export interface Schema {
    /** Case-insensitive lookup by API name. */
    sobject(name: string): SObjectDescribe | undefined;
    /** Lookup by the first three characters of an Id. */
    sobjectByKeyPrefix(prefix: string): SObjectDescribe | undefined;
    /** All known objects (standard and custom). */
    sobjects(): Iterable<SObjectDescribe>;
}
