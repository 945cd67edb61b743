/**
 * Removing a payment method and choosing the default, for one WHMCS client.
 *
 * WHMCS has no "default" flag in GetPayMethods: it charges pay methods in their order, and the default is the
 * first. So after a removal the next method in that order becomes the default (the first usable one is shown
 * as default, see toPaymentMethods), and making one the default moves it to the front. Both answer the list
 * as GET payment-methods would, computed from the list read before the write: no second GetPayMethods.
 */
import { AppError } from '../errors';
import { toPaymentMethods, type PaymentMethod, type StoredPayMethod } from '../payment-methods';
import type { BillingService } from '../ports';
import { requireKnownClientWithReads } from './billing';
import type { ServiceDeps } from './deps';

export type PaymentMethodsView = { paymentMethods: PaymentMethod[]; hasUsableMethod: boolean };

const NO_SUCH_METHOD = 'No payment method with this id for this billing account.';

/** A service that will be billed again: Active and recurring (a one-time fee is never charged again). */
export function needsPaymentMethod(service: BillingService): boolean {
    return service.status === 'Active' && !['onetime', 'free'].includes(service.billingCycle);
}

/** The client's stored methods, and the one asked for (NOT_FOUND for an unknown or another client's id). */
async function ownMethods(
    deps: ServiceDeps,
    clientId: number,
    payMethodId: number
): Promise<{ stored: StoredPayMethod[]; target: PaymentMethod }> {
    const [, stored] = await requireKnownClientWithReads(deps, clientId, () =>
        deps.billing.listPayMethods(clientId)
    );
    const target = toPaymentMethods(stored, deps.clock.now()).paymentMethods.find(
        (m) => m.id === payMethodId
    );
    if (!target) throw new AppError('NOT_FOUND', NO_SUCH_METHOD);
    return { stored, target };
}

export async function removePaymentMethod(
    deps: ServiceDeps,
    clientId: number,
    payMethodId: number
): Promise<PaymentMethodsView> {
    const now = deps.clock.now();
    const { stored, target } = await ownMethods(deps, clientId, payMethodId);
    const remaining = stored.filter((m) => m.id !== payMethodId);
    const after = toPaymentMethods(remaining, now);
    // Only the removal of the last usable method needs the services (one more WHMCS read).
    if (!target.expired && !after.hasUsableMethod) {
        const services = await deps.billing.listServices(clientId);
        if (services.some(needsPaymentMethod)) throw new AppError('PAYMENT_METHOD_REQUIRED_FOR_SERVICES');
    }
    if (!(await deps.billing.deletePayMethod(clientId, payMethodId))) {
        throw new AppError('NOT_FOUND', NO_SUCH_METHOD);
    }
    deps.logger.info({ clientId, payMethodId }, 'payment method removed');
    // The new first may be expired while a later one is usable: make WHMCS charge the one shown as default.
    const shownDefault = after.paymentMethods.find((m) => m.isDefault);
    if (target.isDefault && shownDefault && remaining[0]?.id !== shownDefault.id) {
        try {
            await deps.billing.setDefaultPayMethod(clientId, shownDefault.id);
            return toPaymentMethods(frontOf(remaining, shownDefault.id), now);
        } catch (err) {
            // The removal is done and must be answered as done; the list shows the usable method as default.
            deps.logger.warn(
                { clientId, payMethodId: shownDefault.id, error: (err as Error).name },
                'payment method removed, but WHMCS did not take the new default'
            );
        }
    }
    return after;
}

export async function setDefaultPaymentMethod(
    deps: ServiceDeps,
    clientId: number,
    payMethodId: number
): Promise<PaymentMethodsView> {
    const { stored, target } = await ownMethods(deps, clientId, payMethodId);
    if (target.expired) throw new AppError('PAYMENT_METHOD_EXPIRED');
    // Already first in WHMCS's order: nothing to write (a repeated click costs no WHMCS write).
    if (stored[0]?.id !== payMethodId) {
        if (!(await deps.billing.setDefaultPayMethod(clientId, payMethodId))) {
            throw new AppError('NOT_FOUND', NO_SUCH_METHOD);
        }
    }
    return toPaymentMethods(frontOf(stored, payMethodId), deps.clock.now());
}

function frontOf(stored: StoredPayMethod[], id: number): StoredPayMethod[] {
    return [...stored.filter((m) => m.id === id), ...stored.filter((m) => m.id !== id)];
}
