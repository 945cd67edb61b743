/**
 * The error catalog: every code the API answers with, its HTTP status, whether a retry may help and a
 * plain-words default message. Codes are mirrored by Salesforce Custom Labels (Error_<CODE>).
 */
export const ERROR_CATALOG = {
    VALIDATION_FAILED: { status: 400, retryable: false, message: 'The request is not valid.' },
    UNAUTHENTICATED: { status: 401, retryable: false, message: 'Authentication is required.' },
    CREDENTIALS_INVALID: {
        status: 401,
        retryable: false,
        message: 'The email address or password is wrong.'
    },
    NOT_FOUND: { status: 404, retryable: false, message: 'Not found.' },
    EMAIL_IN_USE: {
        status: 409,
        retryable: false,
        message: 'This email address is already used by another billing account.'
    },
    PROVISIONING_IN_PROGRESS: {
        status: 409,
        retryable: true,
        message: 'This order is being provisioned right now. Try again shortly.'
    },
    REQUEST_MISMATCH: {
        status: 409,
        retryable: false,
        message: 'This request id was first used with different details.'
    },
    PAYLOAD_TOO_LARGE: { status: 413, retryable: false, message: 'The request body is too large.' },
    UNSUPPORTED_MEDIA_TYPE: {
        status: 415,
        retryable: false,
        message: 'The request body must be uncompressed JSON (no Content-Encoding).'
    },
    CUSTOMER_NUMBER_MISSING: {
        status: 422,
        retryable: false,
        message: 'The billing account has no customer number. Please contact support.'
    },
    BILLING_REJECTED: {
        status: 422,
        retryable: false,
        message: 'The billing system could not complete this request. Our staff will look into it.'
    },
    CHANGE_NOT_ALLOWED: {
        status: 422,
        retryable: false,
        message: 'This change is not possible for this service.'
    },
    VERIFICATION_LOCKED: {
        status: 429,
        retryable: true,
        message: 'Too many failed attempts. Please wait and try again later.'
    },
    INTERNAL_ERROR: { status: 500, retryable: true, message: 'Something went wrong on our side.' },
    SERVICE_UNAVAILABLE: {
        status: 503,
        retryable: true,
        message: 'The service is restarting. Please try again shortly.'
    },
    BILLING_UNAVAILABLE: {
        status: 503,
        retryable: true,
        message: 'The billing system is not reachable right now. Please try again later.'
    }
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOG;

/** An error that maps one-to-one onto the API error envelope. */
export class AppError extends Error {
    readonly code: ErrorCode;
    readonly details?: Record<string, unknown>;

    constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
        super(message ?? ERROR_CATALOG[code].message);
        this.name = 'AppError';
        this.code = code;
        this.details = details;
    }

    get status(): number {
        return ERROR_CATALOG[this.code].status;
    }

    get retryable(): boolean {
        return ERROR_CATALOG[this.code].retryable;
    }
}

/**
 * Raised by billing adapters when the billing system cannot be reached (timeout, connection refused,
 * HTTP 5xx, garbage body, or a credential/IP misconfiguration the caller cannot fix).
 */
export class BillingUnavailableError extends Error {
    readonly action: string;
    constructor(action: string, reason: string) {
        super(`billing system unavailable during ${action}: ${reason}`);
        this.name = 'BillingUnavailableError';
        this.action = action;
    }
}

/** Raised by billing adapters when the billing system answered with a business error (HTTP 200 + error). */
export class BillingRejectedError extends Error {
    readonly action: string;
    /** The billing system's own text: for staff traces and logs only, never for customers. */
    readonly detail: string;
    constructor(action: string, detail: string) {
        super(`billing system rejected ${action}`);
        this.name = 'BillingRejectedError';
        this.action = action;
        this.detail = detail;
    }
}
