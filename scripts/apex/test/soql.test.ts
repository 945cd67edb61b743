import { ApexParserFactory, SoqlLiteralContext, type ExpressionContext } from '@apexdevtools/apex-parser';
import {
    ApexDate,
    ApexDatetime,
    ApexId,
    ApexList,
    ApexSet,
    ApexSystemError,
    Decimal,
    SObjectValue,
    T,
    UnsupportedError,
    type ApexValue
} from '../values/model';
import { parseSoql, queryAccessMode, runSoql } from '../data/soql';
import { NOW, harness, id, insert, type Harness } from './soqlFixture';

const A1 = id('001', 1);
const A2 = id('001', 2);
const A3 = id('001', 3);
const A4 = id('001', 4);
const A5 = id('001', 5);
const U1 = id('005', 1);
const U2 = id('005', 2);
const G1 = id('00G', 1);
const C1 = id('003', 1);
const C2 = id('003', 2);
const C3 = id('003', 3);
const C4 = id('003', 4);
const DAY = 86_400_000;
const dec = (unscaled: number, scale = 0) => new Decimal(BigInt(unscaled), scale);

function seed(): Harness {
    const h = harness();
    const s = h.store;
    insert(s, 'User', { Id: U1, Name: 'Ursula', Email: 'u1@example.com', Secret__c: 'x' });
    insert(s, 'User', { Id: U2, Name: 'Umberto', Email: 'u2@example.com' });
    insert(s, 'Group', { Id: G1, Name: 'Queue' });
    insert(s, 'Account', {
        Id: A1,
        Name: 'Acme',
        Industry: 'Telecom',
        AnnualRevenue: dec(100000),
        NumberOfEmployees: 10,
        CreatedDate: new ApexDatetime(NOW - DAY), // 2026-03-14 12:00 Tokyo
        Tags__c: 'Red;Blue',
        Active__c: true,
        Since__c: new ApexDate(2020, 1, 1),
        Code__c: 'abc',
        OwnerId: U1,
        ParentId: null
    });
    insert(s, 'Account', {
        Id: A2,
        Name: 'beta',
        Industry: 'Banking',
        AnnualRevenue: dec(25050, 2),
        NumberOfEmployees: 20,
        CreatedDate: new ApexDatetime(Date.UTC(2026, 2, 14, 16, 0, 0)), // 2026-03-15 01:00 Tokyo
        Tags__c: 'Green',
        Active__c: false,
        Since__c: new ApexDate(2026, 3, 1),
        Code__c: 'ABC',
        OwnerId: U2,
        ParentId: A1
    });
    insert(s, 'Account', {
        Id: A3,
        Name: null,
        Industry: null,
        AnnualRevenue: null,
        NumberOfEmployees: 5,
        CreatedDate: new ApexDatetime(Date.UTC(2025, 0, 1)),
        Active__c: true,
        OwnerId: null,
        ParentId: A1
    });
    insert(s, 'Account', {
        Id: A4,
        Name: 'Gamma',
        Industry: 'Agriculture',
        AnnualRevenue: dec(2505, 1),
        NumberOfEmployees: 20,
        CreatedDate: new ApexDatetime(Date.UTC(2026, 1, 1)),
        Tags__c: 'Blue;Green',
        Active__c: false,
        OwnerId: U1
    });
    insert(s, 'Account', { Id: A5, Name: 'Deleted Co', NumberOfEmployees: 1 }, true);
    insert(s, 'Contact', {
        Id: C1,
        Name: 'Sam Smith',
        LastName: 'Smith',
        AccountId: A1,
        Birthdate: new ApexDate(1990, 3, 15)
    });
    insert(s, 'Contact', { Id: C2, Name: 'Jo Jones', LastName: 'Jones', AccountId: A1 });
    insert(s, 'Contact', { Id: C3, Name: 'Or Phan', LastName: 'Orphan', AccountId: null });
    insert(s, 'Contact', { Id: C4, Name: 'Be Person', LastName: 'Person', AccountId: A2 });
    insert(s, 'Task', { Id: id('00T', 1), Subject: 'Call', WhatId: A1, OwnerId: U1 });
    insert(s, 'Task', { Id: id('00T', 2), Subject: 'Mail', WhatId: C1, WhoId: C1, OwnerId: G1 });
    return h;
}

const ids = (records: SObjectValue[]) => records.map((r) => (r.fields.get('id') as ApexId).value);
const names = (records: SObjectValue[], key = 'name') => records.map((r) => r.fields.get(key) ?? null);

function queryError(fn: () => unknown): ApexSystemError {
    try {
        fn();
    } catch (e) {
        if (e instanceof ApexSystemError && e.exceptionType === 'QueryException') return e;
        throw e;
    }
    throw new Error('no QueryException');
}

describe('SOQL: select list and records', () => {
    test('record shape', () => {
        const h = seed();
        h.binds.a = A1;
        const [acme] = h.records('select name from account where id = :a');
        expect(acme.sobjectType).toBe('Account');
        expect([...acme.fields.keys()].sort()).toEqual(['id', 'name']);
        expect([...acme.queried!].sort()).toEqual(['id', 'name']);
        expect(acme.fields.get('id')).toBeInstanceOf(ApexId);
        expect((acme.fields.get('id') as ApexId).value).toBe(A1.value);
    });

    test('parent paths build parent SObjects with their own queried sets; a null parent is null', () => {
        const h = seed();
        const rows = h.records(
            'SELECT LastName, Account.Name, Account.Owner.Name FROM Contact ORDER BY LastName'
        );
        const smith = rows.find((r) => r.fields.get('lastname') === 'Smith')!;
        expect([...smith.queried!].sort()).toEqual(['account', 'accountid', 'id', 'lastname']);
        expect(smith.fields.get('accountid')).toEqual(A1);
        const account = smith.fields.get('account') as SObjectValue;
        expect(account.sobjectType).toBe('Account');
        expect(account.fields.get('name')).toBe('Acme');
        expect([...account.queried!].sort()).toEqual(['id', 'name', 'owner', 'ownerid']);
        const owner = account.fields.get('owner') as SObjectValue;
        expect(owner.sobjectType).toBe('User');
        expect(owner.fields.get('name')).toBe('Ursula');
        expect([...owner.queried!].sort()).toEqual(['id', 'name']);
        const orphan = rows.find((r) => r.fields.get('lastname') === 'Orphan')!;
        expect(orphan.fields.get('account')).toBeNull();
        expect(orphan.queried!.has('account')).toBe(true);
    });

    test('custom relationship through the same object and the FROM alias prefix', () => {
        const h = seed();
        const rows = h.records(
            "SELECT a.Name, a.Parent.Name FROM Account a WHERE a.Parent.Name = 'acme' ORDER BY Name"
        );
        expect(names(rows)).toEqual([null, 'beta']);
        expect((rows[1].fields.get('parent') as SObjectValue).fields.get('name')).toBe('Acme');
    });

    test('polymorphic relationships resolve the parent type by key prefix', () => {
        const h = seed();
        const rows = h.records('SELECT Subject, What.Name, Owner.Name FROM Task ORDER BY Subject');
        expect((rows[0].fields.get('what') as SObjectValue).sobjectType).toBe('Account');
        expect((rows[1].fields.get('what') as SObjectValue).sobjectType).toBe('Contact');
        expect((rows[1].fields.get('owner') as SObjectValue).sobjectType).toBe('Group');
        expect((rows[1].fields.get('owner') as SObjectValue).fields.get('name')).toBe('Queue');
        expect(queryError(() => h.run('SELECT Owner.Foo FROM Task')).message).toMatch(
            /^No such column 'Foo' on entity 'Name'/
        );
    });

    test('a lookup to any object reads Id and Name of the record its key prefix names', () => {
        const h = seed();
        insert(h.store, 'Event', { Id: id('00U', 1), Subject: 'Visit', WhatId: C1 });
        insert(h.store, 'Event', { Id: id('00U', 2), Subject: 'Lunch', WhatId: A2 });
        const rows = h.records(
            "SELECT Subject, What.Name FROM Event WHERE What.Name LIKE '%m%' ORDER BY Subject"
        );
        expect(rows.map((r) => (r.fields.get('what') as SObjectValue).sobjectType)).toEqual(['Contact']);
        expect((rows[0].fields.get('what') as SObjectValue).fields.get('name')).toBe('Sam Smith');
        expect(() => h.run('SELECT What.Industry FROM Event')).toThrow(UnsupportedError);
        // Email exists on User but not on Group: the Name object's rules are not modelled.
        expect(() => h.run('SELECT Owner.Email FROM Task')).toThrow(UnsupportedError);
    });

    test('child subqueries: lists under the lower-cased relationship name, filtered, ordered, limited; empty list when none', () => {
        const h = seed();
        const rows = h.records(
            'SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName), ' +
                "(SELECT Name FROM ChildAccounts WHERE Name != null LIMIT 1) FROM Account WHERE Id IN ('" +
                A1.value +
                "', '" +
                A3.value +
                "') ORDER BY Name NULLS LAST"
        );
        const [acme, noName] = rows;
        const contacts = acme.fields.get('contacts') as ApexList;
        expect(contacts).toBeInstanceOf(ApexList);
        expect(contacts.elementType).toEqual({ name: 'Contact' });
        expect(contacts.items.map((c) => (c as SObjectValue).fields.get('lastname'))).toEqual([
            'Jones',
            'Smith'
        ]);
        expect([...(contacts.items[0] as SObjectValue).queried!].sort()).toEqual(['id', 'lastname']);
        expect(acme.queried!.has('contacts')).toBe(true);
        expect(names((acme.fields.get('childaccounts') as ApexList).items as SObjectValue[])).toEqual([
            'beta'
        ]);
        expect((noName.fields.get('contacts') as ApexList).items).toEqual([]);
    });
});

describe('SOQL: nested subqueries', () => {
    test('a child subquery can hold its own child subquery', () => {
        const h = seed();
        const [acme] = h.records(
            "SELECT Name, (SELECT LastName, (SELECT Subject FROM Tasks) FROM Contacts ORDER BY LastName DESC) FROM Account WHERE Name = 'Acme'"
        );
        const contacts = (acme.fields.get('contacts') as ApexList).items as SObjectValue[];
        expect(contacts.map((c) => c.fields.get('lastname'))).toEqual(['Smith', 'Jones']);
        expect(
            ((contacts[0].fields.get('tasks') as ApexList).items as SObjectValue[]).map((t) =>
                t.fields.get('subject')
            )
        ).toEqual(['Mail']);
        expect((contacts[1].fields.get('tasks') as ApexList).items).toEqual([]);
        expect(
            h.run(
                "SELECT Id, (SELECT Id, (SELECT Id FROM Tasks) FROM Contacts) FROM Account WHERE Name = 'Acme'"
            ).rows
        ).toBe(1 + 2 + 1);
    });

    test('Type of a polymorphic relationship is Unsupported', () => {
        const h = seed();
        expect(() => h.run("SELECT Id FROM Task WHERE What.Type = 'Account'")).toThrow(UnsupportedError);
    });
});

describe('SOQL: WHERE', () => {
    test('AND / OR / NOT with parentheses', () => {
        const h = seed();
        expect(
            ids(
                h.records(
                    "SELECT Id FROM Account WHERE (Industry = 'Telecom' OR Industry = 'Banking') AND Active__c = true"
                )
            )
        ).toEqual([A1.value]);
        expect(ids(h.records("SELECT Id FROM Account WHERE NOT Name = 'Acme'"))).toEqual([
            A2.value,
            A3.value,
            A4.value
        ]);
        expect(
            ids(h.records("SELECT Id FROM Account WHERE Active__c = false AND (NOT Name LIKE 'b%')"))
        ).toEqual([A4.value]);
    });

    test('text = is case-insensitive unless the field is case-sensitive', () => {
        const h = seed();
        expect(ids(h.records("SELECT Id FROM Account WHERE Name = 'ACME'"))).toEqual([A1.value]);
        expect(ids(h.records("SELECT Id FROM Account WHERE Code__c = 'abc'"))).toEqual([A1.value]);
    });

    test('null: = null / != null; != and NOT IN keep null rows, ordering operators never match null', () => {
        const h = seed();
        expect(ids(h.records('SELECT Id FROM Account WHERE Name = null'))).toEqual([A3.value]);
        expect(ids(h.records('SELECT Id FROM Account WHERE Name != null'))).toEqual([
            A1.value,
            A2.value,
            A4.value
        ]);
        expect(ids(h.records("SELECT Id FROM Account WHERE Name != 'Acme'"))).toEqual([
            A2.value,
            A3.value,
            A4.value
        ]);
        expect(ids(h.records("SELECT Id FROM Account WHERE Name NOT IN ('Acme', 'beta')"))).toEqual([
            A3.value,
            A4.value
        ]);
        expect(ids(h.records('SELECT Id FROM Account WHERE AnnualRevenue < 1000'))).toEqual([
            A2.value,
            A4.value
        ]);
        expect(ids(h.records("SELECT Id FROM Account WHERE Name < 'z'"))).toEqual([
            A1.value,
            A2.value,
            A4.value
        ]);
    });

    test('numbers compare numerically across scales and types', () => {
        const h = seed();
        expect(ids(h.records('SELECT Id FROM Account WHERE AnnualRevenue = 250.5'))).toEqual([
            A2.value,
            A4.value
        ]);
        expect(
            ids(
                h.records(
                    'SELECT Id FROM Account WHERE NumberOfEmployees >= 10 AND NumberOfEmployees <= 19.5'
                )
            )
        ).toEqual([A1.value]);
        h.binds.n = 20;
        h.binds.d = dec(-15, 1);
        expect(ids(h.records('SELECT Id FROM Account WHERE NumberOfEmployees = :n'))).toEqual([
            A2.value,
            A4.value
        ]);
        expect(ids(h.records('SELECT Id FROM Account WHERE AnnualRevenue > :d'))).toEqual([
            A1.value,
            A2.value,
            A4.value
        ]);
        expect(
            ids(
                h.records('SELECT Id FROM Account WHERE NumberOfEmployees > -1.5 AND NumberOfEmployees <> 20')
            )
        ).toEqual([A1.value, A3.value]);
    });

    test('LIKE: case-insensitive, % and _, backslash escapes', () => {
        const h = seed();
        insert(h.store, 'Account', { Id: id('001', 9), Name: '50% off_now' });
        expect(names(h.records("SELECT Name FROM Account WHERE Name LIKE 'ac%'"))).toEqual(['Acme']);
        expect(names(h.records("SELECT Name FROM Account WHERE Name LIKE '_ETA'"))).toEqual(['beta']);
        expect(names(h.records("SELECT Name FROM Account WHERE Name LIKE '50\\% off\\_%'"))).toEqual([
            '50% off_now'
        ]);
        expect(names(h.records("SELECT Name FROM Account WHERE Name LIKE '5_\\%%'"))).toEqual([
            '50% off_now'
        ]);
        expect(names(h.records("SELECT Name FROM Account WHERE Name LIKE '50\\%'"))).toEqual([]);
    });

    test('IN / NOT IN with literal lists, bind lists and sets; an empty bind matches nothing', () => {
        const h = seed();
        h.binds.names = new ApexList(T.String, ['acme', 'GAMMA']);
        h.binds.ids = new ApexSet(T.Id, new Map([[A2.value, A2]]));
        h.binds.none = new ApexList(T.String, []);
        h.binds.accounts = new ApexList({ name: 'Account' }, [
            new SObjectValue('Account', new Map([['id', A4]]))
        ]);
        expect(ids(h.records('SELECT Id FROM Account WHERE Name IN :names'))).toEqual([A1.value, A4.value]);
        expect(ids(h.records('SELECT Id FROM Account WHERE Id IN :ids'))).toEqual([A2.value]);
        expect(ids(h.records('SELECT Id FROM Account WHERE Id IN :accounts'))).toEqual([A4.value]);
        expect(ids(h.records('SELECT Id FROM Account WHERE Name IN :none'))).toEqual([]);
        expect(ids(h.records('SELECT Id FROM Account WHERE Name NOT IN :none'))).toHaveLength(4);
        expect(ids(h.records("SELECT Id FROM Account WHERE Industry IN ('telecom', 'Banking')"))).toEqual([
            A1.value,
            A2.value
        ]);
        expect(ids(h.records('SELECT Id FROM Account WHERE NumberOfEmployees IN (5, 10)'))).toEqual([
            A1.value,
            A3.value
        ]);
        h.binds.amounts = new ApexList(T.Decimal, [new Decimal(1n, -5), dec(2505000, 4)]);
        expect(ids(h.records('SELECT Id FROM Account WHERE AnnualRevenue IN :amounts'))).toEqual([
            A1.value,
            A2.value,
            A4.value
        ]);
    });

    test('INCLUDES / EXCLUDES on multi-select picklists (a;b means both)', () => {
        const h = seed();
        expect(ids(h.records("SELECT Id FROM Account WHERE Tags__c INCLUDES ('blue')"))).toEqual([
            A1.value,
            A4.value
        ]);
        expect(ids(h.records("SELECT Id FROM Account WHERE Tags__c INCLUDES ('Blue;Green', 'Red')"))).toEqual(
            [A1.value, A4.value]
        );
        expect(ids(h.records("SELECT Id FROM Account WHERE Tags__c INCLUDES ('Blue;Green')"))).toEqual([
            A4.value
        ]);
        expect(ids(h.records("SELECT Id FROM Account WHERE Tags__c EXCLUDES ('Blue')"))).toEqual([
            A2.value,
            A3.value
        ]);
        expect(ids(h.records("SELECT Id FROM Account WHERE Tags__c = 'blue;RED'"))).toEqual([A1.value]);
        expect(ids(h.records("SELECT Id FROM Account WHERE Tags__c = 'Blue'"))).toEqual([]);
        expect(ids(h.records("SELECT Id FROM Account WHERE Tags__c != 'Green'"))).toEqual([
            A1.value,
            A3.value,
            A4.value
        ]);
        expect(queryError(() => h.run("SELECT Id FROM Account WHERE Name INCLUDES ('a')")).message).toMatch(
            /multi-select/
        );
    });

    test('semi-join and anti-join on Id and reference fields', () => {
        const h = seed();
        expect(ids(h.records('SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact)'))).toEqual([
            A1.value,
            A2.value
        ]);
        expect(
            ids(
                h.records(
                    "SELECT Id FROM Account WHERE Id NOT IN (SELECT AccountId FROM Contact WHERE LastName != 'Person')"
                )
            )
        ).toEqual([A2.value, A3.value, A4.value]);
        expect(
            ids(
                h.records(
                    "SELECT Id FROM Contact WHERE AccountId IN (SELECT Id FROM Account WHERE Name = 'beta')"
                )
            )
        ).toEqual([C4.value]);
    });

    test('a semi-join on the same object is refused', () => {
        const h = seed();
        expect(
            queryError(() =>
                h.run("SELECT Id FROM Account WHERE ParentId IN (SELECT Id FROM Account WHERE Name = 'Acme')")
            ).message
        ).toBe('The inner and outer selects should not be on the same object type');
    });

    test('Id comparisons: 15-character binds are converted, invalid ones are a QueryException', () => {
        const h = seed();
        h.binds.short = A2.value.slice(0, 15);
        h.binds.bad = 'foo';
        expect(ids(h.records('SELECT Id FROM Account WHERE Id = :short'))).toEqual([A2.value]);
        expect(ids(h.records(`SELECT Id FROM Account WHERE ParentId = '${A1.value.slice(0, 15)}'`))).toEqual([
            A2.value,
            A3.value
        ]);
        expect(queryError(() => h.run('SELECT Id FROM Account WHERE Id = :bad')).message).toBe(
            'invalid ID field: foo'
        );
    });

    test('booleans', () => {
        const h = seed();
        expect(ids(h.records('SELECT Id FROM Account WHERE Active__c = TRUE'))).toEqual([A1.value, A3.value]);
        expect(ids(h.records('SELECT Id FROM Account WHERE Active__c != true'))).toEqual([
            A2.value,
            A4.value
        ]);
    });
});

describe('SOQL: dates', () => {
    test('date literals are days of the user time zone', () => {
        const h = seed();
        expect(ids(h.records('SELECT Id FROM Account WHERE CreatedDate = TODAY'))).toEqual([A2.value]);
        expect(ids(h.records('SELECT Id FROM Account WHERE CreatedDate = YESTERDAY'))).toEqual([A1.value]);
        expect(ids(h.records('SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS:1'))).toEqual([
            A1.value,
            A2.value
        ]);
        expect(ids(h.records('SELECT Id FROM Account WHERE CreatedDate < LAST_N_DAYS:30'))).toEqual([
            A3.value,
            A4.value
        ]);
        expect(ids(h.records('SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS:30'))).toEqual([
            A1.value,
            A2.value
        ]);
        expect(ids(h.records('SELECT Id FROM Account WHERE CreatedDate = THIS_MONTH'))).toEqual([
            A1.value,
            A2.value
        ]);
        expect(ids(h.records('SELECT Id FROM Account WHERE CreatedDate = LAST_MONTH'))).toEqual([A4.value]);
        expect(ids(h.records('SELECT Id FROM Account WHERE CreatedDate > LAST_YEAR'))).toEqual([
            A1.value,
            A2.value,
            A4.value
        ]);
        expect(ids(h.records('SELECT Id FROM Account WHERE CreatedDate = LAST_N_MONTHS:14'))).toEqual([
            A3.value,
            A4.value
        ]);
        // In UTC the same instants fall one day earlier.
        expect(
            ids(h.records('SELECT Id FROM Account WHERE CreatedDate = TODAY', { timeZone: 'UTC' }))
        ).toEqual([]);
        expect(
            ids(h.records('SELECT Id FROM Account WHERE CreatedDate = YESTERDAY', { timeZone: 'UTC' }))
        ).toEqual([A1.value, A2.value]);
    });

    test('date fields against literals, formulas and binds', () => {
        const h = seed();
        h.binds.d = new ApexDate(2026, 3, 1);
        expect(ids(h.records('SELECT Id FROM Account WHERE Since__c > 2020-01-01'))).toEqual([A2.value]);
        expect(ids(h.records('SELECT Id FROM Account WHERE Since__c = :d'))).toEqual([A2.value]);
        expect(ids(h.records('SELECT Id FROM Account WHERE Since__c = THIS_YEAR'))).toEqual([A2.value]);
        expect(ids(h.records('SELECT Id FROM Account WHERE Since__c >= THIS_MONTH'))).toEqual([A2.value]);
        expect(ids(h.records('SELECT Id FROM Account WHERE Since__c != THIS_MONTH'))).toEqual([
            A1.value,
            A3.value,
            A4.value
        ]);
        expect(queryError(() => h.run("SELECT Id FROM Account WHERE Since__c = '2020-01-01'")).message).toBe(
            "value of filter criterion for field 'Since__c' must be of type date and should not be enclosed in quotes"
        );
    });

    test('datetime literals with offsets', () => {
        const h = seed();
        expect(
            ids(h.records('SELECT Id FROM Account WHERE CreatedDate >= 2026-03-15T00:00:00+09:00'))
        ).toEqual([A2.value]);
        expect(ids(h.records('SELECT Id FROM Account WHERE CreatedDate < 2025-01-01T00:00:01Z'))).toEqual([
            A3.value
        ]);
    });

    test('date functions read UTC unless convertTimezone()', () => {
        const h = seed();
        h.binds.today = new ApexDate(2026, 3, 15);
        expect(ids(h.records('SELECT Id FROM Account WHERE DAY_ONLY(CreatedDate) = :today'))).toEqual([]);
        expect(
            ids(h.records('SELECT Id FROM Account WHERE DAY_ONLY(convertTimezone(CreatedDate)) = :today'))
        ).toEqual([A2.value]);
        expect(ids(h.records('SELECT Id FROM Account WHERE CALENDAR_YEAR(CreatedDate) = 2025'))).toEqual([
            A3.value
        ]);
        expect(ids(h.records('SELECT Id FROM Account WHERE HOUR_IN_DAY(CreatedDate) = 16'))).toEqual([
            A2.value
        ]);
    });

    test('week and fiscal literals need settings the engine does not have', () => {
        const h = seed();
        expect(() => h.run('SELECT Id FROM Account WHERE CreatedDate = THIS_WEEK')).toThrow(UnsupportedError);
        expect(() => h.run('SELECT Id FROM Account WHERE CreatedDate = THIS_FISCAL_YEAR')).toThrow(
            UnsupportedError
        );
        // 2026-03-15 is a Sunday: with Sunday as the first day the week is 15-21 March.
        expect(
            ids(h.records('SELECT Id FROM Account WHERE CreatedDate = THIS_WEEK', { locale: 'ja_JP' }))
        ).toEqual([A2.value]);
        expect(
            ids(h.records('SELECT Id FROM Account WHERE CreatedDate = LAST_WEEK', { locale: 'ja_JP' }))
        ).toEqual([A1.value]);
    });
});

describe('SOQL: ORDER BY, LIMIT, OFFSET', () => {
    test('ASC and DESC put nulls first by default; NULLS LAST / FIRST override; text case-insensitive', () => {
        const h = seed();
        expect(names(h.records('SELECT Name FROM Account ORDER BY Name'))).toEqual([
            null,
            'Acme',
            'beta',
            'Gamma'
        ]);
        expect(names(h.records('SELECT Name FROM Account ORDER BY Name DESC'))).toEqual([
            null,
            'Gamma',
            'beta',
            'Acme'
        ]);
        expect(names(h.records('SELECT Name FROM Account ORDER BY Name ASC NULLS LAST'))).toEqual([
            'Acme',
            'beta',
            'Gamma',
            null
        ]);
        expect(names(h.records('SELECT Name FROM Account ORDER BY Name DESC NULLS FIRST'))).toEqual([
            null,
            'Gamma',
            'beta',
            'Acme'
        ]);
    });

    test('several keys, parent fields, picklists by picklist order', () => {
        const h = seed();
        expect(
            names(h.records('SELECT Name FROM Account ORDER BY NumberOfEmployees DESC, Name DESC'))
        ).toEqual(['Gamma', 'beta', 'Acme', null]);
        expect(names(h.records('SELECT Name FROM Account ORDER BY Industry NULLS LAST'))).toEqual([
            'Acme',
            'beta',
            'Gamma',
            null
        ]);
        expect(
            h
                .records('SELECT LastName FROM Contact ORDER BY Account.Name DESC NULLS LAST, LastName')
                .map((r) => r.fields.get('lastname'))
        ).toEqual(['Person', 'Jones', 'Smith', 'Orphan']);
    });

    test('LIMIT and OFFSET, literal or bound; OFFSET above 2,000 is refused', () => {
        const h = seed();
        h.binds.n = 2;
        h.binds.o = 1;
        expect(names(h.records('SELECT Name FROM Account ORDER BY Name NULLS LAST LIMIT 2'))).toEqual([
            'Acme',
            'beta'
        ]);
        expect(
            names(h.records('SELECT Name FROM Account ORDER BY Name NULLS LAST LIMIT :n OFFSET :o'))
        ).toEqual(['beta', 'Gamma']);
        expect(names(h.records('SELECT Name FROM Account ORDER BY Name NULLS LAST OFFSET 3'))).toEqual([
            null
        ]);
        const e = queryError(() => h.run('SELECT Name FROM Account OFFSET 2001'));
        expect(e.message).toBe('Maximum SOQL offset allowed is 2000');
        expect(e.detail).toEqual({ statusCode: 'NUMBER_OUTSIDE_VALID_RANGE' });
        expect(names(h.records('SELECT Name FROM Account ORDER BY Name NULLS LAST OFFSET 2000'))).toEqual([]);
    });
});

describe('SOQL: COUNT and aggregates', () => {
    test('COUNT() returns a number; LIMIT caps it; one query row', () => {
        const h = seed();
        expect(h.run('SELECT COUNT() FROM Account')).toEqual({ kind: 'count', count: 4, rows: 1 });
        expect(h.run('SELECT COUNT() FROM Account WHERE Active__c = true')).toMatchObject({ count: 2 });
        expect(h.run('SELECT COUNT() FROM Account LIMIT 3')).toMatchObject({ count: 3 });
    });

    test('GROUP BY with aliases, expr0..., HAVING and ORDER BY on aggregates', () => {
        const h = seed();
        const r = h.run(
            'SELECT NumberOfEmployees emp, COUNT(Id) c, SUM(AnnualRevenue), MAX(Name), MIN(CreatedDate) FROM Account ' +
                'GROUP BY NumberOfEmployees HAVING COUNT(Id) > 0 ORDER BY COUNT(Id) DESC, NumberOfEmployees'
        );
        expect(r.kind).toBe('aggregate');
        if (r.kind !== 'aggregate') return;
        expect(r.records.map((x) => x.sobjectType)).toEqual([
            'AggregateResult',
            'AggregateResult',
            'AggregateResult'
        ]);
        const first = r.records[0];
        expect([...first.fields.keys()]).toEqual(['emp', 'c', 'expr0', 'expr1', 'expr2']);
        expect(first.fields.get('emp')).toBe(20);
        expect(first.fields.get('c')).toBe(2);
        expect(first.fields.get('expr0')).toEqual(dec(50100, 2));
        expect(first.fields.get('expr1')).toBe('Gamma');
        expect(first.fields.get('expr2')).toEqual(new ApexDatetime(Date.UTC(2026, 1, 1)));
        expect(r.records.map((x) => x.fields.get('emp'))).toEqual([20, 5, 10]);
        expect(r.records[1].fields.get('expr0')).toBeNull();
        expect(r.rows).toBe(4);
        const having = h.run(
            'SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry HAVING COUNT(Id) > 1'
        );
        expect(having.kind === 'aggregate' && having.records).toEqual([]);
    });

    test('aggregates without GROUP BY give one row, even over no rows; COUNT-only queries use one query row', () => {
        const h = seed();
        const r = h.run(
            'SELECT COUNT(Id), COUNT(Name) named, COUNT_DISTINCT(NumberOfEmployees), AVG(NumberOfEmployees), SUM(NumberOfEmployees) FROM Account'
        );
        if (r.kind !== 'aggregate') throw new Error(r.kind);
        expect(Object.fromEntries(r.records[0].fields)).toEqual({
            expr0: 4,
            named: 3,
            expr1: 3,
            expr2: dec(1375, 2),
            expr3: 55
        });
        const empty = h.run("SELECT COUNT(Id), SUM(AnnualRevenue) FROM Account WHERE Name = 'nobody'");
        if (empty.kind !== 'aggregate') throw new Error(empty.kind);
        expect(Object.fromEntries(empty.records[0].fields)).toEqual({ expr0: 0, expr1: null });
        expect(h.run('SELECT COUNT(Id) FROM Account').rows).toBe(1);
        expect(h.run('SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry').rows).toBe(4);
    });

    test('grouping by parent fields and date functions', () => {
        const h = seed();
        const r = h.run(
            'SELECT Account.Name, COUNT(Id) FROM Contact GROUP BY Account.Name ORDER BY Account.Name NULLS LAST'
        );
        if (r.kind !== 'aggregate') throw new Error(r.kind);
        expect(r.records.map((x) => [x.fields.get('name'), x.fields.get('expr0')])).toEqual([
            ['Acme', 2],
            ['beta', 1],
            [null, 1]
        ]);
        const y = h.run(
            'SELECT CALENDAR_YEAR(CreatedDate) y, COUNT(Id) FROM Account GROUP BY CALENDAR_YEAR(CreatedDate) ORDER BY CALENDAR_YEAR(CreatedDate)'
        );
        if (y.kind !== 'aggregate') throw new Error(y.kind);
        expect(y.records.map((x) => [x.fields.get('y'), x.fields.get('expr0')])).toEqual([
            [2025, 1],
            [2026, 3]
        ]);
    });

    test('a field neither grouped nor aggregated is a QueryException; AVG that does not terminate is Unsupported', () => {
        const h = seed();
        expect(queryError(() => h.run('SELECT Name, COUNT(Id) FROM Account GROUP BY Industry')).message).toBe(
            'Field must be grouped or aggregated: Name'
        );
        insert(h.store, 'Account', { Id: id('001', 8), NumberOfEmployees: 2 });
        insert(h.store, 'Account', { Id: id('001', 9), NumberOfEmployees: 2 });
        expect(() => h.run('SELECT AVG(NumberOfEmployees) FROM Account')).toThrow(UnsupportedError);
    });
});

describe('SOQL: ALL ROWS, locking, sharing, governor rows', () => {
    test('ALL ROWS adds recycle-bin rows with IsDeleted = true', () => {
        const h = seed();
        expect(h.records('SELECT Id FROM Account')).toHaveLength(4);
        const all = h.records('SELECT Name, IsDeleted FROM Account WHERE IsDeleted = true ALL ROWS');
        expect(names(all)).toEqual(['Deleted Co']);
        expect(all[0].fields.get('isdeleted')).toBe(true);
        expect(h.records('SELECT Id FROM Account WHERE IsDeleted = false')).toHaveLength(4);
    });

    test('FOR UPDATE / FOR VIEW / FOR REFERENCE are accepted; FOR UPDATE with ORDER BY is refused', () => {
        const h = seed();
        expect(h.records('SELECT Id FROM Account FOR UPDATE')).toHaveLength(4);
        expect(h.records('SELECT Id FROM Account FOR VIEW')).toHaveLength(4);
        expect(h.records('SELECT Id FROM Account LIMIT 1 FOR REFERENCE')).toHaveLength(1);
        expect(() => h.run('SELECT Id FROM Account ORDER BY Name FOR UPDATE')).toThrow(UnsupportedError);
    });

    test('isVisible filters rows of the main query, subqueries and semi-joins', () => {
        const h = seed();
        h.options.isVisible = (sobject, row) =>
            !(sobject === 'Contact' && row.get('lastname') === 'Smith') && row.get('id') !== A4;
        const rows = h.records(
            'SELECT Id, (SELECT Id FROM Contacts) FROM Account WHERE Id IN (SELECT AccountId FROM Contact)'
        );
        expect(ids(rows)).toEqual([A1.value, A2.value]);
        expect(ids((rows[0].fields.get('contacts') as ApexList).items as SObjectValue[])).toEqual([C2.value]);
        expect(h.records('SELECT Id FROM Account')).toHaveLength(3);
    });

    test('rows counts every record returned, children included', () => {
        const h = seed();
        expect(h.run('SELECT Id, (SELECT Id FROM Contacts) FROM Account').rows).toBe(4 + 3);
    });
});

describe('SOQL: access modes', () => {
    const noRevenue = {
        canReadField: (o: string, f: string) =>
            !(o === 'Account' && f === 'AnnualRevenue') && !(o === 'User' && f === 'Secret__c')
    };

    test('queryAccessMode reads the WITH clause', () => {
        expect(queryAccessMode(parseSoql('SELECT Id FROM Account WITH USER_MODE'))).toBe('user');
        expect(queryAccessMode(parseSoql('SELECT Id FROM Account WITH SYSTEM_MODE'))).toBe('system');
        expect(queryAccessMode(parseSoql('SELECT Id FROM Account WITH SECURITY_ENFORCED'))).toBe(
            'security_enforced'
        );
        expect(queryAccessMode(parseSoql('SELECT Id FROM Account'))).toBeUndefined();
    });

    test('user mode checks every clause and lists all inaccessible fields', () => {
        const h = seed();
        const q = 'SELECT Name, Owner.Secret__c FROM Account WHERE AnnualRevenue > 0 ORDER BY Name';
        expect(() => h.run(q, noRevenue)).not.toThrow();
        const e = queryError(() => h.run(q, { ...noRevenue, mode: 'user' }));
        expect(e.message).toBe('Insufficient permissions: secure query included inaccessible field');
        expect((e.detail as { inaccessibleFields: Map<string, Set<string>> }).inaccessibleFields).toEqual(
            new Map([
                ['Account', new Set(['AnnualRevenue'])],
                ['User', new Set(['Secret__c'])]
            ])
        );
        // WITH USER_MODE in the query wins over a system-mode default, WITH SYSTEM_MODE over a user-mode one.
        expect(() =>
            h.run('SELECT Id FROM Account WHERE AnnualRevenue > 0 WITH USER_MODE', noRevenue)
        ).toThrow(ApexSystemError);
        expect(
            h.records('SELECT AnnualRevenue FROM Account WITH SYSTEM_MODE', { ...noRevenue, mode: 'user' })
        ).toHaveLength(4);
    });

    test('user mode: an unreadable object, a child subquery and a semi-join count too', () => {
        const h = seed();
        const noContacts = { mode: 'user' as const, canReadObject: (o: string) => o !== 'Contact' };
        expect(
            queryError(() => h.run('SELECT Id, (SELECT Id FROM Contacts) FROM Account', noContacts)).detail
        ).toEqual({
            inaccessibleFields: new Map([['Contact', new Set(['Id'])]])
        });
        expect(() =>
            h.run('SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact)', noContacts)
        ).toThrow(ApexSystemError);
        expect(h.records('SELECT Id FROM Account', noContacts)).toHaveLength(4);
    });

    test('WITH SECURITY_ENFORCED checks only SELECT and FROM, and reports the first error', () => {
        const h = seed();
        expect(
            h.records('SELECT Name FROM Account WHERE AnnualRevenue > 0 WITH SECURITY_ENFORCED', noRevenue)
        ).toHaveLength(3);
        const e = queryError(() =>
            h.run('SELECT AnnualRevenue, Owner.Secret__c FROM Account WITH SECURITY_ENFORCED', noRevenue)
        );
        expect(e.message).toBe('Insufficient permissions: secure query included inaccessible field');
        expect((e.detail as { inaccessibleFields: Map<string, Set<string>> }).inaccessibleFields.size).toBe(
            1
        );
    });
});

describe('SOQL: errors and unsupported constructs', () => {
    test('unknown object, field, relationships', () => {
        const h = seed();
        expect(queryError(() => h.run('SELECT Id FROM Foo')).message).toBe(
            "sObject type 'Foo' is not supported. If you are attempting to use a custom object, be sure to append the " +
                "'__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names."
        );
        expect(queryError(() => h.run('SELECT Foo FROM Account')).message).toBe(
            "No such column 'Foo' on entity 'Account'. If you are attempting to use a custom field, be sure to append " +
                "the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names."
        );
        expect(queryError(() => h.run('SELECT Id FROM Contact WHERE Account.Foo = null')).message).toMatch(
            /^No such column 'Foo' on entity 'Account'/
        );
        expect(queryError(() => h.run('SELECT Foo__r.Name FROM Account')).message).toBe(
            "Didn't understand relationship 'Foo__r' in field path. If you are attempting to use a custom relationship, " +
                "be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the " +
                'describe call for the appropriate names.'
        );
        expect(queryError(() => h.run('SELECT Id, (SELECT Id FROM Kids) FROM Account')).message).toMatch(
            /^Didn't understand relationship 'Kids' in FROM part of query call\./
        );
    });

    test('duplicate columns and objects that cannot be queried', () => {
        const h = seed();
        expect(queryError(() => h.run('SELECT Id, Name, name FROM Account')).message).toBe(
            'duplicate field selected: name'
        );
        h.schema.sobject('Group')!.queryable = false;
        expect(queryError(() => h.run('SELECT Id FROM Group')).message).toBe(
            'entity type Group does not support query'
        );
    });

    test('dynamic SOQL hands the bind text to the caller', () => {
        const h = seed();
        const seen: unknown[] = [];
        h.binds.n = 'Acme';
        const bind = h.options.bind;
        expect(bind).toBeUndefined();
        const rows = h.records('SELECT Id FROM Account WHERE Name = :n', {
            bind: (e) => {
                seen.push(e);
                return 'Acme';
            }
        });
        expect(ids(rows)).toEqual([A1.value]);
        expect(seen).toEqual(['n']);
    });

    test('syntax errors are QueryExceptions; mixing AND and OR needs parentheses', () => {
        expect(queryError(() => parseSoql('SELECT Id FORM Account')).message).toBe(
            "unexpected token: 'Account'"
        );
        expect(
            queryError(() => parseSoql('SELECT Id FROM Account WHERE a = 1 AND b = 2 OR c = 3')).message
        ).toBe("unexpected token: 'OR'");
        expect(queryError(() => parseSoql('SELECT Id FROM Account garbage garbage')).message).toBe(
            "unexpected token: 'garbage'"
        );
    });

    test('a lookup to a row SOQL cannot see (the hidden standard price book) is Unsupported', () => {
        const h = seed();
        const hiddenUser = id('005', 9);
        Object.assign(h.store, {
            hidden: new Map([['user', new Map([[hiddenUser.value, new Map([['id', hiddenUser]])]])]])
        });
        insert(h.store, 'Account', { Id: id('001', 7), Name: 'Hidden owner', OwnerId: hiddenUser });
        expect(() => h.run('SELECT Owner.Name FROM Account')).toThrow(UnsupportedError);
    });

    test('a calculated field the store has no value for is Unsupported; a stored one is read', () => {
        const h = seed();
        expect(h.records('SELECT Score__c FROM Account WHERE Id = null')).toEqual([]);
        expect(() => h.run('SELECT Score__c FROM Account')).toThrow(UnsupportedError);
        for (const row of h.store.tables.get('account')!.values()) row.set('score__c', dec(7));
        expect(h.records('SELECT Score__c FROM Account WHERE Score__c = 7')).toHaveLength(4);
    });

    test('TYPEOF, USING SCOPE, FIELDS(), toLabel and fiscal functions are Unsupported', () => {
        const h = seed();
        for (const q of [
            'SELECT TYPEOF What WHEN Account THEN Name END FROM Task',
            'SELECT Id FROM Account USING SCOPE Mine',
            'SELECT FIELDS(ALL) FROM Account LIMIT 200',
            'SELECT toLabel(Industry) FROM Account',
            'SELECT FISCAL_YEAR(CreatedDate), COUNT(Id) FROM Account GROUP BY FISCAL_YEAR(CreatedDate)'
        ])
            expect(() => h.run(q)).toThrow(UnsupportedError);
    });
});

describe('SOQL: inline queries', () => {
    test('binds of an inline query are evaluated from the Apex expression', () => {
        const h = seed();
        const parser = ApexParserFactory.createParser(
            '[SELECT Id FROM Account WHERE Name = :acc.Name AND Id != :other]'
        );
        const expr = parser.expression();
        const literal = findSoql(expr);
        const seen: unknown[] = [];
        const values: Record<string, ApexValue> = { 'acc.Name': 'Acme', other: A2 };
        const r = runSoql(literal.query(), {
            schema: h.schema,
            store: h.store,
            bind: (e) => {
                seen.push(e);
                return values[(e as ExpressionContext).getText()];
            },
            mode: 'system',
            canReadObject: () => true,
            canReadField: () => true,
            isVisible: () => true,
            timeZone: 'Asia/Tokyo',
            now: () => NOW
        });
        expect(r.kind === 'records' && ids(r.records)).toEqual([A1.value]);
        expect(seen.every((e) => typeof e !== 'string')).toBe(true);
    });
});

function findSoql(node: unknown): SoqlLiteralContext {
    if (node instanceof SoqlLiteralContext) return node;
    for (const c of (node as { children?: unknown[] }).children ?? []) {
        try {
            return findSoql(c);
        } catch {
            // keep looking
        }
    }
    throw new Error('no SOQL literal');
}
