/** Billing profile creation and the migration check. */
import { createBillingProfile } from '../../domain/services/billing-profile';
import type { ServiceDeps } from '../../domain/services/deps';
import { verifyMigration } from '../../domain/services/migration';
import { presentAddress } from '../../domain/services/billing';
import { defineRoute, type RouteDef } from '../route';
import { BillingProfileBody, BillingProfileResponse, VerifyBody, VerifyResponse } from '../schemas';

export function profileRoutes(deps: ServiceDeps): RouteDef[] {
    return [
        defineRoute({
            method: 'post',
            path: '/v1/billing-profiles',
            summary: 'Create the WHMCS client of a Salesforce Account (idempotent by accountId)',
            tag: 'Billing profile',
            body: BillingProfileBody,
            responses: {
                201: { description: 'Created', schema: BillingProfileResponse },
                200: { description: 'Already existed; nothing new in WHMCS', schema: BillingProfileResponse }
            },
            errors: [400, 401, 409, 413, 415, 422, 503],
            handler: async ({ body }) => {
                const result = await createBillingProfile(deps, body);
                return { status: result.created ? 201 : 200, body: result };
            }
        }),
        defineRoute({
            method: 'post',
            path: '/v1/migration/verify',
            summary: 'Verify an existing WHMCS customer by email and WHMCS password',
            tag: 'Billing profile',
            body: VerifyBody,
            responses: { 200: { description: 'Verified', schema: VerifyResponse } },
            errors: [400, 401, 404, 413, 415, 422, 429, 503],
            handler: async ({ body }) => {
                const v = await verifyMigration(deps, body);
                return { status: 200, body: { ...v, address: presentAddress(v.address) } };
            }
        })
    ];
}
