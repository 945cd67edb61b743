import path from 'node:path';
import { parseApexFile, type ParsedApex } from './apex';
import { listDeployableFiles } from './files';

export interface ApexClassEntry {
    file: string;
    parsed: ParsedApex;
}

/** Deployable .cls files by lower-cased class name (Apex names are case-insensitive). */
export function apexClassIndex(projectRoot: string): Map<string, ApexClassEntry> {
    const index = new Map<string, ApexClassEntry>();
    for (const file of listDeployableFiles(projectRoot).filter((f) => /\.cls$/i.test(f))) {
        const parsed = parseApexFile(file);
        // The file name is the class name on the platform, whatever the source says.
        const name = path
            .basename(file)
            .replace(/\.cls$/i, '')
            .toLowerCase();
        index.set(name, { file, parsed });
    }
    return index;
}

export function isTestClass(parsed: ParsedApex): boolean {
    return parsed.type?.annotations.includes('istest') ?? false;
}
