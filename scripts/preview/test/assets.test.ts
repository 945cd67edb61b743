import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import express from 'express';
import request from 'supertest';
import {
    pickEncoding,
    precompressedAssets,
    removeStaleAssets,
    writePrecompressed,
    type BuiltAsset
} from '../assets';

describe('pickEncoding', () => {
    it.each([
        ['br, gzip', 'br'],
        ['gzip, deflate, br, zstd', 'br'],
        ['gzip', 'gzip'],
        ['gzip;q=1, br;q=0.5', 'gzip'],
        ['br;q=0, gzip', 'gzip'],
        ['br;q=0.8, gzip;q=0.8', 'br'],
        ['*', 'br'],
        ['*;q=0', 'identity'],
        ['deflate', 'identity'],
        ['identity', 'identity'],
        ['br;q=oops, gzip', 'gzip'],
        ['', 'identity'],
        [undefined, 'identity']
    ])('%s → %s', (header, expected) => {
        expect(pickEncoding(header)).toBe(expected);
    });
});

// The body as sent (supertest would decode it).
async function rawGet(
    app: express.Express,
    url: string,
    acceptEncoding: string
): Promise<{ status?: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    try {
        return await new Promise((resolve, reject) => {
            http.get(
                { host: '127.0.0.1', port, path: url, headers: { 'accept-encoding': acceptEncoding } },
                (res) => {
                    const chunks: Buffer[] = [];
                    res.on('data', (chunk: Buffer) => chunks.push(chunk));
                    res.on('end', () =>
                        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) })
                    );
                }
            ).on('error', reject);
        });
    } finally {
        server.close();
    }
}

describe('precompressed assets', () => {
    const script = Buffer.from(`export const greeting = "${'hello '.repeat(2000)}";\n`);
    let dir: string;
    let asset: BuiltAsset;
    let app: express.Express;

    beforeEach(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-assets-'));
        asset = await writePrecompressed(dir, 'build/app-abc123.js', script);
        app = express();
        app.use(
            '/assets',
            precompressedAssets(dir, () => [asset])
        );
        app.use((_req, res) => {
            res.status(404).send('next');
        });
    });

    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('writes brotli and gzip copies that decode to the file, smaller than it', () => {
        const file = path.join(dir, asset.path);
        expect(fs.readFileSync(file)).toEqual(script);
        expect(zlib.brotliDecompressSync(fs.readFileSync(`${file}.br`))).toEqual(script);
        expect(zlib.gunzipSync(fs.readFileSync(`${file}.gz`))).toEqual(script);
        expect(asset).toEqual({
            path: 'build/app-abc123.js',
            bytes: script.length,
            gzip: fs.statSync(`${file}.gz`).size,
            br: fs.statSync(`${file}.br`).size
        });
        expect(asset.br).toBeLessThan(asset.gzip);
        expect(asset.gzip).toBeLessThan(asset.bytes / 10);
    });

    it('reuses a complete set and rebuilds an incomplete one', async () => {
        const br = path.join(dir, `${asset.path}.br`);
        fs.writeFileSync(br, 'kept');
        expect((await writePrecompressed(dir, asset.path, script)).br).toBe(4);
        fs.rmSync(path.join(dir, `${asset.path}.gz`));
        await writePrecompressed(dir, asset.path, script);
        expect(zlib.brotliDecompressSync(fs.readFileSync(br))).toEqual(script);
    });

    it.each([
        ['br, gzip', 'br', (body: Buffer) => zlib.brotliDecompressSync(body)],
        ['gzip', 'gzip', (body: Buffer) => zlib.gunzipSync(body)],
        ['identity', undefined, (body: Buffer) => body]
    ])('sends %s as %s, cached for a year', async (accept, encoding, decode) => {
        const res = await rawGet(app, `/assets/${asset.path}`, accept);
        expect(res.status).toBe(200);
        expect(res.headers['content-encoding']).toBe(encoding);
        expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
        expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(res.headers.vary).toBe('Accept-Encoding');
        const body = res.body;
        expect(Number(res.headers['content-length'])).toBe(body.length);
        expect(decode(body)).toEqual(script);
    });

    it('answers HEAD with the headers only', async () => {
        const res = await request(app).head(`/assets/${asset.path}`).set('Accept-Encoding', 'gzip');
        expect(res.status).toBe(200);
        expect(res.headers['content-encoding']).toBe('gzip');
        expect(Number(res.headers['content-length'])).toBe(asset.gzip);
    });

    it('passes on anything the build did not list, however it is spelled', async () => {
        fs.writeFileSync(path.join(dir, 'build', 'stray.js'), 'secret');
        for (const url of [
            '/assets/build/stray.js',
            `/assets/${asset.path}.br`,
            '/assets/build/../build/app-abc123.js.gz',
            '/assets/%2e%2e/assets.test.ts'
        ]) {
            const res = await request(app).get(url);
            expect([url, res.status, res.text]).toEqual([url, 404, 'next']);
        }
        expect((await request(app).post(`/assets/${asset.path}`)).status).toBe(404);
    });

    it('removes what earlier builds left, keeping the listed files and their copies', async () => {
        const old = await writePrecompressed(dir, 'build/app-old999.js', script);
        removeStaleAssets(dir, [asset]);
        const left = fs.readdirSync(path.join(dir, 'build')).sort();
        expect(left).toEqual(['app-abc123.js', 'app-abc123.js.br', 'app-abc123.js.gz']);
        expect(fs.existsSync(path.join(dir, old.path))).toBe(false);
    });
});
