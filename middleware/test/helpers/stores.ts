/**
 * The store back-ends the store and race suites run on: SQLite always, PostgreSQL when the run's server is
 * up. Under CI a PostgreSQL that did not start fails those suites; elsewhere they skip it, saying why.
 */
import { createStore, type Store } from '../../src/store';
import { createDatabase, postgresServer } from './postgres';

export interface StoreBackend {
    name: string;
    /** A new, empty store (on PostgreSQL its own database, dropped when the store is closed). */
    open(): Promise<Store>;
}

const sqlite: StoreBackend = { name: 'SQLite', open: () => createStore({ databasePath: ':memory:' }) };

function postgres(): StoreBackend | null {
    const server = postgresServer();
    if ('error' in server) {
        if (process.env.CI === 'true') {
            return {
                name: 'PostgreSQL',
                open: () => Promise.reject(new Error(`PostgreSQL is required under CI: ${server.error}`))
            };
        }
        console.warn(`PostgreSQL store cases skipped (outside CI only): ${server.error}`);
        return null;
    }
    return {
        name: 'PostgreSQL',
        async open() {
            const database = await createDatabase(server.url);
            const store = await createStore({ databaseUrl: database.url });
            return {
                ...store,
                async close() {
                    await store.close();
                    await database.drop();
                }
            };
        }
    };
}

export function storeBackends(): StoreBackend[] {
    const pg = postgres();
    return pg ? [sqlite, pg] : [sqlite];
}

export const STORE_BACKENDS = storeBackends();
