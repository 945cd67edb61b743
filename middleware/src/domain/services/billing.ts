/** Customer billing reads and writes, all scoped to one WHMCS client. */
import { normaliseDate } from '../dates';
import { AppError } from '../errors';
import { toMoney } from '../money';
import { toPaymentMethods, type PaymentMethod } from '../payment-methods';
import type { KnownClient } from '../known-clients';
import { isSubscription, presentSubscription, type Subscription } from '../subscriptions';
import type { BillingClientRecord, InvoiceDetail, InvoiceSummary, SsoTarget } from '../ports';
import type { Address } from '../types';
import type { ServiceDeps } from './deps';

export async function requireClient(deps: ServiceDeps, clientId: number): Promise<BillingClientRecord> {
    const client = await deps.billing.getClient(clientId);
    if (!client) {
        deps.knownClients?.forget(clientId);
        throw new AppError('NOT_FOUND', 'No billing account with this id.');
    }
    deps.knownClients?.remember(clientId, { currency: client.currency });
    return client;
}

/**
 * The outcomes in argument order, the first failure being the answer, whichever settled first. A failure
 * behind the deciding one is caught, never an unhandled rejection; the rest are left to finish on their own.
 */
async function inOrder(pending: Promise<unknown>[]): Promise<unknown[]> {
    for (const p of pending) p.catch(() => undefined);
    const results: unknown[] = [];
    for (const p of pending) results.push(await p);
    return results;
}

/**
 * requireClient and reads that do not need the client record, all sent at once: one billing round trip
 * instead of two. Reads only: a write must wait for requireClient, so that none is sent for an unknown
 * client. The outcomes are taken in a fixed order, the client check first and then each read in argument
 * order, and the first failure is the answer: exactly what running them one after the other would answer
 * (an unknown client is NOT_FOUND even when a read failed or came back empty; of two failing reads the
 * earlier argument wins), whichever WHMCS answered first. A failure behind the deciding one is caught,
 * never an unhandled rejection, and the reads still running then are left to finish on their own.
 */
export async function requireClientWithReads<R extends unknown[]>(
    deps: ServiceDeps,
    clientId: number,
    ...reads: { [K in keyof R]: () => Promise<R[K]> }
): Promise<[BillingClientRecord, ...R]> {
    return (await inOrder([
        requireClient(deps, clientId),
        // async: a read that throws before returning its promise is a rejection like any other.
        ...reads.map(async (read) => read())
    ])) as [BillingClientRecord, ...R];
}

/**
 * requireClientWithReads for reads that need no more of the client than KnownClient: a client confirmed
 * within the last few seconds (deps.knownClients) is not asked for again, so the reads go to WHMCS alone.
 */
export async function requireKnownClientWithReads<R extends unknown[]>(
    deps: ServiceDeps,
    clientId: number,
    ...reads: { [K in keyof R]: () => Promise<R[K]> }
): Promise<[KnownClient, ...R]> {
    const known = deps.knownClients?.get(clientId);
    if (!known) {
        const [client, ...results] = await requireClientWithReads<R>(deps, clientId, ...reads);
        return [{ currency: client.currency }, ...results];
    }
    // One read (every route but one): its own outcome is the answer, without inOrder's bookkeeping.
    if (reads.length === 1) return [known, await reads[0]()] as unknown as [KnownClient, ...R];
    return [known, ...((await inOrder(reads.map(async (read) => read()))) as R)];
}

/** Address as the API returns it: line2 only when it has content. */
export function presentAddress(address: Address): Address {
    const out: Address = {
        line1: address.line1,
        city: address.city,
        state: address.state,
        postalCode: address.postalCode,
        country: address.country
    };
    if (address.line2 && address.line2.trim() !== '') out.line2 = address.line2;
    return out;
}

export async function getAddress(deps: ServiceDeps, clientId: number): Promise<Address> {
    return presentAddress((await requireClient(deps, clientId)).address);
}

export async function updateAddress(deps: ServiceDeps, clientId: number, address: Address): Promise<Address> {
    await requireClient(deps, clientId);
    await deps.billing.updateClientAddress(clientId, address);
    return getAddress(deps, clientId);
}

export async function getPaymentMethods(
    deps: ServiceDeps,
    clientId: number
): Promise<{ paymentMethods: PaymentMethod[]; hasUsableMethod: boolean }> {
    const [, payMethods] = await requireKnownClientWithReads(deps, clientId, () =>
        deps.billing.listPayMethods(clientId)
    );
    return toPaymentMethods(payMethods, deps.clock.now());
}

export const INVOICE_STATUSES = [
    'Draft',
    'Unpaid',
    'Paid',
    'Cancelled',
    'Refunded',
    'Collections',
    'Payment Pending',
    'Overdue'
] as const;
export type InvoiceStatusFilter = (typeof INVOICE_STATUSES)[number];

/** An invoice as the API answers it: the billing record without its client id, dates and money normalised. */
export type PresentedInvoice = Omit<InvoiceSummary, 'clientId'>;

export function presentInvoice(inv: InvoiceSummary, currency: string = inv.currency): PresentedInvoice {
    return {
        id: inv.id,
        number: inv.number,
        status: inv.status,
        issuedOn: normaliseDate(inv.issuedOn),
        dueOn: normaliseDate(inv.dueOn),
        paidOn: normaliseDate(inv.paidOn),
        total: toMoney(inv.total),
        balance: toMoney(inv.balance),
        currency
    };
}

export async function listInvoices(
    deps: ServiceDeps,
    clientId: number,
    query: { status?: InvoiceStatusFilter; page: number; pageSize: number }
): Promise<{ invoices: PresentedInvoice[]; page: number; pageSize: number; total: number }> {
    const [, { invoices, total }] = await requireKnownClientWithReads(deps, clientId, () =>
        deps.billing.listInvoices(clientId, {
            status: query.status,
            offset: (query.page - 1) * query.pageSize,
            limit: query.pageSize
        })
    );
    return {
        invoices: invoices.map((i) => presentInvoice(i)),
        page: query.page,
        pageSize: query.pageSize,
        total
    };
}

/** An invoice of this client, or NOT_FOUND (also for another client's invoice: no existence oracle). */
export async function requireOwnInvoice(
    deps: ServiceDeps,
    clientId: number,
    invoiceId: number
): Promise<InvoiceDetail> {
    const invoice = await deps.billing.getInvoice(invoiceId);
    if (!invoice || invoice.clientId !== clientId) throw new AppError('NOT_FOUND', 'No such invoice.');
    return invoice;
}

/**
 * requireOwnInvoice without reading the client first: on success the invoice proves the client; on
 * NOT_FOUND the client is read so that an unknown client still gets the client's NOT_FOUND answer.
 */
async function requireOwnInvoiceOfKnownClient(
    deps: ServiceDeps,
    clientId: number,
    invoiceId: number
): Promise<InvoiceDetail> {
    try {
        return await requireOwnInvoice(deps, clientId, invoiceId);
    } catch (err) {
        if (err instanceof AppError && err.code === 'NOT_FOUND') await requireClient(deps, clientId);
        throw err;
    }
}

/** One invoice as the API answers it: the list's fields plus lines, totals, tax and payments. */
export type PresentedInvoiceDetail = PresentedInvoice & {
    lines: { description: string; amount: string; taxed: boolean }[];
    subtotal: string;
    credit: string;
    taxes: { rate: string; amount: string }[];
    payments: { date: string | null; method: string; amount: string; transactionId: string }[];
};

/** Gateway names for payments; the module name stands in when WHMCS cannot say (the invoice still shows). */
async function gatewayNames(deps: ServiceDeps): Promise<Record<string, string>> {
    try {
        return await deps.billing.paymentGatewayNames();
    } catch {
        return {};
    }
}

export async function getInvoice(
    deps: ServiceDeps,
    clientId: number,
    invoiceId: number
): Promise<PresentedInvoiceDetail> {
    const [client, invoice] = await requireKnownClientWithReads(deps, clientId, () =>
        requireOwnInvoice(deps, clientId, invoiceId)
    );
    const names = invoice.payments.length > 0 ? await gatewayNames(deps) : {};
    // Added to the summary object rather than spread into a new one: this is on every invoice read.
    return Object.assign(presentInvoice(invoice, invoice.currency || client.currency), {
        lines: invoice.lines.map((l) => ({
            description: l.description,
            amount: toMoney(l.amount),
            taxed: l.taxed
        })),
        subtotal: toMoney(invoice.subtotal),
        credit: toMoney(invoice.credit),
        taxes: invoice.taxes.map((t) => ({ rate: t.rate, amount: toMoney(t.amount) })),
        payments: invoice.payments.map((p) => ({
            date: normaliseDate(p.date),
            method: names[p.method] ?? p.method,
            amount: toMoney(p.amount),
            transactionId: p.transactionId
        }))
    });
}

/**
 * One page of the client's subscriptions, paged through to WHMCS: page N is WHMCS's services
 * [(N-1)·pageSize, N·pageSize) less the one-time fees among them (WHMCS cannot filter by cycle), so a page
 * may hold fewer than pageSize and `total` counts the services the pages run over.
 */
export async function listSubscriptions(
    deps: ServiceDeps,
    clientId: number,
    query: { page: number; pageSize: number }
): Promise<{ subscriptions: Subscription[]; page: number; pageSize: number; total: number }> {
    const [, { services, total }] = await requireKnownClientWithReads(deps, clientId, () =>
        deps.billing.listServicesPage(clientId, {
            offset: (query.page - 1) * query.pageSize,
            limit: query.pageSize
        })
    );
    return {
        subscriptions: services
            .filter(isSubscription)
            .map((s) => presentSubscription(s, deps.settings.productFields)),
        page: query.page,
        pageSize: query.pageSize,
        total
    };
}

export const SSO_DESTINATIONS = [
    'invoice',
    'invoice-pdf',
    'payment-methods',
    'add-payment-method',
    'services',
    'home'
] as const;
export type SsoDestination = (typeof SSO_DESTINATIONS)[number];

/**
 * A path of the portal site: one leading '/' (never '//' or an encoded slash or backslash), URL characters
 * only. Only such a path may travel to WHMCS as the page "Back to the portal" returns to (no open redirect).
 */
export const SITE_PATH = /^\/(?!\/|%2[fF]|%5[cC])[-A-Za-z0-9._~!$&'()*+,;=:@%/?]*$/;

/** The WHMCS page's query parameter carrying the portal page to return to (read by the client-area theme). */
export const PORTAL_RETURN_PARAM = 'portal_return';

/** A custom redirect path with the portal return path appended (dropped unless it is a site path). */
export function withPortalReturn(redirectPath: string, returnPath?: string): string {
    if (!returnPath || !SITE_PATH.test(returnPath)) return redirectPath;
    const separator = redirectPath.includes('?') ? '&' : '?';
    return `${redirectPath}${separator}${PORTAL_RETURN_PARAM}=${encodeURIComponent(returnPath)}`;
}

export async function createSsoLink(
    deps: ServiceDeps,
    clientId: number,
    destination: SsoDestination,
    invoiceId?: number,
    returnPath?: string
): Promise<{ url: string; expiresAt: string }> {
    // For an invoice the ownership check proves the client exists (an invoice belongs to an existing
    // client), so the client is read only when that check fails: the 404 then says which of the two is
    // missing, exactly as when the client was read first.
    const forInvoice = destination === 'invoice' || destination === 'invoice-pdf';
    if (!forInvoice || invoiceId === undefined) await requireClient(deps, clientId);
    let target: SsoTarget;
    switch (destination) {
        case 'invoice':
        case 'invoice-pdf': {
            if (invoiceId === undefined) {
                throw new AppError('VALIDATION_FAILED', undefined, {
                    issues: [
                        {
                            path: 'invoiceId',
                            message: `invoiceId is required for destination "${destination}"`
                        }
                    ]
                });
            }
            await requireOwnInvoiceOfKnownClient(deps, clientId, invoiceId);
            // dl.php?type=i is WHMCS's client-area invoice PDF download (a file: nothing to return from).
            target = {
                redirectPath:
                    destination === 'invoice'
                        ? withPortalReturn(`viewinvoice.php?id=${invoiceId}`, returnPath)
                        : `dl.php?type=i&id=${invoiceId}`
            };
            break;
        }
        case 'payment-methods':
            target = { scope: 'clientarea:billing_info' };
            break;
        case 'add-payment-method':
            target = { redirectPath: withPortalReturn(deps.settings.addPaymentMethodPath, returnPath) };
            break;
        case 'services':
            target = { scope: 'clientarea:services' };
            break;
        case 'home':
            target = { scope: 'clientarea:homepage' };
            break;
    }
    const url = await deps.billing.createSsoUrl(clientId, target);
    const expiresAt = new Date(deps.clock.now().getTime() + deps.settings.ssoLifetimeSeconds * 1000);
    return { url, expiresAt: expiresAt.toISOString() };
}
