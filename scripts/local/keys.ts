import fs from 'node:fs';
import path from 'node:path';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';

export interface JwtKeyPair {
    privateKeyPem: string;
    publicKeyPem: string;
}

export async function generateJwtKeyPair(): Promise<JwtKeyPair> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', {
        extractable: true,
        modulusLength: 2048
    });
    return { privateKeyPem: await exportPKCS8(privateKey), publicKeyPem: await exportSPKI(publicKey) };
}

// The local stand-in for the org certificate: generated once into .local/jwt/, reused afterwards.
export async function ensureJwtKeyPair(dir: string): Promise<JwtKeyPair & { created: boolean }> {
    const privateFile = path.join(dir, 'private.pem');
    const publicFile = path.join(dir, 'public.pem');
    if (fs.existsSync(privateFile) && fs.existsSync(publicFile)) {
        return {
            privateKeyPem: fs.readFileSync(privateFile, 'utf8'),
            publicKeyPem: fs.readFileSync(publicFile, 'utf8'),
            created: false
        };
    }
    const pair = await generateJwtKeyPair();
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(privateFile, pair.privateKeyPem, { mode: 0o600 });
    fs.writeFileSync(publicFile, pair.publicKeyPem, { mode: 0o644 });
    return { ...pair, created: true };
}
