/** POST /v1/orders/check: the rules plus what WHMCS knows (payment method, existing Internet service). */
import { calendarDate } from '../dates';
import { hasActiveInternetService, checkOrder, needsExistingServices } from '../rules';
import { toPaymentMethods } from '../payment-methods';
import type { Address, InstallationAddress, OrderLine, Violation } from '../types';
import { presentAddress, requireClientWithReads } from './billing';
import type { ServiceDeps } from './deps';

export interface OrderCheckRequest {
    clientId: number;
    accountId: string;
    lines: OrderLine[];
    installationAddress?: InstallationAddress;
    openOrderCategories?: string[];
}

export interface OrderCheckResult {
    ok: boolean;
    violations: Violation[];
    billingAddress: Address;
    paymentMethodOnFile: boolean;
}

export async function checkOrderForClient(
    deps: ServiceDeps,
    req: OrderCheckRequest
): Promise<OrderCheckResult> {
    // The reads do not need the client record (only the answer's billing address does), so they go with
    // the client check. The client's services matter only to the Internet rules: a SIM or VPN order skips
    // that WHMCS read.
    const [client, payMethods, services] = await requireClientWithReads(
        deps,
        req.clientId,
        () => deps.billing.listPayMethods(req.clientId),
        async () => (needsExistingServices(req.lines) ? deps.billing.listServices(req.clientId) : null)
    );
    const now = deps.clock.now();
    const { hasUsableMethod } = toPaymentMethods(payMethods, now);
    const violations = checkOrder(
        {
            lines: req.lines,
            installationAddress: req.installationAddress,
            openOrderCategories: req.openOrderCategories,
            hasExistingInternetService:
                services !== null && hasActiveInternetService(services, deps.settings.internetProductIds),
            hasUsablePaymentMethod: hasUsableMethod,
            today: calendarDate(now)
        },
        deps.settings.rules
    );
    return {
        ok: violations.length === 0,
        violations,
        billingAddress: presentAddress(client.address),
        paymentMethodOnFile: hasUsableMethod
    };
}
