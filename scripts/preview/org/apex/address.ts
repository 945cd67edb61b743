import { auraError } from '../context';

// MiddlewareClient.Address
export interface Address {
    line1: string | null;
    line2: string | null;
    city: string | null;
    state: string | null;
    postalCode: string | null;
    country: string | null;
}

const COUNTRY = /^[A-Z]{2}$/;
const JP_POSTAL = /^\d{3}-?\d{4}$/;
const MAX_LINE = 100;
const MAX_POSTAL = 20;

function str(value: unknown): string | null {
    if (value === null || value === undefined) return null;
    return String(value);
}

function blank(value: string | null): boolean {
    return value === null || value.trim() === '';
}

// MiddlewareClient.toAddress
export function toAddress(value: unknown): Address | null {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
    const m = value as Record<string, unknown>;
    return {
        line1: str(m.line1),
        line2: str(m.line2),
        city: str(m.city),
        state: str(m.state),
        postalCode: str(m.postalCode),
        country: str(m.country)
    };
}

// MiddlewareClient.toMap
export function addressToMap(a: Address): Record<string, unknown> {
    const m: Record<string, unknown> = {
        line1: a.line1,
        city: a.city,
        state: a.state,
        postalCode: a.postalCode,
        country: a.country
    };
    if (!blank(a.line2)) m.line2 = a.line2;
    return m;
}

// AddressValidator.problems
export function addressProblems(address: Address | null): string[] {
    const out: string[] = [];
    if (!address) return ['address'];
    const requireText = (field: string, value: string | null) => {
        if (blank(value) || (value as string).trim().length > MAX_LINE) out.push(field);
    };
    requireText('line1', address.line1);
    if (address.line2 !== null && address.line2.trim().length > MAX_LINE) out.push('line2');
    requireText('city', address.city);
    requireText('state', address.state);
    const country = address.country === null ? '' : address.country.trim().toUpperCase();
    if (!COUNTRY.test(country)) out.push('country');
    const postal = address.postalCode === null ? '' : address.postalCode.trim();
    if (!postal || postal.length > MAX_POSTAL) out.push('postalCode');
    else if (country === 'JP' && !JP_POSTAL.test(postal)) out.push('postalCode');
    return out;
}

export function isValidAddress(address: Address | null): boolean {
    return addressProblems(address).length === 0;
}

// AddressValidator.validate
export function validateAddress(address: Address | null): Address {
    if (!address || !isValidAddress(address)) throw auraError('VALIDATION_FAILED');
    const country = (address.country as string).trim().toUpperCase();
    let postal = (address.postalCode as string).trim();
    if (country === 'JP' && !postal.includes('-')) postal = `${postal.slice(0, 3)}-${postal.slice(-4)}`;
    return {
        line1: (address.line1 as string).trim(),
        line2: blank(address.line2) ? null : (address.line2 as string).trim(),
        city: (address.city as string).trim(),
        state: (address.state as string).trim(),
        postalCode: postal,
        country
    };
}

// AddressValidator.normalizePostalCode
export function normalizePostalCode(postalCode: string | null | undefined): string {
    if (postalCode === null || postalCode === undefined) return '';
    return postalCode.replace(/[\s\-\u2010-\u2015\u30FC\uFF0D]/g, '').toUpperCase();
}

export function street(a: Address): string | null {
    return blank(a.line2) ? a.line1 : `${a.line1}\n${a.line2}`;
}

// AddressValidator.fromStreet: line 1 up to the Street's first newline, the rest line 2; on an Order a state
// the state picklist refused is the street's last line (State blank) and is taken back from there.
export function fromStreet(
    streetText: string | null,
    city: string | null,
    state: string | null,
    postalCode: string | null,
    country: string | null,
    stateInStreet: boolean
): Address {
    let text = streetText ?? '';
    if (stateInStreet && blank(state) && text.includes('\n')) {
        state = text.slice(text.lastIndexOf('\n') + 1).trim();
        text = text.slice(0, text.lastIndexOf('\n'));
    }
    const nl = text.indexOf('\n');
    return {
        line1: (nl < 0 ? text : text.slice(0, nl)).trim(),
        line2: nl < 0 ? null : text.slice(nl + 1).trim(),
        city,
        state,
        postalCode,
        country
    };
}

// OrderStatusPresenter.address: an Order's address snapshot, or null without one.
export function addressFromFields(
    streetText: string | null,
    city: string | null,
    state: string | null,
    postalCode: string | null,
    country: string | null
): Address | null {
    if (blank(streetText) && blank(city)) return null;
    return fromStreet(streetText, city, state, postalCode, country, true);
}
