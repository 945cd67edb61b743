/**
 * POST /v1/migration/verify: proves an existing WHMCS customer owns the email/password pair, with lockouts
 * counted in the store. The password is passed to one ValidateLogin call and dropped.
 */
import { AppError } from '../errors';
import { ipLockoutKey } from '../ip';
import type { AttemptLimit } from '../ports';
import type { Address } from '../types';
import type { ServiceDeps } from './deps';

export interface VerifyInput {
    email: string;
    password: string;
    /** The customer's address (as Salesforce saw it): counted per IPv4 address or IPv6 /64. */
    sourceIp: string;
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
    const ipKey = ipLockoutKey(input.sourceIp);
    if (ipKey === null) {
        throw new AppError('VALIDATION_FAILED', undefined, {
            issues: [{ path: 'sourceIp', message: 'must be an IPv4 or IPv6 address' }]
        });
    }
    const limits: AttemptLimit[] = [
        { scope: 'email', key: email, max: maxFailuresPerEmail },
        { scope: 'ip', key: ipKey, max: maxFailuresPerIp }
    ];

    // The attempt is counted before WHMCS sees the password, so concurrent guesses cannot all get through.
    const attemptId = globalThis.crypto.randomUUID();
    const now = clock.now();
    const reservation = await counters.reserve(attemptId, limits, now, new Date(now.getTime() - windowMs));
    if (!reservation.reserved) {
        const { failures, limit } = reservation;
        throw new AppError('VERIFICATION_LOCKED', undefined, {
            retryAfterSeconds: lockRetryAfterSeconds(failures, limit.max, windowMs, now)
        });
    }

    let valid: boolean;
    try {
        valid = await billing.validateLogin(email, input.password);
    } catch (err) {
        // WHMCS did not judge the password: the attempt does not count.
        await counters.release(attemptId);
        throw err;
    }
    if (!valid) throw new AppError('CREDENTIALS_INVALID'); // the reserved attempt stays as a failure
    await counters.reset('email', email);
    await counters.release(attemptId);

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
