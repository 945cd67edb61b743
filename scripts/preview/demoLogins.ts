import fs from 'node:fs';
import path from 'node:path';
import { SEED_PASSWORDS } from '../../middleware/sandbox/db';
import type accountsJson from '../../data/accounts.json';

// The demo logins of the local stack (fake, sandbox only): printed by `npm start` and shown on the preview's
// login pages. Portal passwords are whatever the customer chose at sign-up, so only the emails are known.

/** The staff login of the local org (an internal user with Portal_Staff and Portal_Integration). */
export const STAFF_USER = {
    username: 'staff@portal.example',
    password: 'Staff-Demo-2026',
    firstName: 'Sam',
    lastName: 'Staff'
};

/** The sandbox seed's WHMCS clients (middleware/sandbox), who link their account with these passwords. */
export const EXISTING_WHMCS = [
    {
        name: 'Kenta Suzuki',
        email: 'kenta.suzuki@example.jp',
        password: SEED_PASSWORDS.kenta,
        note: 'card on file, Internet, invoices',
        noteKey: 'Kenta'
    },
    {
        name: 'Emily Carter',
        email: 'emily.carter@example.com',
        password: SEED_PASSWORDS.emily,
        note: 'VPN, unpaid invoice, no card',
        noteKey: 'Emily'
    },
    {
        name: 'Noah Kimura',
        email: 'noah.kimura@example.jp',
        password: SEED_PASSWORDS.noah,
        note: 'no customer number: linking is refused',
        noteKey: 'Noah'
    }
];

export interface NewCustomer {
    name: string;
    customerNumber: string;
    postalCode: string;
}

/** The seeded Accounts without a WHMCS client, who register with customer number + postal code. */
export function newCustomers(dataDir: string): NewCustomer[] {
    const file = JSON.parse(
        fs.readFileSync(path.join(dataDir, 'accounts.json'), 'utf8')
    ) as typeof accountsJson;
    return file.accounts
        .filter((a) => a.kind === 'new')
        .map((a) => ({
            name: a.Name,
            customerNumber: a.Customer_Number__c,
            postalCode: a.BillingPostalCode
        }));
}

export interface DemoLogins {
    /** Portal users: they log in with this email and the password they chose. */
    customers: { email: string; note: string }[];
    /** New customers not registered yet. */
    register: NewCustomer[];
    /** WHMCS customers not linked yet. */
    /** WHMCS customers not linked yet; noteKey names the note's translation in the shell's strings (demoNote_<key>). */
    link: { email: string; password: string; name: string; note: string; noteKey: string }[];
    staff: { username: string; password: string };
}

/** Reads the org in system mode (ApexOrg.query). */
export type OrgQuery = (soql: string) => Record<string, unknown>[];

export function demoLogins(query: OrgQuery, rootDir: string): DemoLogins {
    const accounts = new Map(
        query('SELECT Id, Name, Customer_Number__c FROM Account').map((a) => [String(a.Id), a])
    );
    const contacts = new Map(query('SELECT Id, AccountId FROM Contact').map((c) => [String(c.Id), c]));
    const customers = query(
        'SELECT Email, ContactId FROM User WHERE IsActive = true AND ContactId != null ORDER BY CreatedDate'
    ).map((u) => {
        const account = accounts.get(String(contacts.get(String(u.ContactId))?.AccountId));
        return {
            email: String(u.Email),
            name: String(account?.Name),
            customerNumber: String(account?.Customer_Number__c)
        };
    });
    const registered = new Set(customers.map((c) => c.customerNumber));
    const emails = new Set(customers.map((c) => c.email.toLowerCase()));
    return {
        customers: customers.map((c) => ({ email: c.email, note: `${c.name} (${c.customerNumber})` })),
        register: newCustomers(path.join(rootDir, 'data')).filter((c) => !registered.has(c.customerNumber)),
        link: EXISTING_WHMCS.filter((c) => !emails.has(c.email.toLowerCase())).map((c) => ({
            email: c.email,
            password: c.password,
            name: c.name,
            note: `${c.name} (${c.note})`,
            noteKey: c.noteKey
        })),
        staff: { username: STAFF_USER.username, password: STAFF_USER.password }
    };
}
