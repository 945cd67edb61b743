import { outcomeOf } from './interpreterHelpers';

describe('Apex interpreter: language', () => {
    const cases: [string, string, Record<string, string>?][] = [
        ['arithmetic', 'Integer a = 1; Integer b = a + 2; Assert.areEqual(3, b);'],
        [
            'case-insensitive string ==',
            "String s = 'abc'; Assert.isTrue(s == 'ABC'); Assert.isFalse(s.equals('ABC'));"
        ],
        [
            'for-each over a list',
            'List<Integer> l = new List<Integer>{1,2,3}; Integer sum = 0; for (Integer x : l) { sum += x; } Assert.areEqual(6, sum);'
        ],
        [
            'map put/get',
            "Map<String,Integer> m = new Map<String,Integer>{'a'=>1}; m.put('b', 2); Assert.areEqual(2, m.size()); Assert.areEqual(2, m.get('b'));"
        ],
        ['Integer overflow wraps', 'Integer i = 2147483647; i++; Assert.areEqual(-2147483648, i);'],
        [
            'custom exception of an inner class',
            "try { throw new Foo.MyException('x'); } catch (Foo.MyException e) { Assert.areEqual('x', e.getMessage()); Assert.areEqual('Foo.MyException', e.getTypeName()); }",
            { Foo: 'public class Foo { public class MyException extends Exception {} }' }
        ],
        [
            'constructors, instance and static methods',
            "Foo f = new Foo(3); Assert.areEqual(6, f.twice()); Assert.areEqual('Foo!', Foo.name());",
            {
                Foo: "public class Foo { Integer v; public Foo(Integer v) { this.v = v; } public Integer twice() { return v * 2; } public static String name() { return 'Foo!'; } }"
            }
        ],
        [
            'Decimal division of an Integer-initialised Decimal',
            'Decimal d = 10; Decimal r = d / 4; Assert.areEqual(2.5, r);'
        ],
        [
            'abstract, override, super and interfaces',
            "Shape s = new Circle(2); Assert.areEqual('circle', s.kind()); Assert.areEqual(4, s.area()); Assert.isTrue(s instanceof HasArea);",
            {
                Shape: 'public abstract class Shape implements HasArea { public abstract String kind(); public virtual Decimal area() { return 0; } }',
                Circle: "public class Circle extends Shape { Decimal r; public Circle(Decimal r) { this.r = r; } public override String kind() { return 'circle'; } public override Decimal area() { return super.area() + r * r; } }",
                HasArea: 'public interface HasArea { Decimal area(); }'
            }
        ],
        [
            'enums and switch on enum',
            "Color c = Color.RED; switch on c { when RED { Assert.areEqual(0, c.ordinal()); } when else { Assert.fail(); } } Assert.areEqual(2, Color.values().size()); Assert.areEqual('BLUE', Color.BLUE.name());",
            { Color: 'public enum Color { RED, BLUE }' }
        ],
        [
            'switch on Integer',
            "Integer x = 3; String r; switch on x { when 1, 2 { r = 'low'; } when 3 { r = 'three'; } when else { r = 'other'; } } Assert.areEqual('three', r);"
        ],
        [
            'properties with accessors and static counters',
            "P p = new P(); p.name = 'a'; Assert.areEqual('A', p.name); Assert.areEqual(1, P.count);",
            {
                P: 'public class P { public static Integer count = 0; public String name { get { return name == null ? null : name.toUpperCase(); } set { name = value; count++; } } }'
            }
        ],
        [
            'Set<String> is case-sensitive',
            "Set<String> s = new Set<String>{'a','A'}; Assert.areEqual(2, s.size()); Assert.isTrue(s.contains('a'));"
        ],
        [
            'loops with break',
            'Integer i = 0; while (true) { i++; if (i > 5) break; } Assert.areEqual(6, i); do { i--; } while (i > 0); Assert.areEqual(0, i);'
        ],
        [
            'safe navigation and ??',
            "String s = null; String t = s?.toUpperCase(); Assert.isNull(t); Assert.areEqual('x', s ?? 'x');"
        ],
        [
            'try/catch/finally',
            "Integer c = 0; try { c = 1; throw new DmlException('boom'); } catch (DmlException e) { c += 10; } finally { c += 100; } Assert.areEqual(111, c);"
        ],
        [
            'static method of an inner class',
            "Assert.areEqual('hi', Outer.Inner.hello());",
            {
                Outer: "public class Outer { public class Inner { public static String hello() { return 'hi'; } } }"
            }
        ],
        ['Decimal keeps its scale', "Decimal x = 1.10; Assert.areEqual('1.10', String.valueOf(x));"],
        [
            'Integer division truncates',
            'Integer a = 7 / 2; Assert.areEqual(3, a); Integer b = -7 / 2; Assert.areEqual(-3, b);'
        ],
        [
            'Test.createStub routes calls to the StubProvider',
            "Mock m = new Mock(); Greeter g = (Greeter) Test.createStub(Greeter.class, m); Assert.areEqual('mocked bob', g.greet('bob')); Assert.areEqual('greet:(bob):String:name', m.calls[0]); Assert.isTrue(g instanceof Greeter);",
            {
                Greeter:
                    "public virtual class Greeter { public virtual String greet(String name) { return 'hi ' + name; } }",
                Mock: "public class Mock implements System.StubProvider { public List<String> calls = new List<String>(); public Object handleMethodCall(Object stubbedObject, String stubbedMethodName, Type returnType, List<Type> listOfParamTypes, List<String> listOfParamNames, List<Object> listOfArgs) { calls.add(stubbedMethodName + ':' + String.valueOf(listOfArgs) + ':' + returnType.getName() + ':' + listOfParamNames[0]); return 'mocked ' + listOfArgs[0]; } }"
            }
        ],
        [
            'Apex REST: RestContext, RestRequest and RestResponse',
            "RestRequest req = new RestRequest(); req.requestURI = '/services/apexrest/things/abc'; req.httpMethod = 'GET'; req.addParameter('q', 'x'); RestContext.request = req; RestContext.response = new RestResponse(); Assert.areEqual('abc:x:GET', Api.doGet()); Assert.areEqual(201, RestContext.response.statusCode);",
            {
                Api: "@RestResource(urlMapping='/things/*') global with sharing class Api { @HttpGet global static String doGet() { RestRequest req = RestContext.request; RestContext.response.statusCode = 201; return req.requestURI.substringAfterLast('/') + ':' + req.params.get('q') + ':' + req.httpMethod; } }"
            }
        ],
        [
            'overloads by the static type of a null argument',
            "Assert.areEqual('string', O.f((String) null)); Assert.areEqual('boolean', O.f((Boolean) null)); String s; Assert.areEqual('string', O.f(s));",
            {
                O: "public class O { public static String f(Boolean b) { return 'boolean'; } public static String f(String s) { return 'string'; } }"
            }
        ]
    ];
    // Every row has three cells: a two-cell row would make Jest pass its `done` callback as the third argument.
    it.each(cases.map(([name, body, classes]) => [name, body, classes ?? {}] as const))(
        '%s',
        (_name, body, classes) => {
            expect(outcomeOf(body, classes)).toBe('Pass');
        }
    );

    it.each([
        [
            'List index out of bounds',
            'List<Integer> l = new List<Integer>(); l.get(3);',
            'Fail: System.ListException: List index out of bounds: 3'
        ],
        [
            'null dereference',
            'String s; s.length();',
            'Fail: System.NullPointerException: Attempt to de-reference a null object'
        ],
        [
            'a bad cast',
            'Object o = 5; String s = (String) o;',
            'Fail: System.TypeException: Invalid conversion from runtime type Integer to String'
        ],
        [
            'an assertion with a message',
            "Assert.areEqual(1, 2, 'numbers');",
            'Fail: System.AssertException: Assertion Failed: numbers: Expected: 1, Actual: 2'
        ],
        [
            'an uncaught custom exception',
            "throw new IllegalArgumentException('bad');",
            'Fail: System.IllegalArgumentException: bad'
        ],
        [
            'a null condition',
            'Boolean b; if (b) {}',
            'Fail: System.NullPointerException: Attempt to de-reference a null object'
        ],
        [
            'assertions cannot be caught',
            "try { Assert.fail('x'); } catch (Exception e) {}",
            'Fail: System.AssertException: Assertion Failed: x'
        ]
    ])('%s fails as in an org', (_name, body, expected) => {
        expect(outcomeOf(body)).toBe(expected);
    });

    it('names the construct it cannot run', () => {
        expect(outcomeOf("List<Object> l = [FIND 'x' RETURNING Account];")).toMatch(
            /^Unsupported: Unsupported: SOSL at T\.cls:1$/
        );
    });
});
