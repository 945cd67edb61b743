import fs from 'node:fs';
import path from 'node:path';
import { SEED_PASSWORDS } from '../../middleware/sandbox/db';
import type accountsJson from '../../data/accounts.json';
import type { Db } from './org/db';
import { emailInUse, STAFF_USER } from './org/users';

// The demo logins of the local stack (fake, sandbox only): printed by `npm start` and shown on the preview's
// login pages. Portal passwords are whatever the customer chose at sign-up, so only the emails are known.

/** The sandbox seed's WHMCS clients (middleware/sandbox), who link their account with these passwords. */
export const EXISTING_WHMCS = [
    {
        name: 'Kenta Suzuki',
        email: 'kenta.suzuki@example.jp',
        password: SEED_PASSWORDS.kenta,
        note: 'card on file, Internet, invoices'
    },
    {
        name: 'Emily Carter',
        email: 'emily.carter@example.com',
        password: SEED_PASSWORDS.emily,
        note: 'VPN, unpaid invoice, no card'
    },
    {
        name: 'Noah Kimura',
        email: 'noah.kimura@example.jp',
        password: SEED_PASSWORDS.noah,
        note: 'no customer number: linking is refused'
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
    link: { email: string; password: string; note: string }[];
    staff: { username: string; password: string };
}

export function demoLogins(db: Db, dataDir: string): DemoLogins {
    const customers = db
        .prepare(
            `SELECT u.Email AS email, a.Name AS name, a.Customer_Number__c AS customerNumber
             FROM User u JOIN Account a ON a.Id = u.AccountId WHERE u.IsActive = 1 ORDER BY u.CreatedDate`
        )
        .all() as { email: string; name: string; customerNumber: string }[];
    const registered = new Set(customers.map((c) => c.customerNumber));
    return {
        customers: customers.map((c) => ({ email: c.email, note: `${c.name} (${c.customerNumber})` })),
        register: newCustomers(dataDir).filter((c) => !registered.has(c.customerNumber)),
        link: EXISTING_WHMCS.filter((c) => !emailInUse(db, c.email)).map((c) => ({
            email: c.email,
            password: c.password,
            note: `${c.name} (${c.note})`
        })),
        staff: { username: STAFF_USER.username, password: STAFF_USER.password }
    };
}
