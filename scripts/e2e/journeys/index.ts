// The journeys `npm run test:e2e` runs, in this order: later ones use the customers and orders earlier ones made
// (`ctx.facts`). Each feature keeps its journeys in a file of its own beside this one.
import type { Journey } from '../harness';
import {
    axeScan,
    existingCustomerLinksAndLockout,
    internetAddressChangedAndSecondRefused,
    japaneseCatalogAndCheckout,
    signUpAndOrderSim,
    staffApprovesAndCustomerPays
} from './basics';
import {
    loginLanguageKept,
    signUpFieldsAndThrottle,
    ssoBackToThePortal,
    staffSeeWhmcsRefusalWithoutRefresh
} from './defects';

export const JOURNEYS: Journey[] = [
    signUpAndOrderSim,
    staffApprovesAndCustomerPays,
    existingCustomerLinksAndLockout,
    internetAddressChangedAndSecondRefused,
    staffSeeWhmcsRefusalWithoutRefresh,
    loginLanguageKept,
    ssoBackToThePortal,
    signUpFieldsAndThrottle,
    japaneseCatalogAndCheckout,
    axeScan
];
