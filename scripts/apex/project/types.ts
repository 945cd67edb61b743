/**
 * Everything the runtime reads from an SFDX source folder. `loadProject(dirs)` (project/load.ts) finds metadata
 * anywhere under the given folders, with or without an sfdx-project.json.
 */
import type { Schema } from '../schema/types';

export interface ApexSourceFile {
    /** Class or trigger name as the file names it (`OrderService`). */
    name: string;
    /** Absolute path. */
    file: string;
    source: string;
    kind: 'class' | 'trigger';
    /** `<apiVersion>` of the -meta.xml (sharing and user-mode defaults depend on it). */
    apiVersion?: number;
}

export interface ObjectPermission {
    read: boolean;
    create: boolean;
    edit: boolean;
    delete: boolean;
    viewAll: boolean;
    modifyAll: boolean;
}

export interface FieldPermission {
    readable: boolean;
    editable: boolean;
}

/** A permission set or profile, as far as the runtime enforces it. */
export interface PermissionSetMeta {
    name: string;
    label: string;
    /** `<license>` of a permission set (e.g. `Customer Community`), if any. */
    license?: string;
    /** Lower-cased object name → permission. */
    objectPermissions: Map<string, ObjectPermission>;
    /** Lower-cased `object.field` → permission. */
    fieldPermissions: Map<string, FieldPermission>;
    /** Lower-cased Apex class names it grants. */
    classAccesses: Set<string>;
    /** User permissions it enables (`ModifyAllData`, `ViewAllData`, `ApiEnabled`, ...), as written. */
    userPermissions: Set<string>;
}

export interface CustomLabel {
    name: string;
    /** Default language value. */
    value: string;
    language: string;
    /** language (`ja`) → translated value. */
    translations: Map<string, string>;
}

export interface NamedCredentialMeta {
    name: string;
    /** The endpoint URL (`url` of a SecuredEndpoint credential). */
    url: string;
    externalCredential?: string;
    /** Raw parsed XML for anything else (protocol, parameters). */
    raw: Record<string, unknown>;
}

export interface ExternalCredentialMeta {
    name: string;
    authenticationProtocol: string;
    raw: Record<string, unknown>;
}

/** A custom metadata record: `Type__mdt.Record_Name` with its field values (already typed per the type's fields). */
export interface CustomMetadataRecord {
    /** `Type__mdt` */
    type: string;
    /** DeveloperName */
    developerName: string;
    label: string;
    /** Lower-cased field name → raw string/boolean/number value from the XML. */
    values: Map<string, unknown>;
}

export interface FlowMeta {
    name: string;
    file: string;
    /** The parsed `<Flow>` element (fast-xml-parser output, arrays where the XML may repeat). */
    flow: Record<string, unknown>;
}

export interface ProjectMetadata {
    /** The folders that were read. */
    roots: string[];
    classes: ApexSourceFile[];
    triggers: ApexSourceFile[];
    schema: Schema;
    labels: Map<string, CustomLabel>;
    /** Lower-cased name → permission set. Profiles the runtime knows (System Administrator, Standard User,
     *  Customer Community User, Guest) are included under `profile:<lower name>`. */
    permissionSets: Map<string, PermissionSetMeta>;
    customMetadata: CustomMetadataRecord[];
    namedCredentials: Map<string, NamedCredentialMeta>;
    externalCredentials: Map<string, ExternalCredentialMeta>;
    flows: FlowMeta[];
    /** Static resources: lower-cased name → bytes and content type. */
    staticResources: Map<string, { contentType: string; body: Uint8Array }>;
}
