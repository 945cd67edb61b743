/**
 * The provisioning state machine (ARCHITECTURE §3.3). The ledger row moves
 *   NEW → INTENT_RECORDED → ORDER_CREATED → ACTIVATED
 * and any non-final state may move to PAUSED (a rule failed, or WHMCS refused). A PAUSED order may be
 * re-driven: it goes back through the checks, keeping any WHMCS order it already has.
 * A transport failure changes no state: the next call resumes from where the last one stopped.
 */
import { normaliseSalesforceId } from './salesforce-id';
import type { RuleCode } from './types';

export const PROVISIONING_STATES = [
    'NEW',
    'INTENT_RECORDED',
    'ORDER_CREATED',
    'ACTIVATED',
    'PAUSED'
] as const;
export type ProvisioningState = (typeof PROVISIONING_STATES)[number];

export type PauseCode = RuleCode | 'BILLING_REJECTED';

export const STEPS = [
    'CHECK',
    'RECORD_INTENT',
    'FIND_ORDER',
    'ADD_ORDER',
    'ACCEPT_ORDER',
    'ACTIVATE'
] as const;
export type ProvisioningStep = (typeof STEPS)[number];

export type StepResult =
    'ok' | 'found' | 'not_found' | 'in_doubt' | 'paused' | 'rejected' | 'unavailable' | 'replayed';

export interface ServiceLink {
    lineId: string;
    whmcsServiceId: number;
}

export interface ProvisioningRecord {
    orderId: string;
    clientId: number;
    state: ProvisioningState;
    whmcsOrderId: number | null;
    whmcsInvoiceId: number | null;
    services: ServiceLink[];
    code: PauseCode | null;
    message: string | null;
    /** Staff-only: the billing system's own text for a pause it caused (redacted); null otherwise. */
    detail: string | null;
    /**
     * When the last AddOrder was sent whose outcome is unknown (no answer: timeout, reset). Until WHMCS has
     * been searched after the settle time, the order is in doubt and no second AddOrder is sent.
     */
    addOrderSentAt: string | null;
    updatedAt: string;
}

export interface AttemptEntry {
    at: string;
    step: ProvisioningStep;
    result: StepResult;
    code?: string;
    /** Staff-only detail (e.g. WHMCS's refusal text); never contains secrets. */
    detail?: string;
}

export type ProvisioningOutcome =
    | { outcome: 'ACTIVATED'; whmcsOrderId: number; whmcsInvoiceId: number | null; services: ServiceLink[] }
    | { outcome: 'PAUSED'; code: PauseCode; message: string; detail: string | null };

const ALLOWED: Record<ProvisioningState, readonly ProvisioningState[]> = {
    // NEW → ORDER_CREATED: a lost or replaced ledger whose WHMCS order is found by its notes.
    NEW: ['INTENT_RECORDED', 'ORDER_CREATED', 'PAUSED'],
    INTENT_RECORDED: ['INTENT_RECORDED', 'ORDER_CREATED', 'PAUSED'],
    ORDER_CREATED: ['ORDER_CREATED', 'ACTIVATED', 'PAUSED'],
    PAUSED: ['INTENT_RECORDED', 'ORDER_CREATED', 'PAUSED'],
    ACTIVATED: []
};

export function canTransition(from: ProvisioningState, to: ProvisioningState): boolean {
    return ALLOWED[from].includes(to);
}

export function assertTransition(from: ProvisioningState, to: ProvisioningState): void {
    if (!canTransition(from, to)) throw new Error(`illegal provisioning transition ${from} → ${to}`);
}

/** The next step for a record. A PAUSED record is re-checked from the start. */
export function nextStep(
    record: Pick<ProvisioningRecord, 'state' | 'whmcsOrderId'>
): ProvisioningStep | 'DONE' {
    switch (record.state) {
        case 'ACTIVATED':
            return 'DONE';
        case 'NEW':
        case 'PAUSED':
            return 'CHECK';
        case 'INTENT_RECORDED':
            return record.whmcsOrderId === null ? 'FIND_ORDER' : 'ACCEPT_ORDER';
        case 'ORDER_CREATED':
            return 'ACCEPT_ORDER';
    }
}

/** The recorded outcome for a finished record, or null if it is not finished. */
export function recordedOutcome(record: ProvisioningRecord): ProvisioningOutcome | null {
    if (record.state === 'ACTIVATED' && record.whmcsOrderId !== null) {
        return {
            outcome: 'ACTIVATED',
            whmcsOrderId: record.whmcsOrderId,
            whmcsInvoiceId: record.whmcsInvoiceId,
            services: record.services
        };
    }
    if (record.state === 'PAUSED' && record.code) {
        return {
            outcome: 'PAUSED',
            code: record.code,
            message: record.message ?? '',
            detail: record.detail
        };
    }
    return null;
}

/** The marker placed in WHMCS order notes so a re-drive can find an order an earlier attempt made. */
export function orderNotesMarker(orderId: string): string {
    return `sf-order:${orderId}`;
}

/** True when the notes carry the marker of `orderId` in any spelling of the Id (15, 18, any case). */
export function notesMatchOrder(notes: string | null | undefined, orderId: string): boolean {
    if (!notes) return false;
    const wanted = normaliseSalesforceId(orderId);
    const prefix = orderNotesMarker('');
    return notes
        .split(/\s+/)
        .some(
            (word) => word.startsWith(prefix) && normaliseSalesforceId(word.slice(prefix.length)) === wanted
        );
}

/**
 * Assigns WHMCS services of an order to order lines: each line takes the next unclaimed service of its
 * product (services sorted by id, i.e. creation order, which follows the AddOrder pid[] order).
 */
export function mapServicesToLines(
    lines: readonly { lineId: string; whmcsProductId: number }[],
    services: readonly { id: number; productId: number }[]
): ServiceLink[] {
    const pool = [...services].sort((a, b) => a.id - b.id);
    const out: ServiceLink[] = [];
    for (const line of lines) {
        const idx = pool.findIndex((s) => s.productId === line.whmcsProductId);
        if (idx >= 0) {
            out.push({ lineId: line.lineId, whmcsServiceId: pool[idx].id });
            pool.splice(idx, 1);
        }
    }
    return out;
}
