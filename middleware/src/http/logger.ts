/**
 * pino logger. Every line carries the request id (from AsyncLocalStorage), secrets are redacted by path,
 * and bodies are never logged in the first place.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type DestinationStream, type Logger } from 'pino';

export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

export const REDACT_PATHS = [
    'authorization',
    'headers.authorization',
    'req.headers.authorization',
    'password',
    '*.password',
    'secret',
    '*.secret',
    'token',
    '*.token',
    'accessToken',
    '*.accessToken',
    'url',
    '*.url',
    'redirectUrl',
    '*.redirectUrl'
];

/**
 * Lines to stdout are written in batches of at least 4 KiB, and at least every 200 ms: one write per line
 * (an fs.write through libuv's thread pool) cost more CPU than the rest of a read's logging. pino flushes
 * what is left when the process exits, also on a crash.
 */
export const STDOUT_FLUSH_MS = 200;

export function createLogger(level: string, destination?: DestinationStream): Logger {
    return pino(
        {
            level,
            base: { service: 'portal-middleware' },
            redact: { paths: REDACT_PATHS, censor: '[redacted]' },
            mixin(mergeObject: object) {
                const ctx = requestContext.getStore();
                return ctx && !('reqId' in mergeObject) ? { reqId: ctx.requestId } : {};
            }
        },
        destination ??
            // Silent writes nothing: no stdout stream, whose flush timer would write an empty batch every 200 ms.
            (level === 'silent'
                ? { write: () => undefined }
                : pino.destination({ dest: 1, minLength: 4096, periodicFlush: STDOUT_FLUSH_MS }))
    );
}
