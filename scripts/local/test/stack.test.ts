import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ensureJwtKeyPair } from '../keys';
import { assertPortFree, PortInUseError } from '../stack';

describe('npm start helpers', () => {
    it('names the taken port and the variable that moves it', async () => {
        const server = net.createServer();
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        const port = (server.address() as net.AddressInfo).port;
        try {
            await expect(assertPortFree(port, 'portal preview', 'PREVIEW_PORT')).rejects.toThrow(
                PortInUseError
            );
            await expect(assertPortFree(port, 'portal preview', 'PREVIEW_PORT')).rejects.toThrow(
                `port ${port} (portal preview) is already in use; set PREVIEW_PORT to another port`
            );
        } finally {
            server.close();
        }
        await expect(assertPortFree(port, 'portal preview', 'PREVIEW_PORT')).resolves.toBeUndefined();
    });

    it('generates the JWT key pair once and reuses it', async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jwt-'));
        try {
            const first = await ensureJwtKeyPair(path.join(dir, 'jwt'));
            const second = await ensureJwtKeyPair(path.join(dir, 'jwt'));
            expect(first.created).toBe(true);
            expect(second.created).toBe(false);
            expect(second.publicKeyPem).toBe(first.publicKeyPem);
            expect(first.publicKeyPem).toMatch(/BEGIN PUBLIC KEY/);
            expect(fs.statSync(path.join(dir, 'jwt', 'private.pem')).mode & 0o077).toBe(0);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
