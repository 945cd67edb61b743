import { nextId } from '../db';
import {
    auraError,
    currentCustomer,
    requireClientId,
    type ApexCall,
    type ApexMethodImpl,
    type CustomerContext
} from '../context';
import { withoutNulls } from '../middleware';
import { isValidAddress, street, toAddress, validateAddress, type Address } from './address';
import { lineBillingCycle, resolveByCode, standardPricebookId, type CatalogItem } from './catalog';

// OrderSubmissionService + PortalCheckoutController.
const REQUEST_KEY = /^[A-Za-z0-9-]{8,80}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const REGION = /^[A-Z]{2}$/;
const CATEGORIES = new Set(['Internet', 'SIM', 'VPN']);
const OPEN_STATUSES = ['Draft', 'Approved'];
const MAX_LINES = 20;
const MAX_QUANTITY = 99;

interface MnpInput {
    reservationNumber: string | null;
    expiresOn: string | null;
    phoneNumber: string | null;
    holderName: string | null;
}

interface LineInput {
    productCode: string | null;
    quantity: number | null;
    details: { mnp: MnpInput | null; vpnRegion: string | null } | null;
}

export interface SubmitRequest {
    requestKey: string | null;
    category: string | null;
    lines: LineInput[] | null;
    installationAddress: {
        address: Address | null;
        confirmed: boolean | null;
        changed: boolean | null;
    } | null;
}

export interface Violation {
    code: string | null;
    message: string | null;
    lineId: string | null;
}

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
    return !!value && typeof value === 'object' && !Array.isArray(value);
}

// JSON.deserialize into the typed inner classes: unknown keys ignored, a wrong type fails the whole parse.
function strField(o: Obj, key: string): string | null {
    const v = o[key];
    if (v === undefined || v === null) return null;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw new TypeError(key);
}

function intField(o: Obj, key: string): number | null {
    const v = o[key];
    if (v === undefined || v === null) return null;
    if (typeof v === 'number' && Number.isFinite(v)) return Math.trunc(v);
    if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v.trim());
    throw new TypeError(key);
}

function boolField(o: Obj, key: string): boolean | null {
    const v = o[key];
    if (v === undefined || v === null) return null;
    if (typeof v === 'boolean') return v;
    throw new TypeError(key);
}

function objField(o: Obj, key: string): Obj | null {
    const v = o[key];
    if (v === undefined || v === null) return null;
    if (isObj(v)) return v;
    throw new TypeError(key);
}

function deserialize(json: unknown): SubmitRequest {
    if (typeof json !== 'string') throw new TypeError('requestJson');
    const raw: unknown = JSON.parse(json);
    if (!isObj(raw)) throw new TypeError('root');
    const linesRaw = raw.lines;
    if (linesRaw !== undefined && linesRaw !== null && !Array.isArray(linesRaw)) throw new TypeError('lines');
    const lines = Array.isArray(linesRaw)
        ? linesRaw.map((l: unknown): LineInput => {
              if (!isObj(l)) throw new TypeError('line');
              const d = objField(l, 'details');
              const mnp = d ? objField(d, 'mnp') : null;
              return {
                  productCode: strField(l, 'productCode'),
                  quantity: intField(l, 'quantity'),
                  details: d
                      ? {
                            vpnRegion: strField(d, 'vpnRegion'),
                            mnp: mnp
                                ? {
                                      reservationNumber: strField(mnp, 'reservationNumber'),
                                      expiresOn: strField(mnp, 'expiresOn'),
                                      phoneNumber: strField(mnp, 'phoneNumber'),
                                      holderName: strField(mnp, 'holderName')
                                  }
                                : null
                        }
                      : null
              };
          })
        : null;
    const inst = objField(raw, 'installationAddress');
    return {
        requestKey: strField(raw, 'requestKey'),
        category: strField(raw, 'category'),
        lines,
        installationAddress: inst
            ? {
                  address: toAddress(objField(inst, 'address')),
                  confirmed: boolField(inst, 'confirmed'),
                  changed: boolField(inst, 'changed')
              }
            : null
    };
}

function blank(value: string | null): boolean {
    return value === null || value.trim() === '';
}

function isValidDate(text: string): boolean {
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function isValidLine(line: LineInput): boolean {
    if (blank(line.productCode) || (line.productCode as string).length > 255) return false;
    if (line.quantity === null || line.quantity < 1 || line.quantity > MAX_QUANTITY) return false;
    if (!line.details) return true;
    if (line.details.vpnRegion !== null && !REGION.test(line.details.vpnRegion)) return false;
    const mnp = line.details.mnp;
    if (!mnp) return true;
    if (blank(mnp.reservationNumber) || (mnp.reservationNumber as string).length > 10) return false;
    if (blank(mnp.phoneNumber) || (mnp.phoneNumber as string).length > 40) return false;
    if (blank(mnp.holderName) || (mnp.holderName as string).length > 80) return false;
    if (mnp.expiresOn === null || !ISO_DATE.test(mnp.expiresOn)) return false;
    return isValidDate(mnp.expiresOn);
}

function isValid(req: SubmitRequest): boolean {
    if (req.requestKey === null || !REQUEST_KEY.test(req.requestKey)) return false;
    if (req.category === null || !CATEGORIES.has(req.category) || !req.lines || req.lines.length === 0)
        return false;
    if (req.lines.length > MAX_LINES) return false;
    if (!req.lines.every(isValidLine)) return false;
    if (req.installationAddress !== null && !isValidAddress(req.installationAddress.address)) return false;
    return true;
}

// OrderSubmissionService.parse
export function parseSubmitRequest(requestJson: unknown): SubmitRequest {
    let req: SubmitRequest;
    try {
        req = deserialize(requestJson);
    } catch {
        throw auraError('VALIDATION_FAILED');
    }
    if (!isValid(req)) throw auraError('VALIDATION_FAILED');
    return req;
}

export function openOrderCategories(call: ApexCall, accountId: string): string[] {
    const rows = call.org.db
        .prepare(
            `SELECT DISTINCT Portal_Category__c AS c FROM "Order"
             WHERE AccountId = ? AND Status IN (${OPEN_STATUSES.map(() => '?').join(',')})
               AND Portal_Category__c IS NOT NULL LIMIT 500`
        )
        .all(accountId, ...OPEN_STATUSES) as { c: string }[];
    return rows.map((r) => r.c);
}

// MiddlewareClient.OrderLine for each requested line.
export function toOrderLines(
    lines: { productCode: string; quantity: number; mnp?: MnpInput | null; vpnRegion?: string | null }[],
    catalog: Map<string, CatalogItem>
): Obj[] {
    return lines.map((line) => {
        const item = catalog.get(line.productCode) as CatalogItem;
        const out: Obj = {
            lineId: line.productCode,
            productCode: item.productCode,
            name: item.name,
            category: item.category,
            itemType: item.itemType,
            whmcsProductId: item.whmcsProductId,
            billingCycle: lineBillingCycle(item.billingCycle),
            unitPrice: item.unitPrice.toFixed(2),
            quantity: line.quantity,
            orderable: item.orderable
        };
        if (line.mnp || !blank(line.vpnRegion ?? null)) {
            out.details = {
                mnp: line.mnp
                    ? {
                          reservationNumber: line.mnp.reservationNumber,
                          expiresOn: line.mnp.expiresOn,
                          phoneNumber: line.mnp.phoneNumber,
                          holderName: line.mnp.holderName
                      }
                    : null,
                vpnRegion: blank(line.vpnRegion ?? null) ? null : line.vpnRegion
            };
        }
        return out;
    });
}

interface OrderKeyRow {
    Id: string;
    OrderNumber: string;
    AccountId: string;
}

function findByKey(call: ApexCall, requestKey: string): OrderKeyRow | undefined {
    return call.org.db
        .prepare('SELECT Id, OrderNumber, AccountId FROM "Order" WHERE Portal_Request_Key__c = ? LIMIT 1')
        .get(requestKey) as OrderKeyRow | undefined;
}

function existingResult(ctx: CustomerContext, o: OrderKeyRow | undefined) {
    if (!o || o.AccountId !== ctx.accountId) throw auraError('VALIDATION_FAILED');
    return { ok: true, orderId: o.Id, orderNumber: o.OrderNumber, violations: [] as Violation[] };
}

function violation(code: string, lineId: string | null): Violation {
    return { code, message: code, lineId };
}

function nextOrderNumber(call: ApexCall): { seq: number; number: string } {
    const row = call.org.db.prepare('SELECT COALESCE(MAX(Seq), 0) AS n FROM "Order"').get() as { n: number };
    const seq = row.n + 1;
    return { seq, number: String(100 + seq).padStart(8, '0') };
}

function today(): string {
    return new Date().toISOString().slice(0, 10);
}

async function submit(call: ApexCall, ctx: CustomerContext, req: SubmitRequest) {
    const requestKey = req.requestKey as string;
    const existing = findByKey(call, requestKey);
    if (existing) return existingResult(ctx, existing);
    const clientId = requireClientId(ctx);
    const lines = req.lines as LineInput[];
    const catalog = resolveByCode(call.org.db, new Set(lines.map((l) => l.productCode as string)));
    const violations: Violation[] = [];
    for (const line of lines) {
        const item = catalog.get(line.productCode as string);
        if (!item) violations.push(violation('PRODUCT_NOT_ORDERABLE', line.productCode));
        else if (item.category !== req.category)
            violations.push(violation('ORDER_MIXED_CATEGORIES', line.productCode));
    }
    if (violations.length > 0) return { ok: false, orderId: null, orderNumber: null, violations };

    const installation = req.installationAddress?.address
        ? validateAddress(req.installationAddress.address)
        : null;
    const check: Obj = {
        clientId,
        accountId: ctx.accountId,
        lines: toOrderLines(
            lines.map((l) => ({
                productCode: l.productCode as string,
                quantity: l.quantity as number,
                mnp: l.details?.mnp ?? null,
                vpnRegion: l.details?.vpnRegion ?? null
            })),
            catalog
        ),
        openOrderCategories: openOrderCategories(call, ctx.accountId)
    };
    if (installation) {
        check.installationAddress = {
            address: installation,
            confirmed: req.installationAddress?.confirmed === true
        };
    }
    const checked = await call.org.middleware.send('POST', '/v1/orders/check', withoutNulls(check));
    if (checked.ok !== true) {
        const list = Array.isArray(checked.violations) ? (checked.violations as Obj[]) : [];
        return {
            ok: false,
            orderId: null,
            orderNumber: null,
            violations: list.map((v) => ({
                code: typeof v.code === 'string' ? v.code : null,
                message: typeof v.message === 'string' ? v.message : null,
                lineId: typeof v.lineId === 'string' ? v.lineId : null
            }))
        };
    }
    const billing = toAddress(checked.billingAddress);
    const db = call.org.db;
    const insert = db.transaction(() => {
        const orderId = nextId(db, 'Order');
        const { seq, number } = nextOrderNumber(call);
        db.prepare(
            `INSERT INTO "Order" (Id, OrderNumber, AccountId, Status, EffectiveDate, Pricebook2Id, Portal_Category__c,
             Portal_Request_Key__c, Address_Changed__c, BillingStreet, BillingCity, BillingState, BillingPostalCode,
             BillingCountryCode, ShippingStreet, ShippingCity, ShippingState, ShippingPostalCode, ShippingCountryCode,
             CreatedDate, Seq) VALUES (?, ?, ?, 'Draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
        ).run(
            orderId,
            number,
            ctx.accountId,
            today(),
            standardPricebookId(db),
            req.category,
            requestKey,
            req.installationAddress?.changed === true ? 1 : 0,
            billing ? street(billing) : null,
            billing?.city ?? null,
            billing?.state ?? null,
            billing?.postalCode ?? null,
            billing?.country ?? null,
            installation ? street(installation) : null,
            installation?.city ?? null,
            installation?.state ?? null,
            installation?.postalCode ?? null,
            installation?.country ?? null,
            new Date().toISOString(),
            seq
        );
        const insertItem = db.prepare(
            `INSERT INTO OrderItem (Id, OrderId, PricebookEntryId, Product2Id, Quantity, UnitPrice,
             MNP_Reservation_Number__c, MNP_Expires_On__c, MNP_Phone_Number__c, MNP_Holder_Name__c, VPN_Region__c)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
        );
        for (const line of lines) {
            const item = catalog.get(line.productCode as string) as CatalogItem;
            const mnp = line.details?.mnp ?? null;
            const region = line.details?.vpnRegion;
            insertItem.run(
                nextId(db, 'OrderItem'),
                orderId,
                item.pricebookEntryId,
                item.productId,
                line.quantity,
                item.unitPrice,
                mnp?.reservationNumber ?? null,
                mnp?.expiresOn ?? null,
                mnp?.phoneNumber ?? null,
                mnp?.holderName ?? null,
                region && region.trim() ? region : null
            );
        }
    });
    try {
        insert();
    } catch (error) {
        // DUPLICATE_VALUE on the request key: a concurrent submission won; answer with its order.
        if (
            error instanceof Error &&
            /UNIQUE constraint failed: Order.Portal_Request_Key__c/.test(error.message)
        ) {
            return existingResult(ctx, findByKey(call, requestKey));
        }
        throw error;
    }
    return existingResult(ctx, findByKey(call, requestKey));
}

export const PortalCheckoutController: Record<string, ApexMethodImpl> = {
    getCheckoutContext: {
        params: [],
        access: 'customer',
        async run(call) {
            const ctx = currentCustomer(call);
            const clientId = requireClientId(ctx);
            const address = await call.org.middleware.send('GET', `/v1/clients/${clientId}/address`);
            const methods = await call.org.middleware.send('GET', `/v1/clients/${clientId}/payment-methods`);
            return {
                billingAddress: toAddress(address.address),
                paymentMethodOnFile: methods.hasUsableMethod === true,
                openOrderCategories: openOrderCategories(call, ctx.accountId),
                vpnRegions: call.org.vpnRegions
            };
        }
    },
    submitOrder: {
        params: ['requestJson'],
        access: 'customer',
        async run(call, args) {
            const req = parseSubmitRequest(args.requestJson);
            const ctx = currentCustomer(call);
            return submit(call, ctx, req);
        }
    }
};
