// The typed WHMCS client: camelCase params → WHMCS params, raw bodies → normalised results.
import type { Logger } from 'pino';
import { ShapeError, type Decoder } from './decode';
import { WhmcsTransportError } from './errors';
import { encodeCustomFields } from './php';
import * as s from './schemas';
import { createHttpPost, type HttpPost } from './http-post';
import { createTransport } from './transport';
import type {
    AddClientParams,
    AddOrderParams,
    AddressInput,
    UpdateClientParams,
    WhmcsClient,
    WhmcsParams,
    WhmcsRawResponse
} from './types';

export interface WhmcsClientOptions {
    /** WHMCS System URL (the client appends /includes/api.php). */
    baseUrl: string;
    identifier: string;
    secret: string;
    accessKey?: string;
    /** Per attempt; default 10 000 ms. */
    timeoutMs?: number;
    /** Extra attempts for reads on transport errors; default 2. Writes are never retried. */
    readRetries?: number;
    /** Base of the jittered exponential backoff; default 200 ms. */
    retryBaseDelayMs?: number;
    logger?: Logger;
    /** The HTTP exchange; default `createHttpPost()`, a keep-alive undici pool (tests pass a fake `fetch`). */
    fetchImpl?: HttpPost;
}

export function createWhmcsClient(options: WhmcsClientOptions): WhmcsClient {
    if (!options.baseUrl) throw new TypeError('createWhmcsClient: baseUrl is required');
    const transport = createTransport({
        baseUrl: options.baseUrl,
        identifier: options.identifier,
        secret: options.secret,
        accessKey: options.accessKey,
        timeoutMs: options.timeoutMs ?? 10_000,
        readRetries: options.readRetries ?? 2,
        retryBaseDelayMs: options.retryBaseDelayMs ?? 200,
        logger: options.logger,
        fetchImpl: options.fetchImpl ?? createHttpPost()
    });

    function run<T>(action: string, params: WhmcsParams, decode: Decoder<T>): Promise<T> {
        return transport.call(action, params).then((body) => parse(action, body, decode));
    }

    return {
        call: (action, params) => transport.call(action, params),

        addClient: (p) => run('AddClient', addClientParams(p), s.addClientSchema),

        getClientsDetails: (p) =>
            run(
                'GetClientsDetails',
                { clientid: p.clientId, email: p.email, stats: p.stats },
                s.getClientsDetailsSchema
            ),

        updateClient: (p) => run('UpdateClient', updateClientParams(p), s.updateClientSchema),

        getClients: (p = {}) =>
            run(
                'GetClients',
                {
                    limitstart: p.limitStart,
                    limitnum: p.limitNum,
                    search: p.search,
                    status: p.status,
                    sorting: p.sorting,
                    orderby: p.orderBy
                },
                s.getClientsSchema
            ),

        validateLogin: (p) =>
            run('ValidateLogin', { email: p.email, password2: p.password }, s.validateLoginSchema),

        createSsoToken: (p) =>
            run(
                'CreateSsoToken',
                {
                    client_id: p.clientId,
                    user_id: p.userId,
                    destination: p.destination,
                    service_id: p.serviceId,
                    domain_id: p.domainId,
                    sso_redirect_path: p.ssoRedirectPath
                },
                s.createSsoTokenSchema
            ),

        getPayMethods: (p) =>
            run(
                'GetPayMethods',
                { clientid: p.clientId, paymethodid: p.payMethodId, type: p.type },
                s.getPayMethodsSchema
            ),

        addPayMethod: (p) =>
            run(
                'AddPayMethod',
                {
                    clientid: p.clientId,
                    type: p.type,
                    description: p.description,
                    gateway_module_name: p.gatewayModuleName,
                    card_number: p.cardNumber,
                    card_expiry: p.cardExpiry,
                    card_start: p.cardStart,
                    card_issue_number: p.cardIssueNumber,
                    bank_name: p.bankName,
                    bank_account_type: p.bankAccountType,
                    bank_code: p.bankCode,
                    bank_account: p.bankAccount,
                    set_as_default: p.setAsDefault
                },
                s.addPayMethodSchema
            ),

        // Both answer only ids echoed back: nothing to parse beyond `result: success`.
        deletePayMethod: async (p) => {
            await transport.call('DeletePayMethod', { clientid: p.clientId, paymethodid: p.payMethodId });
        },

        updatePayMethod: async (p) => {
            await transport.call('UpdatePayMethod', {
                clientid: p.clientId,
                paymethodid: p.payMethodId,
                card_expiry: p.cardExpiry,
                set_as_default: p.setAsDefault
            });
        },

        addOrder: (p) => run('AddOrder', addOrderParams(p), s.addOrderSchema),

        acceptOrder: async (p) => {
            await transport.call('AcceptOrder', {
                orderid: p.orderId,
                autosetup: p.autoSetup,
                sendemail: p.sendEmail,
                serverid: p.serverId,
                serviceusername: p.serviceUsername,
                servicepassword: p.servicePassword,
                registrar: p.registrar,
                sendregistrar: p.sendRegistrar
            });
        },

        pendingOrder: async (p) => {
            await transport.call('PendingOrder', { orderid: p.orderId });
        },

        cancelOrder: async (p) => {
            await transport.call('CancelOrder', {
                orderid: p.orderId,
                cancelsub: p.cancelSub,
                noemail: p.noEmail
            });
        },

        getOrders: (p = {}) =>
            run(
                'GetOrders',
                {
                    limitstart: p.limitStart,
                    limitnum: p.limitNum,
                    id: p.id,
                    userid: p.userId,
                    requestor_id: p.requestorId,
                    status: p.status
                },
                s.getOrdersSchema
            ),

        getClientsProducts: (p) =>
            run(
                'GetClientsProducts',
                {
                    limitstart: p.limitStart,
                    limitnum: p.limitNum,
                    clientid: p.clientId,
                    serviceid: p.serviceId,
                    pid: p.productId,
                    domain: p.domain
                },
                s.getClientsProductsSchema
            ),

        getProducts: (p = {}) =>
            run(
                'GetProducts',
                {
                    pid: Array.isArray(p.productId) ? p.productId.join(',') : p.productId,
                    gid: p.groupId,
                    module: p.module
                },
                s.getProductsSchema
            ),

        getInvoices: (p = {}) =>
            run(
                'GetInvoices',
                {
                    limitstart: p.limitStart,
                    limitnum: p.limitNum,
                    userid: p.userId,
                    status: p.status,
                    orderby: p.orderBy,
                    order: p.order
                },
                s.getInvoicesSchema
            ),

        getInvoice: (p) => run('GetInvoice', { invoiceid: p.invoiceId }, s.getInvoiceSchema),

        addInvoicePayment: async (p) => {
            await transport.call('AddInvoicePayment', {
                invoiceid: p.invoiceId,
                transid: p.transId,
                gateway: p.gateway,
                date: p.date ?? whmcsNow(),
                amount: p.amount,
                fees: p.fees,
                noemail: p.noEmail
            });
        },

        upgradeProduct: (p) =>
            run(
                'UpgradeProduct',
                {
                    serviceid: p.serviceId,
                    calconly: p.calcOnly,
                    paymentmethod: p.paymentMethod,
                    type: 'product',
                    newproductid: p.newProductId,
                    newproductbillingcycle: p.newProductBillingCycle
                },
                s.upgradeProductSchema
            ),

        addCancelRequest: async (p) => {
            await transport.call('AddCancelRequest', {
                serviceid: p.serviceId,
                type: p.type,
                reason: p.reason
            });
        },

        getPaymentGateways: () => run('GetPaymentMethods', {}, s.getPaymentMethodsSchema)
    };
}

function parse<T>(action: string, body: WhmcsRawResponse, decode: Decoder<T>): T {
    try {
        return decode(body);
    } catch (err) {
        if (!(err instanceof ShapeError)) throw err;
        // The path only, never the value (it can be personal data).
        throw new WhmcsTransportError(
            `WHMCS ${action} answer has an unexpected shape at: ${err.where()}`,
            'invalid_response',
            { action, httpStatus: 200 }
        );
    }
}

function addressParams(a: Partial<AddressInput> | undefined): WhmcsParams {
    if (!a) return {};
    return {
        address1: a.line1,
        address2: a.line2,
        city: a.city,
        state: a.state,
        postcode: a.postalCode,
        country: a.country
    };
}

function addClientParams(p: AddClientParams): WhmcsParams {
    return {
        firstname: p.firstName,
        lastname: p.lastName,
        email: p.email,
        ...addressParams(p.address),
        phonenumber: p.phone,
        companyname: p.companyName,
        password2: p.password,
        owner_user_id: p.ownerUserId,
        customfields: p.customFields ? encodeCustomFields(p.customFields) : undefined,
        language: p.language,
        currency: p.currency,
        groupid: p.groupId,
        notes: p.notes,
        clientip: p.clientIp,
        marketingoptin: p.marketingOptIn,
        noemail: p.noEmail,
        skipvalidation: p.skipValidation
    };
}

function updateClientParams(p: UpdateClientParams): WhmcsParams {
    return {
        clientid: p.clientId,
        clientemail: p.clientEmail,
        firstname: p.firstName,
        lastname: p.lastName,
        companyname: p.companyName,
        email: p.email,
        ...addressParams(p.address),
        phonenumber: p.phone,
        customfields: p.customFields ? encodeCustomFields(p.customFields) : undefined,
        language: p.language,
        status: p.status,
        notes: p.notes,
        paymentmethod: p.paymentMethod,
        skipvalidation: p.skipValidation
    };
}

function addOrderParams(p: AddOrderParams): WhmcsParams {
    // Parallel arrays matched by index; an empty string keeps the index when a line has no value.
    const items = p.items;
    return {
        clientid: p.clientId,
        paymentmethod: p.paymentMethod,
        pid: items.map((i) => i.productId),
        billingcycle: items.map((i) => i.billingCycle),
        qty: items.map((i) => i.quantity ?? 1),
        customfields: items.map((i) =>
            i.customFields && Object.keys(i.customFields).length > 0 ? encodeCustomFields(i.customFields) : ''
        ),
        configoptions: items.some((i) => i.configOptions)
            ? items.map((i) => (i.configOptions ? encodeCustomFields(i.configOptions) : ''))
            : undefined,
        priceoverride: items.some((i) => i.priceOverride !== undefined)
            ? items.map((i) => (i.priceOverride === undefined ? '' : String(i.priceOverride)))
            : undefined,
        domain: items.some((i) => i.domain) ? items.map((i) => i.domain ?? '') : undefined,
        notes: p.notes,
        promocode: p.promoCode,
        noinvoice: p.noInvoice,
        noinvoiceemail: p.noInvoiceEmail,
        noemail: p.noEmail,
        clientip: p.clientIp
    };
}

/** 'YYYY-MM-DD HH:MM:SS' in UTC. */
function whmcsNow(): string {
    return new Date().toISOString().slice(0, 19).replace('T', ' ');
}
