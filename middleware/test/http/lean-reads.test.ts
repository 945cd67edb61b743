/**
 * The lean path for GET /v1 routes answers byte for byte what the Express stack answers (status, headers,
 * body, access log), takes only the requests it should, and gives a handler that reads req or res
 * Express's own objects.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { z } from 'zod';
import { requestPreamble } from '../../src/http/app';
import { createLeanReads } from '../../src/http/lean-reads';
import { createLogger } from '../../src/http/logger';
import { defineRoute } from '../../src/http/route';
import { EMILY, KENTA } from '../helpers/fixtures';
import { startStack, type Stack } from '../helpers/stack';

interface Answer {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
}

function request(base: string, path: string, headers: Record<string, string>): Promise<Answer> {
    return new Promise((resolve, reject) => {
        const req = http.request(`${base}${path}`, { headers }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
                const { date: _date, ...rest } = res.headers;
                resolve({
                    status: res.statusCode ?? 0,
                    headers: rest,
                    body: Buffer.concat(chunks).toString()
                });
            });
        });
        req.on('error', reject);
        req.end();
    });
}

let stack: Stack;
let handled: jest.SpyInstance;
let bearer: string;
let emilyInvoice: number;
beforeAll(async () => {
    // Counts the requests the Express stack handles (the app copies `handle` when it is created).
    handled = jest.spyOn(express.application as unknown as { handle: () => void }, 'handle');
    stack = await startStack();
    bearer = await stack.token();
    emilyInvoice = (await stack.state()).invoices.find((i) => i.userid === EMILY)!.id;
});
afterAll(async () => {
    await stack.close();
    handled.mockRestore();
});

const expressCalls = () => handled.mock.calls.filter(([req]) => /^\/v1\//i.test(String(req.url))).length;

describe('GET /v1 routes: lean path and Express stack answer alike', () => {
    const cases: [string, string, (b: string) => Record<string, string>][] = [
        [
            'payment methods',
            `/v1/clients/${KENTA}/payment-methods`,
            (b) => ({ authorization: `Bearer ${b}` })
        ],
        ['address', `/v1/clients/${KENTA}/address`, (b) => ({ authorization: `Bearer ${b}` })],
        [
            'invoices',
            `/v1/clients/${KENTA}/invoices?page=1&pageSize=2`,
            (b) => ({ authorization: `Bearer ${b}` })
        ],
        ['subscriptions', `/v1/clients/${KENTA}/subscriptions`, (b) => ({ authorization: `Bearer ${b}` })],
        [
            'case and trailing slash',
            `/V1/Clients/${KENTA}/Address/`,
            (b) => ({ authorization: `Bearer ${b}` })
        ],
        ['a bad query', `/v1/clients/${KENTA}/invoices?page=0`, (b) => ({ authorization: `Bearer ${b}` })],
        ['a bad param', '/v1/clients/abc/address', (b) => ({ authorization: `Bearer ${b}` })],
        ['an unknown client', '/v1/clients/99999/subscriptions', (b) => ({ authorization: `Bearer ${b}` })],
        ['no token', `/v1/clients/${KENTA}/address`, () => ({})],
        ['a malformed token', `/v1/clients/${KENTA}/address`, () => ({ authorization: 'Bearer x.y' })],
        [
            'a forged token',
            `/v1/clients/${KENTA}/address`,
            (b) => ({ authorization: `Bearer ${b.slice(0, -4)}AAAA` })
        ]
    ];

    it.each(cases)('%s', async (_name, path, auth) => {
        const headers = { ...auth(bearer), 'x-request-id': `lean-${Math.random().toString(36).slice(2)}` };
        const before = expressCalls();
        const lean = await request(stack.baseUrl, path, headers);
        expect(expressCalls()).toBe(before);
        // An empty body (Content-Length: 0) is Express's to answer.
        const viaExpress = await request(stack.baseUrl, path, { ...headers, 'content-length': '0' });
        expect(expressCalls()).toBe(before + 1);
        expect(lean).toEqual(viaExpress);
        expect(lean.headers['x-request-id']).toBe(headers['x-request-id']);
        expect(lean.headers['content-security-policy']).toBeDefined();
        const logged = stack.logs
            .map((l) => JSON.parse(l) as Record<string, unknown>)
            .filter((l) => l.reqId === headers['x-request-id'] && l.msg === 'request')
            .map(({ method, path: p, status }) => ({ method, p, status }));
        expect(logged).toHaveLength(2);
        expect(logged[0]).toEqual(logged[1]);
        expect(logged[0].status).toBe(lean.status);
    });

    it("answers another client's invoice as not found, like Express", async () => {
        const path = `/v1/clients/${KENTA}/invoices/${emilyInvoice}`;
        const headers = { authorization: `Bearer ${bearer}`, 'x-request-id': 'lean-invoice' };
        const lean = await request(stack.baseUrl, path, headers);
        const viaExpress = await request(stack.baseUrl, path, { ...headers, 'content-length': '0' });
        expect(lean.status).toBe(404);
        expect(lean).toEqual(viaExpress);
    });

    it('leaves other methods, HEAD, unknown paths and undecodable params to Express', async () => {
        const before = expressCalls();
        const auth = { authorization: `Bearer ${bearer}` };
        await request(stack.baseUrl, `/v1/clients/${KENTA}/nothing-here`, auth);
        await request(stack.baseUrl, '/v1/clients/%E0%A4%A/address', auth);
        await new Promise<void>((resolve, reject) => {
            const req = http.request(`${stack.baseUrl}/v1/clients/${KENTA}/address`, {
                method: 'HEAD',
                headers: auth
            });
            req.on('response', (res) => {
                res.resume();
                res.on('end', resolve);
            });
            req.on('error', reject);
            req.end();
        });
        expect(expressCalls()).toBe(before + 3);
    });
});

describe('a GET handler that reads req or res', () => {
    it('gets Express objects, with the headers already set, and may set its own', async () => {
        const app = express();
        const logger = createLogger('silent');
        const route = defineRoute({
            method: 'get',
            path: '/v1/things/:id',
            summary: 'test',
            tag: 'test',
            params: z.object({ id: z.string() }),
            responses: {},
            errors: [],
            handler: async ({ params, req, res }) => {
                res.setHeader('Cache-Control', 'private, max-age=5');
                return {
                    status: 200,
                    body: { id: params.id, agent: req.get('user-agent'), requestId: res.locals.requestId },
                    headers: { 'X-Thing': 'yes' }
                };
            }
        });
        const lean = createLeanReads({
            app,
            routes: [route],
            verifyToken: async () => ({ sub: 'someone' }),
            logger,
            preamble: requestPreamble(logger)
        });
        const server = http.createServer((req, res) => {
            if (!lean(req, res)) res.writeHead(418).end();
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        try {
            const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
            const answer = await request(base, '/v1/things/a%20b', {
                authorization: 'Bearer a.b.c',
                'user-agent': 'probe',
                'x-request-id': 'thing-1'
            });
            expect(answer.status).toBe(200);
            expect(JSON.parse(answer.body)).toEqual({ id: 'a b', agent: 'probe', requestId: 'thing-1' });
            expect(answer.headers).toMatchObject({
                'cache-control': 'private, max-age=5',
                'x-thing': 'yes',
                'x-request-id': 'thing-1',
                'content-type': 'application/json; charset=utf-8'
            });
            expect(answer.headers['x-frame-options']).toBe('SAMEORIGIN');
            expect((await request(base, '/v1/others', {})).status).toBe(418);
        } finally {
            await new Promise<void>((resolve) => server.close(() => resolve()));
        }
    });
});
