/**
 * The Express app: request ids, security headers, access logs, JWT on /v1, strict JSON bodies
 * (64 KiB), the routes, and the error envelope for everything else. GET routes under /v1 are answered
 * by the lean path (lean-reads.ts) in front of it, with the same route definitions.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { AppError } from '../domain/errors';
import type { ServiceDeps } from '../domain/services/deps';
import { requireJwt, type TokenVerifier } from './auth';
import { errorHandler } from './errors';
import { createLeanReads, type RequestPreamble } from './lean-reads';
import { requestContext } from './logger';
import { buildOpenApiDocument } from './openapi';
import type { RouteDef } from './route';
import { billingRoutes } from './routes/billing';
import { orderRoutes } from './routes/orders';
import { profileRoutes } from './routes/profiles';
import { serviceChangeRoutes } from './routes/service-changes';
import { parseOrThrow } from './validate';

export interface ReadinessChecks {
    store(): Promise<void>;
    whmcs(): Promise<void>;
}

export interface AppOptions {
    deps: ServiceDeps;
    verifyToken: TokenVerifier;
    logger: Logger;
    readiness: ReadinessChecks;
    /** Timeout of each readiness check. */
    readinessTimeoutMs?: number;
    version?: string;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
export const BODY_LIMIT = '64kb';

export function allRoutes(deps: ServiceDeps): RouteDef[] {
    return [
        ...profileRoutes(deps),
        ...billingRoutes(deps),
        ...orderRoutes(deps),
        ...serviceChangeRoutes(deps)
    ];
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('timeout')), ms);
        promise.then(
            () => {
                clearTimeout(timer);
                resolve();
            },
            (err) => {
                clearTimeout(timer);
                reject(err);
            }
        );
    });
}

/** helmet's headers (constant with its defaults) and Cache-Control, as the Express stack sets them. */
function constantHeaders(): [string, string][] {
    const headers: [string, string][] = [];
    const res = {
        setHeader: (name: string, value: unknown) => headers.push([name, String(value)]),
        removeHeader: () => undefined,
        getHeader: () => undefined
    };
    helmet()({} as Request, res as unknown as Response, () => undefined);
    return [...headers, ['Cache-Control', 'no-store']];
}

/** A route's input validated, then its handler: for the Express stack and the lean path alike. */
const runRoute: RequestPreamble['runRoute'] = (route, raw, io) => {
    const params = route.params ? parseOrThrow(route.params, raw.params, 'params') : {};
    const query = route.query ? parseOrThrow(route.query, raw.query, 'query') : {};
    let body: unknown = undefined;
    if (route.body) {
        body = parseOrThrow(route.body, raw.body);
    } else if (raw.body !== undefined && Object.keys(raw.body as object).length > 0) {
        throw new AppError('VALIDATION_FAILED', undefined, {
            issues: [{ path: '', message: 'this route takes no body' }]
        });
    }
    return route.handler(new HandlerInput(params, query, body, io));
};

/**
 * What a handler gets. A class: an object literal with getters costs V8 about a microsecond to build
 * (each getter is defined at run time), a hundred times a class instance, and this is built per request.
 */
class HandlerInput {
    constructor(
        readonly params: unknown,
        readonly query: unknown,
        readonly body: unknown,
        private readonly io: { readonly req: Request; readonly res: Response }
    ) {}

    get req(): Request {
        return this.io.req;
    }

    get res(): Response {
        return this.io.res;
    }
}

/** What every request gets before and around its route, on either path. */
export function requestPreamble(logger: Logger): RequestPreamble {
    // The access line's fields are fixed and hold nothing secret (the path has no query): redaction, which
    // cost six times the rest of the line, has nothing to do there.
    const access = logger.child({}, { redact: { paths: [], censor: '[redacted]' } });
    return {
        requestId: (given) =>
            typeof given === 'string' && REQUEST_ID.test(given) ? given : globalThis.crypto.randomUUID(),
        headers: constantHeaders(),
        logRequest: (reqId, method, path, status, started) => {
            const ms = Math.floor(performance.now() - started);
            access.info({ reqId, method, path, status, ms }, 'request');
        },
        runRoute
    };
}

export function createApp(options: AppOptions): express.Express {
    const { deps, logger } = options;
    const routes = allRoutes(deps);
    const openApi = buildOpenApiDocument(routes, options.version ?? '1.0.0');
    const preamble = requestPreamble(logger);

    const app = express();
    app.disable('x-powered-by');
    app.set('etag', false);
    app.set('query parser', 'simple');

    // Request id first, so every answer (even a 413) carries one.
    app.use((req: Request, res: Response, next: NextFunction) => {
        const requestId = preamble.requestId(req.get('x-request-id'));
        res.locals.requestId = requestId;
        res.setHeader('X-Request-Id', requestId);
        const started = performance.now();
        res.on('finish', () => preamble.logRequest(requestId, req.method, req.path, res.statusCode, started));
        requestContext.run({ requestId }, next);
    });
    app.use(helmet());
    app.use((_req: Request, res: Response, next: NextFunction) => {
        res.setHeader('Cache-Control', 'no-store');
        next();
    });

    app.get('/healthz', (_req, res) => {
        res.json({ status: 'ok' });
    });
    app.get('/readyz', async (_req, res) => {
        const timeout = options.readinessTimeoutMs ?? 2000;
        const [store, whmcs] = await Promise.all(
            [options.readiness.store, options.readiness.whmcs].map((check) =>
                withTimeout(check(), timeout).then(
                    () => 'ok' as const,
                    () => 'fail' as const
                )
            )
        );
        const ready = store === 'ok' && whmcs === 'ok';
        res.status(ready ? 200 : 503).json({
            status: ready ? 'ready' : 'not_ready',
            checks: { store, whmcs }
        });
    });
    app.get('/openapi.json', (_req, res) => {
        res.json(openApi);
    });

    app.use('/v1', requireJwt(options.verifyToken));
    // Salesforce never compresses: a compressed body is refused (415) instead of inflated, so a bogus one
    // cannot reach zlib.
    app.use(express.json({ limit: BODY_LIMIT, strict: true, inflate: false }));
    // The body parser resumes outside the request's async context: enter it again for the handlers.
    app.use((_req: Request, res: Response, next: NextFunction) => {
        requestContext.run({ requestId: res.locals.requestId as string }, next);
    });

    for (const route of routes) {
        app[route.method](route.path, async (req: Request, res: Response) => {
            const raw = { params: { ...req.params }, query: { ...req.query }, body: req.body as unknown };
            const result = await runRoute(route, raw, { req, res });
            if (result.headers) for (const [k, v] of Object.entries(result.headers)) res.setHeader(k, v);
            res.status(result.status).json(result.body);
        });
    }

    app.use((_req: Request, _res: Response) => {
        throw new AppError('NOT_FOUND', 'No such endpoint.');
    });
    app.use(errorHandler(logger));

    // Express's app function calls app.handle: the lean path goes first and hands on what it does not take.
    const lean = createLeanReads({ app, routes, verifyToken: options.verifyToken, logger, preamble });
    const inner = app as unknown as { handle: (req: Request, res: Response, next?: NextFunction) => void };
    const handle = inner.handle.bind(app);
    inner.handle = (req, res, next) => {
        if (!lean(req, res)) handle(req, res, next);
    };
    return app;
}
