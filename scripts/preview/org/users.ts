import { randomBytes, randomInt, scryptSync, timingSafeEqual } from 'node:crypto';
import { nextId, type Db } from './db';
import type { RunningUser } from './context';

// The platform's users, sessions and login: what Site.createExternalUser, Site.login and the login page do.
export const STAFF_USER = {
    username: 'staff@portal.example',
    password: 'Staff-Demo-2026',
    firstName: 'Sam',
    lastName: 'Staff'
};

// SiteUserService.isEmail / isName: the rules for a new user's email and names.
const EMAIL = /^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;

function isBlank(value: string | null): boolean {
    return value === null || value.trim() === '';
}

export function isEmail(value: string | null): boolean {
    return !isBlank(value) && (value as string).length <= 80 && EMAIL.test(value as string);
}

export function isName(value: string | null, maxLength: number): boolean {
    return !isBlank(value) && (value as string).length <= maxLength && !/[\p{Cc}<>]/u.test(value as string);
}

interface UserRow {
    Id: string;
    Username: string;
    Email: string;
    FirstName: string | null;
    LastName: string | null;
    AccountId: string | null;
    IsStaff: number;
    LanguageLocaleKey: string;
    PasswordHash: string;
    IsActive: number;
}

export function hashPassword(password: string): string {
    const salt = randomBytes(16);
    return `${salt.toString('hex')}:${scryptSync(password, salt, 32).toString('hex')}`;
}

function passwordMatches(password: string, stored: string): boolean {
    const [saltHex, hashHex] = stored.split(':');
    if (!saltHex || !hashHex) return false;
    const expected = Buffer.from(hashHex, 'hex');
    const actual = scryptSync(password, Buffer.from(saltHex, 'hex'), expected.length);
    return timingSafeEqual(expected, actual);
}

// The org's default password policy (Site.validatePassword): 8+ characters with letters and numbers.
export function meetsPasswordPolicy(password: string): boolean {
    return password.length >= 8 && /[A-Za-z]/.test(password) && /[0-9]/.test(password);
}

function toRunningUser(row: UserRow): RunningUser {
    return {
        id: row.Id,
        username: row.Username,
        name: [row.FirstName, row.LastName].filter(Boolean).join(' '),
        accountId: row.AccountId,
        isStaff: row.IsStaff === 1,
        language: row.LanguageLocaleKey === 'ja' ? 'ja' : 'en'
    };
}

export function createUser(
    db: Db,
    user: {
        username: string;
        email: string;
        firstName: string | null;
        lastName: string | null;
        accountId: string | null;
        password: string;
        language: 'en' | 'ja';
        isStaff?: boolean;
    }
): string {
    const id = nextId(db, 'User');
    db.prepare(
        `INSERT INTO User (Id, Username, Email, FirstName, LastName, AccountId, IsStaff, LanguageLocaleKey,
         PasswordHash, CreatedDate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    ).run(
        id,
        user.username.toLowerCase(),
        user.email,
        user.firstName,
        user.lastName,
        user.accountId,
        user.isStaff ? 1 : 0,
        user.language === 'ja' ? 'ja' : 'en_US',
        hashPassword(user.password),
        new Date().toISOString()
    );
    return id;
}

export function ensureStaffUser(db: Db): void {
    const existing = db.prepare('SELECT Id FROM User WHERE Username = ?').get(STAFF_USER.username);
    if (existing) return;
    createUser(db, {
        username: STAFF_USER.username,
        email: STAFF_USER.username,
        firstName: STAFF_USER.firstName,
        lastName: STAFF_USER.lastName,
        accountId: null,
        password: STAFF_USER.password,
        language: 'en',
        isStaff: true
    });
}

export function usernameTaken(db: Db, username: string): boolean {
    return !!db.prepare('SELECT Id FROM User WHERE Username = ?').get(username.toLowerCase());
}

function randomAlphanumeric(length: number): string {
    const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
    let out = '';
    for (let i = 0; i < length; i++) out += chars.charAt(randomInt(chars.length));
    return out;
}

// SiteUserService.usernameFor: usernames are unique across every Salesforce org, so never the bare email.
export function usernameFor(email: string): string {
    const address = email.trim().toLowerCase();
    const username = `${address}.${randomAlphanumeric(8)}`;
    return address.includes('@') && username.length <= 80
        ? username
        : `portal-${randomAlphanumeric(16)}@customer.portal`;
}

// PortalUserDirectory: the active portal (external) users with this Email; SOQL compares it case-insensitively.
function activePortalUsersByEmail(db: Db, email: string): UserRow[] {
    if (email.trim() === '') return [];
    return db
        .prepare(
            'SELECT * FROM User WHERE Email = ? COLLATE NOCASE AND IsActive = 1 AND AccountId IS NOT NULL LIMIT 2'
        )
        .all(email.trim()) as UserRow[];
}

// PortalUserDirectory.emailInUse
export function emailInUse(db: Db, email: string): boolean {
    return activePortalUsersByEmail(db, email).length > 0;
}

// PortalUserDirectory.usernameForEmail: the Username of the single active portal user with this Email, or null.
export function usernameForEmail(db: Db, email: string): string | null {
    const rows = activePortalUsersByEmail(db, email);
    return rows.length === 1 ? rows[0].Username : null;
}

// The active user with this Username and password, or null.
function userWithPassword(db: Db, username: string, password: string): UserRow | null {
    const row = db
        .prepare('SELECT * FROM User WHERE Username = ? AND IsActive = 1')
        .get(username.toLowerCase()) as UserRow | undefined;
    return row && passwordMatches(password, row.PasswordHash) ? row : null;
}

// The internal (staff) login, by Username; portal users sign in on the site's login page instead.
export function authenticateStaff(db: Db, username: string, password: string): RunningUser | null {
    const user = userWithPassword(db, username, password);
    return user?.IsStaff === 1 ? toRunningUser(user) : null;
}

// Site.login: for the right password, a one-time URL that signs the user in (the platform's frontdoor) and
// lands on startUrl, a site-relative path the caller has checked; null otherwise.
export function siteLogin(
    db: Db,
    username: string,
    password: string,
    siteUrl: string,
    startUrl = '/'
): string | null {
    const user = userWithPassword(db, username, password);
    if (!user) return null;
    const token = randomBytes(24).toString('hex');
    db.prepare('INSERT INTO LoginToken (Token, UserId, ExpiresAt, StartUrl) VALUES (?, ?, ?, ?)').run(
        token,
        user.Id,
        Date.now() + 5 * 60 * 1000,
        startUrl
    );
    return `${siteUrl}/_org/frontdoor?token=${token}`;
}

export function userById(db: Db, id: string): RunningUser | null {
    const row = db.prepare('SELECT * FROM User WHERE Id = ? AND IsActive = 1').get(id) as UserRow | undefined;
    return row ? toRunningUser(row) : null;
}

export function createSession(db: Db, userId: string): string {
    const token = randomBytes(24).toString('hex');
    db.prepare('INSERT INTO Session (Token, UserId, CreatedDate) VALUES (?, ?, ?)').run(
        token,
        userId,
        new Date().toISOString()
    );
    return token;
}

export function sessionUser(db: Db, token: string | undefined): RunningUser | null {
    if (!token) return null;
    const row = db.prepare('SELECT UserId FROM Session WHERE Token = ?').get(token) as
        { UserId: string } | undefined;
    return row ? userById(db, row.UserId) : null;
}

export function endSession(db: Db, token: string | undefined): void {
    if (token) db.prepare('DELETE FROM Session WHERE Token = ?').run(token);
}

export function consumeLoginToken(db: Db, token: string): { userId: string; startUrl: string } | null {
    const row = db
        .prepare('SELECT UserId, ExpiresAt, StartUrl FROM LoginToken WHERE Token = ?')
        .get(token) as { UserId: string; ExpiresAt: number; StartUrl: string } | undefined;
    db.prepare('DELETE FROM LoginToken WHERE Token = ?').run(token);
    if (!row || row.ExpiresAt < Date.now()) return null;
    return { userId: row.UserId, startUrl: row.StartUrl };
}
