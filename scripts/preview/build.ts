import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { rollup, type OutputChunk, type Plugin, type RollupLog } from 'rollup';
import { minify } from '@swc/core';
import lwc from '@lwc/rollup-plugin';
import replace from '@rollup/plugin-replace';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { cachedTransform, memoizedResolve } from './transformCache';
import {
    componentEntries,
    lwcComponentNames,
    previewVirtualModules,
    type VirtualModuleReport
} from './virtualModules';
import { iconSubset } from './iconSubset';
import { removeStaleAssets, writePrecompressed, type BuiltAsset } from './assets';
import { distDir, forceAppDir, lbcDir, previewDir, publicDir, sldsStylesheet, srcDir } from './paths';

// Change when the LWC compiler options or versions change (invalidates the transform cache).
const LWC_CACHE_SALT = 'lwc-8.28.2/dynamic-components/v1';

const manifestFile = path.join(distDir, 'manifest.json');

/** What the page loads: paths under `/assets/`, with their sizes raw, gzip and brotli. */
export interface PreviewAssets {
    /** The entry: the LWC engine, the shell and what every page shares. */
    script: BuiltAsset;
    /** The pages' own code and what only some pages share, imported on demand. */
    chunks: BuiltAsset[];
    stylesheet: BuiltAsset;
    /**
     * The chunks to fetch with the entry (modulepreload): the entry's static imports, and per page component
     * its chunk and that chunk's static imports, which the browser would otherwise find one after another.
     */
    preloads?: { entry: string[]; components: Record<string, string[]> };
}

export function allAssets(assets: PreviewAssets): BuiltAsset[] {
    return [assets.script, ...assets.chunks, assets.stylesheet];
}

export interface BuildResult {
    assets: PreviewAssets;
    ms: number;
    apexMethods: string[];
    labels: string[];
    missingLabels: string[];
    warnings: number;
}

// The inputs whose change makes the bundle stale (the shell, the runtime, the components, labels, build code).
const watchedRoots = [
    srcDir,
    path.join(forceAppDir, 'lwc'),
    path.join(forceAppDir, 'labels'),
    path.join(forceAppDir, 'translations'),
    path.join(previewDir, 'build.ts'),
    path.join(previewDir, 'assets.ts'),
    path.join(previewDir, 'virtualModules.ts'),
    path.join(previewDir, 'lbcLabelsJa.ts'),
    path.join(previewDir, 'labels.ts'),
    path.join(previewDir, 'transformCache.ts'),
    path.join(previewDir, 'iconSubset.ts')
];

function newestMtime(target: string): number {
    if (!fs.existsSync(target)) return 0;
    const stat = fs.statSync(target);
    if (!stat.isDirectory()) return stat.mtimeMs;
    let newest = stat.mtimeMs;
    for (const entry of fs.readdirSync(target)) {
        if (entry === '__tests__' || entry === 'node_modules') continue;
        newest = Math.max(newest, newestMtime(path.join(target, entry)));
    }
    return newest;
}

let manifestCache: { mtimeMs: number; assets: PreviewAssets | null } | undefined;

/** The built assets the page links (null before the first build), re-read when a build replaces them. */
export function previewAssets(): PreviewAssets | null {
    let mtimeMs: number;
    try {
        mtimeMs = fs.statSync(manifestFile).mtimeMs;
    } catch {
        return null;
    }
    if (manifestCache?.mtimeMs !== mtimeMs) {
        const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { assets?: PreviewAssets };
        manifestCache = { mtimeMs, assets: manifest.assets ?? null };
    }
    return manifestCache.assets;
}

export function isBundleStale(): boolean {
    const assets = previewAssets();
    if (!assets) return true;
    if (!allAssets(assets).every((a) => fs.existsSync(path.join(publicDir, a.path)))) return true;
    const built = fs.statSync(manifestFile).mtimeMs;
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { components?: string[] };
    // A component folder added or removed changes the module list even when no mtime moves forward.
    if (JSON.stringify(manifest.components ?? []) !== JSON.stringify(lwcComponentNames())) return true;
    return watchedRoots.some((root) => newestMtime(root) > built);
}

// lightning-base-components ships the same SLDS stylesheet beside each component that uses it (163 copies,
// 1.5 MB): every copy resolves to one file, so the bundle holds each stylesheet once.
function oneCopyPerStylesheet(): Plugin {
    const canonical = new Map<string, string>();
    const first = new Map<string, string>();
    const walk = (dir: string) => {
        for (const entry of fs
            .readdirSync(dir, { withFileTypes: true })
            .sort((a, b) => a.name.localeCompare(b.name))) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.name.endsWith('.css')) {
                const digest = createHash('sha1').update(fs.readFileSync(full)).digest('hex');
                const kept = first.get(digest);
                if (kept) canonical.set(full, kept);
                else first.set(digest, full);
            }
        }
    };
    walk(lbcDir);
    return {
        name: 'one-copy-per-stylesheet',
        resolveId(source, importer) {
            if (!importer || !source.startsWith('.') || !source.endsWith('.css')) return null;
            return canonical.get(path.resolve(path.dirname(importer.split('?')[0]), source)) ?? null;
        }
    };
}

const minifier: Plugin = {
    name: 'swc-minify',
    async renderChunk(code) {
        const result = await minify(code, {
            compress: true,
            mangle: true,
            module: true,
            ecma: 2022,
            format: { comments: false }
        });
        return { code: result.code, map: null };
    }
};

/** Per chunk of a page component, it and what it imports statically (the entry's own imports apart). */
function modulePreloads(chunks: OutputChunk[]): NonNullable<PreviewAssets['preloads']> {
    const byFile = new Map(chunks.map((c) => [c.fileName, c]));
    const closure = (start: OutputChunk, skip: Set<string>): string[] => {
        const seen = new Set<string>();
        const visit = (chunk: OutputChunk) => {
            if (seen.has(chunk.fileName) || skip.has(chunk.fileName)) return;
            seen.add(chunk.fileName);
            for (const file of chunk.imports) {
                const next = byFile.get(file);
                if (next) visit(next);
            }
        };
        visit(start);
        return [...seen];
    };
    const entry = chunks.find((c) => c.isEntry);
    if (!entry) return { entry: [], components: {} };
    const entryClosure = closure(entry, new Set());
    const loaded = new Set(entryClosure);
    const components: Record<string, string[]> = {};
    for (const [name, file] of componentEntries()) {
        // LWC ids carry the specifier they were imported by: `…/portalCatalog.js?specifier=c%2FportalCatalog`.
        const chunk = chunks.find(
            (c) => !loaded.has(c.fileName) && c.moduleIds.some((id) => id.split('?')[0] === file)
        );
        if (chunk) components[name] = closure(chunk, loaded);
    }
    return { entry: entryClosure.filter((f) => f !== entry.fileName), components };
}

// SLDS changes only with its package version: the hashed, compressed copy is made once per content.
async function buildStylesheet(): Promise<BuiltAsset> {
    const css = fs.readFileSync(sldsStylesheet);
    const hash = createHash('sha256').update(css).digest('hex').slice(0, 10);
    // Beside the SLDS stylesheet's own URL, so its relative url(../fonts/…) references still resolve.
    const name = path.basename(sldsStylesheet).replace(/\.min\.css$/, `-${hash}.min.css`);
    return writePrecompressed(publicDir, `styles/${name}`, css);
}

export async function buildPreview(options: { quiet?: boolean } = {}): Promise<BuildResult> {
    const started = Date.now();
    const report: VirtualModuleReport = {
        apexMethods: new Set(),
        labels: new Set(),
        missingLabels: new Set()
    };
    const components = lwcComponentNames();
    const cModules = [...componentEntries()].map(([name, file]) => ({ name: `c/${name}`, path: file }));
    let warnings = 0;
    const bundle = await rollup({
        input: path.join(srcDir, 'main.js'),
        onLog(level: string, log: RollupLog) {
            if (level === 'warn') {
                warnings += 1;
                // The LWC compiler's known harmless warnings (TOOLCHAIN gotcha 5) would drown the real ones.
                if (
                    !options.quiet &&
                    !/LWC1149|LWC1137|LWC1057|CIRCULAR_DEPENDENCY|THIS_IS_UNDEFINED/.test(log.message)
                ) {
                    console.warn(`[preview build] ${log.message}`);
                }
            }
        },
        plugins: [
            previewVirtualModules(report),
            oneCopyPerStylesheet(),
            iconSubset([path.join(forceAppDir, 'lwc'), srcDir, lbcDir]),
            replace({
                preventAssignment: true,
                values: { 'process.env.NODE_ENV': '"production"', 'import.meta.env.SSR': 'false' }
            }),
            memoizedResolve(
                cachedTransform(
                    lwc({
                        rootDir: srcDir,
                        enableDynamicComponents: true,
                        modules: [
                            { dir: path.join(srcDir, 'lwc') },
                            ...cModules,
                            { npm: 'lightning-base-components' }
                        ]
                    }),
                    path.join(distDir, '.transform-cache'),
                    LWC_CACHE_SALT
                )
            ),
            nodeResolve()
        ]
    });
    const { output } = await bundle.generate({
        format: 'esm',
        entryFileNames: 'build/app-[hash].js',
        chunkFileNames: 'build/[name]-[hash].js',
        // Folds the many tiny chunks (an Apex method, a label) into the chunks that import them.
        experimentalMinChunkSize: 10_000,
        plugins: [minifier]
    });
    await bundle.close();
    const chunks = output.filter((o) => o.type === 'chunk');
    const [stylesheet, ...scripts] = await Promise.all([
        buildStylesheet(),
        ...chunks.map((c) => writePrecompressed(publicDir, c.fileName, Buffer.from(c.code)))
    ]);
    const assets: PreviewAssets = {
        script: scripts[chunks.findIndex((c) => c.isEntry)],
        chunks: scripts.filter((_, i) => !chunks[i].isEntry),
        stylesheet,
        preloads: modulePreloads(chunks)
    };
    removeStaleAssets(publicDir, allAssets(assets));
    const result: BuildResult = {
        assets,
        ms: Date.now() - started,
        apexMethods: [...report.apexMethods].sort(),
        labels: [...report.labels].sort(),
        missingLabels: [...report.missingLabels].sort(),
        warnings
    };
    fs.writeFileSync(
        manifestFile,
        JSON.stringify({ ...result, components, builtAt: new Date().toISOString() }, null, 2)
    );
    return result;
}

/** The scripts' total sizes: what a browser would fetch to see every page. */
function describe(assets: PreviewAssets): string {
    const scripts = [assets.script, ...assets.chunks];
    const mb = (key: 'bytes' | 'gzip' | 'br') =>
        `${(scripts.reduce((sum, a) => sum + a[key], 0) / 1024 / 1024).toFixed(2)} MB`;
    return `${scripts.length} scripts: ${mb('bytes')}, ${mb('gzip')} gzip, ${mb('br')} brotli`;
}

export async function ensurePreviewBuilt(log: (line: string) => void = console.log): Promise<void> {
    if (!isBundleStale()) return;
    log('Building the portal preview (LWC + lightning-base-components)...');
    const result = await buildPreview();
    log(`Preview built in ${(result.ms / 1000).toFixed(1)} s (${describe(result.assets)}).`);
    if (result.missingLabels.length > 0) {
        log(`Warning: labels missing from CustomLabels: ${result.missingLabels.join(', ')}`);
    }
}

if (require.main === module) {
    buildPreview()
        .then((result) => {
            console.log(
                `Built ${result.assets.script.path} in ${result.ms} ms (${describe(result.assets)}); ` +
                    `${result.apexMethods.length} Apex methods, ${result.labels.length} labels` +
                    (result.missingLabels.length
                        ? `; missing labels: ${result.missingLabels.join(', ')}`
                        : '')
            );
        })
        .catch((error: unknown) => {
            console.error(error instanceof Error ? error.message : error);
            process.exit(1);
        });
}
