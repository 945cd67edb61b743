/**
 * The zod schemas of the API: routes validate with them and /openapi.json is generated from them.
 * Every object is strict (unknown keys are rejected).
 */
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { normaliseSalesforceId } from '../domain/salesforce-id';
import { INVOICE_STATUSES, SITE_PATH, SSO_DESTINATIONS } from '../domain/services/billing';
import { IDENTIFIER_KINDS, SUBSCRIPTION_CATEGORIES } from '../domain/subscriptions';
import { CATEGORIES, ITEM_TYPES, LINE_BILLING_CYCLES, RULE_CODES } from '../domain/types';

extendZodWithOpenApi(z);

export const SALESFORCE_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;
const POSITIVE_INT_TEXT = /^[1-9][0-9]{0,9}$/;
const MAX_ID = 2_147_483_647;

/** A 15- or 18-character Id, answered in its 18-character form (the one the ledger keys on). */
export const SalesforceId = z
    .string()
    .regex(SALESFORCE_ID, 'must be a Salesforce id (15 or 18 letters and digits)')
    .transform((value, ctx) => {
        const id = normaliseSalesforceId(value);
        if (id === null) {
            ctx.addIssue({
                code: 'custom',
                message: 'the last 3 characters of an 18-character Salesforce id do not match its case'
            });
            return z.NEVER;
        }
        return id;
    })
    .openapi({ example: '001000000000001AAA' });
export const WhmcsId = z.number().int().positive().max(MAX_ID);
const text = (max: number) => z.string().trim().min(1).max(max);
const Money = z
    .string()
    .regex(/^\d{1,12}(\.\d{1,2})?$/, 'must be a decimal string such as "4980.00"')
    .openapi({ example: '4980.00' });
const MoneyOut = z.string().openapi({ example: '4980.00' });
const IsoDate = z.string().openapi({ example: '2026-12-01', format: 'date' });

export const AddressSchema = z
    .object({
        line1: text(255),
        line2: z.string().trim().max(255).optional(),
        city: text(100),
        state: text(100),
        postalCode: text(20),
        country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
    })
    .strict()
    .openapi('Address');

export const MnpSchema = z
    .object({
        reservationNumber: z.string().max(32),
        expiresOn: z.string().max(32),
        phoneNumber: z.string().max(32),
        holderName: z.string().max(200)
    })
    .strict()
    .openapi('MnpDetails');

export const OrderLineSchema = z
    .object({
        lineId: text(80),
        productCode: text(80),
        name: text(255),
        category: z.enum(CATEGORIES),
        itemType: z.enum(ITEM_TYPES),
        whmcsProductId: WhmcsId,
        billingCycle: z.enum(LINE_BILLING_CYCLES),
        unitPrice: Money,
        quantity: z.number().int().min(1).max(99),
        orderable: z.boolean(),
        details: z
            .object({
                mnp: MnpSchema.optional(),
                vpnRegion: z.string().max(16).optional(),
                installationOption: z.string().max(80).optional()
            })
            .strict()
            .optional()
    })
    .strict()
    .openapi('OrderLine');

const InstallationAddressSchema = z
    .object({
        address: AddressSchema,
        confirmed: z.boolean(),
        /** Sent by the portal for the Order's Address_Changed__c; not used by the rules. */
        changed: z.boolean().optional()
    })
    .strict()
    .openapi('InstallationAddress');

const Lines = z.array(OrderLineSchema).min(1).max(50);

export const OrderCheckBody = z
    .object({
        clientId: WhmcsId,
        accountId: SalesforceId,
        lines: Lines,
        installationAddress: InstallationAddressSchema.optional(),
        openOrderCategories: z.array(z.enum(CATEGORIES)).max(10).optional()
    })
    .strict()
    .openapi('OrderCheckRequest');

export const ProvisionBody = z
    .object({
        clientId: WhmcsId,
        accountId: SalesforceId,
        lines: Lines,
        installationAddress: InstallationAddressSchema.optional()
    })
    .strict()
    .openapi('ProvisionRequest');

export const BillingProfileBody = z
    .object({
        accountId: SalesforceId,
        customerNumber: z.string().regex(/^[A-Za-z0-9-]{1,32}$/, 'must be 1-32 letters, digits or hyphens'),
        firstName: text(100),
        lastName: text(100),
        email: z.email().max(254),
        phone: z.string().trim().max(40).optional(),
        companyName: z.string().trim().max(255).optional(),
        address: AddressSchema,
        language: z.enum(['en', 'ja']).optional()
    })
    .strict()
    .openapi('BillingProfileRequest');

export const VerifyBody = z
    .object({
        email: z.email().max(254),
        password: z.string().min(1).max(256),
        /** Required: the per-IP lockout counts by it (IPv4, or IPv6 by its /64). */
        sourceIp: z.union([z.ipv4(), z.ipv6()]).openapi({ example: '203.0.113.5' })
    })
    .strict()
    .openapi('MigrationVerifyRequest');

export const AddressBody = z.object({ address: AddressSchema }).strict().openapi('AddressUpdateRequest');

export const SsoBody = z
    .object({
        destination: z.enum(SSO_DESTINATIONS),
        invoiceId: WhmcsId.optional(),
        returnPath: z
            .string()
            .max(255)
            .regex(SITE_PATH, 'must be a path of the portal site ("/checkout?...")')
            .optional()
            .openapi({
                description:
                    'The portal page to come back to ("Back to the portal"); carried for the invoice and add-payment-method destinations'
            })
    })
    .strict()
    .superRefine((v, ctx) => {
        if ((v.destination === 'invoice' || v.destination === 'invoice-pdf') && v.invoiceId === undefined) {
            ctx.addIssue({
                code: 'custom',
                path: ['invoiceId'],
                message: `required for destination "${v.destination}"`
            });
        }
    })
    .openapi('SsoRequest');

/** `?page=&pageSize=` of the paged lists. */
const PAGING = {
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20)
};

export const InvoiceQuery = z.object({ status: z.enum(INVOICE_STATUSES).optional(), ...PAGING }).strict();

export const SubscriptionQuery = z.object(PAGING).strict();

export const ClientParams = z
    .object({ clientId: z.string().regex(POSITIVE_INT_TEXT, 'must be a positive integer') })
    .strict();
export const InvoiceParams = z
    .object({
        clientId: z.string().regex(POSITIVE_INT_TEXT, 'must be a positive integer'),
        invoiceId: z.string().regex(POSITIVE_INT_TEXT, 'must be a positive integer')
    })
    .strict();
export const PayMethodParams = z
    .object({
        clientId: z.string().regex(POSITIVE_INT_TEXT, 'must be a positive integer'),
        payMethodId: z.string().regex(POSITIVE_INT_TEXT, 'must be a positive integer')
    })
    .strict();
export const OrderParams = z.object({ orderId: SalesforceId }).strict();

// ---------------------------------------------------------------- responses (documentation)

export const ErrorResponse = z
    .object({
        error: z.object({
            code: z.string().openapi({ example: 'VALIDATION_FAILED' }),
            message: z.string(),
            retryable: z.boolean(),
            details: z.record(z.string(), z.unknown()).optional()
        }),
        requestId: z.string()
    })
    .openapi('Error');

export const ViolationSchema = z
    .object({ code: z.enum(RULE_CODES), message: z.string(), lineId: z.string().optional() })
    .openapi('Violation');

export const AddressResponse = z.object({ address: AddressSchema }).openapi('AddressResponse');

export const BillingProfileResponse = z
    .object({ clientId: WhmcsId, created: z.boolean() })
    .openapi('BillingProfileResponse');

export const VerifyResponse = z
    .object({
        clientId: WhmcsId,
        customerNumber: z.string(),
        firstName: z.string(),
        lastName: z.string(),
        email: z.string(),
        address: AddressSchema
    })
    .openapi('MigrationVerifyResponse');

export const PaymentMethodsResponse = z
    .object({
        paymentMethods: z.array(
            z.object({
                id: WhmcsId,
                kind: z.enum(['card', 'bank_account', 'other']),
                label: z.string().openapi({ example: 'Visa •••• 4242' }),
                lastFour: z.string().optional(),
                expiry: z.string().optional().openapi({ example: '12/28' }),
                expired: z.boolean(),
                isDefault: z.boolean()
            })
        ),
        hasUsableMethod: z.boolean()
    })
    .openapi('PaymentMethodsResponse');

const InvoiceSchema = z
    .object({
        id: WhmcsId,
        number: z.string(),
        status: z.string(),
        issuedOn: IsoDate.nullable(),
        dueOn: IsoDate.nullable(),
        paidOn: IsoDate.nullable(),
        total: MoneyOut,
        balance: MoneyOut,
        currency: z.string().openapi({ example: 'JPY' })
    })
    .openapi('Invoice');

export const InvoicesResponse = z
    .object({ invoices: z.array(InvoiceSchema), page: z.number(), pageSize: z.number(), total: z.number() })
    .openapi('InvoicesResponse');

export const InvoiceResponse = z
    .object({
        invoice: InvoiceSchema.extend({
            lines: z.array(
                z.object({
                    description: z.string(),
                    amount: MoneyOut,
                    taxed: z.boolean().openapi({ description: 'Whether the line is subject to tax' })
                })
            ),
            subtotal: MoneyOut.openapi({ description: 'Total before tax and credit' }),
            credit: MoneyOut.openapi({ description: 'Account credit applied' }),
            taxes: z
                .array(
                    z.object({
                        rate: z.string().openapi({ example: '10', description: 'Percent' }),
                        amount: MoneyOut.openapi({ example: '480.00' })
                    })
                )
                .openapi({ description: 'Tax levels with a rate or an amount (WHMCS tax, tax2)' }),
            payments: z.array(
                z.object({
                    date: IsoDate.nullable(),
                    method: z.string().openapi({ example: 'Credit card' }),
                    amount: MoneyOut.openapi({ description: 'Negative for a refund' }),
                    transactionId: z.string()
                })
            )
        })
    })
    .openapi('InvoiceResponse');

export const SubscriptionsResponse = z
    .object({
        subscriptions: z.array(
            z.object({
                id: WhmcsId,
                productId: WhmcsId,
                orderId: WhmcsId.nullable(),
                name: z.string(),
                category: z.enum(SUBSCRIPTION_CATEGORIES),
                status: z.string(),
                billingCycle: z.string().openapi({ example: 'monthly' }),
                recurringAmount: MoneyOut,
                nextDueDate: IsoDate.nullable(),
                registeredOn: IsoDate.nullable(),
                identifier: z
                    .object({
                        kind: z.enum(IDENTIFIER_KINDS),
                        value: z.string().openapi({ example: '090-1234-5678' })
                    })
                    .nullable()
            })
        ),
        page: z.number(),
        pageSize: z.number(),
        total: z
            .number()
            .openapi({ description: 'WHMCS services the pages run over, one-time fees included' })
    })
    .openapi('SubscriptionsResponse');

export const SsoResponse = z
    .object({ url: z.string(), expiresAt: z.string().openapi({ format: 'date-time' }) })
    .openapi('SsoResponse');

export const OrderCheckResponse = z
    .object({
        ok: z.boolean(),
        violations: z.array(ViolationSchema),
        billingAddress: AddressSchema,
        paymentMethodOnFile: z.boolean()
    })
    .openapi('OrderCheckResponse');

export const ProvisionResponse = z
    .union([
        z.object({
            outcome: z.literal('ACTIVATED'),
            whmcsOrderId: WhmcsId,
            whmcsInvoiceId: WhmcsId.nullable(),
            services: z.array(z.object({ lineId: z.string(), whmcsServiceId: WhmcsId }))
        }),
        z.object({
            outcome: z.literal('PAUSED'),
            code: z.string(),
            message: z.string(),
            detail: z.string().nullable().openapi({
                description:
                    "Staff only: the billing system's own text when it refused (secrets masked); null for a rule"
            })
        })
    ])
    .openapi('ProvisionResponse');

export const ProvisioningTraceResponse = z
    .object({
        orderId: z.string(),
        state: z.string(),
        whmcsOrderId: WhmcsId.nullable(),
        whmcsInvoiceId: WhmcsId.nullable(),
        code: z.string().nullable(),
        message: z.string().nullable(),
        detail: z.string().nullable(),
        services: z.array(z.object({ lineId: z.string(), whmcsServiceId: WhmcsId })),
        attempts: z.array(
            z.object({
                at: z.string(),
                step: z.string(),
                result: z.string(),
                code: z.string().optional(),
                detail: z.string().optional()
            })
        )
    })
    .openapi('ProvisioningTrace');

export const HealthResponse = z.object({ status: z.literal('ok') }).openapi('Health');
export const ReadyResponse = z
    .object({
        status: z.enum(['ready', 'not_ready']),
        checks: z.object({ store: z.enum(['ok', 'fail']), whmcs: z.enum(['ok', 'fail']) })
    })
    .openapi('Ready');
