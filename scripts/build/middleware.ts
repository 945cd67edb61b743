// `npm run build`: the middleware as production runs it, one JavaScript file (middleware/dist/main.js, with its
// source map) that `npm run middleware` starts with plain node. Packages stay outside the bundle and are
// loaded from node_modules, so a production install (`npm ci --omit=dev`) can run it: tsx, a development
// tool, is not needed, nor its per-function name bookkeeping, which cost CPU on every request.
import { builtinModules } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const REPO = path.resolve(__dirname, '..', '..');
export const MIDDLEWARE_BUNDLE = path.join(REPO, 'middleware', 'dist', 'main.js');

/**
 * Bundles middleware/src/main.ts into `outfile`; returns the packages the bundle loads at run time, and
 * throws when one of them is not a runtime dependency (a production install would not have it).
 */
export async function buildMiddleware(outfile = MIDDLEWARE_BUNDLE): Promise<{ packages: string[] }> {
    const result = await build({
        entryPoints: [path.join(REPO, 'middleware', 'src', 'main.ts')],
        outfile,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        packages: 'external',
        sourcemap: true,
        metafile: true,
        logLevel: 'warning'
    });
    const builtins = new Set(builtinModules);
    const packages = new Set<string>();
    for (const output of Object.values(result.metafile.outputs)) {
        for (const { path: specifier, external } of output.imports) {
            if (!external || specifier.startsWith('node:') || builtins.has(specifier)) continue;
            const parts = specifier.split('/');
            packages.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
        }
    }
    const runtime = new Set(runtimeDependencies());
    const missing = [...packages].filter((p) => !runtime.has(p));
    if (missing.length > 0) {
        throw new Error(
            `the middleware loads packages that are not runtime dependencies: ${missing.sort().join(', ')}`
        );
    }
    return { packages: [...packages].sort() };
}

/** The runtime dependencies in package.json: all a production install has. */
export function runtimeDependencies(): string[] {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
    };
    return Object.keys(manifest.dependencies ?? {}).sort();
}

async function main(): Promise<void> {
    const { packages } = await buildMiddleware();
    console.log(`built ${path.relative(REPO, MIDDLEWARE_BUNDLE)} (loads ${packages.join(', ')})`);
}

if (require.main === module) {
    main().catch((error: unknown) => {
        console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
    });
}
