/**
 * The `Site` class and `Auth.SessionManagement` over the store's users. There is no Experience Cloud site here,
 * so the runtime states its own documented policy (README, "Apex runtime"):
 * - a password is valid when it has at least 8 characters with a letter and a digit, is not the username or
 *   email, and equals its confirmation; otherwise `Site.validatePassword` throws `System.SecurityException`
 *   with the reason;
 * - `Site.createExternalUser(user, accountId, password)` inserts a Contact on the Account and the User on the
 *   Customer Community profile, remembers the password and returns the User Id; a duplicate username or nickname
 *   throws `Site.ExternalUserCreateException` with the display message;
 * - `Site.login(username, password, startUrl)` returns a PageReference to the start URL when the password
 *   matches an active user, else null;
 * - `Site.forgotPassword(username)` is true for an active user's username, else false.
 */
import {
    ApexId,
    ApexList,
    ApexMap,
    ApexObject,
    ApexSystemError,
    SObjectValue,
    T,
    UnsupportedError,
    type ApexValue
} from '../values/model';
import { exceptionState, newException } from './exceptions';
import { ApexThrow } from './control';
import type { Frame } from './frames';
import type { Runtime } from './runtime';

export const PASSWORD_POLICY =
    'Your password must have at least 8 characters and include letters and numbers.';

export class SiteService {
    /** User Id → password (the store never holds passwords). */
    private readonly passwords = new Map<string, string>();

    constructor(private readonly rt: Runtime) {}

    setPassword(userId: string, password: string): void {
        this.passwords.set(userId, password);
    }

    private passwordProblem(
        password: string | null,
        confirm: string | null,
        username?: string
    ): string | undefined {
        if (password === null || password !== confirm) return 'Your passwords do not match.';
        if (password.length < 8 || !/[A-Za-z]/.test(password) || !/[0-9]/.test(password))
            return PASSWORD_POLICY;
        if (username && password.toLowerCase() === username.toLowerCase())
            return 'Your password cannot equal or contain your user name.';
        return undefined;
    }

    call(m: string, a: ApexValue[], f: Frame): ApexValue {
        switch (m) {
            case 'validatepassword': {
                const user = a[0] as SObjectValue | null;
                const username = user?.fields.get('username');
                const problem = this.passwordProblem(
                    a[1] as string | null,
                    a[2] as string | null,
                    typeof username === 'string' ? username : undefined
                );
                if (problem) throw new ApexSystemError('SecurityException', problem);
                return null;
            }
            case 'forgotpassword': {
                const id = this.findUser(String(a[0]));
                return id !== undefined;
            }
            case 'login': {
                const id = this.findUser(String(a[0]));
                if (!id || this.passwords.get(id) !== a[1]) return null;
                const page = new ApexObject('PageReference');
                const start = a[2] === null ? '/' : String(a[2]);
                page.native = {
                    url: this.rt.siteLoginUrl && !this.rt.inTest ? this.rt.siteLoginUrl(id, start) : start
                };
                return page;
            }
            case 'createexternaluser':
                return this.createExternalUser(a, f);
            case 'getpathprefix':
                return '';
            case 'getbaseurl':
            case 'getbasesecureurl':
                return 'https://portal.example.test';
            case 'getsiteid':
            case 'getname':
                return null;
        }
        throw new UnsupportedError(`Site.${m}()`);
    }

    private findUser(username: string): string | undefined {
        for (const [id, row] of this.rt.data.store.table('User')) {
            if (
                String(row.get('username')).toLowerCase() === username.toLowerCase() &&
                row.get('isactive') !== false
            )
                return id;
        }
        return undefined;
    }

    private createExternalUser(a: ApexValue[], f: Frame): ApexValue {
        const [user, accountId, password] = a;
        if (!(user instanceof SObjectValue) || user.sobjectType !== 'User')
            throw new ApexSystemError('NullPointerException', 'Argument cannot be null.');
        const username = String(user.fields.get('username') ?? '');
        const nickname = user.fields.get('communitynickname');
        for (const row of this.rt.data.store.table('User').values()) {
            if (String(row.get('username')).toLowerCase() === username.toLowerCase())
                throw this.createError(['Duplicate Username.'], f);
            if (
                nickname &&
                String(row.get('communitynickname') ?? '').toLowerCase() === String(nickname).toLowerCase()
            ) {
                throw this.createError(['That nickname already exists. Enter a unique nickname.'], f);
            }
        }
        if (password !== null && password !== undefined) {
            const problem = this.passwordProblem(String(password), String(password), username);
            if (problem) throw this.createError([problem], f);
        }
        const data = this.rt.data;
        const previous = this.rt.user;
        // The platform creates the Contact and the User itself, whatever the guest may do.
        this.rt.user = data.org.admin;
        try {
            const contact = new SObjectValue(
                'Contact',
                new Map<string, ApexValue>([
                    ['accountid', accountId === null ? null : new ApexId(this.rt.toId(String(accountId)))],
                    ['firstname', user.fields.get('firstname') ?? null],
                    ['lastname', user.fields.get('lastname') ?? username],
                    ['email', user.fields.get('email') ?? null]
                ])
            );
            // The platform's own Contact does not count as the caller's non-setup DML; the User insert does count as
            // setup DML (after an Account update in the same transaction it is MIXED_DML_OPERATION).
            data.tx.enterRunAs();
            try {
                data.dml('insert', contact, { allOrNone: true, mode: 'system' }, f);
            } finally {
                data.tx.exitRunAs();
            }
            const profileId = data.org.profiles.get('Customer Community User')!;
            const u = new SObjectValue('User', new Map(user.fields));
            u.fields.set('contactid', contact.fields.get('id') ?? null);
            u.fields.set('profileid', new ApexId(profileId));
            for (const [k, v] of [
                ['emailencodingkey', 'UTF-8'],
                ['timezonesidkey', 'Asia/Tokyo'],
                ['localesidkey', 'en_US'],
                ['languagelocalekey', 'en_US']
            ] as const) {
                if (!u.fields.get(k)) u.fields.set(k, v);
            }
            if (!u.fields.get('alias')) u.fields.set('alias', username.slice(0, 8));
            data.dml('insert', u, { allOrNone: true, mode: 'system' }, f);
            const id = u.fields.get('id') as ApexId;
            if (password !== null && password !== undefined) this.passwords.set(id.value, String(password));
            return id;
        } finally {
            this.rt.user = previous;
        }
    }

    private createError(messages: string[], f: Frame): ApexThrow {
        const e = newException('Site.ExternalUserCreateException', messages.join(' '));
        (exceptionState(e) as { displayMessages?: string[] }).displayMessages = messages;
        this.rt.interp.fillStack(e, f);
        return new ApexThrow(e);
    }

    /** `ExternalUserCreateException.getDisplayMessages()` */
    displayMessages(e: ApexObject): ApexValue {
        const s = exceptionState(e) as { displayMessages?: string[] };
        return new ApexList(T.String, s.displayMessages ?? []);
    }

    session(m: string, a: ApexValue[]): ApexValue {
        void a;
        if (m === 'getcurrentsession' && this.rt.session) {
            const map = new ApexMap(T.String, T.String);
            for (const [k, v] of this.rt.session) map.entries.set(`s:${k}`, { key: k, value: v });
            return map;
        }
        // A test runs without a user session (code reading it in an org wraps it in try/catch for this reason).
        if (m === 'getcurrentsession' && this.rt.inTest)
            throw new ApexSystemError('UnexpectedException', 'There is no current session in an Apex test');
        throw new UnsupportedError(`Auth.SessionManagement.${m}()`);
    }
}
