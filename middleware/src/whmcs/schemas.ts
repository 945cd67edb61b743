// Response schemas: raw WHMCS bodies (any of the documented typings) → the normalised types.
// Unknown and legacy keys are dropped: a decoded object holds only the keys its shape names.
import {
    array,
    fail,
    ShapeError,
    integer,
    isPlainObject,
    nonEmptyString,
    object,
    optional,
    record,
    type Decoder
} from './decode';
import {
    normalizeBillingCycle,
    toBool,
    toList,
    bool,
    count,
    customFieldValues,
    date,
    idOrNull,
    int,
    list,
    money,
    rate,
    priceOrNull,
    str,
    strOrNull
} from './normalize';
import type {
    AddClientResult,
    AddOrderResult,
    AddPayMethodResult,
    ClientDetails,
    ClientSummary,
    GetClientsProductsResult,
    GetClientsResult,
    GetInvoicesResult,
    GetOrdersResult,
    GetProductsResult,
    Invoice,
    InvoiceItem,
    InvoiceSummary,
    InvoiceTransaction,
    Order,
    OrderLineItem,
    PayMethod,
    PaymentGateway,
    Product,
    ProductPricing,
    Service,
    SsoToken,
    UpdateClientResult,
    UpgradeProductResult,
    ValidateLoginResult
} from './types';

/** Comma-separated id list ("12,13"), an array, a single number, or "" → number[]. */
const integers = array(integer);
const idList: Decoder<number[]> = (v) => {
    if (v === null || v === undefined || v === '' || v === 0 || v === '0') return [];
    if (typeof v === 'number') return integers([v]);
    if (typeof v === 'string') {
        return integers(
            v
                .split(',')
                .map((s) => s.trim())
                .filter((s) => s !== '')
                .map((s) => (/^\d+$/.test(s) ? Number(s) : s))
        );
    }
    return integers(toList(v).map((x) => (typeof x === 'string' && /^\d+$/.test(x.trim()) ? Number(x) : x)));
};

/** A ShapeError at `path`, for a value that is there but of no use (all its keys empty). */
function missing(...path: string[]): never {
    const err = new ShapeError();
    err.path.push(...path);
    throw err;
}

const paging = {
    totalresults: count,
    startnumber: count
};

// ---------------------------------------------------------------- clients

export const addClientSchema = object(
    { clientid: int, owner_id: optional(idOrNull) },
    (r): AddClientResult => ({ clientId: r.clientid, ownerId: r.owner_id ?? null })
);

export const updateClientSchema = object({ clientid: int }, (r): UpdateClientResult => ({
    clientId: r.clientid
}));

const clientRecord = object({
    id: optional(idOrNull),
    client_id: optional(idOrNull),
    userid: optional(idOrNull),
    owner_user_id: optional(idOrNull),
    uuid: str,
    firstname: str,
    lastname: str,
    fullname: str,
    companyname: str,
    email: str,
    address1: str,
    address2: str,
    city: str,
    state: str,
    postcode: str,
    countrycode: str,
    country: str,
    phonenumber: str,
    status: str,
    customfields: customFieldValues,
    // Absent on older installs: assume SSO is allowed and let CreateSsoToken say otherwise.
    allowSingleSignOn: (v) => (v === undefined ? true : toBool(v)),
    language: str,
    currency: optional(idOrNull),
    currency_code: str,
    defaultgateway: str,
    credit: money,
    groupid: optional(idOrNull),
    taxexempt: bool,
    users: list(object({ id: int, name: str, email: str, is_owner: bool }), 'user')
});

const statsRecord = object({
    numunpaidinvoices: count,
    numoverdueinvoices: count,
    numpaidinvoices: count,
    productsnumactive: count,
    productsnumtotal: count
});

const clientDetails = object({ client: clientRecord, stats: optional(statsRecord) });

export const getClientsDetailsSchema: Decoder<ClientDetails> = (v) => {
    if (!isPlainObject(v)) fail();
    // Use the `client` object; very old installs only have the top-level copy.
    const r = clientDetails({
        client: v.client && typeof v.client === 'object' ? v.client : v,
        stats: v.stats
    });
    const c = r.client;
    const id = c.id ?? c.client_id ?? c.userid;
    if (id === null || id === undefined) missing('client', 'id');
    const out: ClientDetails = {
        id,
        ownerUserId: c.owner_user_id ?? null,
        uuid: c.uuid,
        firstName: c.firstname,
        lastName: c.lastname,
        fullName: c.fullname || `${c.firstname} ${c.lastname}`.trim(),
        email: c.email,
        companyName: c.companyname,
        address: {
            line1: c.address1,
            line2: c.address2,
            city: c.city,
            state: c.state,
            postalCode: c.postcode,
            country: c.countrycode || c.country
        },
        phone: c.phonenumber,
        status: c.status,
        customFields: c.customfields,
        allowSso: c.allowSingleSignOn,
        language: c.language,
        currencyId: c.currency ?? null,
        currencyCode: c.currency_code,
        defaultGateway: c.defaultgateway,
        credit: c.credit,
        groupId: c.groupid ?? null,
        taxExempt: c.taxexempt,
        users: c.users.map((u) => ({ id: u.id, name: u.name, email: u.email, isOwner: u.is_owner }))
    };
    if (r.stats) {
        out.stats = {
            numUnpaidInvoices: r.stats.numunpaidinvoices,
            numOverdueInvoices: r.stats.numoverdueinvoices,
            numPaidInvoices: r.stats.numpaidinvoices,
            productsNumActive: r.stats.productsnumactive,
            productsNumTotal: r.stats.productsnumtotal
        };
    }
    return out;
};

const clientSummary = object(
    {
        id: int,
        firstname: str,
        lastname: str,
        companyname: str,
        email: str,
        datecreated: date,
        groupid: optional(idOrNull),
        status: str
    },
    (c): ClientSummary => ({
        id: c.id,
        firstName: c.firstname,
        lastName: c.lastname,
        companyName: c.companyname,
        email: c.email,
        dateCreated: c.datecreated,
        groupId: c.groupid ?? null,
        status: c.status
    })
);

export const getClientsSchema = object(
    { ...paging, clients: list(clientSummary, 'client') },
    (r): GetClientsResult => ({
        total: r.totalresults,
        startNumber: r.startnumber,
        clients: r.clients
    })
);

export const validateLoginSchema = object(
    { userid: int, twoFactorEnabled: bool },
    (r): ValidateLoginResult => ({ userId: r.userid, twoFactorEnabled: r.twoFactorEnabled })
);

export const createSsoTokenSchema = object(
    { access_token: nonEmptyString, redirect_url: nonEmptyString },
    (r): SsoToken => ({ accessToken: r.access_token, redirectUrl: r.redirect_url })
);

// ---------------------------------------------------------------- pay methods

const payMethod = object(
    {
        id: int,
        type: str,
        description: str,
        gateway_name: str,
        contact_type: str,
        contact_id: optional(idOrNull),
        card_last_four: optional(strOrNull),
        expiry_date: optional(strOrNull),
        card_type: optional(strOrNull),
        bank_name: optional(strOrNull),
        last_updated: optional(strOrNull)
    },
    (p): PayMethod => ({
        id: p.id,
        type: p.type,
        description: p.description,
        gatewayName: p.gateway_name,
        contactType: p.contact_type,
        contactId: p.contact_id ?? null,
        lastFour: p.card_last_four ?? null,
        expiry: normalizeExpiry(p.expiry_date ?? null),
        cardType: p.card_type ?? null,
        bankName: p.bank_name ?? null,
        lastUpdated: p.last_updated ?? null
    })
);

/** 'MM/YY', 'MMYY', 'MM/YYYY' → 'MM/YY'; anything else → null. */
function normalizeExpiry(v: string | null): string | null {
    if (!v) return null;
    const m = /^(\d{1,2})\s*\/?\s*(\d{2}|\d{4})$/.exec(v.trim());
    if (!m) return null;
    const month = Number(m[1]);
    if (month < 1 || month > 12) return null;
    return `${String(month).padStart(2, '0')}/${m[2].slice(-2)}`;
}

export const getPayMethodsSchema = object(
    { paymethods: list(payMethod, 'paymethod') },
    (r): PayMethod[] => r.paymethods
);

export const addPayMethodSchema = object({ clientid: int, paymethodid: int }, (r): AddPayMethodResult => ({
    clientId: r.clientid,
    payMethodId: r.paymethodid
}));

// ---------------------------------------------------------------- orders

export const addOrderSchema = object(
    {
        orderid: int,
        serviceids: optional(idList),
        productids: optional(idList),
        addonids: idList,
        domainids: idList,
        invoiceid: optional(idOrNull)
    },
    (r): AddOrderResult => ({
        orderId: r.orderid,
        // `productids` is the legacy name of the same list; only used when serviceids is absent.
        serviceIds: r.serviceids ?? r.productids ?? [],
        addonIds: r.addonids,
        domainIds: r.domainids,
        invoiceId: r.invoiceid ?? null
    })
);

const lineItem = object(
    {
        type: str,
        relid: idOrNull,
        producttype: str,
        product: str,
        domain: str,
        billingcycle: str,
        amount: money,
        status: str
    },
    (l): OrderLineItem => ({
        type: l.type,
        relId: l.relid ?? 0,
        productType: l.producttype,
        product: l.product,
        domain: l.domain,
        billingCycle: normalizeBillingCycle(l.billingcycle),
        billingCycleLabel: l.billingcycle,
        amount: l.amount,
        status: l.status
    })
);

const order = object(
    {
        id: int,
        ordernum: str,
        userid: int,
        date: date,
        amount: money,
        paymentmethod: str,
        invoiceid: optional(idOrNull),
        status: str,
        paymentstatus: str,
        notes: str,
        lineitems: list(lineItem, 'lineitem')
    },
    (o): Order => ({
        id: o.id,
        orderNumber: o.ordernum,
        userId: o.userid,
        date: o.date,
        amount: o.amount,
        paymentMethod: o.paymentmethod,
        invoiceId: o.invoiceid ?? null,
        status: o.status,
        paymentStatus: o.paymentstatus,
        notes: o.notes,
        lineItems: o.lineitems
    })
);

export const getOrdersSchema = object({ ...paging, orders: list(order, 'order') }, (r): GetOrdersResult => ({
    total: r.totalresults,
    startNumber: r.startnumber,
    orders: r.orders
}));

// ---------------------------------------------------------------- services / products

const service = object(
    {
        id: int,
        clientid: int,
        orderid: optional(idOrNull),
        pid: int,
        name: str,
        groupname: str,
        domain: str,
        qty: (v) => (v === undefined || v === null || v === '' ? 1 : int(v)),
        regdate: date,
        firstpaymentamount: money,
        recurringamount: money,
        billingcycle: str,
        nextduedate: date,
        status: str,
        paymentmethod: str,
        customfields: customFieldValues
    },
    (s): Service => ({
        id: s.id,
        clientId: s.clientid,
        orderId: s.orderid ?? null,
        productId: s.pid,
        name: s.name,
        groupName: s.groupname,
        domain: s.domain,
        quantity: s.qty,
        regDate: s.regdate,
        firstPaymentAmount: s.firstpaymentamount,
        recurringAmount: s.recurringamount,
        billingCycle: normalizeBillingCycle(s.billingcycle),
        billingCycleLabel: s.billingcycle,
        nextDueDate: s.nextduedate,
        status: s.status,
        paymentMethod: s.paymentmethod,
        customFields: s.customfields
    })
);

export const getClientsProductsSchema = object(
    { ...paging, products: list(service, 'product') },
    (r): GetClientsProductsResult => ({
        total: r.totalresults,
        startNumber: r.startnumber,
        services: r.products
    })
);

const pricing = object(
    {
        prefix: str,
        suffix: str,
        msetupfee: priceOrNull,
        monthly: priceOrNull,
        quarterly: priceOrNull,
        semiannually: priceOrNull,
        annually: priceOrNull,
        biennially: priceOrNull,
        triennially: priceOrNull
    },
    (p): ProductPricing => ({
        prefix: p.prefix,
        suffix: p.suffix,
        monthly: p.monthly,
        quarterly: p.quarterly,
        semiannually: p.semiannually,
        annually: p.annually,
        biennially: p.biennially,
        triennially: p.triennially,
        monthlySetupFee: p.msetupfee
    })
);

const pricingByCurrency = record(pricing);

const product = object(
    {
        pid: int,
        gid: optional(idOrNull),
        type: str,
        name: str,
        description: str,
        module: str,
        paytype: str,
        pricing: (v) => (isPlainObject(v) ? pricingByCurrency(v) : {}),
        customfields: list(object({ id: int, name: str, description: str, required: bool }), 'customfield')
    },
    (p): Product => ({
        id: p.pid,
        groupId: p.gid ?? 0,
        type: p.type,
        name: p.name,
        description: p.description,
        module: p.module,
        payType: p.paytype,
        pricing: p.pricing,
        customFields: p.customfields
    })
);

export const getProductsSchema = object(
    { totalresults: count, products: list(product, 'product') },
    (r): GetProductsResult => ({ total: r.totalresults, products: r.products })
);

// ---------------------------------------------------------------- invoices

const invoiceSummary = object(
    {
        id: int,
        invoicenum: str,
        userid: int,
        date: date,
        duedate: date,
        datepaid: date,
        subtotal: money,
        credit: money,
        tax: money,
        total: money,
        status: str,
        paymentmethod: str,
        currencycode: str,
        currencyprefix: str,
        currencysuffix: str
    },
    (i): InvoiceSummary => ({
        id: i.id,
        number: i.invoicenum || String(i.id),
        userId: i.userid,
        date: i.date,
        dueDate: i.duedate,
        datePaid: i.datepaid,
        subtotal: i.subtotal,
        credit: i.credit,
        tax: i.tax,
        total: i.total,
        status: i.status,
        paymentMethod: i.paymentmethod,
        currencyCode: i.currencycode,
        currencyPrefix: i.currencyprefix,
        currencySuffix: i.currencysuffix
    })
);

export const getInvoicesSchema = object(
    { ...paging, invoices: list(invoiceSummary, 'invoice') },
    (r): GetInvoicesResult => ({
        total: r.totalresults,
        startNumber: r.startnumber,
        invoices: r.invoices
    })
);

const invoiceItem = object(
    { id: int, type: str, relid: idOrNull, description: str, amount: money, taxed: bool },
    (i): InvoiceItem => ({
        id: i.id,
        type: i.type,
        relId: i.relid ?? 0,
        description: i.description,
        amount: i.amount,
        taxed: i.taxed
    })
);

const transaction = object(
    {
        id: int,
        date: date,
        gateway: str,
        transid: str,
        description: str,
        amountin: money,
        fees: money,
        amountout: money
    },
    (t): InvoiceTransaction => ({
        id: t.id,
        date: t.date,
        gateway: t.gateway,
        transId: t.transid,
        description: t.description,
        amountIn: t.amountin,
        fees: t.fees,
        amountOut: t.amountout
    })
);

export const getInvoiceSchema = object(
    {
        invoiceid: int,
        invoicenum: str,
        userid: int,
        date: date,
        duedate: date,
        datepaid: date,
        subtotal: money,
        credit: money,
        tax: money,
        tax2: money,
        taxrate: rate,
        taxrate2: rate,
        total: money,
        balance: money,
        status: str,
        paymentmethod: str,
        notes: str,
        currencycode: str,
        currencyprefix: str,
        currencysuffix: str,
        items: list(invoiceItem, 'item'),
        transactions: list(transaction, 'transaction')
    },
    (i): Invoice => ({
        id: i.invoiceid,
        number: i.invoicenum || String(i.invoiceid),
        userId: i.userid,
        date: i.date,
        dueDate: i.duedate,
        datePaid: i.datepaid,
        subtotal: i.subtotal,
        credit: i.credit,
        tax: i.tax,
        tax2: i.tax2,
        taxRate: i.taxrate,
        taxRate2: i.taxrate2,
        total: i.total,
        balance: i.balance,
        status: i.status,
        paymentMethod: i.paymentmethod,
        currencyCode: i.currencycode,
        currencyPrefix: i.currencyprefix,
        currencySuffix: i.currencysuffix,
        notes: i.notes,
        items: i.items,
        transactions: i.transactions
    })
);

// ---------------------------------------------------------------- plan change

export const upgradeProductSchema = object(
    {
        oldproductid: optional(idOrNull),
        oldproductname: str,
        newproductid: optional(idOrNull),
        newproductname: str,
        price: str,
        orderid: optional(idOrNull),
        invoiceid: optional(idOrNull)
    },
    (r): UpgradeProductResult => ({
        oldProductId: r.oldproductid ?? null,
        oldProductName: r.oldproductname,
        newProductId: r.newproductid ?? null,
        newProductName: r.newproductname,
        price: r.price,
        orderId: r.orderid ?? null,
        invoiceId: r.invoiceid ?? null
    })
);

export const getPaymentMethodsSchema = object(
    { paymentmethods: list(object({ module: str, displayname: str }), 'paymentmethod') },
    (r): PaymentGateway[] =>
        r.paymentmethods.map((g) => ({ module: g.module, displayName: g.displayname || g.module }))
);
