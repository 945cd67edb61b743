/**
 * Bearer JWT verification: RS256 only, issuer, audience and expiry checked, a small clock skew, and any
 * of several configured keys (rotation). Keys are SPKI public keys or X.509 certificates in PEM.
 */
import { hash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import {
    importSPKI,
    importX509,
    jwtVerify,
    errors as joseErrors,
    type CryptoKey,
    type JWTPayload
} from 'jose';
import { AppError } from '../domain/errors';

export interface JwtOptions {
    publicKeys: readonly string[];
    issuer: string;
    audience: string;
    clockSkewSeconds: number;
    /** Tokens whose exp lies further ahead than this are refused: Salesforce mints short-lived ones. */
    maxLifetimeSeconds?: number;
}

export type TokenVerifier = (token: string) => Promise<JWTPayload>;

export async function importPublicKeys(pems: readonly string[]): Promise<CryptoKey[]> {
    return Promise.all(
        pems.map(async (pem, i) => {
            try {
                return pem.includes('BEGIN CERTIFICATE')
                    ? await importX509(pem, 'RS256')
                    : await importSPKI(pem, 'RS256');
            } catch {
                throw new Error(
                    `JWT_PUBLIC_KEYS: key ${i + 1} is not an RSA public key or certificate usable for RS256`
                );
            }
        })
    );
}

/** Verified tokens remembered at most (least recently used go first). */
const VERIFIED_TOKENS_MAX = 10_000;

/**
 * A verifier that remembers the tokens it accepted, keyed by their SHA-256 (the token itself is not kept),
 * until their exp: Salesforce sends one token for many calls, and the RSA check is the costliest step of a
 * request. Only exp can turn an accepted token into a refused one (signature, iss, aud, nbf and iat do not
 * change with time, and the lifetime left only shrinks), so a remembered token is checked against exp again.
 * Refusals are never remembered.
 */
export async function createTokenVerifier(options: JwtOptions): Promise<TokenVerifier> {
    const verify = await createUncachedTokenVerifier(options);
    const verified = new Map<string, JWTPayload & { exp: number }>();
    return async (token) => {
        const key = hash('sha256', token, 'base64');
        const known = verified.get(key);
        if (known) {
            verified.delete(key);
            if (known.exp + options.clockSkewSeconds > Date.now() / 1000) {
                verified.set(key, known);
                return known;
            }
        }
        const payload = (await verify(token)) as JWTPayload & { exp: number };
        verified.set(key, Object.freeze(payload));
        if (verified.size > VERIFIED_TOKENS_MAX) verified.delete(verified.keys().next().value as string);
        return payload;
    };
}

async function createUncachedTokenVerifier(options: JwtOptions): Promise<TokenVerifier> {
    const keys = await importPublicKeys(options.publicKeys);
    if (keys.length === 0) throw new Error('JWT_PUBLIC_KEYS: no public key configured');
    return async (token) => {
        for (const key of keys) {
            try {
                const { payload } = await jwtVerify(token, key, {
                    algorithms: ['RS256'],
                    issuer: options.issuer,
                    audience: options.audience,
                    clockTolerance: options.clockSkewSeconds,
                    requiredClaims: ['exp']
                });
                const maxLifetime = options.maxLifetimeSeconds ?? 3600;
                const now = Math.floor(Date.now() / 1000);
                // jose checks iat's type only: a token "issued" in the future would outlive its lifetime.
                if (typeof payload.iat === 'number' && payload.iat > now + options.clockSkewSeconds) {
                    throw new joseErrors.JWTClaimValidationFailed(
                        'token issued in the future',
                        payload,
                        'iat',
                        'check_failed'
                    );
                }
                if (
                    typeof payload.exp === 'number' &&
                    payload.exp - now > maxLifetime + options.clockSkewSeconds
                ) {
                    throw new joseErrors.JWTClaimValidationFailed(
                        'token lifetime too long',
                        payload,
                        'exp',
                        'check_failed'
                    );
                }
                return payload;
            } catch (err) {
                // Wrong key for this token: try the next one (rotation). Anything else is final.
                if (err instanceof joseErrors.JWSSignatureVerificationFailed) continue;
                throw err;
            }
        }
        throw new joseErrors.JWSSignatureVerificationFailed();
    };
}

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/;

/** A refused token: UNAUTHENTICATED with no detail for the caller, and the reason for the log. */
export class TokenRefused extends AppError {
    constructor(readonly reason?: string) {
        super('UNAUTHENTICATED');
    }
}

/** The verified claims of an `Authorization: Bearer` header; TokenRefused for anything else. */
export async function authenticate(verify: TokenVerifier, header: string | undefined): Promise<JWTPayload> {
    const match = BEARER.exec(header ?? '');
    if (!match) throw new TokenRefused();
    try {
        return await verify(match[1]);
    } catch (err) {
        throw new TokenRefused(err instanceof joseErrors.JOSEError ? err.code : 'ERR_UNKNOWN');
    }
}

/** Express middleware: 401 UNAUTHENTICATED for anything but a valid token, with no detail. */
export function requireJwt(verify: TokenVerifier) {
    return async (req: Request, res: Response, next: NextFunction) => {
        res.locals.jwt = await authenticate(verify, req.get('authorization'));
        next();
    };
}
