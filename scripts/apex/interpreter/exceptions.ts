/**
 * Built-in exception types and the native state every exception object carries.
 */
import { ApexObject, type ApexValue } from '../values/model';

/** System exception types (Apex Reference, "Exception Class and Built-In Exceptions"). */
export const SYSTEM_EXCEPTIONS = [
    'AssertException',
    'AsyncException',
    'BigObjectException',
    'CalloutException',
    'DmlException',
    'DuplicateMessageException',
    'EmailException',
    'ExternalObjectException',
    'FinalException',
    'FlowException',
    'HandledException',
    'IllegalArgumentException',
    'InvalidHeaderException',
    'InvalidParameterValueException',
    'JSONException',
    'LicenseException',
    'LimitException',
    'ListException',
    'MathException',
    'NoAccessException',
    'NoDataFoundException',
    'NoSuchElementException',
    'NullPointerException',
    'QueryException',
    'RequiredFeatureMissingException',
    'SearchException',
    'SecurityException',
    'SerializationException',
    'SObjectException',
    'StringException',
    'TypeException',
    'UnexpectedException',
    'VisualforceException',
    'XmlException'
];

/** Exceptions of other namespaces that Apex code names: full name → its parent. */
export const OTHER_EXCEPTIONS = new Map<string, string>([
    ['AuraHandledException', 'Exception'],
    ['Site.ExternalUserCreateException', 'Exception'],
    ['Auth.AuthProviderPluginException', 'Exception'],
    ['Database.DuplicateMergeException', 'Exception']
]);

export interface ExceptionState {
    message: string | null;
    cause: ApexObject | null;
    /** `Class.X.method: line N, column M` lines, innermost first. */
    stack: string[];
    line: number;
    /** AuraHandledException: the message sent to the client (getMessage() gives 'Script-thrown exception'). */
    clientMessage?: string;
    /** DmlException rows: status code, message, fields; QueryException inaccessible fields. */
    detail?: unknown;
}

export function exceptionState(e: ApexObject): ExceptionState {
    if (!e.native) e.native = { message: null, cause: null, stack: [], line: 0 } satisfies ExceptionState;
    return e.native as ExceptionState;
}

/** The full type name of a system exception from its short name (`DmlException` → `System.DmlException`). */
export function systemExceptionName(short: string): string {
    if (SYSTEM_EXCEPTIONS.includes(short)) return `System.${short}`;
    return short;
}

export function newException(className: string, message: string | null, detail?: unknown): ApexObject {
    const e = new ApexObject(className);
    const s = exceptionState(e);
    s.message = message;
    s.detail = detail;
    return e;
}

export function messageOf(e: ApexObject): ApexValue {
    const s = exceptionState(e);
    return s.message;
}
