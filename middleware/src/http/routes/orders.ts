/** Order checks, provisioning and the staff trace. */
import type { ServiceDeps } from '../../domain/services/deps';
import { checkOrderForClient } from '../../domain/services/orders';
import { getProvisioningTrace, provisionOrder } from '../../domain/services/provisioning';
import { defineRoute, type RouteDef } from '../route';
import {
    OrderCheckBody,
    OrderCheckResponse,
    OrderParams,
    ProvisionBody,
    ProvisioningTraceResponse,
    ProvisionResponse
} from '../schemas';

export function orderRoutes(deps: ServiceDeps): RouteDef[] {
    return [
        defineRoute({
            method: 'post',
            path: '/v1/orders/check',
            summary: 'Check an order against the rules, the payment method and existing services',
            tag: 'Orders',
            body: OrderCheckBody,
            responses: { 200: { description: 'The check result', schema: OrderCheckResponse } },
            errors: [400, 401, 404, 413, 415, 503],
            handler: async ({ body }) => ({ status: 200, body: await checkOrderForClient(deps, body) })
        }),
        defineRoute({
            method: 'post',
            path: '/v1/orders/:orderId/provision',
            summary: 'Provision an approved order in WHMCS, exactly once per orderId',
            tag: 'Orders',
            params: OrderParams,
            body: ProvisionBody,
            responses: { 200: { description: 'ACTIVATED or PAUSED', schema: ProvisionResponse } },
            errors: [400, 401, 404, 409, 413, 415, 503],
            handler: async ({ params, body }) => ({
                status: 200,
                body: await provisionOrder(deps, { ...body, orderId: params.orderId })
            })
        }),
        defineRoute({
            method: 'get',
            path: '/v1/orders/:orderId/provisioning',
            summary: 'The provisioning trace of an order (staff view)',
            tag: 'Orders',
            params: OrderParams,
            responses: { 200: { description: 'The trace', schema: ProvisioningTraceResponse } },
            errors: [400, 401, 404],
            handler: async ({ params }) => ({
                status: 200,
                body: await getProvisioningTrace(deps, params.orderId)
            })
        })
    ];
}
