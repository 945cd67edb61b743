import { ApexId, SObjectValue, UnsupportedError } from '../values/model';
import { dml } from '../data/dml';
import { RecordStore } from '../data/store';
import { ADMIN_ID, makeEnv, makeSchema, NOW } from './dmlFixture';

describe('RecordStore', () => {
    it('newId: key prefix, 12-digit counter, 18-character checksum', () => {
        const store = new RecordStore();
        const schema = makeSchema();
        expect(store.newId(schema, 'Account')).toBe('001000000000001AAA');
        expect(store.newId(schema, 'Profile')).toBe('00e000000000002AAA');
        // The checksum marks upper-case letters of each 5-character chunk.
        expect(store.newId(schema, 'Group')).toBe('00G000000000003EAA');
        expect(() => store.newId(schema, 'Nope__c')).toThrow(UnsupportedError);
    });

    it('snapshot/restore brings back the whole store, and the snapshot stays reusable', () => {
        const env = makeEnv();
        const a = new SObjectValue('Account', new Map([['name', 'setup']]));
        dml('insert', [a], env.opts());
        const snap = env.store.snapshot();
        for (let round = 0; round < 2; round++) {
            const b = new SObjectValue('Account', new Map([['name', 'in test']]));
            dml('insert', [b], env.opts());
            dml('delete', [a], env.opts());
            expect(env.store.table('Account').size).toBe(1);
            env.store.restore(snap);
            expect([...env.store.table('Account').values()].map((r) => r.get('name'))).toEqual(['setup']);
            expect(env.store.deleted.get('account')?.size ?? 0).toBe(0);
        }
        // Ids restart where the snapshot was taken, so each test method sees the same Ids.
        const c = new SObjectValue('Account', new Map([['name', 'again']]));
        dml('insert', [c], env.opts());
        expect((c.fields.get('id') as ApexId).value).toBe('001000000000002AAA');
    });

    it('rows are never mutated in place: a snapshot keeps the old values', () => {
        const env = makeEnv();
        const a = new SObjectValue('Account', new Map([['name', 'before']]));
        dml('insert', [a], env.opts());
        const snap = env.store.snapshot();
        dml(
            'update',
            [
                new SObjectValue(
                    'Account',
                    new Map<string, never>([
                        ['id', a.fields.get('id') as never],
                        ['name', 'after' as never]
                    ])
                )
            ],
            env.opts()
        );
        env.store.restore(snap);
        expect(env.store.get('Account', (a.fields.get('id') as ApexId).value)!.get('name')).toBe('before');
    });

    it('undo log: a mark can be undone and released', () => {
        const store = new RecordStore();
        store.put('Account', 'x', new Map([['name', 'one']]));
        const m = store.mark();
        store.put('Account', 'x', new Map([['name', 'two']]));
        store.put('Account', 'y', new Map([['name', 'new']]));
        store.undoTo(m);
        expect(store.get('Account', 'x')!.get('name')).toBe('one');
        expect(store.get('Account', 'y')).toBeUndefined();
        store.release();
    });

    it('the standard price book is created once, hidden, and referenceable', () => {
        const env = makeEnv();
        const id = env.store.standardPricebookId(env.schema, ADMIN_ID, NOW);
        expect(id.startsWith('01s')).toBe(true);
        expect(env.store.get('Pricebook2', id)!.get('isstandard')).toBe(true);
        expect(env.store.tables.get('pricebook2')?.size ?? 0).toBe(0);
        expect(env.store.isHidden('Pricebook2', id)).toBe(true);
    });
});
