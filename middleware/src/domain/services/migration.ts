/**
 * POST /v1/migration/verify: proves an existing WHMCS customer owns the email/password pair, with lockouts
 * counted in the store. The password is passed to one ValidateLogin call and dropped.
 */
import { AppError } from '../errors';
import type { AttemptScope } from '../ports';
import type { Address } from '../types';
import type { ServiceDeps } from './deps';

export interface VerifyInput {
    email: string;
    password: string;
    sourceIp?: string;
}

export interface VerifiedCustomer {
    clientId: number;
    customerNumber: string;
    firstName: string;
    lastName: string;
    email: string;
    address: Address;
}

/** Seconds until the count of failures in the window drops below `max`; 0 when not locked. */
export function lockRetryAfterSeconds(
    failures: readonly Date[],
    max: number,
    windowMs: number,
    now: Date
): number {
    if (failures.length < max) return 0;
    const sorted = [...failures].sort((a, b) => a.getTime() - b.getTime());
    const freesAt = sorted[failures.length - max].getTime() + windowMs;
    return Math.max(1, Math.ceil((freesAt - now.getTime()) / 1000));
}

export async function verifyMigration(deps: ServiceDeps, input: VerifyInput): Promise<VerifiedCustomer> {
    const { counters, billing, clock, settings } = deps;
    const { windowMs, maxFailuresPerEmail, maxFailuresPerIp } = settings.verification;
    const email = input.email.trim().toLowerCase();
    const now = clock.now();
    const since = new Date(now.getTime() - windowMs);

    const scopes: { scope: AttemptScope; key: string; max: number }[] = [
        { scope: 'email', key: email, max: maxFailuresPerEmail }
    ];
    if (input.sourceIp) scopes.push({ scope: 'ip', key: input.sourceIp, max: maxFailuresPerIp });

    let retryAfter = 0;
    for (const s of scopes) {
        const failures = await counters.failuresSince(s.scope, s.key, since);
        retryAfter = Math.max(retryAfter, lockRetryAfterSeconds(failures, s.max, windowMs, now));
    }
    if (retryAfter > 0) {
        throw new AppError('VERIFICATION_LOCKED', undefined, { retryAfterSeconds: retryAfter });
    }

    const valid = await billing.validateLogin(email, input.password);
    if (!valid) {
        for (const s of scopes) await counters.recordFailure(s.scope, s.key, clock.now());
        throw new AppError('CREDENTIALS_INVALID');
    }
    await counters.reset('email', email);

    const client = await billing.getClientByEmail(email);
    if (!client) throw new AppError('NOT_FOUND', 'No billing account belongs to this login.');
    const customerNumber = (client.customFields[settings.customerNumberFieldId] ?? '').trim();
    if (customerNumber === '') throw new AppError('CUSTOMER_NUMBER_MISSING');
    return {
        clientId: client.id,
        customerNumber,
        firstName: client.firstName,
        lastName: client.lastName,
        email: client.email,
        address: client.address
    };
}
