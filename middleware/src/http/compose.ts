/** Wiring: configuration + adapters → the dependencies of the use cases. */
import type { Config } from '../config';
import type { BillingPort, Clock, DomainLogger } from '../domain/ports';
import type { DomainSettings, ServiceDeps } from '../domain/services/deps';
import type { Store } from '../store';

export function settingsFromConfig(config: Config): DomainSettings {
    const f = config.whmcs.fields;
    return {
        rules: { mnpMinDaysLeft: config.rules.mnpMinDaysLeft, vpnRegions: config.rules.vpnRegions },
        customerNumberFieldId: f.customerNumber,
        productFields: {
            mnpReservationNumber: f.mnpReservationNumber,
            mnpExpiresOn: f.mnpExpiresOn,
            mnpPhoneNumber: f.mnpPhoneNumber,
            mnpHolderName: f.mnpHolderName,
            vpnRegion: f.vpnRegion,
            installationAddress: f.installationAddress
        },
        internetProductIds: config.whmcs.internetProductIds,
        paymentMethod: config.whmcs.paymentMethod,
        addPaymentMethodPath: config.whmcs.addPaymentMethodPath,
        verification: {
            maxFailuresPerEmail: config.verification.maxFailuresPerEmail,
            maxFailuresPerIp: config.verification.maxFailuresPerIp,
            windowMs: config.verification.windowMinutes * 60_000
        },
        provisioning: {
            leaseMs: config.provisioning.leaseMs,
            waitMs: config.provisioning.waitMs,
            pollMs: 50,
            settleMs: config.provisioning.settleMs
        },
        ssoLifetimeSeconds: 60
    };
}

export const systemClock: Clock = { now: () => new Date() };

export function createServiceDeps(parts: {
    settings: DomainSettings;
    billing: BillingPort;
    store: Store;
    logger: DomainLogger;
    clock?: Clock;
}): ServiceDeps {
    return {
        billing: parts.billing,
        billingProfiles: parts.store.billingProfiles,
        counters: parts.store.counters,
        provisioning: parts.store.provisioning,
        clock: parts.clock ?? systemClock,
        logger: parts.logger,
        settings: parts.settings
    };
}
