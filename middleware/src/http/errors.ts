/** The error envelope: { error: { code, message, retryable, details? }, requestId }. */
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { AppError, BillingRejectedError, BillingUnavailableError, ERROR_CATALOG } from '../domain/errors';

export function sendError(res: Response, err: AppError): void {
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
    res.status(err.status).json({ error: body, requestId: res.locals.requestId });
}

interface HttpError {
    type?: string;
    status?: number;
    statusCode?: number;
}

/** Maps every thrown thing to the envelope; never leaks stack traces or WHMCS text. */
export function errorHandler(logger: Logger) {
    return (err: unknown, _req: Request, res: Response, next: NextFunction) => {
        if (res.headersSent) return next(err);
        const reqId = res.locals.requestId as string;
        if (err instanceof AppError) {
            if (err.code === 'UNAUTHENTICATED') {
                logger.warn(
                    { reqId, reason: res.locals.authFailure ?? 'missing_or_malformed' },
                    'unauthenticated'
                );
            }
            return sendError(res, err);
        }
        if (err instanceof BillingUnavailableError) {
            return sendError(res, new AppError('BILLING_UNAVAILABLE'));
        }
        if (err instanceof BillingRejectedError) {
            logger.warn(
                { reqId, action: err.action, detail: err.detail },
                'billing system refused a request'
            );
            return sendError(res, new AppError('BILLING_REJECTED'));
        }
        const httpErr = err as HttpError;
        if (httpErr && typeof httpErr === 'object' && typeof httpErr.type === 'string') {
            // body-parser errors
            if (httpErr.type === 'entity.too.large') return sendError(res, new AppError('PAYLOAD_TOO_LARGE'));
            if (httpErr.type === 'encoding.unsupported' || httpErr.type === 'charset.unsupported') {
                return sendError(res, new AppError('UNSUPPORTED_MEDIA_TYPE'));
            }
            const status = httpErr.status ?? httpErr.statusCode ?? 500;
            if (status >= 400 && status < 500) {
                return sendError(
                    res,
                    new AppError('VALIDATION_FAILED', 'The request body is not valid JSON.', {
                        issues: [{ path: '', message: 'body must be a JSON object' }]
                    })
                );
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
        return sendError(res, new AppError('INTERNAL_ERROR', ERROR_CATALOG.INTERNAL_ERROR.message));
    };
}
