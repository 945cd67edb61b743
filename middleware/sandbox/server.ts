// The sandbox HTTP server: WHMCS API endpoint, control surface, SSO and client-area pages.
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP, type Socket } from 'node:net';
import type { Logger } from 'pino';
import {
    ACTIONS,
    applyPayment,
    getClient,
    getInvoiceRow,
    luhnValid,
    OTHER_KNOWN_ACTIONS,
    safeRelativePath,
    storeCard,
    type ClientRow,
    type EmptyListForm,
    type InvoiceRow,
    type PayMethodRow,
    type SandboxContext,
    type ServiceRow
} from './actions';
import { type Db, money, nowStamp, productLabel, resetAndSeed } from './db';
import {
    addPayMethodPage,
    homePage,
    invoicesPage,
    layout,
    messagePage,
    type PageContext,
    payMethodsPage,
    profilePage,
    serviceDetailPage,
    servicesPage,
    viewInvoicePage,
    type CardFormState
} from './pages';
import { parsePhpParams, type PhpArray } from './php';
import { invoicePdf } from './pdf';
import { ApiError, Params } from './params';

export type FaultMode = 'error' | 'timeout' | 'http500' | 'drop_after_commit' | 'commit_late';
const FAULT_MODES: FaultMode[] = ['error', 'timeout', 'http500', 'drop_after_commit', 'commit_late'];

interface Fault {
    mode: FaultMode;
    remaining: number;
    message?: string;
    /** `commit_late`: how long the action waits before it runs and answers. */
    ms?: number;
}

export interface SandboxServerOptions {
    db: Db;
    identifier: string;
    secret: string;
    /** Optional WHMCS API access key: lets a request skip the IP allow-list. */
    accessKey?: string;
    /** Exact addresses; '*' allows any. */
    allowedIps: string[];
    portalUrl: string;
    logger?: Logger;
    /** How long a `timeout` fault holds a request before closing it (default 60 s). */
    faultHoldMs: number;
    ssoTtlMs: number;
    emptyListForm: EmptyListForm;
    now: () => Date;
}

const SESSION_COOKIE = 'WHMCSsandbox';
/** The portal page "Back to the portal" returns to, remembered for the client-area session. */
const RETURN_COOKIE = 'WHMCSsandboxPortalReturn';
const PORTAL_RETURN_PARAM = 'portal_return';
// A path of the portal site only: one leading '/', never '//' or an encoded slash or backslash.
const SITE_PATH = /^\/(?!\/|%2[fF]|%5[cC])[-A-Za-z0-9._~!$&'()*+,;=:@%/?]*$/;
/** Client-area sessions last two hours, like a short WHMCS login. */
const SESSION_TTL_MS = 2 * 60 * 60 * 1000;
const MAX_BODY = 1024 * 1024;

export function createSandboxServer(opts: SandboxServerOptions) {
    let systemUrl = 'http://127.0.0.1';
    let calls: { at: string; action: string }[] = [];
    let faults = new Map<string, Fault[]>();
    let latencyMs = 0;
    /** Bumped by reset(): a late commit started before a reset must not write into the fresh seed. */
    let generation = 0;
    const held = new Set<{ timer: NodeJS.Timeout; socket: Socket }>();

    const ctx: SandboxContext = {
        db: opts.db,
        now: opts.now,
        systemUrl: () => systemUrl,
        ssoTtlMs: opts.ssoTtlMs,
        emptyListForm: opts.emptyListForm
    };

    function reset(): void {
        resetAndSeed(opts.db, opts.now());
        calls = [];
        faults = new Map();
        latencyMs = 0;
        generation += 1;
    }

    const server = http.createServer((req, res) => {
        handle(req, res).catch((err: unknown) => {
            opts.logger?.error(
                { err: err instanceof Error ? err.message : String(err) },
                'sandbox request failed'
            );
            if (!res.headersSent) sendJson(res, 500, { result: 'error', message: 'Sandbox internal error' });
            else res.destroy();
        });
    });

    async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
        const path = url.pathname.replace(/\/{2,}/g, '/');
        const method = req.method ?? 'GET';
        let raw: string;
        try {
            raw = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
        } catch {
            sendJson(res, 413, { result: 'error', message: 'Request body too large' });
            return;
        }

        if (path === '/includes/api.php') {
            if (method !== 'GET' && method !== 'POST')
                return sendJson(res, 405, { result: 'error', message: 'Method Not Allowed' });
            return api(req, res, url, raw);
        }
        if (path.startsWith('/_sandbox/')) return control(req, res, path, method, raw);
        if (path === '/oauth/singlesignon.php' && method === 'GET') return sso(res, url);
        if (
            path === '/' ||
            path === '/index.php' ||
            path === '/clientarea.php' ||
            path === '/viewinvoice.php' ||
            path === '/dl.php'
        ) {
            return clientArea(req, res, path, url, method, raw);
        }
        sendHtml(res, 404, messagePage(pageCtx(), 'Page not found', 'There is no page at this address.'));
    }

    // ------------------------------------------------------------ API

    async function api(req: IncomingMessage, res: ServerResponse, url: URL, raw: string): Promise<void> {
        const started = Date.now();
        // $_REQUEST: query first, the body wins.
        const params: PhpArray = parsePhpParams(url.searchParams.entries());
        if (isForm(req)) parsePhpParams(new URLSearchParams(raw).entries(), params);
        const p = new Params(params);
        const actionRaw = p.trimmed('action');
        const action = ACTIONS[actionRaw.toLowerCase()];
        if (actionRaw) calls.push({ at: new Date().toISOString(), action: action?.name ?? actionRaw });
        const log = (outcome: string) =>
            opts.logger?.info(
                { action: action?.name ?? actionRaw, outcome, durationMs: Date.now() - started },
                'sandbox api call'
            );
        if (latencyMs > 0) await sleep(latencyMs);

        const xml = p.trimmed('responsetype').toLowerCase() !== 'json';
        const answer = (status: number, body: Record<string, unknown>) =>
            xml ? sendXml(res, status, body) : sendJson(res, status, body);

        const ip = normaliseIp(req.socket.remoteAddress ?? '');
        const keyOk =
            opts.accessKey !== undefined &&
            p.has('accesskey') &&
            safeEqual(p.str('accesskey') ?? '', opts.accessKey);
        if (!keyOk && !opts.allowedIps.includes('*') && !opts.allowedIps.includes(ip)) {
            log('ip');
            return answer(403, { result: 'error', message: `Invalid IP ${ip}` });
        }
        const id = p.str('identifier') ?? p.str('username') ?? '';
        const secret = p.str('secret') ?? p.str('password') ?? '';
        if (!(safeEqual(id, opts.identifier) && safeEqual(secret, opts.secret))) {
            log('auth');
            return answer(403, { result: 'error', message: 'Authentication Failed' });
        }
        if (!action) {
            if (OTHER_KNOWN_ACTIONS.has(actionRaw.toLowerCase())) {
                log('permission');
                return answer(403, {
                    result: 'error',
                    message: `Invalid Permissions: API action "${actionRaw.toLowerCase()}" is not allowed`
                });
            }
            log('unknown_action');
            return answer(200, { result: 'error', message: 'Command Not Found' });
        }
        if (xml) {
            log('xml');
            return sendXml(res, 200, {
                result: 'error',
                message: 'This sandbox only answers responsetype=json'
            });
        }

        const fault = takeFault(action.name);
        if (fault?.mode === 'error') {
            log('fault:error');
            return sendJson(res, 200, {
                result: 'error',
                message: fault.message ?? 'Sandbox injected error'
            });
        }
        if (fault?.mode === 'http500') {
            log('fault:http500');
            res.writeHead(500, { 'content-type': 'text/html; charset=utf-8' });
            res.end(
                '<!doctype html><html lang="en"><title>500 Internal Server Error</title><h1>Internal Server Error</h1></html>'
            );
            return;
        }
        if (fault?.mode === 'timeout') {
            log('fault:timeout');
            const socket = req.socket;
            const entry = {
                socket,
                timer: setTimeout(() => {
                    held.delete(entry);
                    socket.destroy();
                }, opts.faultHoldMs)
            };
            held.add(entry);
            socket.once('close', () => {
                clearTimeout(entry.timer);
                held.delete(entry);
            });
            return;
        }

        if (fault?.mode === 'commit_late') {
            // A slow WHMCS: the caller may have given up long before the action commits and answers.
            log('fault:commit_late');
            const started = generation;
            await sleep(fault.ms ?? 0);
            if (started !== generation) return void req.socket.destroy();
        }

        let status = 200;
        let body: Record<string, unknown>;
        try {
            body = { result: 'success', ...action.handler(ctx, p) };
        } catch (err) {
            if (err instanceof ApiError) {
                body = { result: 'error', message: err.message };
            } else {
                opts.logger?.error(
                    { action: action.name, err: err instanceof Error ? err.message : String(err) },
                    'sandbox action crashed'
                );
                status = 500;
                body = { result: 'error', message: 'Sandbox internal error' };
            }
        }
        if (fault?.mode === 'drop_after_commit') {
            log('fault:drop_after_commit');
            req.socket.destroy();
            return;
        }
        log(String(body.result));
        sendJson(res, status, body);
    }

    function takeFault(action: string): Fault | undefined {
        const list = faults.get(action.toLowerCase());
        const f = list?.[0];
        if (!f) return undefined;
        f.remaining -= 1;
        if (f.remaining <= 0) list.shift();
        return f;
    }

    // ------------------------------------------------------------ control surface

    function control(
        req: IncomingMessage,
        res: ServerResponse,
        path: string,
        method: string,
        raw: string
    ): void {
        const ip = normaliseIp(req.socket.remoteAddress ?? '');
        if (!opts.allowedIps.includes('*') && !opts.allowedIps.includes(ip)) {
            return sendJson(res, 403, { error: `Invalid IP ${ip}` });
        }
        const bad = (message: string) => sendJson(res, 400, { error: message });
        let body: Record<string, unknown> = {};
        if (method === 'POST' && raw.trim() !== '') {
            try {
                const parsed: unknown = JSON.parse(raw);
                if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
                    return bad('body must be a JSON object');
                body = parsed as Record<string, unknown>;
            } catch {
                return bad('body must be JSON');
            }
        }
        const route = `${method} ${path}`;
        switch (route) {
            case 'POST /_sandbox/reset':
                reset();
                return sendJson(res, 200, { ok: true });
            case 'POST /_sandbox/faults': {
                const action =
                    typeof body.action === 'string' ? ACTIONS[body.action.toLowerCase()] : undefined;
                if (!action)
                    return bad(
                        `action must be one of: ${Object.values(ACTIONS)
                            .map((a) => a.name)
                            .join(', ')}`
                    );
                if (!FAULT_MODES.includes(body.mode as FaultMode))
                    return bad(`mode must be one of: ${FAULT_MODES.join(', ')}`);
                const ms = body.ms;
                if (body.mode === 'commit_late') {
                    if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 1 || ms > 120_000)
                        return bad('ms must be an integer from 1 to 120000 for commit_late');
                } else if (ms !== undefined) {
                    return bad('ms applies to commit_late only');
                }
                const times = body.times === undefined ? 1 : body.times;
                if (typeof times !== 'number' || !Number.isInteger(times) || times < 1 || times > 1000) {
                    return bad('times must be an integer from 1 to 1000');
                }
                if (body.message !== undefined && typeof body.message !== 'string')
                    return bad('message must be a string');
                const key = action.name.toLowerCase();
                const list = faults.get(key) ?? [];
                list.push({
                    mode: body.mode as FaultMode,
                    remaining: times,
                    message: body.message as string | undefined,
                    ms: ms as number | undefined
                });
                faults.set(key, list);
                return sendJson(res, 200, { ok: true, action: action.name, mode: body.mode, times });
            }
            case 'DELETE /_sandbox/faults':
                faults = new Map();
                return sendJson(res, 200, { ok: true });
            case 'POST /_sandbox/latency': {
                const ms = body.ms;
                if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > 120_000) {
                    return bad('ms must be an integer from 0 to 120000');
                }
                latencyMs = ms;
                return sendJson(res, 200, { ok: true, ms });
            }
            case 'GET /_sandbox/calls':
                return sendJson(res, 200, calls);
            case 'GET /_sandbox/state':
                return sendJson(res, 200, snapshot(opts.db));
            default:
                return sendJson(res, 404, { error: 'unknown control route' });
        }
    }

    // ------------------------------------------------------------ SSO and pages

    function pageCtx(client?: ClientRow): PageContext {
        return { portalUrl: opts.portalUrl, client };
    }

    /**
     * Like a client-area theme customised for the portal: a landing page's `portal_return` (a path of the
     * portal site only) is remembered for the session, and "Back to the portal" returns there.
     */
    function portalReturnOf(landing: string): string | undefined {
        const value = new URL(landing, 'http://sandbox.invalid/').searchParams.get(PORTAL_RETURN_PARAM);
        return value && SITE_PATH.test(value) ? value : undefined;
    }

    function portalUrlFor(req: IncomingMessage): string {
        const m = new RegExp(`(?:^|;\\s*)${RETURN_COOKIE}=([^;]+)`).exec(req.headers.cookie ?? '');
        let path: string | undefined;
        try {
            path = m ? decodeURIComponent(m[1]) : undefined;
        } catch {
            path = undefined;
        }
        return path && SITE_PATH.test(path) ? opts.portalUrl.replace(/\/+$/, '') + path : opts.portalUrl;
    }

    function sso(res: ServerResponse, url: URL): void {
        const token = url.searchParams.get('access_token') ?? '';
        const row = /^[0-9a-f]{40}$/.test(token)
            ? (opts.db.prepare(`SELECT * FROM sso_tokens WHERE token = ?`).get(token) as
                  | {
                        token: string;
                        client_id: number;
                        user_id: number;
                        landing: string;
                        expires_at: number;
                        used: number;
                    }
                  | undefined)
            : undefined;
        const fail = (text: string) =>
            sendHtml(res, 403, messagePage(pageCtx(), 'Single Sign-On failed', text));
        if (!row || row.used || row.expires_at < opts.now().getTime()) {
            if (row && !row.used)
                opts.db.prepare(`UPDATE sso_tokens SET used = 1 WHERE token = ?`).run(token);
            return fail(
                `Unable to authenticate with Single Sign-On token for User ID: ${row?.user_id ?? ''}`.trim()
            );
        }
        // Single use: burn it before anything else can fail.
        const burned = opts.db
            .prepare(`UPDATE sso_tokens SET used = 1 WHERE token = ? AND used = 0`)
            .run(token);
        if (burned.changes !== 1)
            return fail(`Unable to authenticate with Single Sign-On token for User ID: ${row.user_id}`);
        const client = getClient(opts.db, row.client_id);
        if (!client)
            return fail(`Unable to authenticate with Single Sign-On token for User ID: ${row.user_id}`);
        if (client.status === 'Closed') {
            return fail(`Single Sign-On authentication denied for Closed client for User ID: ${row.user_id}`);
        }
        if (!client.allow_sso) {
            return fail(`Single Sign-On authentication denied per configuration for User ID: ${row.user_id}`);
        }
        const sessionId = randomBytes(32).toString('hex');
        opts.db
            .prepare(`INSERT INTO sessions (id, client_id, csrf, created_at) VALUES (?, ?, ?, ?)`)
            .run(sessionId, client.id, randomBytes(24).toString('hex'), opts.now().getTime());
        const portalReturn = portalReturnOf(row.landing);
        res.writeHead(302, {
            location: `/${row.landing}`,
            'set-cookie': [
                `${SESSION_COOKIE}=${sessionId}; Path=/; HttpOnly; SameSite=Lax`,
                portalReturn
                    ? `${RETURN_COOKIE}=${encodeURIComponent(portalReturn)}; Path=/; HttpOnly; SameSite=Lax`
                    : `${RETURN_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`
            ],
            'cache-control': 'no-store',
            'referrer-policy': 'no-referrer'
        });
        res.end();
    }

    function session(req: IncomingMessage): { id: string; client: ClientRow; csrf: string } | undefined {
        const cookie = req.headers.cookie ?? '';
        const m = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([0-9a-f]{64})`).exec(cookie);
        if (!m) return undefined;
        const row = opts.db
            .prepare(`SELECT * FROM sessions WHERE id = ? AND created_at > ?`)
            .get(m[1], opts.now().getTime() - SESSION_TTL_MS) as
            { id: string; client_id: number; csrf: string } | undefined;
        const client = row ? getClient(opts.db, row.client_id) : undefined;
        return row && client ? { id: row.id, client, csrf: row.csrf } : undefined;
    }

    function clientArea(
        req: IncomingMessage,
        res: ServerResponse,
        path: string,
        url: URL,
        method: string,
        raw: string
    ): void {
        const s = session(req);
        if (path === '/' && !s) {
            return sendHtml(
                res,
                200,
                layout(
                    pageCtx(),
                    'WHMCS sandbox',
                    `<p>This is a local stand-in for WHMCS used in development and tests. The API answers at <code>/includes/api.php</code>.</p>
<p>Open a client-area page through a single sign-on link from the portal.</p>`
                )
            );
        }
        if (!s) {
            return sendHtml(
                res,
                403,
                messagePage(
                    pageCtx(),
                    'Please sign in',
                    'Your session has ended. Open this page again from the portal.'
                )
            );
        }
        const pc = { ...pageCtx(s.client), portalUrl: portalUrlFor(req) };
        const db = opts.db;
        const form = method === 'POST' ? new URLSearchParams(raw) : undefined;
        if (form && !safeEqual(form.get('token') ?? '', s.csrf)) {
            return sendHtml(
                res,
                403,
                messagePage(pc, 'Request refused', 'The form has expired. Go back and try again.')
            );
        }
        const clientId = s.client.id;
        const usableCards = () =>
            (
                db
                    .prepare(
                        `SELECT * FROM paymethods WHERE userid = ? AND type LIKE '%CreditCard' ORDER BY is_default DESC, id`
                    )
                    .all(clientId) as PayMethodRow[]
            ).filter((c) => !expired(c.expiry_date, opts.now()));

        if (path === '/dl.php') {
            // WHMCS's client-area download: type=i is an invoice PDF, only the signed-in client's own.
            const id = Number(url.searchParams.get('id'));
            const inv = Number.isSafeInteger(id) ? getInvoiceRow(db, id) : undefined;
            if (url.searchParams.get('type') !== 'i' || !inv || inv.userid !== clientId) {
                return sendHtml(
                    res,
                    404,
                    messagePage(pc, 'Invoice not found', 'This invoice does not exist or is not yours.')
                );
            }
            const items = db
                .prepare(`SELECT description, amount FROM invoice_items WHERE invoiceid = ? ORDER BY id`)
                .all(inv.id) as { description: string; amount: number }[];
            const pdf = invoicePdf(inv, items, balanceOf(db, inv));
            res.writeHead(200, {
                'content-type': 'application/pdf',
                'content-disposition': `attachment; filename="Invoice-${inv.invoicenum || inv.id}.pdf"`,
                'content-length': pdf.length,
                'cache-control': 'private, no-store'
            });
            res.end(pdf);
            return;
        }

        if (path === '/viewinvoice.php') {
            const id = Number(url.searchParams.get('id'));
            const inv = Number.isSafeInteger(id) ? getInvoiceRow(db, id) : undefined;
            if (!inv || inv.userid !== clientId) {
                return sendHtml(
                    res,
                    404,
                    messagePage(pc, 'Invoice not found', 'This invoice does not exist or is not yours.')
                );
            }
            let error: string | undefined;
            if (form) {
                const card = usableCards().find((c) => String(c.id) === form.get('paymethod'));
                const bal = balanceOf(db, inv);
                if (inv.status !== 'Unpaid' || bal <= 0) error = 'This invoice has nothing left to pay.';
                else if (!card) error = 'Choose a card that is on file and not expired.';
                else {
                    applyPayment(ctx, inv, {
                        transid: `testcard-${randomBytes(6).toString('hex')}`,
                        gateway: 'testcard',
                        date: nowStamp(opts.now()),
                        fees: 0
                    });
                    return redirect(res, `/viewinvoice.php?id=${inv.id}&paymentsuccess=true`);
                }
            }
            const fresh = getInvoiceRow(db, inv.id)!;
            const items = db
                .prepare(`SELECT description, amount FROM invoice_items WHERE invoiceid = ? ORDER BY id`)
                .all(inv.id) as { description: string; amount: number }[];
            return sendHtml(
                res,
                error ? 400 : 200,
                viewInvoicePage(pc, {
                    invoice: fresh,
                    balance: balanceOf(db, fresh),
                    items,
                    cards: usableCards(),
                    csrf: s.csrf,
                    paid: url.searchParams.get('paymentsuccess') === 'true' && fresh.status === 'Paid',
                    error
                })
            );
        }

        if (path === '/index.php' && url.searchParams.get('rp') === '/account/paymentmethods/add') {
            const returnRaw = url.searchParams.get('return') ?? '';
            const returnTo = /^viewinvoice\.php\?id=\d+$/.test(returnRaw) ? returnRaw : '';
            const state: CardFormState = { csrf: s.csrf, returnTo, name: '', expiry: '', errors: [] };
            if (form) {
                state.name = (form.get('cardname') ?? '').trim().slice(0, 100);
                state.expiry = (form.get('expiry') ?? '').trim().slice(0, 7);
                const number = (form.get('cardnumber') ?? '').replace(/[\s-]/g, '');
                if (!state.name)
                    state.errors.push({ field: 'card-name', message: 'Enter the name on the card.' });
                if (!number) state.errors.push({ field: 'card-number', message: 'Enter the card number.' });
                else if (!luhnValid(number)) {
                    state.errors.push({ field: 'card-number', message: 'Enter a valid card number.' });
                }
                const m = /^(0[1-9]|1[0-2])\s*\/\s*(\d{2})$/.exec(state.expiry);
                if (!m)
                    state.errors.push({ field: 'card-expiry', message: 'Enter the expiry date as MM/YY.' });
                else if (expired(`${m[1]}/${m[2]}`, opts.now())) {
                    state.errors.push({ field: 'card-expiry', message: 'This card has expired.' });
                }
                if (state.errors.length === 0 && m) {
                    storeCard(ctx, clientId, {
                        number,
                        expiryMmYy: `${m[1]}/${m[2]}`,
                        type: 'RemoteCreditCard',
                        description: '',
                        setDefault: false
                    });
                    return redirect(
                        res,
                        returnTo ? `/${returnTo}` : '/index.php?rp=/account/paymentmethods&added=1'
                    );
                }
            }
            return sendHtml(res, state.errors.length ? 400 : 200, addPayMethodPage(pc, state));
        }
        if (form) return sendHtml(res, 405, messagePage(pc, 'Not allowed', 'This page cannot be submitted.'));

        if (path === '/index.php' && url.searchParams.get('rp') === '/account/paymentmethods') {
            const methods = db
                .prepare(`SELECT * FROM paymethods WHERE userid = ? ORDER BY is_default DESC, id`)
                .all(clientId) as PayMethodRow[];
            return sendHtml(res, 200, payMethodsPage(pc, methods, url.searchParams.get('added') === '1'));
        }
        const action = url.searchParams.get('action') ?? '';
        const services = () =>
            (
                db
                    .prepare(`SELECT * FROM services WHERE userid = ? ORDER BY id`)
                    .all(clientId) as ServiceRow[]
            ).map((sv) => ({
                ...sv,
                label: productLabel(db, sv.packageid)
            }));
        if (path === '/clientarea.php' && action === 'invoices') {
            const invoices = db
                .prepare(`SELECT * FROM invoices WHERE userid = ? ORDER BY id DESC`)
                .all(clientId) as InvoiceRow[];
            return sendHtml(res, 200, invoicesPage(pc, invoices));
        }
        if (path === '/clientarea.php' && action === 'services')
            return sendHtml(res, 200, servicesPage(pc, services()));
        if (path === '/clientarea.php' && action === 'productdetails') {
            const sv = services().find((x) => String(x.id) === url.searchParams.get('id'));
            if (!sv)
                return sendHtml(
                    res,
                    404,
                    messagePage(pc, 'Service not found', 'This service does not exist or is not yours.')
                );
            const fields = db
                .prepare(
                    `SELECT f.name, v.value FROM customfield_values v JOIN customfields f ON f.id = v.field_id
                     WHERE f.type = 'product' AND v.relid = ? ORDER BY f.id`
                )
                .all(sv.id) as { name: string; value: string }[];
            return sendHtml(res, 200, serviceDetailPage(pc, sv, fields));
        }
        if (path === '/clientarea.php' && action === 'details')
            return sendHtml(res, 200, profilePage(pc, s.client));
        if (
            (path === '/clientarea.php' && action === '') ||
            path === '/' ||
            (path === '/index.php' && !url.searchParams.get('rp'))
        ) {
            const unpaid = db
                .prepare(`SELECT * FROM invoices WHERE userid = ? AND status = 'Unpaid'`)
                .all(clientId) as InvoiceRow[];
            return sendHtml(
                res,
                200,
                homePage(pc, {
                    unpaid: unpaid.length,
                    unpaidTotal: unpaid.reduce((sum, i) => sum + Math.max(0, balanceOf(db, i)), 0),
                    services: services().length,
                    payMethods: (
                        db.prepare(`SELECT COUNT(*) AS n FROM paymethods WHERE userid = ?`).get(clientId) as {
                            n: number;
                        }
                    ).n
                })
            );
        }
        return sendHtml(
            res,
            404,
            messagePage(
                pc,
                'Not available in the sandbox',
                'The sandbox only has the invoice, service and payment method pages.'
            )
        );
    }

    function setSystemUrl(u: string): void {
        systemUrl = u.replace(/\/+$/, '');
    }

    function destroyHeld(): void {
        for (const h of held) {
            clearTimeout(h.timer);
            h.socket.destroy();
        }
        held.clear();
    }

    const hasData = () => opts.db.prepare(`SELECT 1 FROM products LIMIT 1`).get() !== undefined;

    return { server, reset, setSystemUrl, destroyHeld, hasData, ctx };
}

// ---------------------------------------------------------------- helpers

function balanceOf(db: Db, inv: InvoiceRow): number {
    const r = db
        .prepare(
            `SELECT COALESCE(SUM(amountin), 0) - COALESCE(SUM(amountout), 0) AS paid FROM transactions WHERE invoiceid = ?`
        )
        .get(inv.id) as { paid: number };
    return inv.total - inv.credit - r.paid;
}

/** 'MM/YY' is valid through the end of that month. */
export function expired(mmYy: string | null, now: Date): boolean {
    const m = /^(\d{2})\/(\d{2})$/.exec(mmYy ?? '');
    if (!m) return true;
    const endOfMonth = Date.UTC(2000 + Number(m[2]), Number(m[1]), 1);
    return endOfMonth <= now.getTime();
}

/** State as stored, for test assertions: no password hashes, no SSO tokens or sessions. */
export function snapshot(db: Db) {
    const fieldMap = (type: string, relid: number) => {
        const rows = db
            .prepare(
                `SELECT v.field_id AS id, v.value FROM customfield_values v JOIN customfields f ON f.id = v.field_id
                 WHERE f.type = ? AND v.relid = ? ORDER BY v.field_id`
            )
            .all(type, relid) as { id: number; value: string }[];
        return Object.fromEntries(rows.map((r) => [r.id, r.value]));
    };
    const clients = (db.prepare(`SELECT * FROM clients ORDER BY id`).all() as ClientRow[]).map((c) => {
        const { password_hash, ...rest } = c;
        return { ...rest, hasPassword: password_hash !== null, customfields: fieldMap('client', c.id) };
    });
    const orders = (db.prepare(`SELECT * FROM orders ORDER BY id`).all() as Record<string, unknown>[]).map(
        (o) => ({
            ...o,
            amount: money(o.amount as number),
            serviceIds: (
                db.prepare(`SELECT id FROM services WHERE orderid = ? ORDER BY id`).all(o.id) as {
                    id: number;
                }[]
            ).map((r) => r.id)
        })
    );
    const services = (db.prepare(`SELECT * FROM services ORDER BY id`).all() as ServiceRow[]).map((sv) => ({
        ...sv,
        firstpaymentamount: money(sv.firstpaymentamount),
        amount: money(sv.amount),
        customfields: fieldMap('product', sv.id)
    }));
    const invoices = (db.prepare(`SELECT * FROM invoices ORDER BY id`).all() as InvoiceRow[]).map((i) => ({
        ...i,
        subtotal: money(i.subtotal),
        credit: money(i.credit),
        tax: money(i.tax),
        total: money(i.total),
        balance: money(balanceOf(db, i)),
        items: (
            db.prepare(`SELECT * FROM invoice_items WHERE invoiceid = ? ORDER BY id`).all(i.id) as Record<
                string,
                unknown
            >[]
        ).map((it) => ({ ...it, amount: money(it.amount as number) })),
        transactions: (
            db.prepare(`SELECT * FROM transactions WHERE invoiceid = ? ORDER BY id`).all(i.id) as Record<
                string,
                unknown
            >[]
        ).map((t) => ({
            ...t,
            amountin: money(t.amountin as number),
            fees: money(t.fees as number),
            amountout: money(t.amountout as number)
        }))
    }));
    const payMethods = db.prepare(`SELECT * FROM paymethods ORDER BY id`).all() as PayMethodRow[];
    const upgrades = (
        db.prepare(`SELECT * FROM upgrades ORDER BY id`).all() as Record<string, unknown>[]
    ).map((u) => ({
        ...u,
        amount: money(u.amount as number),
        recurringchange: money(u.recurringchange as number)
    }));
    const cancelRequests = db.prepare(`SELECT * FROM cancel_requests ORDER BY id`).all();
    return { clients, orders, services, invoices, payMethods, upgrades, cancelRequests };
}

function isForm(req: IncomingMessage): boolean {
    const type = (req.headers['content-type'] ?? '').toLowerCase();
    return (
        type === '' || type.startsWith('application/x-www-form-urlencoded') || type.startsWith('text/plain')
    );
}

function readBody(req: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        req.on('data', (c: Buffer) => {
            size += c.length;
            if (size > MAX_BODY) {
                reject(new Error('too large'));
                req.resume();
                return;
            }
            chunks.push(c);
        });
        req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        req.on('error', reject);
    });
}

/** PHP's json_encode escapes '/' as '\/'. */
function sendJson(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body).replace(/\//g, '\\/');
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(text);
}

function sendXml(res: ServerResponse, status: number, body: Record<string, unknown>): void {
    const esc = (s: string) =>
        s.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] ?? c);
    const inner = Object.entries(body)
        .map(([k, v]) => `<${k}>${esc(String(v))}</${k}>`)
        .join('');
    res.writeHead(status, { 'content-type': 'text/xml; charset=utf-8' });
    res.end(`<?xml version="1.0" encoding="utf-8"?>\n<whmcsapi>${inner}</whmcsapi>`);
}

const PAGE_HEADERS = {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer'
};

function sendHtml(res: ServerResponse, status: number, html: string): void {
    res.writeHead(status, PAGE_HEADERS);
    res.end(html);
}

function redirect(res: ServerResponse, location: string): void {
    res.writeHead(303, { location, 'cache-control': 'no-store' });
    res.end();
}

function normaliseIp(ip: string): string {
    return ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
}

function safeEqual(a: string, b: string): boolean {
    const ha = createHash('sha256').update(a).digest();
    const hb = createHash('sha256').update(b).digest();
    return timingSafeEqual(ha, hb) && a.length > 0;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export { safeRelativePath };
