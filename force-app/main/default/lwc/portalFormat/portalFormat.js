// Shared formatting and vocabulary helpers for the portal components (no template).
import LOCALE from '@salesforce/i18n/locale';

import STATUS_SUBMITTED from '@salesforce/label/c.Portal_Status_Submitted';
import STATUS_APPROVED from '@salesforce/label/c.Portal_Status_Approved';
import STATUS_ACTIVATING from '@salesforce/label/c.Portal_Status_Activating';
import STATUS_ACTIVE from '@salesforce/label/c.Portal_Status_Active';
import STATUS_ON_HOLD from '@salesforce/label/c.Portal_Status_OnHold';
import STATUS_CANCELLED from '@salesforce/label/c.Portal_Status_Cancelled';
import INVOICE_UNPAID from '@salesforce/label/c.Portal_InvoiceStatus_Unpaid';
import INVOICE_PAID from '@salesforce/label/c.Portal_InvoiceStatus_Paid';
import INVOICE_CANCELLED from '@salesforce/label/c.Portal_InvoiceStatus_Cancelled';
import INVOICE_REFUNDED from '@salesforce/label/c.Portal_InvoiceStatus_Refunded';
import INVOICE_OVERDUE from '@salesforce/label/c.Portal_InvoiceStatus_Overdue';
import INVOICE_COLLECTIONS from '@salesforce/label/c.Portal_InvoiceStatus_Collections';
import INVOICE_PAYMENT_PENDING from '@salesforce/label/c.Portal_InvoiceStatus_PaymentPending';
import INVOICE_DRAFT from '@salesforce/label/c.Portal_InvoiceStatus_Draft';
import SERVICE_ACTIVE from '@salesforce/label/c.Portal_ServiceStatus_Active';
import SERVICE_PENDING from '@salesforce/label/c.Portal_ServiceStatus_Pending';
import SERVICE_SUSPENDED from '@salesforce/label/c.Portal_ServiceStatus_Suspended';
import SERVICE_TERMINATED from '@salesforce/label/c.Portal_ServiceStatus_Terminated';
import SERVICE_CANCELLED from '@salesforce/label/c.Portal_ServiceStatus_Cancelled';
import SERVICE_COMPLETED from '@salesforce/label/c.Portal_ServiceStatus_Completed';
import CATEGORY_INTERNET from '@salesforce/label/c.Portal_Category_Internet';
import CATEGORY_SIM from '@salesforce/label/c.Portal_Category_SIM';
import CATEGORY_VPN from '@salesforce/label/c.Portal_Category_VPN';
import CYCLE_MONTHLY from '@salesforce/label/c.Portal_Cycle_Monthly';
import CYCLE_ONE_TIME from '@salesforce/label/c.Portal_Cycle_OneTime';
import CYCLE_QUARTERLY from '@salesforce/label/c.Portal_Cycle_Quarterly';
import CYCLE_SEMI_ANNUALLY from '@salesforce/label/c.Portal_Cycle_SemiAnnually';
import CYCLE_ANNUALLY from '@salesforce/label/c.Portal_Cycle_Annually';
import CYCLE_FREE from '@salesforce/label/c.Portal_Cycle_Free';
import REGION_JP from '@salesforce/label/c.Portal_Region_JP';
import REGION_US from '@salesforce/label/c.Portal_Region_US';
import REGION_SG from '@salesforce/label/c.Portal_Region_SG';
import REGION_DE from '@salesforce/label/c.Portal_Region_DE';
import PER_MONTH from '@salesforce/label/c.Portal_Price_PerMonth';
import ONE_TIME from '@salesforce/label/c.Portal_Price_OneTime';
import REQUEST_DONE from '@salesforce/label/c.ServiceChange_Status_Done';
import REQUEST_REJECTED from '@salesforce/label/c.ServiceChange_Status_Rejected';

const ORDER_STATUS = {
    Submitted: { label: STATUS_SUBMITTED, tone: 'info' },
    Approved: { label: STATUS_APPROVED, tone: 'info' },
    Activating: { label: STATUS_ACTIVATING, tone: 'warning' },
    Active: { label: STATUS_ACTIVE, tone: 'success' },
    OnHold: { label: STATUS_ON_HOLD, tone: 'error' },
    Cancelled: { label: STATUS_CANCELLED, tone: 'neutral' }
};

// WHMCS invoice statuses (GetInvoices) in the customer's words.
const INVOICE_STATUS = {
    Unpaid: { label: INVOICE_UNPAID, tone: 'warning' },
    Overdue: { label: INVOICE_OVERDUE, tone: 'error' },
    Paid: { label: INVOICE_PAID, tone: 'success' },
    Cancelled: { label: INVOICE_CANCELLED, tone: 'neutral' },
    Refunded: { label: INVOICE_REFUNDED, tone: 'neutral' },
    Collections: { label: INVOICE_COLLECTIONS, tone: 'error' },
    'Payment Pending': { label: INVOICE_PAYMENT_PENDING, tone: 'info' },
    Draft: { label: INVOICE_DRAFT, tone: 'neutral' }
};

// WHMCS service (GetClientsProducts) statuses.
const SERVICE_STATUS = {
    Active: { label: SERVICE_ACTIVE, tone: 'success' },
    Pending: { label: SERVICE_PENDING, tone: 'info' },
    Suspended: { label: SERVICE_SUSPENDED, tone: 'error' },
    Terminated: { label: SERVICE_TERMINATED, tone: 'neutral' },
    Cancelled: { label: SERVICE_CANCELLED, tone: 'neutral' },
    Completed: { label: SERVICE_COMPLETED, tone: 'neutral' }
};

// Plan change and cancellation requests (Service_Request__c) in the customer's words.
const REQUEST_STATUS = {
    Submitted: ORDER_STATUS.Submitted,
    Approved: ORDER_STATUS.Approved,
    Activating: ORDER_STATUS.Activating,
    Done: { label: REQUEST_DONE, tone: 'success' },
    OnHold: ORDER_STATUS.OnHold,
    Rejected: { label: REQUEST_REJECTED, tone: 'neutral' }
};

const STATUS_KINDS = {
    order: ORDER_STATUS,
    invoice: INVOICE_STATUS,
    service: SERVICE_STATUS,
    request: REQUEST_STATUS
};

const CATEGORY = { Internet: CATEGORY_INTERNET, SIM: CATEGORY_SIM, VPN: CATEGORY_VPN };

// Catalog cycles ('Monthly' | 'OneTime') and WHMCS cycles ('Monthly', 'One Time', 'Annually', ...).
const CYCLE = {
    monthly: CYCLE_MONTHLY,
    onetime: CYCLE_ONE_TIME,
    quarterly: CYCLE_QUARTERLY,
    semiannually: CYCLE_SEMI_ANNUALLY,
    annually: CYCLE_ANNUALLY,
    freeaccount: CYCLE_FREE,
    free: CYCLE_FREE
};

const REGION = { JP: REGION_JP, US: REGION_US, SG: REGION_SG, DE: REGION_DE };

/** Replaces {0}, {1}, ... in a label with the given values. */
export function formatLabel(template, ...values) {
    return String(template ?? '').replace(/\{(\d+)\}/g, (match, index) => {
        const value = values[index];
        return value === undefined || value === null ? match : String(value);
    });
}

// Building an Intl formatter loads locale data and costs milliseconds; a page formats dozens of prices and
// dates, so each (kind, locale) is built once. `kind` names the fixed options it was built with.
const formatters = new Map();

function formatter(Format, locale, kind, options) {
    const key = `${kind}|${locale || 'en-US'}`;
    let cached = formatters.get(key);
    if (!cached) {
        cached = new Format(locale || 'en-US', options);
        formatters.set(key, cached);
    }
    return cached;
}

function toNumber(amount) {
    if (amount === null || amount === undefined || amount === '') {
        return null;
    }
    const value = typeof amount === 'number' ? amount : Number(amount);
    return Number.isFinite(value) ? value : null;
}

/** Yen for the user's locale; JPY has no minor unit, so no decimals. */
export function formatMoney(amount, locale = LOCALE) {
    const value = toNumber(amount);
    if (value === null) {
        return '';
    }
    return formatter(Intl.NumberFormat, locale, 'money', {
        style: 'currency',
        currency: 'JPY',
        minimumFractionDigits: 0,
        maximumFractionDigits: 0
    }).format(value);
}

/** Price with its cycle in words, e.g. "¥5,280 / month" or "¥3,300 one-time". */
export function formatPrice(amount, billingCycle, locale = LOCALE) {
    const template = isMonthly(billingCycle) ? PER_MONTH : ONE_TIME;
    return formatLabel(template, formatMoney(amount, locale));
}

export function isMonthly(billingCycle) {
    return normaliseCycle(billingCycle) === 'monthly';
}

function normaliseCycle(billingCycle) {
    return String(billingCycle ?? '')
        .replace(/[\s_-]/g, '')
        .toLowerCase();
}

// 'YYYY-MM-DD' is a calendar date: read it as local midnight, not UTC, so the day never shifts.
function parseDate(value) {
    if (!value) {
        return null;
    }
    if (value instanceof Date) {
        return Number.isNaN(value.getTime()) ? null : value;
    }
    const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
    const date = dateOnly
        ? new Date(Number(dateOnly[1]), Number(dateOnly[2]) - 1, Number(dateOnly[3]))
        : new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDate(value, locale = LOCALE) {
    const date = parseDate(value);
    if (!date) {
        return '';
    }
    return formatter(Intl.DateTimeFormat, locale, 'date', {
        year: 'numeric',
        month: 'short',
        day: 'numeric'
    }).format(date);
}

export function formatDateTime(value, locale = LOCALE) {
    const date = parseDate(value);
    if (!date) {
        return '';
    }
    return formatter(Intl.DateTimeFormat, locale, 'dateTime', {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit'
    }).format(date);
}

/** Whole calendar days from today to the date (negative when past); null for an invalid date. */
export function daysUntil(value, today = new Date()) {
    const date = parseDate(value);
    if (!date) {
        return null;
    }
    const start = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
    const end = Date.UTC(date.getFullYear(), date.getMonth(), date.getDate());
    return Math.round((end - start) / 86400000);
}

/** Today as 'YYYY-MM-DD' in the user's time zone (for min dates on inputs). */
export function todayIso(today = new Date()) {
    const pad = (n) => String(n).padStart(2, '0');
    return `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
}

/** { label, tone } for an order ('order'), invoice ('invoice') or service ('service') status. */
export function statusInfo(kind, status) {
    const table = STATUS_KINDS[kind] || ORDER_STATUS;
    return table[status] || { label: status || '', tone: 'neutral' };
}

export function customerStatusLabel(status) {
    return statusInfo('order', status).label;
}

export function categoryLabel(category) {
    return CATEGORY[category] || category || '';
}

export function cycleLabel(billingCycle) {
    return CYCLE[normaliseCycle(billingCycle)] || billingCycle || '';
}

export function regionLabel(region) {
    return REGION[region] || region || '';
}

/**
 * Address lines for display. Japanese order (postal code, prefecture, city, street, building) for a Japanese
 * address and for every address on a Japanese page (a foreign one led by its country); western order otherwise.
 */
export function addressLines(address, locale = LOCALE) {
    if (!address) {
        return [];
    }
    const { line1, line2, city, state, postalCode, country } = address;
    const domestic = !country || country === 'JP';
    let lines;
    if (domestic || portalLanguage(locale) === 'ja') {
        const postal = postalCode && domestic ? `〒${postalCode}` : postalCode;
        lines = [
            domestic ? '' : countryName(country, locale),
            postal,
            [state, city].filter(Boolean).join(' ')
        ];
        lines.push(line1, line2);
    } else {
        lines = [
            line1,
            line2,
            [city, state, postalCode].filter(Boolean).join(', '),
            countryName(country, locale)
        ];
    }
    return lines.filter(Boolean).map((text, index) => ({ key: `line-${index}`, text }));
}

/** A request key for one checkout attempt; crypto.randomUUID where available. */
export function newRequestKey() {
    const cryptoApi = typeof crypto !== 'undefined' ? crypto : undefined;
    if (cryptoApi && typeof cryptoApi.randomUUID === 'function') {
        return cryptoApi.randomUUID();
    }
    const hex = () =>
        Math.floor(Math.random() * 0x10000)
            .toString(16)
            .padStart(4, '0');
    return `${hex()}${hex()}-${hex()}-4${hex().slice(1)}-${hex()}-${hex()}${hex()}${hex()}`;
}

// Postal code formats for the countries we see most; others only need a value.
const POSTAL_PATTERNS = {
    JP: /^\d{3}-?\d{4}$/,
    US: /^\d{5}(-\d{4})?$/,
    CA: /^[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d$/,
    GB: /^[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}$/,
    DE: /^\d{5}$/,
    FR: /^\d{5}$/,
    SG: /^\d{6}$/,
    KR: /^\d{5}$/,
    TW: /^\d{3}(\d{2,3})?$/,
    CN: /^\d{6}$/,
    AU: /^\d{4}$/
};

/** True when the postal code fits the country's format (JP: 123-4567 or 1234567). */
export function isValidPostalCode(country, postalCode) {
    const value = String(postalCode ?? '').trim();
    if (!value) {
        return false;
    }
    const pattern = POSTAL_PATTERNS[country];
    return pattern ? pattern.test(value) : value.length <= 20;
}

/** Japanese postal codes are stored as 123-4567. */
export function normalisePostalCode(country, postalCode) {
    const value = String(postalCode ?? '').trim();
    if (country === 'JP' && /^\d{7}$/.test(value)) {
        return `${value.slice(0, 3)}-${value.slice(3)}`;
    }
    return value;
}

/** The country's name in the user's language (browser locale data), or the code itself. */
export function countryName(code, locale = LOCALE) {
    if (!code) {
        return '';
    }
    try {
        return new Intl.DisplayNames([locale || 'en-US'], { type: 'region' }).of(code) || code;
    } catch {
        return code;
    }
}

/** 'ja' when the user's language is Japanese, otherwise 'en' (the two portal languages). */
export function portalLanguage(lang = LOCALE) {
    return String(lang || '')
        .toLowerCase()
        .startsWith('ja')
        ? 'ja'
        : 'en';
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isValidEmail(email) {
    return EMAIL_PATTERN.test(String(email ?? '').trim());
}

/** An unpaid invoice past its due date reads as Overdue; other statuses are shown as WHMCS has them. */
export function invoiceDisplayStatus(invoice, today = new Date()) {
    if (invoice && invoice.status === 'Unpaid' && invoice.dueOn) {
        const days = daysUntil(invoice.dueOn, today);
        if (days !== null && days < 0) {
            return 'Overdue';
        }
    }
    return invoice ? invoice.status : '';
}

/**
 * A typed calendar date → 'YYYY-MM-DD', or null. Accepts 2026-12-31, 2026/12/31, 2026.12.31,
 * 2026年12月31日 and 20261231, so customers can copy the date as their carrier wrote it.
 */
export function parseDateInput(text) {
    const value = String(text ?? '').trim();
    const match =
        /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(value) ||
        /^(\d{4})(\d{2})(\d{2})$/.exec(value);
    if (!match) {
        return null;
    }
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(year, month - 1, day);
    if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) {
        return null;
    }
    return todayIso(date);
}
