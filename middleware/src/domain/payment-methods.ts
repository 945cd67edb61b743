/** Payment methods as customers see them: masked, with `expired` computed against the current month. */
import { calendarMonth } from './dates';

/** What a billing adapter knows about a stored pay method (WHMCS GetPayMethods, normalised). */
export interface StoredPayMethod {
    id: number;
    /** WHMCS type: CreditCard, RemoteCreditCard, BankAccount, RemoteBankAccount, or anything else. */
    type: string;
    description?: string | null;
    cardType?: string | null;
    lastFour?: string | null;
    /** "MM/YY" as WHMCS shows it; empty or null when unknown. */
    expiry?: string | null;
    bankName?: string | null;
    isDefault?: boolean | null;
}

export type PaymentMethodKind = 'card' | 'bank_account' | 'other';

export interface PaymentMethod {
    id: number;
    kind: PaymentMethodKind;
    label: string;
    lastFour?: string;
    expiry?: string;
    expired: boolean;
    isDefault: boolean;
}

const EXPIRY = /^(0[1-9]|1[0-2])\/(\d{2})$/;

export function paymentMethodKind(type: string): PaymentMethodKind {
    const t = type.toLowerCase();
    if (t.includes('card')) return 'card';
    if (t.includes('bank')) return 'bank_account';
    return 'other';
}

/** Normalises "MM/YY", "MMYY", "MM/YYYY" to "MM/YY"; anything else → undefined. */
export function normaliseExpiry(value: string | null | undefined): string | undefined {
    if (!value) return undefined;
    const v = value.trim();
    const m = /^(\d{2})\/?(?:20)?(\d{2})$/.exec(v);
    if (!m) return undefined;
    const out = `${m[1]}/${m[2]}`;
    return EXPIRY.test(out) ? out : undefined;
}

/** A card expiring "MM/YY" is valid through the end of that month (business time zone). */
export function isExpired(expiry: string | undefined, now: Date): boolean {
    if (!expiry) return false;
    const m = EXPIRY.exec(expiry);
    if (!m) return false;
    const year = 2000 + Number(m[2]);
    const month = Number(m[1]);
    const current = calendarMonth(now);
    return year < current.year || (year === current.year && month < current.month);
}

function digitsOnly(value: string | null | undefined): string | undefined {
    const d = (value ?? '').replace(/\D/g, '');
    return d.length >= 2 ? d.slice(-4) : undefined;
}

export function maskedLabel(kind: PaymentMethodKind, method: StoredPayMethod, lastFour?: string): string {
    const tail = lastFour ? ` •••• ${lastFour}` : '';
    if (kind === 'card') return `${method.cardType?.trim() || 'Card'}${tail}`;
    if (kind === 'bank_account') return `${method.bankName?.trim() || 'Bank account'}${tail}`;
    return method.description?.trim() || 'Payment method';
}

export function toPaymentMethods(
    stored: readonly StoredPayMethod[],
    now: Date
): { paymentMethods: PaymentMethod[]; hasUsableMethod: boolean } {
    const methods: PaymentMethod[] = stored.map((s) => {
        const kind = paymentMethodKind(s.type);
        const lastFour = digitsOnly(s.lastFour);
        const expiry = kind === 'card' ? normaliseExpiry(s.expiry) : undefined;
        const method: PaymentMethod = {
            id: s.id,
            kind,
            label: maskedLabel(kind, s, lastFour),
            expired: kind === 'card' ? isExpired(expiry, now) : false,
            isDefault: s.isDefault === true
        };
        if (lastFour) method.lastFour = lastFour;
        if (expiry) method.expiry = expiry;
        return method;
    });
    // WHMCS does not always flag a default: the first usable method is what WHMCS would charge.
    if (!methods.some((m) => m.isDefault)) {
        const first = methods.find((m) => !m.expired);
        if (first) first.isDefault = true;
    }
    return { paymentMethods: methods, hasUsableMethod: methods.some((m) => !m.expired) };
}
