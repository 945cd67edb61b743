import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { isLwcTestPath, listPackageFiles, loadForceIgnore, readText } from './files';

export interface ModuleImport {
    /** The module specifier, e.g. `@salesforce/apex/PortalCatalogController.getCatalog`. */
    source: string;
    /** Line of the `import` keyword. */
    line: number;
}

export interface LwcBundle {
    name: string;
    dir: string;
    /** The bundle's main file (`<name>.js`), or the folder when it has none. */
    anchor: string;
}

/** Deployable LWC bundles: every folder directly under an `lwc` folder in force-app. */
export function lwcBundles(projectRoot: string): LwcBundle[] {
    const ignore = loadForceIgnore(projectRoot);
    const lwcDirs = new Set<string>();
    for (const f of listPackageFiles(projectRoot)) {
        const parts = f.split(path.sep);
        const i = parts.lastIndexOf('lwc');
        if (i > 0 && i < parts.length - 2) lwcDirs.add(parts.slice(0, i + 1).join(path.sep));
    }
    const bundles: LwcBundle[] = [];
    for (const dir of [...lwcDirs].sort()) {
        for (const e of readdirSync(dir, { withFileTypes: true })) {
            const bundleDir = path.join(dir, e.name);
            if (!e.isDirectory() || e.name === '__tests__' || !ignore.accepts(bundleDir)) continue;
            const main = path.join(bundleDir, `${e.name}.js`);
            bundles.push({ name: e.name, dir: bundleDir, anchor: existsSync(main) ? main : bundleDir });
        }
    }
    return bundles;
}

/** The component's own JavaScript (not its Jest tests). */
export function lwcSourceFiles(projectRoot: string): string[] {
    const dirs = lwcBundles(projectRoot).map((b) => b.dir + path.sep);
    return listPackageFiles(projectRoot).filter(
        (f) => /\.(js|ts)$/.test(f) && !isLwcTestPath(f) && dirs.some((d) => f.startsWith(d))
    );
}

/** Static `import ... from '...'` and `export ... from '...'` statements (comments never count). */
export function moduleImports(file: string): ModuleImport[] {
    const text = readText(file);
    const kind = file.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS;
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
    const out: ModuleImport[] = [];
    for (const st of sf.statements) {
        if ((ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier) {
            if (ts.isStringLiteral(st.moduleSpecifier)) {
                const line = sf.getLineAndCharacterOfPosition(st.getStart(sf)).line + 1;
                out.push({ source: st.moduleSpecifier.text, line });
            }
        }
    }
    return out;
}
