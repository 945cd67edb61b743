import fc from 'fast-check';
import { createWhmcsClient } from '../../src/whmcs';
import { array, object, optional, record, ShapeError, string, type Decoder } from '../../src/whmcs/decode';
import {
    count,
    date,
    idOrNull,
    int,
    list,
    money,
    priceOrNull,
    rate,
    str,
    strOrNull
} from '../../src/whmcs/normalize';
import { CREDS, scriptedFetch } from './helpers';

/** Where a decoder gave up, or 'ok'. */
function failsAt<T>(decode: Decoder<T>, value: unknown): string {
    try {
        decode(value);
        return 'ok';
    } catch (err) {
        if (err instanceof ShapeError) return err.where();
        throw err;
    }
}

describe('decoders', () => {
    const item = object({ id: int, amount: money }, (f) => ({ id: f.id, cents: f.amount }));
    const answer = object({ items: list(item, 'item'), note: optional(string) });

    it('build the result from the decoded fields and drop the keys the shape does not name', () => {
        expect(answer({ items: { item: [{ id: '7', amount: '5', secret: 'x' }] }, extra: 1 })).toEqual({
            items: [{ id: 7, cents: '5.00' }],
            note: undefined
        });
    });

    it('name the path of the first bad value, never the value', () => {
        expect(
            failsAt(answer, {
                items: {
                    item: [
                        { id: 1, amount: '1' },
                        { id: 'x', amount: '1' }
                    ]
                }
            })
        ).toBe('items.1.id');
        expect(failsAt(answer, { items: [], note: 5 })).toBe('note');
        expect(failsAt(answer, [])).toBe('(root)');
        expect(failsAt(answer, null)).toBe('(root)');
        expect(failsAt(record(item), { EUR: { id: 1, amount: '1' }, JPY: { id: 2, amount: {} } })).toBe(
            'JPY.amount'
        );
        expect(failsAt(array(int), [1, 2, 2 ** 60])).toBe('2');
    });

    it('coerce WHMCS typing as documented and refuse what cannot be meant', () => {
        expect([int('12'), int(12), count(undefined), count(''), idOrNull('0'), idOrNull('5')]).toEqual([
            12,
            12,
            0,
            0,
            null,
            5
        ]);
        expect([
            str(null),
            str(3),
            strOrNull(''),
            strOrNull(7),
            date('0000-00-00'),
            date('2026-01-02')
        ]).toEqual(['', '3', null, '7', null, '2026-01-02']);
        expect([rate('10.000'), rate(''), rate('8.500'), priceOrNull('-1.00'), priceOrNull('5')]).toEqual([
            '10',
            '0',
            '8.5',
            null,
            '5.00'
        ]);
        for (const [decode, value] of [
            [int, '1.5'],
            [int, 'abc'],
            [str, {}],
            [strOrNull, true],
            [money, 'ten'],
            [money, Number.POSITIVE_INFINITY],
            [rate, '-1'],
            [date, 5]
        ] as [Decoder<unknown>, unknown][]) {
            expect(failsAt(decode, value)).toBe('(root)');
        }
    });

    it('never throw anything but a ShapeError, whatever the JSON', () => {
        fc.assert(
            fc.property(fc.jsonValue(), (value) => {
                expect(() => failsAt(answer, value)).not.toThrow();
            })
        );
    });
});

describe('the form body', () => {
    function recordingClient() {
        const fake = scriptedFetch({ body: { result: 'success' } });
        return {
            fake,
            client: createWhmcsClient({ baseUrl: 'http://whmcs.test', ...CREDS, fetchImpl: fake.fetchImpl })
        };
    }

    it('a param cannot replace the action or the credentials, which go once, after the params', async () => {
        const { fake, client } = recordingClient();
        await client.call('GetClients', {
            search: 'a b',
            action: 'DeleteClient',
            secret: 'mine',
            limitnum: 5
        });
        const { params, body } = fake.calls[0];
        expect(params.getAll('action')).toEqual(['GetClients']);
        expect(params.getAll('secret')).toEqual([CREDS.secret]);
        expect(params.get('accesskey')).toBe(CREDS.accessKey);
        expect(body.startsWith('search=a+b&limitnum=5&action=GetClients&identifier=')).toBe(true);
    });

    it('a param that cannot be encoded is a rejection, and nothing is sent', async () => {
        const { fake, client } = recordingClient();
        let pending: Promise<unknown> | undefined;
        expect(() => (pending = client.call('GetClients', { limitnum: Number.NaN }))).not.toThrow();
        await expect(pending).rejects.toThrow(/limitnum is not a finite number/);
        expect(fake.calls).toHaveLength(0);
    });
});
