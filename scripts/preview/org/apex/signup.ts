import { auraError, parseClientId, type ApexCall, type ApexMethodImpl } from '../context';
import type { Db } from '../db';
import { MiddlewareError, withoutNulls } from '../middleware';
import {
    createUser,
    emailInUse,
    isEmail,
    isName,
    meetsPasswordPolicy,
    siteLogin,
    usernameFor,
    usernameTaken
} from '../users';
import { fromStreet, normalizePostalCode, type Address } from './address';

// PortalSignupController, PortalAccountLinkController, GuestAccountService and SiteUserService; the
// platform's Site.validatePassword / createExternalUser / login are played by ../users.
const CUSTOMER_NUMBER = /^[0-9]{4,20}$/;
const POSTAL = /^[A-Z0-9]{3,10}$/;
const LINK_PASS_THROUGH = new Set(['CREDENTIALS_INVALID', 'CUSTOMER_NUMBER_MISSING', 'VALIDATION_FAILED']);

type Obj = Record<string, unknown>;

interface AccountRow {
    Id: string;
    Name: string;
    Customer_Number__c: string;
    WHMCS_Client_Id__c: string | null;
    Phone: string | null;
    BillingStreet: string | null;
    BillingCity: string | null;
    BillingState: string | null;
    BillingPostalCode: string | null;
    BillingCountryCode: string | null;
}

// JSON.deserialize into a class of String fields: a non-string value fails the parse.
function deserialize(requestJson: unknown, fields: string[]): Record<string, string | null> {
    try {
        const raw: unknown = JSON.parse(String(requestJson));
        if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new TypeError('root');
        const out: Record<string, string | null> = {};
        for (const field of fields) {
            const v = (raw as Obj)[field];
            if (v === undefined || v === null) out[field] = null;
            else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
                out[field] = String(v);
            else throw new TypeError(field);
        }
        return out;
    } catch {
        throw auraError('VALIDATION_FAILED');
    }
}

function isBlank(value: string | null): boolean {
    return value === null || value.trim() === '';
}

function findByCustomerNumber(db: Db, customerNumber: string | null): AccountRow | undefined {
    if (isBlank(customerNumber)) return undefined;
    return db.prepare('SELECT * FROM Account WHERE Customer_Number__c = ? LIMIT 1').get(customerNumber) as
        AccountRow | undefined;
}

function isRegistered(db: Db, accountId: string, whmcsClientId: number | null): boolean {
    const ids = new Set([accountId]);
    if (whmcsClientId !== null) {
        const linked = db
            .prepare('SELECT Id FROM Account WHERE WHMCS_Client_Id__c = ? LIMIT 10')
            .all(String(whmcsClientId)) as {
            Id: string;
        }[];
        for (const row of linked) ids.add(row.Id);
    }
    const list = [...ids];
    return !!db
        .prepare(`SELECT Id FROM User WHERE AccountId IN (${list.map(() => '?').join(',')}) LIMIT 1`)
        .get(...list);
}

function linkClient(db: Db, accountId: string, clientId: number): void {
    db.prepare('UPDATE Account SET WHMCS_Client_Id__c = ?, Portal_Linked_On__c = ? WHERE Id = ?').run(
        String(clientId),
        new Date().toISOString(),
        accountId
    );
}

function billingAddress(acc: AccountRow): Address {
    return fromStreet(
        acc.BillingStreet,
        acc.BillingCity,
        acc.BillingState,
        acc.BillingPostalCode,
        acc.BillingCountryCode,
        false
    );
}

// SiteUserService.checkPassword: mismatch first, then the org's password policy (Site.validatePassword).
function checkPassword(password: string | null, confirm: string | null): void {
    if (password !== confirm) throw auraError('PASSWORD_MISMATCH');
    if (!meetsPasswordPolicy(password ?? '')) throw auraError('PASSWORD_POLICY');
}

interface NewUser {
    email: string;
    firstName: string | null;
    lastName: string | null;
    language: 'en' | 'ja';
}

// SiteUserService.checkEmailAvailable: login is by email, so one active portal user per email.
function checkEmailAvailable(db: Db, email: string): void {
    if (emailInUse(db, email)) throw auraError('EMAIL_IN_USE');
}

// SiteUserService.createAndLogin: Site.createExternalUser (a taken username is EMAIL_IN_USE), the
// Portal_Customer access in the same transaction, Site.login (null when it gives no URL: the page then
// tells the customer to log in on the Login page).
function createAndLogin(call: ApexCall, u: NewUser, accountId: string, password: string): string | null {
    const db = call.org.db;
    checkEmailAvailable(db, u.email);
    const username = usernameFor(u.email);
    if (usernameTaken(db, username)) throw auraError('EMAIL_IN_USE');
    createUser(db, {
        username,
        email: u.email,
        firstName: u.firstName,
        lastName: u.lastName,
        accountId,
        password,
        language: u.language
    });
    return siteLogin(db, username, password, call.org.siteUrl()) || null;
}

interface SignupRequest {
    customerNumber: string;
    postalCode: string | null;
    firstName: string | null;
    lastName: string | null;
    email: string;
    password: string;
    confirmPassword: string | null;
    language: 'en' | 'ja';
}

// PortalSignupController.parse.
function parseSignup(args: Obj): SignupRequest {
    const req = deserialize(args.requestJson, [
        'customerNumber',
        'postalCode',
        'firstName',
        'lastName',
        'email',
        'password',
        'confirmPassword',
        'language'
    ]);
    const customerNumber = req.customerNumber?.trim() ?? null;
    const email = req.email?.trim() ?? null;
    const firstName = req.firstName?.trim() ?? null;
    const lastName = req.lastName?.trim() ?? null;
    const language = isBlank(req.language) ? 'en' : (req.language as string);
    const valid =
        customerNumber !== null &&
        CUSTOMER_NUMBER.test(customerNumber) &&
        POSTAL.test(normalizePostalCode(req.postalCode)) &&
        isName(firstName, 40) &&
        isName(lastName, 80) &&
        isEmail(email) &&
        !isBlank(req.password) &&
        (req.password as string).length <= 128 &&
        (language === 'en' || language === 'ja');
    if (!valid) throw auraError('VALIDATION_FAILED');
    if (req.password !== req.confirmPassword) throw auraError('PASSWORD_MISMATCH');
    return {
        customerNumber: customerNumber as string,
        postalCode: req.postalCode,
        firstName,
        lastName,
        email: email as string,
        password: req.password as string,
        confirmPassword: req.confirmPassword,
        language: language as 'en' | 'ja'
    };
}

// PortalSignupController.unregisteredAccount.
function unregisteredAccount(db: Db, req: SignupRequest) {
    const acc = findByCustomerNumber(db, req.customerNumber);
    if (!acc || normalizePostalCode(acc.BillingPostalCode) !== normalizePostalCode(req.postalCode)) {
        throw auraError('SIGNUP_NOT_FOUND');
    }
    if (isRegistered(db, acc.Id, parseClientId(acc.WHMCS_Client_Id__c)))
        throw auraError('SIGNUP_ALREADY_REGISTERED');
    return acc;
}

// Step 1: the Account link (the user is created by completeSignUp, in a transaction of its own).
async function signUp(call: ApexCall, args: Obj) {
    const req = parseSignup(args);
    const db = call.org.db;
    const acc = unregisteredAccount(db, req);
    checkPassword(req.password, req.confirmPassword);
    // Before the callout, so a bad password or a taken email creates no billing profile.
    checkEmailAvailable(db, req.email);

    let clientId: number;
    try {
        const res = await call.org.middleware.send(
            'POST',
            '/v1/billing-profiles',
            withoutNulls({
                accountId: acc.Id,
                customerNumber: acc.Customer_Number__c,
                firstName: req.firstName,
                lastName: req.lastName,
                email: req.email,
                phone: isBlank(acc.Phone) ? null : acc.Phone,
                address: billingAddress(acc),
                language: req.language
            })
        );
        clientId = Number(res.clientId);
    } catch (error) {
        if (error instanceof MiddlewareError) {
            throw auraError(
                error.code === 'EMAIL_IN_USE' || error.code === 'VALIDATION_FAILED'
                    ? error.code
                    : 'BILLING_UNAVAILABLE'
            );
        }
        throw error;
    }
    if (!Number.isInteger(clientId) || clientId <= 0) throw auraError('BILLING_UNAVAILABLE');
    linkClient(db, acc.Id, clientId);
    return { ok: true, loginUrl: null };
}

// Step 2: the portal user on the Account step 1 linked.
async function completeSignUp(call: ApexCall, args: Obj) {
    const req = parseSignup(args);
    const db = call.org.db;
    const acc = unregisteredAccount(db, req);
    if (parseClientId(acc.WHMCS_Client_Id__c) === null) throw auraError('SIGNUP_NOT_FOUND');
    checkPassword(req.password, req.confirmPassword);
    const loginUrl = db.transaction(() =>
        createAndLogin(
            call,
            { email: req.email, firstName: req.firstName, lastName: req.lastName, language: req.language },
            acc.Id,
            req.password
        )
    )();
    return { ok: true, loginUrl };
}

interface LinkRequest {
    email: string;
    whmcsPassword: string;
    newPassword: string;
    confirmPassword: string | null;
    language: 'en' | 'ja';
}

// PortalAccountLinkController.parse, then the password policy (before any verification attempt).
function parseLink(args: Obj): LinkRequest {
    const req = deserialize(args.requestJson, [
        'email',
        'whmcsPassword',
        'newPassword',
        'confirmPassword',
        'language'
    ]);
    const email = req.email?.trim() ?? null;
    const language = isBlank(req.language) ? 'en' : (req.language as string);
    const valid =
        isEmail(email) &&
        !isBlank(req.whmcsPassword) &&
        (req.whmcsPassword as string).length <= 128 &&
        !isBlank(req.newPassword) &&
        (req.newPassword as string).length <= 128 &&
        (language === 'en' || language === 'ja');
    if (!valid) throw auraError('VALIDATION_FAILED');
    if (req.newPassword !== req.confirmPassword) throw auraError('PASSWORD_MISMATCH');
    // The policy check comes first so a weak password does not spend a verification attempt.
    checkPassword(req.newPassword, req.confirmPassword);
    return {
        email: email as string,
        whmcsPassword: req.whmcsPassword as string,
        newPassword: req.newPassword as string,
        confirmPassword: req.confirmPassword,
        language: language as 'en' | 'ja'
    };
}

// PortalAccountLinkController.verifiedAccount.
async function verifiedAccount(call: ApexCall, req: LinkRequest) {
    let verified: Obj;
    try {
        const body: Obj = { email: req.email, password: req.whmcsPassword };
        if (call.sourceIp && /^[0-9A-Fa-f:.]{3,45}$/.test(call.sourceIp)) body.sourceIp = call.sourceIp;
        verified = await call.org.middleware.send('POST', '/v1/migration/verify', body);
    } catch (error) {
        if (error instanceof MiddlewareError) {
            if (error.code === 'VERIFICATION_LOCKED') {
                const seconds = Number(error.details.retryAfterSeconds);
                throw auraError(
                    `VERIFICATION_LOCKED:${Number.isFinite(seconds) && seconds >= 0 ? Math.trunc(seconds) : 0}`
                );
            }
            throw auraError(LINK_PASS_THROUGH.has(error.code) ? error.code : 'BILLING_UNAVAILABLE');
        }
        throw error;
    }
    const db = call.org.db;
    const clientId = typeof verified.clientId === 'number' ? verified.clientId : null;
    const acc = findByCustomerNumber(
        db,
        typeof verified.customerNumber === 'string' ? verified.customerNumber : null
    );
    if (!acc || clientId === null) throw auraError('ACCOUNT_NOT_FOUND');
    const linked = parseClientId(acc.WHMCS_Client_Id__c);
    if (linked !== null && linked !== clientId) throw auraError('ACCOUNT_NOT_FOUND');
    if (isRegistered(db, acc.Id, clientId)) throw auraError('SIGNUP_ALREADY_REGISTERED');
    return { acc, clientId, verified };
}

// Step 1: verify the WHMCS login and link the Account.
async function linkAccount(call: ApexCall, args: Obj) {
    const req = parseLink(args);
    const { acc, clientId } = await verifiedAccount(call, req);
    linkClient(call.org.db, acc.Id, clientId);
    return { ok: true, loginUrl: null };
}

// Step 2: verify again and create the portal user on the Account step 1 linked.
async function completeLink(call: ApexCall, args: Obj) {
    const req = parseLink(args);
    const { acc, clientId, verified } = await verifiedAccount(call, req);
    if (parseClientId(acc.WHMCS_Client_Id__c) !== clientId) throw auraError('ACCOUNT_NOT_FOUND');
    const firstName =
        typeof verified.firstName === 'string' && isName(verified.firstName, 40) ? verified.firstName : null;
    const lastName =
        typeof verified.lastName === 'string' && isName(verified.lastName, 80)
            ? verified.lastName
            : acc.Name.slice(0, 80);
    const db = call.org.db;
    const loginUrl = db.transaction(() =>
        createAndLogin(
            call,
            { email: req.email, firstName, lastName, language: req.language },
            acc.Id,
            req.newPassword
        )
    )();
    return { ok: true, loginUrl };
}

export const PortalSignupController: Record<string, ApexMethodImpl> = {
    signUp: { params: ['requestJson'], access: 'guest', run: signUp },
    completeSignUp: { params: ['requestJson'], access: 'guest', run: completeSignUp }
};

export const PortalAccountLinkController: Record<string, ApexMethodImpl> = {
    linkAccount: { params: ['requestJson'], access: 'guest', run: linkAccount },
    completeLink: { params: ['requestJson'], access: 'guest', run: completeLink }
};
