import fs from 'node:fs';
import path from 'node:path';
import { rollup, type RollupLog } from 'rollup';
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
import { distDir, forceAppDir, previewDir, srcDir } from './paths';

// Change when the LWC compiler options or versions change (invalidates the transform cache).
const LWC_CACHE_SALT = 'lwc-8.28.2/dynamic-components/v1';

export const bundleFile = path.join(distDir, 'app.js');
const manifestFile = path.join(distDir, 'manifest.json');

export interface BuildResult {
    file: string;
    ms: number;
    bytes: number;
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
    path.join(previewDir, 'virtualModules.ts'),
    path.join(previewDir, 'labels.ts'),
    path.join(previewDir, 'transformCache.ts')
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

export function isBundleStale(): boolean {
    if (!fs.existsSync(bundleFile) || !fs.existsSync(manifestFile)) return true;
    const built = fs.statSync(bundleFile).mtimeMs;
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { components?: string[] };
    // A component folder added or removed changes the module list even when no mtime moves forward.
    if (JSON.stringify(manifest.components ?? []) !== JSON.stringify(lwcComponentNames())) return true;
    return watchedRoots.some((root) => newestMtime(root) > built);
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
    const { output } = await bundle.generate({ format: 'esm', inlineDynamicImports: true });
    await bundle.close();
    fs.mkdirSync(distDir, { recursive: true });
    const code = output[0].code;
    fs.writeFileSync(bundleFile, code);
    const result: BuildResult = {
        file: bundleFile,
        ms: Date.now() - started,
        bytes: Buffer.byteLength(code),
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

export async function ensurePreviewBuilt(log: (line: string) => void = console.log): Promise<void> {
    if (!isBundleStale()) return;
    log('Building the portal preview (LWC + lightning-base-components)...');
    const result = await buildPreview();
    log(
        `Preview built in ${(result.ms / 1000).toFixed(1)} s (${(result.bytes / 1024 / 1024).toFixed(2)} MB).`
    );
    if (result.missingLabels.length > 0) {
        log(`Warning: labels missing from CustomLabels: ${result.missingLabels.join(', ')}`);
    }
}

if (require.main === module) {
    buildPreview()
        .then((result) => {
            console.log(
                `Built ${path.relative(process.cwd(), result.file)} in ${result.ms} ms, ${result.bytes} bytes; ` +
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
