import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const DOMAIN = join(__dirname, '../../src/domain');

function files(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
    });
}

it('the domain imports no framework, store or WHMCS code (http → domain ← whmcs/store)', () => {
    const forbidden =
        /from '(express|kysely|better-sqlite3|pino|jose|helmet|zod|node:[a-z_]+|.*\/(whmcs|store|http)(\/.*)?)'/;
    const offenders = files(DOMAIN).flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)]
            .filter((m) => forbidden.test(m[0]))
            .map((m) => `${file}: ${m[1]}`)
    );
    // The check itself must see the imports it is meant to police.
    expect(files(DOMAIN).length).toBeGreaterThan(5);
    expect(offenders).toEqual([]);
});
