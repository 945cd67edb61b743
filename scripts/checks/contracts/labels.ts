import path from 'node:path';
import { ApexLexer } from '@apexdevtools/apex-parser';
import { apexFiles } from '../apexSyntax';
import { parseApexFile } from '../lib/apex';
import { lineAt, listDeployableFiles, packageRoot, readText, rel } from '../lib/files';
import { lwcSourceFiles, moduleImports } from '../lib/lwc';
import type { Check, CheckResult, Finding } from '../lib/types';

const NAME = 'contract-labels';
const PREFIX = '@salesforce/label/';
const TRANSLATION = 'ja.translation-meta.xml';

interface Entry {
    name: string;
    line: number;
    file: string;
    /** For translations: the translated text. */
    text?: string;
}

/**
 * `<block>...<key>value</key>...</block>` entries with the line of the key. Tags may carry whitespace
 * (Prettier's XML plugin writes a long `<label\n>text</label>`); well-formedness is checked elsewhere.
 */
function entries(file: string, block: string, key: string): Entry[] {
    const text = readText(file);
    const out: Entry[] = [];
    const blockRe = new RegExp(`<${block}\\s*>([\\s\\S]*?)</${block}\\s*>`, 'g');
    for (let m = blockRe.exec(text); m; m = blockRe.exec(text)) {
        const inner = m[1];
        const offset = m.index + m[0].indexOf(inner);
        const k = new RegExp(`<${key}\\s*>\\s*([^<]*?)\\s*</${key}\\s*>`).exec(inner);
        if (!k) continue;
        const label = /<label\s*>([\s\S]*?)<\/label\s*>/.exec(inner);
        out.push({ name: k[1], line: lineAt(text, offset + k.index), file, text: label?.[1].trim() });
    }
    return out;
}

/**
 * Custom Labels: every `@salesforce/label/c.Name` import (and Apex `Label.Name`) exists, every label has a
 * non-empty Japanese translation, and every Japanese translation belongs to a label.
 */
export async function runLabels(projectRoot: string): Promise<CheckResult> {
    const deployable = listDeployableFiles(projectRoot);
    const labelFiles = deployable.filter((f) => f.endsWith('.labels-meta.xml'));
    const translationFiles = deployable.filter((f) => path.basename(f) === TRANSLATION);
    const labels = new Map<string, Entry>();
    for (const f of labelFiles) for (const e of entries(f, 'labels', 'fullName')) labels.set(e.name, e);
    const translations = new Map<string, Entry>();
    for (const f of translationFiles)
        for (const e of entries(f, 'customLabels', 'name')) translations.set(e.name, e);
    const jaPath =
        translationFiles[0] ?? path.join(packageRoot(projectRoot), 'main/default/translations', TRANSLATION);
    const jaRel = rel(projectRoot, jaPath);

    const findings: Finding[] = [];
    const add = (file: string, line: number, message: string): void => {
        findings.push({ file: rel(projectRoot, file), line, message, check: NAME });
    };

    const lwcFiles = lwcSourceFiles(projectRoot);
    for (const file of lwcFiles) {
        for (const imp of moduleImports(file)) {
            if (!imp.source.startsWith(PREFIX)) continue;
            const ref = imp.source.slice(PREFIX.length);
            const m = /^c\.(\w+)$/.exec(ref);
            if (!m) {
                add(file, imp.line, `${imp.source}: expected @salesforce/label/c.<Name>`);
            } else if (!labels.has(m[1])) {
                add(file, imp.line, `${imp.source}: no Custom Label ${m[1]} in labels/*.labels-meta.xml`);
            } else if (!translations.has(m[1])) {
                add(file, imp.line, `${imp.source}: label ${m[1]} has no Japanese translation in ${jaRel}`);
            }
        }
    }

    const apex = apexFiles(projectRoot);
    for (const file of apex) {
        for (const ref of apexLabelReferences(file)) {
            if (!labels.has(ref.name))
                add(
                    file,
                    ref.line,
                    `Label.${ref.name}: no Custom Label ${ref.name} in labels/*.labels-meta.xml`
                );
        }
    }

    for (const label of labels.values()) {
        const t = translations.get(label.name);
        if (!t)
            add(
                label.file,
                label.line,
                `label ${label.name} has no Japanese translation (<customLabels><name>${label.name}</name> in ${jaRel})`
            );
    }
    for (const t of translations.values()) {
        if (!labels.has(t.name))
            add(t.file, t.line, `Japanese translation for ${t.name}, which is not a Custom Label`);
        else if (!t.text) add(t.file, t.line, `Japanese translation of ${t.name} is empty`);
    }
    return {
        findings,
        filesExamined: lwcFiles.length + apex.length + labelFiles.length + translationFiles.length
    };
}

/** `Label.X` and `System.Label.X` in Apex code. */
function apexLabelReferences(file: string): { name: string; line: number }[] {
    const code = parseApexFile(file).tokens.filter((t) => t.channel === 0);
    const refs: { name: string; line: number }[] = [];
    for (let i = 0; i + 2 < code.length; i++) {
        // Written `Label` by convention; a lower-case `label` is far more often a variable.
        if (code[i].text !== 'Label' || code[i + 1].type !== ApexLexer.DOT) continue;
        const prev = code[i - 1];
        const qualified = prev?.type === ApexLexer.DOT;
        if (qualified && code[i - 2]?.text.toLowerCase() !== 'system') continue;
        // `Label.X` where X is an identifier-like token, and not a call like `label.get(...)` on a variable.
        const next = code[i + 2];
        if (!/^\w+$/.test(next.text) || code[i + 3]?.type === ApexLexer.LPAREN) continue;
        refs.push({ name: next.text, line: code[i].line });
    }
    return refs;
}

export async function checkLabels(projectRoot: string): Promise<Finding[]> {
    return (await runLabels(projectRoot)).findings;
}

export const labelsCheck: Check = { name: NAME, run: runLabels };
