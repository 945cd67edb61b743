/**
 * Plan change and cancellation of a WHMCS service (docs/API.md "Service changes"). Pure: the rules, the
 * effective date, the price difference, and the ledger record of a Salesforce Service_Request__c, whose row
 * moves NEW → SENT → DONE, or to PAUSED (a rule refused, or WHMCS did) from NEW, SENT or PAUSED.
 * SENT means the WHMCS write went out and its outcome is not known yet (no answer, or a crash).
 */
import { daysBetween, normaliseDate, parseIsoDate } from './dates';
import { toMoney } from './money';
import type { Category, ItemType } from './types';

export const CHANGE_KINDS = ['plan_change', 'cancellation'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** `details.reason` of CHANGE_NOT_ALLOWED. */
export const CHANGE_REFUSALS = {
    SERVICE_NOT_ACTIVE: 'Only an active service can be changed or cancelled.',
    NOT_RECURRING: 'A one-time fee cannot be changed or cancelled.',
    SAME_PRODUCT: 'This service is already on that plan.',
    OTHER_CATEGORY: 'A plan can only be changed to another plan of the same kind (Internet, SIM or VPN).',
    PRODUCT_NOT_ORDERABLE: 'That plan cannot be chosen online.',
    CANCELLATION_PENDING: 'This service already has a cancellation request.'
} as const;
export type ChangeRefusal = keyof typeof CHANGE_REFUSALS;

/** How the effective date is chosen (setting SERVICE_CHANGE_EFFECTIVE); one rule for now. */
export const EFFECTIVE_RULES = ['end_of_billing_period'] as const;
export type EffectiveRule = (typeof EFFECTIVE_RULES)[number];

/** What the portal catalog says about a WHMCS product (data/catalog.json). */
export interface CatalogProduct {
    category: Category;
    itemType: ItemType;
    orderable: boolean;
    billingCycle: 'monthly' | 'onetime';
}

/** The WHMCS service as the rules need it. */
export interface ChangeableService {
    id: number;
    productId: number;
    name: string;
    status: string;
    billingCycle: string;
    recurringAmount: string;
    nextDueDate: string | null;
}

export interface ChangeRequest {
    kind: ChangeKind;
    newProductId?: number;
}

/** The first rule a change breaks, or null when it may go ahead. */
export function refusalOf(
    service: ChangeableService,
    change: ChangeRequest,
    catalog: ReadonlyMap<number, CatalogProduct>,
    cancellationPending: boolean
): ChangeRefusal | null {
    if (service.status !== 'Active') return 'SERVICE_NOT_ACTIVE';
    if (service.billingCycle !== 'monthly' || normaliseDate(service.nextDueDate) === null)
        return 'NOT_RECURRING';
    if (cancellationPending) return 'CANCELLATION_PENDING';
    if (change.kind === 'cancellation') return null;
    if (change.newProductId === service.productId) return 'SAME_PRODUCT';
    const target = change.newProductId === undefined ? undefined : catalog.get(change.newProductId);
    const current = catalog.get(service.productId);
    if (target && target.category !== current?.category) return 'OTHER_CATEGORY';
    if (!target || !target.orderable || target.itemType !== 'Plan' || target.billingCycle !== 'monthly') {
        return 'PRODUCT_NOT_ORDERABLE';
    }
    return null;
}

/** 'YYYY-MM-DD' + n months, the day clamped to the month's last (as WHMCS moves due dates). */
export function addMonths(date: string, months: number): string {
    const [y, m, d] = date.split('-').map(Number);
    const first = new Date(Date.UTC(y, m - 1 + months, 1));
    const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
    first.setUTCDate(Math.min(d, last));
    return first.toISOString().slice(0, 10);
}

/**
 * End of the current billing period: the change takes effect on the next due date, the last day of service
 * is the day before. An overdue due date (in the past) is moved on by whole months to the first one from
 * today, so the effective date is never in the past.
 */
export function effectiveDates(
    nextDueDate: string,
    today: string,
    rule: EffectiveRule
): { effectiveOn: string; lastServiceDay: string } {
    if (rule !== 'end_of_billing_period' || parseIsoDate(nextDueDate) === null) {
        throw new RangeError(`cannot place ${nextDueDate} under ${rule}`);
    }
    let effectiveOn = nextDueDate;
    for (let n = 1; daysBetween(today, effectiveOn) < 0; n++) effectiveOn = addMonths(nextDueDate, n);
    const last = new Date(`${effectiveOn}T00:00:00Z`);
    last.setUTCDate(last.getUTCDate() - 1);
    return { effectiveOn, lastServiceDay: last.toISOString().slice(0, 10) };
}

const cents = (money: string) => {
    const [whole, frac] = toMoney(money).replace('-', '').split('.');
    const abs = BigInt(whole) * 100n + BigInt(frac);
    return money.trim().startsWith('-') ? -abs : abs;
};

/** `to − from` of two decimal strings, with two places. */
export function moneyDifference(to: string, from: string): string {
    const diff = cents(to) - cents(from);
    const abs = diff < 0n ? -diff : diff;
    return `${diff < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

// ---------------------------------------------------------------- the ledger record

export const REQUEST_STATES = ['NEW', 'SENT', 'DONE', 'PAUSED'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export const REQUEST_STEPS = ['CHECK', 'FIND', 'SEND', 'RECORD'] as const;
export type RequestStep = (typeof REQUEST_STEPS)[number];
export type RequestStepResult =
    'ok' | 'found' | 'not_found' | 'in_doubt' | 'paused' | 'rejected' | 'unavailable';

export type RequestPauseCode = 'CHANGE_NOT_ALLOWED' | 'BILLING_REJECTED';

/** The body of the first execute call, as recorded: a later call must send the same. */
export interface ServiceRequestBody {
    clientId: number;
    accountId: string;
    kind: ChangeKind;
    serviceId: number;
    newProductId?: number;
    reason?: string;
}

export interface ServiceRequestRecord {
    requestId: string;
    body: ServiceRequestBody;
    state: RequestState;
    effectiveOn: string | null;
    whmcsOrderId: number | null;
    whmcsInvoiceId: number | null;
    code: RequestPauseCode | null;
    /** For a pause: the plain message, with WHMCS's own text when WHMCS refused (staff see it). */
    message: string | null;
    /** When the last WHMCS write went out whose answer never came (the change is in doubt until looked up). */
    sentAt: string | null;
    updatedAt: string;
}

export interface RequestAttempt {
    at: string;
    step: RequestStep;
    result: RequestStepResult;
    code?: string;
    /** Staff-only detail, e.g. WHMCS's refusal text (secrets removed). */
    message?: string;
}

export type ServiceRequestOutcome =
    | {
          outcome: 'DONE';
          kind: ChangeKind;
          serviceId: number;
          effectiveOn: string;
          whmcsOrderId: number | null;
          whmcsInvoiceId: number | null;
      }
    | { outcome: 'PAUSED'; code: RequestPauseCode; message: string };

export function recordedRequestOutcome(r: ServiceRequestRecord): ServiceRequestOutcome | null {
    if (r.state === 'DONE' && r.effectiveOn !== null) {
        return {
            outcome: 'DONE',
            kind: r.body.kind,
            serviceId: r.body.serviceId,
            effectiveOn: r.effectiveOn,
            whmcsOrderId: r.whmcsOrderId,
            whmcsInvoiceId: r.whmcsInvoiceId
        };
    }
    if (r.state === 'PAUSED' && r.code) return { outcome: 'PAUSED', code: r.code, message: r.message ?? '' };
    return null;
}

/** One canonical text per body, so "the same request" does not depend on key order or absent keys. */
export function canonicalBody(b: ServiceRequestBody): string {
    return JSON.stringify([
        b.clientId,
        b.accountId,
        b.kind,
        b.serviceId,
        b.newProductId ?? null,
        b.reason ?? null
    ]);
}

const SECRET_PATTERNS: [RegExp, string][] = [
    // key=value / key: value pairs whose key names a secret
    [
        /\b(password\d?|passwd|secret|identifier|accesskey|access_token|api[_-]?key|token|hash)\b(\s*[=:]\s*)("[^"]*"|'[^']*'|\S+)/gi,
        '$1$2[redacted]'
    ],
    // card-like digit runs (13-19 digits, spaces or hyphens allowed)
    [/\b\d(?:[ -]?\d){12,18}\b/g, '[redacted]'],
    // long opaque strings (tokens, hashes, keys)
    [/\b[A-Za-z0-9+/_-]{32,}={0,2}/g, '[redacted]']
];

/** WHMCS's own text, fit for a staff trace: secrets masked, one line, at most 500 characters. */
export function staffText(text: string): string {
    let out = text.replace(/\s+/g, ' ').trim();
    for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
    return out.slice(0, 500);
}
