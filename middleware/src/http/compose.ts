/** Wiring: configuration + adapters → the dependencies of the use cases. */
import catalog from '../../../data/catalog.json';
import type { Config } from '../config';
import { KnownClients } from '../domain/known-clients';
import type { BillingPort, Clock, DomainLogger, ServiceChangeBilling } from '../domain/ports';
import type { DomainSettings, ServiceChangeSettings, ServiceDeps } from '../domain/services/deps';
import type { CatalogProduct } from '../domain/service-requests';
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

/** The portal catalog's facts per WHMCS product, which the plan-change rules read. */
export function serviceChangeSettings(config: Config): ServiceChangeSettings {
    const products = new Map<number, CatalogProduct>(
        catalog.products.map((p) => [
            p.WHMCS_Product_Id__c,
            {
                category: p.Portal_Category__c as CatalogProduct['category'],
                itemType: p.Portal_Item_Type__c as CatalogProduct['itemType'],
                orderable: p.IsActive && p.Portal_Orderable__c,
                billingCycle: p.Billing_Cycle__c === 'Monthly' ? 'monthly' : 'onetime'
            }
        ])
    );
    return { effective: config.serviceChangeEffective, catalog: products, currency: catalog.currency };
}

export const systemClock: Clock = { now: () => new Date() };

export function createServiceDeps(parts: {
    settings: DomainSettings;
    billing: BillingPort;
    store: Store;
    logger: DomainLogger;
    clock?: Clock;
    /** 0 or absent: no client is taken as known. */
    knownClientTtlMs?: number;
    serviceChanges?: { billing: ServiceChangeBilling; settings: ServiceChangeSettings };
}): ServiceDeps {
    const clock = parts.clock ?? systemClock;
    return {
        billing: parts.billing,
        billingProfiles: parts.store.billingProfiles,
        counters: parts.store.counters,
        provisioning: parts.store.provisioning,
        clock,
        logger: parts.logger,
        settings: parts.settings,
        // About 100 bytes an entry: 10k clients is about 1 MB.
        knownClients: new KnownClients({ clock, ttlMs: parts.knownClientTtlMs ?? 0, maxEntries: 10_000 }),
        serviceChanges: parts.serviceChanges && {
            ...parts.serviceChanges,
            ledger: parts.store.serviceRequests
        }
    };
}
