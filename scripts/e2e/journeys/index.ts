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
import { cardsInEnglish, cardsInJapanese } from './paymentMethods';
import { japaneseCancellationApprovedOnce, planChangeApprovedOnce } from './serviceChanges';
import { invoiceDetailEnglish, invoiceDetailJapanese } from './invoices';
import { layoutAt375 } from './layout';
import { subscriptionsShowWhatEachServiceIs } from './subscriptions';
import {
    loginLanguageKept,
    signUpFieldsAndThrottle,
    ssoBackToThePortal,
    staffSeeWhmcsRefusalWithoutRefresh
} from './defects';

export const JOURNEYS: Journey[] = [
    signUpAndOrderSim,
    staffApprovesAndCustomerPays,
    subscriptionsShowWhatEachServiceIs,
    existingCustomerLinksAndLockout,
    internetAddressChangedAndSecondRefused,
    staffSeeWhmcsRefusalWithoutRefresh,
    loginLanguageKept,
    ssoBackToThePortal,
    signUpFieldsAndThrottle,
    japaneseCatalogAndCheckout,
    cardsInEnglish,
    cardsInJapanese,
    invoiceDetailEnglish,
    invoiceDetailJapanese,
    axeScan,
    planChangeApprovedOnce,
    japaneseCancellationApprovedOnce,
    layoutAt375
];
