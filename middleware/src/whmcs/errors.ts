// Typed WHMCS failures. `kind` tells callers what to do: auth/ip/permission/unknown_action are
// configuration problems (do not retry), business is WHMCS refusing the request (its text in
// `message`), transport means we do not know what happened (WHMCS may or may not have acted).

export type WhmcsErrorKind = 'auth' | 'ip' | 'permission' | 'unknown_action' | 'business' | 'transport';
export type WhmcsTransportReason =
    | 'timeout'
    | 'connection'
    | 'http_status'
    | 'non_json'
    /** JSON arrived but did not have the documented shape. */
    | 'invalid_response';

export interface WhmcsErrorInit {
    action: string;
    httpStatus: number | null;
    cause?: unknown;
}

export class WhmcsError extends Error {
    readonly action: string;
    /** null when no HTTP answer arrived (timeout, connection failure). */
    readonly httpStatus: number | null;
    readonly kind: WhmcsErrorKind;

    constructor(message: string, kind: WhmcsErrorKind, init: WhmcsErrorInit) {
        super(message, init.cause === undefined ? undefined : { cause: init.cause });
        this.name = 'WhmcsError';
        this.action = init.action;
        this.httpStatus = init.httpStatus;
        this.kind = kind;
    }
}

export class WhmcsAuthError extends WhmcsError {
    declare readonly kind: 'auth' | 'ip' | 'permission';
    constructor(message: string, kind: 'auth' | 'ip' | 'permission', init: WhmcsErrorInit) {
        super(message, kind, init);
        this.name = 'WhmcsAuthError';
    }
}

export class WhmcsUnknownActionError extends WhmcsError {
    declare readonly kind: 'unknown_action';
    constructor(message: string, init: WhmcsErrorInit) {
        super(message, 'unknown_action', init);
        this.name = 'WhmcsUnknownActionError';
    }
}

/** HTTP 200 with `result: error`: WHMCS refused. `message` is WHMCS's own text. */
export class WhmcsBusinessError extends WhmcsError {
    declare readonly kind: 'business';
    constructor(message: string, init: WhmcsErrorInit) {
        super(message, 'business', init);
        this.name = 'WhmcsBusinessError';
    }
}

export class WhmcsTransportError extends WhmcsError {
    declare readonly kind: 'transport';
    readonly reason: WhmcsTransportReason;
    constructor(message: string, reason: WhmcsTransportReason, init: WhmcsErrorInit) {
        super(message, 'transport', init);
        this.name = 'WhmcsTransportError';
        this.reason = reason;
    }
}

/**
 * Turns a non-success WHMCS answer into a typed error (WHMCS-API.md §1.2, §8.4).
 * `body` is the parsed JSON object (result or status not 'success').
 */
export function classifyErrorBody(
    action: string,
    httpStatus: number,
    body: Record<string, unknown>
): WhmcsError {
    const text = pickMessage(body);
    const init = { action, httpStatus };
    if (/^Authentication Failed/i.test(text)) return new WhmcsAuthError(text, 'auth', init);
    if (/^Invalid IP/i.test(text)) return new WhmcsAuthError(text, 'ip', init);
    if (/^Invalid Permissions/i.test(text)) return new WhmcsAuthError(text, 'permission', init);
    if (/^Command Not Found/i.test(text)) return new WhmcsUnknownActionError(text, init);
    if (httpStatus >= 500) {
        return new WhmcsTransportError(`WHMCS answered HTTP ${httpStatus}: ${text}`, 'http_status', init);
    }
    // Any other 403 is an access problem (WAF, ban), not a business answer.
    if (httpStatus === 403) return new WhmcsAuthError(text || 'Forbidden', 'auth', init);
    return new WhmcsBusinessError(text || 'WHMCS reported an error without a message', init);
}

function pickMessage(body: Record<string, unknown>): string {
    for (const key of ['message', 'warning']) {
        const v = body[key];
        if (typeof v === 'string' && v.trim() !== '') return v.trim();
    }
    return '';
}
