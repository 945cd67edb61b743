/**
 * Ports: what the use cases need from the outside world. Adapters (WHMCS client, store) implement them;
 * the domain never imports those modules.
 */
import type { StoredPayMethod } from './payment-methods';
import type { AttemptEntry, ProvisioningRecord } from './provisioning';
import type {
    ChangeableService,
    RequestAttempt,
    ServiceRequestBody,
    ServiceRequestRecord
} from './service-requests';
import type { Address } from './types';

export interface BillingClientRecord {
    id: number;
    firstName: string;
    lastName: string;
    email: string;
    companyName: string;
    phone: string;
    status: string;
    /** ISO currency code of the client's account (e.g. JPY); '' when unknown. */
    currency: string;
    address: Address;
    /** Client custom field values by field id. */
    customFields: Record<number, string>;
}

export interface NewBillingClient {
    firstName: string;
    lastName: string;
    email: string;
    phone?: string;
    companyName?: string;
    address: Address;
    /** WHMCS language name, e.g. `english`, `japanese`. */
    language?: string;
    customFields: Record<number, string>;
}

export interface InvoiceSummary {
    id: number;
    clientId: number;
    number: string;
    status: string;
    issuedOn: string | null;
    dueOn: string | null;
    paidOn: string | null;
    total: string;
    balance: string;
    /** '' when the billing system does not say (WHMCS GetInvoice); the client's currency applies. */
    currency: string;
}

export interface InvoiceDetail extends InvoiceSummary {
    lines: { description: string; amount: string; taxed: boolean }[];
    subtotal: string;
    credit: string;
    /** Up to two tax levels (WHMCS tax and tax2), rate in percent as decimal text ("10"). */
    taxes: { rate: string; amount: string }[];
    /** Money received (a refund counts as a negative amount), oldest first; method = the gateway's module name. */
    payments: { date: string | null; method: string; amount: string; transactionId: string }[];
}

export interface BillingService {
    id: number;
    productId: number;
    orderId: number | null;
    name: string;
    status: string;
    /** The request form (monthly, onetime, ...), or for an unknown label that label squashed, or 'unknown'. */
    billingCycle: string;
    recurringAmount: string;
    nextDueDate: string | null;
    registeredOn: string | null;
    /** The WHMCS product group, e.g. 'SIM'. */
    groupName: string;
    /** Service custom field values by field id (MNP phone number, VPN region, installation address, ...). */
    customFields: Record<number, string>;
}

export interface BillingOrder {
    id: number;
    clientId: number;
    status: string;
    notes: string;
    invoiceId: number | null;
}

export interface NewBillingOrderLine {
    productId: number;
    billingCycle: string;
    quantity: number;
    customFields: Record<number, string>;
}

export interface NewBillingOrder {
    clientId: number;
    paymentMethod: string;
    notes: string;
    lines: NewBillingOrderLine[];
}

/** Where an SSO link lands: a WHMCS scope, or a custom path relative to the WHMCS system URL. */
export type SsoTarget = { scope: string } | { redirectPath: string };

export interface InvoiceQuery {
    status?: string;
    offset: number;
    limit: number;
}

export interface PageQuery {
    offset: number;
    limit: number;
}

/**
 * The billing system. Adapters throw BillingUnavailableError for transport problems and
 * BillingRejectedError for business refusals on writes; reads answer null for "not found".
 */
export interface BillingPort {
    getClient(clientId: number): Promise<BillingClientRecord | null>;
    getClientByEmail(email: string): Promise<BillingClientRecord | null>;
    /** Client ids whose email equals `email` (case-insensitive). */
    findClientIdsByEmail(email: string): Promise<number[]>;
    addClient(client: NewBillingClient): Promise<number>;
    updateClientAddress(clientId: number, address: Address): Promise<void>;
    /** One ValidateLogin call: true when the email/password pair is valid. */
    validateLogin(email: string, password: string): Promise<boolean>;
    /** The client's pay methods in WHMCS's order: the first is the one WHMCS charges (its default). */
    listPayMethods(clientId: number): Promise<StoredPayMethod[]>;
    /** False when WHMCS no longer has this pay method for this client. */
    deletePayMethod(clientId: number, payMethodId: number): Promise<boolean>;
    /** Makes it the client's default (first in order); false when WHMCS no longer has it for this client. */
    setDefaultPayMethod(clientId: number, payMethodId: number): Promise<boolean>;
    listInvoices(
        clientId: number,
        query: InvoiceQuery
    ): Promise<{ invoices: InvoiceSummary[]; total: number }>;
    getInvoice(invoiceId: number): Promise<InvoiceDetail | null>;
    /** The name customers see for each payment gateway, by module name (may be cached for minutes). */
    paymentGatewayNames(): Promise<Record<string, string>>;
    /** Every service of the client (bounded), for provisioning's checks. */
    listServices(clientId: number): Promise<BillingService[]>;
    /** One page of the client's services in WHMCS order, with WHMCS's total: one call. */
    listServicesPage(
        clientId: number,
        query: PageQuery
    ): Promise<{ services: BillingService[]; total: number }>;
    createSsoUrl(clientId: number, target: SsoTarget): Promise<string>;
    listOrders(clientId: number): Promise<BillingOrder[]>;
    getOrder(orderId: number): Promise<BillingOrder | null>;
    addOrder(order: NewBillingOrder): Promise<{ orderId: number; invoiceId: number | null }>;
    acceptOrder(orderId: number): Promise<void>;
    /** A cheap read to prove the billing system answers (used by /readyz). */
    ping(): Promise<void>;
}

export interface BillingProfileLedger {
    getClientId(accountId: string): Promise<number | null>;
    /** Records the link; if another writer got there first, returns the stored client id. */
    putClientId(accountId: string, clientId: number, at: Date): Promise<number>;
}

export type AttemptScope = 'email' | 'ip';

export interface AttemptLimit {
    scope: AttemptScope;
    key: string;
    /** Attempts (failed or still running) allowed in the window. */
    max: number;
}

export type Reservation = { reserved: true } | { reserved: false; limit: AttemptLimit; failures: Date[] };

export interface VerificationCounter {
    /** Instants of attempts counted for (scope, key) at or after `since`, oldest first. */
    failuresSince(scope: AttemptScope, key: string, since: Date): Promise<Date[]>;
    /**
     * Atomically, across processes: when every limit has fewer than `max` attempts since `since`, records
     * one attempt at `at` for each, tagged `attemptId` (it counts as a failure until released); otherwise
     * records nothing and names the first limit reached with its attempts.
     */
    reserve(attemptId: string, limits: readonly AttemptLimit[], at: Date, since: Date): Promise<Reservation>;
    /** Removes the entries of one reserved attempt (it did not fail). */
    release(attemptId: string): Promise<void>;
    reset(scope: AttemptScope, key: string): Promise<void>;
    /** Deletes entries older than `before` (housekeeping). */
    prune(before: Date): Promise<void>;
}

export type ProvisioningPatch = Partial<
    Pick<
        ProvisioningRecord,
        | 'state'
        | 'whmcsOrderId'
        | 'whmcsInvoiceId'
        | 'services'
        | 'code'
        | 'message'
        | 'detail'
        | 'addOrderSentAt'
    >
>;

export interface ProvisioningLedger {
    /** Creates the row in state NEW when missing; never overwrites. */
    ensure(orderId: string, clientId: number, at: Date): Promise<void>;
    get(orderId: string): Promise<ProvisioningRecord | null>;
    /** Atomically takes the lease when it is free or expired. */
    tryAcquire(orderId: string, owner: string, at: Date, leaseMs: number): Promise<boolean>;
    /** Releases the lease if `owner` still holds it. */
    release(orderId: string, owner: string): Promise<void>;
    /** Applies a patch while `owner` holds the lease; false when the lease was lost. */
    update(orderId: string, owner: string, patch: ProvisioningPatch, at: Date): Promise<boolean>;
    addAttempt(orderId: string, entry: AttemptEntry): Promise<void>;
    attempts(orderId: string): Promise<AttemptEntry[]>;
}

export interface Clock {
    now(): Date;
}

export interface DomainLogger {
    info(obj: object, msg?: string): void;
    warn(obj: object, msg?: string): void;
    error(obj: object, msg?: string): void;
}

// ---------------------------------------------------------------- plan change and cancellation

/** The billing system's side of plan changes and cancellations (WHMCS UpgradeProduct, AddCancelRequest). */
export interface ServiceChangeBilling {
    /** One service of one client (one read); null when the client has no such service. */
    getService(
        clientId: number,
        serviceId: number
    ): Promise<(ChangeableService & { paymentMethod: string }) | null>;
    /** A product's name and monthly price per currency code; null when unknown. */
    getProduct(
        productId: number
    ): Promise<{ id: number; name: string; monthly: Record<string, string | null> } | null>;
    /** Throws BillingRejectedError with WHMCS's text when WHMCS refuses. */
    upgradeProduct(change: {
        serviceId: number;
        newProductId: number;
        paymentMethod: string;
    }): Promise<{ orderId: number | null; invoiceId: number | null }>;
    addCancelRequest(request: { serviceId: number; reason?: string }): Promise<void>;
}

export type ServiceRequestPatch = Partial<
    Pick<
        ServiceRequestRecord,
        'state' | 'effectiveOn' | 'whmcsOrderId' | 'whmcsInvoiceId' | 'code' | 'message' | 'sentAt'
    >
>;

/** The exactly-once ledger of service requests (same lease pattern as ProvisioningLedger). */
export interface ServiceRequestLedger {
    /** Creates the row in state NEW when missing; never overwrites (the first body is the one kept). */
    ensure(requestId: string, body: ServiceRequestBody, at: Date): Promise<void>;
    get(requestId: string): Promise<ServiceRequestRecord | null>;
    tryAcquire(requestId: string, owner: string, at: Date, leaseMs: number): Promise<boolean>;
    release(requestId: string, owner: string): Promise<void>;
    /** Applies a patch while `owner` holds the lease; false when the lease was lost. */
    update(requestId: string, owner: string, patch: ServiceRequestPatch, at: Date): Promise<boolean>;
    addAttempt(requestId: string, entry: RequestAttempt): Promise<void>;
    attempts(requestId: string): Promise<RequestAttempt[]>;
    /** True when another request's cancellation of this WHMCS service is DONE or may have been sent (SENT). */
    cancellationRecorded(serviceId: number, exceptRequestId?: string): Promise<boolean>;
}
