/**
 * Adapter: the domain's ServiceChangeBilling on the WHMCS client (GetClientsProducts, GetProducts,
 * UpgradeProduct, AddCancelRequest). Cancellations are always "End of Billing Period" (docs/API.md).
 */
import type { Logger } from 'pino';
import type { ServiceChangeBilling } from '../domain/ports';
import { billingCycleForDisplay, WhmcsBusinessError, type WhmcsClient } from '../whmcs';
import { translate } from './billing-adapter';

const NOT_FOUND = /not found/i;

export function createServiceChangeAdapter({
    client,
    logger
}: {
    client: WhmcsClient;
    logger: Logger;
}): ServiceChangeBilling {
    async function call<T>(action: string, fn: () => Promise<T>, notFound?: T): Promise<T> {
        try {
            return await fn();
        } catch (err) {
            if (notFound !== undefined && err instanceof WhmcsBusinessError && NOT_FOUND.test(err.message)) {
                return notFound;
            }
            throw translate(action, err, logger);
        }
    }

    return {
        async getService(clientId, serviceId) {
            const result = await call(
                'GetClientsProducts',
                () => client.getClientsProducts({ clientId, serviceId }),
                { total: 0, startNumber: 0, services: [] }
            );
            // The filter is WHMCS's; the owner is checked again here.
            const s = result.services.find((x) => x.id === serviceId && x.clientId === clientId);
            if (!s) return null;
            return {
                id: s.id,
                productId: s.productId,
                name: s.name,
                status: s.status,
                billingCycle: billingCycleForDisplay(s.billingCycleLabel),
                recurringAmount: s.recurringAmount,
                nextDueDate: s.nextDueDate,
                paymentMethod: s.paymentMethod
            };
        },
        async getProduct(productId) {
            const result = await call('GetProducts', () => client.getProducts({ productId }), {
                total: 0,
                products: []
            });
            const p = result.products.find((x) => x.id === productId);
            if (!p) return null;
            // Only a recurring product has a monthly price (a one-time price also sits in `monthly`).
            const monthly = Object.fromEntries(
                Object.entries(p.pricing).map(([code, price]) => [
                    code,
                    p.payType === 'recurring' ? price.monthly : null
                ])
            );
            return { id: p.id, name: p.name, monthly };
        },
        async upgradeProduct(change) {
            const made = await call('UpgradeProduct', () =>
                client.upgradeProduct({
                    serviceId: change.serviceId,
                    paymentMethod: change.paymentMethod,
                    newProductId: change.newProductId,
                    newProductBillingCycle: 'monthly'
                })
            );
            return { orderId: made.orderId, invoiceId: made.invoiceId };
        },
        async addCancelRequest(request) {
            await call('AddCancelRequest', () =>
                client.addCancelRequest({
                    serviceId: request.serviceId,
                    type: 'End of Billing Period',
                    reason: request.reason
                })
            );
        }
    };
}
