/** Schemas of the service-change routes (plan change and cancellation); strict like every body. */
import { z } from 'zod';
import { CHANGE_KINDS, CHANGE_REFUSALS, REQUEST_STATES } from '../domain/service-requests';
import { SalesforceId, WhmcsId } from './schemas';

const POSITIVE_INT_TEXT = /^[1-9][0-9]{0,9}$/;
const MoneyOut = z.string().openapi({ example: '1700.00' });
const IsoDate = z.string().openapi({ example: '2026-12-01', format: 'date' });
/** Salesforce sends absent fields as null: both mean "not given". */
const absentAsUndefined = <T extends z.ZodType>(schema: T) =>
    schema.nullish().transform((v) => (v === null ? undefined : v));

/** newProductId belongs to a plan change, and a plan change needs one. */
function newProductRule(v: { kind: string; newProductId?: number }, ctx: z.RefinementCtx) {
    if (v.kind === 'plan_change' && v.newProductId === undefined) {
        ctx.addIssue({ code: 'custom', path: ['newProductId'], message: 'required for kind "plan_change"' });
    }
    if (v.kind === 'cancellation' && v.newProductId !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['newProductId'], message: 'only for kind "plan_change"' });
    }
}

export const SubscriptionParams = z
    .object({
        clientId: z.string().regex(POSITIVE_INT_TEXT, 'must be a positive integer'),
        serviceId: z.string().regex(POSITIVE_INT_TEXT, 'must be a positive integer')
    })
    .strict();

export const ServiceRequestParams = z.object({ requestId: SalesforceId }).strict();

export const ChangeQuoteBody = z
    .object({ kind: z.enum(CHANGE_KINDS), newProductId: absentAsUndefined(WhmcsId) })
    .strict()
    .superRefine(newProductRule)
    .openapi('ChangeQuoteRequest');

export const ExecuteServiceRequestBody = z
    .object({
        clientId: WhmcsId,
        accountId: SalesforceId,
        kind: z.enum(CHANGE_KINDS),
        serviceId: WhmcsId,
        newProductId: absentAsUndefined(WhmcsId),
        /** The customer's words, sent to WHMCS with a cancellation; blank counts as none. */
        reason: absentAsUndefined(z.string().trim().max(500)).transform((v) => (v ? v : undefined))
    })
    .strict()
    .superRefine(newProductRule)
    .openapi('ServiceRequestExecuteRequest');

export const ChangeQuoteResponse = z
    .object({
        quote: z.object({
            serviceId: WhmcsId,
            kind: z.enum(CHANGE_KINDS),
            currentProductId: WhmcsId,
            currentProductName: z.string(),
            newProductId: WhmcsId.nullable(),
            newProductName: z.string().nullable(),
            billingCycle: z.string().openapi({ example: 'monthly' }),
            currentAmount: MoneyOut,
            newAmount: MoneyOut.nullable(),
            difference: MoneyOut.nullable().openapi({
                description: 'newAmount − currentAmount (may be negative)'
            }),
            currency: z.string().openapi({ example: 'JPY' }),
            effectiveOn: IsoDate.openapi({ description: "the service's next due date" }),
            lastServiceDay: IsoDate.openapi({ description: 'the day before effectiveOn' })
        })
    })
    .openapi('ChangeQuoteResponse');

const PausedOutcome = z.object({
    outcome: z.literal('PAUSED'),
    code: z.enum(['CHANGE_NOT_ALLOWED', 'BILLING_REJECTED']),
    message: z.string()
});
const DoneOutcome = z.object({
    outcome: z.literal('DONE'),
    kind: z.enum(CHANGE_KINDS),
    serviceId: WhmcsId,
    effectiveOn: IsoDate,
    whmcsOrderId: WhmcsId.nullable(),
    whmcsInvoiceId: WhmcsId.nullable()
});

export const ExecuteServiceRequestResponse = z
    .union([DoneOutcome, PausedOutcome])
    .openapi('ServiceRequestOutcome');

export const ServiceRequestTraceResponse = z
    .object({
        requestId: z.string(),
        state: z.enum(REQUEST_STATES),
        kind: z.enum(CHANGE_KINDS),
        serviceId: WhmcsId,
        outcome: z.union([DoneOutcome, PausedOutcome]).optional(),
        attempts: z.array(
            z.object({
                at: z.string(),
                step: z.string(),
                result: z.string(),
                code: z
                    .string()
                    .optional()
                    .openapi({
                        description: `an error code, or for a refused rule one of ${Object.keys(CHANGE_REFUSALS).join(', ')}`
                    }),
                message: z.string().optional().openapi({ description: "WHMCS's own text (secrets removed)" })
            })
        )
    })
    .openapi('ServiceRequestTrace');
