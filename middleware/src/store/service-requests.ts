/** The service-request ledger (plan changes and cancellations) on SQLite or PostgreSQL. */
import { type Kysely, sql } from 'kysely';
import type { ServiceRequestLedger } from '../domain/ports';
import {
    canonicalBody,
    type RequestAttempt,
    type RequestPauseCode,
    type RequestState,
    type RequestStep,
    type RequestStepResult,
    type ServiceRequestBody,
    type ServiceRequestRecord
} from '../domain/service-requests';
import type { Database, ServiceRequestsTable } from './schema';

const iso = (d: Date) => d.toISOString();

function toRecord(row: ServiceRequestsTable): ServiceRequestRecord {
    const [clientId, accountId, kind, serviceId, newProductId, reason] = JSON.parse(row.body) as [
        number,
        string,
        ServiceRequestBody['kind'],
        number,
        number | null,
        string | null
    ];
    const body: ServiceRequestBody = { clientId, accountId, kind, serviceId };
    if (newProductId !== null) body.newProductId = newProductId;
    if (reason !== null) body.reason = reason;
    return {
        requestId: row.request_id,
        body,
        state: row.state as RequestState,
        effectiveOn: row.effective_on,
        whmcsOrderId: row.whmcs_order_id === null ? null : Number(row.whmcs_order_id),
        whmcsInvoiceId: row.whmcs_invoice_id === null ? null : Number(row.whmcs_invoice_id),
        code: row.code as RequestPauseCode | null,
        message: row.message,
        sentAt: row.sent_at,
        updatedAt: row.updated_at
    };
}

export function serviceRequestLedger(db: Kysely<Database>): ServiceRequestLedger {
    return {
        async ensure(requestId, body, at) {
            await db
                .insertInto('service_requests')
                .values({
                    request_id: requestId,
                    client_id: body.clientId,
                    service_id: body.serviceId,
                    kind: body.kind,
                    body: canonicalBody(body),
                    state: 'NEW',
                    effective_on: null,
                    whmcs_order_id: null,
                    whmcs_invoice_id: null,
                    code: null,
                    message: null,
                    sent_at: null,
                    lease_owner: null,
                    lease_until: null,
                    created_at: iso(at),
                    updated_at: iso(at)
                })
                .onConflict((oc) => oc.column('request_id').doNothing())
                .execute();
        },
        async get(requestId) {
            const row = await db
                .selectFrom('service_requests')
                .selectAll()
                .where('request_id', '=', requestId)
                .executeTakeFirst();
            return row ? toRecord(row) : null;
        },
        async tryAcquire(requestId, owner, at, leaseMs) {
            // One conditional UPDATE: only one caller can find the lease free or expired.
            const result = await db
                .updateTable('service_requests')
                .set({ lease_owner: owner, lease_until: iso(new Date(at.getTime() + leaseMs)) })
                .where('request_id', '=', requestId)
                .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', iso(at))]))
                .executeTakeFirst();
            return Number(result.numUpdatedRows) === 1;
        },
        async release(requestId, owner) {
            await db
                .updateTable('service_requests')
                .set({ lease_owner: null, lease_until: null })
                .where('request_id', '=', requestId)
                .where('lease_owner', '=', owner)
                .execute();
        },
        async update(requestId, owner, patch, at) {
            const result = await db
                .updateTable('service_requests')
                .set({
                    updated_at: iso(at),
                    state: patch.state,
                    effective_on: patch.effectiveOn,
                    whmcs_order_id: patch.whmcsOrderId,
                    whmcs_invoice_id: patch.whmcsInvoiceId,
                    code: patch.code,
                    message: patch.message,
                    sent_at: patch.sentAt
                })
                .where('request_id', '=', requestId)
                .where('lease_owner', '=', owner)
                .executeTakeFirst();
            return Number(result.numUpdatedRows) === 1;
        },
        async addAttempt(requestId, entry) {
            // The next seq in the INSERT itself; the primary key turns a concurrent twin into a retry.
            for (let tries = 0; tries < 5; tries++) {
                const inserted = await db
                    .insertInto('service_request_attempts')
                    .columns(['request_id', 'seq', 'at', 'step', 'result', 'code', 'message'])
                    .expression(
                        db
                            .selectFrom('service_request_attempts')
                            .select([
                                sql<string>`${requestId}`.as('request_id'),
                                sql<number>`coalesce(max(seq), 0) + 1`.as('seq'),
                                sql<string>`${entry.at}`.as('at'),
                                sql<string>`${entry.step}`.as('step'),
                                sql<string>`${entry.result}`.as('result'),
                                sql<string | null>`${entry.code ?? null}`.as('code'),
                                sql<string | null>`${entry.message ?? null}`.as('message')
                            ])
                            .where('request_id', '=', requestId)
                    )
                    .onConflict((oc) => oc.columns(['request_id', 'seq']).doNothing())
                    .executeTakeFirst();
                if (Number(inserted.numInsertedOrUpdatedRows ?? 1n) === 1) return;
            }
        },
        async attempts(requestId) {
            const rows = await db
                .selectFrom('service_request_attempts')
                .selectAll()
                .where('request_id', '=', requestId)
                .orderBy('seq', 'asc')
                .execute();
            return rows.map((r): RequestAttempt => {
                const entry: RequestAttempt = {
                    at: r.at,
                    step: r.step as RequestStep,
                    result: r.result as RequestStepResult
                };
                if (r.code) entry.code = r.code;
                if (r.message) entry.message = r.message;
                return entry;
            });
        },
        async cancellationRecorded(serviceId, exceptRequestId) {
            const row = await db
                .selectFrom('service_requests')
                .select('request_id')
                .where('service_id', '=', serviceId)
                .where('kind', '=', 'cancellation')
                .where('state', 'in', ['DONE', 'SENT'])
                .where('request_id', '!=', exceptRequestId ?? '')
                .executeTakeFirst();
            return row !== undefined;
        }
    };
}
