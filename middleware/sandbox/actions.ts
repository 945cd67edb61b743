// WHMCS API action handlers. Each returns the success body (without `result`) or throws ApiError
// with WHMCS's own message. Typing of the output follows WHMCS-API.md §5.21.
import { randomBytes } from 'node:crypto';
import {
    addMonths,
    type Db,
    hashPassword,
    insertInvoice,
    money,
    nowStamp,
    orderNumberFor,
    parseMoney,
    productLabel,
    today,
    verifyPassword,
    ZERO_DATE,
    ZERO_DATETIME
} from './db';
import { decodeCustomFields, PhpUnserializeError, type PhpArray } from './php';
import { ApiError, at, countryName, EMAIL_RE, Params } from './params';
import { addCancelRequest, upgradeProduct } from './service-changes';

export type EmptyListForm = 'default' | 'empty-string' | 'array' | 'object' | 'wrapper';

export interface SandboxContext {
    db: Db;
    now(): Date;
    /** The System URL (no trailing slash) used in SSO redirect URLs. */
    systemUrl(): string;
    ssoTtlMs: number;
    emptyListForm: EmptyListForm;
}

type Body = Record<string, unknown>;
type Handler = (ctx: SandboxContext, p: Params) => Body;

// ---------------------------------------------------------------- rows

export interface ClientRow {
    id: number;
    uuid: string;
    owner_user_id: number | null;
    firstname: string;
    lastname: string;
    companyname: string;
    email: string;
    address1: string;
    address2: string;
    city: string;
    state: string;
    postcode: string;
    country: string;
    phonenumber: string;
    status: string;
    password_hash: string | null;
    language: string;
    currency: number;
    groupid: number;
    notes: string;
    allow_sso: number;
    defaultgateway: string;
    datecreated: string;
    lastlogin: string | null;
}

export interface InvoiceRow {
    id: number;
    userid: number;
    invoicenum: string;
    date: string;
    duedate: string;
    datepaid: string;
    date_cancelled: string;
    subtotal: number;
    credit: number;
    tax: number;
    total: number;
    /** Percent, e.g. 10. */
    taxrate: number;
    status: string;
    paymentmethod: string;
    notes: string;
    created_at: string;
    updated_at: string;
}

export interface OrderRow {
    id: number;
    ordernum: string;
    userid: number;
    date: string;
    amount: number;
    paymentmethod: string;
    invoiceid: number;
    status: string;
    notes: string;
    ipaddress: string;
    promocode: string;
}

export interface ServiceRow {
    id: number;
    userid: number;
    orderid: number;
    packageid: number;
    regdate: string;
    domain: string;
    paymentmethod: string;
    qty: number;
    firstpaymentamount: number;
    amount: number;
    billingcycle: string;
    nextduedate: string;
    status: string;
    notes: string;
}

export interface PayMethodRow {
    id: number;
    userid: number;
    type: string;
    description: string;
    gateway_name: string;
    card_type: string | null;
    card_last_four: string | null;
    expiry_date: string | null;
    bank_name: string | null;
    remote_token: string | null;
    is_default: number;
    created_at: string;
    updated_at: string;
}

interface ProductRow {
    id: number;
    gid: number;
    type: string;
    name: string;
    description: string;
    paytype: string;
    price: number;
    setupfee: number;
}

interface FieldRow {
    id: number;
    type: string;
    name: string;
    description: string;
    required: number;
}

// ---------------------------------------------------------------- small helpers

export function getClient(db: Db, id: number | undefined): ClientRow | undefined {
    if (id === undefined || Number.isNaN(id)) return undefined;
    return db.prepare(`SELECT * FROM clients WHERE id = ?`).get(id) as ClientRow | undefined;
}

function clientByEmail(db: Db, email: string): ClientRow | undefined {
    return db.prepare(`SELECT * FROM clients WHERE email = ? COLLATE NOCASE`).get(email.trim()) as
        ClientRow | undefined;
}

export function gateways(db: Db): { module: string; displayname: string }[] {
    return db.prepare(`SELECT module, displayname FROM gateways ORDER BY sortorder`).all() as {
        module: string;
        displayname: string;
    }[];
}

function clientFieldValues(db: Db, clientId: number): { id: number; value: string }[] {
    return db
        .prepare(
            `SELECT v.field_id AS id, v.value FROM customfield_values v JOIN customfields f ON f.id = v.field_id
             WHERE f.type = 'client' AND v.relid = ? ORDER BY v.field_id`
        )
        .all(clientId) as { id: number; value: string }[];
}

function serviceFieldValues(db: Db, serviceId: number, productId: number) {
    return db
        .prepare(
            `SELECT f.id, f.name, COALESCE(v.value, '') AS value FROM customfields f
             JOIN customfield_products cp ON cp.field_id = f.id AND cp.product_id = ?
             LEFT JOIN customfield_values v ON v.field_id = f.id AND v.relid = ?
             WHERE f.type = 'product' ORDER BY f.id`
        )
        .all(productId, serviceId) as { id: number; name: string; value: string }[];
}

function productFields(db: Db, productId: number): FieldRow[] {
    return db
        .prepare(
            `SELECT f.* FROM customfields f JOIN customfield_products cp ON cp.field_id = f.id
             WHERE f.type = 'product' AND cp.product_id = ? ORDER BY f.id`
        )
        .all(productId) as FieldRow[];
}

function clientFields(db: Db): FieldRow[] {
    return db.prepare(`SELECT * FROM customfields WHERE type = 'client' ORDER BY id`).all() as FieldRow[];
}

/** Decodes and validates a `customfields` value against the allowed fields. */
function readCustomFields(
    encoded: string | undefined,
    allowed: FieldRow[],
    what: string
): Map<number, string> {
    if (encoded === undefined || encoded.trim() === '') return new Map();
    let values: Map<number, string>;
    try {
        values = decodeCustomFields(encoded);
    } catch (err) {
        const why = err instanceof PhpUnserializeError ? err.message : 'unreadable';
        throw new ApiError(`Invalid customfields value: expected base64 of a serialized array (${why})`);
    }
    for (const id of values.keys()) {
        if (!allowed.some((f) => f.id === id))
            throw new ApiError(`Invalid custom field ID ${id} for ${what}`);
    }
    return values;
}

function requireFields(allowed: FieldRow[], values: Map<number, string>): void {
    for (const f of allowed) {
        if (f.required && !(values.get(f.id) ?? '').trim()) {
            throw new ApiError(`You did not provide required custom field value for ${f.name}`);
        }
    }
}

function saveFieldValues(db: Db, relid: number, values: Map<number, string>): void {
    const upsert = db.prepare(
        `INSERT INTO customfield_values (field_id, relid, value) VALUES (?, ?, ?)
         ON CONFLICT (field_id, relid) DO UPDATE SET value = excluded.value`
    );
    for (const [id, value] of values) upsert.run(id, relid, value);
}

function emptyList(ctx: SandboxContext, fallback: EmptyListForm, innerKey: string): unknown {
    const form = ctx.emptyListForm === 'default' ? fallback : ctx.emptyListForm;
    switch (form) {
        case 'empty-string':
            return '';
        case 'array':
            return [];
        case 'object':
            return {};
        default:
            return { [innerKey]: [] };
    }
}

function wrapList(ctx: SandboxContext, fallback: EmptyListForm, innerKey: string, items: unknown[]): unknown {
    return items.length > 0 ? { [innerKey]: items } : emptyList(ctx, fallback, innerKey);
}

const CYCLE_DISPLAY: Record<string, string> = {
    free: 'Free Account',
    onetime: 'One Time',
    monthly: 'Monthly',
    quarterly: 'Quarterly',
    semiannually: 'Semi-Annually',
    annually: 'Annually',
    biennially: 'Biennially',
    triennially: 'Triennially'
};

function invoiceBalance(db: Db, inv: InvoiceRow): number {
    const paid = db
        .prepare(
            `SELECT COALESCE(SUM(amountin), 0) - COALESCE(SUM(amountout), 0) AS paid FROM transactions WHERE invoiceid = ?`
        )
        .get(inv.id) as { paid: number };
    return inv.total - inv.credit - paid.paid;
}

export function getInvoiceRow(db: Db, id: number | undefined): InvoiceRow | undefined {
    if (id === undefined || Number.isNaN(id)) return undefined;
    return db.prepare(`SELECT * FROM invoices WHERE id = ?`).get(id) as InvoiceRow | undefined;
}

function getOrderRow(db: Db, id: number | undefined): OrderRow | undefined {
    if (id === undefined || Number.isNaN(id)) return undefined;
    return db.prepare(`SELECT * FROM orders WHERE id = ?`).get(id) as OrderRow | undefined;
}

function paging(p: Params): { start: number; num: number } {
    return { start: p.int('limitstart', 0), num: Math.max(1, p.int('limitnum', 25)) };
}

// ---------------------------------------------------------------- clients

function validateClientFields(
    p: Params,
    opts: { partial: boolean; skip: boolean }
): { email?: string; country?: string; phone?: string } {
    const out: { email?: string; country?: string; phone?: string } = {};
    const required = (name: string, message: string) => {
        if (!p.has(name)) throw new ApiError(message);
    };
    if (!opts.partial) {
        required('firstname', 'You did not enter your first name');
        required('lastname', 'You did not enter your last name');
        required('email', 'You did not enter your email address');
    }
    if (p.raw.email !== undefined) {
        const email = p.trimmed('email');
        if (!EMAIL_RE.test(email)) {
            throw new ApiError(
                opts.partial
                    ? 'The email address entered is not valid'
                    : 'The email address you entered was not valid'
            );
        }
        out.email = email;
    }
    if (!opts.partial && !opts.skip) {
        required('address1', 'You did not enter your  address line 1');
        required('city', 'You did not enter your city');
        required('state', 'You did not enter your state');
        required('postcode', 'You did not enter your postcode');
    }
    if (!opts.partial || p.raw.country !== undefined) {
        const country = p.trimmed('country').toUpperCase();
        if (!countryName(country)) throw new ApiError('Valid country required');
        out.country = country;
    }
    if (!opts.partial && !opts.skip) required('phonenumber', 'You did not enter your phone number');
    if (p.has('phonenumber')) {
        const phone = p.trimmed('phonenumber');
        if (!/^\+?[\d\s().-]{4,30}$/.test(phone)) throw new ApiError('Invalid telephone phone number');
        out.phone = phone;
    }
    return out;
}

const addClient: Handler = (ctx, p) => {
    const { db } = ctx;
    let ownerUserId: number | null = null;
    if (p.raw.owner_user_id !== undefined) {
        const owner = getClient(db, p.id('owner_user_id'));
        if (!owner) throw new ApiError('Invalid Owner User ID');
        ownerUserId = owner.owner_user_id ?? owner.id;
    }
    const v = validateClientFields(p, { partial: false, skip: p.bool('skipvalidation') });
    const password = p.str('password2') ?? '';
    if (ownerUserId === null && password === '') throw new ApiError('You did not enter a password');
    if (clientByEmail(db, v.email!)) throw new ApiError('A user already exists with that email address');
    const fields = clientFields(db);
    const values = readCustomFields(p.str('customfields'), fields, 'clients');
    requireFields(fields, values);
    const currency = p.id('currency') ?? 1;
    if (Number.isNaN(currency) || !db.prepare(`SELECT 1 FROM currencies WHERE id = ?`).get(currency)) {
        throw new ApiError('Invalid currency');
    }
    const insert = db.transaction(() => {
        const info = db
            .prepare(
                `INSERT INTO clients (uuid, owner_user_id, firstname, lastname, companyname, email, address1, address2, city,
                   state, postcode, country, phonenumber, password_hash, language, currency, notes, datecreated)
                 VALUES (@uuid, @owner, @firstname, @lastname, @companyname, @email, @address1, @address2, @city, @state,
                   @postcode, @country, @phonenumber, @password_hash, @language, @currency, @notes, @datecreated)`
            )
            .run({
                uuid: randomUuid(),
                owner: ownerUserId,
                firstname: p.trimmed('firstname'),
                lastname: p.trimmed('lastname'),
                companyname: p.trimmed('companyname'),
                email: v.email,
                address1: p.trimmed('address1'),
                address2: p.trimmed('address2'),
                city: p.trimmed('city'),
                state: p.trimmed('state'),
                postcode: p.trimmed('postcode'),
                country: v.country,
                phonenumber: v.phone ?? '',
                password_hash: ownerUserId === null ? hashPassword(password) : null,
                language: p.trimmed('language'),
                currency,
                notes: p.str('notes') ?? '',
                datecreated: today(ctx.now())
            });
        const id = Number(info.lastInsertRowid);
        if (ownerUserId === null) db.prepare(`UPDATE clients SET owner_user_id = id WHERE id = ?`).run(id);
        saveFieldValues(db, id, values);
        return id;
    });
    const id = insert();
    return { clientid: String(id) };
};

function renderClient(db: Db, c: ClientRow) {
    const name = countryName(c.country) ?? c.country;
    const fields = clientFieldValues(db, c.id);
    const flat: Record<string, string> = {};
    fields.forEach((f, i) => (flat[`customfields${i + 1}`] = f.value));
    const client = {
        userid: c.id,
        client_id: c.id,
        id: c.id,
        owner_user_id: c.owner_user_id ?? c.id,
        uuid: c.uuid,
        firstname: c.firstname,
        lastname: c.lastname,
        fullname: `${c.firstname} ${c.lastname}`,
        companyname: c.companyname,
        email: c.email,
        address1: c.address1,
        address2: c.address2,
        city: c.city,
        fullstate: c.state,
        state: c.state,
        postcode: c.postcode,
        countrycode: c.country,
        country: c.country,
        phonenumber: c.phonenumber,
        tax_id: '',
        email_preferences: {
            general: '1',
            invoice: '1',
            support: '1',
            product: '1',
            domain: '1',
            affiliate: '1'
        },
        statecode: c.state,
        countryname: name,
        phonecc: c.country === 'JP' ? '81' : '',
        phonenumberformatted: c.phonenumber,
        telephoneNumber: c.phonenumber,
        billingcid: 0,
        notes: c.notes,
        currency: c.currency,
        defaultgateway: c.defaultgateway,
        groupid: c.groupid,
        status: c.status,
        credit: '0.00',
        taxexempt: false,
        latefeeoveride: false,
        overideduenotices: false,
        separateinvoices: false,
        disableautocc: false,
        emailoptout: false,
        marketing_emails_opt_in: false,
        overrideautoclose: false,
        allowSingleSignOn: c.allow_sso,
        email_verified: false,
        language: c.language,
        isOptedInToMarketingEmails: false,
        lastlogin: c.lastlogin
            ? `Date: ${c.lastlogin}<br>IP Address: 127.0.0.1<br>Host: localhost`
            : 'No Login Logged',
        currency_code: 'JPY',
        customfields: fields.map((f) => ({ id: f.id, value: f.value })),
        ...flat,
        users: {
            user: [
                {
                    id: c.owner_user_id ?? c.id,
                    name: `${c.firstname} ${c.lastname}`,
                    email: c.email,
                    is_owner: true
                }
            ]
        }
    };
    return client;
}

const getClientsDetails: Handler = (ctx, p) => {
    const { db } = ctx;
    if (!p.has('clientid') && !p.has('email')) throw new ApiError('Either clientid Or email Is Required');
    const c = p.has('clientid') ? getClient(db, p.id('clientid')) : clientByEmail(db, p.trimmed('email'));
    if (!c) throw new ApiError('Client Not Found');
    const client = renderClient(db, c);
    // The deprecated top-level copy (scalars only).
    const legacy: Body = {};
    for (const [k, v] of Object.entries(client)) {
        if (v === null || typeof v !== 'object') legacy[k] = v;
    }
    const body: Body = { ...legacy, client };
    if (p.bool('stats')) body.stats = clientStats(db, c.id, ctx.now());
    return body;
};

function clientStats(db: Db, clientId: number, now: Date): Body {
    const count = (sql: string, ...args: unknown[]) =>
        (db.prepare(sql).get(clientId, ...args) as { n: number }).n;
    const inv = (status: string) =>
        count(`SELECT COUNT(*) AS n FROM invoices WHERE userid = ? AND status = ?`, status);
    const overdue = count(
        `SELECT COUNT(*) AS n FROM invoices WHERE userid = ? AND status = 'Unpaid' AND duedate < ?`,
        today(now)
    );
    /** Sum of the balances (Unpaid) or totals (other statuses) of the client's invoices in a status. */
    const amount = (status: string, where = '', ...args: unknown[]) => {
        const rows = db
            .prepare(`SELECT * FROM invoices WHERE userid = ? AND status = ? ${where}`)
            .all(clientId, status, ...args) as InvoiceRow[];
        const sum = rows.reduce(
            (s, i) => s + (status === 'Unpaid' ? invoiceBalance(db, i) : Number(i.total)),
            0
        );
        return `¥${money(sum)}JPY`; // pre-formatted display strings, as WHMCS answers them
    };
    const services = (status?: string) =>
        count(
            `SELECT COUNT(*) AS n FROM services WHERE userid = ?${status ? ' AND status = ?' : ''}`,
            ...(status ? [status] : [])
        );
    const paid = amount('Paid');
    return {
        numdueinvoices: inv('Unpaid'),
        dueinvoicesbalance: amount('Unpaid'),
        numoverdueinvoices: overdue,
        overdueinvoicesbalance: amount('Unpaid', 'AND duedate < ?', today(now)),
        numDraftInvoices: inv('Draft'),
        draftInvoicesBalance: amount('Draft'),
        numunpaidinvoices: inv('Unpaid'),
        unpaidinvoicesamount: amount('Unpaid'),
        numpaidinvoices: inv('Paid'),
        paidinvoicesamount: paid,
        numcancelledinvoices: inv('Cancelled'),
        cancelledinvoicesamount: amount('Cancelled'),
        numrefundedinvoices: inv('Refunded'),
        refundedinvoicesamount: amount('Refunded'),
        numcollectionsinvoices: inv('Collections'),
        collectionsinvoicesamount: amount('Collections'),
        numpaymentpendinginvoices: inv('Payment Pending'),
        paymentpendinginvoicesamount: amount('Payment Pending'),
        productsnumactivehosting: services('Active'),
        productsnumhosting: services(),
        productsnumactivereseller: 0,
        productsnumreseller: 0,
        productsnumactiveservers: 0,
        productsnumservers: 0,
        productsnumactiveother: 0,
        productsnumother: 0,
        productsnumactive: services('Active'),
        productsnumtotal: services(),
        numactivedomains: 0,
        numdomains: 0,
        numacceptedquotes: 0,
        numquotes: 0,
        numtickets: 0,
        numactivetickets: 0,
        numaffiliatesignups: 0,
        creditbalance: '¥0.00JPY',
        grossRevenue: paid,
        expenses: '¥0.00JPY',
        income: paid,
        incredit: false,
        isAffiliate: false
    };
}

const updateClient: Handler = (ctx, p) => {
    const { db } = ctx;
    const c = p.has('clientid')
        ? getClient(db, p.id('clientid'))
        : p.has('clientemail')
          ? clientByEmail(db, p.trimmed('clientemail'))
          : undefined;
    if (!c) throw new ApiError('Client ID Not Found');
    const v = validateClientFields(p, { partial: true, skip: true });
    if (v.email && v.email.toLowerCase() !== c.email.toLowerCase() && clientByEmail(db, v.email)) {
        throw new ApiError('Duplicate Email Address');
    }
    const values = readCustomFields(p.str('customfields'), clientFields(db), 'clients');
    const status = p.str('status');
    if (status !== undefined && !['Active', 'Inactive', 'Closed'].includes(status)) {
        throw new ApiError(`Invalid status ${status}`);
    }
    const changes: Record<string, string> = {};
    for (const name of [
        'firstname',
        'lastname',
        'companyname',
        'address1',
        'address2',
        'city',
        'state',
        'postcode',
        'language',
        'notes'
    ]) {
        const s = p.str(name);
        if (s !== undefined) changes[name] = name === 'notes' ? s : s.trim();
    }
    if (v.email) changes.email = v.email;
    if (v.country) changes.country = v.country;
    if (p.str('phonenumber') !== undefined) changes.phonenumber = v.phone ?? '';
    if (status) changes.status = status;
    if (p.str('paymentmethod') !== undefined) changes.defaultgateway = p.trimmed('paymentmethod');
    db.transaction(() => {
        const keys = Object.keys(changes);
        if (keys.length > 0) {
            db.prepare(`UPDATE clients SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run(
                {
                    ...changes,
                    id: c.id
                }
            );
        }
        saveFieldValues(db, c.id, values);
    })();
    return { clientid: String(c.id) };
};

const getClients: Handler = (ctx, p) => {
    const { db } = ctx;
    const { start, num } = paging(p);
    const where: string[] = [];
    const args: unknown[] = [];
    const status = p.str('status');
    if (status) {
        where.push('status = ?');
        args.push(status);
    }
    const search = p.trimmed('search');
    if (search) {
        const like = `${search.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
        where.push(
            `(email LIKE ? ESCAPE '\\' OR firstname LIKE ? ESCAPE '\\' OR lastname LIKE ? ESCAPE '\\' OR (firstname || ' ' || lastname) LIKE ? ESCAPE '\\' OR companyname LIKE ? ESCAPE '\\')`
        );
        args.push(like, like, like, like, like);
    }
    const orderCols = [
        'id',
        'firstname',
        'lastname',
        'companyname',
        'email',
        'groupid',
        'datecreated',
        'status'
    ];
    const orderBy = orderCols.includes(p.trimmed('orderby')) ? p.trimmed('orderby') : 'id';
    const dir = p.trimmed('sorting').toUpperCase() === 'DESC' ? 'DESC' : 'ASC';
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (db.prepare(`SELECT COUNT(*) AS n FROM clients ${w}`).get(...args) as { n: number }).n;
    const rows = db
        .prepare(`SELECT * FROM clients ${w} ORDER BY ${orderBy} ${dir}, id ASC LIMIT ? OFFSET ?`)
        .all(...args, num, start) as ClientRow[];
    return {
        totalresults: total,
        startnumber: start,
        numreturned: rows.length,
        clients: wrapList(
            ctx,
            'empty-string',
            'client',
            rows.map((c) => ({
                id: c.id,
                firstname: c.firstname,
                lastname: c.lastname,
                companyname: c.companyname,
                email: c.email,
                datecreated: c.datecreated,
                groupid: c.groupid,
                status: c.status
            }))
        )
    };
};

const validateLogin: Handler = (ctx, p) => {
    const { db } = ctx;
    const email = p.trimmed('email');
    const password = p.str('password2') ?? '';
    const c = email ? clientByEmail(db, email) : undefined;
    // verifyPassword runs even without a client so both failures take the same time.
    const ok =
        verifyPassword(password, c?.password_hash ?? null) && password !== '' && c?.status !== 'Closed';
    if (!c || !ok) throw new ApiError('Email or Password Invalid');
    db.prepare(`UPDATE clients SET lastlogin = ? WHERE id = ?`).run(nowStamp(ctx.now()), c.id);
    return {
        userid: String(c.owner_user_id ?? c.id),
        passwordhash: randomBytes(20).toString('hex'),
        twoFactorEnabled: 'false'
    };
};

// ---------------------------------------------------------------- SSO

export const SSO_DESTINATIONS: Record<string, (p: Params) => string> = {
    'clientarea:homepage': () => 'clientarea.php',
    'clientarea:profile': () => 'clientarea.php?action=details',
    'clientarea:billing_info': () => 'index.php?rp=/account/paymentmethods',
    'clientarea:services': () => 'clientarea.php?action=services',
    'clientarea:product_details': (p) =>
        `clientarea.php?action=productdetails&id=${p.id('service_id') ?? ''}`,
    'clientarea:invoices': () => 'clientarea.php?action=invoices',
    'clientarea:emails': () => 'clientarea.php?action=emails',
    'clientarea:announcements': () => 'index.php?rp=/announcements',
    'clientarea:downloads': () => 'index.php?rp=/download',
    'clientarea:knowledgebase': () => 'index.php?rp=/knowledgebase',
    'clientarea:network_status': () => 'serverstatus.php',
    'clientarea:domains': () => 'clientarea.php?action=domains',
    'clientarea:domain_details': (p) => `clientarea.php?action=domaindetails&id=${p.id('domain_id') ?? ''}`,
    'clientarea:tickets': () => 'supporttickets.php',
    'clientarea:submit_ticket': () => 'submitticket.php',
    'clientarea:shopping_cart': () => 'cart.php',
    'clientarea:shopping_cart_addons': () => 'cart.php?gid=addons',
    'clientarea:shopping_cart_domain_register': () => 'cart.php?a=add&domain=register',
    'clientarea:shopping_cart_domain_transfer': () => 'cart.php?a=add&domain=transfer',
    'clientarea:upgrade': (p) => `upgrade.php?type=package&id=${p.id('service_id') ?? ''}`
};

/**
 * A relative client-area path ('viewinvoice.php?id=5', '/index.php?rp=/account/paymentmethods/add'),
 * or null for anything that could leave the System URL (schemes, '//', backslashes, control chars).
 */
export function safeRelativePath(raw: string, base: string): string | null {
    const path = raw.trim();
    if (path === '' || path.length > 500) return null;
    // Control characters and backslashes (browsers treat '\' like '/').
    if ([...path].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f || ch === '\\'))
        return null;
    if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) return null;
    const relative = path.replace(/^\/+/, '');
    if (relative.startsWith('/')) return null;
    try {
        const baseUrl = new URL(`${base}/`);
        const url = new URL(relative, baseUrl);
        if (url.origin !== baseUrl.origin) return null;
        return `${url.pathname.replace(/^\//, '')}${url.search}${url.hash}`;
    } catch {
        return null;
    }
}

const createSsoToken: Handler = (ctx, p) => {
    const { db } = ctx;
    const clientIdGiven = p.raw.client_id !== undefined && p.raw.client_id !== '';
    const userIdGiven = p.raw.user_id !== undefined && p.raw.user_id !== '';
    if (!clientIdGiven && !userIdGiven) throw new ApiError('A valid client_id or user_id is required');
    let client: ClientRow | undefined;
    if (clientIdGiven) {
        client = getClient(db, p.id('client_id'));
        if (!client) throw new ApiError('Invalid client_id');
    }
    let userId: number;
    if (userIdGiven) {
        const uid = p.id('user_id');
        const owner =
            uid === undefined || Number.isNaN(uid)
                ? undefined
                : (db
                      .prepare(`SELECT * FROM clients WHERE owner_user_id = ? ORDER BY id LIMIT 1`)
                      .get(uid) as ClientRow | undefined);
        if (!owner || uid === undefined) throw new ApiError('Invalid user_id');
        if (client && (client.owner_user_id ?? client.id) !== uid)
            throw new ApiError('Invalid user_id for client');
        client ??= owner;
        userId = uid;
    } else {
        userId = client!.owner_user_id ?? client!.id;
    }
    const c = client!;
    if (!c.allow_sso) throw new ApiError(`SSO authentication blocked for client ${c.id}`);
    const destination = p.trimmed('destination') || 'clientarea:homepage';
    let landing: string;
    if (destination === 'sso:custom_redirect') {
        const safe = safeRelativePath(p.str('sso_redirect_path') ?? '', ctx.systemUrl());
        if (!safe)
            throw new ApiError('Invalid sso_redirect_path: a path relative to the System URL is required');
        landing = safe;
    } else {
        const make = SSO_DESTINATIONS[destination];
        if (!make) throw new ApiError('Invalid destination');
        landing = make(p);
    }
    const token = randomBytes(20).toString('hex');
    db.prepare(
        `INSERT INTO sso_tokens (token, client_id, user_id, landing, expires_at) VALUES (?, ?, ?, ?, ?)`
    ).run(token, c.id, userId, landing, ctx.now().getTime() + ctx.ssoTtlMs);
    return {
        access_token: token,
        redirect_url: `${ctx.systemUrl()}/oauth/singlesignon.php?access_token=${token}`
    };
};

// ---------------------------------------------------------------- pay methods

export function renderPayMethod(m: PayMethodRow): Body {
    const common = {
        id: m.id,
        type: m.type,
        description: m.description,
        gateway_name: m.gateway_name,
        contact_type: 'Client',
        contact_id: m.userid
    };
    if (m.type === 'BankAccount' || m.type === 'RemoteBankAccount') {
        return {
            ...common,
            bank_name: m.bank_name ?? '',
            remote_token: m.remote_token ?? '',
            last_updated: whmcsDisplayTime(m.updated_at)
        };
    }
    return {
        ...common,
        card_last_four: m.card_last_four ?? '',
        expiry_date: m.expiry_date ?? '',
        start_date: '',
        issue_number: '',
        card_type: m.card_type ?? '',
        remote_token: m.remote_token ?? '',
        last_updated: whmcsDisplayTime(m.updated_at)
    };
}

/** 'YYYY-MM-DD HH:MM:SS' → 'DD/MM/YYYY HH:MM' (the admin date format WHMCS uses here). */
function whmcsDisplayTime(stamp: string): string {
    const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})/.exec(stamp);
    return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : stamp;
}

const getPayMethods: Handler = (ctx, p) => {
    const { db } = ctx;
    if (!p.has('clientid')) throw new ApiError('Client ID Is Required');
    const c = getClient(db, p.id('clientid'));
    if (!c) throw new ApiError('Client Not Found');
    const type = p.str('type');
    if (type !== undefined && type !== '' && type !== 'CreditCard' && type !== 'BankAccount') {
        throw new ApiError("Invalid Pay Method Type. Should be 'BankAccount' or 'CreditCard'");
    }
    let rows = db
        .prepare(`SELECT * FROM paymethods WHERE userid = ? ORDER BY is_default DESC, id`)
        .all(c.id) as PayMethodRow[];
    if (type === 'CreditCard') rows = rows.filter((r) => r.type.endsWith('CreditCard'));
    if (type === 'BankAccount') rows = rows.filter((r) => r.type.endsWith('BankAccount'));
    if (p.has('paymethodid')) rows = rows.filter((r) => r.id === p.id('paymethodid'));
    return { clientid: String(c.id), paymethods: rows.map(renderPayMethod) };
};

export function cardBrand(number: string): string {
    if (/^4/.test(number)) return 'Visa';
    if (/^(5[1-5]|2[2-7])/.test(number)) return 'MasterCard';
    if (/^3[47]/.test(number)) return 'American Express';
    if (/^35/.test(number)) return 'JCB';
    if (/^3(0[0-5]|[68])/.test(number)) return 'Diners Club';
    if (/^6(011|5)/.test(number)) return 'Discover';
    return 'Card';
}

export function luhnValid(number: string): boolean {
    if (!/^\d{12,19}$/.test(number)) return false;
    let sum = 0;
    for (let i = 0; i < number.length; i++) {
        let d = Number(number[number.length - 1 - i]);
        if (i % 2 === 1) {
            d *= 2;
            if (d > 9) d -= 9;
        }
        sum += d;
    }
    return sum % 10 === 0;
}

/** Stores a card: brand, last four and expiry only. The full number never reaches the database. */
export function storeCard(
    ctx: SandboxContext,
    clientId: number,
    card: {
        number: string;
        expiryMmYy: string;
        type: 'CreditCard' | 'RemoteCreditCard';
        description: string;
        setDefault: boolean;
    }
): number {
    const { db } = ctx;
    const stamp = nowStamp(ctx.now());
    return db.transaction(() => {
        const existing = (
            db.prepare(`SELECT COUNT(*) AS n FROM paymethods WHERE userid = ?`).get(clientId) as { n: number }
        ).n;
        const makeDefault = card.setDefault || existing === 0;
        if (makeDefault) db.prepare(`UPDATE paymethods SET is_default = 0 WHERE userid = ?`).run(clientId);
        const info = db
            .prepare(
                `INSERT INTO paymethods (userid, type, description, gateway_name, card_type, card_last_four, expiry_date,
                   remote_token, is_default, created_at, updated_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
            )
            .run(
                clientId,
                card.type,
                card.description,
                card.type === 'RemoteCreditCard' ? 'testcard' : '',
                cardBrand(card.number),
                card.number.slice(-4),
                card.expiryMmYy,
                card.type === 'RemoteCreditCard' ? `tok_${randomBytes(8).toString('hex')}` : null,
                makeDefault ? 1 : 0,
                stamp,
                stamp
            );
        return Number(info.lastInsertRowid);
    })();
}

const addPayMethod: Handler = (ctx, p) => {
    const { db } = ctx;
    if (!p.has('clientid')) throw new ApiError('Client ID Is Required');
    const c = getClient(db, p.id('clientid'));
    if (!c) throw new ApiError('Invalid Client ID');
    const type = p.trimmed('type') || 'CreditCard';
    if (!['CreditCard', 'RemoteCreditCard', 'BankAccount'].includes(type)) {
        throw new ApiError(
            "Invalid Pay Method Type. Type should be one of 'BankAccount', 'CreditCard', or 'RemoteCreditCard'"
        );
    }
    const description = p.trimmed('description');
    if (type === 'BankAccount') {
        if (!p.has('bank_code')) throw new ApiError('Routing number is required');
        if (!p.has('bank_account')) throw new ApiError('Account number is required');
        const stamp = nowStamp(ctx.now());
        const info = db
            .prepare(
                `INSERT INTO paymethods (userid, type, description, gateway_name, bank_name, is_default, created_at, updated_at)
                 VALUES (?, 'BankAccount', ?, '', ?, ?, ?, ?)`
            )
            .run(c.id, description, p.trimmed('bank_name'), p.bool('set_as_default') ? 1 : 0, stamp, stamp);
        return { clientid: String(c.id), paymethodid: String(info.lastInsertRowid) };
    }
    const mods = gateways(db).map((g) => g.module);
    if (type === 'RemoteCreditCard') {
        if (!p.has('gateway_module_name'))
            throw new ApiError('Gateway is Required for RemoteCreditCard type');
    }
    if (p.has('gateway_module_name') && !mods.includes(p.trimmed('gateway_module_name'))) {
        throw new ApiError(`Invalid Gateway Module Name. Must be one of: ${mods.join(', ')}`);
    }
    const number = p.trimmed('card_number').replace(/[\s-]/g, '');
    if (!number) throw new ApiError("Card Number is required for 'CreditCard' or 'RemoteCreditCard' type");
    if (!luhnValid(number)) throw new ApiError('Card Number is invalid');
    const expiry = p.trimmed('card_expiry').replace('/', '');
    if (!expiry) throw new ApiError("Expiry Date is required for 'CreditCard' or 'RemoteCreditCard' type");
    const m = /^(0[1-9]|1[0-2])(\d{2})$/.exec(expiry);
    if (!m) throw new ApiError('Expiry Date is invalid');
    if (p.has('card_start') && !/^(0[1-9]|1[0-2])\d{2}$/.test(p.trimmed('card_start').replace('/', ''))) {
        throw new ApiError('Start Date is invalid');
    }
    if (p.has('card_issue_number') && !/^\d{1,4}$/.test(p.trimmed('card_issue_number'))) {
        throw new ApiError('Issue Number is invalid');
    }
    const id = storeCard(ctx, c.id, {
        number,
        expiryMmYy: `${m[1]}/${m[2]}`,
        type: type as 'CreditCard' | 'RemoteCreditCard',
        description,
        setDefault: p.bool('set_as_default')
    });
    return { clientid: String(c.id), paymethodid: String(id) };
};

// ---------------------------------------------------------------- pay method changes (DeletePayMethod, UpdatePayMethod)

/** The client's pay method named by the request, with WHMCS's refusals in its documented order. */
function ownPayMethod(db: Db, p: Params, order: 'client-first' | 'paymethod-first'): PayMethodRow {
    const checks: [string, string][] = [
        ['clientid', 'Client ID is Required'],
        ['paymethodid', 'Pay Method ID is Required']
    ];
    if (order === 'paymethod-first') checks.reverse();
    for (const [name, message] of checks) if (!p.has(name)) throw new ApiError(message);
    const id = p.id('paymethodid');
    const row =
        id === undefined || Number.isNaN(id)
            ? undefined
            : (db.prepare(`SELECT * FROM paymethods WHERE id = ?`).get(id) as PayMethodRow | undefined);
    if (!row) throw new ApiError('Invalid Pay Method ID');
    if (row.userid !== p.id('clientid')) throw new ApiError('Pay Method does not belong to passed Client ID');
    return row;
}

/** WHMCS keeps one default per client: making one the default clears the flag on the others. */
function makeDefaultPayMethod(db: Db, row: PayMethodRow): void {
    db.prepare(`UPDATE paymethods SET is_default = CASE WHEN id = ? THEN 1 ELSE 0 END WHERE userid = ?`).run(
        row.id,
        row.userid
    );
}

const deletePayMethod: Handler = (ctx, p) => {
    const { db } = ctx;
    // `failonremotefailure` is accepted: the sandbox's test gateway never fails to forget a token.
    const row = ownPayMethod(db, p, 'client-first');
    db.transaction(() => {
        db.prepare(`DELETE FROM paymethods WHERE id = ?`).run(row.id);
        // The next method in WHMCS's order moves up to first place, i.e. becomes the default.
        const next = db
            .prepare(`SELECT * FROM paymethods WHERE userid = ? ORDER BY is_default DESC, id LIMIT 1`)
            .get(row.userid) as PayMethodRow | undefined;
        if (row.is_default && next) makeDefaultPayMethod(db, next);
    })();
    return { paymethodid: String(row.id) };
};

const CARD_UPDATE_FIELDS = ['card_number', 'card_expiry', 'card_start', 'card_issue_number'];
const BANK_UPDATE_FIELDS = ['bank_name', 'bank_account_type', 'bank_code', 'bank_account'];

const updatePayMethod: Handler = (ctx, p) => {
    const { db } = ctx;
    const row = ownPayMethod(db, p, 'paymethod-first');
    const isCard = row.type === 'CreditCard' || row.type === 'RemoteCreditCard';
    if (!isCard && row.type !== 'BankAccount') throw new ApiError('Unsupported Gateway Type for Update');
    const fields = (isCard ? CARD_UPDATE_FIELDS : BANK_UPDATE_FIELDS).filter((f) => p.has(f));
    const setDefault = p.bool('set_as_default');
    // set_as_default alone counts as a detail (U: the reference does not say; the client area allows it).
    if (fields.length === 0 && !setDefault) throw new ApiError('No Details Provided for Update');
    const changes: Partial<PayMethodRow> = {};
    if (isCard) {
        if (p.has('card_number')) {
            if (row.type === 'RemoteCreditCard')
                throw new ApiError('Unable to Update Card Number for Assisted Gateway');
            const number = p.trimmed('card_number').replace(/[\s-]/g, '');
            if (!luhnValid(number)) throw new ApiError('Card Number is invalid');
            changes.card_last_four = number.slice(-4);
            changes.card_type = cardBrand(number);
        }
        if (p.has('card_expiry')) {
            const m = /^(0[1-9]|1[0-2])(\d{2})$/.exec(p.trimmed('card_expiry').replace('/', ''));
            if (!m) throw new ApiError('Expiry Date is invalid');
            changes.expiry_date = `${m[1]}/${m[2]}`;
        }
        if (p.has('card_start') && !/^(0[1-9]|1[0-2])\d{2}$/.test(p.trimmed('card_start').replace('/', ''))) {
            throw new ApiError('Start Date is invalid');
        }
        if (p.has('card_issue_number') && !/^\d{1,4}$/.test(p.trimmed('card_issue_number'))) {
            throw new ApiError('Issue Number is invalid');
        }
    } else if (p.has('bank_name')) {
        changes.bank_name = p.trimmed('bank_name');
    }
    db.transaction(() => {
        const sets = Object.keys(changes).map((k) => `${k} = ?`);
        db.prepare(`UPDATE paymethods SET ${[...sets, 'updated_at = ?'].join(', ')} WHERE id = ?`).run(
            ...Object.values(changes),
            nowStamp(ctx.now()),
            row.id
        );
        if (setDefault) makeDefaultPayMethod(db, row);
    })();
    return { clientid: String(row.userid), paymethodid: String(row.id) };
};

// ---------------------------------------------------------------- orders

const addOrder: Handler = (ctx, p) => {
    const { db } = ctx;
    const client = getClient(db, p.id('clientid'));
    if (!client) throw new ApiError('Client ID Not Found');
    if (client.status === 'Closed') throw new ApiError('Unable to add order when client status is Closed');
    const mods = gateways(db).map((g) => g.module);
    const gateway = p.trimmed('paymentmethod');
    if (!mods.includes(gateway))
        throw new ApiError(`Invalid Payment Method. Valid options include ${mods.join(',')}`);
    // Lists: each must be an array when present (8.6+).
    const pids = p.list('pid');
    for (const name of ['billingcycle', 'qty', 'customfields', 'configoptions', 'priceoverride', 'domain'])
        p.list(name);
    if (pids.length === 0) throw new ApiError('No items added to cart so order cannot proceed');
    const pidArr = p.raw.pid as PhpArray;
    const keys = Object.keys(pidArr);

    interface Line {
        product: ProductRow;
        cycle: string;
        qty: number;
        price: number;
        fields: Map<number, string>;
        domain: string;
    }
    const lines: Line[] = keys.map((key) => {
        const i = Number(key);
        const raw = pidArr[key];
        const pid = typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
        const product = Number.isNaN(pid)
            ? undefined
            : (db.prepare(`SELECT * FROM products WHERE id = ?`).get(pid) as ProductRow | undefined);
        if (!product) throw new ApiError(`Invalid Product ID: ${typeof raw === 'string' ? raw : 'Array'}`);
        const allowed =
            product.paytype === 'onetime' ? ['onetime'] : product.paytype === 'free' ? ['free'] : ['monthly'];
        const cycleRaw = (at(p.raw.billingcycle, i) ?? '').trim().toLowerCase();
        const cycle = cycleRaw === '' ? allowed[0] : cycleRaw;
        if (!allowed.includes(cycle)) {
            throw new ApiError(`Invalid Billing Cycle '${cycleRaw}' for Product ID ${product.id}`);
        }
        const qtyRaw = (at(p.raw.qty, i) ?? '').trim();
        const qty = qtyRaw === '' ? 1 : /^\d+$/.test(qtyRaw) ? Number(qtyRaw) : NaN;
        if (!Number.isSafeInteger(qty) || qty < 1 || qty > 100)
            throw new ApiError(`Invalid quantity for Product ID ${product.id}`);
        const allowedFields = productFields(db, product.id);
        const fields = readCustomFields(at(p.raw.customfields, i), allowedFields, `Product ID ${product.id}`);
        requireFields(allowedFields, fields);
        const overrideRaw = (at(p.raw.priceoverride, i) ?? '').trim();
        let unit = product.price;
        if (overrideRaw !== '') {
            const o = parseMoney(overrideRaw);
            if (o === null || o < 0)
                throw new ApiError(`Invalid price override for Product ID ${product.id}`);
            unit = o;
        }
        return { product, cycle, qty, price: unit * qty, fields, domain: (at(p.raw.domain, i) ?? '').trim() };
    });

    const now = ctx.now();
    const stamp = nowStamp(now);
    const day = today(now);
    const noInvoice = p.bool('noinvoice');
    const create = db.transaction(() => {
        const total = lines.reduce((s, l) => s + l.price, 0);
        const orderInfo = db
            .prepare(
                `INSERT INTO orders (ordernum, userid, date, amount, paymentmethod, status, notes, ipaddress, promocode)
                 VALUES ('', ?, ?, ?, ?, 'Pending', ?, ?, ?)`
            )
            .run(
                client.id,
                stamp,
                total,
                gateway,
                p.str('notes') ?? '',
                p.trimmed('clientip'),
                p.trimmed('promocode')
            );
        const orderId = Number(orderInfo.lastInsertRowid);
        db.prepare(`UPDATE orders SET ordernum = ? WHERE id = ?`).run(orderNumberFor(orderId), orderId);
        const serviceIds: number[] = [];
        for (const l of lines) {
            const recurring = l.cycle !== 'onetime' && l.cycle !== 'free';
            const info = db
                .prepare(
                    `INSERT INTO services (userid, orderid, packageid, regdate, domain, paymentmethod, qty, firstpaymentamount,
                       amount, billingcycle, nextduedate, status)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'Pending')`
                )
                .run(
                    client.id,
                    orderId,
                    l.product.id,
                    day,
                    l.domain,
                    gateway,
                    l.qty,
                    l.price,
                    recurring ? l.price : 0,
                    CYCLE_DISPLAY[l.cycle],
                    recurring ? day : ZERO_DATE
                );
            const serviceId = Number(info.lastInsertRowid);
            saveFieldValues(db, serviceId, l.fields);
            serviceIds.push(serviceId);
        }
        let invoiceId = 0;
        if (!noInvoice) {
            const paidNow = total === 0;
            invoiceId = insertInvoice(db, {
                clientId: client.id,
                date: day,
                dueDate: day,
                datePaid: paidNow ? stamp : ZERO_DATETIME,
                status: paidNow ? 'Paid' : 'Unpaid',
                paymentMethod: gateway,
                stamp,
                items: lines.map((l, idx) => {
                    const recurring = l.cycle !== 'onetime' && l.cycle !== 'free';
                    const label = productLabel(db, l.product.id) + (l.qty > 1 ? ` x ${l.qty}` : '');
                    return {
                        type: 'Hosting',
                        relid: serviceIds[idx],
                        description: recurring ? `${label} (${day} - ${addMonths(day, 1)})` : label,
                        amount: l.price,
                        taxed: true
                    };
                })
            }).id;
            db.prepare(`UPDATE orders SET invoiceid = ? WHERE id = ?`).run(invoiceId, orderId);
        }
        return { orderId, serviceIds, invoiceId };
    });
    const r = create();
    const ids = r.serviceIds.join(',');
    return {
        orderid: String(r.orderId),
        serviceids: ids,
        productids: ids,
        addonids: '',
        domainids: '',
        invoiceid: r.invoiceId ? String(r.invoiceId) : ''
    };
};

const acceptOrder: Handler = (ctx, p) => {
    const { db } = ctx;
    const order = getOrderRow(db, p.id('orderid'));
    if (!order || order.status !== 'Pending') throw new ApiError('Order ID not found or Status not Pending');
    db.transaction(() => {
        db.prepare(`UPDATE orders SET status = 'Active' WHERE id = ?`).run(order.id);
        const services = db
            .prepare(`SELECT * FROM services WHERE orderid = ? AND status = 'Pending'`)
            .all(order.id) as ServiceRow[];
        for (const s of services) {
            const recurring = s.nextduedate !== ZERO_DATE;
            db.prepare(`UPDATE services SET status = 'Active', nextduedate = ? WHERE id = ?`).run(
                recurring ? addMonths(s.regdate, 1) : ZERO_DATE,
                s.id
            );
        }
    })();
    return {};
};

const pendingOrder: Handler = (ctx, p) => {
    const { db } = ctx;
    const order = getOrderRow(db, p.id('orderid'));
    if (!order) throw new ApiError('Order ID Not Found');
    db.transaction(() => {
        db.prepare(`UPDATE orders SET status = 'Pending' WHERE id = ?`).run(order.id);
        db.prepare(`UPDATE services SET status = 'Pending' WHERE orderid = ?`).run(order.id);
    })();
    return {};
};

const cancelOrder: Handler = (ctx, p) => {
    const { db } = ctx;
    const order = getOrderRow(db, p.id('orderid'));
    if (!order || order.status !== 'Pending') throw new ApiError('Order ID not found or Status not Pending');
    const stamp = nowStamp(ctx.now());
    db.transaction(() => {
        db.prepare(`UPDATE orders SET status = 'Cancelled' WHERE id = ?`).run(order.id);
        db.prepare(`UPDATE services SET status = 'Cancelled' WHERE orderid = ?`).run(order.id);
        if (order.invoiceid) {
            db.prepare(
                `UPDATE invoices SET status = 'Cancelled', date_cancelled = ?, updated_at = ? WHERE id = ? AND status = 'Unpaid'`
            ).run(stamp, stamp, order.invoiceid);
        }
    })();
    return {};
};

const getOrders: Handler = (ctx, p) => {
    const { db } = ctx;
    const { start, num } = paging(p);
    const where: string[] = [];
    const args: unknown[] = [];
    for (const [param, col] of [
        ['id', 'o.id'],
        ['userid', 'o.userid'],
        ['requestor_id', 'o.userid']
    ] as const) {
        if (p.has(param)) {
            const id = p.id(param);
            where.push(`${col} = ?`);
            args.push(id === undefined || Number.isNaN(id) ? -1 : id);
        }
    }
    if (p.has('status')) {
        where.push('o.status = ?');
        args.push(p.trimmed('status'));
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (db.prepare(`SELECT COUNT(*) AS n FROM orders o ${w}`).get(...args) as { n: number }).n;
    const rows = db
        .prepare(
            `SELECT o.*, c.firstname, c.lastname, COALESCE(i.status, '') AS paymentstatus FROM orders o
             JOIN clients c ON c.id = o.userid LEFT JOIN invoices i ON i.id = o.invoiceid
             ${w} ORDER BY o.id DESC LIMIT ? OFFSET ?`
        )
        .all(...args, num, start) as (OrderRow & {
        firstname: string;
        lastname: string;
        paymentstatus: string;
    })[];
    const gw = new Map(gateways(db).map((g) => [g.module, g.displayname]));
    const orders = rows.map((o) => {
        const services = db
            .prepare(`SELECT * FROM services WHERE orderid = ? ORDER BY id`)
            .all(o.id) as ServiceRow[];
        return {
            id: o.id,
            ordernum: Number(o.ordernum),
            userid: o.userid,
            contactid: 0,
            requestor_id: o.userid,
            admin_requestor_id: 0,
            date: o.date,
            nameservers: '',
            transfersecret: '',
            renewals: '',
            renewalsByType: { domains: [], services: [], addons: [] },
            promocode: o.promocode,
            promotype: '',
            promovalue: '',
            orderdata: '[]',
            amount: money(o.amount),
            paymentmethod: o.paymentmethod,
            invoiceid: o.invoiceid,
            status: o.status,
            ipaddress: o.ipaddress,
            fraudmodule: '',
            fraudoutput: '',
            notes: o.notes,
            paymentmethodname: gw.get(o.paymentmethod) ?? o.paymentmethod,
            paymentstatus: o.paymentstatus,
            name: `${o.firstname} ${o.lastname}`,
            currencyprefix: '¥',
            currencysuffix: '',
            frauddata: '',
            validationdata: '',
            lineitems: wrapList(
                ctx,
                'wrapper',
                'lineitem',
                services.map((s) => ({
                    type: 'product',
                    relid: s.id,
                    producttype: 'Other Product/Service',
                    product: productLabel(db, s.packageid),
                    domain: s.domain,
                    billingcycle: s.billingcycle,
                    amount: money(s.firstpaymentamount),
                    status: s.status
                }))
            )
        };
    });
    return {
        totalresults: total,
        startnumber: start,
        numreturned: orders.length,
        orders: wrapList(ctx, 'wrapper', 'order', orders)
    };
};

// ---------------------------------------------------------------- services / products

const getClientsProducts: Handler = (ctx, p) => {
    const { db } = ctx;
    const { start, num } = paging(p);
    const where: string[] = [];
    const args: unknown[] = [];
    const idFilter = (param: string, col: string) => {
        if (!p.has(param)) return;
        const id = p.id(param);
        where.push(`${col} = ?`);
        args.push(id === undefined || Number.isNaN(id) ? -1 : id);
    };
    idFilter('clientid', 's.userid');
    idFilter('serviceid', 's.id');
    idFilter('pid', 's.packageid');
    if (p.has('domain')) {
        where.push('s.domain = ?');
        args.push(p.trimmed('domain'));
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (db.prepare(`SELECT COUNT(*) AS n FROM services s ${w}`).get(...args) as { n: number }).n;
    const rows = db
        .prepare(
            `SELECT s.*, p.name AS pname, g.name AS gname, o.ordernum FROM services s
             JOIN products p ON p.id = s.packageid JOIN product_groups g ON g.id = p.gid
             LEFT JOIN orders o ON o.id = s.orderid ${w} ORDER BY s.id LIMIT ? OFFSET ?`
        )
        .all(...args, num, start) as (ServiceRow & {
        pname: string;
        gname: string;
        ordernum: string | null;
    })[];
    const gw = new Map(gateways(db).map((g) => [g.module, g.displayname]));
    const products = rows.map((s) => ({
        id: String(s.id),
        qty: String(s.qty),
        clientid: String(s.userid),
        orderid: String(s.orderid),
        ordernumber: s.ordernum ?? '',
        pid: String(s.packageid),
        regdate: s.regdate,
        name: s.pname,
        translated_name: s.pname,
        groupname: s.gname,
        translated_groupname: s.gname,
        domain: s.domain,
        dedicatedip: '',
        serverid: '0',
        servername: '',
        serverip: null,
        serverhostname: null,
        suspensionreason: '',
        firstpaymentamount: money(s.firstpaymentamount),
        recurringamount: money(s.amount),
        paymentmethod: s.paymentmethod,
        paymentmethodname: gw.get(s.paymentmethod) ?? s.paymentmethod,
        billingcycle: s.billingcycle,
        nextduedate: s.nextduedate,
        status: s.status,
        username: '',
        password: '',
        subscriptionid: '',
        promoid: '0',
        overideautosuspend: '0',
        overidesuspenduntil: ZERO_DATE,
        ns1: '',
        ns2: '',
        assignedips: '',
        notes: s.notes,
        diskusage: '0',
        disklimit: '0',
        bwusage: '0',
        bwlimit: '0',
        lastupdate: ZERO_DATETIME,
        customfields: wrapList(
            ctx,
            'wrapper',
            'customfield',
            serviceFieldValues(db, s.id, s.packageid).map((f) => ({
                id: String(f.id),
                name: f.name,
                translated_name: f.name,
                value: f.value
            }))
        ),
        configoptions: emptyList(ctx, 'wrapper', 'configoption')
    }));
    return {
        clientid: p.has('clientid') ? (p.str('clientid') ?? null) : null,
        serviceid: p.has('serviceid') ? (p.str('serviceid') ?? null) : null,
        pid: p.has('pid') ? (p.str('pid') ?? null) : null,
        domain: p.has('domain') ? (p.str('domain') ?? null) : null,
        totalresults: String(total),
        startnumber: start,
        numreturned: products.length,
        products: wrapList(ctx, 'empty-string', 'product', products)
    };
};

const CYCLES = ['monthly', 'quarterly', 'semiannually', 'annually', 'biennially', 'triennially'] as const;

const getProducts: Handler = (ctx, p) => {
    const { db } = ctx;
    const where: string[] = [];
    const args: unknown[] = [];
    if (p.has('pid')) {
        const ids = p
            .trimmed('pid')
            .split(',')
            .map((s) => s.trim())
            .filter((s) => /^\d+$/.test(s))
            .map(Number);
        where.push(`p.id IN (${ids.map(() => '?').join(',') || 'NULL'})`);
        args.push(...ids);
    }
    if (p.has('gid')) {
        where.push('p.gid = ?');
        args.push(p.id('gid') ?? -1);
    }
    if (p.has('module')) where.push('1 = 0'); // no provisioning modules in the sandbox
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = db
        .prepare(`SELECT p.* FROM products p ${w} ORDER BY p.gid, p.id`)
        .all(...args) as ProductRow[];
    const base = ctx.systemUrl();
    const products = rows.map((r) => {
        const price: Record<string, string> = {
            prefix: '¥',
            suffix: '',
            msetupfee: money(r.setupfee),
            qsetupfee: '0.00',
            ssetupfee: '0.00',
            asetupfee: '0.00',
            bsetupfee: '0.00',
            tsetupfee: '0.00'
        };
        for (const c of CYCLES) price[c] = c === 'monthly' ? money(r.price) : '-1.00';
        const slug = r.name
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')
            .replace(/^-|-$/g, '');
        return {
            pid: r.id,
            gid: r.gid,
            type: r.type,
            name: r.name,
            slug,
            'product-url': `${base}/store/${slug}`,
            description: r.description,
            module: '',
            paytype: r.paytype,
            allowqty: 0,
            quantity_available: 0,
            pricing: { JPY: price },
            customfields: wrapList(
                ctx,
                'wrapper',
                'customfield',
                productFields(db, r.id).map((f) => ({
                    id: f.id,
                    name: f.name,
                    description: f.description,
                    required: f.required ? 'on' : ''
                }))
            ),
            configoptions: emptyList(ctx, 'wrapper', 'configoption')
        };
    });
    return { totalresults: products.length, products: wrapList(ctx, 'wrapper', 'product', products) };
};

// ---------------------------------------------------------------- invoices

const INVOICE_ORDER: Record<string, string> = {
    id: 'i.id',
    invoicenumber: 'i.invoicenum',
    date: 'i.date',
    duedate: 'i.duedate',
    total: 'i.total',
    status: 'i.status'
};

const getInvoices: Handler = (ctx, p) => {
    const { db } = ctx;
    const { start, num } = paging(p);
    const where: string[] = [];
    const args: unknown[] = [];
    if (p.has('userid')) {
        const id = p.id('userid');
        where.push('i.userid = ?');
        args.push(id === undefined || Number.isNaN(id) ? -1 : id);
    }
    const status = p.trimmed('status');
    if (status === 'Overdue') {
        where.push(`i.status = 'Unpaid' AND i.duedate < ?`);
        args.push(today(ctx.now()));
    } else if (status) {
        where.push('i.status = ?');
        args.push(status);
    }
    const orderBy = INVOICE_ORDER[p.trimmed('orderby').toLowerCase()] ?? 'i.id';
    const dir = p.trimmed('order').toLowerCase() === 'asc' ? 'ASC' : 'DESC';
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (db.prepare(`SELECT COUNT(*) AS n FROM invoices i ${w}`).get(...args) as { n: number }).n;
    const rows = db
        .prepare(
            `SELECT i.*, c.firstname, c.lastname, c.companyname FROM invoices i JOIN clients c ON c.id = i.userid
             ${w} ORDER BY ${orderBy} ${dir}, i.id ${dir} LIMIT ? OFFSET ?`
        )
        .all(...args, num, start) as (InvoiceRow & {
        firstname: string;
        lastname: string;
        companyname: string;
    })[];
    const invoices = rows.map((i) => ({
        id: i.id,
        userid: i.userid,
        firstname: i.firstname,
        lastname: i.lastname,
        companyname: i.companyname,
        invoicenum: i.invoicenum,
        date: i.date,
        duedate: i.duedate,
        datepaid: i.datepaid,
        last_capture_attempt: ZERO_DATETIME,
        date_refunded: ZERO_DATETIME,
        date_cancelled: i.date_cancelled,
        subtotal: money(i.subtotal),
        credit: money(i.credit),
        tax: money(i.tax),
        tax2: '0.00',
        total: money(i.total),
        taxrate: i.taxrate.toFixed(3),
        taxrate2: '0.000',
        status: i.status,
        paymentmethod: i.paymentmethod,
        paymethodid: null,
        notes: i.notes,
        created_at: i.created_at,
        updated_at: i.updated_at,
        currencycode: 'JPY',
        currencyprefix: '¥',
        currencysuffix: ''
    }));
    return {
        totalresults: total,
        startnumber: start,
        numreturned: invoices.length,
        invoices: wrapList(ctx, 'array', 'invoice', invoices)
    };
};

const getInvoice: Handler = (ctx, p) => {
    const { db } = ctx;
    const inv = getInvoiceRow(db, p.id('invoiceid'));
    if (!inv) throw new ApiError('Invoice ID Not Found');
    const items = db.prepare(`SELECT * FROM invoice_items WHERE invoiceid = ? ORDER BY id`).all(inv.id) as {
        id: number;
        type: string;
        relid: number;
        description: string;
        amount: number;
        taxed: number;
    }[];
    const txs = db.prepare(`SELECT * FROM transactions WHERE invoiceid = ? ORDER BY id`).all(inv.id) as {
        id: number;
        userid: number;
        gateway: string;
        date: string;
        description: string;
        amountin: number;
        fees: number;
        amountout: number;
        transid: string;
        invoiceid: number;
    }[];
    return {
        invoiceid: inv.id,
        invoicenum: inv.invoicenum,
        userid: inv.userid,
        date: inv.date,
        duedate: inv.duedate,
        datepaid: inv.datepaid,
        lastcaptureattempt: ZERO_DATETIME,
        date_refunded: ZERO_DATETIME,
        date_cancelled: inv.date_cancelled,
        subtotal: money(inv.subtotal),
        credit: money(inv.credit),
        tax: money(inv.tax),
        tax2: '0.00',
        total: money(inv.total),
        balance: money(invoiceBalance(db, inv)),
        taxrate: inv.taxrate.toFixed(3),
        taxrate2: '0.000',
        status: inv.status,
        paymentmethod: inv.paymentmethod,
        paymethodid: null,
        notes: inv.notes,
        ccgateway: false,
        items:
            items.length > 0
                ? {
                      item: items.map((it) => ({
                          id: it.id,
                          type: it.type,
                          relid: it.relid,
                          description: it.description,
                          amount: money(it.amount),
                          taxed: it.taxed
                      }))
                  }
                : emptyList(ctx, 'wrapper', 'item'),
        transactions:
            txs.length > 0
                ? {
                      transaction: txs.map((t) => ({
                          id: String(t.id),
                          userid: String(t.userid),
                          currency: '0',
                          gateway: t.gateway,
                          date: t.date,
                          description: t.description,
                          amountin: money(t.amountin),
                          fees: money(t.fees),
                          amountout: money(t.amountout),
                          rate: '1.00000',
                          transid: t.transid,
                          invoiceid: String(t.invoiceid),
                          refundid: '0'
                      }))
                  }
                : emptyList(ctx, 'empty-string', 'transaction')
    };
};

/** The payment effect shared by the API action and the "Pay now" page. */
export function applyPayment(
    ctx: SandboxContext,
    inv: InvoiceRow,
    pay: { transid: string; gateway: string; date: string; amount?: number; fees: number }
): void {
    const { db } = ctx;
    db.transaction(() => {
        const amount = pay.amount ?? Math.max(0, invoiceBalance(db, inv));
        db.prepare(
            `INSERT INTO transactions (userid, gateway, date, description, amountin, fees, transid, invoiceid)
             VALUES (?, ?, ?, 'Invoice Payment', ?, ?, ?, ?)`
        ).run(inv.userid, pay.gateway, pay.date, amount, pay.fees, pay.transid, inv.id);
        const balance = invoiceBalance(db, inv);
        const stamp = nowStamp(ctx.now());
        if (balance <= 0 && inv.status !== 'Paid') {
            db.prepare(`UPDATE invoices SET status = 'Paid', datepaid = ?, updated_at = ? WHERE id = ?`).run(
                pay.date,
                stamp,
                inv.id
            );
        } else {
            db.prepare(`UPDATE invoices SET updated_at = ? WHERE id = ?`).run(stamp, inv.id);
        }
    })();
}

const addInvoicePayment: Handler = (ctx, p) => {
    const { db } = ctx;
    const inv = getInvoiceRow(db, p.id('invoiceid'));
    if (!inv) throw new ApiError('Invoice ID Not Found');
    if (inv.status === 'Cancelled') {
        throw new ApiError('It is not possible to add a payment to an invoice that is Cancelled');
    }
    if (!p.has('transid')) throw new ApiError('Transaction ID is required');
    const mods = gateways(db).map((g) => g.module);
    const gateway = p.trimmed('gateway');
    if (!mods.includes(gateway))
        throw new ApiError(`Invalid Payment Gateway. Must be one of: ${mods.join(', ')}`);
    let date = nowStamp(ctx.now());
    if (p.has('date')) {
        const d = p.trimmed('date');
        if (
            !/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/.test(d) ||
            Number.isNaN(Date.parse(d.replace(' ', 'T') + 'Z'))
        ) {
            throw new ApiError('Invalid date format. Expected YYYY-MM-DD HH:MM:SS');
        }
        date = d.length === 10 ? `${d} 00:00:00` : d;
    }
    let amount: number | undefined;
    if (p.has('amount')) {
        const a = parseMoney(p.trimmed('amount'));
        if (a === null || a <= 0) throw new ApiError('Invalid amount');
        amount = a;
    }
    let fees = 0;
    if (p.has('fees')) {
        const f = parseMoney(p.trimmed('fees'));
        if (f === null || f < 0) throw new ApiError('Invalid fees');
        fees = f;
    }
    applyPayment(ctx, inv, { transid: p.trimmed('transid'), gateway, date, amount, fees });
    return {};
};

const getPaymentMethods: Handler = (ctx) => {
    const list = gateways(ctx.db);
    return { totalresults: list.length, paymentmethods: { paymentmethod: list } };
};

// ---------------------------------------------------------------- registry

/** The actions this sandbox serves: the integration's API role (others answer 403 Invalid Permissions). */
export const ACTIONS: Record<string, { name: string; handler: Handler; write: boolean }> = Object.fromEntries(
    (
        [
            ['AddClient', addClient, true],
            ['GetClientsDetails', getClientsDetails, false],
            ['UpdateClient', updateClient, true],
            ['GetClients', getClients, false],
            ['ValidateLogin', validateLogin, true],
            ['CreateSsoToken', createSsoToken, true],
            ['GetPayMethods', getPayMethods, false],
            ['AddPayMethod', addPayMethod, true],
            ['DeletePayMethod', deletePayMethod, true],
            ['UpdatePayMethod', updatePayMethod, true],
            ['AddOrder', addOrder, true],
            ['AcceptOrder', acceptOrder, true],
            ['PendingOrder', pendingOrder, true],
            ['CancelOrder', cancelOrder, true],
            ['GetOrders', getOrders, false],
            ['GetClientsProducts', getClientsProducts, false],
            ['GetProducts', getProducts, false],
            ['GetInvoices', getInvoices, false],
            ['GetInvoice', getInvoice, false],
            ['AddInvoicePayment', addInvoicePayment, true],
            ['GetPaymentMethods', getPaymentMethods, false],
            ['UpgradeProduct', upgradeProduct, true],
            ['AddCancelRequest', addCancelRequest, true]
        ] as const
    ).map(([name, handler, write]) => [name.toLowerCase(), { name, handler, write }])
);

/** Real WHMCS actions outside the sandbox's role: 403 `Invalid Permissions`, not `Command Not Found`. */
export const OTHER_KNOWN_ACTIONS = new Set(
    [
        'AcceptQuote',
        'AddBillableItem',
        'AddContact',
        'AddCredit',
        'AddProduct',
        'AddTransaction',
        'ApplyCredit',
        'CloseClient',
        'CreateInvoice',
        'DeleteClient',
        'DeleteContact',
        'DeleteOrder',
        'EncryptPassword',
        'DecryptPassword',
        'FraudOrder',
        'GenInvoices',
        'GetActivityLog',
        'GetAdminDetails',
        'GetContacts',
        'GetCredits',
        'GetCurrencies',
        'GetEmails',
        'GetOrderStatuses',
        'GetPromotions',
        'GetStats',
        'GetTickets',
        'GetTransactions',
        'GetUsers',
        'ModuleCreate',
        'ModuleSuspend',
        'ModuleTerminate',
        'OpenTicket',
        'SendEmail',
        'UpdateClientProduct',
        'UpdateInvoice',
        'UpdateTransaction',
        'WhmcsDetails'
    ].map((a) => a.toLowerCase())
);

function randomUuid(): string {
    const b = randomBytes(16);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
