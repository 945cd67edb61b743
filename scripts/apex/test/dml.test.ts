import { ApexDate, ApexDatetime, ApexId, Decimal, UnsupportedError, type ApexValue } from '../values/model';
import { dml, merge, type DmlRowError } from '../data/dml';
import { Transaction } from '../data/transaction';
import { ADMIN_ID, makeEnv, NOW, rec, thrown, user, type Env } from './dmlFixture';

function insertAccount(env: Env, fields: Record<string, ApexValue> = {}): string {
    const a = rec('Account', { Name: 'Acme', ...fields });
    dml('insert', [a], env.opts());
    return (a.fields.get('id') as ApexId).value;
}

describe('insert', () => {
    it('writes the Id back, stores defaults and audit fields', () => {
        const env = makeEnv();
        const a = rec('Account', { Name: 'Acme', Score__c: 7 });
        const [r] = dml('insert', [a], env.opts());
        expect(r.success).toBe(true);
        const id = a.fields.get('id') as ApexId;
        expect(id.value).toMatch(/^001\d{12}[A-Z0-5]{3}$/);
        expect(r.id).toBe(id.value);
        const row = env.store.get('Account', id.value)!;
        expect((row.get('ownerid') as ApexId).value).toBe(ADMIN_ID);
        expect((row.get('createddate') as ApexDatetime).epochMs).toBe(NOW);
        expect(row.get('is_vip__c')).toBe(false);
        expect(row.get('isdeleted')).toBe(false);
        expect(row.get('score__c')).toEqual(new Decimal(700n, 2));
        // Only the Id is written back into the caller's record.
        expect(a.fields.has('createddate')).toBe(false);
    });

    it('gives increasing Ids in insertion order', () => {
        const env = makeEnv();
        const list = [rec('Account', { Name: 'a' }), rec('Account', { Name: 'b' })];
        dml('insert', list, env.opts());
        const [x, y] = list.map((r) => (r.fields.get('id') as ApexId).value);
        expect(x < y).toBe(true);
    });

    it('a missing required field fails with REQUIRED_FIELD_MISSING and the platform layout', () => {
        const env = makeEnv();
        const e = thrown(() => dml('insert', [rec('Account', { Phone: '1' })], env.opts()));
        expect(e.exceptionType).toBe('DmlException');
        expect(e.message).toBe(
            'Insert failed. First exception on row 0; first error: REQUIRED_FIELD_MISSING, Required fields are missing: [Name]: [Name]'
        );
        const rows = e.detail as DmlRowError[];
        expect(rows[0]).toMatchObject({ index: 0, statusCode: 'REQUIRED_FIELD_MISSING', fields: ['Name'] });
        expect(env.store.table('Account').size).toBe(0);
    });

    it('saves an empty text value as null, so an empty Name is a missing required field', () => {
        const env = makeEnv();
        const e = thrown(() => dml('insert', [rec('Account', { Name: '' })], env.opts()));
        expect(e.message).toContain('REQUIRED_FIELD_MISSING, Required fields are missing: [Name]: [Name]');
        const id = insertAccount(env, { Phone: '' });
        expect(env.store.get('Account', id)!.get('phone')).toBeNull();
    });

    it('lists every missing required field', () => {
        const env = makeEnv();
        const e = thrown(() => dml('insert', [rec('Order', {})], env.opts()));
        expect(e.message).toContain(
            'REQUIRED_FIELD_MISSING, Required fields are missing: [AccountId, EffectiveDate]: [AccountId, EffectiveDate]'
        );
    });

    it('rolls the whole statement back when one row fails', () => {
        const env = makeEnv();
        const good = rec('Account', { Name: 'ok' });
        const e = thrown(() => dml('insert', [good, rec('Account', {})], env.opts()));
        expect(e.message).toMatch(/^Insert failed\. First exception on row 1; /);
        expect(env.store.table('Account').size).toBe(0);
        expect(good.fields.has('id')).toBe(false);
    });

    it('allOrNone=false saves the valid rows and reports the others', () => {
        const env = makeEnv();
        const good = rec('Account', { Name: 'ok' });
        const results = dml('insert', [good, rec('Account', {})], env.opts({ allOrNone: false }));
        expect(results[0].success).toBe(true);
        expect(results[1]).toEqual({
            success: false,
            errors: [
                {
                    statusCode: 'REQUIRED_FIELD_MISSING',
                    message: 'Required fields are missing: [Name]',
                    fields: ['Name']
                }
            ]
        });
        expect(env.store.table('Account').size).toBe(1);
        expect(good.fields.has('id')).toBe(true);
    });

    it('rejects a bad restricted picklist value', () => {
        const env = makeEnv();
        const e = thrown(() =>
            dml('insert', [rec('Account', { Name: 'a', Rating__c: 'Lukewarm' })], env.opts())
        );
        expect(e.message).toBe(
            'Insert failed. First exception on row 0; first error: INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST, ' +
                'Rating: bad value for restricted picklist field: Lukewarm: [Rating__c]'
        );
    });

    it('rejects a value longer than the field', () => {
        const env = makeEnv();
        const e = thrown(() =>
            dml('insert', [rec('Account', { Name: 'a', Customer_Number__c: '123456789' })], env.opts())
        );
        expect(e.message).toContain(
            'STRING_TOO_LONG, Customer Number: data value too large: 123456789 (max length=8): [Customer_Number__c]'
        );
    });

    it('truncates instead with DMLOptions.allowFieldTruncation', () => {
        const env = makeEnv();
        const id = insertAccount(env);
        dml(
            'update',
            [rec('Account', { Id: new ApexId(id), Customer_Number__c: '123456789' })],
            env.opts({ allowFieldTruncation: true })
        );
        expect(env.store.get('Account', id)!.get('customer_number__c')).toBe('12345678');
    });

    it('system mode under with sharing checks record access too', () => {
        const env = makeEnv();
        const id = insertAccount(env);
        const other = user({ id: '005000000000003AAA', profileName: 'Standard User' });
        const e = thrown(() =>
            dml(
                'delete',
                [rec('Account', { Id: new ApexId(id) })],
                env.opts({ user: other, sharing: { model: env.sharing, mode: 'with' } })
            )
        );
        expect(e.message).toBe(
            `Delete failed. First exception on row 0 with id ${id}; first error: INSUFFICIENT_ACCESS_OR_READONLY, insufficient access rights on object id: []`
        );
        expect(
            dml('delete', [rec('Account', { Id: new ApexId(id) })], env.opts({ user: other }))[0].success
        ).toBe(true);
    });

    it('rejects an Id on insert', () => {
        const env = makeEnv();
        const id = insertAccount(env);
        const e = thrown(() =>
            dml('insert', [rec('Account', { Id: new ApexId(id), Name: 'x' })], env.opts())
        );
        expect(e.message).toBe(
            `Insert failed. First exception on row 0 with id ${id}; first error: INVALID_FIELD_FOR_INSERT_UPDATE, cannot specify Id in an insert call: [Id]`
        );
    });

    it('finds duplicates of unique fields case-insensitively, naming the other record', () => {
        const env = makeEnv();
        const first = insertAccount(env, { Customer_Number__c: 'ab1' });
        const e = thrown(() =>
            dml('insert', [rec('Account', { Name: 'b', Customer_Number__c: 'AB1' })], env.opts())
        );
        expect(e.message).toBe(
            `Insert failed. First exception on row 0; first error: DUPLICATE_VALUE, duplicate value found: Customer_Number__c duplicates value on record with id: ${first}: []`
        );
    });

    it('finds duplicates inside one statement', () => {
        const env = makeEnv();
        const results = dml(
            'insert',
            [
                rec('Account', { Name: 'a', Customer_Number__c: 'x' }),
                rec('Account', { Name: 'b', Customer_Number__c: 'x' })
            ],
            env.opts({ allOrNone: false })
        );
        expect(results[0].success).toBe(true);
        expect(results[1].errors[0].statusCode).toBe('DUPLICATE_VALUE');
    });

    it('keeps case-sensitive unique fields case-sensitive', () => {
        const env = makeEnv();
        const acc = insertAccount(env);
        const order = (key: string) =>
            rec('Order', {
                AccountId: new ApexId(acc),
                EffectiveDate: new ApexDate(2026, 12, 6),
                Portal_Request_Key__c: key
            });
        dml('insert', [order('k1')], env.opts());
        expect(dml('insert', [order('K1')], env.opts())[0].success).toBe(true);
    });

    it('validates references: wrong object, missing and deleted records', () => {
        const env = makeEnv();
        const contactLike = '003000000000099AAA';
        let e = thrown(() =>
            dml('insert', [rec('Account', { Name: 'a', ParentId: new ApexId(contactLike) })], env.opts())
        );
        expect(e.message).toContain(
            `FIELD_INTEGRITY_EXCEPTION, Parent Account ID: id value of incorrect type: ${contactLike}: [ParentId]`
        );
        e = thrown(() =>
            dml(
                'insert',
                [rec('Account', { Name: 'a', ParentId: new ApexId('001000000000099AAA') })],
                env.opts()
            )
        );
        expect(e.message).toContain('INVALID_CROSS_REFERENCE_KEY, invalid cross reference id: []');
        const parent = insertAccount(env);
        dml('delete', [rec('Account', { Id: new ApexId(parent) })], env.opts());
        e = thrown(() =>
            dml('insert', [rec('Account', { Name: 'a', ParentId: new ApexId(parent) })], env.opts())
        );
        expect(e.message).toContain('ENTITY_IS_DELETED, entity is deleted: []');
    });

    it('accepts a 15-character Id string in a reference field and stores the 18-character form', () => {
        const env = makeEnv();
        const parent = insertAccount(env);
        const child = rec('Account', { Name: 'c', ParentId: parent.slice(0, 15) });
        dml('insert', [child], env.opts());
        const row = env.store.get('Account', (child.fields.get('id') as ApexId).value)!;
        expect(row.get('parentid')).toEqual(new ApexId(parent));
    });

    it('rejects a malformed Id in a reference field', () => {
        const env = makeEnv();
        const e = thrown(() => dml('insert', [rec('Account', { Name: 'a', ParentId: 'foo' })], env.opts()));
        expect(e.message).toContain(
            'MALFORMED_ID, Parent Account ID: id value of incorrect type: foo: [ParentId]'
        );
    });

    it('ignores formula and audit fields carried by a record', () => {
        const env = makeEnv();
        const a = rec('Account', { Name: 'a', Formula__c: 'x', CreatedDate: new ApexDatetime(0) });
        dml('insert', [a], env.opts());
        const row = env.store.get('Account', (a.fields.get('id') as ApexId).value)!;
        expect(row.has('formula__c')).toBe(false);
        expect((row.get('createddate') as ApexDatetime).epochMs).toBe(NOW);
    });

    it('refuses DML on custom metadata', () => {
        const env = makeEnv();
        const e = thrown(() => dml('insert', [rec('Thing__mdt', { Label: 'x' })], env.opts()));
        expect(e.exceptionType).toBe('TypeException');
        expect(e.message).toBe('DML operation INSERT not allowed on Thing__mdt');
    });

    it('does nothing for an empty list (no statement counted)', () => {
        const env = makeEnv();
        expect(dml('insert', [], env.opts())).toEqual([]);
        expect(env.tx.dmlStatements).toBe(0);
        expect(env.tx.hasUncommittedWork()).toBe(false);
    });

    it('calls the trigger hook before and after, and addError fails the row', () => {
        const env = makeEnv();
        const calls: string[] = [];
        const e = thrown(() =>
            dml(
                'insert',
                [rec('Account', { Name: 'a' })],
                env.opts({
                    runTriggers: (c) => {
                        calls.push(`${c.phase} ${c.event} ${c.sobject} ${c.newRecords?.length}`);
                        if (c.phase === 'before') c.addError(0, 'Not allowed');
                    }
                })
            )
        );
        expect(calls).toEqual(['before insert Account 1']);
        expect(e.message).toContain('FIELD_CUSTOM_VALIDATION_EXCEPTION, Not allowed: []');
    });

    it('before triggers see the stored row with the changes and defaults; their changes are saved, not copied back', () => {
        const env = makeEnv();
        const id = insertAccount(env, { Phone: '1' });
        const seen: ApexValue[] = [];
        const caller = rec('Account', { Id: new ApexId(id), Score__c: 3 });
        dml(
            'update',
            [caller],
            env.opts({
                runTriggers: (c) => {
                    if (c.phase !== 'before') return;
                    const r = c.newRecords![0];
                    seen.push(
                        r.fields.get('name') ?? null,
                        c.oldRecords![0].fields.get('phone') ?? null,
                        r.fields.get('is_vip__c') ?? null
                    );
                    r.fields.set('phone', '2');
                }
            })
        );
        expect(seen).toEqual(['Acme', '1', false]);
        expect(env.store.get('Account', id)!.get('phone')).toBe('2');
        expect(caller.fields.has('phone')).toBe(false);
        let owner: ApexValue = null;
        dml(
            'insert',
            [rec('Account', { Name: 'n' })],
            env.opts({
                runTriggers: (c) => {
                    if (c.phase === 'before') owner = c.newRecords![0].fields.get('ownerid') ?? null;
                }
            })
        );
        expect(owner).toEqual(new ApexId(ADMIN_ID));
    });

    it('passes saved copies with Ids to after triggers', () => {
        const env = makeEnv();
        let seen: ApexValue = null;
        dml(
            'insert',
            [rec('Account', { Name: 'a' })],
            env.opts({
                runTriggers: (c) => {
                    if (c.phase === 'after') seen = c.newRecords![0].fields.get('id') ?? null;
                }
            })
        );
        expect(seen).toBeInstanceOf(ApexId);
    });
});

describe('update', () => {
    it('merges the changed fields and stamps LastModified', () => {
        const env = makeEnv();
        const id = insertAccount(env, { Phone: '1' });
        env.now = NOW + 1000;
        dml('update', [rec('Account', { Id: new ApexId(id), Phone: '2' })], env.opts());
        const row = env.store.get('Account', id)!;
        expect(row.get('phone')).toBe('2');
        expect(row.get('name')).toBe('Acme');
        expect((row.get('lastmodifieddate') as ApexDatetime).epochMs).toBe(NOW + 1000);
        expect((row.get('createddate') as ApexDatetime).epochMs).toBe(NOW);
    });

    it('needs an Id', () => {
        const env = makeEnv();
        const e = thrown(() => dml('update', [rec('Account', { Name: 'x' })], env.opts()));
        expect(e.message).toBe(
            'Update failed. First exception on row 0; first error: MISSING_ARGUMENT, Id not specified in an update call: []'
        );
    });

    it('rejects an Id of another object', () => {
        const env = makeEnv();
        const e = thrown(() =>
            dml('update', [rec('Account', { Id: new ApexId('003000000000001AAA') })], env.opts())
        );
        expect(e.message).toContain(
            'MALFORMED_ID, Account ID: id value of incorrect type: 003000000000001AAA: [Id]'
        );
    });

    it('reports deleted and unknown records', () => {
        const env = makeEnv();
        const id = insertAccount(env);
        dml('delete', [rec('Account', { Id: new ApexId(id) })], env.opts());
        let e = thrown(() => dml('update', [rec('Account', { Id: new ApexId(id), Name: 'x' })], env.opts()));
        expect(e.message).toBe(
            `Update failed. First exception on row 0 with id ${id}; first error: ENTITY_IS_DELETED, entity is deleted: []`
        );
        e = thrown(() =>
            dml('update', [rec('Account', { Id: new ApexId('001000000000777AAA') })], env.opts())
        );
        expect(e.message).toContain('INVALID_CROSS_REFERENCE_KEY, invalid cross reference id: []');
    });

    it('refuses a required field set to null', () => {
        const env = makeEnv();
        const id = insertAccount(env);
        const e = thrown(() =>
            dml('update', [rec('Account', { Id: new ApexId(id), Name: null })], env.opts())
        );
        expect(e.message).toContain('REQUIRED_FIELD_MISSING, Required fields are missing: [Name]: [Name]');
    });

    it('throws ListException for a duplicate Id in the list', () => {
        const env = makeEnv();
        const id = insertAccount(env);
        const e = thrown(() =>
            dml(
                'update',
                [rec('Account', { Id: new ApexId(id) }), rec('Account', { Id: new ApexId(id) })],
                env.opts()
            )
        );
        expect(e.exceptionType).toBe('ListException');
        expect(e.message).toBe(`Duplicate id in list: ${id}`);
    });

    it('refuses a changed create-only field but accepts its unchanged value', () => {
        const env = makeEnv();
        const { orderId, itemId } = orderWithItem(env);
        const other = insertOrder(env);
        const same = rec('OrderItem', { Id: new ApexId(itemId), OrderId: new ApexId(orderId), Quantity: 2 });
        expect(dml('update', [same], env.opts())[0].success).toBe(true);
        const moved = rec('OrderItem', { Id: new ApexId(itemId), OrderId: new ApexId(other) });
        const e = thrown(() => dml('update', [moved], env.opts()));
        expect(e.message).toContain(
            'INVALID_FIELD_FOR_INSERT_UPDATE, Unable to create/update fields: OrderId.'
        );
    });
});

describe('upsert', () => {
    it('inserts without a match and updates with one (external id)', () => {
        const env = makeEnv();
        const a = rec('Account', { Name: 'a', Customer_Number__c: 'C1' });
        const [r1] = dml('upsert', [a], env.opts({ externalIdField: 'Customer_Number__c' }));
        expect(r1).toMatchObject({ success: true, created: true });
        const b = rec('Account', { Name: 'b', Customer_Number__c: 'c1' });
        const [r2] = dml('upsert', [b], env.opts({ externalIdField: 'Customer_Number__c' }));
        expect(r2).toMatchObject({ success: true, created: false, id: r1.id });
        expect((b.fields.get('id') as ApexId).value).toBe(r1.id);
        expect(env.store.get('Account', r1.id!)!.get('name')).toBe('b');
    });

    it('fails with DUPLICATE_EXTERNAL_ID when two records match', () => {
        const env = makeEnv();
        insertAccount(env, { WHMCS_Client_Id__c: '42' });
        insertAccount(env, { WHMCS_Client_Id__c: '42' });
        const e = thrown(() =>
            dml(
                'upsert',
                [rec('Account', { Name: 'x', WHMCS_Client_Id__c: '42' })],
                env.opts({ externalIdField: 'WHMCS_Client_Id__c' })
            )
        );
        expect(e.message).toMatch(
            /^Upsert failed\. First exception on row 0; first error: DUPLICATE_EXTERNAL_ID, WHMCS Client Id: more than one record found for external id field: \[001\w+, 001\w+\]: \[\]$/
        );
    });

    it('fails both records that carry the same key in one statement', () => {
        const env = makeEnv();
        const results = dml(
            'upsert',
            [
                rec('Account', { Name: 'x', WHMCS_Client_Id__c: '7' }),
                rec('Account', { Name: 'y', WHMCS_Client_Id__c: '7' })
            ],
            env.opts({ externalIdField: 'WHMCS_Client_Id__c', allOrNone: false })
        );
        expect(results.map((r) => r.errors[0]?.statusCode)).toEqual([
            'DUPLICATE_EXTERNAL_ID',
            'DUPLICATE_EXTERNAL_ID'
        ]);
    });

    it('upserts by Id', () => {
        const env = makeEnv();
        const id = insertAccount(env);
        const [r1, r2] = dml(
            'upsert',
            [rec('Account', { Id: new ApexId(id), Name: 'n' }), rec('Account', { Name: 'new' })],
            env.opts()
        );
        expect(r1).toMatchObject({ created: false, id });
        expect(r2.created).toBe(true);
    });
});

describe('delete and undelete', () => {
    it('moves the row to the recycle bin and back', () => {
        const env = makeEnv();
        const id = insertAccount(env);
        dml('delete', [rec('Account', { Id: new ApexId(id) })], env.opts());
        expect(env.store.get('Account', id)).toBeUndefined();
        expect(env.store.getDeleted('Account', id)!.get('isdeleted')).toBe(true);
        const e = thrown(() => dml('delete', [rec('Account', { Id: new ApexId(id) })], env.opts()));
        expect(e.message).toBe(
            `Delete failed. First exception on row 0 with id ${id}; first error: ENTITY_IS_DELETED, entity is deleted: []`
        );
        dml('undelete', [rec('Account', { Id: new ApexId(id) })], env.opts());
        expect(env.store.get('Account', id)!.get('isdeleted')).toBe(false);
    });

    it('cascades to detail rows and restores them on undelete; lookups are cleared', () => {
        const env = makeEnv();
        const { orderId, itemId } = orderWithItem(env);
        const parent = insertAccount(env);
        const child = insertAccount(env, { ParentId: new ApexId(parent) });
        dml('delete', [rec('Order', { Id: new ApexId(orderId) })], env.opts());
        expect(env.store.get('OrderItem', itemId)).toBeUndefined();
        dml('undelete', [rec('Order', { Id: new ApexId(orderId) })], env.opts());
        expect(env.store.get('OrderItem', itemId)).toBeDefined();
        dml('delete', [rec('Account', { Id: new ApexId(parent) })], env.opts());
        expect(env.store.get('Account', child)!.get('parentid')).toBeNull();
    });

    it('takes an account’s contacts and activities to the recycle bin with it, and brings them back', () => {
        const env = makeEnv();
        const account = insertAccount(env);
        const contact = rec('Contact', { LastName: 'C', AccountId: new ApexId(account) });
        const task = rec('Task', { Subject: 'Call', WhatId: new ApexId(account) });
        dml('insert', [contact, task], env.opts());
        const contactId = (contact.fields.get('id') as ApexId).value;
        const taskId = (task.fields.get('id') as ApexId).value;
        dml('delete', [rec('Account', { Id: new ApexId(account) })], env.opts());
        expect(env.store.get('Contact', contactId)).toBeUndefined();
        expect(env.store.get('Task', taskId)).toBeUndefined();
        expect(env.store.getDeleted('Task', taskId)).toBeDefined();
        dml('undelete', [rec('Account', { Id: new ApexId(account) })], env.opts());
        expect(env.store.get('Contact', contactId)).toBeDefined();
        expect(env.store.get('Task', taskId)!.get('whatid')).toEqual(new ApexId(account));
    });

    it('still stops at a task whose WhatId is a record other than an account', () => {
        const env = makeEnv();
        const { orderId } = orderWithItem(env);
        dml('insert', [rec('Task', { Subject: 'Call', WhatId: new ApexId(orderId) })], env.opts());
        expect(() => dml('delete', [rec('Order', { Id: new ApexId(orderId) })], env.opts())).toThrow(
            'delete of a Order referenced by Task.WhatId'
        );
    });
});

describe('merge', () => {
    it('updates the master, moves the children of the duplicate and deletes it', () => {
        const env = makeEnv();
        const master = insertAccount(env, { Name: 'Master' });
        const dup = insertAccount(env, { Name: 'Dup' });
        const c = rec('Contact', { LastName: 'C', AccountId: new ApexId(dup) });
        dml('insert', [c], env.opts());
        const contactId = (c.fields.get('id') as ApexId).value;
        const before = env.tx.dmlStatements;
        const r = merge(
            rec('Account', { Id: new ApexId(master), Phone: '9' }),
            [rec('Account', { Id: new ApexId(dup) })],
            env.opts()
        );
        expect(r).toEqual({
            success: true,
            id: master,
            errors: [],
            mergedRecordIds: [dup],
            updatedRelatedIds: [contactId]
        });
        expect(env.tx.dmlStatements).toBe(before + 1);
        expect(env.store.get('Account', master)!.get('phone')).toBe('9');
        expect(env.store.get('Account', dup)).toBeUndefined();
        expect(env.store.get('Contact', contactId)!.get('accountid')).toEqual(new ApexId(master));
    });

    it('fails like an update when the master is gone', () => {
        const env = makeEnv();
        const dup = insertAccount(env);
        const e = thrown(() =>
            merge(
                rec('Account', { Id: new ApexId('001000000000999AAA') }),
                [rec('Account', { Id: new ApexId(dup) })],
                env.opts()
            )
        );
        expect(e.message).toMatch(
            /^Merge failed\. First exception on row 0 with id 001000000000999AAA; first error: INVALID_CROSS_REFERENCE_KEY/
        );
        expect(env.store.get('Account', dup)).toBeDefined();
        expect(() => merge(rec('Order', {}), [], env.opts())).toThrow(UnsupportedError);
    });
});

describe('transaction rules', () => {
    it('the 151st DML statement throws LimitException', () => {
        const env = makeEnv();
        for (let i = 0; i < 150; i++) dml('insert', [rec('Account', { Name: `a${i}` })], env.opts());
        const e = thrown(() => dml('insert', [rec('Account', { Name: 'last' })], env.opts()));
        expect(e.exceptionType).toBe('LimitException');
        expect(e.message).toBe('Too many DML statements: 151');
    });

    it('more than 10,000 rows throws LimitException', () => {
        const env = makeEnv();
        const many = Array.from({ length: 10001 }, (_, i) => rec('Account', { Name: `a${i}` }));
        const e = thrown(() => dml('insert', many, env.opts()));
        expect(e.message).toBe('Too many DML rows: 10001');
    });

    it('DML before a callout leaves uncommitted work', () => {
        const env = makeEnv();
        expect(() => env.tx.assertCanCallout()).not.toThrow();
        insertAccount(env);
        expect(env.tx.hasUncommittedWork()).toBe(true);
        const e = thrown(() => env.tx.assertCanCallout());
        expect(e.exceptionType).toBe('CalloutException');
        expect(e.message).toBe(
            'You have uncommitted work pending. Please commit or rollback before calling out'
        );
        env.tx.commit();
        expect(env.tx.hasUncommittedWork()).toBe(false);
    });

    it('mixed DML: a setup object after a non-setup object fails with MIXED_DML_OPERATION', () => {
        const env = makeEnv();
        insertAccount(env);
        const e = thrown(() => dml('insert', [rec('UserRole', { Name: 'COO' })], env.opts()));
        expect(e.message).toBe(
            'Insert failed. First exception on row 0; first error: MIXED_DML_OPERATION, DML operation on setup object is not ' +
                'permitted after you have updated a non-setup object (or vice versa): UserRole, original object: Account: []'
        );
    });

    it('mixed DML: users without a role, and user updates that leave role/profile/activity alone, mix with others', () => {
        const env = makeEnv();
        const profile = '00e000000000001AAA';
        env.store.put('Profile', profile, new Map([['id', new ApexId(profile)]]));
        const role = rec('UserRole', { Name: 'COO' });
        env.tx.enterRunAs();
        dml('insert', [role], env.opts());
        env.tx.exitRunAs();
        insertAccount(env);
        const u = rec('User', { Username: 'u@x.test', LastName: 'U', ProfileId: new ApexId(profile) });
        expect(dml('insert', [u], env.opts())[0].success).toBe(true);
        const id = u.fields.get('id') as ApexId;
        expect(
            dml('update', [rec('User', { Id: id, LastName: 'V', ProfileId: profile })], env.opts())[0].success
        ).toBe(true);
        const withRole = rec('User', { Id: id, UserRoleId: role.fields.get('id')! });
        expect(dml('update', [withRole], env.opts({ allOrNone: false }))[0].errors[0].statusCode).toBe(
            'MIXED_DML_OPERATION'
        );
        const newWithRole = rec('User', {
            Username: 'r@x.test',
            LastName: 'R',
            ProfileId: new ApexId(profile),
            UserRoleId: role.fields.get('id')!
        });
        expect(dml('insert', [newWithRole], env.opts({ allOrNone: false }))[0].errors[0].statusCode).toBe(
            'MIXED_DML_OPERATION'
        );
    });

    it('mixed DML: inside System.runAs setup and non-setup DML mix; runAs counts as a DML statement', () => {
        const env = makeEnv();
        insertAccount(env);
        env.store.put('User', ADMIN_ID, new Map([['id', new ApexId(ADMIN_ID)]]));
        const assignment = () =>
            rec('PermissionSetAssignment', {
                AssigneeId: new ApexId(ADMIN_ID),
                PermissionSetId: '0PS000000000001'
            });
        env.tx.enterRunAs();
        expect(dml('insert', [assignment()], env.opts())[0].success).toBe(true);
        expect(insertAccount(env)).toMatch(/^001/);
        env.tx.exitRunAs();
        expect(env.tx.dmlStatements).toBe(4);
        // Outside the block the rule applies again.
        expect(dml('insert', [assignment()], env.opts({ allOrNone: false }))[0].errors[0].statusCode).toBe(
            'MIXED_DML_OPERATION'
        );
    });

    it('mixed DML: Group insert mixes with anything', () => {
        const env = makeEnv();
        insertAccount(env);
        expect(dml('insert', [rec('Group', { Name: 'g' })], env.opts())[0].success).toBe(true);
    });

    it('savepoint and rollback undo later DML and invalidate later savepoints', () => {
        const env = makeEnv();
        const kept = insertAccount(env);
        const sp1 = env.tx.setSavepoint();
        const gone = insertAccount(env, { Name: 'gone' });
        const sp2 = env.tx.setSavepoint();
        dml('update', [rec('Account', { Id: new ApexId(kept), Name: 'changed' })], env.opts());
        env.tx.rollback(sp1);
        expect(env.store.get('Account', gone)).toBeUndefined();
        expect(env.store.get('Account', kept)!.get('name')).toBe('Acme');
        expect(() => env.tx.rollback(sp2)).toThrow(UnsupportedError);
        // sp1 stays usable; savepoints and rollbacks count as DML statements.
        env.tx.rollback(sp1);
        expect(env.tx.dmlStatements).toBe(7);
    });

    it('a savepoint of another transaction is refused', () => {
        const env = makeEnv();
        const sp = env.tx.setSavepoint();
        const next = new Transaction(env.store);
        expect(() => next.rollback(sp)).toThrow(UnsupportedError);
    });
});

describe('price books and orders', () => {
    it('a custom price needs a standard price first', () => {
        const env = makeEnv();
        const product = insertProduct(env);
        const custom = rec('Pricebook2', { Name: 'Custom', IsActive: true });
        dml('insert', [custom], env.opts());
        const entry = (book: string) =>
            rec('PricebookEntry', {
                Pricebook2Id: book,
                Product2Id: new ApexId(product),
                UnitPrice: 10,
                IsActive: true
            });
        const customId = (custom.fields.get('id') as ApexId).value;
        const e = thrown(() => dml('insert', [entry(customId)], env.opts()));
        expect(e.message).toContain(
            'STANDARD_PRICE_NOT_DEFINED, No standard price defined for this product: []'
        );
        const std = env.store.standardPricebookId(env.schema, ADMIN_ID, NOW);
        dml('insert', [entry(std)], env.opts());
        expect(dml('insert', [entry(customId)], env.opts())[0].success).toBe(true);
        const dup = thrown(() => dml('insert', [entry(std)], env.opts()));
        expect(dup.message).toContain(
            'DUPLICATE_VALUE, This price definition already exists in this price book: []'
        );
    });

    it('the standard price book is hidden from SOQL until DML updates it', () => {
        const env = makeEnv();
        const std = env.store.standardPricebookId(env.schema, ADMIN_ID, NOW);
        expect(env.store.standardPricebookId(env.schema, ADMIN_ID, NOW)).toBe(std);
        expect(env.store.table('Pricebook2').size).toBe(0);
        dml('update', [rec('Pricebook2', { Id: new ApexId(std), IsActive: true })], env.opts());
        expect(env.store.table('Pricebook2').get(std)!.get('isstandard')).toBe(true);
    });

    it("an order product's entry must belong to the order's price book; ListPrice and Product2Id follow the entry", () => {
        const env = makeEnv();
        const { itemId } = orderWithItem(env);
        const item = env.store.get('OrderItem', itemId)!;
        expect(item.get('listprice')).toEqual(new Decimal(500000n, 2));
        expect(item.get('product2id')).toBeInstanceOf(ApexId);
        const product = insertProduct(env);
        const std = env.store.standardPricebookId(env.schema, ADMIN_ID, NOW);
        const custom = rec('Pricebook2', { Name: 'Custom' });
        dml('insert', [custom], env.opts());
        dml(
            'insert',
            [
                rec('PricebookEntry', {
                    Pricebook2Id: new ApexId(std),
                    Product2Id: new ApexId(product),
                    UnitPrice: 1
                })
            ],
            env.opts()
        );
        const customEntry = rec('PricebookEntry', {
            Pricebook2Id: custom.fields.get('id')!,
            Product2Id: new ApexId(product),
            UnitPrice: 1
        });
        dml('insert', [customEntry], env.opts());
        const order = insertOrder(env);
        const e = thrown(() =>
            dml(
                'insert',
                [
                    rec('OrderItem', {
                        OrderId: new ApexId(order),
                        PricebookEntryId: customEntry.fields.get('id')!,
                        Quantity: 1,
                        UnitPrice: 1
                    })
                ],
                env.opts()
            )
        );
        expect(e.message).toContain(
            'FIELD_INTEGRITY_EXCEPTION, Order Products must have a Price Book Entry that belongs to the Price Book related to the parent Order: []'
        );
    });

    it('activating an order without products is Unsupported (message undocumented); with products it works', () => {
        const env = makeEnv();
        const empty = insertOrder(env);
        expect(() =>
            dml('update', [rec('Order', { Id: new ApexId(empty), Status: 'Activated' })], env.opts())
        ).toThrow(UnsupportedError);
        const { orderId } = orderWithItem(env);
        expect(
            dml('update', [rec('Order', { Id: new ApexId(orderId), Status: 'Activated' })], env.opts())[0]
                .success
        ).toBe(true);
    });

    it('Order Status takes its picklist default', () => {
        const env = makeEnv();
        const id = insertOrder(env);
        expect(env.store.get('Order', id)!.get('status')).toBe('Draft');
    });
});

describe('user mode', () => {
    const customer = () =>
        user({ id: '005000000000002AAA', profileName: 'Standard User', permissionSets: ['Portal_Customer'] });

    it('a missing object permission throws SecurityException', () => {
        const env = makeEnv();
        const e = thrown(() =>
            dml('insert', [rec('Product2', { Name: 'p' })], env.opts({ mode: 'user', user: customer() }))
        );
        expect(e.exceptionType).toBe('SecurityException');
        expect(e.message).toBe('DML operation INSERT not allowed on Product2');
    });

    it('a field missing from Portal_Customer fails the statement with the FLS DmlException', () => {
        const env = makeEnv();
        const u = customer();
        const e = thrown(() =>
            dml(
                'insert',
                [rec('Account', { Name: 'a', Customer_Number__c: 'C9', Phone: '1' })],
                env.opts({ mode: 'user', user: u })
            )
        );
        expect(e.exceptionType).toBe('DmlException');
        expect(e.message).toBe(
            'Operation failed due to fields being inaccessible on Sobject Account, check errors on Exception or Result!'
        );
        expect((e.detail as DmlRowError[])[0]).toMatchObject({
            statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
            fields: ['Customer_Number__c']
        });
    });

    it('allOrNone=false reports the FLS error on the row', () => {
        const env = makeEnv();
        const [r] = dml(
            'insert',
            [rec('Account', { Name: 'a', Customer_Number__c: 'C9' })],
            env.opts({ mode: 'user', user: customer(), allOrNone: false })
        );
        expect(r.success).toBe(false);
        expect(r.errors[0].fields).toEqual(['Customer_Number__c']);
        expect(r.errors[0].message).toMatch(/^Unable to create\/update fields: Customer_Number__c\. /);
    });

    it('system mode ignores object and field permissions', () => {
        const env = makeEnv();
        const [r] = dml(
            'insert',
            [rec('Account', { Name: 'a', Customer_Number__c: 'C9' })],
            env.opts({ user: customer() })
        );
        expect(r.success).toBe(true);
    });

    it('user mode applies sharing: editing a record the user does not own fails', () => {
        const env = makeEnv();
        const id = insertAccount(env);
        const other = user({ id: '005000000000003AAA', profileName: 'Standard User' });
        const [r] = dml(
            'update',
            [rec('Account', { Id: new ApexId(id), Phone: '2' })],
            env.opts({ mode: 'user', user: other, allOrNone: false })
        );
        expect(r.errors[0]).toEqual({
            statusCode: 'INSUFFICIENT_ACCESS_OR_READONLY',
            message: 'insufficient access rights on object id',
            fields: []
        });
    });

    it('a queried field counts as set only when its value changed', () => {
        const env = makeEnv();
        const editor = user({
            id: '005000000000004AAA',
            profileName: 'Standard User',
            permissionSets: ['Account_Editor']
        });
        const a = rec('Account', { Name: 'Acme', Customer_Number__c: 'Q1' });
        dml('insert', [a], env.opts({ user: editor }));
        const queried = (number: string) => {
            const r = rec('Account', { Id: a.fields.get('id')!, Name: 'Acme 2', Customer_Number__c: number });
            r.queried = new Set(['id', 'name', 'customer_number__c']);
            return r;
        };
        const asEditor = env.opts({ mode: 'user', user: editor, allOrNone: false });
        expect(dml('update', [queried('Q1')], asEditor)[0].success).toBe(true);
        expect(dml('update', [queried('Q2')], asEditor)[0].errors[0].fields).toEqual(['Customer_Number__c']);
    });
});

function insertProduct(env: Env): string {
    const p = rec('Product2', { Name: 'Fiber', IsActive: true });
    dml('insert', [p], env.opts());
    return (p.fields.get('id') as ApexId).value;
}

function insertOrder(env: Env): string {
    const acc = insertAccount(env);
    const std = env.store.standardPricebookId(env.schema, ADMIN_ID, NOW);
    const o = rec('Order', {
        AccountId: new ApexId(acc),
        EffectiveDate: new ApexDate(2026, 12, 6),
        Pricebook2Id: new ApexId(std)
    });
    dml('insert', [o], env.opts());
    return (o.fields.get('id') as ApexId).value;
}

function orderWithItem(env: Env): { orderId: string; itemId: string } {
    const product = insertProduct(env);
    const std = env.store.standardPricebookId(env.schema, ADMIN_ID, NOW);
    const entry = rec('PricebookEntry', {
        Pricebook2Id: new ApexId(std),
        Product2Id: new ApexId(product),
        UnitPrice: 5000,
        IsActive: true
    });
    dml('insert', [entry], env.opts());
    const orderId = insertOrder(env);
    const item = rec('OrderItem', {
        OrderId: new ApexId(orderId),
        PricebookEntryId: entry.fields.get('id')!,
        Quantity: 1,
        UnitPrice: 5000
    });
    dml('insert', [item], env.opts());
    return { orderId, itemId: (item.fields.get('id') as ApexId).value };
}
