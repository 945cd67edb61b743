import type { ApexMethodImpl } from './context';
import { PortalCatalogController } from './apex/catalog';
import { PortalCheckoutController } from './apex/checkout';
import { PortalOrdersController } from './apex/orders';
import { PortalBillingController } from './apex/billing';
import { PortalProfileController } from './apex/profile';
import { PortalHomeController } from './apex/home';
import { PortalAccountLinkController, PortalSignupController } from './apex/signup';
import { PortalLoginController } from './apex/login';
import { AccountBillingController, OrderProvisioningController } from './apex/staff';

const CONTROLLERS: Record<string, Record<string, ApexMethodImpl>> = {
    PortalCatalogController,
    PortalCheckoutController,
    PortalOrdersController,
    PortalBillingController,
    PortalProfileController,
    PortalHomeController,
    PortalSignupController,
    PortalAccountLinkController,
    PortalLoginController,
    OrderProvisioningController,
    AccountBillingController
};

// Every method the local org serves, keyed `Class.method` like `@salesforce/apex/Class.method`.
export const APEX_METHODS: ReadonlyMap<string, ApexMethodImpl> = new Map(
    Object.entries(CONTROLLERS).flatMap(([className, methods]) =>
        Object.entries(methods).map(([name, impl]) => [`${className}.${name}`, impl] as const)
    )
);
