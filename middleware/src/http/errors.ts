/** The error envelope: { error: { code, message, retryable, details? }, requestId }. */
import type { ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { AppError, BillingRejectedError, BillingUnavailableError, ERROR_CATALOG } from '../domain/errors';
import { TokenRefused } from './auth';

/**
 * Writes the envelope on a plain node response (Express's are ones too): the same bytes `res.json` would
 * send, for the Express stack and the lean read path alike. Headers already set (request id, security
 * headers) stay.
 */
export function sendError(res: ServerResponse, err: AppError, requestId: string): void {
    const body: Record<string, unknown> = {
        code: err.code,
        message: err.message,
        retryable: err.retryable
    };
    if (err.details) body.details = err.details;
    if (typeof err.details?.retryAfterSeconds === 'number') {
        res.setHeader('Retry-After', String(err.details.retryAfterSeconds));
    }
    if (err.code === 'UNAUTHENTICATED') res.setHeader('WWW-Authenticate', 'Bearer');
    const json = JSON.stringify({ error: body, requestId });
    res.statusCode = err.status;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', Buffer.byteLength(json));
    res.end(json);
}

interface HttpError {
    type?: string;
    status?: number;
    statusCode?: number;
}

/**
 * Maps every thrown thing to the AppError to answer, logging what an operator must see; never leaks stack
 * traces or WHMCS text.
 */
export function toAppError(err: unknown, logger: Logger, reqId: string): AppError {
    if (err instanceof AppError) {
        if (err.code === 'UNAUTHENTICATED') {
            const reason = err instanceof TokenRefused ? err.reason : undefined;
            logger.warn({ reqId, reason: reason ?? 'missing_or_malformed' }, 'unauthenticated');
        }
        return err;
    }
    if (err instanceof BillingUnavailableError) return new AppError('BILLING_UNAVAILABLE');
    if (err instanceof BillingRejectedError) {
        logger.warn({ reqId, action: err.action, detail: err.detail }, 'billing system refused a request');
        return new AppError('BILLING_REJECTED');
    }
    const httpErr = err as HttpError;
    if (httpErr && typeof httpErr === 'object' && typeof httpErr.type === 'string') {
        // body-parser errors
        if (httpErr.type === 'entity.too.large') return new AppError('PAYLOAD_TOO_LARGE');
        if (httpErr.type === 'encoding.unsupported' || httpErr.type === 'charset.unsupported') {
            return new AppError('UNSUPPORTED_MEDIA_TYPE');
        }
        const status = httpErr.status ?? httpErr.statusCode ?? 500;
        if (status >= 400 && status < 500) {
            return new AppError('VALIDATION_FAILED', 'The request body is not valid JSON.', {
                issues: [{ path: '', message: 'body must be a JSON object' }]
            });
        }
    }
    logger.error(
        {
            reqId,
            err:
                err instanceof Error
                    ? { name: err.name, message: err.message, stack: err.stack }
                    : String(err)
        },
        'unhandled error'
    );
    return new AppError('INTERNAL_ERROR', ERROR_CATALOG.INTERNAL_ERROR.message);
}

/** Express's last handler: the envelope for everything thrown. */
export function errorHandler(logger: Logger) {
    return (err: unknown, _req: Request, res: Response, next: NextFunction) => {
        if (res.headersSent) return next(err);
        const reqId = res.locals.requestId as string;
        sendError(res, toAppError(err, logger, reqId), reqId);
    };
}
