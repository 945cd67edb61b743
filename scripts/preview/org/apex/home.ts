import { currentCustomer, requireClientId, type ApexMethodImpl } from '../context';
import { invoices, subscriptions } from './billing';
import { customerStatus, type OrderRow } from './orders';

type Obj = Record<string, unknown>;

const CARD_EXPIRY = /^(0[1-9]|1[0-2])\/(\d{2})$/;

/** PortalHomeController.isExpiringSoon: a card valid through the end of this month or next ("MM/YY"). */
export function isExpiringSoon(method: Obj, today: Date): boolean {
    const parts =
        method.kind === 'card' && typeof method.expiry === 'string' ? CARD_EXPIRY.exec(method.expiry) : null;
    if (!parts) return false;
    const monthsLeft =
        (2000 + Number(parts[2])) * 12 + Number(parts[1]) - (today.getFullYear() * 12 + today.getMonth() + 1);
    return monthsLeft === 0 || monthsLeft === 1;
}

/** PortalHomeController.paymentMethodStatus (Date.today() is the local date here). */
export function paymentMethodStatus(
    usable: boolean,
    known: Obj[],
    today: Date = new Date()
): 'ok' | 'expiring' | 'missing' | 'expired' {
    if (usable) {
        const notExpired = known.filter((m) => m.expired !== true);
        const expiring = notExpired.length > 0 && notExpired.every((m) => isExpiringSoon(m, today));
        return expiring ? 'expiring' : 'ok';
    }
    if (known.length === 0) return 'missing';
    return known.every((m) => m.expired === true) ? 'expired' : 'missing';
}

export const PortalHomeController: Record<string, ApexMethodImpl> = {
    getSummary: {
        params: [],
        access: 'customer',
        async run(call) {
            const ctx = currentCustomer(call);
            const clientId = requireClientId(ctx);
            const get = (path: string) => call.org.middleware.send('GET', path);
            const unpaid = await invoices(get, clientId, 'Unpaid', 1, 100);
            const services = await subscriptions(get, clientId);
            const methods = await get(`/v1/clients/${clientId}/payment-methods`);
            const unpaidList = (Array.isArray(unpaid.invoices) ? unpaid.invoices : []) as Obj[];
            const serviceList = (
                Array.isArray(services.subscriptions) ? services.subscriptions : []
            ) as Obj[];
            const methodList = (Array.isArray(methods.paymentMethods) ? methods.paymentMethods : []) as Obj[];
            const open = call.org.db
                .prepare(
                    `SELECT * FROM "Order" WHERE AccountId = ? AND Status IN ('Draft', 'Approved') LIMIT 500`
                )
                .all(ctx.accountId) as OrderRow[];
            const inProgress = open.filter(
                (o) => !['Active', 'Cancelled'].includes(customerStatus(o))
            ).length;
            return {
                unpaidInvoiceCount: typeof unpaid.total === 'number' ? unpaid.total : unpaidList.length,
                unpaidTotal: unpaidList.reduce(
                    (sum, inv) => sum + (typeof inv.balance === 'number' ? inv.balance : 0),
                    0
                ),
                activeServiceCount: serviceList.filter((s) => s.status === 'Active').length,
                ordersInProgress: inProgress,
                paymentMethodStatus: paymentMethodStatus(methods.hasUsableMethod === true, methodList)
            };
        }
    }
};
