import { startStack, type Stack } from '../helpers/stack';
import Ajv2020 from 'ajv/dist/2020';

let stack: Stack;
beforeAll(async () => {
    stack = await startStack();
});
afterAll(async () => {
    await stack.close();
});

const EXPECTED: [string, string][] = [
    ['get', '/healthz'],
    ['get', '/readyz'],
    ['get', '/openapi.json'],
    ['post', '/v1/billing-profiles'],
    ['post', '/v1/migration/verify'],
    ['get', '/v1/clients/{clientId}/address'],
    ['put', '/v1/clients/{clientId}/address'],
    ['get', '/v1/clients/{clientId}/payment-methods'],
    ['get', '/v1/clients/{clientId}/invoices'],
    ['get', '/v1/clients/{clientId}/invoices/{invoiceId}'],
    ['get', '/v1/clients/{clientId}/subscriptions'],
    ['post', '/v1/clients/{clientId}/sso'],
    ['post', '/v1/orders/check'],
    ['post', '/v1/orders/{orderId}/provision'],
    ['get', '/v1/orders/{orderId}/provisioning'],
    ['post', '/v1/clients/{clientId}/subscriptions/{serviceId}/change-quote'],
    ['post', '/v1/service-requests/{requestId}/execute'],
    ['get', '/v1/service-requests/{requestId}']
];

describe('/openapi.json', () => {
    it('is an OpenAPI 3.1 document listing every route with the bearer scheme', async () => {
        const res = await stack.http.get('/openapi.json');
        expect(res.status).toBe(200);
        const doc = res.body;
        expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
        expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
        expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });

        const listed = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
            ([p, ops]) => Object.keys(ops).map((m) => [m, p])
        );
        expect(listed.sort()).toEqual([...EXPECTED].sort());

        for (const [method, path] of EXPECTED) {
            const op = doc.paths[path][method];
            expect(op.responses).toBeDefined();
            expect(Object.keys(op.responses).length).toBeGreaterThan(0);
            if (path.startsWith('/v1/')) {
                expect(op.security).toEqual([{ bearerAuth: [] }]);
                expect(op.responses['401']).toBeDefined();
                for (const param of path.match(/\{(\w+)\}/g) ?? []) {
                    const name = param.slice(1, -1);
                    expect(op.parameters).toEqual(
                        expect.arrayContaining([
                            expect.objectContaining({ name, in: 'path', required: true })
                        ])
                    );
                }
            }
            if (method !== 'get') expect(op.requestBody?.content?.['application/json']?.schema).toBeDefined();
        }
    });

    it('bodies are closed objects (additionalProperties: false) and refs resolve', async () => {
        const doc = (await stack.http.get('/openapi.json')).body;
        const schemas = doc.components.schemas as Record<string, { additionalProperties?: unknown }>;
        for (const name of [
            'BillingProfileRequest',
            'MigrationVerifyRequest',
            'OrderCheckRequest',
            'OrderLine'
        ]) {
            expect(schemas[name]).toBeDefined();
            expect(schemas[name].additionalProperties).toBe(false);
        }
        const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
        for (const ref of refs) {
            const name = ref.slice('"#/components/schemas/'.length, -1);
            expect(schemas[name]).toBeDefined();
        }
        const query = doc.paths['/v1/clients/{clientId}/invoices'].get.parameters.map(
            (p: { name: string }) => p.name
        );
        expect(query).toEqual(expect.arrayContaining(['status', 'page', 'pageSize']));
    });
});

/** OpenAPI 3.1 schemas are JSON Schema 2020-12: every component schema must be one. */
it('every component schema is valid JSON Schema 2020-12', async () => {
    const doc = (await stack.http.get('/openapi.json')).body;
    const ajv = new Ajv2020({ strict: false });
    const all = { $defs: doc.components.schemas };
    const rewritten = JSON.parse(JSON.stringify(all).replace(/#\/components\/schemas\//g, '#/$defs/'));
    expect(ajv.validateSchema(rewritten)).toBe(true);
    expect(ajv.errors ?? null).toBeNull();
});
