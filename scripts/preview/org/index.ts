import express, { type Request, type Response, type Router } from 'express';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import path from 'node:path';
import { openOrgDb, vpnRegionsFromPicklist, type Db } from './db';
import { forceAppDir } from '../paths';
import { AuraHandledError, wrapError, type ApexCall, type OrgContext, type RunningUser } from './context';
import { createMiddlewareClient, type MiddlewareClient } from './middleware';
import { APEX_METHODS } from './methods';
import { demoLogins } from '../demoLogins';
import {
    authenticateStaff,
    consumeLoginToken,
    createSession,
    endSession,
    ensureStaffUser,
    sessionUser
} from './users';

export interface LocalOrgOptions {
    /** SQLite file, or ':memory:' (tests). */
    dbPath: string;
    dataDir: string;
    middlewareUrl: string;
    /** PEM (PKCS#8) of the key the middleware trusts, or a KeyObject. */
    privateKey: string | KeyObject;
    issuer?: string;
    audience?: string;
    /** Public origin of the portal, for login URLs (defaults to the request's origin). */
    siteUrl?: string;
    log?: (line: string) => void;
    middleware?: MiddlewareClient;
}

export interface LocalOrg {
    db: Db;
    router: Router;
    /** The user behind a request (cookie session), or null for a guest. */
    userFor(req: Request): RunningUser | null;
    /** Resolves when every queued async job (provisioning) has finished. */
    idle(): Promise<void>;
    close(): void;
}

export const SESSION_COOKIE = 'preview_sid';
export const LANGUAGE_COOKIE = 'preview_lang';

export function readCookies(req: Request): Record<string, string> {
    const out: Record<string, string> = {};
    for (const part of (req.headers.cookie ?? '').split(';')) {
        const eq = part.indexOf('=');
        if (eq > 0) out[part.slice(0, eq).trim()] = decodeURIComponent(part.slice(eq + 1).trim());
    }
    return out;
}

function cookie(name: string, value: string, maxAgeSeconds?: number): string {
    const age = maxAgeSeconds === undefined ? '' : `; Max-Age=${maxAgeSeconds}`;
    return `${name}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax${age}`;
}

export function createLocalOrg(options: LocalOrgOptions): LocalOrg {
    const log = options.log ?? (() => undefined);
    const db = openOrgDb(options.dbPath, options.dataDir);
    ensureStaffUser(db);
    const privateKey =
        typeof options.privateKey === 'string' ? createPrivateKey(options.privateKey) : options.privateKey;
    const middleware =
        options.middleware ??
        createMiddlewareClient({
            baseUrl: options.middlewareUrl,
            privateKey,
            issuer: options.issuer,
            audience: options.audience
        });
    const pending = new Set<Promise<void>>();
    let requestOrigin = options.siteUrl ?? '';
    const org: OrgContext = {
        db,
        middleware,
        vpnRegions: vpnRegionsFromPicklist(
            path.join(forceAppDir, 'objects', 'OrderItem', 'fields', 'VPN_Region__c.field-meta.xml')
        ),
        siteUrl: () => requestOrigin,
        log,
        enqueue(name, job) {
            // After the transaction "commits": the current request answers first.
            const run: Promise<void> = new Promise<void>((resolve) => setTimeout(resolve, 50))
                .then(job)
                .catch((error: unknown) => log(`async job ${name} failed: ${String(error)}`))
                .finally(() => pending.delete(run));
            pending.add(run);
        }
    };

    const userFor = (req: Request) => sessionUser(db, readCookies(req)[SESSION_COOKIE]);
    const router = express.Router();
    router.use(express.json({ limit: '256kb' }));
    router.use((req, _res, next) => {
        if (!options.siteUrl) requestOrigin = `${req.protocol}://${req.get('host')}`;
        next();
    });

    router.post('/apex/:name', async (req: Request, res: Response) => {
        const name = String(req.params.name);
        const impl = APEX_METHODS.get(name);
        if (!impl) {
            res.status(404).json({
                error: {
                    message: `No local implementation of ${name}`,
                    exceptionType: 'System.NoAccessException'
                }
            });
            return;
        }
        const user = userFor(req);
        const allowed = impl.access === 'guest' || (impl.access === 'customer' ? !!user : !!user?.isStaff);
        if (!allowed) {
            const className = name.split('.')[0];
            res.status(403).json({
                error: {
                    message: `You do not have access to the Apex class named '${className}'.`,
                    exceptionType: 'System.NoAccessException'
                }
            });
            return;
        }
        const params = (req.body && typeof req.body === 'object' ? req.body.params : null) ?? {};
        const args: Record<string, unknown> = {};
        for (const param of impl.params) args[param] = params[param];
        const call: ApexCall = { org, user, sourceIp: req.ip ?? '' };
        try {
            const result = await impl.run(call, args);
            res.json({ result: result === undefined ? null : result });
        } catch (error) {
            if (error instanceof TypeError && /action parameter/.test(error.message)) {
                res.status(400).json({
                    error: { message: error.message, exceptionType: 'System.TypeException' }
                });
                return;
            }
            const wrapped: AuraHandledError = wrapError(error, log);
            res.status(400).json({
                error: { message: wrapped.code, exceptionType: 'System.AuraHandledException' }
            });
        }
    });

    // Salesforce's internal login (staff); portal users log in on the site's Login page (PortalLoginController).
    router.post('/login', (req: Request, res: Response) => {
        const username = typeof req.body?.username === 'string' ? req.body.username.trim() : '';
        const password = typeof req.body?.password === 'string' ? req.body.password : '';
        const user = authenticateStaff(db, username, password);
        if (!user) {
            res.status(401).json({ error: { message: 'Your login attempt has failed.' } });
            return;
        }
        const token = createSession(db, user.id);
        res.setHeader('Set-Cookie', [cookie(SESSION_COOKIE, token), cookie(LANGUAGE_COOKIE, user.language)]);
        res.json({ kind: 'staff', name: user.name });
    });

    const logout = (req: Request, res: Response) => {
        endSession(db, readCookies(req)[SESSION_COOKIE]);
        res.setHeader('Set-Cookie', cookie(SESSION_COOKIE, '', 0));
        if (req.method === 'GET') res.redirect('/login');
        else res.json({ ok: true });
    };
    router.post('/logout', logout);
    router.get('/logout', logout);

    router.get('/frontdoor', (req: Request, res: Response) => {
        const login = consumeLoginToken(db, String(req.query.token ?? ''));
        if (!login) {
            res.redirect('/login');
            return;
        }
        const token = createSession(db, login.userId);
        const user = sessionUser(db, token);
        res.setHeader('Set-Cookie', [
            cookie(SESSION_COOKIE, token),
            cookie(LANGUAGE_COOKIE, user?.language ?? 'en')
        ]);
        res.redirect(login.startUrl);
    });

    router.post('/language', (req: Request, res: Response) => {
        const language = req.body?.language === 'ja' ? 'ja' : 'en';
        const user = userFor(req);
        if (user) {
            db.prepare('UPDATE User SET LanguageLocaleKey = ? WHERE Id = ?').run(
                language === 'ja' ? 'ja' : 'en_US',
                user.id
            );
        }
        res.setHeader('Set-Cookie', cookie(LANGUAGE_COOKIE, language));
        res.json({ language });
    });

    router.get('/session', (req: Request, res: Response) => {
        const user = userFor(req);
        res.json({ user });
    });

    router.get('/demo-logins', (_req: Request, res: Response) => {
        res.json(demoLogins(db, options.dataDir));
    });

    // The staff "list view": Accounts and their Orders, for the record-page components.
    router.get('/staff/accounts', (req: Request, res: Response) => {
        if (!userFor(req)?.isStaff) {
            res.status(403).json({ error: { message: 'Staff only.' } });
            return;
        }
        const accounts = db
            .prepare(
                'SELECT Id, Name, Customer_Number__c, WHMCS_Client_Id__c FROM Account ORDER BY Customer_Number__c'
            )
            .all() as {
            Id: string;
            Name: string;
            Customer_Number__c: string;
            WHMCS_Client_Id__c: string | null;
        }[];
        const orders = db
            .prepare(
                'SELECT Id, OrderNumber, AccountId, Status, Portal_Category__c, EffectiveDate FROM "Order" ORDER BY Seq DESC'
            )
            .all() as {
            Id: string;
            OrderNumber: string;
            AccountId: string;
            Status: string;
            Portal_Category__c: string;
            EffectiveDate: string;
        }[];
        res.json({
            accounts: accounts
                .map((a) => ({
                    accountId: a.Id,
                    name: a.Name,
                    customerNumber: a.Customer_Number__c,
                    whmcsClientId: a.WHMCS_Client_Id__c,
                    orders: orders
                        .filter((o) => o.AccountId === a.Id)
                        .map((o) => ({
                            orderId: o.Id,
                            orderNumber: o.OrderNumber,
                            status: o.Status,
                            category: o.Portal_Category__c,
                            submittedOn: o.EffectiveDate
                        }))
                }))
                // Accounts with a portal link or orders first: the ones staff act on.
                .sort(
                    (a, b) =>
                        Number(!!b.whmcsClientId || b.orders.length > 0) -
                        Number(!!a.whmcsClientId || a.orders.length > 0)
                )
        });
    });

    return {
        db,
        router,
        userFor,
        async idle() {
            while (pending.size > 0) await Promise.all([...pending]);
        },
        close() {
            db.close();
        }
    };
}
