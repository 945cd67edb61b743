import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Finding } from '../lib/types';

export const CLEAN_FIXTURE = path.join(__dirname, 'fixtures', 'clean');
export const DEFAULT = 'force-app/main/default';

const created: string[] = [];

/**
 * A copy of the clean fixture project in a temp folder, with files replaced (string) or deleted (null).
 * Paths are relative to force-app/main/default unless they start with `/` (then relative to the root).
 */
export function makeProject(changes: Record<string, string | null> = {}): string {
    const root = mkdtempSync(path.join(os.tmpdir(), 'check-org-test-'));
    created.push(root);
    cpSync(CLEAN_FIXTURE, root, { recursive: true });
    for (const [p, content] of Object.entries(changes)) {
        const file = p.startsWith('/') ? path.join(root, p.slice(1)) : path.join(root, DEFAULT, p);
        if (content === null) {
            rmSync(file, { recursive: true, force: true });
        } else {
            mkdirSync(path.dirname(file), { recursive: true });
            writeFileSync(file, content);
        }
    }
    return root;
}

export function removeProjects(): void {
    for (const root of created.splice(0)) rmSync(root, { recursive: true, force: true });
}

/** `file:line: message` lines, the way main prints them. */
export function lines(findings: Finding[]): string[] {
    return findings.map((f) => `${f.file}:${f.line}: ${f.message}`).sort();
}

export const CLASS_META = `<?xml version="1.0" encoding="UTF-8"?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>67.0</apiVersion>
    <status>Active</status>
</ApexClass>
`;

export const LWC_META = `<?xml version="1.0" encoding="UTF-8"?>
<LightningComponentBundle xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>67.0</apiVersion>
    <isExposed>false</isExposed>
</LightningComponentBundle>
`;
