/** Customer billing: address, payment methods, invoices, subscriptions, SSO links. */
import {
    createSsoLink,
    getAddress,
    getInvoice,
    getPaymentMethods,
    listInvoices,
    listSubscriptions,
    updateAddress
} from '../../domain/services/billing';
import type { ServiceDeps } from '../../domain/services/deps';
import { defineRoute, type RouteDef } from '../route';
import {
    AddressBody,
    AddressResponse,
    ClientParams,
    InvoiceParams,
    InvoiceQuery,
    InvoiceResponse,
    InvoicesResponse,
    PaymentMethodsResponse,
    SsoBody,
    SsoResponse,
    SubscriptionsResponse
} from '../schemas';

const READ_ERRORS = [400, 401, 404, 503];

export function billingRoutes(deps: ServiceDeps): RouteDef[] {
    return [
        defineRoute({
            method: 'get',
            path: '/v1/clients/:clientId/address',
            summary: 'The billing address held by WHMCS',
            tag: 'Billing',
            params: ClientParams,
            responses: { 200: { description: 'The address', schema: AddressResponse } },
            errors: READ_ERRORS,
            handler: async ({ params }) => ({
                status: 200,
                body: { address: await getAddress(deps, Number(params.clientId)) }
            })
        }),
        defineRoute({
            method: 'put',
            path: '/v1/clients/:clientId/address',
            summary: 'Write the billing address to WHMCS',
            tag: 'Billing',
            params: ClientParams,
            body: AddressBody,
            responses: { 200: { description: 'The address as WHMCS now has it', schema: AddressResponse } },
            errors: [...READ_ERRORS, 413, 415, 422],
            handler: async ({ params, body }) => ({
                status: 200,
                body: { address: await updateAddress(deps, Number(params.clientId), body.address) }
            })
        }),
        defineRoute({
            method: 'get',
            path: '/v1/clients/:clientId/payment-methods',
            summary: 'Stored payment methods, masked',
            tag: 'Billing',
            params: ClientParams,
            responses: { 200: { description: 'Payment methods', schema: PaymentMethodsResponse } },
            errors: READ_ERRORS,
            handler: async ({ params }) => ({
                status: 200,
                body: await getPaymentMethods(deps, Number(params.clientId))
            })
        }),
        defineRoute({
            method: 'get',
            path: '/v1/clients/:clientId/invoices',
            summary: 'Invoices, newest first, paged',
            tag: 'Billing',
            params: ClientParams,
            query: InvoiceQuery,
            responses: { 200: { description: 'A page of invoices', schema: InvoicesResponse } },
            errors: READ_ERRORS,
            handler: async ({ params, query }) => ({
                status: 200,
                body: await listInvoices(deps, Number(params.clientId), query)
            })
        }),
        defineRoute({
            method: 'get',
            path: '/v1/clients/:clientId/invoices/:invoiceId',
            summary: 'One invoice with its lines',
            tag: 'Billing',
            params: InvoiceParams,
            responses: { 200: { description: 'The invoice', schema: InvoiceResponse } },
            errors: READ_ERRORS,
            handler: async ({ params }) => ({
                status: 200,
                body: { invoice: await getInvoice(deps, Number(params.clientId), Number(params.invoiceId)) }
            })
        }),
        defineRoute({
            method: 'get',
            path: '/v1/clients/:clientId/subscriptions',
            summary: 'Services (subscriptions) of the client',
            tag: 'Billing',
            params: ClientParams,
            responses: { 200: { description: 'Subscriptions', schema: SubscriptionsResponse } },
            errors: READ_ERRORS,
            handler: async ({ params }) => ({
                status: 200,
                body: await listSubscriptions(deps, Number(params.clientId))
            })
        }),
        defineRoute({
            method: 'post',
            path: '/v1/clients/:clientId/sso',
            summary: 'A single-use WHMCS sign-in link (60 s) to a destination',
            tag: 'Billing',
            params: ClientParams,
            body: SsoBody,
            responses: { 200: { description: 'The link', schema: SsoResponse } },
            errors: [...READ_ERRORS, 413, 415, 422],
            handler: async ({ params, body, res }) => {
                res.setHeader('Cache-Control', 'no-store');
                return {
                    status: 200,
                    body: await createSsoLink(
                        deps,
                        Number(params.clientId),
                        body.destination,
                        body.invoiceId,
                        body.returnPath
                    )
                };
            }
        })
    ];
}
