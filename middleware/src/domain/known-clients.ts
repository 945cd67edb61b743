/**
 * Billing clients confirmed to exist, for a short while: a read for a confirmed client goes to WHMCS alone
 * instead of with a client check (half the WHMCS calls). Bounded (least recently used entries go first)
 * and short-lived: a client deleted in WHMCS is still treated as existing for at most `ttlMs` after the
 * last check, during which its reads answer what WHMCS answers for them (empty lists, or a billing error).
 * Ownership never depends on it: every read is scoped to the caller's client id, and an invoice is still
 * checked against it.
 */
import type { Clock } from './ports';

export interface KnownClient {
    /** The client's currency (WHMCS refuses to change it once the client has invoices). */
    currency: string;
}

export interface KnownClientsOptions {
    clock: Clock;
    ttlMs: number;
    maxEntries: number;
}

export class KnownClients {
    private readonly entries = new Map<number, { client: KnownClient; until: number }>();

    constructor(private readonly options: KnownClientsOptions) {}

    /** The confirmed client, or undefined when unconfirmed or confirmed longer than ttlMs ago. */
    get(clientId: number): KnownClient | undefined {
        const entry = this.entries.get(clientId);
        if (!entry) return undefined;
        this.entries.delete(clientId);
        if (entry.until <= this.options.clock.now().getTime()) return undefined;
        // Re-inserted: Map order is the LRU order.
        this.entries.set(clientId, entry);
        return entry.client;
    }

    remember(clientId: number, client: KnownClient): void {
        if (this.options.ttlMs <= 0) return;
        this.entries.delete(clientId);
        this.entries.set(clientId, {
            client,
            until: this.options.clock.now().getTime() + this.options.ttlMs
        });
        if (this.entries.size > this.options.maxEntries) {
            this.entries.delete(this.entries.keys().next().value as number);
        }
    }

    forget(clientId: number): void {
        this.entries.delete(clientId);
    }

    get size(): number {
        return this.entries.size;
    }
}
