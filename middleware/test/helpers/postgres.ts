/**
 * The throwaway PostgreSQL server of the Jest run (see postgres-global.ts): its admin URL, waited for
 * synchronously so suites can decide at collection time which back-ends they run on.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { STATE_ENV } from './postgres-global';

export type PostgresServer = { url: string } | { error: string };

let cached: PostgresServer | undefined;

function sleepSync(ms: number): void {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Waits (up to 90 s) for the server started by the global setup. */
export function postgresServer(): PostgresServer {
    if (cached) return cached;
    if (process.env.TEST_DATABASE_URL) return (cached = { url: process.env.TEST_DATABASE_URL });
    const state = process.env[STATE_ENV];
    if (!state) return (cached = { error: 'the Jest global setup did not start PostgreSQL' });
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
        if (existsSync(join(state, 'ready'))) {
            return (cached = { url: readFileSync(join(state, 'ready'), 'utf8').trim() });
        }
        if (existsSync(join(state, 'failed'))) {
            return (cached = {
                error: readFileSync(join(state, 'failed'), 'utf8').trim() || 'unknown reason'
            });
        }
        sleepSync(100);
    }
    return (cached = { error: 'PostgreSQL did not start within 90 s' });
}

/** A new empty database on the server; its URL. */
export async function createDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
    const name = `mw_test_${globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    try {
        await admin.query(`create database ${name}`);
    } finally {
        await admin.end();
    }
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
        url: url.toString(),
        async drop() {
            const c = new Client({ connectionString: adminUrl });
            await c.connect();
            try {
                await c.query(`drop database if exists ${name} with (force)`);
            } finally {
                await c.end();
            }
        }
    };
}
