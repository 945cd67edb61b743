/** The OpenAPI 3.1 document, generated from the same route list and zod schemas the app validates with. */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import type { RouteDef } from './route';
import { ErrorResponse, HealthResponse, ReadyResponse } from './schemas';

const ERROR_TEXT: Record<number, string> = {
    400: 'VALIDATION_FAILED',
    401: 'UNAUTHENTICATED or CREDENTIALS_INVALID',
    404: 'NOT_FOUND',
    409: 'EMAIL_IN_USE, PROVISIONING_IN_PROGRESS or REQUEST_MISMATCH',
    413: 'PAYLOAD_TOO_LARGE',
    415: 'UNSUPPORTED_MEDIA_TYPE (a compressed body)',
    422: 'CUSTOMER_NUMBER_MISSING, BILLING_REJECTED or CHANGE_NOT_ALLOWED (details.reason)',
    429: 'VERIFICATION_LOCKED',
    503: 'BILLING_UNAVAILABLE, or SERVICE_UNAVAILABLE while shutting down'
};

export function toOpenApiPath(path: string): string {
    return path.replace(/:([A-Za-z]+)/g, '{$1}');
}

export function buildOpenApiDocument(routes: readonly RouteDef[], version: string) {
    const registry = new OpenAPIRegistry();
    const bearer = registry.registerComponent('securitySchemes', 'bearerAuth', {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'RS256 JWT signed by the Salesforce org certificate (iss, aud, exp checked).'
    });
    registry.register('Error', ErrorResponse);

    registry.registerPath({
        method: 'get',
        path: '/healthz',
        summary: 'Liveness',
        tags: ['Health'],
        responses: {
            200: { description: 'Running', content: { 'application/json': { schema: HealthResponse } } }
        }
    });
    registry.registerPath({
        method: 'get',
        path: '/readyz',
        summary: 'Readiness: store and WHMCS reachable',
        tags: ['Health'],
        responses: {
            200: { description: 'Ready', content: { 'application/json': { schema: ReadyResponse } } },
            503: { description: 'Not ready', content: { 'application/json': { schema: ReadyResponse } } }
        }
    });
    registry.registerPath({
        method: 'get',
        path: '/openapi.json',
        summary: 'This document',
        tags: ['Health'],
        responses: { 200: { description: 'OpenAPI 3.1 document' } }
    });

    for (const route of routes) {
        const responses: Record<
            number,
            { description: string; content?: Record<string, { schema: z.ZodType }> }
        > = {};
        for (const [status, r] of Object.entries(route.responses)) {
            responses[Number(status)] = {
                description: r.description,
                content: { 'application/json': { schema: r.schema } }
            };
        }
        for (const status of route.errors) {
            responses[status] = {
                description: ERROR_TEXT[status] ?? 'Error',
                content: { 'application/json': { schema: ErrorResponse } }
            };
        }
        registry.registerPath({
            method: route.method,
            path: toOpenApiPath(route.path),
            summary: route.summary,
            tags: [route.tag],
            security: [{ [bearer.name]: [] }],
            request: {
                params: route.params as never,
                query: route.query as never,
                body: route.body
                    ? { required: true, content: { 'application/json': { schema: route.body } } }
                    : undefined
            },
            responses
        });
    }

    return new OpenApiGeneratorV31(registry.definitions).generateDocument({
        openapi: '3.1.0',
        info: {
            title: 'Customer portal middleware',
            version,
            description: 'The v1 API between Salesforce and WHMCS (docs/API.md).'
        },
        servers: [{ url: '/' }]
    });
}
