/**
 * The middleware store: provisioning ledger, billing-profile links and verification counters.
 * SQLite (better-sqlite3) is the only dialect wired today; everything above the `Kysely` instance is
 * dialect-agnostic, so PostgreSQL needs only a dialect factory here.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type {
    AttemptScope,
    BillingProfileLedger,
    ProvisioningLedger,
    ProvisioningPatch,
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
import { migrateToLatest } from './migrations';
import type { Database, ProvisioningRow, ProvisioningUpdate } from './schema';

export interface StoreOptions {
    /** SQLite file path, or ':memory:'. */
    databasePath: string;
}

export interface Store {
    db: Kysely<Database>;
    billingProfiles: BillingProfileLedger;
    counters: VerificationCounter;
    provisioning: ProvisioningLedger;
    /** Throws when the store cannot answer a trivial query. */
    ping(): Promise<void>;
    close(): Promise<void>;
}

const iso = (d: Date) => d.toISOString();

/** Counter keys are hashed so the store holds no email addresses or IPs in clear. */
export function counterKey(value: string): string {
    return createHash('sha256').update(value.trim().toLowerCase()).digest('hex');
}

function createSqliteDb(path: string): Kysely<Database> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const database = new SqliteDatabase(path);
    database.pragma('journal_mode = WAL');
    database.pragma('busy_timeout = 5000');
    return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
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

function counters(db: Kysely<Database>): VerificationCounter {
    return {
        async failuresSince(scope: AttemptScope, key, since) {
            const rows = await db
                .selectFrom('verification_failures')
                .select('at')
                .where('scope', '=', scope)
                .where('key_hash', '=', counterKey(key))
                .where('at', '>=', iso(since))
                .orderBy('at', 'asc')
                .execute();
            return rows.map((r) => new Date(r.at));
        },
        async recordFailure(scope, key, at) {
            await db
                .insertInto('verification_failures')
                .values({ scope, key_hash: counterKey(key), at: iso(at), attempt_id: null })
                .execute();
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
    const db = createSqliteDb(options.databasePath);
    await migrateToLatest(db as unknown as Kysely<unknown>);
    return {
        db,
        billingProfiles: billingProfiles(db),
        counters: counters(db),
        provisioning: provisioning(db),
        async ping() {
            await sql`select 1`.execute(db);
        },
        async close() {
            await db.destroy();
        }
    };
}
