/**
 * The preview's local org as the site sees it: `/_org/apex/Class.method` runs the real Apex (apexOrg.ts, in a
 * worker thread: worker.ts), plus the sign-in plumbing of a site (frontdoor, internal login, logout, language).
 */
import express, { type Request, type Response, type Router } from 'express';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { forceAppDir, repoRoot } from '../paths';
import type { DemoLogins } from '../demoLogins';
import type { ApexAnswer, SessionUser } from './apexOrg';
import { answerCallout, type CalloutMessage } from './callout';
import type { OrgRequest, WorkerSettings } from './protocol';

export interface LocalOrgOptions {
    /** The local middleware: stands in for the URL of the Named Credential Portal_Middleware. */
    middlewareUrl: string;
    /** PEM (PKCS#8) of the key the middleware trusts (the org's signing certificate), or a KeyObject. */
    privateKey: string | KeyObject;
    /** Public origin of the portal, for login URLs (defaults to the request's origin). */
    siteUrl?: string;
    log?: (line: string) => void;
}

export interface LocalOrg {
    router: Router;
    /** The user behind a request (cookie session), or null for a guest. */
    userFor(req: Request): Promise<SessionUser | null>;
    /** SOQL in system mode (tests and the journeys read the org with it). */
    query(soql: string): Promise<Record<string, unknown>[]>;
    /** Seeds a customer user (Contact, Customer Community user, Portal_Customer, password); returns its Id. */
    addCustomerUser(user: Extract<OrgRequest, { op: 'addCustomerUser' }>['user']): Promise<string>;
    /** Resolves when the async work queued so far (provisioning) has run. */
    idle(): Promise<void>;
    close(): Promise<void>;
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

// The worker runs TypeScript: tsx's CommonJS hook, registered in the thread itself.
const WORKER_BOOT = `require('tsx/cjs/api').register(); require(${JSON.stringify(require.resolve('./worker'))});`;

/** Starts the org (seeding takes some seconds) and resolves once it answers. */
export async function createLocalOrg(options: LocalOrgOptions): Promise<LocalOrg> {
    const log = options.log ?? (() => undefined);
    const privateKey =
        typeof options.privateKey === 'string' ? createPrivateKey(options.privateKey) : options.privateKey;
    const settings: WorkerSettings = {
        forceAppDir,
        rootDir: repoRoot,
        siteUrl: options.siteUrl,
        credentialUrls: { portal_middleware: options.middlewareUrl }
    };
    const worker = new Worker(WORKER_BOOT, { eval: true, workerData: settings });
    const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
    let nextId = 1;
    let ready: () => void;
    let failed: (e: Error) => void;
    const started = new Promise<void>((resolve, reject) => {
        ready = resolve;
        failed = reject;
    });
    worker.on('message', (message: { type: string; [k: string]: unknown }) => {
        if (message.type === 'ready') ready();
        else if (message.type === 'failed')
            failed(new Error(`the local org did not start: ${String(message.error)}`));
        else if (message.type === 'log') log(String(message.line));
        else if (message.type === 'callout')
            void answerCallout(message as unknown as CalloutMessage, privateKey);
        else if (message.type === 'reply') {
            const pending = waiting.get(message.id as number);
            waiting.delete(message.id as number);
            if (message.error) pending?.reject(new Error(String(message.error)));
            else pending?.resolve(message.result);
        }
    });
    worker.on('error', (error) => {
        failed(error);
        for (const p of waiting.values()) p.reject(error);
        waiting.clear();
    });
    await started;

    const ask = <T>(request: OrgRequest): Promise<T> =>
        new Promise<T>((resolve, reject) => {
            const id = nextId++;
            waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
            worker.postMessage({ id, request });
        });
    const sessionOf = (req: Request) => readCookies(req)[SESSION_COOKIE];
    const userFor = (req: Request) => ask<SessionUser | null>({ op: 'session', session: sessionOf(req) });

    const router = express.Router();
    router.use(express.json({ limit: '256kb' }));
    let siteUrl = options.siteUrl ?? '';
    router.use((req, _res, next) => {
        const origin = `${req.protocol}://${req.get('host')}`;
        if (!options.siteUrl && origin !== siteUrl) {
            siteUrl = origin;
            void ask({ op: 'siteUrl', url: origin });
        }
        next();
    });

    const send = (res: Response, work: Promise<unknown>, answer: (value: unknown) => void) => {
        work.then(answer, (error: unknown) => {
            log(`local org: ${String(error)}`);
            res.status(500).json({
                error: { message: 'The local org failed.', exceptionType: 'System.UnexpectedException' }
            });
        });
    };

    router.post('/apex/:name', (req: Request, res: Response) => {
        const body: unknown = req.body;
        const params = body && typeof body === 'object' ? (body as { params?: unknown }).params : undefined;
        const request: OrgRequest = {
            op: 'apex',
            name: String(req.params.name),
            params: params && typeof params === 'object' ? (params as Record<string, unknown>) : {},
            session: sessionOf(req),
            sourceIp: req.ip
        };
        send(res, ask<ApexAnswer>(request), (value) => {
            const answer = value as ApexAnswer;
            res.status(answer.status).json(answer.body);
        });
    });

    // Salesforce's internal login (staff); portal users log in on the site's Login page (PortalLoginController).
    router.post('/login', (req: Request, res: Response) => {
        const username = typeof req.body?.username === 'string' ? req.body.username : '';
        const password = typeof req.body?.password === 'string' ? req.body.password : '';
        send(res, ask<string | null>({ op: 'staffLogin', username, password }), async (token) => {
            if (typeof token !== 'string') {
                res.status(401).json({ error: { message: 'Your login attempt has failed.' } });
                return;
            }
            const user = await ask<SessionUser | null>({ op: 'session', session: token });
            res.setHeader('Set-Cookie', [
                cookie(SESSION_COOKIE, token),
                cookie(LANGUAGE_COOKIE, user?.language ?? 'en')
            ]);
            res.json({ kind: 'staff', name: user?.name ?? '' });
        });
    });

    const logout = (req: Request, res: Response) => {
        send(res, ask({ op: 'logout', session: sessionOf(req) }), () => {
            res.setHeader('Set-Cookie', cookie(SESSION_COOKIE, '', 0));
            if (req.method === 'GET') res.redirect('/login');
            else res.json({ ok: true });
        });
    };
    router.post('/logout', logout);
    router.get('/logout', logout);

    // The one-time URL Site.login answered (the platform's frontdoor): a session cookie, then the start page.
    router.get('/frontdoor', (req: Request, res: Response) => {
        const token = String(req.query.token ?? '');
        send(
            res,
            ask<{ session: string; startUrl: string } | null>({ op: 'frontdoor', token }),
            async (value) => {
                const login = value as { session: string; startUrl: string } | null;
                if (!login) {
                    res.redirect('/login');
                    return;
                }
                const user = await ask<SessionUser | null>({ op: 'session', session: login.session });
                res.setHeader('Set-Cookie', [
                    cookie(SESSION_COOKIE, login.session),
                    cookie(LANGUAGE_COOKIE, user?.language ?? 'en')
                ]);
                res.redirect(login.startUrl);
            }
        );
    });

    router.post('/language', (req: Request, res: Response) => {
        const language = req.body?.language === 'ja' ? 'ja' : 'en';
        send(res, ask({ op: 'language', session: sessionOf(req), language }), () => {
            res.setHeader('Set-Cookie', cookie(LANGUAGE_COOKIE, language));
            res.json({ language });
        });
    });

    router.get('/session', (req: Request, res: Response) => {
        send(res, userFor(req), (user) => res.json({ user }));
    });

    router.get('/demo-logins', (_req: Request, res: Response) => {
        send(res, ask<DemoLogins>({ op: 'demoLogins' }), (logins) => res.json(logins));
    });

    // The staff "list view": Accounts and their Orders, for the record-page components (the org's UI, not Apex).
    router.get('/staff/accounts', (req: Request, res: Response) => {
        send(res, userFor(req), async (user) => {
            if (!(user as SessionUser | null)?.isStaff) {
                res.status(403).json({ error: { message: 'Staff only.' } });
                return;
            }
            const [accounts, orders, serviceRequests] = await Promise.all([
                ask<Record<string, unknown>[]>({
                    op: 'query',
                    soql: 'SELECT Id, Name, Customer_Number__c, WHMCS_Client_Id__c FROM Account ORDER BY Customer_Number__c'
                }),
                ask<Record<string, unknown>[]>({
                    op: 'query',
                    soql: 'SELECT Id, OrderNumber, AccountId, Status, Portal_Category__c, EffectiveDate FROM Order ORDER BY OrderNumber DESC'
                }),
                ask<Record<string, unknown>[]>({
                    op: 'query',
                    soql: 'SELECT Id, Name, Account__c, Kind__c, Status__c FROM Service_Request__c ORDER BY Name DESC'
                })
            ]);
            res.json({
                accounts: accounts
                    .map((a) => ({
                        accountId: a.Id,
                        name: a.Name,
                        customerNumber: a.Customer_Number__c,
                        whmcsClientId: a.WHMCS_Client_Id__c ?? null,
                        orders: orders
                            .filter((o) => o.AccountId === a.Id)
                            .map((o) => ({
                                orderId: o.Id,
                                orderNumber: o.OrderNumber,
                                status: o.Status,
                                category: o.Portal_Category__c,
                                submittedOn: o.EffectiveDate
                            })),
                        serviceRequests: serviceRequests
                            .filter((r) => r.Account__c === a.Id)
                            .map((r) => ({
                                requestId: r.Id,
                                requestNumber: r.Name,
                                kind: r.Kind__c,
                                status: r.Status__c
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
    });

    return {
        router,
        userFor,
        query: (soql) => ask({ op: 'query', soql }),
        addCustomerUser: (user) => ask({ op: 'addCustomerUser', user }),
        idle: () => ask({ op: 'idle' }),
        async close() {
            await worker.terminate();
        }
    };
}
