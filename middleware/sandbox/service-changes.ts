// UpgradeProduct and AddCancelRequest: WHMCS's documented parameters, answers and error texts
// (developers.whmcs.com api-reference). Choices where WHMCS documents nothing are listed in README.md.
import type { SandboxContext, ServiceRow } from './actions';
import {
    addDays,
    addMonths,
    type Db,
    money,
    nowStamp,
    orderNumberFor,
    productLabel,
    today,
    ZERO_DATE
} from './db';
import { ApiError, type Params } from './params';

type Body = Record<string, unknown>;

interface Product {
    id: number;
    gid: number;
    name: string;
    paytype: string;
    price: number;
}

const CANCEL_TYPES = ['Immediate', 'End of Billing Period'];
/** Statuses WHMCS no longer bills: nothing left to upgrade or cancel. */
const ENDED = ['Cancelled', 'Terminated', 'Fraud'];
const DAY_MS = 86_400_000;

function serviceRow(db: Db, p: Params): ServiceRow {
    const id = p.id('serviceid');
    const s =
        id === undefined || Number.isNaN(id)
            ? undefined
            : (db.prepare(`SELECT * FROM services WHERE id = ?`).get(id) as ServiceRow | undefined);
    if (!s) throw new ApiError('Service ID Not Found');
    return s;
}

function product(db: Db, id: number): Product | undefined {
    return db.prepare(`SELECT id, gid, name, paytype, price FROM products WHERE id = ?`).get(id) as
        Product | undefined;
}

function currency(db: Db): { prefix: string; suffix: string } {
    return db.prepare(`SELECT prefix, suffix FROM currencies WHERE id = 1`).get() as {
        prefix: string;
        suffix: string;
    };
}

/** An upgrade of the service whose invoice is still Unpaid (WHMCS refuses a second one). */
function unpaidUpgrade(db: Db, serviceId: number): boolean {
    return (
        db
            .prepare(
                `SELECT 1 FROM upgrades u JOIN orders o ON o.id = u.orderid JOIN invoices i ON i.id = o.invoiceid
                 WHERE u.relid = ? AND i.status = 'Unpaid'`
            )
            .get(serviceId) !== undefined
    );
}

const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

export const upgradeProduct = (ctx: SandboxContext, p: Params): Body => {
    const { db } = ctx;
    const service = serviceRow(db, p);
    const mods = (
        db.prepare(`SELECT module FROM gateways ORDER BY sortorder`).all() as { module: string }[]
    ).map((g) => g.module);
    const gateway = p.trimmed('paymentmethod');
    if (!mods.includes(gateway))
        throw new ApiError(`Invalid Payment Method. Valid options include ${mods.join(',')}`);
    const type = p.trimmed('type');
    if (type !== 'product' && type !== 'configoptions') throw new ApiError('Invalid Upgrade Type');
    if (type === 'configoptions')
        throw new ApiError('No configurable options are available for this service');
    if (ENDED.includes(service.status) || service.status === 'Pending')
        throw new ApiError(`Service status is ${service.status}: only Active services can be upgraded`);

    const rawNew = p.trimmed('newproductid');
    const target = p.id('newproductid');
    const next = target === undefined || Number.isNaN(target) ? undefined : product(db, target);
    if (!next) throw new ApiError(`Invalid Product ID: ${rawNew}`);
    const current = product(db, service.packageid);
    // The sandbox's upgrade paths: every recurring product of the same group (WHMCS: "upgrade packages").
    if (!current || next.id === current.id || next.gid !== current.gid || next.paytype !== 'recurring')
        throw new ApiError(`Product ID ${next.id} is not an available upgrade for Service ID ${service.id}`);
    const cycle = (p.trimmed('newproductbillingcycle') || 'monthly').toLowerCase();
    if (cycle !== 'monthly') throw new ApiError(`Invalid Billing Cycle '${cycle}' for Product ID ${next.id}`);

    // WHMCS prorates the price difference over the rest of the current billing period.
    const now = ctx.now();
    const day = today(now);
    const due = service.nextduedate === ZERO_DATE ? day : service.nextduedate;
    const totalDays = Math.max(1, days(addMonths(due, -1), due));
    const untilRenewal = Math.min(totalDays, Math.max(0, days(day, due)));
    const price = Math.round(((next.price - service.amount) * untilRenewal) / totalDays);
    const cur = currency(db);
    const answer: Body = {
        oldproductid: String(current.id),
        oldproductname: current.name,
        newproductid: next.id,
        newproductname: next.name,
        daysuntilrenewal: untilRenewal,
        totaldays: totalDays,
        newproductbillingcycle: cycle,
        price: `${cur.prefix}${money(price)}${cur.suffix}`
    };
    const pending = unpaidUpgrade(db, service.id);
    if (p.bool('calconly')) return { ...answer, upgradeinprogress: pending };
    if (pending)
        throw new ApiError(
            'Unable to accept upgrade order. Previous upgrade invoice for service is still unpaid.'
        );

    const stamp = nowStamp(now);
    const made = db.transaction(() => {
        const orderId = Number(
            db
                .prepare(
                    `INSERT INTO orders (ordernum, userid, date, amount, paymentmethod, status, notes, ipaddress, promocode)
                     VALUES ('', ?, ?, ?, ?, ?, '', '', ?)`
                )
                .run(
                    service.userid,
                    stamp,
                    Math.max(0, price),
                    gateway,
                    price > 0 ? 'Pending' : 'Active',
                    p.trimmed('promocode')
                ).lastInsertRowid
        );
        const orderNumber = orderNumberFor(orderId);
        db.prepare(`UPDATE orders SET ordernum = ? WHERE id = ?`).run(orderNumber, orderId);
        const upgradeId = Number(
            db
                .prepare(
                    `INSERT INTO upgrades (orderid, type, date, relid, originalvalue, newvalue, amount, recurringchange, status)
                     VALUES (?, 'package', ?, ?, ?, ?, ?, ?, ?)`
                )
                .run(
                    orderId,
                    day,
                    service.id,
                    String(current.id),
                    `${next.id},${cycle}`,
                    price,
                    next.price - service.amount,
                    price > 0 ? 'Pending' : 'Completed'
                ).lastInsertRowid
        );
        // Only a positive difference is invoiced (a downgrade's credit is not refunded by the sandbox).
        let invoiceId: number | null = null;
        if (price > 0) {
            invoiceId = Number(
                db
                    .prepare(
                        `INSERT INTO invoices (userid, date, duedate, subtotal, total, status, paymentmethod, created_at, updated_at)
                         VALUES (?, ?, ?, ?, ?, 'Unpaid', ?, ?, ?)`
                    )
                    .run(service.userid, day, day, price, price, gateway, stamp, stamp).lastInsertRowid
            );
            db.prepare(
                `INSERT INTO invoice_items (invoiceid, userid, type, relid, description, amount) VALUES (?, ?, 'Upgrade', ?, ?, ?)`
            ).run(
                invoiceId,
                service.userid,
                upgradeId,
                `Upgrade: ${productLabel(db, current.id)} => ${productLabel(db, next.id)} (${day} - ${addDays(due, -1)})`,
                price
            );
            db.prepare(`UPDATE orders SET invoiceid = ? WHERE id = ?`).run(invoiceId, orderId);
        }
        // The new product and price apply at once (WHMCS applies a paid upgrade once its invoice is paid).
        db.prepare(`UPDATE services SET packageid = ?, amount = ? WHERE id = ?`).run(
            next.id,
            next.price,
            service.id
        );
        return { orderId, orderNumber, upgradeId, invoiceId };
    })();
    return {
        ...answer,
        id: String(made.upgradeId),
        orderid: made.orderId,
        order_number: made.orderNumber,
        invoiceid: made.invoiceId
    };
};

export const addCancelRequest = (ctx: SandboxContext, p: Params): Body => {
    const { db } = ctx;
    const service = serviceRow(db, p);
    const type = p.has('type') ? p.trimmed('type') : 'End of Billing Period';
    if (!CANCEL_TYPES.includes(type))
        throw new ApiError(`Invalid Cancellation Type. Must be one of: ${CANCEL_TYPES.join(', ')}`);
    if (ENDED.includes(service.status))
        throw new ApiError(`Service status is ${service.status}: it cannot be cancelled`);
    if (db.prepare(`SELECT 1 FROM cancel_requests WHERE relid = ?`).get(service.id) !== undefined)
        throw new ApiError('Existing Cancellation Request Exists');
    const stamp = nowStamp(ctx.now());
    db.prepare(
        `INSERT INTO cancel_requests (date, relid, reason, type, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`
    ).run(stamp, service.id, (p.str('reason') ?? '').trim(), type, stamp, stamp);
    return { serviceid: String(service.id), userid: String(service.userid) };
};
