/**
 * Plan change and cancellation of a WHMCS service: the quote, the exactly-once execution of a Salesforce
 * service request, and its staff trace (docs/API.md "Service changes").
 *
 * Execution follows the order-provisioning pattern: one caller at a time holds the ledger row's lease, the
 * row is marked SENT before the WHMCS write, and a row left SENT (no answer, or a crash) is "in doubt":
 * WHMCS is looked at before acting again. A plan change shows in the service's product id; a cancellation
 * cannot be seen through the API, but WHMCS refuses a second one for the same service ("Existing
 * Cancellation Request Exists"), which for a request in doubt means the first one went through.
 */
import { calendarDate } from '../dates';
import { AppError, BillingRejectedError, BillingUnavailableError } from '../errors';
import { toMoney } from '../money';
import {
    canonicalBody,
    CHANGE_REFUSALS,
    effectiveDates,
    moneyDifference,
    recordedRequestOutcome,
    refusalOf,
    staffText,
    type ChangeableService,
    type ChangeKind,
    type ChangeRefusal,
    type RequestAttempt,
    type RequestState,
    type RequestStep,
    type RequestStepResult,
    type ServiceRequestBody,
    type ServiceRequestOutcome,
    type ServiceRequestRecord
} from '../service-requests';
import type { ServiceChangeParts, ServiceDeps } from './deps';

const EXISTING_CANCELLATION = /existing cancellation request/i;
/** Statuses a cancellation ends a service in (WHMCS's cron acts on the request). */
const ENDED = ['Cancelled', 'Terminated'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function partsOf(deps: ServiceDeps): ServiceChangeParts {
    if (!deps.serviceChanges) throw new Error('service changes are not wired');
    return deps.serviceChanges;
}

function notAllowed(reason: ChangeRefusal): AppError {
    return new AppError('CHANGE_NOT_ALLOWED', CHANGE_REFUSALS[reason], { reason });
}

function unavailable(reason: 'IN_PROGRESS' | 'IN_DOUBT', message: string, retryAfterSeconds: number) {
    return new AppError('BILLING_UNAVAILABLE', message, { reason, retryAfterSeconds });
}

const inProgress = () =>
    unavailable('IN_PROGRESS', 'This request is being carried out right now. Try again shortly.', 1);

/** A billing call: transport trouble becomes 503, after `noted` (a trace entry) when given. */
async function read<T>(fn: () => Promise<T>, noted?: () => Promise<void>): Promise<T> {
    try {
        return await fn();
    } catch (err) {
        if (!(err instanceof BillingUnavailableError)) throw err;
        await noted?.();
        throw new AppError('BILLING_UNAVAILABLE');
    }
}

async function requireService(parts: ServiceChangeParts, clientId: number, serviceId: number) {
    const service = await read(() => parts.billing.getService(clientId, serviceId));
    if (!service) throw new AppError('NOT_FOUND', 'No such service on this billing account.');
    return service;
}

export interface ChangeQuote {
    serviceId: number;
    kind: ChangeKind;
    currentProductId: number;
    currentProductName: string;
    newProductId: number | null;
    newProductName: string | null;
    billingCycle: string;
    currentAmount: string;
    newAmount: string | null;
    difference: string | null;
    currency: string;
    effectiveOn: string;
    lastServiceDay: string;
}

/** The quote: one GetClientsProducts, plus one GetProducts for a plan change (sent together). */
export async function quoteChange(
    deps: ServiceDeps,
    clientId: number,
    serviceId: number,
    change: { kind: ChangeKind; newProductId?: number }
): Promise<{ quote: ChangeQuote }> {
    const parts = partsOf(deps);
    const newProductId = change.kind === 'plan_change' ? change.newProductId : undefined;
    const [service, product, pending] = await Promise.all([
        requireService(parts, clientId, serviceId),
        newProductId === undefined ? null : read(() => parts.billing.getProduct(newProductId)),
        parts.ledger.cancellationRecorded(serviceId)
    ]);
    const refusal = refusalOf(service, change, parts.settings.catalog, pending);
    if (refusal) throw notAllowed(refusal);

    const known = deps.knownClients?.get(clientId)?.currency;
    const prices = product?.monthly ?? {};
    const codes = Object.keys(prices);
    const currency = known || (codes.length === 1 ? codes[0] : parts.settings.currency);
    const newAmount = newProductId === undefined ? null : (prices[currency] ?? null);
    // A plan WHMCS does not know, or does not sell monthly in the client's currency, cannot be chosen.
    if (newProductId !== undefined && newAmount === null) throw notAllowed('PRODUCT_NOT_ORDERABLE');
    const currentAmount = toMoney(service.recurringAmount);
    const dates = effectiveDates(
        service.nextDueDate ?? '',
        calendarDate(deps.clock.now()),
        parts.settings.effective
    );
    return {
        quote: {
            serviceId,
            kind: change.kind,
            currentProductId: service.productId,
            currentProductName: service.name,
            newProductId: newProductId ?? null,
            newProductName: product?.name ?? null,
            billingCycle: service.billingCycle,
            currentAmount,
            newAmount: newAmount === null ? null : toMoney(newAmount),
            difference: newAmount === null ? null : moneyDifference(newAmount, currentAmount),
            currency,
            ...dates
        }
    };
}

class Run {
    constructor(
        private readonly deps: ServiceDeps,
        private readonly parts: ServiceChangeParts,
        private readonly owner: string,
        private record: ServiceRequestRecord
    ) {}

    private get body(): ServiceRequestBody {
        return this.record.body;
    }

    private async attempt(step: RequestStep, result: RequestStepResult, code?: string, message?: string) {
        const entry: RequestAttempt = { at: this.deps.clock.now().toISOString(), step, result };
        if (code) entry.code = code;
        if (message) entry.message = staffText(message);
        await this.parts.ledger.addAttempt(this.record.requestId, entry);
    }

    private async save(patch: Partial<ServiceRequestRecord> & { state: RequestState }) {
        const ok = await this.parts.ledger.update(
            this.record.requestId,
            this.owner,
            patch,
            this.deps.clock.now()
        );
        if (!ok) throw inProgress();
        this.record = { ...this.record, ...patch };
    }

    private async done(
        step: RequestStep,
        result: RequestStepResult,
        effectiveOn: string,
        orderId: number | null,
        invoiceId: number | null
    ) {
        await this.save({
            state: 'DONE',
            effectiveOn,
            whmcsOrderId: orderId,
            whmcsInvoiceId: invoiceId,
            code: null,
            message: null,
            sentAt: null
        });
        await this.attempt(step, result);
        return recordedRequestOutcome(this.record) as ServiceRequestOutcome;
    }

    private async pause(
        step: RequestStep,
        code: 'CHANGE_NOT_ALLOWED' | 'BILLING_REJECTED',
        message: string,
        detail?: string,
        attemptCode: string = code
    ) {
        await this.save({ state: 'PAUSED', code, message, sentAt: null });
        await this.attempt(step, code === 'BILLING_REJECTED' ? 'rejected' : 'paused', attemptCode, detail);
        return { outcome: 'PAUSED' as const, code, message };
    }

    /** A WHMCS call of this run: transport trouble is traced and answered 503, the state is kept. */
    private guard<T>(step: RequestStep, fn: () => Promise<T>): Promise<T> {
        return read(fn, () => this.attempt(step, 'unavailable', 'BILLING_UNAVAILABLE'));
    }

    /**
     * A request in doubt: done when WHMCS shows it (a plan change: the new product; a cancellation: the service
     * already ended). A plan change not shown is not sent again before the settle time; a cancellation is, as
     * WHMCS refuses a second request for one service.
     */
    private async lookBeforeActingAgain(service: ChangeableService): Promise<boolean> {
        if (this.record.state !== 'SENT') return false;
        if (this.body.kind === 'cancellation') return ENDED.includes(service.status);
        if (service.productId === this.body.newProductId) return true;
        const settledAt = Date.parse(this.record.sentAt ?? '') + this.deps.settings.provisioning.settleMs;
        const waitMs = settledAt - this.deps.clock.now().getTime();
        if (waitMs > 0) {
            await this.attempt('FIND', 'in_doubt', 'BILLING_UNAVAILABLE');
            throw unavailable(
                'IN_DOUBT',
                'The billing system has not confirmed an earlier attempt at this request yet. Try again later.',
                Math.ceil(waitMs / 1000)
            );
        }
        await this.attempt('FIND', 'not_found');
        return false;
    }

    async execute(): Promise<ServiceRequestOutcome> {
        const { parts, body } = this;
        const service = await this.guard('CHECK', () =>
            parts.billing.getService(body.clientId, body.serviceId)
        );
        if (!service) {
            await this.attempt('CHECK', 'not_found', 'NOT_FOUND');
            throw new AppError('NOT_FOUND', 'No such service on this billing account.');
        }
        const today = calendarDate(this.deps.clock.now());
        if (await this.lookBeforeActingAgain(service)) {
            const { effectiveOn } = this.record.effectiveOn
                ? { effectiveOn: this.record.effectiveOn }
                : effectiveDates(service.nextDueDate ?? today, today, parts.settings.effective);
            return this.done('FIND', 'found', effectiveOn, null, null);
        }
        const inDoubt = this.record.state === 'SENT';

        const pending =
            body.kind === 'plan_change' &&
            (await parts.ledger.cancellationRecorded(body.serviceId, this.record.requestId));
        const refusal = refusalOf(service, body, parts.settings.catalog, pending);
        if (refusal)
            return this.pause('CHECK', 'CHANGE_NOT_ALLOWED', CHANGE_REFUSALS[refusal], undefined, refusal);
        await this.attempt('CHECK', 'ok');

        const { effectiveOn } = effectiveDates(service.nextDueDate ?? '', today, parts.settings.effective);
        // From here until WHMCS answers, the outcome is unknown.
        await this.save({
            state: 'SENT',
            effectiveOn,
            code: null,
            message: null,
            sentAt: this.deps.clock.now().toISOString()
        });
        await this.attempt('RECORD', 'ok');
        try {
            if (body.kind === 'plan_change') {
                const made = await this.guard('SEND', () =>
                    parts.billing.upgradeProduct({
                        serviceId: body.serviceId,
                        newProductId: body.newProductId as number,
                        paymentMethod: service.paymentMethod || this.deps.settings.paymentMethod
                    })
                );
                return await this.done('SEND', 'ok', effectiveOn, made.orderId, made.invoiceId);
            }
            await this.guard('SEND', () =>
                parts.billing.addCancelRequest({ serviceId: body.serviceId, reason: body.reason })
            );
            return await this.done('SEND', 'ok', effectiveOn, null, null);
        } catch (err) {
            if (!(err instanceof BillingRejectedError)) throw err;
            if (body.kind === 'cancellation' && EXISTING_CANCELLATION.test(err.detail)) {
                // Ours, sent by the attempt whose answer was lost; otherwise someone else's.
                if (inDoubt) return this.done('SEND', 'found', effectiveOn, null, null);
                return this.pause(
                    'SEND',
                    'CHANGE_NOT_ALLOWED',
                    CHANGE_REFUSALS.CANCELLATION_PENDING,
                    err.detail,
                    'CANCELLATION_PENDING'
                );
            }
            return this.pause(
                'SEND',
                'BILLING_REJECTED',
                `The billing system refused this request: ${staffText(err.detail)}`,
                err.detail
            );
        }
    }
}

/**
 * POST /v1/service-requests/{requestId}/execute. Exactly once per requestId: a DONE request answers its
 * recorded outcome with no WHMCS call; a PAUSED one is checked and tried again (staff retry after a fix).
 */
export async function executeServiceRequest(
    deps: ServiceDeps,
    requestId: string,
    body: ServiceRequestBody
): Promise<ServiceRequestOutcome> {
    const parts = partsOf(deps);
    const { ledger } = parts;
    const sameBody = (r: ServiceRequestRecord) => {
        if (canonicalBody(r.body) !== canonicalBody(body)) throw new AppError('REQUEST_MISMATCH');
    };
    let first = await ledger.get(requestId);
    if (!first) {
        await ledger.ensure(requestId, body, deps.clock.now());
        // A concurrent first call may have written its own body first.
        first = await ledger.get(requestId);
        if (!first) throw new Error('service request row vanished');
    }
    sameBody(first);
    const recorded = recordedRequestOutcome(first);
    if (recorded?.outcome === 'DONE') return recorded;

    const owner = globalThis.crypto.randomUUID();
    const { leaseMs, waitMs, pollMs } = deps.settings.provisioning;
    const deadline = Date.now() + waitMs;
    while (!(await ledger.tryAcquire(requestId, owner, deps.clock.now(), leaseMs))) {
        if (Date.now() >= deadline) {
            throw inProgress();
        }
        await sleep(pollMs);
        const r = await ledger.get(requestId);
        const outcome = r ? recordedRequestOutcome(r) : null;
        // The holder finished while we waited: its outcome is the answer.
        if (r && outcome && (outcome.outcome === 'DONE' || r.updatedAt !== first.updatedAt)) return outcome;
    }
    try {
        const record = await ledger.get(requestId);
        if (!record) throw new Error('service request row vanished');
        const outcome = recordedRequestOutcome(record);
        if (outcome?.outcome === 'DONE') return outcome;
        return await new Run(deps, parts, owner, record).execute();
    } finally {
        await ledger.release(requestId, owner);
    }
}

/** GET /v1/service-requests/{requestId}: the staff trace. */
export async function getServiceRequestTrace(deps: ServiceDeps, requestId: string) {
    const { ledger } = partsOf(deps);
    const record = await ledger.get(requestId);
    if (!record) throw new AppError('NOT_FOUND', 'No record of this service request.');
    const outcome = recordedRequestOutcome(record);
    return {
        requestId: record.requestId,
        state: record.state,
        kind: record.body.kind,
        serviceId: record.body.serviceId,
        ...(outcome ? { outcome } : {}),
        attempts: await ledger.attempts(requestId)
    };
}
