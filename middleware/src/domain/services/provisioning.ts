/**
 * POST /v1/orders/{orderId}/provision: exactly-once through the ledger (ARCHITECTURE §3.3).
 *
 * One caller at a time holds the row's lease; others wait briefly and then answer with what the holder
 * recorded. Every step is recorded before the next WHMCS write, and before every AddOrder the WHMCS orders
 * of the client are searched for the Salesforce Order Id (notes marker), whatever the ledger says, so a
 * crash after AddOrder or a lost ledger is found and finished instead of ordering twice. An AddOrder that
 * got no answer (timeout, reset) may still commit in WHMCS: until the settle time has passed, a re-drive
 * that does not find it answers 409 (retryable) instead of ordering again.
 */
import { calendarDate } from '../dates';
import { AppError, BillingRejectedError, BillingUnavailableError } from '../errors';
import { toPaymentMethods } from '../payment-methods';
import type { BillingOrder, NewBillingOrderLine } from '../ports';
import {
    assertTransition,
    mapServicesToLines,
    notesMatchOrder,
    orderNotesMarker,
    recordedOutcome,
    type AttemptEntry,
    type PauseCode,
    type ProvisioningOutcome,
    type ProvisioningRecord,
    type ProvisioningState,
    type ProvisioningStep,
    type StepResult
} from '../provisioning';
import { checkOrder, hasActiveInternetService, needsExistingServices } from '../rules';
import type { Address, InstallationAddress, OrderLine } from '../types';
import { requireClient } from './billing';
import type { ServiceDeps } from './deps';

export interface ProvisionRequest {
    orderId: string;
    clientId: number;
    accountId: string;
    lines: OrderLine[];
    installationAddress?: InstallationAddress;
}

export const BILLING_REJECTED_MESSAGE =
    'The billing system did not accept this order. Our staff have been notified and will follow up.';

/** The billing system's text as staff may see it (the adapter has masked secrets), bounded. */
function staffDetail(text: string): string {
    return text.slice(0, 500);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function formatAddress(a: Address): string {
    return [a.line1, a.line2, a.city, a.state, a.postalCode, a.country]
        .filter((p) => p && p.trim())
        .join(', ');
}

/** AddOrder lines: product, cycle, quantity and the per-line custom fields (MNP, VPN region, address). */
export function toBillingOrderLines(
    lines: readonly OrderLine[],
    fields: ServiceDeps['settings']['productFields'],
    installationAddress?: InstallationAddress
): NewBillingOrderLine[] {
    return lines.map((line) => {
        const customFields: Record<number, string> = {};
        const mnp = line.details?.mnp;
        if (mnp) {
            customFields[fields.mnpReservationNumber] = mnp.reservationNumber;
            customFields[fields.mnpExpiresOn] = mnp.expiresOn;
            customFields[fields.mnpPhoneNumber] = mnp.phoneNumber;
            customFields[fields.mnpHolderName] = mnp.holderName;
        }
        if (line.details?.vpnRegion) customFields[fields.vpnRegion] = line.details.vpnRegion;
        if (line.category === 'Internet' && line.itemType === 'Plan' && installationAddress) {
            customFields[fields.installationAddress] = formatAddress(installationAddress.address);
        }
        return {
            productId: line.whmcsProductId,
            billingCycle: line.billingCycle,
            quantity: line.quantity,
            customFields
        };
    });
}

class Run {
    private record: ProvisioningRecord;

    constructor(
        private readonly deps: ServiceDeps,
        private readonly req: ProvisionRequest,
        private readonly owner: string,
        record: ProvisioningRecord
    ) {
        this.record = record;
    }

    private async attempt(step: ProvisioningStep, result: StepResult, code?: string, detail?: string) {
        const entry: AttemptEntry = { at: this.deps.clock.now().toISOString(), step, result };
        if (code) entry.code = code;
        if (detail) entry.detail = staffDetail(detail);
        await this.deps.provisioning.addAttempt(this.req.orderId, entry);
    }

    private async save(patch: Partial<ProvisioningRecord> & { state: ProvisioningState }) {
        assertTransition(this.record.state, patch.state);
        const ok = await this.deps.provisioning.update(
            this.req.orderId,
            this.owner,
            patch,
            this.deps.clock.now()
        );
        if (!ok) throw new AppError('PROVISIONING_IN_PROGRESS');
        this.record = { ...this.record, ...patch };
    }

    private async pause(
        step: ProvisioningStep,
        code: PauseCode,
        message: string,
        detail?: string,
        extra: Partial<ProvisioningRecord> = {}
    ) {
        const staff = detail ? staffDetail(detail) : null;
        await this.save({ ...extra, state: 'PAUSED', code, message, detail: staff });
        await this.attempt(step, code === 'BILLING_REJECTED' ? 'rejected' : 'paused', code, detail);
        return { outcome: 'PAUSED' as const, code, message, detail: staff };
    }

    /** Runs a WHMCS interaction; transport failures are recorded and become 503, state untouched. */
    private async guard<T>(step: ProvisioningStep, fn: () => Promise<T>): Promise<T> {
        try {
            return await fn();
        } catch (err) {
            if (err instanceof BillingUnavailableError) {
                await this.attempt(step, 'unavailable', 'BILLING_UNAVAILABLE');
                throw new AppError('BILLING_UNAVAILABLE');
            }
            throw err;
        }
    }

    private async findExistingOrder(): Promise<BillingOrder | null> {
        const orders = await this.guard('FIND_ORDER', () => this.deps.billing.listOrders(this.req.clientId));
        const match = orders
            .filter((o) => notesMatchOrder(o.notes, this.req.orderId) && o.status !== 'Cancelled')
            .sort((a, b) => a.id - b.id)[0];
        await this.attempt('FIND_ORDER', match ? 'found' : 'not_found');
        return match ?? null;
    }

    /**
     * After an unanswered AddOrder, WHMCS may still commit it: no second AddOrder until the search has run
     * after the settle time.
     */
    private async refuseWhileInDoubt(): Promise<void> {
        const sentAt = this.record.addOrderSentAt;
        if (sentAt === null) return;
        const settledAt = Date.parse(sentAt) + this.deps.settings.provisioning.settleMs;
        const waitMs = settledAt - this.deps.clock.now().getTime();
        if (waitMs <= 0) return;
        await this.attempt('FIND_ORDER', 'in_doubt', 'PROVISIONING_IN_PROGRESS');
        throw new AppError(
            'PROVISIONING_IN_PROGRESS',
            'The billing system has not confirmed an earlier attempt at this order yet. Try again later.',
            { retryAfterSeconds: Math.ceil(waitMs / 1000) }
        );
    }

    async execute(): Promise<ProvisioningOutcome> {
        const { deps, req } = this;
        const done = recordedOutcome(this.record);
        if (done && done.outcome === 'ACTIVATED') return done;

        // 1. Is there already a WHMCS order for this Salesforce order? Searched whatever the ledger says:
        //    a lost or replaced ledger starts at NEW.
        let orderId = this.record.whmcsOrderId;
        let invoiceId = this.record.whmcsInvoiceId;
        if (orderId === null) {
            const found = await this.findExistingOrder();
            if (found) {
                orderId = found.id;
                invoiceId = found.invoiceId;
            } else {
                await this.refuseWhileInDoubt();
            }
        }

        // 2. Re-check the rules and the payment method (services of our own order do not count; the
        //    client's services are read only for an Internet order, the only rules that use them).
        const [payMethods, services] = await this.guard('CHECK', () =>
            Promise.all([
                deps.billing.listPayMethods(req.clientId),
                needsExistingServices(req.lines) ? deps.billing.listServices(req.clientId) : null
            ])
        );
        const now = deps.clock.now();
        const violations = checkOrder(
            {
                lines: req.lines,
                installationAddress: req.installationAddress,
                hasExistingInternetService:
                    services !== null &&
                    hasActiveInternetService(services, deps.settings.internetProductIds, orderId),
                hasUsablePaymentMethod: toPaymentMethods(payMethods, now).hasUsableMethod,
                today: calendarDate(now)
            },
            deps.settings.rules
        );
        if (violations.length > 0) {
            // Keep a found WHMCS order on the record so the re-drive finishes it.
            return this.pause('CHECK', violations[0].code, violations[0].message, undefined, {
                whmcsOrderId: orderId,
                whmcsInvoiceId: invoiceId
            });
        }
        await this.attempt('CHECK', 'ok');

        // 3. Create the WHMCS order once.
        /** True when this run's own AddOrder has just created the order (so it is known to be Pending). */
        let createdByThisRun = false;
        if (orderId === null) {
            // Step 1 has just searched WHMCS. From here until WHMCS answers, the outcome is unknown.
            await this.save({
                state: 'INTENT_RECORDED',
                code: null,
                message: null,
                detail: null,
                addOrderSentAt: deps.clock.now().toISOString()
            });
            await this.attempt('RECORD_INTENT', 'ok');
            try {
                const created = await this.guard('ADD_ORDER', () =>
                    deps.billing.addOrder({
                        clientId: req.clientId,
                        paymentMethod: deps.settings.paymentMethod,
                        notes: orderNotesMarker(req.orderId),
                        lines: toBillingOrderLines(
                            req.lines,
                            deps.settings.productFields,
                            req.installationAddress
                        )
                    })
                );
                orderId = created.orderId;
                invoiceId = created.invoiceId;
                await this.save({
                    state: 'ORDER_CREATED',
                    whmcsOrderId: orderId,
                    whmcsInvoiceId: invoiceId,
                    addOrderSentAt: null
                });
                await this.attempt('ADD_ORDER', 'ok');
                createdByThisRun = true;
            } catch (err) {
                if (err instanceof BillingRejectedError) {
                    // WHMCS answered: no order was made, so nothing is in doubt.
                    return this.pause('ADD_ORDER', 'BILLING_REJECTED', BILLING_REJECTED_MESSAGE, err.detail, {
                        addOrderSentAt: null
                    });
                }
                throw err;
            }
        }
        if (this.record.state !== 'ORDER_CREATED') {
            await this.save({
                state: 'ORDER_CREATED',
                whmcsOrderId: orderId,
                whmcsInvoiceId: invoiceId,
                code: null,
                message: null,
                detail: null
            });
        }

        // 4. Accept it (an order already Active was accepted by an earlier attempt). An order this run has
        //    just created with AddOrder is Pending (WHMCS always creates orders Pending), so its status is
        //    not read again; an order of an earlier attempt (ledger row or found by notes) is looked up, as
        //    is one whose AddOrder answer carried no invoice id (GetOrders may know it).
        const whmcsOrderId = orderId;
        let status = 'Pending';
        if (!(createdByThisRun && invoiceId !== null)) {
            const current = await this.guard('ACCEPT_ORDER', () => deps.billing.getOrder(whmcsOrderId));
            if (!current) {
                return this.pause(
                    'ACCEPT_ORDER',
                    'BILLING_REJECTED',
                    BILLING_REJECTED_MESSAGE,
                    `WHMCS order ${whmcsOrderId} not found`
                );
            }
            if (current.invoiceId !== null && invoiceId === null) invoiceId = current.invoiceId;
            status = current.status;
        }
        if (status === 'Active') {
            await this.attempt('ACCEPT_ORDER', 'found');
        } else if (status !== 'Pending') {
            return this.pause(
                'ACCEPT_ORDER',
                'BILLING_REJECTED',
                BILLING_REJECTED_MESSAGE,
                `WHMCS order ${whmcsOrderId} is ${status}`
            );
        } else {
            try {
                await this.guard('ACCEPT_ORDER', () => deps.billing.acceptOrder(whmcsOrderId));
                await this.attempt('ACCEPT_ORDER', 'ok');
            } catch (err) {
                if (err instanceof BillingRejectedError) {
                    return this.pause(
                        'ACCEPT_ORDER',
                        'BILLING_REJECTED',
                        BILLING_REJECTED_MESSAGE,
                        err.detail
                    );
                }
                throw err;
            }
        }

        // 5. Record the services against the order lines.
        const after = await this.guard('ACTIVATE', () => deps.billing.listServices(req.clientId));
        const linked = mapServicesToLines(
            req.lines,
            after.filter((s) => s.orderId === whmcsOrderId)
        );
        await this.save({
            state: 'ACTIVATED',
            whmcsOrderId,
            whmcsInvoiceId: invoiceId,
            services: linked,
            code: null,
            message: null,
            detail: null
        });
        await this.attempt('ACTIVATE', 'ok');
        return { outcome: 'ACTIVATED', whmcsOrderId, whmcsInvoiceId: invoiceId, services: linked };
    }
}

export async function provisionOrder(deps: ServiceDeps, req: ProvisionRequest): Promise<ProvisioningOutcome> {
    const ledger = deps.provisioning;
    const first = await ledger.get(req.orderId);
    if (first && first.clientId !== req.clientId) {
        throw new AppError('VALIDATION_FAILED', 'This order is recorded for another client.', {
            issues: [{ path: 'clientId', message: 'does not match the client recorded for this order' }]
        });
    }
    if (first) {
        const done = recordedOutcome(first);
        if (done?.outcome === 'ACTIVATED') return done;
    } else {
        await requireClient(deps, req.clientId);
        await ledger.ensure(req.orderId, req.clientId, deps.clock.now());
    }

    const owner = globalThis.crypto.randomUUID();
    const seen = (await ledger.get(req.orderId))?.updatedAt;
    const deadline = Date.now() + deps.settings.provisioning.waitMs;
    while (
        !(await ledger.tryAcquire(req.orderId, owner, deps.clock.now(), deps.settings.provisioning.leaseMs))
    ) {
        if (Date.now() >= deadline) throw new AppError('PROVISIONING_IN_PROGRESS');
        await sleep(deps.settings.provisioning.pollMs);
        const r = await ledger.get(req.orderId);
        const outcome = r ? recordedOutcome(r) : null;
        // Another caller finished while we waited: its outcome is the answer.
        if (r && outcome && (outcome.outcome === 'ACTIVATED' || r.updatedAt !== seen)) return outcome;
    }
    try {
        const record = await ledger.get(req.orderId);
        if (!record) throw new Error('provisioning row vanished');
        return await new Run(deps, req, owner, record).execute();
    } finally {
        await ledger.release(req.orderId, owner);
    }
}

export async function getProvisioningTrace(deps: ServiceDeps, orderId: string) {
    const record = await deps.provisioning.get(orderId);
    if (!record) throw new AppError('NOT_FOUND', 'No provisioning record for this order.');
    const attempts = await deps.provisioning.attempts(orderId);
    return {
        orderId: record.orderId,
        state: record.state,
        whmcsOrderId: record.whmcsOrderId,
        whmcsInvoiceId: record.whmcsInvoiceId,
        code: record.code,
        message: record.message,
        detail: record.detail,
        services: record.services,
        attempts
    };
}
