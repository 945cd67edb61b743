/**
 * JSON against the Apex reference examples (apex_class_System_Json.htm: the Datetime serialize sample and the
 * deserializeUntyped "appliance" sample; apex_json_jsongenerator.htm: the pretty JSONGenerator sample) and the
 * rules of APEX-PLATFORM.md §8.
 */
import {
    ApexBlob,
    ApexDate,
    ApexDatetime,
    ApexEnumValue,
    ApexId,
    ApexList,
    ApexMap,
    ApexObject,
    ApexSystemError,
    ApexTime,
    ApexTypeValue,
    Decimal,
    SObjectValue,
    T,
    UnsupportedError,
    type ApexValue
} from '../values/model';
import {
    JSON_GENERATOR_TYPE,
    JSON_PARSER_TYPE,
    JSON_TYPE,
    decimalFromText,
    deserialize,
    deserializeUntyped,
    serialize,
    serializeForAura
} from '../platform/json';
import { call, callStatic, fakeContext } from './stringsFixture';

const ctx = fakeContext(
    {
        Widget: {
            fields: [
                { name: 'Name', type: T.String, auraEnabled: true },
                { name: 'count', type: T.Integer },
                { name: 'price', type: T.Decimal, auraEnabled: true },
                { name: 'due', type: T.Date, auraEnabled: true },
                { name: 'tags', type: T.listOf(T.String) },
                { name: 'color', type: { name: 'Color' } },
                { name: 'cache', type: T.String, isTransient: true },
                { name: 'INSTANCES', type: T.Integer, isStatic: true }
            ]
        },
        'JSONGeneratorSample.A': { fields: [{ name: 'str', type: T.String }] }
    },
    {
        Color: ['RED', 'GREEN'],
        JSONToken: [
            'END_ARRAY',
            'END_OBJECT',
            'FIELD_NAME',
            'NOT_AVAILABLE',
            'START_ARRAY',
            'START_OBJECT',
            'VALUE_EMBEDDED_OBJECT',
            'VALUE_FALSE',
            'VALUE_NULL',
            'VALUE_NUMBER_FLOAT',
            'VALUE_NUMBER_INT',
            'VALUE_STRING',
            'VALUE_TRUE'
        ]
    }
);

function widget(values: Record<string, ApexValue>): ApexObject {
    return new ApexObject('Widget', new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v])));
}
function apexError(f: () => unknown): ApexSystemError {
    try {
        f();
    } catch (e) {
        if (e instanceof ApexSystemError) return e;
        throw e;
    }
    throw new Error('no exception');
}

describe('JSON.serialize', () => {
    test('reference: a Datetime is ISO-8601 GMT with milliseconds', () => {
        expect(serialize(new ApexDatetime(Date.UTC(2011, 2, 22, 8, 15, 18)), ctx)).toBe(
            '"2011-03-22T08:15:18.000Z"'
        );
    });

    test('primitives: Date, Decimal keeps scale, Long, Blob base64, Id, escapes', () => {
        expect(serialize(new ApexDate(2026, 2, 1), ctx)).toBe('"2026-02-01"');
        expect(serialize(new Decimal(110n, 2), ctx)).toBe('1.10');
        expect(serialize(9007199254740993n, ctx)).toBe('9007199254740993');
        expect(serialize(new ApexBlob(new Uint8Array([72, 105])), ctx)).toBe('"SGk="');
        expect(serialize(new ApexId('001000000000000AAA'), ctx)).toBe('"001000000000000AAA"');
        expect(serialize('a"b\\c\n\u0001é', ctx)).toBe('"a\\"b\\\\c\\n\\u0001é"');
        expect(serialize(null, ctx)).toBe('null');
    });

    test('class instances: declared names and order, nulls kept unless suppressed, static/transient skipped', () => {
        const w = widget({
            Name: 'w',
            count: 2,
            price: null,
            due: null,
            tags: new ApexList(T.String, ['a']),
            color: new ApexEnumValue('Color', 'RED', 0),
            cache: 'x'
        });
        expect(serialize(w, ctx)).toBe(
            '{"Name":"w","count":2,"price":null,"due":null,"tags":["a"],"color":"RED"}'
        );
        expect(serialize(w, ctx, true)).toBe('{"Name":"w","count":2,"tags":["a"],"color":"RED"}');
    });

    test('maps become objects; sets and lists arrays', () => {
        const m = new ApexMap(T.String, T.Object);
        m.entries.set('a', { key: 'a', value: 1 });
        m.entries.set('b', { key: 'b', value: null });
        expect(serialize(m, ctx)).toBe('{"a":1,"b":null}');
        const byInt = new ApexMap(T.Integer, T.String);
        byInt.entries.set('1', { key: 1, value: 'x' });
        expect(serialize(byInt, ctx)).toBe('{"1":"x"}');
    });

    test('SObjects carry attributes (url only with an Id) and canonical field names', () => {
        const acc = new SObjectValue('Account', new Map<string, ApexValue>([['name', 'Acme']]));
        expect(serialize(acc, ctx)).toBe('{"attributes":{"type":"Account"},"Name":"Acme"}');
        const withId = new SObjectValue(
            'Account',
            new Map<string, ApexValue>([
                ['id', new ApexId('001000000000001AAA')],
                [
                    'contacts',
                    new ApexList({ name: 'Contact' }, [
                        new SObjectValue('Contact', new Map([['lastname', 'Li']]))
                    ])
                ]
            ])
        );
        expect(serialize(withId, ctx)).toBe(
            '{"attributes":{"type":"Account","url":"/services/data/v66.0/sobjects/Account/001000000000001AAA"},"Id":"001000000000001AAA",' +
                '"Contacts":{"totalSize":1,"done":true,"records":[{"attributes":{"type":"Contact"},"LastName":"Li"}]}}'
        );
    });

    test('cycles and Time are Unsupported', () => {
        const list = new ApexList(T.Object, []);
        list.items.push(list);
        expect(() => serialize(list, ctx)).toThrow(UnsupportedError);
        expect(() => serialize(new ApexTime(1, 2, 3, 0), ctx)).toThrow(UnsupportedError);
    });

    test('serializePretty uses the Jackson layout', () => {
        const w = widget({
            Name: 'w',
            count: null,
            price: null,
            due: null,
            tags: new ApexList(T.String, []),
            color: null
        });
        expect(callStatic(JSON_TYPE, ctx, 'serializePretty', w)).toBe(
            '{\n  "Name" : "w",\n  "count" : null,\n  "price" : null,\n  "due" : null,\n  "tags" : [ ],\n  "color" : null\n}'
        );
    });
});

describe('JSONGenerator', () => {
    test('reference sample (pretty)', () => {
        const gen = callStatic(JSON_TYPE, ctx, 'createGenerator', true) as ApexObject;
        const g = (name: string, ...args: ApexValue[]): ApexValue =>
            call(JSON_GENERATOR_TYPE, ctx, gen, name, ...args);
        g('writeStartObject');
        g('writeNumberField', 'abc', new Decimal(121n, 2));
        g('writeStringField', 'def', 'xyz');
        g('writeFieldName', 'ghi');
        g('writeStartObject');
        g('writeObjectField', 'aaa', new ApexList(T.Integer, [1, 2, 3]));
        g('writeEndObject');
        g('writeFieldName', 'Object A');
        g('writeObject', new ApexObject('JSONGeneratorSample.A', new Map([['str', 'X']])));
        g('writeEndObject');
        expect(g('getAsString')).toBe(
            '{\n' +
                '  "abc" : 1.21,\n' +
                '  "def" : "xyz",\n' +
                '  "ghi" : {\n' +
                '    "aaa" : [ 1, 2, 3 ]\n' +
                '  },\n' +
                '  "Object A" : {\n' +
                '    "str" : "X"\n' +
                '  }\n' +
                '}'
        );
    });

    test('compact output, arrays of objects, dates', () => {
        const gen = callStatic(JSON_TYPE, ctx, 'createGenerator', false) as ApexObject;
        const g = (name: string, ...args: ApexValue[]): ApexValue =>
            call(JSON_GENERATOR_TYPE, ctx, gen, name, ...args);
        g('writeStartArray');
        g('writeStartObject');
        g('writeDateField', 'd', new ApexDate(2026, 2, 1));
        g('writeNullField', 'n');
        g('writeEndObject');
        g('writeBoolean', true);
        g('writeEndArray');
        expect(g('getAsString')).toBe('[{"d":"2026-02-01","n":null},true]');
    });
});

describe('JSON.deserializeUntyped', () => {
    test('reference "appliance" sample: maps, lists, Integer, Decimal, null', () => {
        const json =
            '{\n "description" :"An appliance",\n "accessories" : [ "powerCord", { "right":"door handle1", "left":"door handle2" } ],\n' +
            ' "dimensions" : { "height" : 5.5 , "width" : 3.0 , "depth" : 2.2 },\n "type" : null,\n "inventory" : 2000,\n' +
            ' "price" : 1023.45,\n "isShipped" : true,\n "modelNumber" : "123"\n}';
        const m = deserializeUntyped(json, ctx) as ApexMap;
        const get = (map: ApexMap, k: string): ApexValue => map.entries.get(ctx.keyOf(k))!.value;
        expect(get(m, 'description')).toBe('An appliance');
        expect((get(m, 'accessories') as ApexList).items[0]).toBe('powerCord');
        expect(get(get(m, 'dimensions') as ApexMap, 'depth')).toEqual(new Decimal(22n, 1));
        expect(get(get(m, 'dimensions') as ApexMap, 'width')).toEqual(new Decimal(30n, 1));
        expect(get(m, 'type')).toBeNull();
        expect(get(m, 'inventory')).toBe(2000);
        expect(get(m, 'price')).toEqual(new Decimal(102345n, 2));
        expect(get(m, 'isShipped')).toBe(true);
        expect(get(m, 'modelNumber')).toBe('123');
        expect([...m.entries.values()].map((e) => e.key)).toEqual([
            'description',
            'accessories',
            'dimensions',
            'type',
            'inventory',
            'price',
            'isShipped',
            'modelNumber'
        ]);
    });

    // The syntax error text is the one reported for this input (salesforce.stackexchange 108763).
    test('integers beyond Integer become Long; syntax errors are JSONExceptions', () => {
        expect(deserializeUntyped('[2147483648]', ctx)).toEqual(new ApexList(T.Object, [2147483648n]));
        const e = apexError(() => deserializeUntyped('Blob[2]', ctx));
        expect(e.exceptionType).toBe('JSONException');
        expect(e.message).toBe(
            "Unexpected character ('B' (code 66)): expected a valid value (number, String, array, object, 'true', 'false' or 'null') at input location [1,2]"
        );
    });
});

describe('JSON.deserialize', () => {
    test('reference: Decimal keeps its text', () => {
        expect(callStatic(JSON_TYPE, ctx, 'deserialize', '100.1', new ApexTypeValue(T.Decimal))).toEqual(
            new Decimal(1001n, 1)
        );
        expect(decimalFromText('1.5E-2')).toEqual(new Decimal(15n, 3));
    });

    test('into a class: case-insensitive members, nested types, enums by name, unknown ignored', () => {
        const w = deserialize(
            '{"name":"w","COUNT":3,"due":"2026-02-01","tags":["a","b"],"color":"GREEN","unknown":{"x":1}}',
            { name: 'Widget' },
            ctx
        ) as ApexObject;
        expect(w.fields.get('name')).toBe('w');
        expect(w.fields.get('count')).toBe(3);
        expect(w.fields.get('due')).toEqual(new ApexDate(2026, 2, 1));
        expect((w.fields.get('tags') as ApexList).items).toEqual(['a', 'b']);
        expect((w.fields.get('color') as ApexEnumValue).name).toBe('GREEN');
    });

    test('deserializeStrict rejects unknown members: "Unknown field: Widget.unknown"', () => {
        const e = apexError(() => deserialize('{"unknown":1}', { name: 'Widget' }, ctx, true));
        expect([e.exceptionType, e.message]).toEqual(['JSONException', 'Unknown field: Widget.unknown']);
        const s = apexError(() => deserialize('{"first":1}', { name: 'Account' }, ctx, true));
        expect(s.message).toBe("No such column 'first' on sobject of type Account");
    });

    test('shape mismatches are JSONExceptions; uncertain coercions Unsupported', () => {
        expect(apexError(() => deserialize('{}', T.listOf(T.String), ctx)).exceptionType).toBe(
            'JSONException'
        );
        expect(apexError(() => deserialize('{"count":{}}', { name: 'Widget' }, ctx)).message).toBe(
            'Illegal value for primitive'
        );
        expect(() => deserialize('{"count":"3"}', { name: 'Widget' }, ctx)).toThrow(UnsupportedError);
        expect(() => deserialize('{"count":1.5}', { name: 'Widget' }, ctx)).toThrow(UnsupportedError);
        expect(apexError(() => deserialize('{"a":1}', T.mapOf(T.String, T.Object), ctx)).message).toBe(
            'Apex Type unsupported in JSON: Object'
        );
    });

    test('maps, Datetime with offsets, SObjects with child records', () => {
        const m = deserialize('{"x":1,"y":2}', T.mapOf(T.String, T.Integer), ctx) as ApexMap;
        expect([...m.entries.values()].map((e) => [e.key, e.value])).toEqual([
            ['x', 1],
            ['y', 2]
        ]);
        expect(deserialize('"2026-02-01T10:15:30+09:00"', T.Datetime, ctx)).toEqual(
            new ApexDatetime(Date.UTC(2026, 1, 1, 1, 15, 30))
        );
        const acc = deserialize(
            '{"attributes":{"type":"Account"},"Name":"Acme","Contacts":{"totalSize":1,"done":true,"records":[{"LastName":"Li"}]}}',
            T.SObject,
            ctx
        ) as SObjectValue;
        expect(acc.sobjectType).toBe('Account');
        expect(acc.fields.get('name')).toBe('Acme');
        expect(
            ((acc.fields.get('contacts') as ApexList).items[0] as SObjectValue).fields.get('lastname')
        ).toBe('Li');
    });
});

describe('serializeForAura', () => {
    test('only @AuraEnabled members, nulls left out, Dates and Decimals as the client sees them', () => {
        const w = widget({
            Name: 'w',
            count: 2,
            price: new Decimal(1050n, 2),
            due: new ApexDate(2026, 2, 1),
            tags: null,
            color: null
        });
        expect(serializeForAura(w, ctx)).toEqual({ Name: 'w', price: 10.5, due: '2026-02-01' });
        const acc = new SObjectValue(
            'Account',
            new Map<string, ApexValue>([
                ['name', 'Acme'],
                ['annualrevenue', null]
            ])
        );
        expect(serializeForAura(new ApexList({ name: 'Account' }, [acc]), ctx)).toEqual([{ Name: 'Acme' }]);
        expect(serializeForAura(new ApexDatetime(Date.UTC(2026, 1, 1, 10, 0, 0)), ctx)).toBe(
            '2026-02-01T10:00:00.000Z'
        );
    });
});

describe('JSONParser', () => {
    const parser = (json: string): ApexObject =>
        callStatic(JSON_TYPE, ctx, 'createParser', json) as ApexObject;
    const p = (pp: ApexObject, name: string, ...args: ApexValue[]): ApexValue =>
        call(JSON_PARSER_TYPE, ctx, pp, name, ...args);
    const token = (v: ApexValue): string | null => (v === null ? null : (v as ApexEnumValue).name);

    test('reference sample: sum every totalPrice field', () => {
        const pp = parser(
            '{"invoiceList":[{"totalPrice":5.5,"statementDate":"2011-10-04T16:58:54.858Z","lineItems":[{"UnitPrice":1.0}]},{"totalPrice":11.5}]}'
        );
        let total = 0;
        while (p(pp, 'nextToken') !== null) {
            if (token(p(pp, 'getCurrentToken')) === 'FIELD_NAME' && p(pp, 'getText') === 'totalPrice') {
                p(pp, 'nextToken');
                total += (p(pp, 'getDoubleValue') as { value: number }).value;
            }
        }
        expect(total).toBe(17);
        expect(p(pp, 'hasCurrentToken')).toBe(false);
    });

    test('token stream, names, readValueAs and skipChildren', () => {
        const pp = parser('{"w":{"name":"x","count":2},"n":[1,2.5],"b":true}');
        const seen: (string | null)[] = [];
        expect(token(p(pp, 'nextToken'))).toBe('START_OBJECT');
        expect(token(p(pp, 'nextToken'))).toBe('FIELD_NAME');
        expect(p(pp, 'getCurrentName')).toBe('w');
        expect(token(p(pp, 'nextToken'))).toBe('START_OBJECT');
        const w = p(pp, 'readValueAs', new ApexTypeValue({ name: 'Widget' })) as ApexObject;
        expect(w.fields.get('count')).toBe(2);
        expect(token(p(pp, 'getCurrentToken'))).toBe('END_OBJECT');
        while (p(pp, 'nextToken') !== null)
            seen.push(`${token(p(pp, 'getCurrentToken'))}:${p(pp, 'getText')}`);
        expect(seen).toEqual([
            'FIELD_NAME:n',
            'START_ARRAY:[',
            'VALUE_NUMBER_INT:1',
            'VALUE_NUMBER_FLOAT:2.5',
            'END_ARRAY:]',
            'FIELD_NAME:b',
            'VALUE_TRUE:true',
            'END_OBJECT:}'
        ]);
        const q = parser('{"a":{"x":[1]},"b":1}');
        p(q, 'nextToken');
        p(q, 'nextValue');
        p(q, 'skipChildren');
        expect(token(p(q, 'getCurrentToken'))).toBe('END_OBJECT');
        expect(token(p(q, 'nextValue'))).toBe('VALUE_NUMBER_INT');
        expect(p(q, 'getIntegerValue')).toBe(1);
        expect(p(q, 'getCurrentName')).toBe('b');
        const e = apexError(() => {
            p(q, 'nextToken');
            return p(q, 'getIntegerValue');
        });
        expect(e.message).toBe('Current token (END_OBJECT) not numeric, can not use numeric value accessors');
    });
});
