/**
 * Bearer JWT verification: RS256 only, issuer, audience and expiry checked, a small clock skew, and any
 * of several configured keys (rotation). Keys are SPKI public keys or X.509 certificates in PEM.
 */
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

export async function createTokenVerifier(options: JwtOptions): Promise<TokenVerifier> {
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

/** Express middleware: 401 UNAUTHENTICATED for anything but a valid token, with no detail. */
export function requireJwt(verify: TokenVerifier) {
    return async (req: Request, res: Response, next: NextFunction) => {
        const header = req.get('authorization') ?? '';
        const match = BEARER.exec(header);
        if (!match) throw new AppError('UNAUTHENTICATED');
        try {
            res.locals.jwt = await verify(match[1]);
        } catch (err) {
            const reason = err instanceof joseErrors.JOSEError ? err.code : 'ERR_UNKNOWN';
            res.locals.authFailure = reason;
            throw new AppError('UNAUTHENTICATED');
        }
        next();
    };
}
