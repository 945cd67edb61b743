/** Table types for Kysely. Timestamps are ISO 8601 UTC strings so they compare lexicographically. */
import type { Selectable, Updateable } from 'kysely';

export interface BillingProfilesTable {
    account_id: string;
    client_id: number;
    created_at: string;
}

export interface VerificationFailuresTable {
    scope: string;
    key_hash: string;
    at: string;
    /** Set on a reserved attempt, so its own outcome can release it. */
    attempt_id: string | null;
}

export interface ProvisioningTable {
    order_id: string;
    client_id: number;
    state: string;
    whmcs_order_id: number | null;
    whmcs_invoice_id: number | null;
    /** JSON array of { lineId, whmcsServiceId }. */
    services: string;
    code: string | null;
    message: string | null;
    /** Staff-only billing-system text of the pause (redacted). */
    detail: string | null;
    lease_owner: string | null;
    lease_until: string | null;
    add_order_at: string | null;
    created_at: string;
    updated_at: string;
}

export interface ProvisioningAttemptsTable {
    order_id: string;
    seq: number;
    at: string;
    step: string;
    result: string;
    code: string | null;
    detail: string | null;
}

export type ProvisioningRow = Selectable<ProvisioningTable>;
export type ProvisioningUpdate = Updateable<ProvisioningTable>;

export interface ServiceRequestsTable {
    request_id: string;
    client_id: number;
    service_id: number;
    kind: string;
    body: string;
    state: string;
    effective_on: string | null;
    whmcs_order_id: number | null;
    whmcs_invoice_id: number | null;
    code: string | null;
    message: string | null;
    sent_at: string | null;
    lease_owner: string | null;
    lease_until: string | null;
    created_at: string;
    updated_at: string;
}

export interface ServiceRequestAttemptsTable {
    request_id: string;
    seq: number;
    at: string;
    step: string;
    result: string;
    code: string | null;
    message: string | null;
}

export interface Database {
    billing_profiles: BillingProfilesTable;
    verification_failures: VerificationFailuresTable;
    provisioning: ProvisioningTable;
    provisioning_attempts: ProvisioningAttemptsTable;
    service_requests: ServiceRequestsTable;
    service_request_attempts: ServiceRequestAttemptsTable;
}
