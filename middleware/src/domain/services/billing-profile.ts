/** POST /v1/billing-profiles: one WHMCS client per Salesforce Account, idempotent by accountId. */
import { AppError, BillingRejectedError } from '../errors';
import type { Address } from '../types';
import type { ServiceDeps } from './deps';

export interface BillingProfileInput {
    accountId: string;
    customerNumber: string;
    firstName: string;
    lastName: string;
    email: string;
    phone?: string;
    companyName?: string;
    address: Address;
    language?: 'en' | 'ja';
}

export const WHMCS_LANGUAGES = { en: 'english', ja: 'japanese' } as const;

export async function createBillingProfile(
    deps: ServiceDeps,
    input: BillingProfileInput
): Promise<{ clientId: number; created: boolean }> {
    const { billing, billingProfiles, settings, clock } = deps;
    const known = await billingProfiles.getClientId(input.accountId);
    if (known !== null) return { clientId: known, created: false };

    const fieldId = settings.customerNumberFieldId;
    /**
     * A client with this email and this customer number is ours: an earlier (or concurrent) attempt created
     * it and stopped before the ledger write. Adopt it instead of creating a second one.
     */
    const adoptExisting = async (): Promise<{ found: boolean; clientId?: number }> => {
        const sameEmail = await billing.findClientIdsByEmail(input.email);
        for (const id of sameEmail) {
            const client = await billing.getClient(id);
            if (client && (client.customFields[fieldId] ?? '').trim() === input.customerNumber) {
                return {
                    found: true,
                    clientId: await billingProfiles.putClientId(input.accountId, client.id, clock.now())
                };
            }
        }
        return { found: sameEmail.length > 0 };
    };

    const existing = await adoptExisting();
    if (existing.clientId !== undefined) return { clientId: existing.clientId, created: false };
    if (existing.found) throw new AppError('EMAIL_IN_USE');

    let clientId: number;
    try {
        clientId = await billing.addClient({
            firstName: input.firstName,
            lastName: input.lastName,
            email: input.email,
            phone: input.phone,
            companyName: input.companyName,
            address: input.address,
            language: input.language ? WHMCS_LANGUAGES[input.language] : undefined,
            customFields: { [fieldId]: input.customerNumber }
        });
    } catch (err) {
        if (err instanceof BillingRejectedError) {
            if (/email|user already exists/i.test(err.detail)) {
                // A concurrent call for the same account may have just created it.
                const raced = await adoptExisting();
                if (raced.clientId !== undefined) return { clientId: raced.clientId, created: false };
                throw new AppError('EMAIL_IN_USE');
            }
            deps.logger.warn(
                { action: err.action, detail: err.detail },
                'billing system refused the new client'
            );
            throw new AppError('BILLING_REJECTED');
        }
        throw err;
    }
    const stored = await billingProfiles.putClientId(input.accountId, clientId, clock.now());
    return { clientId: stored, created: stored === clientId };
}
