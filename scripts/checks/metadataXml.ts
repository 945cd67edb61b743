import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { registry } from '@salesforce/source-deploy-retrieve';
import {
    isDirectory,
    listDeployableFiles,
    listPackageFiles,
    loadForceIgnore,
    rel,
    readText
} from './lib/files';
import type { Check, CheckResult, Finding } from './lib/types';
import { validateXml } from './lib/xml';

const NAME = 'metadata-xml';

/** Types whose source is `<name>.<suffix>` next to `<name>.<suffix>-meta.xml` (classes, triggers, pages...). */
const PAIRED_SUFFIXES = new Map<string, string>(
    Object.values(registry.types)
        .filter((t) => t.strategies?.adapter === 'matchingContentFile' && t.suffix)
        .map((t) => [t.suffix as string, t.directoryName])
);

const AURA_META = /\.(cmp|app|evt|intf|tokens)-meta\.xml$/;

/**
 * Every XML file under force-app is well-formed, and every source file has its -meta.xml partner
 * (and the reverse), since a conversion silently drops the unpaired ones.
 */
export async function runMetadataXml(projectRoot: string): Promise<CheckResult> {
    const findings: Finding[] = [];
    const add = (file: string, line: number, message: string): void => {
        findings.push({ file: rel(projectRoot, file), line, message, check: NAME });
    };

    const xmlFiles = listPackageFiles(projectRoot).filter((f) => f.endsWith('.xml'));
    for (const file of xmlFiles) {
        const problem = validateXml(readText(file));
        if (problem) add(file, problem.line, `malformed XML: ${problem.message}`);
    }

    const deployable = listDeployableFiles(projectRoot);
    const deployableSet = new Set(deployable);
    for (const file of deployable) {
        const base = path.basename(file);
        const dirs = path.dirname(file).split(path.sep);
        const meta = /^(.+)\.([^.]+)-meta\.xml$/.exec(base);
        if (meta) {
            const dirName = PAIRED_SUFFIXES.get(meta[2]);
            const source = file.slice(0, -'-meta.xml'.length);
            if (dirName && dirs.includes(dirName) && !deployableSet.has(source)) {
                add(
                    file,
                    1,
                    `${base} has no source file ${path.basename(source)} (the metadata would deploy nothing)`
                );
            }
            continue;
        }
        const ext = path.extname(base).slice(1);
        const dirName = PAIRED_SUFFIXES.get(ext);
        if (dirName && dirs.includes(dirName) && !deployableSet.has(`${file}-meta.xml`)) {
            add(file, 1, `${base} has no ${base}-meta.xml (conversion and deploy would silently drop it)`);
        }
    }

    const ignore = loadForceIgnore(projectRoot);
    for (const dir of folders(projectRoot, 'lwc')) {
        for (const bundle of subfolders(dir).filter(
            (b) => ignore.accepts(b) && path.basename(b) !== '__tests__'
        )) {
            const name = path.basename(bundle);
            const js = path.join(bundle, `${name}.js`);
            const anchor = existsSync(js) ? js : bundle;
            if (!existsSync(path.join(bundle, `${name}.js-meta.xml`))) {
                add(anchor, 1, `LWC bundle ${name} has no ${name}.js-meta.xml`);
            }
            if (!existsSync(js) && !existsSync(path.join(bundle, `${name}.ts`))) {
                add(bundle, 1, `LWC bundle ${name} has no ${name}.js`);
            }
        }
    }
    for (const dir of folders(projectRoot, 'aura')) {
        for (const bundle of subfolders(dir).filter((b) => ignore.accepts(b))) {
            const name = path.basename(bundle);
            const hasMeta = readdirSync(bundle).some((f) => f.startsWith(`${name}.`) && AURA_META.test(f));
            if (!hasMeta)
                add(
                    bundle,
                    1,
                    `Aura bundle ${name} has no ${name}.cmp-meta.xml (or .app/.evt/.intf/.tokens)`
                );
        }
    }
    for (const dir of folders(projectRoot, 'staticresources')) {
        const entries = readdirSync(dir).filter((e) => ignore.accepts(path.join(dir, e)));
        const metas = new Set(
            entries.filter((e) => e.endsWith('.resource-meta.xml')).map((e) => e.slice(0, -18))
        );
        const contents = entries.filter((e) => !e.endsWith('.resource-meta.xml'));
        const contentNames = new Set(
            contents.flatMap((e) => [e, e.replace(/\.[^.]*$/, ''), e.replace(/\..*$/, '')])
        );
        for (const c of contents) {
            if (![c, c.replace(/\.[^.]*$/, ''), c.replace(/\..*$/, '')].some((n) => metas.has(n))) {
                add(path.join(dir, c), 1, `static resource ${c} has no .resource-meta.xml`);
            }
        }
        for (const m of metas) {
            if (!contentNames.has(m))
                add(
                    path.join(dir, `${m}.resource-meta.xml`),
                    1,
                    `static resource ${m} has no content file or folder`
                );
        }
    }
    for (const dir of folders(projectRoot, 'objects')) {
        for (const obj of subfolders(dir).filter((o) => ignore.accepts(o))) {
            const name = path.basename(obj);
            // Standard objects (Account) need no object file for their custom fields; custom ones do.
            if (/__(c|mdt|e|b|x)$/.test(name) && !existsSync(path.join(obj, `${name}.object-meta.xml`))) {
                add(obj, 1, `custom object ${name} has no ${name}.object-meta.xml`);
            }
        }
    }

    return { findings, filesExamined: new Set([...xmlFiles, ...deployable]).size };
}

export async function checkMetadataXml(projectRoot: string): Promise<Finding[]> {
    return (await runMetadataXml(projectRoot)).findings;
}

export const metadataXmlCheck: Check = { name: NAME, run: runMetadataXml };

/** Every folder called `name` under force-app (e.g. all `lwc` folders). */
function folders(projectRoot: string, name: string): string[] {
    const found = new Set<string>();
    for (const f of listPackageFiles(projectRoot)) {
        const parts = f.split(path.sep);
        const i = parts.lastIndexOf(name);
        if (i > 0 && i < parts.length - 1) found.add(parts.slice(0, i + 1).join(path.sep));
    }
    return [...found].filter(isDirectory).sort();
}

function subfolders(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => path.join(dir, e.name))
        .sort();
}
