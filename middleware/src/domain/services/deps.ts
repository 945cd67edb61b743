/** What every use case receives: ports plus the settings that shape the rules. */
import type {
    BillingPort,
    BillingProfileLedger,
    Clock,
    DomainLogger,
    ProvisioningLedger,
    VerificationCounter
} from '../ports';
import type { KnownClients } from '../known-clients';
import type { RuleOptions } from '../rules';
import type { ServiceChangeBilling, ServiceRequestLedger } from '../ports';
import type { CatalogProduct, EffectiveRule } from '../service-requests';

export interface DomainSettings {
    rules: RuleOptions;
    customerNumberFieldId: number;
    productFields: {
        mnpReservationNumber: number;
        mnpExpiresOn: number;
        mnpPhoneNumber: number;
        mnpHolderName: number;
        vpnRegion: number;
        installationAddress: number;
    };
    internetProductIds: readonly number[];
    /** Gateway module name for AddOrder. */
    paymentMethod: string;
    addPaymentMethodPath: string;
    verification: { maxFailuresPerEmail: number; maxFailuresPerIp: number; windowMs: number };
    provisioning: {
        leaseMs: number;
        waitMs: number;
        pollMs: number;
        /** How long after an unanswered AddOrder WHMCS may still commit it (its slowest commit). */
        settleMs: number;
    };
    ssoLifetimeSeconds: number;
}

export interface ServiceDeps {
    billing: BillingPort;
    billingProfiles: BillingProfileLedger;
    counters: VerificationCounter;
    provisioning: ProvisioningLedger;
    clock: Clock;
    logger: DomainLogger;
    settings: DomainSettings;
    /** Clients confirmed lately; absent: every read asks WHMCS whether its client exists. */
    knownClients?: KnownClients;
    /** Plan change and cancellation; absent in unit tests that do not use them. */
    serviceChanges?: ServiceChangeParts;
}

export interface ServiceChangeSettings {
    effective: EffectiveRule;
    /** Portal catalog facts by WHMCS product id (category, plan or fee, orderable, cycle). */
    catalog: ReadonlyMap<number, CatalogProduct>;
    /** Currency of quotes when neither the client nor the product says (the catalog's). */
    currency: string;
}

export interface ServiceChangeParts {
    billing: ServiceChangeBilling;
    ledger: ServiceRequestLedger;
    settings: ServiceChangeSettings;
}
