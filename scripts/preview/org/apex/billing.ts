import { auraError, currentCustomer, requireClientId, type ApexMethodImpl } from '../context';
import type { Json } from '../middleware';

type Obj = Record<string, unknown>;

// MiddlewareClient.toDecimal: money travels as decimal strings, LWCs get numbers.
function toDecimal(value: unknown): number | null {
    if (value === null || value === undefined) return null;
    if (typeof value === 'number') return value;
    const n = Number(String(value).trim());
    return Number.isFinite(n) ? n : null;
}

export function moneyToNumbers(items: unknown, keys: string[]): void {
    if (!Array.isArray(items)) return;
    for (const item of items) {
        if (!item || typeof item !== 'object') continue;
        for (const key of keys) if (key in (item as Obj)) (item as Obj)[key] = toDecimal((item as Obj)[key]);
    }
}

function intParam(value: unknown): number | null {
    if (value === null || value === undefined || value === '') return null;
    const n = Number(value);
    if (!Number.isInteger(n))
        throw new TypeError('Value provided is invalid for action parameter of type Integer');
    return n;
}

function strParam(value: unknown): string | null {
    if (value === null || value === undefined) return null;
    return String(value);
}

export async function invoices(
    send: (path: string) => Promise<Json>,
    clientId: number,
    status: string | null,
    page: number | null,
    pageSize: number | null
): Promise<Json> {
    const query: string[] = [];
    if (status && status.trim()) query.push(`status=${encodeURIComponent(status)}`);
    if (page !== null) query.push(`page=${page}`);
    if (pageSize !== null) query.push(`pageSize=${pageSize}`);
    const res = await send(`/v1/clients/${clientId}/invoices${query.length ? `?${query.join('&')}` : ''}`);
    moneyToNumbers(res.invoices, ['total', 'balance']);
    return res;
}

export async function subscriptions(send: (path: string) => Promise<Json>, clientId: number): Promise<Json> {
    const res = await send(`/v1/clients/${clientId}/subscriptions`);
    moneyToNumbers(res.subscriptions, ['recurringAmount']);
    return res;
}

const INVOICE_STATUSES = new Set([
    'Paid',
    'Unpaid',
    'Cancelled',
    'Refunded',
    'Collections',
    'Draft',
    'Overdue',
    'Payment Pending'
]);
const SSO_DESTINATIONS = new Set(['invoice', 'payment-methods', 'add-payment-method', 'services', 'home']);
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

export const PortalBillingController: Record<string, ApexMethodImpl> = {
    getInvoices: {
        params: ['status', 'page', 'pageSize'],
        access: 'customer',
        run(call, args) {
            const status = strParam(args.status);
            if (status && status.trim() && !INVOICE_STATUSES.has(status))
                throw auraError('VALIDATION_FAILED');
            const page = intParam(args.page) ?? 1;
            const size = intParam(args.pageSize) ?? DEFAULT_PAGE_SIZE;
            if (page < 1 || size < 1 || size > MAX_PAGE_SIZE) throw auraError('VALIDATION_FAILED');
            const clientId = requireClientId(currentCustomer(call));
            return invoices(
                (path) => call.org.middleware.send('GET', path),
                clientId,
                status && status.trim() ? status : null,
                page,
                size
            );
        }
    },
    getSubscriptions: {
        params: [],
        access: 'customer',
        run(call) {
            const clientId = requireClientId(currentCustomer(call));
            return subscriptions((path) => call.org.middleware.send('GET', path), clientId);
        }
    },
    getPaymentMethods: {
        params: [],
        access: 'customer',
        run(call) {
            const clientId = requireClientId(currentCustomer(call));
            return call.org.middleware.send('GET', `/v1/clients/${clientId}/payment-methods`);
        }
    },
    createSsoLink: {
        params: ['destination', 'invoiceId'],
        access: 'customer',
        run(call, args) {
            const destination = strParam(args.destination);
            const invoiceId = intParam(args.invoiceId);
            if (!destination || !SSO_DESTINATIONS.has(destination)) throw auraError('VALIDATION_FAILED');
            if (
                (destination === 'invoice') !== (invoiceId !== null) ||
                (invoiceId !== null && invoiceId <= 0)
            ) {
                throw auraError('VALIDATION_FAILED');
            }
            const clientId = requireClientId(currentCustomer(call));
            const body: Obj = { destination };
            if (invoiceId !== null) body.invoiceId = invoiceId;
            return call.org.middleware.send('POST', `/v1/clients/${clientId}/sso`, body);
        }
    }
};
