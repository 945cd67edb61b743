/**
 * The middleware store: provisioning ledger, billing-profile links and verification counters, on SQLite
 * (better-sqlite3, one process) or PostgreSQL (`pg`, several processes on one database). Everything above
 * the `Kysely` instance is dialect-agnostic except `exclusive()`, the one place that takes a lock.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Pool } from 'pg';
import type {
    AttemptLimit,
    AttemptScope,
    BillingProfileLedger,
    ProvisioningLedger,
    ProvisioningPatch,
    ServiceRequestLedger,
    VerificationCounter
} from '../domain/ports';
import type {
    AttemptEntry,
    PauseCode,
    ProvisioningRecord,
    ProvisioningState,
    ProvisioningStep,
    ServiceLink,
    StepResult
} from '../domain/provisioning';
import { sqliteFileCheck } from './file-check';
import { migrateToLatest } from './migrations';
import type { Database, ProvisioningRow, ProvisioningUpdate } from './schema';
import { serviceRequestLedger } from './service-requests';

/** SQLite file path (or ':memory:'), or a PostgreSQL URL (postgres://…). */
export type StoreOptions = { databasePath: string } | { databaseUrl: string };

export interface Store {
    db: Kysely<Database>;
    dialect: Dialect;
    billingProfiles: BillingProfileLedger;
    counters: VerificationCounter;
    provisioning: ProvisioningLedger;
    serviceRequests: ServiceRequestLedger;
    /** Throws when the store cannot answer a trivial query (or, on SQLite, its file is gone or damaged). */
    ping(): Promise<void>;
    close(): Promise<void>;
}

type Dialect = 'sqlite' | 'postgres';

const iso = (d: Date) => d.toISOString();

/** Counter keys are hashed so the store holds no email addresses or IPs in clear. */
export function counterKey(value: string): string {
    return createHash('sha256').update(value.trim().toLowerCase()).digest('hex');
}

function createSqliteDb(database: SqliteDatabase.Database): Kysely<Database> {
    database.pragma('journal_mode = WAL');
    database.pragma('busy_timeout = 5000');
    return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}

function createPostgresDb(url: string): Kysely<Database> {
    const pool = new Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
    // An idle client whose server went away must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Runs `fn` in a transaction that holds an exclusive lock on each of `keys` until it commits, so a
 * read-then-write inside is atomic across processes. SQLite: `BEGIN IMMEDIATE` takes the database's one
 * write lock. PostgreSQL: one transaction-scoped advisory lock per key (taken in sorted order, so two
 * callers cannot deadlock), which also covers keys that have no row yet (a row lock could not).
 */
async function exclusive<T>(
    db: Kysely<Database>,
    dialect: Dialect,
    keys: readonly string[],
    fn: (trx: Kysely<Database>) => Promise<T>
): Promise<T> {
    if (dialect === 'postgres') {
        return db.transaction().execute(async (trx) => {
            for (const key of [...keys].sort()) {
                await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
            }
            return fn(trx);
        });
    }
    return db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
            const result = await fn(conn);
            await sql`commit`.execute(conn);
            return result;
        } catch (err) {
            await sql`rollback`.execute(conn).catch(() => undefined);
            throw err;
        }
    });
}

function billingProfiles(db: Kysely<Database>): BillingProfileLedger {
    return {
        async getClientId(accountId) {
            const row = await db
                .selectFrom('billing_profiles')
                .select('client_id')
                .where('account_id', '=', accountId)
                .executeTakeFirst();
            return row ? Number(row.client_id) : null;
        },
        async putClientId(accountId, clientId, at) {
            await db
                .insertInto('billing_profiles')
                .values({ account_id: accountId, client_id: clientId, created_at: iso(at) })
                .onConflict((oc) => oc.column('account_id').doNothing())
                .execute();
            const row = await db
                .selectFrom('billing_profiles')
                .select('client_id')
                .where('account_id', '=', accountId)
                .executeTakeFirstOrThrow();
            return Number(row.client_id);
        }
    };
}

async function attemptsSince(db: Kysely<Database>, scope: AttemptScope, key: string, since: Date) {
    const rows = await db
        .selectFrom('verification_failures')
        .select('at')
        .where('scope', '=', scope)
        .where('key_hash', '=', counterKey(key))
        .where('at', '>=', iso(since))
        .orderBy('at', 'asc')
        .execute();
    return rows.map((r) => new Date(r.at));
}

function counters(db: Kysely<Database>, dialect: Dialect): VerificationCounter {
    return {
        failuresSince: (scope, key, since) => attemptsSince(db, scope, key, since),
        async reserve(attemptId, limits: readonly AttemptLimit[], at, since) {
            const lockKeys = limits.map((l) => `verify:${l.scope}:${counterKey(l.key)}`);
            return exclusive(db, dialect, lockKeys, async (trx) => {
                for (const limit of limits) {
                    const failures = await attemptsSince(trx, limit.scope, limit.key, since);
                    if (failures.length >= limit.max) return { reserved: false, limit, failures };
                }
                await trx
                    .insertInto('verification_failures')
                    .values(
                        limits.map((l) => ({
                            scope: l.scope,
                            key_hash: counterKey(l.key),
                            at: iso(at),
                            attempt_id: attemptId
                        }))
                    )
                    .execute();
                return { reserved: true };
            });
        },
        async release(attemptId) {
            await db.deleteFrom('verification_failures').where('attempt_id', '=', attemptId).execute();
        },
        async reset(scope, key) {
            await db
                .deleteFrom('verification_failures')
                .where('scope', '=', scope)
                .where('key_hash', '=', counterKey(key))
                .execute();
        },
        async prune(before) {
            await db.deleteFrom('verification_failures').where('at', '<', iso(before)).execute();
        }
    };
}

function toRecord(row: ProvisioningRow): ProvisioningRecord {
    return {
        orderId: row.order_id,
        clientId: Number(row.client_id),
        state: row.state as ProvisioningState,
        whmcsOrderId: row.whmcs_order_id === null ? null : Number(row.whmcs_order_id),
        whmcsInvoiceId: row.whmcs_invoice_id === null ? null : Number(row.whmcs_invoice_id),
        services: JSON.parse(row.services) as ServiceLink[],
        code: row.code as PauseCode | null,
        message: row.message,
        detail: row.detail,
        addOrderSentAt: row.add_order_at,
        updatedAt: row.updated_at
    };
}

function provisioning(db: Kysely<Database>): ProvisioningLedger {
    return {
        async ensure(orderId, clientId, at) {
            await db
                .insertInto('provisioning')
                .values({
                    order_id: orderId,
                    client_id: clientId,
                    state: 'NEW',
                    whmcs_order_id: null,
                    whmcs_invoice_id: null,
                    services: '[]',
                    code: null,
                    message: null,
                    detail: null,
                    lease_owner: null,
                    lease_until: null,
                    add_order_at: null,
                    created_at: iso(at),
                    updated_at: iso(at)
                })
                .onConflict((oc) => oc.column('order_id').doNothing())
                .execute();
        },
        async get(orderId) {
            const row = await db
                .selectFrom('provisioning')
                .selectAll()
                .where('order_id', '=', orderId)
                .executeTakeFirst();
            return row ? toRecord(row) : null;
        },
        async tryAcquire(orderId, owner, at, leaseMs) {
            // One atomic conditional UPDATE: only one caller can see the lease free.
            const result = await db
                .updateTable('provisioning')
                .set({ lease_owner: owner, lease_until: iso(new Date(at.getTime() + leaseMs)) })
                .where('order_id', '=', orderId)
                .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', iso(at))]))
                .executeTakeFirst();
            return Number(result.numUpdatedRows) === 1;
        },
        async release(orderId, owner) {
            await db
                .updateTable('provisioning')
                .set({ lease_owner: null, lease_until: null })
                .where('order_id', '=', orderId)
                .where('lease_owner', '=', owner)
                .execute();
        },
        async update(orderId, owner, patch: ProvisioningPatch, at) {
            const values: ProvisioningUpdate = { updated_at: iso(at) };
            if (patch.state !== undefined) values.state = patch.state;
            if (patch.whmcsOrderId !== undefined) values.whmcs_order_id = patch.whmcsOrderId;
            if (patch.whmcsInvoiceId !== undefined) values.whmcs_invoice_id = patch.whmcsInvoiceId;
            if (patch.services !== undefined) values.services = JSON.stringify(patch.services);
            if (patch.code !== undefined) values.code = patch.code;
            if (patch.message !== undefined) values.message = patch.message;
            if (patch.detail !== undefined) values.detail = patch.detail;
            if (patch.addOrderSentAt !== undefined) values.add_order_at = patch.addOrderSentAt;
            const result = await db
                .updateTable('provisioning')
                .set(values)
                .where('order_id', '=', orderId)
                .where('lease_owner', '=', owner)
                .executeTakeFirst();
            return Number(result.numUpdatedRows) === 1;
        },
        async addAttempt(orderId, entry) {
            for (let tries = 0; tries < 5; tries++) {
                const { n } = await db
                    .selectFrom('provisioning_attempts')
                    .select((eb) => eb.fn.coalesce(eb.fn.max('seq'), sql<number>`0`).as('n'))
                    .where('order_id', '=', orderId)
                    .executeTakeFirstOrThrow();
                const inserted = await db
                    .insertInto('provisioning_attempts')
                    .values({
                        order_id: orderId,
                        seq: Number(n) + 1,
                        at: entry.at,
                        step: entry.step,
                        result: entry.result,
                        code: entry.code ?? null,
                        detail: entry.detail ?? null
                    })
                    .onConflict((oc) => oc.columns(['order_id', 'seq']).doNothing())
                    .executeTakeFirst();
                if (Number(inserted.numInsertedOrUpdatedRows ?? 1n) === 1) return;
            }
        },
        async attempts(orderId) {
            const rows = await db
                .selectFrom('provisioning_attempts')
                .selectAll()
                .where('order_id', '=', orderId)
                .orderBy('seq', 'asc')
                .execute();
            return rows.map((r): AttemptEntry => {
                const entry: AttemptEntry = {
                    at: r.at,
                    step: r.step as ProvisioningStep,
                    result: r.result as StepResult
                };
                if (r.code) entry.code = r.code;
                if (r.detail) entry.detail = r.detail;
                return entry;
            });
        }
    };
}

export async function createStore(options: StoreOptions): Promise<Store> {
    let db: Kysely<Database>;
    let dialect: Dialect;
    let fileCheck: (() => void) | undefined;
    if ('databaseUrl' in options) {
        db = createPostgresDb(options.databaseUrl);
        dialect = 'postgres';
    } else {
        const path = options.databasePath;
        if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
        const database = new SqliteDatabase(path);
        db = createSqliteDb(database);
        dialect = 'sqlite';
        if (path !== ':memory:') fileCheck = sqliteFileCheck(path);
    }
    try {
        await migrateToLatest(db as unknown as Kysely<unknown>);
    } catch (err) {
        await db.destroy().catch(() => undefined);
        throw err;
    }
    return {
        db,
        dialect,
        billingProfiles: billingProfiles(db),
        counters: counters(db, dialect),
        provisioning: provisioning(db),
        serviceRequests: serviceRequestLedger(db),
        async ping() {
            fileCheck?.();
            // A read that touches a table's pages, not just the connection.
            await db.selectFrom('provisioning').select('order_id').limit(1).execute();
        },
        async close() {
            await db.destroy();
        }
    };
}
