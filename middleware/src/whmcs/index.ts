// Public surface of the WHMCS client (contract: /tmp/portal-contracts.md, "WHMCS client module").
export { createWhmcsClient } from './client';
export type { WhmcsClientOptions } from './client';
export {
    WhmcsError,
    WhmcsAuthError,
    WhmcsUnknownActionError,
    WhmcsBusinessError,
    WhmcsTransportError,
    classifyErrorBody
} from './errors';
export type { WhmcsErrorKind, WhmcsTransportReason } from './errors';
export { phpSerialize, encodeCustomFields, encodeForm, flattenParams } from './php';
export type { PhpSerializable } from './php';
export { redactParams, redactText, isSensitiveKey, REDACTED } from './redact';
export { WRITE_ACTIONS, READ_ACTIONS, apiUrlFor } from './transport';
export { billingCycleForDisplay, normalizeBillingCycle } from './normalize';
export type * from './types';
