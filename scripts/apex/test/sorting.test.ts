import { outcomeOf } from './interpreterHelpers';

// Apex Developer Guide, "Sorting Lists of sObjects", and the Apex Reference's Comparator Interface.
describe('Apex interpreter: List.sort()', () => {
    const cases: [string, string, Record<string, string>?][] = [
        [
            'sObjects by Name, then the other standard fields alphabetically, an empty field first',
            `List<Account> l = new List<Account>{
                new Account(Name = 'sForce', Industry = 'Energy'),
                new Account(Name = 'Acme'),
                new Account(Name = 'sForce', AnnualRevenue = 5, Industry = 'Energy'),
                new Account(Name = 'sForce')
            };
            l.sort();
            Assert.areEqual('Acme', l[0].Name);
            Assert.isNull(l[1].Industry, 'nothing set: every field empty');
            Assert.areEqual('Energy', l[2].Industry);
            Assert.isNull(l[2].AnnualRevenue, 'AnnualRevenue comes before Industry');
            Assert.areEqual(5, l[3].AnnualRevenue);`
        ],
        [
            'sObjects: standard fields before custom ones',
            `List<Account> l = new List<Account>{
                new Account(Name = 'A', NumberOfEmployees = 2, Ext_Id__c = 'a'),
                new Account(Name = 'A', NumberOfEmployees = 1, Ext_Id__c = 'b')
            };
            l.sort();
            Assert.areEqual('b', l[0].Ext_Id__c);`
        ],
        [
            'sObjects: text in Unicode order (upper case first), an empty Name like none, nulls first',
            `List<Account> l = new List<Account>{
                new Account(Name = 'b'), new Account(Name = 'B'), null, new Account(Name = 'a'), new Account(Name = '')
            };
            l.sort();
            Assert.isNull(l[0]);
            Assert.areEqual('', l[1].Name);
            Assert.areEqual('B', l[2].Name);
            Assert.areEqual('a', l[3].Name);
            Assert.areEqual('b', l[4].Name);`
        ],
        [
            'sObjects of several types: by the type label first',
            `List<SObject> l = new List<SObject>{ new Contact(LastName = 'A'), new Account(Name = 'Z') };
            l.sort();
            Assert.isTrue(l[0] instanceof Account);
            Assert.isTrue(l[1] instanceof Contact);`
        ],
        [
            'equal sObjects keep their order',
            `List<Contact> l = new List<Contact>{
                new Contact(LastName = 'Same', Email = 'x@example.jp'),
                new Contact(LastName = 'Same', Email = 'x@example.jp')
            };
            Contact first = l[0];
            l.sort();
            Assert.isTrue(l[0] === first);`
        ],
        [
            'a Comparator decides, and is given the nulls',
            `List<String> l = new List<String>{ 'ccc', null, 'a', 'bb' };
            l.sort(new ByLength());
            Assert.areEqual(new List<String>{ 'a', 'bb', 'ccc', null }, l);`,
            {
                ByLength: `public class ByLength implements Comparator<String> {
                    public Integer compare(String a, String b) {
                        if (a == null) return b == null ? 0 : 1;
                        if (b == null) return -1;
                        return a.length() - b.length();
                    }
                }`
            }
        ],
        [
            'a Comparator of sObjects',
            `List<Account> l = new List<Account>{ new Account(Name = 'A', NumberOfEmployees = 3), new Account(Name = 'B', NumberOfEmployees = 1) };
            l.sort(new ByEmployees());
            Assert.areEqual('B', l[0].Name);`,
            {
                ByEmployees: `public class ByEmployees implements Comparator<Account> {
                    public Integer compare(Account a, Account b) {
                        return a.NumberOfEmployees - b.NumberOfEmployees;
                    }
                }`
            }
        ]
    ];

    it.each(cases.map(([name, body, classes]) => [name, body, classes ?? {}] as const))(
        '%s',
        (_name, body, classes) => {
            expect(outcomeOf(body, classes)).toBe('Pass');
        }
    );

    it('stops at records that differ first in a Boolean field: the order of true and false is not documented', () => {
        expect(
            outcomeOf(`List<User> l = new List<User>{
                new User(LastName = 'A', IsActive = true),
                new User(LastName = 'A', IsActive = false)
            };
            l.sort();`)
        ).toMatch(/^Unsupported: .*sorting User records that differ first in a Boolean field/);
    });
});
