import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ForceIgnore } from '@salesforce/source-deploy-retrieve';

/** The only package directory of this project (sfdx-project.json). */
export const PACKAGE_DIR = 'force-app';

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.sfdx', '.sf', '.localdevserver']);

/** Path relative to the project root, always with forward slashes. */
export function rel(projectRoot: string, absPath: string): string {
    return path.relative(projectRoot, absPath).split(path.sep).join('/');
}

export function packageRoot(projectRoot: string): string {
    return path.join(projectRoot, PACKAGE_DIR);
}

/** Every file under force-app (absolute paths, sorted), whether .forceignore skips it or not. */
export function listPackageFiles(projectRoot: string): string[] {
    const root = packageRoot(projectRoot);
    if (!existsSync(root)) return [];
    const out: string[] = [];
    const walk = (dir: string): void => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                if (!SKIPPED_DIRS.has(entry.name)) walk(full);
            } else if (entry.isFile()) {
                out.push(full);
            }
        }
    };
    walk(root);
    return out.sort();
}

/** The .forceignore rules of the project (an empty rule set when the file is missing). */
export function loadForceIgnore(projectRoot: string): ForceIgnore {
    const file = path.join(projectRoot, '.forceignore');
    return existsSync(file) ? new ForceIgnore(file) : new ForceIgnore('');
}

/** Files under force-app that a deploy would include (not denied by .forceignore). */
export function listDeployableFiles(projectRoot: string): string[] {
    const ignore = loadForceIgnore(projectRoot);
    return listPackageFiles(projectRoot).filter((f) => ignore.accepts(f));
}

export function isDirectory(p: string): boolean {
    try {
        return statSync(p).isDirectory();
    } catch {
        return false;
    }
}

export function readText(file: string): string {
    return readFileSync(file, 'utf8');
}

/** 1-based line number of a character offset. */
export function lineAt(text: string, offset: number): number {
    let line = 1;
    for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
    return line;
}

/** `lineAt` for many offsets into one text: the line starts are found once, then each lookup is a binary search. */
export function lineIndex(text: string): (offset: number) => number {
    const starts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
    return (offset) => {
        let low = 0;
        let high = starts.length;
        while (low < high) {
            const mid = (low + high) >> 1;
            if (starts[mid] <= offset) low = mid + 1;
            else high = mid;
        }
        return low;
    };
}

/** Is this path inside an LWC `__tests__` folder (Jest code, never deployed)? */
export function isLwcTestPath(file: string): boolean {
    return file.split(/[\\/]/).includes('__tests__');
}
