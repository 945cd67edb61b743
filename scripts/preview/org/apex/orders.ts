import { auraError, currentCustomer, type ApexMethodImpl } from '../context';
import type { Db } from '../db';
import { isRecordId, to18 } from '../ids';
import { addressFromFields } from './address';

// OrderStatusPresenter + PortalOrdersController: the customer status vocabulary.
const STEPS = ['Submitted', 'Approved', 'Activating', 'Active'];

export interface OrderRow {
    Id: string;
    OrderNumber: string;
    AccountId: string;
    Status: string;
    EffectiveDate: string | null;
    Portal_Category__c: string | null;
    Provisioning_Status__c: string | null;
    Provisioning_Error_Code__c: string | null;
    Provisioning_Error_Message__c: string | null;
    Provisioning_Attempts__c: number | null;
    Address_Changed__c: number;
    WHMCS_Order_Id__c: string | null;
    WHMCS_Invoice_Id__c: string | null;
    BillingStreet: string | null;
    BillingCity: string | null;
    BillingState: string | null;
    BillingPostalCode: string | null;
    BillingCountryCode: string | null;
    ShippingStreet: string | null;
    ShippingCity: string | null;
    ShippingState: string | null;
    ShippingPostalCode: string | null;
    ShippingCountryCode: string | null;
}

export interface OrderItemRow {
    Id: string;
    UnitPrice: number | null;
    Quantity: number | null;
    MNP_Reservation_Number__c: string | null;
    MNP_Expires_On__c: string | null;
    MNP_Phone_Number__c: string | null;
    MNP_Holder_Name__c: string | null;
    VPN_Region__c: string | null;
    WHMCS_Service_Id__c: string | null;
    ProductCode: string | null;
    Name: string | null;
    Portal_Category__c: string | null;
    Portal_Item_Type__c: string | null;
    Billing_Cycle__c: string | null;
    WHMCS_Product_Id__c: number | null;
    Portal_Orderable__c: number | null;
    Portal_Sort_Order__c: number | null;
}

export function orderItems(db: Db, orderId: string): OrderItemRow[] {
    return db
        .prepare(
            `SELECT i.Id, i.UnitPrice, i.Quantity, i.MNP_Reservation_Number__c, i.MNP_Expires_On__c,
                    i.MNP_Phone_Number__c, i.MNP_Holder_Name__c, i.VPN_Region__c, i.WHMCS_Service_Id__c,
                    p.ProductCode, p.Name, p.Portal_Category__c, p.Portal_Item_Type__c, p.Billing_Cycle__c,
                    p.WHMCS_Product_Id__c, p.Portal_Orderable__c, p.Portal_Sort_Order__c
             FROM OrderItem i LEFT JOIN Product2 p ON p.Id = i.Product2Id
             WHERE i.OrderId = ?
             ORDER BY p.Portal_Sort_Order__c IS NULL, p.Portal_Sort_Order__c ASC`
        )
        .all(orderId) as OrderItemRow[];
}

export function customerStatus(o: OrderRow): string {
    if (o.Status === 'Cancelled') return 'Cancelled';
    if (o.Status === 'Activated' || o.Provisioning_Status__c === 'Activated') return 'Active';
    if (o.Provisioning_Status__c === 'Paused') return 'OnHold';
    if (o.Provisioning_Status__c === 'Activating') return 'Activating';
    if (o.Status === 'Approved') return 'Approved';
    return 'Submitted';
}

export function holdCode(o: OrderRow): string | null {
    if (customerStatus(o) !== 'OnHold') return null;
    return o.Provisioning_Error_Code__c && o.Provisioning_Error_Code__c.trim()
        ? o.Provisioning_Error_Code__c
        : 'UNEXPECTED';
}

export function timeline(status: string): { step: string; state: string }[] {
    const held = status === 'OnHold';
    const reached = status === 'Cancelled' ? 0 : held ? 2 : Math.max(0, STEPS.indexOf(status));
    return STEPS.map((step, i) => {
        let state: string;
        if (i < reached) state = 'done';
        else if (i === reached) {
            if (held) state = 'held';
            else if (status === 'Active' || status === 'Cancelled') state = 'done';
            else state = 'current';
        } else state = 'todo';
        return { step, state };
    });
}

function summary(o: OrderRow, items: OrderItemRow[]) {
    let totalMonthly = 0;
    let totalOneTime = 0;
    for (const item of items) {
        const amount = (item.UnitPrice ?? 0) * (item.Quantity ?? 0);
        if (item.Billing_Cycle__c === 'OneTime') totalOneTime += amount;
        else totalMonthly += amount;
    }
    return {
        orderId: o.Id,
        orderNumber: o.OrderNumber,
        category: o.Portal_Category__c,
        submittedOn: o.EffectiveDate,
        customerStatus: customerStatus(o),
        holdCode: holdCode(o),
        totalMonthly,
        totalOneTime
    };
}

export function toDetail(o: OrderRow, items: OrderItemRow[]) {
    const s = summary(o, items);
    return {
        ...s,
        addressChanged: o.Address_Changed__c === 1,
        installationAddress: addressFromFields(
            o.ShippingStreet,
            o.ShippingCity,
            o.ShippingState,
            o.ShippingPostalCode,
            o.ShippingCountryCode
        ),
        billingAddress: addressFromFields(
            o.BillingStreet,
            o.BillingCity,
            o.BillingState,
            o.BillingPostalCode,
            o.BillingCountryCode
        ),
        lines: items.map((item) => ({
            productCode: item.ProductCode,
            name: item.Name,
            itemType: item.Portal_Item_Type__c,
            billingCycle: item.Billing_Cycle__c,
            unitPrice: item.UnitPrice,
            quantity: item.Quantity,
            mnpPhoneNumber: item.MNP_Phone_Number__c,
            vpnRegion: item.VPN_Region__c
        })),
        timeline: timeline(s.customerStatus)
    };
}

export function findOrder(db: Db, orderId: string): OrderRow | undefined {
    return db.prepare('SELECT * FROM "Order" WHERE Id = ?').get(orderId) as OrderRow | undefined;
}

// An Apex `Id` parameter: null stays null, a malformed value fails before the method runs.
export function idParam(value: unknown, name: string): string | null {
    if (value === null || value === undefined || value === '') return null;
    if (!isRecordId(value)) {
        throw new TypeError(`Value provided is invalid for action parameter '${name}' of type 'Id'`);
    }
    return to18(value);
}

export const PortalOrdersController: Record<string, ApexMethodImpl> = {
    getMyOrders: {
        params: [],
        access: 'customer',
        run(call) {
            const { accountId } = currentCustomer(call);
            const orders = call.org.db
                .prepare(
                    'SELECT * FROM "Order" WHERE AccountId = ? ORDER BY CreatedDate DESC, Seq DESC LIMIT 200'
                )
                .all(accountId) as OrderRow[];
            return orders.map((o) => summary(o, orderItems(call.org.db, o.Id)));
        }
    },
    getOrder: {
        params: ['orderId'],
        access: 'customer',
        run(call, args) {
            const orderId = idParam(args.orderId, 'orderId');
            const { accountId } = currentCustomer(call);
            const order = orderId ? findOrder(call.org.db, orderId) : undefined;
            if (!orderId || !order || order.AccountId !== accountId) throw auraError('NOT_FOUND');
            return toDetail(order, orderItems(call.org.db, order.Id));
        }
    }
};
