import { auraError, parseClientId, type ApexCall, type ApexMethodImpl, type OrgContext } from '../context';
import type { Db } from '../db';
import { MiddlewareError, withoutNulls } from '../middleware';
import { invoices, subscriptions } from './billing';
import { lineBillingCycle } from './catalog';
import { findOrder, idParam, type OrderRow } from './orders';

// OrderProvisioningController, the Flow → OrderProvisioningAction → OrderProvisioningService /
// OrderProvisioningJob (+ OrderProvisioningFinalizer) path, and AccountBillingController.
export const MAX_ATTEMPTS = 3;
const ACTIVATING = 'Activating';
const ACTIVATED = 'Activated';
const PAUSED = 'Paused';

type Obj = Record<string, unknown>;

interface ItemRow {
    Id: string;
    UnitPrice: number | null;
    Quantity: number | null;
    MNP_Reservation_Number__c: string | null;
    MNP_Expires_On__c: string | null;
    MNP_Phone_Number__c: string | null;
    MNP_Holder_Name__c: string | null;
    VPN_Region__c: string | null;
    ProductCode: string;
    Name: string;
    Portal_Category__c: string;
    Portal_Item_Type__c: string;
    Billing_Cycle__c: string;
    WHMCS_Product_Id__c: number | null;
    Portal_Orderable__c: number;
}

/** Real minutes of Queueable delay become this many milliseconds locally. */
export const DELAY_MS_PER_MINUTE = 1000;

function loadItems(db: Db, orderId: string): ItemRow[] {
    // OrderItemNumber order = insertion order (rowid).
    return db
        .prepare(
            `SELECT i.Id, i.UnitPrice, i.Quantity, i.MNP_Reservation_Number__c, i.MNP_Expires_On__c,
                    i.MNP_Phone_Number__c, i.MNP_Holder_Name__c, i.VPN_Region__c, p.ProductCode, p.Name,
                    p.Portal_Category__c, p.Portal_Item_Type__c, p.Billing_Cycle__c, p.WHMCS_Product_Id__c,
                    p.Portal_Orderable__c
             FROM OrderItem i JOIN Product2 p ON p.Id = i.Product2Id WHERE i.OrderId = ? ORDER BY i.rowid`
        )
        .all(orderId) as ItemRow[];
}

function blank(value: string | null | undefined): boolean {
    return value === null || value === undefined || value.trim() === '';
}

function nextAttempt(current: number | null): number {
    return Math.min((current ?? 0) + 1, 999);
}

// OrderProvisioningService.buildRequest
function buildRequest(db: Db, o: OrderRow, clientId: number): Obj {
    const lines = loadItems(db, o.Id).map((item) => {
        const line: Obj = {
            lineId: item.Id,
            productCode: item.ProductCode,
            name: item.Name,
            category: item.Portal_Category__c,
            itemType: item.Portal_Item_Type__c,
            whmcsProductId: item.WHMCS_Product_Id__c === null ? null : Math.trunc(item.WHMCS_Product_Id__c),
            billingCycle: lineBillingCycle(item.Billing_Cycle__c),
            unitPrice: (item.UnitPrice ?? 0).toFixed(2),
            quantity: item.Quantity === null ? 1 : Math.trunc(item.Quantity),
            orderable: item.Portal_Orderable__c === 1
        };
        const hasMnp = !blank(item.MNP_Reservation_Number__c);
        if (hasMnp || !blank(item.VPN_Region__c)) {
            line.details = {
                vpnRegion: blank(item.VPN_Region__c) ? null : item.VPN_Region__c,
                mnp: hasMnp
                    ? {
                          reservationNumber: item.MNP_Reservation_Number__c,
                          expiresOn: item.MNP_Expires_On__c,
                          phoneNumber: item.MNP_Phone_Number__c,
                          holderName: item.MNP_Holder_Name__c
                      }
                    : null
            };
        }
        return line;
    });
    const req: Obj = { clientId, accountId: o.AccountId, lines };
    if (!blank(o.ShippingStreet)) {
        const street = o.ShippingStreet as string;
        const nl = street.indexOf('\n');
        req.installationAddress = {
            address: {
                line1: nl < 0 ? street : street.slice(0, nl).trim(),
                line2: nl < 0 ? null : street.slice(nl + 1).trim(),
                city: o.ShippingCity,
                state: o.ShippingState,
                postalCode: o.ShippingPostalCode,
                country: o.ShippingCountryCode
            },
            confirmed: true
        };
    }
    return withoutNulls(req);
}

function writePaused(db: Db, o: OrderRow, code: string | null, message: string | null): void {
    db.prepare(
        `UPDATE "Order" SET Provisioning_Status__c = ?, Provisioning_Error_Code__c = ?,
         Provisioning_Error_Message__c = ?, Provisioning_Attempts__c = ? WHERE Id = ?`
    ).run(
        PAUSED,
        code ? code.slice(0, 80) : null,
        blank(message) ? code : (message as string).slice(0, 255),
        nextAttempt(o.Provisioning_Attempts__c),
        o.Id
    );
}

function writeResult(db: Db, o: OrderRow, result: Obj): void {
    if (result.outcome !== 'ACTIVATED') {
        const code = typeof result.code === 'string' && result.code.trim() ? result.code : 'BILLING_REJECTED';
        writePaused(db, o, code, typeof result.message === 'string' ? result.message : null);
        return;
    }
    const serviceByLine = new Map<string, string>();
    for (const s of Array.isArray(result.services) ? (result.services as Obj[]) : []) {
        if (s.lineId !== undefined && s.whmcsServiceId !== undefined && s.whmcsServiceId !== null) {
            serviceByLine.set(String(s.lineId), String(s.whmcsServiceId));
        }
    }
    const str = (v: unknown) => (v === undefined || v === null ? null : String(v).slice(0, 20));
    db.transaction(() => {
        for (const item of loadItems(db, o.Id)) {
            const serviceId = serviceByLine.get(item.Id);
            if (serviceId !== undefined) {
                db.prepare('UPDATE OrderItem SET WHMCS_Service_Id__c = ? WHERE Id = ?').run(
                    serviceId.slice(0, 20),
                    item.Id
                );
            }
        }
        db.prepare(
            `UPDATE "Order" SET Status = 'Activated', Provisioning_Status__c = ?, Provisioning_Error_Code__c = NULL,
             Provisioning_Error_Message__c = NULL, Provisioning_Attempts__c = ?, WHMCS_Order_Id__c = ?,
             WHMCS_Invoice_Id__c = ? WHERE Id = ?`
        ).run(
            ACTIVATED,
            nextAttempt(o.Provisioning_Attempts__c),
            str(result.whmcsOrderId),
            str(result.whmcsInvoiceId),
            o.Id
        );
    })();
}

function isProvisionable(o: OrderRow | undefined): o is OrderRow {
    return (
        !!o &&
        o.Status === 'Approved' &&
        (o.Provisioning_Status__c === null || o.Provisioning_Status__c === ACTIVATING)
    );
}

export function delayFor(attempt: number): number {
    const n = Math.min(Math.max(attempt, 1), 5);
    return Math.min(2 ** (n - 1), 10);
}

function enqueue(org: OrgContext, orderId: string, attempt: number, delayMinutes: number): void {
    org.enqueue(`OrderProvisioningJob ${orderId} attempt ${attempt}`, async () => {
        if (delayMinutes > 0)
            await new Promise((resolve) => setTimeout(resolve, delayMinutes * DELAY_MS_PER_MINUTE));
        await runJob(org, orderId, attempt);
    });
}

// OrderProvisioningJob.execute + OrderProvisioningFinalizer.handleResult.
async function runJob(org: OrgContext, orderId: string, attempt: number): Promise<void> {
    const db = org.db;
    let failure: unknown = null;
    try {
        const o = findOrder(db, orderId);
        if (!isProvisionable(o)) return;
        const account = db.prepare('SELECT WHMCS_Client_Id__c FROM Account WHERE Id = ?').get(o.AccountId) as
            { WHMCS_Client_Id__c: string | null } | undefined;
        const clientId = parseClientId(account?.WHMCS_Client_Id__c);
        if (clientId === null) {
            writePaused(db, o, 'NOT_A_CUSTOMER', 'The Account has no WHMCS client.');
            return;
        }
        let result: Obj;
        try {
            result = await org.middleware.send(
                'POST',
                `/v1/orders/${o.Id}/provision`,
                buildRequest(db, o, clientId),
                60000
            );
            if (result.outcome !== 'ACTIVATED' && result.outcome !== 'PAUSED') {
                throw new MiddlewareError(
                    'BILLING_UNAVAILABLE',
                    'Unexpected provisioning outcome',
                    true,
                    200
                );
            }
        } catch (error) {
            if (error instanceof MiddlewareError && !error.retryable) {
                writePaused(db, o, error.code, error.message);
                return;
            }
            throw error;
        }
        writeResult(db, findOrder(db, orderId) as OrderRow, result);
    } catch (error) {
        failure = error;
    }
    if (failure === null) return;
    // The Finalizer: transient failures are retried with a growing delay, then the order is paused.
    const mwe = failure instanceof MiddlewareError ? failure : null;
    const transientFailure = !mwe || mwe.retryable;
    const code = mwe ? mwe.code : 'BILLING_UNAVAILABLE';
    if (transientFailure && attempt < MAX_ATTEMPTS) {
        const o = findOrder(db, orderId);
        if (o) {
            db.prepare(
                `UPDATE "Order" SET Provisioning_Error_Code__c = ?, Provisioning_Error_Message__c = ?,
                 Provisioning_Attempts__c = ? WHERE Id = ?`
            ).run(
                code,
                `Attempt ${attempt} failed; retrying.`,
                nextAttempt(o.Provisioning_Attempts__c),
                orderId
            );
        }
        enqueue(org, orderId, attempt + 1, delayFor(attempt));
        return;
    }
    const o = findOrder(db, orderId);
    if (o && o.Provisioning_Status__c !== ACTIVATED) {
        if (transientFailure) {
            writePaused(
                db,
                o,
                'BILLING_UNAVAILABLE',
                `The billing system did not answer after ${attempt} attempts.`
            );
        } else {
            writePaused(db, o, code, mwe ? mwe.message : null);
        }
    }
}

// OrderProvisioningService.start / restart: mark Activating, clear the error, enqueue attempt 1.
function markActivatingAndEnqueue(org: OrgContext, orderId: string): void {
    org.db
        .prepare(
            `UPDATE "Order" SET Provisioning_Status__c = ?, Provisioning_Error_Code__c = NULL,
             Provisioning_Error_Message__c = NULL WHERE Id = ?`
        )
        .run(ACTIVATING, orderId);
    enqueue(org, orderId, 1, 0);
}

// The record-triggered Flow (Status changed to Approved), async path after commit → OrderProvisioningAction.
function onOrderApproved(org: OrgContext, orderId: string): void {
    org.enqueue(`Order_Provisioning_On_Approval ${orderId}`, async () => {
        const o = findOrder(org.db, orderId);
        if (
            o &&
            o.Status === 'Approved' &&
            (o.Provisioning_Status__c === null || o.Provisioning_Status__c === ACTIVATING)
        ) {
            markActivatingAndEnqueue(org, orderId);
        }
    });
}

interface Trace {
    entries: Obj[];
    error: string | null;
}

async function fetchTrace(call: ApexCall, orderId: string): Promise<Trace> {
    const trace: Trace = { entries: [], error: null };
    const str = (v: unknown) => (v === undefined || v === null ? null : String(v));
    try {
        const res = await call.org.middleware.send('GET', `/v1/orders/${orderId}/provisioning`);
        for (const m of Array.isArray(res.attempts) ? (res.attempts as Obj[]) : []) {
            trace.entries.push({
                at: str(m.at),
                step: str(m.step),
                result: str(m.result),
                code: str(m.code)
            });
        }
    } catch (error) {
        if (!(error instanceof MiddlewareError)) throw error;
        // NOT_FOUND: never provisioned yet, so the trace is simply empty.
        if (error.code !== 'NOT_FOUND') trace.error = error.retryable ? 'BILLING_UNAVAILABLE' : error.code;
    }
    return trace;
}

function queryOrder(call: ApexCall, orderId: string | null): OrderRow {
    const o = orderId ? findOrder(call.org.db, orderId) : undefined;
    if (!orderId || !o) throw auraError('NOT_FOUND');
    return o;
}

function toView(o: OrderRow, trace: Trace) {
    return {
        orderId: o.Id,
        orderNumber: o.OrderNumber,
        status: o.Status,
        provisioningStatus: o.Provisioning_Status__c,
        errorCode: o.Provisioning_Error_Code__c,
        errorMessage: o.Provisioning_Error_Message__c,
        attempts: o.Provisioning_Attempts__c === null ? 0 : Math.trunc(o.Provisioning_Attempts__c),
        whmcsOrderId: o.WHMCS_Order_Id__c,
        whmcsInvoiceId: o.WHMCS_Invoice_Id__c,
        addressChanged: o.Address_Changed__c === 1,
        canApprove: o.Status === 'Draft',
        canRetry: o.Status === 'Approved' && o.Provisioning_Status__c === PAUSED,
        trace: trace.entries,
        traceError: trace.error
    };
}

export const OrderProvisioningController: Record<string, ApexMethodImpl> = {
    getProvisioningView: {
        params: ['orderId'],
        access: 'staff',
        async run(call, args) {
            const o = queryOrder(call, idParam(args.orderId, 'orderId'));
            return toView(o, await fetchTrace(call, o.Id));
        }
    },
    approveOrder: {
        params: ['orderId'],
        access: 'staff',
        async run(call, args) {
            const o = queryOrder(call, idParam(args.orderId, 'orderId'));
            if (o.Status !== 'Draft') throw auraError('ORDER_NOT_APPROVABLE');
            const trace = await fetchTrace(call, o.Id);
            call.org.db.prepare(`UPDATE "Order" SET Status = 'Approved' WHERE Id = ?`).run(o.Id);
            onOrderApproved(call.org, o.Id);
            return toView(queryOrder(call, o.Id), trace);
        }
    },
    retryProvisioning: {
        params: ['orderId'],
        access: 'staff',
        async run(call, args) {
            const o = queryOrder(call, idParam(args.orderId, 'orderId'));
            if (o.Provisioning_Status__c !== PAUSED || o.Status !== 'Approved')
                throw auraError('ORDER_NOT_RETRYABLE');
            const trace = await fetchTrace(call, o.Id);
            markActivatingAndEnqueue(call.org, o.Id);
            return toView(queryOrder(call, o.Id), trace);
        }
    }
};

export const AccountBillingController: Record<string, ApexMethodImpl> = {
    getAccountBilling: {
        params: ['accountId'],
        access: 'staff',
        async run(call, args) {
            const accountId = idParam(args.accountId, 'accountId');
            const account = accountId
                ? (call.org.db
                      .prepare('SELECT Id, WHMCS_Client_Id__c FROM Account WHERE Id = ?')
                      .get(accountId) as { Id: string; WHMCS_Client_Id__c: string | null } | undefined)
                : undefined;
            if (!accountId || !account) throw auraError('NOT_FOUND');
            const out = {
                whmcsClientId: account.WHMCS_Client_Id__c,
                linked: false,
                services: [] as unknown[],
                unpaidInvoices: [] as unknown[],
                paymentMethods: [] as unknown[],
                hasUsableMethod: false
            };
            const clientId = parseClientId(account.WHMCS_Client_Id__c);
            if (clientId === null) return out;
            out.linked = true;
            const get = (path: string) => call.org.middleware.send('GET', path);
            const list = (value: unknown) => (Array.isArray(value) ? value : []);
            out.services = list((await subscriptions(get, clientId)).subscriptions);
            out.unpaidInvoices = list((await invoices(get, clientId, 'Unpaid', 1, 100)).invoices);
            const methods = await get(`/v1/clients/${clientId}/payment-methods`);
            out.paymentMethods = list(methods.paymentMethods);
            out.hasUsableMethod = methods.hasUsableMethod === true;
            return out;
        }
    }
};
