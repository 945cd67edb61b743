/**
 * The preview's local org: the Apex runtime (scripts/apex) over the project's classes, schema and permission
 * sets, seeded from data/ through the org seed plan, with the users a real site has. Every `@salesforce/apex`
 * call executes the real @AuraEnabled method as the signed-in user; nothing here implements Apex logic.
 */
import { randomBytes } from 'node:crypto';
import { loadProject } from '../../apex/project/load';
import { Runtime } from '../../apex/interpreter/runtime';
import { hasAnnotation, type ClassInfo, type MethodInfo } from '../../apex/interpreter/classes';
import { ApexThrow } from '../../apex/interpreter/control';
import { exceptionState } from '../../apex/interpreter/exceptions';
import type { CalloutTransport } from '../../apex/interpreter/http';
import type { RunningUser } from '../../apex/data/security';
import { deserialize, serializeForAura } from '../../apex/platform/json';
import {
    ApexId,
    ApexList,
    ApexSystemError,
    SObjectValue,
    UnsupportedError,
    type ApexValue
} from '../../apex/values/model';
import { buildSeedPlan, loadSeedFiles } from '../../org/seed-plan';
import { STAFF_USER } from '../demoLogins';

export const GUEST_USERNAME = 'guest@portal-site.example';

export interface ApexOrgOptions {
    forceAppDir: string;
    /** The repository root (data/ holds the seed). */
    rootDir: string;
    /** Origin of the portal: Site.login answers `${siteUrl}/_org/frontdoor?token=...`. */
    siteUrl?: string;
    calloutTransport?: CalloutTransport;
    log?: (line: string) => void;
}

/** What the browser gets back for one Apex call: `{ result }` or Lightning's error body. */
export interface ApexAnswer {
    status: number;
    body: { result: unknown } | { error: { message: string; exceptionType: string } };
}

export interface SessionUser {
    id: string;
    name: string;
    isStaff: boolean;
    accountId: string | null;
    language: 'en' | 'ja';
}

/** Lightning's answer for an exception that is not an AuraHandledException: no detail reaches the client. */
const GENERIC_ERROR = 'An internal server error has occurred';

export class ApexOrg {
    readonly rt: Runtime;
    private readonly log: (line: string) => void;
    private readonly sessions = new Map<string, string>();
    private readonly loginTokens = new Map<string, { userId: string; startUrl: string; expires: number }>();
    readonly guestId: string;
    readonly staffId: string;
    siteUrl: string;

    constructor(options: ApexOrgOptions) {
        this.log = options.log ?? (() => undefined);
        this.siteUrl = options.siteUrl ?? '';
        this.rt = new Runtime(loadProject([options.forceAppDir]));
        for (const error of this.rt.loadErrors) this.log(`apex: ${error}`);
        this.rt.inTest = false;
        this.rt.calloutTransport = options.calloutTransport;
        this.rt.debugLog = (message) => this.log(`debug: ${message}`);
        this.rt.siteLoginUrl = (userId, startUrl) => {
            const token = randomBytes(24).toString('hex');
            this.loginTokens.set(token, { userId, startUrl, expires: Date.now() + 5 * 60 * 1000 });
            return `${this.siteUrl}/_org/frontdoor?token=${token}`;
        };
        const users = this.seed(options.rootDir);
        this.guestId = users.guestId;
        this.staffId = users.staffId;
    }

    // ---------------------------------------------------------------- seed

    /** Runs `fn` as the org admin in a transaction of its own (setup work, not a user's request). */
    private asAdmin<R>(fn: (admin: ClassInfo) => R): R {
        this.rt.user = this.rt.data.org.admin;
        this.rt.beginTransaction();
        const result = fn(this.rt.topLevel[0]);
        this.rt.data.tx.commit();
        return result;
    }

    private insert(type: string, records: Record<string, unknown>[]): string[] {
        if (!records.length) return [];
        return this.asAdmin((cls) =>
            this.rt.runTopLevel(cls, 'seed', (f) => {
                const d = this.rt.schema.sobject(type);
                const list = new ApexList(
                    this.rt.interp.resolveTypeName(type, undefined),
                    records.map((r) => {
                        const fields = new Map<string, ApexValue>();
                        for (const [k, v] of Object.entries(r)) {
                            const field = d?.fields.get(k.toLowerCase());
                            if (!field) throw new Error(`seed: ${type}.${k} is not a field`);
                            fields.set(
                                k.toLowerCase(),
                                this.rt.data.convertForField(field, v as ApexValue, type)
                            );
                        }
                        return new SObjectValue(type, fields);
                    })
                );
                this.rt.data.dml('insert', list, { allOrNone: true, mode: 'system' }, f);
                return list.items.map((r) => ((r as SObjectValue).fields.get('id') as ApexId).value);
            })
        );
    }

    private seed(rootDir: string): { guestId: string; staffId: string } {
        const { catalog, accounts } = loadSeedFiles(rootDir);
        const plan = buildSeedPlan(catalog, accounts);
        const store = this.rt.data.store;
        // A real org's standard price book is an ordinary, visible row.
        const bookId = store.standardPricebookId(this.rt.schema, this.rt.data.org.admin.id, this.rt.now());
        const book = store.get('Pricebook2', bookId)!;
        store.put('Pricebook2', bookId, book);
        const productIds = this.insert('Product2', plan.products);
        this.insert(
            'PricebookEntry',
            plan.prices.map((p, i) => ({
                Pricebook2Id: bookId,
                Product2Id: productIds[i],
                UnitPrice: p.UnitPrice,
                IsActive: p.IsActive,
                UseStandardPrice: false
            }))
        );
        this.insert('Account', plan.accounts);

        const profiles = this.rt.data.org.profiles;
        const person = (username: string, first: string, last: string, profile: string) => ({
            Username: username,
            Email: username,
            FirstName: first,
            LastName: last,
            Alias: last.slice(0, 8),
            ProfileId: profiles.get(profile),
            TimeZoneSidKey: 'Asia/Tokyo',
            LocaleSidKey: 'en_US',
            LanguageLocaleKey: 'en_US',
            EmailEncodingKey: 'UTF-8',
            IsActive: true
        });
        const [guestId, staffId] = this.insert('User', [
            person(GUEST_USERNAME, 'Site', 'Guest User', 'Guest'),
            person(STAFF_USER.username, STAFF_USER.firstName, STAFF_USER.lastName, 'Standard User')
        ]);
        this.assign(guestId, ['Portal_Guest']);
        this.assign(staffId, ['Portal_Staff', 'Portal_Integration']);
        this.rt.data.site.setPassword(staffId, STAFF_USER.password);
        return { guestId, staffId };
    }

    /**
     * A customer user as the sign-up leaves one: a Contact on the Account, a User on the Customer Community
     * profile with Portal_Customer, and a password. For seeding demo users (measure.ts); sign-up itself is Apex.
     */
    addCustomerUser(user: {
        customerNumber: string;
        email: string;
        password: string;
        firstName: string;
        lastName: string;
    }): string {
        const account = this.query(
            `SELECT Id FROM Account WHERE Customer_Number__c = '${user.customerNumber.replace(/'/g, '')}'`
        )[0];
        if (!account) throw new Error(`no Account ${user.customerNumber}`);
        const [contactId] = this.insert('Contact', [
            { AccountId: account.Id, FirstName: user.firstName, LastName: user.lastName, Email: user.email }
        ]);
        const [userId] = this.insert('User', [
            {
                Username: `${user.email}.${randomBytes(4).toString('hex')}`,
                Email: user.email,
                FirstName: user.firstName,
                LastName: user.lastName,
                Alias: user.lastName.slice(0, 8),
                ContactId: contactId,
                ProfileId: this.rt.data.org.profiles.get('Customer Community User'),
                TimeZoneSidKey: 'Asia/Tokyo',
                LocaleSidKey: 'en_US',
                LanguageLocaleKey: 'en_US',
                EmailEncodingKey: 'UTF-8',
                IsActive: true
            }
        ]);
        this.assign(userId, ['Portal_Customer']);
        this.rt.data.site.setPassword(userId, user.password);
        return userId;
    }

    private assign(userId: string, permissionSets: string[]): void {
        const ids = new Map<string, string>();
        for (const [id, row] of this.rt.data.store.table('PermissionSet'))
            ids.set(String(row.get('name')).toLowerCase(), id);
        this.insert(
            'PermissionSetAssignment',
            permissionSets.map((name) => {
                const id = ids.get(name.toLowerCase());
                if (!id) throw new Error(`no permission set ${name} in the project`);
                return { AssigneeId: userId, PermissionSetId: id };
            })
        );
    }

    // ---------------------------------------------------------------- Apex calls

    /** The @AuraEnabled static method `Class.method`, or undefined. */
    private auraMethod(name: string): { cls: ClassInfo; method: MethodInfo } | undefined {
        const [className, methodName, extra] = name.split('.');
        if (!className || !methodName || extra !== undefined) return undefined;
        const cls = this.rt.classByName(className);
        if (!cls || cls.outer || cls.isTest) return undefined;
        const method = (cls.methods.get(methodName.toLowerCase()) ?? []).find(
            (m) => m.isStatic && hasAnnotation(m.annotations, 'auraenabled')
        );
        return method ? { cls, method } : undefined;
    }

    /** Executes `Class.method` as `userId` (the site guest user when null), as Lightning's Apex controller does. */
    callApex(
        name: string,
        params: Record<string, unknown>,
        userId: string | null,
        sourceIp = '127.0.0.1'
    ): ApexAnswer {
        const target = this.auraMethod(name);
        const user = this.rt.data.org.userFromStore(userId ?? this.guestId);
        const className = name.split('.')[0];
        if (!target) return this.error(404, `No @AuraEnabled method ${name}`, 'System.NoAccessException');
        if (!this.rt.data.security.hasClassAccess(user, target.cls.name)) {
            return this.error(
                403,
                `You do not have access to the Apex class named '${className}'.`,
                'System.NoAccessException'
            );
        }
        this.rt.user = user;
        this.rt.session = new Map([
            ['SourceIp', sourceIp],
            ['Username', user.username],
            ['UserType', user.isGuest ? 'Guest' : user.isPortal ? 'CspLitePortal' : 'Standard']
        ]);
        this.rt.beginTransaction();
        const store = this.rt.data.store;
        const mark = store.mark();
        try {
            const ctx = this.rt.system.nativeContext();
            const result = this.rt.runTopLevel(target.cls, target.method.name, (f) => {
                const args = target.method.params.map((p) => {
                    const raw =
                        params[p.name] ??
                        params[
                            Object.keys(params).find((k) => k.toLowerCase() === p.name.toLowerCase()) ?? ''
                        ];
                    if (raw === undefined || raw === null) return null;
                    const type = this.rt.interp.resolveType(p.typeCtx, target.cls);
                    return deserialize(JSON.stringify(raw), type, ctx);
                });
                return this.rt.interp.invoke(target.method, null, args, f) as ApexValue;
            });
            const body = { result: result === undefined ? null : serializeForAura(result, ctx) };
            this.rt.data.tx.commit();
            return { status: 200, body };
        } catch (error) {
            store.undoTo(mark);
            // A failed transaction enqueues nothing.
            this.rt.data.async.reset();
            return this.failure(name, error);
        } finally {
            store.release();
            this.rt.data.tx.close();
        }
    }

    /** Runs the async work the last request queued (Queueables, Flow async paths, finalizers), as after a commit. */
    runQueued(): void {
        const cls = this.rt.topLevel[0];
        try {
            this.rt.runTopLevel(cls, 'async', (f) => this.rt.data.async.runPending(f));
        } catch (error) {
            this.log(`async job failed: ${describe(error)}`);
        }
    }

    private error(status: number, message: string, exceptionType: string): ApexAnswer {
        return { status, body: { error: { message, exceptionType } } };
    }

    private failure(name: string, error: unknown): ApexAnswer {
        if (error instanceof ApexThrow) {
            const e = error.exception;
            const s = exceptionState(e);
            if (this.rt.interp.isSubclass(e.className, 'AuraHandledException'))
                return this.error(400, s.clientMessage ?? s.message ?? '', 'System.AuraHandledException');
            this.log(`${name}: ${e.className}: ${s.message ?? ''}`);
            return this.error(500, GENERIC_ERROR, e.className);
        }
        this.log(`${name}: ${describe(error)}`);
        return this.error(500, GENERIC_ERROR, 'System.UnexpectedException');
    }

    // ---------------------------------------------------------------- users and sessions

    private userRow(id: string): Map<string, ApexValue> | undefined {
        const row = this.rt.data.store.get('User', id);
        return row && row.get('isactive') !== false ? row : undefined;
    }

    sessionUser(token: string | undefined): SessionUser | null {
        const id = token ? this.sessions.get(token) : undefined;
        const row = id ? this.userRow(id) : undefined;
        if (!id || !row) return null;
        const user: RunningUser = this.rt.data.org.userFromStore(id);
        return {
            id,
            name: [row.get('firstname'), row.get('lastname')].filter(Boolean).join(' '),
            isStaff: !user.isPortal && !user.isGuest,
            accountId: user.accountId ?? null,
            language: String(row.get('languagelocalekey')).startsWith('ja') ? 'ja' : 'en'
        };
    }

    userIdOf(token: string | undefined): string | null {
        return (token && this.sessions.get(token)) || null;
    }

    private newSession(userId: string): string {
        const token = randomBytes(24).toString('hex');
        this.sessions.set(token, userId);
        return token;
    }

    /** Salesforce's internal login page: staff (internal users) only. */
    staffLogin(username: string, password: string): string | null {
        const row = [...this.rt.data.store.table('User')].find(
            ([, r]) => String(r.get('username')).toLowerCase() === username.trim().toLowerCase()
        );
        if (!row || !this.userRow(row[0])) return null;
        const user = this.rt.data.org.userFromStore(row[0]);
        if (user.isPortal || user.isGuest) return null;
        const check = this.rt.data.site.call('login', [username.trim(), password, '/'], this.frame());
        return check === null ? null : this.newSession(row[0]);
    }

    private frame() {
        const cls = this.rt.topLevel[0];
        return this.rt.runTopLevel(cls, 'login', (f) => f);
    }

    /** The one-time URL Site.login answered: a session for its user and where to land. */
    frontdoor(token: string): { session: string; startUrl: string } | null {
        const login = this.loginTokens.get(token);
        this.loginTokens.delete(token);
        if (!login || login.expires < Date.now() || !this.userRow(login.userId)) return null;
        return { session: this.newSession(login.userId), startUrl: login.startUrl };
    }

    endSession(token: string | undefined): void {
        if (token) this.sessions.delete(token);
    }

    setLanguage(token: string | undefined, language: 'en' | 'ja'): void {
        const id = this.userIdOf(token);
        const row = id ? this.userRow(id) : undefined;
        if (row) row.set('languagelocalekey', language === 'ja' ? 'ja' : 'en_US');
    }

    /** SOQL in system mode as the admin: the e2e journeys and the staff list view read the org with it. */
    query(soql: string): Record<string, unknown>[] {
        return this.asAdmin((cls) =>
            this.rt.runTopLevel(cls, 'query', (f) => {
                const list = this.rt.data.dynamicQuery(soql, f, 'system') as ApexList;
                return serializeForAura(list, this.rt.system.nativeContext()) as Record<string, unknown>[];
            })
        );
    }
}

function describe(error: unknown): string {
    if (error instanceof ApexThrow)
        return `${error.exception.className}: ${exceptionState(error.exception).message ?? ''}`;
    if (error instanceof UnsupportedError) return `Unsupported: ${error.message}`;
    if (error instanceof ApexSystemError) return `System.${error.exceptionType}: ${error.message}`;
    return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
