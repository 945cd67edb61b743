/** Test RSA key pairs and token signing (jose). */
import { SignJWT, exportSPKI, generateKeyPair, type CryptoKey, type JWTPayload } from 'jose';

export interface TestKeyPair {
    privateKey: CryptoKey;
    publicKey: CryptoKey;
    publicPem: string;
}

export async function newKeyPair(): Promise<TestKeyPair> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', {
        extractable: true,
        modulusLength: 2048
    });
    return { privateKey, publicKey, publicPem: await exportSPKI(publicKey) };
}

export const TEST_ISSUER = 'salesforce-portal';
export const TEST_AUDIENCE = 'portal-middleware';

export interface SignOptions {
    issuer?: string;
    audience?: string;
    /** Seconds from now; negative = already expired. */
    expiresIn?: number;
    claims?: JWTPayload;
    omitExp?: boolean;
    /** Seconds from now for `iat` (default 0; positive = issued in the future). */
    issuedIn?: number;
}

export async function signToken(key: CryptoKey, options: SignOptions = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({ ...(options.claims ?? {}) })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
        .setIssuer(options.issuer ?? TEST_ISSUER)
        .setAudience(options.audience ?? TEST_AUDIENCE)
        .setSubject('005000000000001AAA')
        .setIssuedAt(now + (options.issuedIn ?? 0));
    if (!options.omitExp) jwt.setExpirationTime(now + (options.expiresIn ?? 300));
    return jwt.sign(key);
}
