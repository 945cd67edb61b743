/**
 * The lean path for the GET routes under /v1: the same route definitions, JWT check, validation, handler,
 * headers, error envelope and access log as the Express stack, without its per-request machinery (a chain
 * of ten layers, prototype swaps on req and res, helmet recomputing constant headers, res.json's content
 * negotiation), which cost more CPU than the rest of a read. A request it is not sure to answer exactly as
 * Express would (any other method, a body, an unusual URL, a parameter that does not decode, no matching
 * route) goes to Express untouched. A handler that reads `req` or `res` gets Express's own objects.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import querystring from 'node:querystring';
import type express from 'express';
import type { Logger } from 'pino';
import { match, type MatchFunction } from 'path-to-regexp';
import { authenticate, type TokenVerifier } from './auth';
import { sendError, toAppError } from './errors';
import { requestContext } from './logger';
import type { RouteDef } from './route';

/** Everything Express answers a request with before its route runs. */
export interface RequestPreamble {
    requestId(given: string | string[] | undefined): string;
    /** Security headers and Cache-Control, in the order Express sets them. */
    headers: [string, string][];
    /** `started`: performance.now() when the request came in. */
    logRequest(requestId: string, method: string, path: string, status: number, started: number): void;
    runRoute(
        route: RouteDef,
        raw: { params: object; query: object; body: unknown },
        io: { readonly req: express.Request; readonly res: express.Response }
    ): ReturnType<RouteDef['handler']>;
}

// What parseurl (Express's URL parsing) does not take on its fast path.
const UNUSUAL_URL = /[\s#\u00a0\ufeff]/;

/**
 * Express's req and res, made on first use (a handler that reads neither never pays for them). A class: an
 * object literal with getters costs V8 about a microsecond to build, a hundred times a class instance.
 */
class ExpressObjects {
    private objects?: { req: express.Request; res: express.Response };

    constructor(private readonly make: () => { req: express.Request; res: express.Response }) {}

    get made(): boolean {
        return this.objects !== undefined;
    }

    get req(): express.Request {
        return (this.objects ??= this.make()).req;
    }

    get res(): express.Response {
        return (this.objects ??= this.make()).res;
    }
}

/** Express's param decoding; a param that does not decode throws here and Express answers it (400). */
function decodeParam(value: string): string {
    return value.indexOf('%') === -1 ? value : decodeURIComponent(value);
}

export function createLeanReads(options: {
    app: express.Express;
    routes: RouteDef[];
    verifyToken: TokenVerifier;
    logger: Logger;
    preamble: RequestPreamble;
}): (req: IncomingMessage, res: ServerResponse) => boolean {
    const { app, logger, preamble } = options;
    const flatHeaders = preamble.headers.flat();
    // Compiled as Express's router compiles a route path: case-insensitive, trailing slash allowed.
    const table: {
        route: RouteDef;
        match: MatchFunction<Record<string, string>>;
        /**
         * A plain param matches exactly one non-empty segment: only a path with as many can match. Null for a
         * pattern with an optional part or a wildcard, which is always tried.
         */
        segments: number | null;
        /** The last segment when it is literal (lower case) in a plain pattern: a path must end with it to match. */
        last: string | null;
    }[] = options.routes
        .filter((r) => r.method === 'get' && r.path.startsWith('/v1/'))
        .map((route) => {
            const pattern = route.path.replace(/\/+$/, '');
            const segments = pattern.split('/');
            const last = segments[segments.length - 1];
            const plain = !/[{}*]/.test(pattern);
            return {
                route,
                match: match(pattern, { sensitive: false, end: true, trailing: true, decode: decodeParam }),
                segments: plain ? segments.length : null,
                last: plain && !last.startsWith(':') ? last.toLowerCase() : null
            };
        });

    /** The headers Express sets before a route runs, set one by one (a handler may override them). */
    function setPreambleHeaders(res: ServerResponse, requestId: string) {
        res.setHeader('X-Request-Id', requestId);
        for (const [name, value] of preamble.headers) res.setHeader(name, value);
    }

    /** Turns the node objects into Express's, with the headers Express would have set by now. */
    function upgrade(
        req: IncomingMessage,
        res: ServerResponse,
        requestId: string,
        jwt: unknown,
        params: object
    ) {
        const r = Object.setPrototypeOf(req, app.request) as express.Request;
        const s = Object.setPrototypeOf(res, app.response) as express.Response;
        Object.assign(r, { res: s, params, baseUrl: '', originalUrl: req.url });
        Object.assign(s, {
            req: r,
            locals: Object.assign(Object.create(null) as object, { requestId, jwt })
        });
        setPreambleHeaders(s, requestId);
        return { req: r, res: s };
    }

    async function serve(
        req: IncomingMessage,
        res: ServerResponse,
        route: RouteDef,
        raw: { params: Record<string, string>; query: object },
        path: string
    ): Promise<void> {
        const started = performance.now();
        const requestId = preamble.requestId(req.headers['x-request-id']);
        let jwt: unknown;
        const io = new ExpressObjects(() => upgrade(req, res, requestId, jwt, raw.params));
        try {
            jwt = await authenticate(options.verifyToken, req.headers.authorization);
            const result = await requestContext.run({ requestId }, () =>
                preamble.runRoute(route, { params: raw.params, query: raw.query, body: undefined }, io)
            );
            const json = JSON.stringify(result.body) as string | undefined;
            const plain = !io.made && !result.headers && json !== undefined;
            if (!plain || result.status === 204 || result.status === 304) {
                // Whatever Express's res.json does with these (and headers set in any case), it does.
                const { res: r } = io;
                if (result.headers) for (const [k, v] of Object.entries(result.headers)) r.setHeader(k, v);
                r.status(result.status).json(result.body);
            } else {
                // A flat [name, value, …] list: no object of sixteen keys built per answer.
                const headers = ['X-Request-Id', requestId, ...flatHeaders];
                headers.push('Content-Type', 'application/json; charset=utf-8');
                headers.push('Content-Length', String(Buffer.byteLength(json)));
                res.writeHead(result.status, headers);
                res.end(json);
            }
        } catch (err) {
            if (res.headersSent) {
                res.destroy();
            } else {
                if (!io.made) setPreambleHeaders(res, requestId);
                sendError(res, toAppError(err, logger, requestId), requestId);
            }
        }
        preamble.logRequest(requestId, 'GET', path, res.statusCode, started);
    }

    return (req, res) => {
        if (req.method !== 'GET') return false;
        if (req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined) {
            return false;
        }
        const url = req.url ?? '';
        if (url.charCodeAt(0) !== 0x2f || UNUSUAL_URL.test(url)) return false;
        const q = url.indexOf('?');
        const path = q < 0 ? url : url.slice(0, q);
        // Cheap checks before a route's regular expression: its segment count and literal last segment.
        const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
        const segments = trimmed.split('/');
        const last = segments[segments.length - 1].toLowerCase();
        for (const entry of table) {
            if (entry.segments !== null && entry.segments !== segments.length) continue;
            if (entry.last !== null && entry.last !== last) continue;
            let found: ReturnType<typeof entry.match>;
            try {
                found = entry.match(path);
            } catch {
                return false;
            }
            if (!found) continue;
            const query = q < 0 ? {} : { ...querystring.parse(url.slice(q + 1)) };
            void serve(req, res, entry.route, { params: { ...found.params }, query }, path);
            return true;
        }
        return false;
    };
}
