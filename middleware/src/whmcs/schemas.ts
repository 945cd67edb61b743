// Response schemas: raw WHMCS bodies (any of the documented typings) → the normalised types.
// Unknown and legacy keys are dropped by z.object's default stripping.
import { z } from 'zod';
import {
    normalizeBillingCycle,
    toBool,
    toList,
    zBool,
    zCount,
    zCustomFieldValues,
    zDate,
    zIdOrNull,
    zInt,
    zList,
    zMoney,
    zRate,
    zPriceOrNull,
    zStr,
    zStrOrNull
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
const zIdList = z.preprocess((v) => {
    if (v === null || v === undefined || v === '' || v === 0 || v === '0') return [];
    if (typeof v === 'number') return [v];
    if (typeof v === 'string') {
        return v
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== '')
            .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    }
    return toList(v).map((x) => (typeof x === 'string' && /^\d+$/.test(x.trim()) ? Number(x) : x));
}, z.array(z.number().int()));

const paging = {
    totalresults: zCount,
    startnumber: zCount
};

// ---------------------------------------------------------------- clients

export const addClientSchema = z
    .object({ clientid: zInt, owner_id: zIdOrNull.optional() })
    .transform((r): AddClientResult => ({ clientId: r.clientid, ownerId: r.owner_id ?? null }));

export const updateClientSchema = z
    .object({ clientid: zInt })
    .transform((r): UpdateClientResult => ({ clientId: r.clientid }));

const clientRecord = z.object({
    id: zIdOrNull.optional(),
    client_id: zIdOrNull.optional(),
    userid: zIdOrNull.optional(),
    owner_user_id: zIdOrNull.optional(),
    uuid: zStr,
    firstname: zStr,
    lastname: zStr,
    fullname: zStr,
    companyname: zStr,
    email: zStr,
    address1: zStr,
    address2: zStr,
    city: zStr,
    state: zStr,
    postcode: zStr,
    countrycode: zStr,
    country: zStr,
    phonenumber: zStr,
    status: zStr,
    customfields: zCustomFieldValues,
    // Absent on older installs: assume SSO is allowed and let CreateSsoToken say otherwise.
    allowSingleSignOn: z.preprocess((v) => (v === undefined ? true : toBool(v)), z.boolean()),
    language: zStr,
    currency: zIdOrNull.optional(),
    currency_code: zStr,
    defaultgateway: zStr,
    credit: zMoney,
    groupid: zIdOrNull.optional(),
    taxexempt: zBool,
    users: zList(z.object({ id: zInt, name: zStr, email: zStr, is_owner: zBool }), 'user')
});

const statsRecord = z.object({
    numunpaidinvoices: zCount,
    numoverdueinvoices: zCount,
    numpaidinvoices: zCount,
    productsnumactive: zCount,
    productsnumtotal: zCount
});

export const getClientsDetailsSchema = z
    .preprocess(
        (v) => {
            // Use the `client` object; very old installs only have the top-level copy.
            if (v && typeof v === 'object' && !Array.isArray(v)) {
                const body = v as Record<string, unknown>;
                const client = body.client && typeof body.client === 'object' ? body.client : body;
                return { client, stats: body.stats };
            }
            return v;
        },
        z.object({ client: clientRecord, stats: statsRecord.optional() })
    )
    .transform((r): ClientDetails => {
        const c = r.client;
        const id = c.id ?? c.client_id ?? c.userid;
        if (id === null || id === undefined) throw new Error('client id missing');
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
    });

const clientSummary = z
    .object({
        id: zInt,
        firstname: zStr,
        lastname: zStr,
        companyname: zStr,
        email: zStr,
        datecreated: zDate,
        groupid: zIdOrNull.optional(),
        status: zStr
    })
    .transform((c): ClientSummary => ({
        id: c.id,
        firstName: c.firstname,
        lastName: c.lastname,
        companyName: c.companyname,
        email: c.email,
        dateCreated: c.datecreated,
        groupId: c.groupid ?? null,
        status: c.status
    }));

export const getClientsSchema = z
    .object({ ...paging, clients: zList(clientSummary, 'client') })
    .transform((r): GetClientsResult => ({
        total: r.totalresults,
        startNumber: r.startnumber,
        clients: r.clients
    }));

export const validateLoginSchema = z
    .object({ userid: zInt, twoFactorEnabled: zBool })
    .transform((r): ValidateLoginResult => ({ userId: r.userid, twoFactorEnabled: r.twoFactorEnabled }));

export const createSsoTokenSchema = z
    .object({ access_token: z.string().min(1), redirect_url: z.string().min(1) })
    .transform((r): SsoToken => ({ accessToken: r.access_token, redirectUrl: r.redirect_url }));

// ---------------------------------------------------------------- pay methods

const payMethod = z
    .object({
        id: zInt,
        type: zStr,
        description: zStr,
        gateway_name: zStr,
        contact_type: zStr,
        contact_id: zIdOrNull.optional(),
        card_last_four: zStrOrNull.optional(),
        expiry_date: zStrOrNull.optional(),
        card_type: zStrOrNull.optional(),
        bank_name: zStrOrNull.optional(),
        last_updated: zStrOrNull.optional()
    })
    .transform((p): PayMethod => ({
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
    }));

/** 'MM/YY', 'MMYY', 'MM/YYYY' → 'MM/YY'; anything else → null. */
function normalizeExpiry(v: string | null): string | null {
    if (!v) return null;
    const m = /^(\d{1,2})\s*\/?\s*(\d{2}|\d{4})$/.exec(v.trim());
    if (!m) return null;
    const month = Number(m[1]);
    if (month < 1 || month > 12) return null;
    return `${String(month).padStart(2, '0')}/${m[2].slice(-2)}`;
}

export const getPayMethodsSchema = z
    .object({ paymethods: zList(payMethod, 'paymethod') })
    .transform((r): PayMethod[] => r.paymethods);

export const addPayMethodSchema = z
    .object({ clientid: zInt, paymethodid: zInt })
    .transform((r): AddPayMethodResult => ({ clientId: r.clientid, payMethodId: r.paymethodid }));

// ---------------------------------------------------------------- orders

export const addOrderSchema = z
    .object({
        orderid: zInt,
        serviceids: zIdList.optional(),
        productids: zIdList.optional(),
        addonids: zIdList,
        domainids: zIdList,
        invoiceid: zIdOrNull.optional()
    })
    .transform((r): AddOrderResult => ({
        orderId: r.orderid,
        // `productids` is the legacy name of the same list; only used when serviceids is absent.
        serviceIds: r.serviceids ?? r.productids ?? [],
        addonIds: r.addonids,
        domainIds: r.domainids,
        invoiceId: r.invoiceid ?? null
    }));

const lineItem = z
    .object({
        type: zStr,
        relid: zIdOrNull,
        producttype: zStr,
        product: zStr,
        domain: zStr,
        billingcycle: zStr,
        amount: zMoney,
        status: zStr
    })
    .transform((l): OrderLineItem => ({
        type: l.type,
        relId: l.relid ?? 0,
        productType: l.producttype,
        product: l.product,
        domain: l.domain,
        billingCycle: normalizeBillingCycle(l.billingcycle),
        billingCycleLabel: l.billingcycle,
        amount: l.amount,
        status: l.status
    }));

const order = z
    .object({
        id: zInt,
        ordernum: zStr,
        userid: zInt,
        date: zDate,
        amount: zMoney,
        paymentmethod: zStr,
        invoiceid: zIdOrNull.optional(),
        status: zStr,
        paymentstatus: zStr,
        notes: zStr,
        lineitems: zList(lineItem, 'lineitem')
    })
    .transform((o): Order => ({
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
    }));

export const getOrdersSchema = z
    .object({ ...paging, orders: zList(order, 'order') })
    .transform((r): GetOrdersResult => ({
        total: r.totalresults,
        startNumber: r.startnumber,
        orders: r.orders
    }));

// ---------------------------------------------------------------- services / products

const service = z
    .object({
        id: zInt,
        clientid: zInt,
        orderid: zIdOrNull.optional(),
        pid: zInt,
        name: zStr,
        groupname: zStr,
        domain: zStr,
        qty: z.preprocess((v) => (v === undefined || v === null || v === '' ? 1 : v), zInt),
        regdate: zDate,
        firstpaymentamount: zMoney,
        recurringamount: zMoney,
        billingcycle: zStr,
        nextduedate: zDate,
        status: zStr,
        paymentmethod: zStr,
        customfields: zCustomFieldValues
    })
    .transform((s): Service => ({
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
    }));

export const getClientsProductsSchema = z
    .object({ ...paging, products: zList(service, 'product') })
    .transform((r): GetClientsProductsResult => ({
        total: r.totalresults,
        startNumber: r.startnumber,
        services: r.products
    }));

const pricing = z
    .object({
        prefix: zStr,
        suffix: zStr,
        msetupfee: zPriceOrNull,
        monthly: zPriceOrNull,
        quarterly: zPriceOrNull,
        semiannually: zPriceOrNull,
        annually: zPriceOrNull,
        biennially: zPriceOrNull,
        triennially: zPriceOrNull
    })
    .transform((p): ProductPricing => ({
        prefix: p.prefix,
        suffix: p.suffix,
        monthly: p.monthly,
        quarterly: p.quarterly,
        semiannually: p.semiannually,
        annually: p.annually,
        biennially: p.biennially,
        triennially: p.triennially,
        monthlySetupFee: p.msetupfee
    }));

const product = z
    .object({
        pid: zInt,
        gid: zIdOrNull.optional(),
        type: zStr,
        name: zStr,
        description: zStr,
        module: zStr,
        paytype: zStr,
        pricing: z.preprocess(
            (v) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {}),
            z.record(z.string(), pricing)
        ),
        customfields: zList(
            z.object({ id: zInt, name: zStr, description: zStr, required: zBool }),
            'customfield'
        )
    })
    .transform((p): Product => ({
        id: p.pid,
        groupId: p.gid ?? 0,
        type: p.type,
        name: p.name,
        description: p.description,
        module: p.module,
        payType: p.paytype,
        pricing: p.pricing,
        customFields: p.customfields
    }));

export const getProductsSchema = z
    .object({ totalresults: zCount, products: zList(product, 'product') })
    .transform((r): GetProductsResult => ({ total: r.totalresults, products: r.products }));

// ---------------------------------------------------------------- invoices

const invoiceSummary = z
    .object({
        id: zInt,
        invoicenum: zStr,
        userid: zInt,
        date: zDate,
        duedate: zDate,
        datepaid: zDate,
        subtotal: zMoney,
        credit: zMoney,
        tax: zMoney,
        total: zMoney,
        status: zStr,
        paymentmethod: zStr,
        currencycode: zStr,
        currencyprefix: zStr,
        currencysuffix: zStr
    })
    .transform((i): InvoiceSummary => ({
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
    }));

export const getInvoicesSchema = z
    .object({ ...paging, invoices: zList(invoiceSummary, 'invoice') })
    .transform((r): GetInvoicesResult => ({
        total: r.totalresults,
        startNumber: r.startnumber,
        invoices: r.invoices
    }));

const invoiceItem = z
    .object({ id: zInt, type: zStr, relid: zIdOrNull, description: zStr, amount: zMoney, taxed: zBool })
    .transform((i): InvoiceItem => ({
        id: i.id,
        type: i.type,
        relId: i.relid ?? 0,
        description: i.description,
        amount: i.amount,
        taxed: i.taxed
    }));

const transaction = z
    .object({
        id: zInt,
        date: zDate,
        gateway: zStr,
        transid: zStr,
        description: zStr,
        amountin: zMoney,
        fees: zMoney,
        amountout: zMoney
    })
    .transform((t): InvoiceTransaction => ({
        id: t.id,
        date: t.date,
        gateway: t.gateway,
        transId: t.transid,
        description: t.description,
        amountIn: t.amountin,
        fees: t.fees,
        amountOut: t.amountout
    }));

export const getInvoiceSchema = z
    .object({
        invoiceid: zInt,
        invoicenum: zStr,
        userid: zInt,
        date: zDate,
        duedate: zDate,
        datepaid: zDate,
        subtotal: zMoney,
        credit: zMoney,
        tax: zMoney,
        tax2: zMoney,
        taxrate: zRate,
        taxrate2: zRate,
        total: zMoney,
        balance: zMoney,
        status: zStr,
        paymentmethod: zStr,
        notes: zStr,
        currencycode: zStr,
        currencyprefix: zStr,
        currencysuffix: zStr,
        items: zList(invoiceItem, 'item'),
        transactions: zList(transaction, 'transaction')
    })
    .transform((i): Invoice => ({
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
    }));

// ---------------------------------------------------------------- plan change

export const upgradeProductSchema = z
    .object({
        oldproductid: zIdOrNull.optional(),
        oldproductname: zStr,
        newproductid: zIdOrNull.optional(),
        newproductname: zStr,
        price: zStr,
        orderid: zIdOrNull.optional(),
        invoiceid: zIdOrNull.optional()
    })
    .transform((r): UpgradeProductResult => ({
        oldProductId: r.oldproductid ?? null,
        oldProductName: r.oldproductname,
        newProductId: r.newproductid ?? null,
        newProductName: r.newproductname,
        price: r.price,
        orderId: r.orderid ?? null,
        invoiceId: r.invoiceid ?? null
    }));

export const getPaymentMethodsSchema = z
    .object({ paymentmethods: zList(z.object({ module: zStr, displayname: zStr }), 'paymentmethod') })
    .transform((r): PaymentGateway[] =>
        r.paymentmethods.map((g) => ({ module: g.module, displayName: g.displayname || g.module }))
    );
