import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'rollup';
import { readLabels } from './labels';
import { LBC_LABELS_JA } from './lbcLabelsJa';
import { jaTranslationFile, labelsFile, lbcDir, lwcDir, runtimeDir, standinDir } from './paths';

// Local versions of the platform modules the force-app components import. Resolved before the LWC plugin,
// so they apply to every importer (LBC included) except where noted.
const RUNTIME_MODULES: Record<string, string> = {
    '@salesforce/apex': 'apexIndex.js',
    'lightning/navigation': 'navigation.js',
    'lightning/platformShowToastEvent': 'toast.js',
    'lightning/confirm': 'confirm.js',
    'lightning/refresh': 'refresh.js',
    'lightning/uiRecordApi': 'uiRecordApi.js',
    '@salesforce/gate/bc.260.enableComboboxElementInternals': 'gateClosed.js'
};

// Values that depend on the signed-in user and the page language: read from the bootstrap at load time.
const BOOTSTRAP_VALUES: Record<string, string> = {
    '@salesforce/user/Id': 'bootstrap.user.id',
    '@salesforce/user/isGuest': 'bootstrap.user.isGuest',
    '@salesforce/i18n/lang': 'bootstrap.lang',
    '@salesforce/i18n/locale': 'bootstrap.locale',
    '@salesforce/i18n/currency': 'bootstrap.currency',
    '@salesforce/i18n/timeZone': 'bootstrap.timeZone',
    '@salesforce/community/basePath': 'bootstrap.basePath',
    '@salesforce/client/formFactor': "'Large'"
};

const PREFIX = '\0preview:';

function runtimePath(file: string): string {
    return path.join(runtimeDir, file);
}

function isProjectImporter(importer: string | undefined): boolean {
    return !!importer && !importer.includes(`${path.sep}node_modules${path.sep}`);
}

function componentsIn(dir: string): Map<string, string> {
    const found = new Map<string, string>();
    if (!fs.existsSync(dir)) return found;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name, `${entry.name}.js`);
        if (entry.isDirectory() && fs.existsSync(file)) found.set(entry.name, file);
    }
    return found;
}

// `c/<name>` → entry file: every force-app component, plus the preview's stand-ins for pages whose real
// component has not landed yet (a force-app component of the same name always wins).
export function componentEntries(): Map<string, string> {
    const entries = componentsIn(standinDir);
    for (const [name, file] of componentsIn(lwcDir)) entries.set(name, file);
    return new Map([...entries].sort(([a], [b]) => a.localeCompare(b)));
}

export function lwcComponentNames(): string[] {
    return [...componentEntries().keys()];
}

// Service modules (no default export class) are imported by components, not mounted by the shell.
function mountableComponents(): string[] {
    return [...componentEntries()]
        .filter(([, file]) => /export\s+default\s+class/.test(fs.readFileSync(file, 'utf8')))
        .map(([name]) => name);
}

export interface VirtualModuleReport {
    apexMethods: Set<string>;
    labels: Set<string>;
    missingLabels: Set<string>;
}

export function previewVirtualModules(report: VirtualModuleReport): Plugin {
    const labels = readLabels(labelsFile, jaTranslationFile);
    return {
        name: 'preview-virtual-modules',
        resolveId(source, importer) {
            if (source.startsWith(PREFIX)) return source;
            if (source in RUNTIME_MODULES) return runtimePath(RUNTIME_MODULES[source]);
            if (source.startsWith('@salesforce/apex/')) return PREFIX + source;
            if (source.startsWith('@salesforce/label/c.')) return PREFIX + source;
            if (source.startsWith('@salesforce/label/Lightning') && source.slice(18) in LBC_LABELS_JA)
                return PREFIX + source;
            if (source === '@preview/labels' || source === '@preview/components') return PREFIX + source;
            // LBC ships its own i18n stubs with the shapes it expects; only project code gets the live values.
            if (source in BOOTSTRAP_VALUES && isProjectImporter(importer)) return PREFIX + source;
            if (source.startsWith('@salesforce/schema/')) return PREFIX + source;
            return null;
        },
        load(id) {
            if (!id.startsWith(PREFIX)) return null;
            const source = id.slice(PREFIX.length);
            const env = JSON.stringify(runtimePath('env.js'));
            if (source.startsWith('@salesforce/apex/')) {
                const name = source.slice('@salesforce/apex/'.length);
                report.apexMethods.add(name);
                return `import { createApexMethod } from ${JSON.stringify(runtimePath('apex.js'))};\nexport default /*#__PURE__*/ createApexMethod(${JSON.stringify(name)});\n`;
            }
            if (source.startsWith('@salesforce/label/c.')) {
                const name = source.slice('@salesforce/label/c.'.length);
                report.labels.add(name);
                if (!(name in labels.en)) report.missingLabels.add(name);
                return `import { label } from ${JSON.stringify(runtimePath('labels.js'))};\nexport default /*#__PURE__*/ label(${JSON.stringify(name)});\n`;
            }
            const lbcLabel = source.slice('@salesforce/label/'.length);
            if (lbcLabel in LBC_LABELS_JA) {
                // The package's English stub, or the Japanese the platform would give (lbcLabelsJa.ts).
                const stub = path.join(lbcDir, '..', 'scopedImports', `${source.replace(/\//g, '-')}.js`);
                const english = /export default (".*");/.exec(fs.readFileSync(stub, 'utf8'))?.[1] ?? '""';
                const japanese = JSON.stringify(LBC_LABELS_JA[lbcLabel]);
                return `import { bootstrap } from ${env};\nexport default bootstrap.language === 'ja' ? ${japanese} : ${english};\n`;
            }
            if (source === '@preview/labels') {
                return `export default ${JSON.stringify(labels)};\n`;
            }
            if (source === '@preview/components') {
                // A loader per component: each page's code is a chunk of its own, fetched when first shown.
                const entries = mountableComponents().map(
                    (n) => `    ${JSON.stringify(n)}: () => import('c/${n}').then((m) => m.default)`
                );
                return `export default {\n${entries.join(',\n')}\n};\n`;
            }
            if (source.startsWith('@salesforce/schema/')) {
                // `@salesforce/schema/Order.Status` → { objectApiName, fieldApiName } like the platform gives.
                const ref = source.slice('@salesforce/schema/'.length);
                const [objectApiName, fieldApiName] = ref.split('.');
                const value = fieldApiName ? { objectApiName, fieldApiName } : { objectApiName };
                return `export default ${JSON.stringify(value)};\n`;
            }
            if (source in BOOTSTRAP_VALUES) {
                return `import { bootstrap } from ${env};\nexport default ${BOOTSTRAP_VALUES[source]};\n`;
            }
            return null;
        }
    };
}
