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
import { removePaymentMethod, setDefaultPaymentMethod } from '../../domain/services/payment-methods';
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
    PayMethodParams,
    SsoBody,
    SsoResponse,
    SubscriptionQuery,
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
            method: 'delete',
            path: '/v1/clients/:clientId/payment-methods/:payMethodId',
            summary:
                'Remove a payment method (WHMCS DeletePayMethod); never the last usable one while a service is active. Removing the default makes the next usable method in WHMCS order the default.',
            tag: 'Billing',
            params: PayMethodParams,
            responses: { 200: { description: 'The payment methods left', schema: PaymentMethodsResponse } },
            errors: [...READ_ERRORS, 409, 422],
            handler: async ({ params }) => ({
                status: 200,
                body: await removePaymentMethod(deps, Number(params.clientId), Number(params.payMethodId))
            })
        }),
        defineRoute({
            method: 'post',
            path: '/v1/clients/:clientId/payment-methods/:payMethodId/default',
            summary:
                'Make a payment method the default (WHMCS UpdatePayMethod set_as_default); not an expired card',
            tag: 'Billing',
            params: PayMethodParams,
            responses: {
                200: { description: 'The payment methods, this one default', schema: PaymentMethodsResponse }
            },
            errors: [...READ_ERRORS, 409, 422],
            handler: async ({ params }) => ({
                status: 200,
                body: await setDefaultPaymentMethod(deps, Number(params.clientId), Number(params.payMethodId))
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
            summary: 'Recurring services (subscriptions) of the client, paged through to WHMCS',
            tag: 'Billing',
            params: ClientParams,
            query: SubscriptionQuery,
            responses: { 200: { description: 'A page of subscriptions', schema: SubscriptionsResponse } },
            errors: READ_ERRORS,
            handler: async ({ params, query }) => ({
                status: 200,
                body: await listSubscriptions(deps, Number(params.clientId), query)
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
