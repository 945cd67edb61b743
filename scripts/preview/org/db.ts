import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { XMLParser } from 'fast-xml-parser';
import type accountsJson from '../../../data/accounts.json';
import { recordId, type SObjectName } from './ids';

export type Db = Database.Database;

interface CatalogFile {
    products: {
        ProductCode: string;
        Name: string;
        Description: string;
        IsActive: boolean;
        Portal_Category__c: string;
        Portal_Item_Type__c: string;
        Portal_Orderable__c: boolean;
        Billing_Cycle__c: string;
        WHMCS_Product_Id__c: number;
        Portal_Sort_Order__c: number;
        UnitPrice: string;
    }[];
}

// The shape of data/accounts.json, taken from the file itself.
type AccountsFile = typeof accountsJson;

// The sObjects and fields the Apex classes use (force-app/main/default/objects), as SQLite tables.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS Sequence (object TEXT PRIMARY KEY, next INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS Account (
    Id TEXT PRIMARY KEY, Name TEXT NOT NULL, Customer_Number__c TEXT UNIQUE, WHMCS_Client_Id__c TEXT UNIQUE,
    Portal_Linked_On__c TEXT, BillingStreet TEXT, BillingCity TEXT, BillingState TEXT, BillingPostalCode TEXT,
    BillingCountryCode TEXT, Phone TEXT
);
CREATE TABLE IF NOT EXISTS Product2 (
    Id TEXT PRIMARY KEY, ProductCode TEXT UNIQUE NOT NULL, Name TEXT NOT NULL, Description TEXT,
    IsActive INTEGER NOT NULL, Portal_Category__c TEXT, Portal_Item_Type__c TEXT, Portal_Orderable__c INTEGER NOT NULL,
    Billing_Cycle__c TEXT, WHMCS_Product_Id__c INTEGER, Portal_Sort_Order__c INTEGER
);
CREATE TABLE IF NOT EXISTS Pricebook2 (Id TEXT PRIMARY KEY, Name TEXT NOT NULL, IsStandard INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS PricebookEntry (
    Id TEXT PRIMARY KEY, Pricebook2Id TEXT NOT NULL, Product2Id TEXT NOT NULL, UnitPrice REAL, IsActive INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS User (
    Id TEXT PRIMARY KEY, Username TEXT UNIQUE NOT NULL, Email TEXT NOT NULL, FirstName TEXT, LastName TEXT,
    AccountId TEXT, IsStaff INTEGER NOT NULL DEFAULT 0, LanguageLocaleKey TEXT NOT NULL DEFAULT 'en_US',
    PasswordHash TEXT NOT NULL, IsActive INTEGER NOT NULL DEFAULT 1, CreatedDate TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS "Order" (
    Id TEXT PRIMARY KEY, OrderNumber TEXT UNIQUE NOT NULL, AccountId TEXT NOT NULL, Status TEXT NOT NULL,
    EffectiveDate TEXT NOT NULL, Pricebook2Id TEXT, Portal_Category__c TEXT, Portal_Request_Key__c TEXT UNIQUE,
    Address_Changed__c INTEGER NOT NULL DEFAULT 0,
    BillingStreet TEXT, BillingCity TEXT, BillingState TEXT, BillingPostalCode TEXT, BillingCountryCode TEXT,
    ShippingStreet TEXT, ShippingCity TEXT, ShippingState TEXT, ShippingPostalCode TEXT, ShippingCountryCode TEXT,
    Provisioning_Status__c TEXT, Provisioning_Error_Code__c TEXT, Provisioning_Error_Message__c TEXT,
    Provisioning_Attempts__c INTEGER, WHMCS_Order_Id__c TEXT, WHMCS_Invoice_Id__c TEXT,
    CreatedDate TEXT NOT NULL, Seq INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS OrderItem (
    Id TEXT PRIMARY KEY, OrderId TEXT NOT NULL, PricebookEntryId TEXT NOT NULL, Product2Id TEXT NOT NULL,
    Quantity REAL NOT NULL, UnitPrice REAL NOT NULL, MNP_Reservation_Number__c TEXT, MNP_Expires_On__c TEXT,
    MNP_Phone_Number__c TEXT, MNP_Holder_Name__c TEXT, VPN_Region__c TEXT, WHMCS_Service_Id__c TEXT
);
CREATE TABLE IF NOT EXISTS Session (Token TEXT PRIMARY KEY, UserId TEXT NOT NULL, CreatedDate TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS LoginToken (
    Token TEXT PRIMARY KEY, UserId TEXT NOT NULL, ExpiresAt INTEGER NOT NULL, StartUrl TEXT NOT NULL DEFAULT '/'
);
`;

export function nextId(db: Db, object: SObjectName): string {
    const row = db.prepare('SELECT next FROM Sequence WHERE object = ?').get(object) as
        { next: number } | undefined;
    const next = row ? row.next : 1;
    db.prepare(
        'INSERT INTO Sequence (object, next) VALUES (?, ?) ON CONFLICT(object) DO UPDATE SET next = ?'
    ).run(object, next + 1, next + 1);
    return recordId(object, next);
}

function seed(db: Db, dataDir: string): void {
    const catalog = JSON.parse(fs.readFileSync(path.join(dataDir, 'catalog.json'), 'utf8')) as CatalogFile;
    const accounts = JSON.parse(fs.readFileSync(path.join(dataDir, 'accounts.json'), 'utf8')) as AccountsFile;
    const pricebookId = nextId(db, 'Pricebook2');
    db.prepare('INSERT INTO Pricebook2 (Id, Name, IsStandard) VALUES (?, ?, 1)').run(
        pricebookId,
        'Standard Price Book'
    );
    const insertProduct = db.prepare(
        `INSERT INTO Product2 (Id, ProductCode, Name, Description, IsActive, Portal_Category__c, Portal_Item_Type__c,
         Portal_Orderable__c, Billing_Cycle__c, WHMCS_Product_Id__c, Portal_Sort_Order__c)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    );
    const insertEntry = db.prepare(
        'INSERT INTO PricebookEntry (Id, Pricebook2Id, Product2Id, UnitPrice, IsActive) VALUES (?, ?, ?, ?, 1)'
    );
    for (const p of catalog.products) {
        const productId = nextId(db, 'Product2');
        insertProduct.run(
            productId,
            p.ProductCode,
            p.Name,
            p.Description,
            p.IsActive ? 1 : 0,
            p.Portal_Category__c,
            p.Portal_Item_Type__c,
            p.Portal_Orderable__c ? 1 : 0,
            p.Billing_Cycle__c,
            p.WHMCS_Product_Id__c,
            p.Portal_Sort_Order__c
        );
        insertEntry.run(nextId(db, 'PricebookEntry'), pricebookId, productId, Number(p.UnitPrice));
    }
    const insertAccount = db.prepare(
        `INSERT INTO Account (Id, Name, Customer_Number__c, BillingStreet, BillingCity, BillingState,
         BillingPostalCode, BillingCountryCode, Phone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
    );
    for (const a of accounts.accounts) {
        insertAccount.run(
            nextId(db, 'Account'),
            a.Name,
            a.Customer_Number__c,
            a.BillingStreet,
            a.BillingCity,
            a.BillingState,
            a.BillingPostalCode,
            a.BillingCountryCode,
            a.Phone
        );
    }
}

// Opens (creating and seeding on first use) the local org database; ':memory:' for tests.
export function openOrgDb(dbPath: string, dataDir: string): Db {
    if (dbPath !== ':memory:') fs.mkdirSync(path.dirname(dbPath), { recursive: true });
    const db = new Database(dbPath);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.exec(SCHEMA);
    const seeded = db.prepare('SELECT COUNT(*) AS n FROM Product2').get() as { n: number };
    if (seeded.n === 0) db.transaction(() => seed(db, dataDir))();
    return db;
}

const DEFAULT_VPN_REGIONS = ['JP', 'US', 'SG', 'DE'];

// PortalCheckoutController.vpnRegions: the active values of the OrderItem VPN_Region__c picklist.
export function vpnRegionsFromPicklist(fieldFile: string): string[] {
    if (!fs.existsSync(fieldFile)) return DEFAULT_VPN_REGIONS;
    const doc = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'value' }).parse(
        fs.readFileSync(fieldFile, 'utf8')
    ) as {
        CustomField?: {
            valueSet?: { valueSetDefinition?: { value?: { fullName?: string; isActive?: string }[] } };
        };
    };
    const values = doc.CustomField?.valueSet?.valueSetDefinition?.value ?? [];
    const regions = values.filter((v) => v.isActive !== 'false' && v.fullName).map((v) => String(v.fullName));
    return regions.length > 0 ? regions : DEFAULT_VPN_REGIONS;
}
