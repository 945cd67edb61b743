/**
 * Process entry: `npm run middleware`. Prints the URL once listening; exits 1 with a one-line reason when
 * it cannot start; shuts down gracefully on SIGTERM/SIGINT. The wiring is in `server.ts`.
 */
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger } from './http/logger';
import { startMiddleware } from './server';

function fail(reason: string): never {
    process.stderr.write(`middleware: cannot start: ${reason}\n`);
    process.exit(1);
}

async function main(config: Config): Promise<void> {
    const logger = createLogger(config.logLevel);
    const middleware = await startMiddleware(config, { logger });
    let stopping = false;
    const shutdown = (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'shutting down');
        void middleware.close().finally(() => {
            logger.info({}, 'stopped');
            logger.flush();
            process.exit(0);
        });
    };
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    process.on('SIGINT', () => shutdown('SIGINT'));
    // Announced only once the handlers are in: whoever reads this line may signal at once.
    process.stdout.write(`middleware listening on ${middleware.url}\n`);
}

let config: Config;
try {
    config = loadConfig(process.env);
} catch (err) {
    if (err instanceof ConfigError) fail(err.problems.join('; '));
    throw err;
}
main(config).catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
