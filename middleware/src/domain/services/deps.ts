/** What every use case receives: ports plus the settings that shape the rules. */
import type {
    BillingPort,
    BillingProfileLedger,
    Clock,
    DomainLogger,
    ProvisioningLedger,
    VerificationCounter
} from '../ports';
import type { RuleOptions } from '../rules';

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
}
