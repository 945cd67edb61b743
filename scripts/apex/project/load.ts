/**
 * `loadProject(dirs)`: everything the runtime reads from SFDX source folders (project/types.ts). Metadata is
 * found anywhere under each folder by its file suffix (source format), so it works on a project root, a package
 * directory, or any folder without an sfdx-project.json. `defaultSourceDirs(root)` gives a project's package
 * directories (or the root itself when it has no sfdx-project.json).
 *
 * Not read (the runtime does not enforce them): record types, validation rules, layouts, sharing rules, page
 * and tab settings, Metadata API (mdapi) format, folder (zipped) static resources.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { createSchema } from '../schema/schema';
import type { FieldDescribe } from '../schema/types';
import { readObjects, type ObjectSources } from './objects';
import { builtInProfiles, emptySet, profileNameOf, readPermissions, readPermissionSet } from './permissions';
import type {
    ApexSourceFile,
    CustomLabel,
    CustomMetadataRecord,
    ExternalCredentialMeta,
    FlowMeta,
    NamedCredentialMeta,
    PermissionSetMeta,
    ProjectMetadata
} from './types';
import { list, num, readXml, str, type XmlNode } from './xml';

/** Folders never holding project metadata. */
const SKIP_DIRS = new Set(['node_modules', '.git', '.sfdx', '.sf', '.localdevserver', 'coverage']);

/** The package directories of `<root>/sfdx-project.json`, or `[root]` without one. */
export function defaultSourceDirs(projectRoot: string): string[] {
    const root = resolve(projectRoot);
    const file = join(root, 'sfdx-project.json');
    if (!existsSync(file)) return [root];
    const project = JSON.parse(readFileSync(file, 'utf8')) as { packageDirectories?: { path?: string }[] };
    const dirs = (project.packageDirectories ?? []).map((d) => d.path).filter((p): p is string => !!p);
    return dirs.length ? dirs.map((p) => resolve(root, p)) : [root];
}

function walk(dir: string, out: string[]): void {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
            if (!entry.name.startsWith('.') && !SKIP_DIRS.has(entry.name)) walk(path, out);
        } else if (entry.isFile()) out.push(path);
    }
}

const META_SUFFIXES = [
    '.cls',
    '.trigger',
    '.object-meta.xml',
    '.field-meta.xml',
    '.globalValueSet-meta.xml',
    '.standardValueSet-meta.xml',
    '.labels-meta.xml',
    '.label-meta.xml',
    '.translation-meta.xml',
    '.permissionset-meta.xml',
    '.profile-meta.xml',
    '.md-meta.xml',
    '.namedCredential-meta.xml',
    '.externalCredential-meta.xml',
    '.flow-meta.xml',
    '.resource-meta.xml'
] as const;
type Suffix = (typeof META_SUFFIXES)[number];

function classify(files: string[]): Map<Suffix, string[]> {
    const bySuffix = new Map<Suffix, string[]>(META_SUFFIXES.map((s) => [s, []]));
    for (const f of files) {
        const suffix = META_SUFFIXES.find((s) => f.endsWith(s));
        if (suffix) bySuffix.get(suffix)!.push(f);
    }
    for (const list of bySuffix.values()) list.sort();
    return bySuffix;
}

function apexSource(file: string, kind: 'class' | 'trigger'): ApexSourceFile {
    const ext = kind === 'class' ? '.cls' : '.trigger';
    const meta = `${file}-meta.xml`;
    const apiVersion = existsSync(meta)
        ? num(readXml(meta, kind === 'class' ? 'ApexClass' : 'ApexTrigger'), 'apiVersion')
        : undefined;
    return { name: basename(file, ext), file, source: readFileSync(file, 'utf8'), kind, apiVersion };
}

/**
 * Custom labels from `CustomLabels.labels-meta.xml` files and from decomposed `<Name>.label-meta.xml` files,
 * with the translations of `<language>.translation-meta.xml`.
 */
function readLabels(
    labelsFiles: string[],
    labelFiles: string[],
    translationFiles: string[]
): Map<string, CustomLabel> {
    const labels = new Map<string, CustomLabel>();
    const add = (l: XmlNode, fallbackName?: string) => {
        const name = str(l, 'fullName') ?? fallbackName;
        if (!name) return;
        labels.set(name.toLowerCase(), {
            name,
            value: str(l, 'value') ?? '',
            language: str(l, 'language') ?? 'en_US',
            translations: new Map()
        });
    };
    for (const file of labelsFiles) for (const l of list(readXml(file, 'CustomLabels'), 'labels')) add(l);
    for (const file of labelFiles)
        add(readXml(file, 'CustomLabel'), basename(file).replace(/\.label-meta\.xml$/, ''));
    for (const file of translationFiles) {
        const language = basename(file).replace(/\.translation-meta\.xml$/, '');
        for (const t of list(readXml(file, 'Translations'), 'customLabels')) {
            const label = labels.get((str(t, 'name') ?? '').toLowerCase());
            const value = str(t, 'label');
            if (label && value !== undefined) label.translations.set(language, value);
        }
    }
    return labels;
}

/** A custom metadata record value typed by its `xsi:type` (`xsd:boolean`, `xsd:double`...); nil → null. */
function recordValue(v: unknown): unknown {
    if (v === undefined || v === null || v === '') return null;
    if (typeof v !== 'object') return String(v);
    const node = v as XmlNode;
    if (node['@_xsi:nil'] === 'true') return null;
    const text = node['#text'] === undefined ? '' : String(node['#text']);
    const type = String(node['@_xsi:type'] ?? '');
    if (type === 'xsd:boolean') return text === 'true';
    if (/^xsd:(int|long|double|decimal)$/.test(type)) return Number(text);
    return text;
}

function readCustomMetadata(file: string): CustomMetadataRecord {
    // `<Type>.<Record>.md-meta.xml`, the type without its __mdt suffix.
    const [typeName, developerName] = basename(file)
        .replace(/\.md-meta\.xml$/, '')
        .split('.');
    const x = readXml(file, 'CustomMetadata', true);
    const values = new Map<string, unknown>();
    for (const v of list(x, 'values')) {
        const field = str(v, 'field');
        if (field) values.set(field.toLowerCase(), recordValue(v.value));
    }
    return { type: `${typeName}__mdt`, developerName, label: str(x, 'label') ?? developerName, values };
}

function readNamedCredential(file: string): NamedCredentialMeta {
    const x = readXml(file, 'NamedCredential');
    const params = list(x, 'namedCredentialParameters');
    const url = params.find((p) => str(p, 'parameterType') === 'Url');
    const auth = params.find((p) => str(p, 'parameterType') === 'Authentication');
    return {
        name: basename(file).replace(/\.namedCredential-meta\.xml$/, ''),
        // Legacy named credentials carry `<endpoint>` instead of parameters.
        url: (url && str(url, 'parameterValue')) ?? str(x, 'endpoint') ?? '',
        externalCredential: auth && str(auth, 'externalCredential'),
        raw: x
    };
}

function readExternalCredential(file: string): ExternalCredentialMeta {
    const x = readXml(file, 'ExternalCredential');
    return {
        name: basename(file).replace(/\.externalCredential-meta\.xml$/, ''),
        authenticationProtocol: str(x, 'authenticationProtocol') ?? '',
        raw: x
    };
}

function readStaticResources(metaFiles: string[]): Map<string, { contentType: string; body: Uint8Array }> {
    const out = new Map<string, { contentType: string; body: Uint8Array }>();
    for (const meta of metaFiles) {
        const name = basename(meta).replace(/\.resource-meta\.xml$/, '');
        const dir = dirname(meta);
        const bodyFile = readdirSync(dir).find(
            (f) => f !== basename(meta) && (f === `${name}.resource` || basename(f, extname(f)) === name)
        );
        if (!bodyFile || !statSync(join(dir, bodyFile)).isFile()) continue; // folder resources are zipped on deploy
        const contentType = str(readXml(meta, 'StaticResource'), 'contentType') ?? 'application/octet-stream';
        out.set(name.toLowerCase(), { contentType, body: new Uint8Array(readFileSync(join(dir, bodyFile))) });
    }
    return out;
}

/**
 * The org features the project's scratch org definition turns on (lower-cased), found from the sfdx-project.json
 * above the source folders (`config/*scratch-def*.json`). Without one, none: a new org has them off.
 */
export function scratchOrgFeatures(roots: string[]): Set<string> {
    const features = new Set<string>();
    for (const root of roots) {
        let dir = root;
        while (!existsSync(join(dir, 'sfdx-project.json')) && dirname(dir) !== dir) dir = dirname(dir);
        const config = join(dir, 'config');
        if (!existsSync(join(dir, 'sfdx-project.json')) || !existsSync(config)) continue;
        for (const file of readdirSync(config).filter(
            (f) => /scratch-def.*\.json$/i.test(f) || /scratch.*def\.json$/i.test(f)
        )) {
            let def: { features?: unknown };
            try {
                def = JSON.parse(readFileSync(join(config, file), 'utf8')) as { features?: unknown };
            } catch (error) {
                // `sf org create scratch` refuses such a file too; guessing its features would run another org.
                throw new Error(
                    `scratch org definition ${join(config, file)} is not valid JSON: ${(error as Error).message}`
                );
            }
            if (Array.isArray(def.features))
                for (const f of def.features) features.add(String(f).toLowerCase().split(':')[0]);
        }
    }
    return features;
}

export interface LoadOptions {
    /** The sobject-types jar (default: found in node_modules, see schema/sobjectTypes.ts). */
    jarPath?: string;
}

/** Reads every metadata file under `dirs`. */
export function loadProject(dirs: string[], options: LoadOptions = {}): ProjectMetadata {
    const roots = dirs.map((d) => resolve(d));
    const files: string[] = [];
    for (const root of roots) {
        if (!existsSync(root) || !statSync(root).isDirectory())
            throw new Error(`source folder not found: ${root}`);
        walk(root, files);
    }
    const by = classify(files);
    const get = (s: Suffix): string[] => by.get(s)!;

    const objectSources: ObjectSources = {
        objectFiles: get('.object-meta.xml'),
        fieldFiles: get('.field-meta.xml').filter((f) => basename(dirname(f)) === 'fields'),
        globalValueSetFiles: get('.globalValueSet-meta.xml'),
        standardValueSetFiles: get('.standardValueSet-meta.xml')
    };
    const parts = readObjects(objectSources);
    const schema = createSchema(
        parts,
        options.jarPath,
        scratchOrgFeatures(roots).has('stateandcountrypicklist')
    );

    const permissionSets = new Map<string, PermissionSetMeta>();
    const customFields = new Map<string, Map<string, FieldDescribe>>();
    for (const d of parts.objects) customFields.set(d.name.toLowerCase(), d.fields);
    for (const [object, fields] of parts.standardObjectFields) {
        customFields.set(object, new Map(fields.map((f) => [f.name.toLowerCase(), f])));
    }
    for (const p of builtInProfiles(parts.objects, customFields)) permissionSets.set(p.name.toLowerCase(), p);
    for (const file of get('.profile-meta.xml')) {
        const name = profileNameOf(file);
        const key = `profile:${name.toLowerCase()}`;
        const base = permissionSets.get(key) ?? emptySet(`profile:${name}`, name);
        permissionSets.set(key, readPermissions(file, 'Profile', base));
    }
    for (const file of get('.permissionset-meta.xml')) {
        const ps = readPermissionSet(file);
        permissionSets.set(ps.name.toLowerCase(), ps);
    }

    const namedCredentials = new Map<string, NamedCredentialMeta>();
    for (const file of get('.namedCredential-meta.xml')) {
        const nc = readNamedCredential(file);
        namedCredentials.set(nc.name.toLowerCase(), nc);
    }
    const externalCredentials = new Map<string, ExternalCredentialMeta>();
    for (const file of get('.externalCredential-meta.xml')) {
        const ec = readExternalCredential(file);
        externalCredentials.set(ec.name.toLowerCase(), ec);
    }
    const flows: FlowMeta[] = get('.flow-meta.xml').map((file) => ({
        name: basename(file).replace(/\.flow-meta\.xml$/, ''),
        file,
        flow: readXml(file, 'Flow')
    }));

    return {
        roots,
        classes: get('.cls').map((f) => apexSource(f, 'class')),
        triggers: get('.trigger').map((f) => apexSource(f, 'trigger')),
        schema,
        labels: readLabels(get('.labels-meta.xml'), get('.label-meta.xml'), get('.translation-meta.xml')),
        permissionSets,
        customMetadata: get('.md-meta.xml').map(readCustomMetadata),
        namedCredentials,
        externalCredentials,
        flows,
        staticResources: readStaticResources(get('.resource-meta.xml'))
    };
}
