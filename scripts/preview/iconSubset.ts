import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'rollup';

// lightning-base-components ships every SLDS icon as a template, one module per category (Utility 658 KB,
// Standard 638 KB minified), imported whole when the first icon of that category renders: Chromium parses
// and compiles 1.3 MB on every load for the handful the portal shows. The preview bundles only the icons that
// some source can name: a `category:name` literal in our components, the preview's runtime or any
// lightning-base-components module.
const ICON_NAME = /\b(standard|utility|action|custom|doctype):([a-z0-9_]+)\b/g;

// Names built at runtime, not written out anywhere: lightning-toast shows `utility:${variant}`.
const BUILT_NAMES = ['utility:info', 'utility:success', 'utility:warning', 'utility:error'];

/** What the preview's page logs, as a console error, when a component asks for an icon left out. */
export const MISSING_ICON = 'The preview bundles only the icons its sources name:';

const TEMPLATES = /[\\/]lightning[\\/]iconSvgTemplates[A-Za-z]*[\\/]buildTemplates[\\/]templates\.js$/;
const IMPORT_LINE = /^import \{ default as ([a-z0-9_]+) \} from '(\.\/[^']+\.html)';$/gm;

/** Every `category:name` literal in the .js and .html files under `roots`, as the templates' keys. */
export function iconNamesIn(roots: string[]): Set<string> {
    const names = new Set(BUILT_NAMES.map((n) => n.replace(':', '_')));
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                // The icon templates themselves, and tests, name icons nobody shows.
                if (entry.name !== '__tests__' && !entry.name.startsWith('iconSvgTemplates')) walk(full);
            } else if (/\.(js|html)$/.test(entry.name)) {
                for (const m of fs.readFileSync(full, 'utf8').matchAll(ICON_NAME))
                    names.add(`${m[1]}_${m[2]}`);
            }
        }
    };
    for (const root of roots) if (fs.existsSync(root)) walk(root);
    return names;
}

/** The templates module of one icon category, with only `keep`; a name left out is reported, not blank. */
export function subsetTemplates(source: string, keep: Set<string>): string {
    const kept = [...source.matchAll(IMPORT_LINE)].filter((m) => keep.has(m[1]));
    return [
        ...kept.map((m) => `import { default as ${m[1]} } from '${m[2]}';`),
        `const templates = { ${kept.map((m) => m[1]).join(', ')} };`,
        // lightning-primitive-icon would draw an empty <svg>: say which icon to add instead.
        'export default new Proxy(templates, {',
        '    get(target, key) {',
        "        if (typeof key === 'string' && !(key in target) && /^[a-z]+_[a-z0-9_]+$/.test(key)) {",
        `            console.error(${JSON.stringify(MISSING_ICON)} + ' ' + key.replace('_', ':') + ' is not one.');`,
        '        }',
        '        return target[key];',
        '    }',
        '});',
        ''
    ].join('\n');
}

export function iconSubset(roots: string[]): Plugin {
    // Scanned once per build (a plugin serves one build), when the first icon category is loaded.
    let keep: Set<string> | undefined;
    return {
        name: 'icon-subset',
        load(id) {
            if (!TEMPLATES.test(id)) return null;
            keep ??= iconNamesIn(roots);
            return subsetTemplates(fs.readFileSync(id, 'utf8'), keep);
        }
    };
}
