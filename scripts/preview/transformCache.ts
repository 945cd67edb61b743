import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin, TransformResult } from 'rollup';

// Wraps a plugin's transform hook with an on-disk cache keyed by (module id, source, salt): the LWC
// compiler output of lightning-base-components never changes, so rebuilds only compile what did.
export function cachedTransform(plugin: Plugin, cacheDir: string, salt: string): Plugin {
    const original = plugin.transform;
    if (typeof original !== 'function') return plugin;
    fs.mkdirSync(cacheDir, { recursive: true });
    return {
        ...plugin,
        async transform(code, id) {
            const key = createHash('sha1')
                .update(salt)
                .update('\0')
                .update(id)
                .update('\0')
                .update(code)
                .digest('hex');
            const file = path.join(cacheDir, `${key}.json`);
            if (fs.existsSync(file)) {
                try {
                    return JSON.parse(fs.readFileSync(file, 'utf8')) as TransformResult;
                } catch {
                    // A torn cache entry: compile again.
                }
            }
            const result = (await original.call(this, code, id)) as TransformResult;
            // Results with warnings are not cached so the warnings show again on the next build.
            if (result && typeof result === 'object' && 'code' in result) {
                fs.writeFileSync(file, JSON.stringify({ code: result.code, map: result.map ?? null }));
            }
            return result;
        }
    };
}

function packageRoot(file: string, memo: Map<string, string>): string {
    let dir = path.dirname(file);
    const start = dir;
    const seen: string[] = [];
    while (true) {
        const known = memo.get(dir);
        if (known !== undefined) {
            for (const d of seen) memo.set(d, known);
            return known;
        }
        seen.push(dir);
        if (fs.existsSync(path.join(dir, 'package.json')) || path.dirname(dir) === dir) {
            for (const d of seen) memo.set(d, dir);
            return dir;
        }
        dir = path.dirname(dir);
        if (!dir.startsWith(path.parse(start).root)) return start;
    }
}

// The LWC resolver re-reads module configuration for every bare import (13 s of a build); its answer only
// depends on the specifier and the importer's package, so remember it per (specifier, package).
export function memoizedResolve(plugin: Plugin): Plugin {
    const original = plugin.resolveId;
    if (typeof original !== 'function') return plugin;
    const answers = new Map<string, unknown>();
    const roots = new Map<string, string>();
    return {
        ...plugin,
        async resolveId(source, importer, options) {
            if (!importer || source.startsWith('.') || source.startsWith('/') || importer.startsWith('\0')) {
                return original.call(this, source, importer, options);
            }
            const key = `${source}|${packageRoot(importer.split('?')[0], roots)}`;
            if (answers.has(key)) return answers.get(key) as ReturnType<typeof original>;
            const answer = await original.call(this, source, importer, options);
            answers.set(key, answer);
            return answer;
        }
    };
}
