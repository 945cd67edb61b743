/** Plan change and cancellation: the quote, the exactly-once execution and the staff trace. */
import type { ServiceDeps } from '../../domain/services/deps';
import {
    executeServiceRequest,
    getServiceRequestTrace,
    quoteChange
} from '../../domain/services/service-changes';
import { defineRoute, type RouteDef } from '../route';
import {
    ChangeQuoteBody,
    ChangeQuoteResponse,
    ExecuteServiceRequestBody,
    ExecuteServiceRequestResponse,
    ServiceRequestParams,
    ServiceRequestTraceResponse,
    SubscriptionParams
} from '../service-change-schemas';

export function serviceChangeRoutes(deps: ServiceDeps): RouteDef[] {
    return [
        defineRoute({
            method: 'post',
            path: '/v1/clients/:clientId/subscriptions/:serviceId/change-quote',
            summary: 'Price difference and effective date of a plan change or a cancellation',
            tag: 'Service changes',
            params: SubscriptionParams,
            body: ChangeQuoteBody,
            responses: { 200: { description: 'The quote', schema: ChangeQuoteResponse } },
            errors: [400, 401, 404, 413, 415, 422, 503],
            handler: async ({ params, body }) => ({
                status: 200,
                body: await quoteChange(deps, Number(params.clientId), Number(params.serviceId), body)
            })
        }),
        defineRoute({
            method: 'post',
            path: '/v1/service-requests/:requestId/execute',
            summary: 'Carry out an approved plan change or cancellation in WHMCS, exactly once per requestId',
            tag: 'Service changes',
            params: ServiceRequestParams,
            body: ExecuteServiceRequestBody,
            responses: { 200: { description: 'DONE or PAUSED', schema: ExecuteServiceRequestResponse } },
            errors: [400, 401, 404, 409, 413, 415, 503],
            handler: async ({ params, body }) => ({
                status: 200,
                body: await executeServiceRequest(deps, params.requestId, body)
            })
        }),
        defineRoute({
            method: 'get',
            path: '/v1/service-requests/:requestId',
            summary: 'The trace of a service request (staff view)',
            tag: 'Service changes',
            params: ServiceRequestParams,
            responses: { 200: { description: 'The trace', schema: ServiceRequestTraceResponse } },
            errors: [400, 401, 404],
            handler: async ({ params }) => ({
                status: 200,
                body: await getServiceRequestTrace(deps, params.requestId)
            })
        })
    ];
}
