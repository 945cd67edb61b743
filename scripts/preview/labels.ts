import fs from 'node:fs';
import { XMLParser } from 'fast-xml-parser';

export interface LabelSet {
    en: Record<string, string>;
    ja: Record<string, string>;
}

const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => name === 'labels' || name === 'customLabels'
});

function text(value: unknown): string {
    if (value === undefined || value === null) return '';
    return String(value);
}

// Custom Labels (English master values) and the Japanese translation; a missing file gives an empty set.
export function readLabels(labelsFile: string, jaFile: string): LabelSet {
    const en: Record<string, string> = {};
    const ja: Record<string, string> = {};
    if (fs.existsSync(labelsFile)) {
        const doc = parser.parse(fs.readFileSync(labelsFile, 'utf8')) as {
            CustomLabels?: { labels?: { fullName?: unknown; value?: unknown }[] };
        };
        for (const label of doc.CustomLabels?.labels ?? []) {
            const name = text(label.fullName).trim();
            if (name) en[name] = text(label.value);
        }
    }
    if (fs.existsSync(jaFile)) {
        const doc = parser.parse(fs.readFileSync(jaFile, 'utf8')) as {
            Translations?: { customLabels?: { name?: unknown; label?: unknown }[] };
        };
        for (const label of doc.Translations?.customLabels ?? []) {
            const name = text(label.name).trim();
            if (name) ja[name] = text(label.label);
        }
    }
    return { en, ja };
}
