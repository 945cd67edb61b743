/**
 * Schema migrations, written with Kysely's schema builder only (no dialect-specific SQL) so the same
 * list runs on SQLite today and PostgreSQL later.
 */
import { Kysely, Migrator, type Migration, type MigrationProvider } from 'kysely';

const migrations: Record<string, Migration> = {
    '0001_initial': {
        async up(db: Kysely<unknown>) {
            await db.schema
                .createTable('billing_profiles')
                .addColumn('account_id', 'varchar(18)', (c) => c.primaryKey())
                .addColumn('client_id', 'integer', (c) => c.notNull())
                .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
                .execute();

            await db.schema
                .createTable('verification_failures')
                .addColumn('scope', 'varchar(16)', (c) => c.notNull())
                .addColumn('key_hash', 'varchar(64)', (c) => c.notNull())
                .addColumn('at', 'varchar(32)', (c) => c.notNull())
                .execute();
            await db.schema
                .createIndex('verification_failures_lookup')
                .on('verification_failures')
                .columns(['scope', 'key_hash', 'at'])
                .execute();

            await db.schema
                .createTable('provisioning')
                .addColumn('order_id', 'varchar(18)', (c) => c.primaryKey())
                .addColumn('client_id', 'integer', (c) => c.notNull())
                .addColumn('state', 'varchar(32)', (c) => c.notNull())
                .addColumn('whmcs_order_id', 'integer')
                .addColumn('whmcs_invoice_id', 'integer')
                .addColumn('services', 'text', (c) => c.notNull())
                .addColumn('code', 'varchar(64)')
                .addColumn('message', 'text')
                .addColumn('lease_owner', 'varchar(64)')
                .addColumn('lease_until', 'varchar(32)')
                .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
                .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
                .execute();

            await db.schema
                .createTable('provisioning_attempts')
                .addColumn('order_id', 'varchar(18)', (c) => c.notNull())
                .addColumn('seq', 'integer', (c) => c.notNull())
                .addColumn('at', 'varchar(32)', (c) => c.notNull())
                .addColumn('step', 'varchar(32)', (c) => c.notNull())
                .addColumn('result', 'varchar(32)', (c) => c.notNull())
                .addColumn('code', 'varchar(64)')
                .addColumn('detail', 'text')
                .addPrimaryKeyConstraint('provisioning_attempts_pk', ['order_id', 'seq'])
                .execute();
        },
        async down(db: Kysely<unknown>) {
            await db.schema.dropTable('provisioning_attempts').execute();
            await db.schema.dropTable('provisioning').execute();
            await db.schema.dropTable('verification_failures').execute();
            await db.schema.dropTable('billing_profiles').execute();
        }
    },
    '0002_in_doubt_and_reservations': {
        async up(db: Kysely<unknown>) {
            // When an AddOrder went unanswered (the order is "in doubt" until WHMCS is searched again).
            await db.schema.alterTable('provisioning').addColumn('add_order_at', 'varchar(32)').execute();
            // Verification attempts are reserved before ValidateLogin; a success releases its own row.
            await db.schema
                .alterTable('verification_failures')
                .addColumn('attempt_id', 'varchar(36)')
                .execute();
        },
        async down(db: Kysely<unknown>) {
            await db.schema.alterTable('verification_failures').dropColumn('attempt_id').execute();
            await db.schema.alterTable('provisioning').dropColumn('add_order_at').execute();
        }
    },
    '0003_service_requests': {
        async up(db: Kysely<unknown>) {
            await db.schema
                .createTable('service_requests')
                .addColumn('request_id', 'varchar(18)', (c) => c.primaryKey())
                .addColumn('client_id', 'integer', (c) => c.notNull())
                .addColumn('service_id', 'integer', (c) => c.notNull())
                .addColumn('kind', 'varchar(16)', (c) => c.notNull())
                // The first call's body (canonical JSON): a different later body is a mismatch.
                .addColumn('body', 'text', (c) => c.notNull())
                .addColumn('state', 'varchar(16)', (c) => c.notNull())
                .addColumn('effective_on', 'varchar(10)')
                .addColumn('whmcs_order_id', 'integer')
                .addColumn('whmcs_invoice_id', 'integer')
                .addColumn('code', 'varchar(64)')
                .addColumn('message', 'text')
                .addColumn('sent_at', 'varchar(32)')
                .addColumn('lease_owner', 'varchar(64)')
                .addColumn('lease_until', 'varchar(32)')
                .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
                .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
                .execute();
            await db.schema
                .createIndex('service_requests_by_service')
                .on('service_requests')
                .columns(['service_id', 'kind', 'state'])
                .execute();
            await db.schema
                .createTable('service_request_attempts')
                .addColumn('request_id', 'varchar(18)', (c) => c.notNull())
                .addColumn('seq', 'integer', (c) => c.notNull())
                .addColumn('at', 'varchar(32)', (c) => c.notNull())
                .addColumn('step', 'varchar(16)', (c) => c.notNull())
                .addColumn('result', 'varchar(16)', (c) => c.notNull())
                .addColumn('code', 'varchar(64)')
                .addColumn('message', 'text')
                .addPrimaryKeyConstraint('service_request_attempts_pk', ['request_id', 'seq'])
                .execute();
        },
        async down(db: Kysely<unknown>) {
            await db.schema.dropTable('service_request_attempts').execute();
            await db.schema.dropTable('service_requests').execute();
        }
    },
    '0004_provisioning_detail': {
        async up(db: Kysely<unknown>) {
            // The billing system's own text of a pause, for staff (the customer sees `message`).
            await db.schema.alterTable('provisioning').addColumn('detail', 'text').execute();
        },
        async down(db: Kysely<unknown>) {
            await db.schema.alterTable('provisioning').dropColumn('detail').execute();
        }
    }
};

class InlineProvider implements MigrationProvider {
    async getMigrations(): Promise<Record<string, Migration>> {
        return migrations;
    }
}

export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
    const migrator = new Migrator({ db, provider: new InlineProvider() });
    const { error, results } = await migrator.migrateToLatest();
    const failed = results?.find((r) => r.status === 'Error');
    if (error || failed) {
        const reason = error instanceof Error ? error.message : String(error ?? failed?.migrationName);
        throw new Error(`store migration failed: ${reason}`);
    }
}
