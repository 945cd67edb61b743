/**
 * Standard SObject field names and Apex types from apex-dev-tools' `sobject-types` jar (shipped in node_modules
 * with the PMD engine). Each class `com/nawforce/runforce/SObjects/<Name>.class` declares the object's fields
 * with their Apex types; relationship fields have the parent's class, child relationships are arrays of the
 * child's class. The jar carries no lengths, requiredness, picklist values or key prefixes (see overlay.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseClassFile, type JavaField } from './classfile';
import { readZipEntries, readZipEntry, type ZipEntry } from './zip';

/**
 * A field's type as the jar declares it: an Apex primitive (`Id`, `String`, `Decimal`, `Boolean`, `Date`,
 * `Datetime`, `Time`, `Integer`, `Long`, `Blob`, `Object`), `Address` (compound address), `Name` (polymorphic
 * relationship), an SObject name (relationship to that parent) or `List<Child>` (child relationship).
 */
export type JarFieldType = string;

const CLASS_PREFIX = 'com/nawforce/runforce/SObjects/';
const SYSTEM_PREFIX = 'Lcom/nawforce/runforce/System/';
const SOBJECT_DESC = 'Lcom/nawforce/runforce/SObjects/';
/** Classes of the jar's SObjects folder that are field types, not objects. */
export const PSEUDO_OBJECTS = new Set(['Address', 'Name']);

/** The jar: `$APEX_SOBJECT_TYPES_JAR`, else the newest `sobject-types-*.jar` of the PMD engine in node_modules. */
export function findSObjectTypesJar(from: string = process.cwd()): string {
    const fromEnv = process.env.APEX_SOBJECT_TYPES_JAR;
    if (fromEnv) return fromEnv;
    const starts = [resolve(from), resolve(__dirname, '..', '..', '..')];
    for (const start of starts) {
        for (let dir = start; ; dir = dirname(dir)) {
            const lib = join(
                dir,
                'node_modules',
                '@salesforce',
                'code-analyzer-pmd-engine',
                'dist',
                'java-lib'
            );
            if (existsSync(lib)) {
                const jars = readdirSync(lib)
                    .filter((f) => /^sobject-types-.*\.jar$/.test(f))
                    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
                if (jars.length) return join(lib, jars[jars.length - 1]);
            }
            if (dirname(dir) === dir) break;
        }
    }
    throw new Error(
        'sobject-types jar not found: install @salesforce/code-analyzer-pmd-engine or set APEX_SOBJECT_TYPES_JAR'
    );
}

function fieldType(f: JavaField): JarFieldType | undefined {
    const d = f.signature ?? f.descriptor;
    if (d.startsWith(SYSTEM_PREFIX)) return d.slice(SYSTEM_PREFIX.length, -1);
    if (d === 'Ljava/lang/Object;') return 'Object';
    if (d.startsWith(SOBJECT_DESC)) return d.slice(SOBJECT_DESC.length, -1);
    if (d.startsWith('[' + SOBJECT_DESC)) return `List<${d.slice(SOBJECT_DESC.length + 1, -1)}>`;
    const list =
        /^L(?:java\/util|com\/nawforce\/runforce\/System)\/List<Lcom\/nawforce\/runforce\/SObjects\/(\w+);>;$/.exec(
            d
        );
    if (list) return `List<${list[1]}>`;
    return undefined;
}

/**
 * The jar, read lazily: the central directory once, then each class the first time its object is asked for
 * (about 1 ms a class). Reading all 4,500 classes up front takes seconds on a busy machine and JSON-caching the
 * result still costs ~0.5 s to parse, while a test run touches a few dozen objects.
 */
export class SObjectTypesJar {
    private static readonly opened = new Map<string, SObjectTypesJar>();
    private readonly zip: Buffer;
    /** Lower-cased object name → canonical name and zip entry. */
    private readonly entries = new Map<string, { name: string; entry: ZipEntry }>();
    private readonly parsed = new Map<string, [string, JarFieldType][]>();

    private constructor(readonly path: string) {
        this.zip = readFileSync(path);
        for (const entry of readZipEntries(this.zip)) {
            if (!entry.name.startsWith(CLASS_PREFIX) || !entry.name.endsWith('.class')) continue;
            const name = entry.name.slice(CLASS_PREFIX.length, -'.class'.length);
            if (name.includes('/') || name.includes('$') || PSEUDO_OBJECTS.has(name)) continue;
            this.entries.set(name.toLowerCase(), { name, entry });
        }
    }

    static open(path: string = findSObjectTypesJar()): SObjectTypesJar {
        let jar = SObjectTypesJar.opened.get(path);
        if (!jar) {
            jar = new SObjectTypesJar(path);
            SObjectTypesJar.opened.set(path, jar);
        }
        return jar;
    }

    /** Canonical names of every standard object in the jar. */
    names(): string[] {
        return [...this.entries.values()].map((e) => e.name);
    }

    canonicalName(name: string): string | undefined {
        return this.entries.get(name.toLowerCase())?.name;
    }

    /** The object's fields in declaration order, or undefined when the jar has no such object. */
    fields(name: string): [string, JarFieldType][] | undefined {
        const key = name.toLowerCase();
        const hit = this.parsed.get(key);
        if (hit) return hit;
        const e = this.entries.get(key);
        if (!e) return undefined;
        const fields: [string, JarFieldType][] = [];
        for (const f of parseClassFile(readZipEntry(this.zip, e.entry)).fields) {
            if (f.isStatic) continue;
            const type = fieldType(f);
            if (type) fields.push([f.name, type]);
        }
        this.parsed.set(key, fields);
        return fields;
    }
}
