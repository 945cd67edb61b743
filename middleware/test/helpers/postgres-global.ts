/**
 * Jest globalSetup/globalTeardown of the node project: a throwaway PostgreSQL server for the store suites
 * that run on both dialects. It is started in the background (initdb takes seconds) so the run does not wait
 * for it; `test/helpers/postgres.ts` waits for it when a suite needs it. With TEST_DATABASE_URL set (an
 * admin URL of a server you run), nothing is started and that server is used.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const STATE_ENV = 'MW_TEST_PG_STATE';

// Finds initdb/pg_ctl (Debian keeps them off PATH), runs them as the postgres user when we are root
// (the server refuses to run as root), and leaves `ready` (the URL) or `failed` (the reason) in the state dir.
const SCRIPT = String.raw`
set -u
state="$1"; port="$2"
bin=$(dirname "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)")
if [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pg_ctl" ]; then
    echo "no PostgreSQL server binaries (initdb, pg_ctl) on PATH or in /usr/lib/postgresql/*/bin" > "$state/failed"; exit 0
fi
as=""
if [ "$(id -u)" = 0 ]; then
    if ! id postgres >/dev/null 2>&1; then echo "running as root and there is no postgres user" > "$state/failed"; exit 0; fi
    chown postgres "$state"; as="runuser -u postgres --"
fi
if $as "$bin/initdb" -D "$state/data" -U postgres --auth=trust -E UTF8 --no-locale -N > "$state/setup.log" 2>&1 &&
   $as "$bin/pg_ctl" -D "$state/data" -l "$state/server.log" -w -t 60 \
       -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
       start >> "$state/setup.log" 2>&1; then
    echo "$bin" > "$state/bin"
    echo "postgres://postgres@127.0.0.1:$port/postgres" > "$state/ready.tmp" && mv "$state/ready.tmp" "$state/ready"
else
    tail -n 5 "$state/setup.log" "$state/server.log" 2>/dev/null | tr '\n' ' ' > "$state/failed"
fi
`;

const STOP = String.raw`
state="$1"
[ -f "$state/bin" ] || exit 0
as=""; [ "$(id -u)" = 0 ] && as="runuser -u postgres --"
$as "$(cat "$state/bin")/pg_ctl" -D "$state/data" -m immediate -w stop > /dev/null 2>&1
`;

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const s = createServer();
        s.once('error', reject);
        s.listen(0, '127.0.0.1', () => {
            const { port } = s.address() as { port: number };
            s.close(() => resolve(port));
        });
    });
}

let starting: ChildProcess | undefined;

export async function setup(): Promise<void> {
    if (process.env.TEST_DATABASE_URL) return;
    const state = mkdtempSync(join(tmpdir(), 'mw-pg-'));
    process.env[STATE_ENV] = state;
    starting = spawn('bash', ['-c', SCRIPT, 'pg-setup', state, String(await freePort())], {
        stdio: 'ignore'
    });
}

export async function teardown(): Promise<void> {
    const state = process.env[STATE_ENV];
    if (!state) return;
    const child = starting;
    if (child && child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    await new Promise((resolve) =>
        spawn('bash', ['-c', STOP, 'pg-stop', state], { stdio: 'ignore' }).once('exit', resolve)
    );
    rmSync(state, { recursive: true, force: true });
}
