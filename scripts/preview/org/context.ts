import type { Db } from './db';
import { MiddlewareError, type MiddlewareClient } from './middleware';

export interface OrgContext {
    db: Db;
    middleware: MiddlewareClient;
    vpnRegions: string[];
    /** Origin of the portal (Site.login / loginUrl answers). */
    siteUrl: () => string;
    /** Runs async Apex (Queueable) after the current request, like the platform does after commit. */
    enqueue: (name: string, job: () => Promise<void>) => void;
    log: (line: string) => void;
}

export interface RunningUser {
    id: string;
    username: string;
    name: string;
    accountId: string | null;
    isStaff: boolean;
    language: 'en' | 'ja';
}

export interface ApexCall {
    org: OrgContext;
    user: RunningUser | null;
    sourceIp: string;
}

export type Access = 'guest' | 'customer' | 'staff';

// One @AuraEnabled method: the parameter names are the Apex ones (checked against force-app by a test).
export interface ApexMethodImpl {
    params: string[];
    access: Access;
    run(call: ApexCall, args: Record<string, unknown>): Promise<unknown> | unknown;
}

// AuraHandledException with a stable code as its message (PortalErrors.error).
export class AuraHandledError extends Error {
    constructor(readonly code: string) {
        super(code);
        this.name = 'AuraHandledError';
    }
}

const CODE_PATTERN = /^[A-Z][A-Z0-9_]{1,79}(:[0-9]{1,9})?$/;

export function auraError(code: string): AuraHandledError {
    return new AuraHandledError(code && CODE_PATTERN.test(code) ? code : 'UNEXPECTED');
}

// PortalErrors.wrap: codes pass through, middleware errors keep their code, anything else is UNEXPECTED.
export function wrapError(error: unknown, log: (line: string) => void): AuraHandledError {
    if (error instanceof AuraHandledError) return auraError(error.code);
    if (error instanceof MiddlewareError) return auraError(error.code);
    log(
        `Portal request failed: ${error instanceof Error ? `${error.name} ${error.message}` : String(error)}`
    );
    return auraError('UNEXPECTED');
}

export interface CustomerContext {
    accountId: string;
    customerNumber: string | null;
    whmcsClientId: number | null;
}

// PortalCustomerContext.parseClientId
export function parseClientId(value: string | null | undefined): number | null {
    if (value === null || value === undefined) return null;
    const text = value.trim();
    if (!text || !/^[0-9]+$/.test(text) || text.length > 9) return null;
    const id = Number(text);
    return id > 0 ? id : null;
}

// PortalCustomerContext.current(): the running user's Account, never browser input.
export function currentCustomer(call: ApexCall): CustomerContext {
    const accountId = call.user?.accountId;
    if (!accountId) throw auraError('NOT_A_CUSTOMER');
    const account = call.org.db
        .prepare('SELECT Id, Customer_Number__c, WHMCS_Client_Id__c FROM Account WHERE Id = ?')
        .get(accountId) as
        { Id: string; Customer_Number__c: string | null; WHMCS_Client_Id__c: string | null } | undefined;
    if (!account) throw auraError('NOT_A_CUSTOMER');
    return {
        accountId: account.Id,
        customerNumber: account.Customer_Number__c,
        whmcsClientId: parseClientId(account.WHMCS_Client_Id__c)
    };
}

export function requireClientId(ctx: CustomerContext): number {
    if (ctx.whmcsClientId === null) throw auraError('NOT_A_CUSTOMER');
    return ctx.whmcsClientId;
}
