/** The store back-ends the store and race suites run on. */
import { createStore, type Store } from '../../src/store';

export interface StoreBackend {
    name: string;
    /** A new, empty store. */
    open(): Promise<Store>;
}

export const STORE_BACKENDS: StoreBackend[] = [
    { name: 'SQLite', open: () => createStore({ databasePath: ':memory:' }) }
];
