/** startMiddleware in-process: listens, answers, closes; one-line reasons when it cannot start. */
import { connect, createServer, type Server } from 'node:net';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/http/logger';
import { startMiddleware } from '../../src/server';
import { testKeys } from '../helpers/stack';

async function config(env: Record<string, string> = {}) {
    return loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_PATH: ':memory:',
        JWT_PUBLIC_KEYS: (await testKeys()).publicPem,
        LOG_LEVEL: 'silent',
        ...env
    });
}

it('listens, serves /healthz, logs through the given logger, and closes', async () => {
    const logs: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void logs.push(line) });
    const middleware = await startMiddleware(await config(), { logger });
    try {
        expect(middleware.url).toBe(`http://127.0.0.1:${middleware.port}`);
        const res = await fetch(`${middleware.url}/healthz`);
        expect(await res.json()).toEqual({ status: 'ok' });
        expect(logs.some((line) => line.includes('"msg":"middleware ready"'))).toBe(true);
    } finally {
        await middleware.close();
    }
    await expect(fetch(`${middleware.url}/healthz`)).rejects.toThrow();
    await expect(middleware.close()).resolves.toBeUndefined();
});

it('names DATABASE_URL, without its password, when PostgreSQL cannot be reached', async () => {
    const err = (await startMiddleware(
        await config({ DATABASE_URL: 'postgres://portal:s3cret-pw@127.0.0.1:1/portal' })
    ).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/^DATABASE_URL: /);
    expect(err.message).not.toContain('s3cret-pw');
});

it('a connection accepted but not yet parsed when shutdown begins is answered 503, not reset', async () => {
    const middleware = await startMiddleware(await config());
    const socket = connect(middleware.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    await new Promise((r) => setTimeout(r, 50)); // the server has accepted it
    const closed = middleware.close();
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString()));
    const ended = new Promise<string>((resolve) => {
        socket.once('close', () => resolve(answer));
        socket.once('error', (err: NodeJS.ErrnoException) => resolve(`error ${err.code}`));
    });
    await new Promise((r) => setTimeout(r, 200)); // shutdown is under way; the client sends only now
    socket.write('POST /v1/orders/check HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}');
    const text = await ended;
    expect(text).toMatch(/^HTTP\/1\.1 503 /);
    expect(text).toMatch(/connection: close/i);
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toMatchObject({
        error: { code: 'SERVICE_UNAVAILABLE', retryable: true }
    });
    await closed;
});

it('names a taken port', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as { port: number }).port;
    try {
        await expect(startMiddleware(await config({ PORT: String(port) }))).rejects.toThrow(
            `port ${port} is already in use (set PORT)`
        );
    } finally {
        blocker.close();
    }
});
