import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
    ComponentSet,
    MetadataConverter,
    type MetadataType,
    type SourceComponent
} from '@salesforce/source-deploy-retrieve';
import { listDeployableFiles, packageRoot, readText, rel } from './lib/files';
import type { Check, CheckResult, Finding } from './lib/types';
import { asArray, parseXml, rootOf, validateXml } from './lib/xml';

const NAME = 'sdr-conversion';

/**
 * Converts force-app to Metadata API format with SDR, then proves nothing was lost: every source component
 * (and child, e.g. a field) is in package.xml and in the output files, unchanged. SDR is lenient: it drops a
 * .cls without its meta file and turns a malformed field into an empty `<fields>` entry without a word.
 */
export async function runConversion(projectRoot: string): Promise<CheckResult> {
    const findings: Finding[] = [];
    const add = (file: string | undefined, line: number, message: string): void => {
        findings.push({ file: file ? rel(projectRoot, file) : 'force-app', line, message, check: NAME });
    };
    const deployable = listDeployableFiles(projectRoot);
    if (!existsSync(packageRoot(projectRoot))) return { findings, filesExamined: 0 };

    let cs: ComponentSet;
    try {
        cs = ComponentSet.fromSource(packageRoot(projectRoot));
    } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        const file = deployable.find((f) => message.includes(f));
        add(file, 1, `SDR cannot resolve the source: ${message.replace(`${file}: `, '')}`);
        return { findings, filesExamined: deployable.length };
    }

    const sources = cs.getSourceComponents().toArray();
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'check-org-sdr-'));
    try {
        const result = await new MetadataConverter().convert(cs, 'metadata', {
            type: 'directory',
            outputDirectory: outDir,
            genUniqueDir: false
        });
        const converted = new Map<string, SourceComponent>();
        for (const c of result.converted ?? []) converted.set(key(c.type.name, c.fullName), c);
        const members = packageMembers(path.join(outDir, 'package.xml'));

        const claimed = new Set<string>();
        for (const sc of sources) {
            const where = sc.xml ?? sc.content;
            for (const f of [sc.xml, ...sc.walkContent()]) if (f) claimed.add(f);
            if (!members.has(key(sc.type.name, sc.fullName))) {
                add(where, 1, `${sc.type.name} ${sc.fullName} is missing from the converted package.xml`);
            }
            const parentType = sc.parentType ?? sc.parent?.type;
            if (parentType && sc.parent) {
                // A child converted on its own (a field of a standard object): it lives in the parent's file.
                const out = converted.get(key(parentType.name, sc.parent.fullName));
                if (!out?.xml || !existsSync(out.xml)) {
                    add(
                        where,
                        1,
                        `${sc.type.name} ${sc.fullName}: conversion produced no ${parentType.name} file`
                    );
                } else if (mergesChildren(parentType, sc.type)) {
                    checkChild(sc, sc.xml, out.xml, add);
                } else {
                    checkChildFiles(sc.parent, out, sc, add);
                }
                continue;
            }
            const out = converted.get(key(sc.type.name, sc.fullName));
            if (!out) {
                add(where, 1, `${sc.type.name} ${sc.fullName} was dropped by the conversion`);
                continue;
            }
            if (sc.xml && (!out.xml || !existsSync(out.xml))) {
                add(where, 1, `${sc.type.name} ${sc.fullName}: its metadata file is missing from the output`);
                continue;
            }
            if (sc.content && hasOwnContent(sc.type) && (!out.content || !existsSync(out.content))) {
                add(where, 1, `${sc.type.name} ${sc.fullName}: its content is missing from the output`);
            }
            if (!sc.xml || !out.xml) continue;
            const children = sc.getChildren();
            const bad = validateXml(readText(out.xml));
            if (bad) {
                // Blame the child files that were malformed to begin with, else the parent.
                const culprits = children.filter(
                    (c) => c.xml && c.xml !== sc.xml && validateXml(readText(c.xml))
                );
                for (const c of culprits) {
                    add(
                        c.xml,
                        1,
                        `${c.type.name} ${c.fullName} is mangled by the conversion: ${path.basename(out.xml)} comes out malformed (${bad.message})`
                    );
                }
                if (culprits.length === 0) {
                    add(
                        sc.xml,
                        1,
                        `${sc.type.name} ${sc.fullName} converts to malformed XML (${bad.message})`
                    );
                }
                continue;
            }
            if (children.length === 0 && isPlainCopy(sc.type) && !sameXml(sc.xml, out.xml)) {
                add(
                    sc.xml,
                    1,
                    `${sc.type.name} ${sc.fullName}: converted XML differs from the source (mangled)`
                );
            }
            for (const child of children) {
                if (child.xml) claimed.add(child.xml);
                if (!members.has(key(child.type.name, child.fullName))) {
                    add(
                        child.xml ?? sc.xml,
                        1,
                        `${child.type.name} ${child.fullName} is missing from the converted package.xml`
                    );
                }
                if (mergesChildren(sc.type, child.type)) {
                    checkChild(child, child.xml === sc.xml ? sc.xml : child.xml, out.xml, add);
                } else {
                    checkChildFiles(sc, out, child, add);
                }
            }
        }

        for (const f of deployable) {
            if (!claimed.has(f) && !sources.some((sc) => sc.content && isInside(f, sc.content))) {
                add(f, 1, 'belongs to no metadata component: the conversion drops it');
            }
        }
    } finally {
        parsedDocs.clear();
        validated.clear();
        rmSync(outDir, { recursive: true, force: true });
    }
    return { findings, filesExamined: deployable.length };
}

export async function checkConversion(projectRoot: string): Promise<Finding[]> {
    return (await runConversion(projectRoot)).findings;
}

export const conversionCheck: Check = { name: NAME, run: runConversion };

type Add = (file: string | undefined, line: number, message: string) => void;

function key(type: string, fullName: string): string {
    return `${type}:${fullName}`;
}

function isInside(file: string, dir: string): boolean {
    return file.startsWith(dir + path.sep);
}

function packageMembers(file: string): Set<string> {
    const set = new Set<string>();
    if (!existsSync(file)) return set;
    const pkg = rootOf(parseXml(readText(file)))?.value as Record<string, unknown> | undefined;
    for (const t of asArray(pkg?.types as Record<string, unknown> | Record<string, unknown>[] | undefined)) {
        for (const m of asArray(t.members as string | string[] | undefined))
            set.add(key(String(t.name), String(m)));
    }
    return set;
}

/** Children that the Metadata API format folds into the parent's XML (fields into the .object, labels into .labels). */
function mergesChildren(parent: MetadataType, child: MetadataType): boolean {
    return parent.name === 'CustomObject' || child.xmlElementName !== undefined;
}

/** Children kept as files of their own (e.g. the views of a DigitalExperienceBundle) must be in the output bundle. */
function checkChildFiles(
    parent: SourceComponent,
    out: SourceComponent,
    child: SourceComponent,
    add: Add
): void {
    if (!parent.content || !out.content) return;
    for (const f of [child.xml, ...child.walkContent()]) {
        if (!f || !isInside(f, parent.content)) continue;
        if (!existsSync(path.join(out.content, path.relative(parent.content, f)))) {
            add(
                f,
                1,
                `${child.type.name} ${child.fullName}: ${path.basename(f)} is missing from the converted output`
            );
        }
    }
}

/** Types with a content file or folder of their own (not decomposed parents, whose folder holds children). */
function hasOwnContent(type: MetadataType): boolean {
    return ['matchingContentFile', 'mixedContent', 'bundle'].includes(type.strategies?.adapter ?? '');
}

/** Types whose metadata file SDR copies unchanged into the output. */
function isPlainCopy(type: MetadataType): boolean {
    const transformer = type.strategies?.transformer;
    return (transformer === undefined || transformer === 'standard') && !type.children;
}

function sameXml(a: string, b: string): boolean {
    return (
        canonical(rootOf(parseXml(readText(a)))?.value) === canonical(rootOf(parseXml(readText(b)))?.value)
    );
}

function canonical(v: unknown): string {
    if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
    if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        return `{${Object.keys(o)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
            .join(',')}}`;
    }
    return JSON.stringify(v ?? '');
}

const validated = new Map<string, ReturnType<typeof validateXml>>();

function validatedOutput(file: string): ReturnType<typeof validateXml> {
    if (!validated.has(file)) validated.set(file, validateXml(readText(file)));
    return validated.get(file);
}

/** Parsed documents for one run (a labels file has hundreds of children; parse it once). */
const parsedDocs = new Map<string, Record<string, unknown>>();

function parsedDoc(file: string): Record<string, unknown> {
    let doc = parsedDocs.get(file);
    if (!doc) {
        doc = parseXml(readText(file));
        parsedDocs.set(file, doc);
    }
    return doc;
}

/** Finds the child's entry (`<fields>` with `<fullName>X</fullName>`) in an XML document. */
function entryIn(xmlFile: string, type: MetadataType, name: string): Record<string, unknown> | undefined {
    const element = type.xmlElementName ?? type.directoryName;
    const id = type.uniqueIdElement ?? 'fullName';
    const root = rootOf(parsedDoc(xmlFile))?.value as Record<string, unknown> | undefined;
    return asArray(root?.[element] as Record<string, unknown> | Record<string, unknown>[] | undefined).find(
        (e) => e !== null && typeof e === 'object' && e[id] === name
    );
}

function checkChild(child: SourceComponent, sourceXml: string | undefined, outXml: string, add: Add): void {
    const element = child.type.xmlElementName ?? child.type.directoryName;
    const id = child.type.uniqueIdElement ?? 'fullName';
    const bad = validatedOutput(outXml);
    if (bad) {
        add(sourceXml, 1, `${child.type.name} ${child.fullName} converts to malformed XML (${bad.message})`);
        return;
    }
    const out = entryIn(outXml, child.type, child.name);
    if (!out) {
        add(
            sourceXml,
            1,
            `${child.type.name} ${child.fullName}: the converted ${path.basename(outXml)} has no <${element}> entry with <${id}>${child.name}</${id}> (mangled by the conversion)`
        );
        return;
    }
    if (!sourceXml) return;
    // A decomposed child (fields/X.field-meta.xml) is its own document; a label sits inside the labels file.
    const ownDoc = path.basename(sourceXml).startsWith(`${child.name}.`);
    const src = ownDoc
        ? (rootOf(parsedDoc(sourceXml))?.value as Record<string, unknown> | undefined)
        : entryIn(sourceXml, child.type, child.name);
    if (!src || typeof src !== 'object') return;
    const expected = { ...src };
    const actual = { ...out };
    if (!(id in expected)) delete actual[id];
    if (canonical(expected) !== canonical(actual)) {
        add(
            sourceXml,
            1,
            `${child.type.name} ${child.fullName}: the converted <${element}> entry differs from the source (mangled)`
        );
    }
}
