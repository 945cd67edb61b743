// Sandbox storage (better-sqlite3) and the seed. Money is stored in integer minor units (sen/cents)
// so sums never touch floats; it is rendered as WHMCS's 2-dp strings at the edge.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type accountsJson from '../../data/accounts.json';

export type Db = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS currencies (id INTEGER PRIMARY KEY, code TEXT NOT NULL, prefix TEXT NOT NULL, suffix TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS gateways (module TEXT PRIMARY KEY, displayname TEXT NOT NULL, sortorder INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS product_groups (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS products (
  id INTEGER PRIMARY KEY, gid INTEGER NOT NULL, type TEXT NOT NULL, name TEXT NOT NULL, description TEXT NOT NULL,
  paytype TEXT NOT NULL, price INTEGER NOT NULL, setupfee INTEGER NOT NULL DEFAULT 0, product_code TEXT);
CREATE TABLE IF NOT EXISTS customfields (
  id INTEGER PRIMARY KEY, type TEXT NOT NULL, relid INTEGER NOT NULL, name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '', required INTEGER NOT NULL DEFAULT 0, showorder INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS customfield_products (field_id INTEGER NOT NULL, product_id INTEGER NOT NULL,
  PRIMARY KEY (field_id, product_id));
CREATE TABLE IF NOT EXISTS clients (
  id INTEGER PRIMARY KEY AUTOINCREMENT, uuid TEXT NOT NULL, owner_user_id INTEGER, firstname TEXT NOT NULL,
  lastname TEXT NOT NULL, companyname TEXT NOT NULL DEFAULT '', email TEXT NOT NULL COLLATE NOCASE,
  address1 TEXT NOT NULL DEFAULT '', address2 TEXT NOT NULL DEFAULT '', city TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT '', postcode TEXT NOT NULL DEFAULT '', country TEXT NOT NULL DEFAULT '',
  phonenumber TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT 'Active', password_hash TEXT,
  language TEXT NOT NULL DEFAULT '', currency INTEGER NOT NULL DEFAULT 1, groupid INTEGER NOT NULL DEFAULT 0,
  notes TEXT NOT NULL DEFAULT '', allow_sso INTEGER NOT NULL DEFAULT 1, defaultgateway TEXT NOT NULL DEFAULT '',
  datecreated TEXT NOT NULL, lastlogin TEXT);
CREATE TABLE IF NOT EXISTS customfield_values (field_id INTEGER NOT NULL, relid INTEGER NOT NULL, value TEXT NOT NULL,
  PRIMARY KEY (field_id, relid));
CREATE TABLE IF NOT EXISTS orders (
  id INTEGER PRIMARY KEY AUTOINCREMENT, ordernum TEXT NOT NULL, userid INTEGER NOT NULL, date TEXT NOT NULL,
  amount INTEGER NOT NULL, paymentmethod TEXT NOT NULL, invoiceid INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL, notes TEXT NOT NULL DEFAULT '', ipaddress TEXT NOT NULL DEFAULT '', promocode TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS services (
  id INTEGER PRIMARY KEY AUTOINCREMENT, userid INTEGER NOT NULL, orderid INTEGER NOT NULL, packageid INTEGER NOT NULL,
  regdate TEXT NOT NULL, domain TEXT NOT NULL DEFAULT '', paymentmethod TEXT NOT NULL, qty INTEGER NOT NULL DEFAULT 1,
  firstpaymentamount INTEGER NOT NULL, amount INTEGER NOT NULL, billingcycle TEXT NOT NULL,
  nextduedate TEXT NOT NULL, status TEXT NOT NULL, notes TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS invoices (
  id INTEGER PRIMARY KEY AUTOINCREMENT, userid INTEGER NOT NULL, invoicenum TEXT NOT NULL DEFAULT '',
  date TEXT NOT NULL, duedate TEXT NOT NULL, datepaid TEXT NOT NULL DEFAULT '0000-00-00 00:00:00',
  date_cancelled TEXT NOT NULL DEFAULT '0000-00-00 00:00:00',
  subtotal INTEGER NOT NULL, credit INTEGER NOT NULL DEFAULT 0, tax INTEGER NOT NULL DEFAULT 0, total INTEGER NOT NULL,
  taxrate INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL, paymentmethod TEXT NOT NULL, notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS invoice_items (
  id INTEGER PRIMARY KEY AUTOINCREMENT, invoiceid INTEGER NOT NULL, userid INTEGER NOT NULL, type TEXT NOT NULL,
  relid INTEGER NOT NULL, description TEXT NOT NULL, amount INTEGER NOT NULL, taxed INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS transactions (
  id INTEGER PRIMARY KEY AUTOINCREMENT, userid INTEGER NOT NULL, gateway TEXT NOT NULL, date TEXT NOT NULL,
  description TEXT NOT NULL, amountin INTEGER NOT NULL, fees INTEGER NOT NULL DEFAULT 0, amountout INTEGER NOT NULL DEFAULT 0,
  transid TEXT NOT NULL, invoiceid INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS paymethods (
  id INTEGER PRIMARY KEY AUTOINCREMENT, userid INTEGER NOT NULL, type TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
  gateway_name TEXT NOT NULL DEFAULT '', card_type TEXT, card_last_four TEXT, expiry_date TEXT, bank_name TEXT,
  remote_token TEXT, is_default INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sso_tokens (
  token TEXT PRIMARY KEY, client_id INTEGER NOT NULL, user_id INTEGER NOT NULL, landing TEXT NOT NULL,
  expires_at INTEGER NOT NULL, used INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY, client_id INTEGER NOT NULL, csrf TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS upgrades (
  id INTEGER PRIMARY KEY AUTOINCREMENT, orderid INTEGER NOT NULL, type TEXT NOT NULL, date TEXT NOT NULL,
  relid INTEGER NOT NULL, originalvalue TEXT NOT NULL, newvalue TEXT NOT NULL, amount INTEGER NOT NULL,
  recurringchange INTEGER NOT NULL, status TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cancel_requests (
  id INTEGER PRIMARY KEY AUTOINCREMENT, date TEXT NOT NULL, relid INTEGER NOT NULL, reason TEXT NOT NULL,
  type TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
`;

const TABLES = [
    'currencies',
    'gateways',
    'product_groups',
    'products',
    'customfields',
    'customfield_products',
    'clients',
    'customfield_values',
    'orders',
    'services',
    'invoices',
    'invoice_items',
    'transactions',
    'paymethods',
    'sso_tokens',
    'sessions',
    'upgrades',
    'cancel_requests'
];

export function openDb(dbPath: string): Db {
    if (dbPath !== ':memory:') mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
    const db = new Database(dbPath);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = OFF');
    db.exec(SCHEMA);
    return db;
}

// ---------------------------------------------------------------- helpers shared by the actions

/** '5280.00' / '5280' / 5280 → 528000 minor units; null when not a plain decimal. */
export function parseMoney(v: string | number): number | null {
    const s = typeof v === 'number' ? String(v) : v.trim();
    const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(s) ?? /^(-?)()\.(\d{1,2})$/.exec(s);
    if (!m) return null;
    const minor = Number(m[2] || '0') * 100 + Number((m[3] ?? '').padEnd(2, '0') || '0');
    if (!Number.isSafeInteger(minor)) return null;
    return m[1] === '-' ? -minor : minor;
}

export function money(minor: number): string {
    const sign = minor < 0 ? '-' : '';
    const abs = Math.abs(minor);
    return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export const ZERO_DATE = '0000-00-00';
export const ZERO_DATETIME = '0000-00-00 00:00:00';

export function today(now = new Date()): string {
    return now.toISOString().slice(0, 10);
}

export function nowStamp(now = new Date()): string {
    return now.toISOString().slice(0, 19).replace('T', ' ');
}

/** 'YYYY-MM-DD' + n months, clamped to the month's last day (WHMCS-style). */
export function addMonths(date: string, months: number): string {
    const [y, m, d] = date.split('-').map(Number);
    const first = new Date(Date.UTC(y, m - 1 + months, 1));
    const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
    first.setUTCDate(Math.min(d, last));
    return first.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
    const t = new Date(`${date}T00:00:00Z`);
    t.setUTCDate(t.getUTCDate() + days);
    return t.toISOString().slice(0, 10);
}

const hashCache = new Map<string, string>();

/** scrypt with a random salt: `scrypt$<salt hex>$<hash hex>`. */
export function hashPassword(password: string): string {
    const salt = randomBytes(16);
    const hash = scryptSync(password, salt, 32);
    return `scrypt$${salt.toString('hex')}$${hash.toString('hex')}`;
}

/** Seed passwords are hashed once per process so a reset stays fast. */
function seedHash(password: string): string {
    let h = hashCache.get(password);
    if (!h) {
        h = hashPassword(password);
        hashCache.set(password, h);
    }
    return h;
}

export function verifyPassword(password: string, stored: string | null): boolean {
    // Always spend the scrypt time so unknown emails and wrong passwords look the same.
    const parts = (stored ?? '').split('$');
    const salt =
        parts.length === 3 && parts[0] === 'scrypt' ? Buffer.from(parts[1], 'hex') : Buffer.alloc(16);
    const expected = parts.length === 3 ? Buffer.from(parts[2], 'hex') : Buffer.alloc(32);
    const actual = scryptSync(password, salt, 32);
    return parts.length === 3 && expected.length === actual.length && timingSafeEqual(expected, actual);
}

export function orderNumberFor(id: number): string {
    return String(1000000000 + ((id * 7_368_787) % 8_999_999_999));
}

// ---------------------------------------------------------------- seed

interface CatalogProduct {
    ProductCode: string;
    Name: string;
    Description: string;
    Portal_Category__c: string;
    Billing_Cycle__c: 'Monthly' | 'OneTime';
    WHMCS_Product_Id__c: number;
    UnitPrice: string;
}

interface Catalog {
    products: CatalogProduct[];
    whmcsCustomFields: { client: { customerNumber: number }; product: Record<string, number> };
}

// The shape of data/accounts.json, taken from the file itself.
type AccountsFile = typeof accountsJson;

function dataDir(): string {
    // middleware/sandbox → repo root /data
    return path.resolve(__dirname, '..', '..', 'data');
}

let catalogCache: Catalog | null = null;
let accountsCache: AccountsFile | null = null;

export function loadCatalog(): Catalog {
    catalogCache ??= JSON.parse(readFileSync(path.join(dataDir(), 'catalog.json'), 'utf8')) as Catalog;
    return catalogCache;
}

function loadAccounts(): AccountsFile {
    accountsCache ??= JSON.parse(readFileSync(path.join(dataDir(), 'accounts.json'), 'utf8')) as AccountsFile;
    return accountsCache;
}

export const GROUPS: Record<string, number> = { Internet: 1, SIM: 2, VPN: 3 };

/**
 * Product custom fields: names, required flags and which catalog products carry them.
 * Keys are the names in catalog.json whmcsCustomFields.product.
 */
const PRODUCT_FIELDS: Record<
    string,
    { name: string; required: boolean; products: (p: CatalogProduct) => boolean }
> = {
    mnpReservationNumber: { name: 'MNP reservation number', required: false, products: isSimPlan },
    mnpExpiresOn: { name: 'MNP reservation expiry', required: false, products: isSimPlan },
    mnpPhoneNumber: { name: 'MNP phone number', required: false, products: isSimPlan },
    mnpHolderName: { name: 'MNP holder name', required: false, products: isSimPlan },
    vpnRegion: { name: 'VPN region', required: true, products: (p) => isPlan(p, 'VPN') },
    installationAddress: {
        name: 'Installation address',
        required: false,
        products: (p) => p.Portal_Category__c === 'Internet'
    }
};

function isPlan(p: CatalogProduct, category: string): boolean {
    return (
        p.Portal_Category__c === category &&
        (p as unknown as { Portal_Item_Type__c: string }).Portal_Item_Type__c === 'Plan'
    );
}

function isSimPlan(p: CatalogProduct): boolean {
    return isPlan(p, 'SIM');
}

export const SEED_PASSWORDS = {
    kenta: 'Suzuki-Whmcs-2026',
    emily: 'Carter-Whmcs-2026',
    noah: 'Kimura-Whmcs-2026'
};

/** Empties every table and loads the seed. Dates of the demo data are relative to `now`. */
export function resetAndSeed(db: Db, now = new Date()): void {
    const tx = db.transaction(() => {
        for (const t of TABLES) db.prepare(`DELETE FROM ${t}`).run();
        db.prepare(`DELETE FROM sqlite_sequence`).run();
        seed(db, now);
    });
    tx();
}

function seed(db: Db, now: Date): void {
    const catalog = loadCatalog();
    const stamp = nowStamp(now);
    const day = today(now);

    db.prepare(`INSERT INTO currencies (id, code, prefix, suffix) VALUES (1, 'JPY', '¥', '')`).run();
    db.prepare(
        `INSERT INTO gateways (module, displayname, sortorder) VALUES ('testcard', 'Test card', 1)`
    ).run();
    for (const [name, id] of Object.entries(GROUPS)) {
        db.prepare(`INSERT INTO product_groups (id, name) VALUES (?, ?)`).run(id, name);
    }
    const insertProduct = db.prepare(
        `INSERT INTO products (id, gid, type, name, description, paytype, price, product_code)
         VALUES (?, ?, 'other', ?, ?, ?, ?, ?)`
    );
    for (const p of catalog.products) {
        insertProduct.run(
            p.WHMCS_Product_Id__c,
            GROUPS[p.Portal_Category__c] ?? 1,
            p.Name,
            p.Description,
            p.Billing_Cycle__c === 'OneTime' ? 'onetime' : 'recurring',
            parseMoney(p.UnitPrice) ?? 0,
            p.ProductCode
        );
    }

    db.prepare(
        `INSERT INTO customfields (id, type, relid, name, description, required) VALUES (?, 'client', 0, 'Customer number', 'Customer number from the portal', 0)`
    ).run(catalog.whmcsCustomFields.client.customerNumber);
    const insertField = db.prepare(
        `INSERT INTO customfields (id, type, relid, name, description, required) VALUES (?, 'product', 0, ?, '', ?)`
    );
    const linkField = db.prepare(`INSERT INTO customfield_products (field_id, product_id) VALUES (?, ?)`);
    for (const [key, id] of Object.entries(catalog.whmcsCustomFields.product)) {
        const def = PRODUCT_FIELDS[key] ?? { name: key, required: false, products: () => false };
        insertField.run(id, def.name, def.required ? 1 : 0);
        for (const p of catalog.products) if (def.products(p)) linkField.run(id, p.WHMCS_Product_Id__c);
    }

    const accounts = loadAccounts().accounts;
    const account = (number: string) => accounts.find((a) => a.Customer_Number__c === number);
    const insertClient = db.prepare(
        `INSERT INTO clients (id, uuid, owner_user_id, firstname, lastname, email, address1, city, state, postcode,
           country, phonenumber, password_hash, language, datecreated)
         VALUES (@id, @uuid, @id, @firstname, @lastname, @email, @address1, @city, @state, @postcode, @country,
           @phonenumber, @password_hash, @language, @datecreated)`
    );
    const addClient = (
        id: number,
        firstname: string,
        lastname: string,
        email: string,
        password: string,
        customerNumber: string | null,
        fallback: { address1: string; city: string; state: string; postcode: string; phonenumber: string }
    ) => {
        const a = customerNumber ? account(customerNumber) : undefined;
        insertClient.run({
            id,
            uuid: uuidFor(id),
            firstname,
            lastname,
            email,
            address1: a?.BillingStreet ?? fallback.address1,
            city: a?.BillingCity ?? fallback.city,
            state: a?.BillingState ?? fallback.state,
            postcode: a?.BillingPostalCode ?? fallback.postcode,
            country: a?.BillingCountryCode ?? 'JP',
            phonenumber: a?.Phone ?? fallback.phonenumber,
            password_hash: seedHash(password),
            language: 'english',
            datecreated: '2024-04-01'
        });
        if (customerNumber) {
            db.prepare(`INSERT INTO customfield_values (field_id, relid, value) VALUES (?, ?, ?)`).run(
                catalog.whmcsCustomFields.client.customerNumber,
                id,
                customerNumber
            );
        }
    };
    const noAddress = { address1: '', city: '', state: '', postcode: '', phonenumber: '' };
    addClient(1, 'Kenta', 'Suzuki', 'kenta.suzuki@example.jp', SEED_PASSWORDS.kenta, '20000001', noAddress);
    addClient(2, 'Emily', 'Carter', 'emily.carter@example.com', SEED_PASSWORDS.emily, '20000002', noAddress);
    addClient(3, 'Noah', 'Kimura', 'noah.kimura@example.jp', SEED_PASSWORDS.noah, null, {
        address1: '1-1-1 Tenjin',
        city: 'Chuo-ku, Fukuoka-shi',
        state: 'Fukuoka',
        postcode: '810-0001',
        phonenumber: '+81-92-555-0203'
    });

    // Kenta: Visa 4242 (valid for years), fiber service, one Paid and one Unpaid invoice.
    const expiryYear = String((now.getUTCFullYear() + 4) % 100).padStart(2, '0');
    db.prepare(
        `INSERT INTO paymethods (id, userid, type, description, gateway_name, card_type, card_last_four, expiry_date,
           remote_token, is_default, created_at, updated_at)
         VALUES (1, 1, 'RemoteCreditCard', '', 'testcard', 'Visa', '4242', ?, 'tok_seed_kenta_visa', 1, ?, ?)`
    ).run(`12/${expiryYear}`, stamp, stamp);

    const regKenta = addMonths(day, -3);
    seedOrderWithService(db, {
        orderId: 1,
        clientId: 1,
        productId: 101,
        regDate: regKenta,
        invoiceId: 1,
        invoicePaid: true
    });
    // Installed at his billing address, written as provisioning writes it (formatAddress).
    const kentaHome = db
        .prepare(`SELECT address1, city, state, postcode, country FROM clients WHERE id = 1`)
        .get() as Record<string, string>;
    db.prepare(`INSERT INTO customfield_values (field_id, relid, value) VALUES (?, 1, ?)`).run(
        catalog.whmcsCustomFields.product.installationAddress,
        [kentaHome.address1, kentaHome.city, kentaHome.state, kentaHome.postcode, kentaHome.country].join(
            ', '
        )
    );
    // The next renewal, invoiced a week ago and due in a week (WHMCS invoices ahead of the due date).
    const kentaPrice = productPrice(db, 101);
    seedInvoice(db, {
        id: 2,
        clientId: 1,
        date: addDays(day, -7),
        dueDate: addDays(day, 7),
        paid: false,
        items: [{ relid: 1, description: renewalText(db, 101, addDays(day, 7)), amount: kentaPrice }]
    });
    db.prepare(`UPDATE services SET nextduedate = ? WHERE id = 1`).run(addDays(day, 7));

    // Emily: VPN Standard (region JP), one Unpaid invoice, no pay method.
    const regEmily = addMonths(day, -1);
    seedOrderWithService(db, {
        orderId: 2,
        clientId: 2,
        productId: 301,
        regDate: regEmily,
        invoiceId: 3,
        invoicePaid: false
    });
    db.prepare(`UPDATE invoices SET duedate = ? WHERE id = 3`).run(addDays(day, 5));
    db.prepare(`UPDATE services SET nextduedate = ? WHERE id = 2`).run(addDays(day, 5));
    db.prepare(`INSERT INTO customfield_values (field_id, relid, value) VALUES (?, 2, 'JP')`).run(
        catalog.whmcsCustomFields.product.vpnRegion
    );
}

function uuidFor(id: number): string {
    const hex = id.toString(16).padStart(12, '0');
    return `5a4d0000-0000-4000-8000-${hex}`;
}

function productPrice(db: Db, productId: number): number {
    return (db.prepare(`SELECT price FROM products WHERE id = ?`).get(productId) as { price: number }).price;
}

export function productLabel(db: Db, productId: number): string {
    const row = db
        .prepare(
            `SELECT g.name AS g, p.name AS p FROM products p JOIN product_groups g ON g.id = p.gid WHERE p.id = ?`
        )
        .get(productId) as { g: string; p: string };
    return `${row.g} - ${row.p}`;
}

function renewalText(db: Db, productId: number, from: string): string {
    return `${productLabel(db, productId)} (${from} - ${addDays(addMonths(from, 1), -1)})`;
}

function seedOrderWithService(
    db: Db,
    o: {
        orderId: number;
        clientId: number;
        productId: number;
        regDate: string;
        invoiceId: number;
        invoicePaid: boolean;
    }
): void {
    const price = productPrice(db, o.productId);
    const stamp = `${o.regDate} 10:00:00`;
    db.prepare(
        `INSERT INTO orders (id, ordernum, userid, date, amount, paymentmethod, invoiceid, status, notes, ipaddress)
         VALUES (?, ?, ?, ?, ?, 'testcard', ?, 'Active', '', '127.0.0.1')`
    ).run(o.orderId, orderNumberFor(o.orderId), o.clientId, stamp, price, o.invoiceId);
    db.prepare(
        `INSERT INTO services (id, userid, orderid, packageid, regdate, paymentmethod, firstpaymentamount, amount,
           billingcycle, nextduedate, status)
         VALUES (?, ?, ?, ?, ?, 'testcard', ?, ?, 'Monthly', ?, 'Active')`
    ).run(o.orderId, o.clientId, o.orderId, o.productId, o.regDate, price, price, addMonths(o.regDate, 1));
    seedInvoice(db, {
        id: o.invoiceId,
        clientId: o.clientId,
        date: o.regDate,
        dueDate: o.regDate,
        paid: o.invoicePaid,
        items: [{ relid: o.orderId, description: renewalText(db, o.productId, o.regDate), amount: price }]
    });
}

function seedInvoice(
    db: Db,
    inv: {
        id: number;
        clientId: number;
        date: string;
        dueDate: string;
        paid: boolean;
        items: { relid: number; description: string; amount: number }[];
    }
): void {
    const paidAt = `${inv.dueDate} 10:05:00`;
    const { total } = insertInvoice(db, {
        id: inv.id,
        clientId: inv.clientId,
        date: inv.date,
        dueDate: inv.dueDate,
        datePaid: inv.paid ? paidAt : ZERO_DATETIME,
        status: inv.paid ? 'Paid' : 'Unpaid',
        paymentMethod: 'testcard',
        stamp: `${inv.date} 10:00:00`,
        items: inv.items.map((it) => ({ ...it, type: 'Hosting', taxed: true }))
    });
    if (inv.paid) {
        db.prepare(
            `INSERT INTO transactions (userid, gateway, date, description, amountin, transid, invoiceid)
             VALUES (?, 'testcard', ?, ?, ?, ?, ?)`
        ).run(inv.clientId, paidAt, `Invoice Payment`, total, `seed-${inv.id}`, inv.id);
    }
}

/**
 * Japan's consumption tax. The catalog prices include it (Japan requires tax-inclusive prices), so invoices
 * follow WHMCS's "Inclusive" tax mode: the lines keep their prices, the total is their sum, the tax is the
 * part of the taxed lines' sum that is tax, and the subtotal is the total less that tax.
 */
export const TAX_RATE_PERCENT = 10;

/** The tax inside a tax-inclusive amount (minor units), rounded down to a whole yen, once per invoice. */
export function inclusiveTax(taxedMinor: number, ratePercent = TAX_RATE_PERCENT): number {
    const tax = Math.floor((taxedMinor * ratePercent) / (100 + ratePercent));
    return tax - (tax % 100);
}

/** Writes an invoice and its lines with the tax worked out; the one way the seed and AddOrder make one. */
export function insertInvoice(
    db: Db,
    inv: {
        id?: number;
        clientId: number;
        date: string;
        dueDate: string;
        datePaid: string;
        status: string;
        paymentMethod: string;
        stamp: string;
        items: { type: string; relid: number; description: string; amount: number; taxed: boolean }[];
    }
): { id: number; total: number } {
    const total = inv.items.reduce((s, i) => s + i.amount, 0);
    const tax = inclusiveTax(inv.items.filter((i) => i.taxed).reduce((s, i) => s + i.amount, 0));
    const info = db
        .prepare(
            `INSERT INTO invoices (id, userid, date, duedate, datepaid, subtotal, tax, total, taxrate, status, paymentmethod,
               created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
        )
        .run(
            inv.id ?? null,
            inv.clientId,
            inv.date,
            inv.dueDate,
            inv.datePaid,
            total - tax,
            tax,
            total,
            TAX_RATE_PERCENT,
            inv.status,
            inv.paymentMethod,
            inv.stamp,
            inv.stamp
        );
    const id = Number(info.lastInsertRowid);
    const line = db.prepare(
        `INSERT INTO invoice_items (invoiceid, userid, type, relid, description, amount, taxed) VALUES (?, ?, ?, ?, ?, ?, ?)`
    );
    for (const it of inv.items) {
        line.run(id, inv.clientId, it.type, it.relid, it.description, it.amount, it.taxed ? 1 : 0);
    }
    return { id, total };
}
