import fc from 'fast-check';
import { encodeCustomFields, encodeForm, phpSerialize } from '../../src/whmcs';
import { decodeCustomFields, parsePhpParams, phpUnserialize } from '../../sandbox/php';

describe('phpSerialize', () => {
    it('matches the documented examples byte for byte', () => {
        expect(encodeCustomFields({ 4: 'Google' })).toBe('YToxOntpOjQ7czo2OiJHb29nbGUiO30=');
        expect(encodeCustomFields({ 12: 58 })).toBe('YToxOntpOjEyO2k6NTg7fQ==');
        expect(phpSerialize({ 1: 'Zürich' })).toBe('a:1:{i:1;s:7:"Zürich";}');
        expect(phpSerialize(['a', { x: 1 }])).toBe('a:2:{i:0;s:1:"a";i:1;a:1:{s:1:"x";i:1;}}');
        expect(phpSerialize(null)).toBe('N;');
        expect(phpSerialize(true)).toBe('b:1;');
    });

    it('round-trips through the sandbox unserializer for any field map', () => {
        fc.assert(
            fc.property(
                fc.dictionary(fc.integer({ min: 1, max: 99999 }).map(String), fc.string({ unit: 'binary' })),
                (map) => {
                    const encoded = encodeCustomFields(map);
                    const decoded = decodeCustomFields(encoded);
                    expect(Object.fromEntries([...decoded].map(([k, v]) => [String(k), v]))).toEqual(map);
                }
            )
        );
    });

    it('the unserializer rejects malformed input instead of guessing', () => {
        for (const bad of [
            'a:1:{i:1;s:9:"short";}',
            'a:2:{i:1;s:1:"x";}',
            's:1:"x";trailing',
            'O:8:"stdClass":0:{}',
            ''
        ]) {
            expect(() => phpUnserialize(bad)).toThrow();
        }
        expect(() => decodeCustomFields('not base64!')).toThrow();
        expect(() => decodeCustomFields(Buffer.from('a:1:{s:3:"abc";s:1:"x";}').toString('base64'))).toThrow(
            /positive integer/
        );
    });
});

describe('PHP bracket encoding', () => {
    it('encodes lists, maps and booleans the way http_build_query does', () => {
        const body = encodeForm({
            pid: [1, 5],
            email_preferences: { general: true, invoice: false },
            noemail: true,
            noinvoice: false,
            skip: undefined,
            none: null,
            name: 'a b&c'
        });
        expect(body).toBe(
            'pid%5B0%5D=1&pid%5B1%5D=5&email_preferences%5Bgeneral%5D=1&noemail=1&name=a+b%26c'
        );
        expect(new URLSearchParams(body).get('name')).toBe('a b&c');
    });

    it('round-trips through the sandbox request parser', () => {
        const scalar = fc.oneof(fc.string(), fc.integer({ min: 0, max: 1e9 }));
        const key = fc.stringMatching(/^[a-z_]{1,8}$/);
        fc.assert(
            fc.property(
                fc.dictionary(
                    key,
                    fc.oneof(
                        scalar,
                        fc.array(scalar, { minLength: 1, maxLength: 4 }),
                        fc.dictionary(key, scalar, { minKeys: 1 })
                    )
                ),
                (params) => {
                    const parsed = parsePhpParams(new URLSearchParams(encodeForm(params)).entries());
                    const expected = JSON.parse(
                        JSON.stringify(params, (_k, v: unknown) =>
                            typeof v === 'number'
                                ? String(v)
                                : Array.isArray(v)
                                  ? Object.fromEntries(v.map((x, i) => [i, x]))
                                  : v
                        )
                    );
                    expect(parsed).toEqual(expected);
                }
            )
        );
    });

    it('parses implicit indexes and nested keys', () => {
        const parsed = parsePhpParams(
            new URLSearchParams('pid[]=1&pid[]=5&a[b][c]=x&a.b=y&plain=z').entries()
        );
        expect(parsed).toEqual({ pid: { 0: '1', 1: '5' }, a: { b: { c: 'x' } }, a_b: 'y', plain: 'z' });
    });
});
