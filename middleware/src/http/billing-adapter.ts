/**
 * Adapter: the domain's BillingPort implemented with the WHMCS client. It translates WHMCS failures into
 * the two domain errors (unavailable / rejected) and "not found" answers into null.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { BillingRejectedError, BillingUnavailableError } from '../domain/errors';
import { subtractMoney } from '../domain/money';
import type {
    BillingClientRecord,
    BillingOrder,
    BillingPort,
    BillingService,
    InvoiceSummary
} from '../domain/ports';
import {
    billingCycleForDisplay,
    redactText,
    WhmcsBusinessError,
    WhmcsError,
    type ClientDetails,
    type BillingCycle,
    type Invoice,
    type InvoiceSummary as WhmcsInvoiceSummary,
    type Order,
    type Service,
    type WhmcsClient
} from '../whmcs';

const NOT_FOUND = /not found/i;
/** DeletePayMethod / UpdatePayMethod on a pay method that is gone or is another client's. */
const PAY_METHOD_GONE = /^(Invalid Pay Method ID|Pay Method does not belong to passed Client ID)$/i;

/** Maps any WHMCS failure to a domain error; business errors become BillingRejectedError. */
export function translate(action: string, err: unknown, logger: Logger): Error {
    // WHMCS's text reaches staff (trace, Order): anything secret-looking in it is masked here.
    if (err instanceof WhmcsBusinessError) return new BillingRejectedError(action, redactText(err.message));
    if (err instanceof WhmcsError) {
        if (err.kind !== 'transport') {
            // Credentials, IP allow-list, role or action name: an operator must fix the configuration.
            logger.error(
                { action, kind: err.kind, httpStatus: err.httpStatus },
                'WHMCS refused the API credential'
            );
        } else {
            logger.warn({ action, kind: err.kind, httpStatus: err.httpStatus }, 'WHMCS unreachable');
        }
        return new BillingUnavailableError(action, err.kind);
    }
    return err instanceof Error ? err : new Error(String(err));
}

function toClientRecord(c: ClientDetails): BillingClientRecord {
    return {
        id: c.id,
        firstName: c.firstName,
        lastName: c.lastName,
        email: c.email,
        companyName: c.companyName,
        phone: c.phone,
        status: c.status,
        currency: c.currencyCode,
        address: {
            line1: c.address.line1,
            line2: c.address.line2,
            city: c.address.city,
            state: c.address.state,
            postalCode: c.address.postalCode,
            country: c.address.country
        },
        customFields: c.customFields
    };
}

/** A WHMCS invoice (from GetInvoices or GetInvoice) in the domain's shape; balance and currency differ by action. */
function toInvoiceSummary(i: WhmcsInvoiceSummary, balance: string, currency: string): InvoiceSummary {
    return {
        id: i.id,
        clientId: i.userId,
        number: i.number,
        status: i.status,
        issuedOn: i.date,
        dueOn: i.dueDate,
        paidOn: i.datePaid,
        total: i.total,
        balance,
        currency
    };
}

function toBillingService(s: Service): BillingService {
    return {
        id: s.id,
        productId: s.productId,
        orderId: s.orderId,
        name: s.name,
        status: s.status,
        billingCycle: billingCycleForDisplay(s.billingCycleLabel),
        recurringAmount: s.recurringAmount,
        nextDueDate: s.nextDueDate,
        registeredOn: s.regDate,
        groupName: s.groupName,
        customFields: s.customFields
    };
}

function toOrder(o: Order): BillingOrder {
    return { id: o.id, clientId: o.userId, status: o.status, notes: o.notes, invoiceId: o.invoiceId };
}

export interface BillingAdapterOptions {
    client: WhmcsClient;
    logger: Logger;
    /** Currency code shown on invoices when WHMCS does not say (GetInvoice carries none). */
    defaultCurrency?: string;
    /** How long the gateways' display names are reused before WHMCS is asked again; default 10 minutes. */
    gatewayLabelsTtlMs?: number;
    /** The clock for that reuse; default Date.now. */
    now?: () => number;
}

/** The invoice's tax levels that have a rate or an amount. */
function taxLines(i: Invoice): { rate: string; amount: string }[] {
    const lines: { rate: string; amount: string }[] = [];
    if (i.taxRate !== '0' || Number(i.tax) !== 0) lines.push({ rate: i.taxRate, amount: i.tax });
    if (i.taxRate2 !== '0' || Number(i.tax2) !== 0) lines.push({ rate: i.taxRate2, amount: i.tax2 });
    return lines;
}

export function createBillingAdapter({
    client,
    logger,
    defaultCurrency = 'JPY',
    gatewayLabelsTtlMs = 10 * 60_000,
    now = Date.now
}: BillingAdapterOptions): BillingPort {
    // Gateways change with WHMCS's configuration, not per request: one GetPaymentMethods serves every invoice
    // read for a while, so an invoice read is one WHMCS call (GetInvoice) once the names are known.
    let gatewayNames: { at: number; names: Record<string, string> } | undefined;

    /** `fn()`'s promise, with a failure translated (also one thrown before the promise was returned). */
    function settle<T>(fn: () => Promise<T>, onFailure: (err: unknown) => T): Promise<T> {
        let pending: Promise<T>;
        try {
            pending = fn();
        } catch (err) {
            pending = Promise.reject(err);
        }
        // A chain, not an async function: this sits on every read, and each async layer costs promises.
        return pending.catch(onFailure);
    }

    function guard<T>(action: string, fn: () => Promise<T>): Promise<T> {
        return settle(fn, (err) => {
            throw translate(action, err, logger);
        });
    }

    /** Reads where WHMCS answers "... Not Found" for a missing record: null instead of an error. */
    function guardRead<T>(action: string, fn: () => Promise<T>): Promise<T | null> {
        return settle<T | null>(fn, (err) => {
            if (err instanceof WhmcsBusinessError && NOT_FOUND.test(err.message)) return null;
            throw translate(action, err, logger);
        });
    }

    /** A pay method write: true when done, false when the method is gone (a concurrent removal). */
    async function payMethodWrite(action: string, fn: () => Promise<void>): Promise<boolean> {
        try {
            await fn();
            return true;
        } catch (err) {
            if (err instanceof WhmcsBusinessError && PAY_METHOD_GONE.test(err.message.trim())) return false;
            throw translate(action, err, logger);
        }
    }

    return {
        async getClient(clientId) {
            const c = await guardRead('GetClientsDetails', () => client.getClientsDetails({ clientId }));
            return c ? toClientRecord(c) : null;
        },
        async getClientByEmail(email) {
            const c = await guardRead('GetClientsDetails', () => client.getClientsDetails({ email }));
            return c ? toClientRecord(c) : null;
        },
        async findClientIdsByEmail(email) {
            const wanted = email.trim().toLowerCase();
            const found = await guard('GetClients', () =>
                client.getClients({ search: wanted, limitNum: 100 })
            );
            return found.clients.filter((c) => c.email.trim().toLowerCase() === wanted).map((c) => c.id);
        },
        async addClient(input) {
            const result = await guard('AddClient', () =>
                client.addClient({
                    firstName: input.firstName,
                    lastName: input.lastName,
                    email: input.email,
                    address: input.address,
                    phone: input.phone,
                    companyName: input.companyName,
                    // WHMCS needs a password for the new User; customers never use it (they arrive by SSO).
                    password: randomBytes(24).toString('base64url'),
                    customFields: input.customFields,
                    language: input.language,
                    // Without a phone number WHMCS would refuse the client; everything else is validated.
                    skipValidation: input.phone ? undefined : true,
                    noEmail: true
                })
            );
            return result.clientId;
        },
        async updateClientAddress(clientId, address) {
            await guard('UpdateClient', () =>
                client.updateClient({
                    clientId,
                    address: { ...address, line2: address.line2 ?? '' }
                })
            );
        },
        async validateLogin(email, password) {
            try {
                await client.validateLogin({ email, password });
                return true;
            } catch (err) {
                if (err instanceof WhmcsBusinessError) return false;
                throw translate('ValidateLogin', err, logger);
            }
        },
        async listPayMethods(clientId) {
            const methods = await guard('GetPayMethods', () => client.getPayMethods({ clientId }));
            return methods.map((m) => ({
                id: m.id,
                type: m.type,
                description: m.description,
                cardType: m.cardType,
                lastFour: m.lastFour,
                expiry: m.expiry,
                bankName: m.bankName
            }));
        },
        async deletePayMethod(clientId, payMethodId) {
            return payMethodWrite('DeletePayMethod', () => client.deletePayMethod({ clientId, payMethodId }));
        },
        async setDefaultPayMethod(clientId, payMethodId) {
            return payMethodWrite('UpdatePayMethod', () =>
                client.updatePayMethod({ clientId, payMethodId, setAsDefault: true })
            );
        },
        async listInvoices(clientId, query) {
            const result = await guard('GetInvoices', () =>
                client.getInvoices({
                    userId: clientId,
                    status: query.status,
                    limitStart: query.offset,
                    limitNum: query.limit,
                    orderBy: 'date',
                    order: 'desc'
                })
            );
            return {
                total: result.total,
                invoices: result.invoices.map((i) =>
                    toInvoiceSummary(
                        i,
                        // GetInvoices has no balance: settled invoices owe nothing, others the total.
                        i.balance ??
                            (['Paid', 'Cancelled', 'Refunded'].includes(i.status) ? '0.00' : i.total),
                        i.currencyCode || defaultCurrency
                    )
                )
            };
        },
        async getInvoice(invoiceId) {
            const i = await guardRead('GetInvoice', () => client.getInvoice({ invoiceId }));
            if (!i) return null;
            // Added to the summary object rather than spread into a new one: this is on every invoice read.
            return Object.assign(toInvoiceSummary(i, i.balance, i.currencyCode), {
                lines: i.items.map((item) => ({
                    description: item.description,
                    amount: item.amount,
                    taxed: item.taxed
                })),
                subtotal: i.subtotal,
                credit: i.credit,
                taxes: taxLines(i),
                payments: i.transactions.map((t) => ({
                    date: t.date,
                    method: t.gateway,
                    amount: subtractMoney(t.amountIn, t.amountOut),
                    transactionId: t.transId
                }))
            });
        },
        async paymentGatewayNames() {
            if (!gatewayNames || now() - gatewayNames.at > gatewayLabelsTtlMs) {
                const gateways = await guard('GetPaymentMethods', () => client.getPaymentGateways());
                gatewayNames = {
                    at: now(),
                    names: Object.fromEntries(gateways.map((g) => [g.module, g.displayName]))
                };
            }
            return gatewayNames.names;
        },
        async listServices(clientId) {
            const pageSize = 250;
            const services: Service[] = [];
            for (let page = 0; page < 20; page++) {
                const result = await guard('GetClientsProducts', () =>
                    client.getClientsProducts({ clientId, limitStart: page * pageSize, limitNum: pageSize })
                );
                services.push(...result.services);
                if (result.services.length < pageSize || services.length >= result.total) break;
            }
            return services.map(toBillingService);
        },
        async listServicesPage(clientId, query) {
            const result = await guard('GetClientsProducts', () =>
                client.getClientsProducts({ clientId, limitStart: query.offset, limitNum: query.limit })
            );
            return { services: result.services.map(toBillingService), total: result.total };
        },
        async createSsoUrl(clientId, target) {
            const token = await guard('CreateSsoToken', () =>
                client.createSsoToken(
                    'scope' in target
                        ? { clientId, destination: target.scope }
                        : {
                              clientId,
                              destination: 'sso:custom_redirect',
                              ssoRedirectPath: target.redirectPath
                          }
                )
            );
            return token.redirectUrl;
        },
        async listOrders(clientId) {
            // Page through everything (bounded): the order a crashed attempt made may not be on page one.
            const pageSize = 250;
            const orders: Order[] = [];
            for (let page = 0; page < 20; page++) {
                const result = await guard('GetOrders', () =>
                    client.getOrders({ userId: clientId, limitStart: page * pageSize, limitNum: pageSize })
                );
                orders.push(...result.orders);
                if (result.orders.length < pageSize || orders.length >= result.total) break;
            }
            return orders.map(toOrder);
        },
        async getOrder(orderId) {
            const result = await guardRead('GetOrders', () => client.getOrders({ id: orderId }));
            const order = result?.orders.find((o) => o.id === orderId);
            return order ? toOrder(order) : null;
        },
        async addOrder(order) {
            const result = await guard('AddOrder', () =>
                client.addOrder({
                    clientId: order.clientId,
                    paymentMethod: order.paymentMethod,
                    notes: order.notes,
                    items: order.lines.map((l) => ({
                        productId: l.productId,
                        billingCycle: l.billingCycle as BillingCycle,
                        quantity: l.quantity,
                        customFields: l.customFields
                    }))
                })
            );
            return { orderId: result.orderId, invoiceId: result.invoiceId };
        },
        async acceptOrder(orderId) {
            await guard('AcceptOrder', () => client.acceptOrder({ orderId }));
        },
        async ping() {
            await guard('GetClients', () => client.getClients({ limitNum: 1 }));
        }
    };
}
