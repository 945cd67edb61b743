/**
 * The runtime's value model. Every Apex value is one of these JavaScript shapes; the runtime type of a value
 * is always recoverable from the value alone (needed for `instanceof`, casts, JSON and overloads).
 *
 * | Apex            | JavaScript                                   |
 * | --------------- | -------------------------------------------- |
 * | null            | null                                         |
 * | Boolean         | boolean                                      |
 * | Integer         | number (always an int32)                     |
 * | Long            | bigint (always an int64)                     |
 * | Double          | ApexDouble                                   |
 * | Decimal         | Decimal (BigInt unscaled value + scale)      |
 * | String          | string                                       |
 * | Id              | ApexId (always the 18-character form)        |
 * | Date/Datetime/Time | ApexDate / ApexDatetime / ApexTime        |
 * | Blob            | ApexBlob                                     |
 * | List/Set/Map    | ApexList / ApexSet / ApexMap                 |
 * | SObject         | SObjectValue                                 |
 * | class instance  | ApexObject (user and built-in classes, exceptions included) |
 * | System.Type     | ApexTypeValue                                |
 */

/** A type as written in Apex, resolved to canonical names: `List<Account>` → { name: 'List', args: [{ name: 'Account' }] }. */
export interface TypeRef {
    /**
     * Canonical name: primitives (`Integer`, `String`...), `List`/`Set`/`Map`, `Object`, `SObject`, an SObject's
     * API name (`Account`), a class's full name (`Outer.Inner`), or a namespaced system type (`System.HttpRequest`
     * is written `HttpRequest`).
     */
    name: string;
    args?: TypeRef[];
}

export class ApexDouble {
    constructor(readonly value: number) {}
}

/** Decimal: unscaled × 10^-scale, exactly as java.math.BigDecimal. Arithmetic lives in values/decimal.ts. */
export class Decimal {
    constructor(
        readonly unscaled: bigint,
        readonly scale: number
    ) {}
}

/** A record Id, always held in its 18-character form. */
export class ApexId {
    constructor(readonly value: string) {}
    toString(): string {
        return this.value;
    }
}

export class ApexDate {
    /** month 1-12 */
    constructor(
        readonly year: number,
        readonly month: number,
        readonly day: number
    ) {}
}

/** An instant: milliseconds since the epoch, UTC. Shown in the running user's time zone where Apex does. */
export class ApexDatetime {
    constructor(readonly epochMs: number) {}
}

export class ApexTime {
    constructor(
        readonly hour: number,
        readonly minute: number,
        readonly second: number,
        readonly millisecond: number
    ) {}
}

export class ApexBlob {
    constructor(readonly bytes: Uint8Array) {}
}

export class ApexList {
    constructor(
        readonly elementType: TypeRef,
        public items: ApexValue[] = []
    ) {}
    /** Set while a for-each loop iterates it (modification then throws FinalException). */
    iterating = 0;
}

/**
 * Set and Map hold entries under a key computed by the runtime (`keyOf`): Strings are case-sensitive, Ids use
 * their 18-character form, SObjects and collections compare by value, user classes by equals/hashCode or
 * identity. Insertion order is kept, as Apex's iteration order is.
 */
export class ApexSet {
    constructor(
        readonly elementType: TypeRef,
        public entries: Map<string, ApexValue> = new Map()
    ) {}
    iterating = 0;
}

export class ApexMap {
    constructor(
        readonly keyType: TypeRef,
        readonly valueType: TypeRef,
        public entries: Map<string, { key: ApexValue; value: ApexValue }> = new Map(),
        /** Describe maps (`getGlobalDescribe()`, `fields.getMap()`) look String keys up ignoring case. */
        readonly caseInsensitive = false
    ) {}
    iterating = 0;
}

/**
 * An SObject in memory. Field keys are lower-cased API names; parent relationships (`Account`, `Parent__r`)
 * and child relationships (`OrderItems`) are held in the same map under their lower-cased relationship name.
 */
export class SObjectValue {
    constructor(
        /** Canonical API name (`Account`). */
        readonly sobjectType: string,
        readonly fields: Map<string, ApexValue> = new Map(),
        /**
         * When the record came from SOQL: the lower-cased names that were selected (fields, relationships,
         * subqueries). Reading any other field throws SObjectException. Null for records built in Apex.
         */
        public queried: Set<string> | null = null
    ) {}
}

/** An instance of an Apex class (user-defined or built-in such as an exception or HttpRequest). */
export class ApexObject {
    constructor(
        /** Full class name (`Outer.Inner`, `System.NullPointerException`, `HttpRequest`). */
        readonly className: string,
        /** Instance fields keyed by lower-cased name. */
        readonly fields: Map<string, ApexValue> = new Map(),
        /** Native state of built-in classes (HttpRequest's headers, a Pattern's RegExp...). */
        public native: unknown = undefined
    ) {}
}

/** A `System.Type` token (`Account.class`, `Type.forName('X')`). */
export class ApexTypeValue {
    constructor(readonly type: TypeRef) {}
}

/** An `Schema.SObjectType` / `Schema.SObjectField` token and other describe handles. */
export class ApexToken {
    constructor(
        readonly kind:
            'SObjectType' | 'SObjectField' | 'DescribeSObjectResult' | 'DescribeFieldResult' | 'Enum',
        /** SObject name, `Object.field`, or `EnumType.VALUE`. */
        readonly name: string
    ) {}
}

/** An enum constant: user enums and system ones (`System.RoundingMode.HALF_UP`, `StatusCode.DUPLICATE_VALUE`). */
export class ApexEnumValue {
    constructor(
        /** Full enum type name. */
        readonly enumType: string,
        readonly name: string,
        readonly ordinal: number
    ) {}
}

export type ApexValue =
    | null
    | boolean
    | number
    | bigint
    | string
    | ApexDouble
    | Decimal
    | ApexId
    | ApexDate
    | ApexDatetime
    | ApexTime
    | ApexBlob
    | ApexList
    | ApexSet
    | ApexMap
    | SObjectValue
    | ApexObject
    | ApexTypeValue
    | ApexToken
    | ApexEnumValue;

export const T = {
    Object: { name: 'Object' } as TypeRef,
    String: { name: 'String' } as TypeRef,
    Integer: { name: 'Integer' } as TypeRef,
    Long: { name: 'Long' } as TypeRef,
    Double: { name: 'Double' } as TypeRef,
    Decimal: { name: 'Decimal' } as TypeRef,
    Boolean: { name: 'Boolean' } as TypeRef,
    Id: { name: 'Id' } as TypeRef,
    Date: { name: 'Date' } as TypeRef,
    Datetime: { name: 'Datetime' } as TypeRef,
    Time: { name: 'Time' } as TypeRef,
    Blob: { name: 'Blob' } as TypeRef,
    SObject: { name: 'SObject' } as TypeRef,
    listOf: (t: TypeRef): TypeRef => ({ name: 'List', args: [t] }),
    setOf: (t: TypeRef): TypeRef => ({ name: 'Set', args: [t] }),
    mapOf: (k: TypeRef, v: TypeRef): TypeRef => ({ name: 'Map', args: [k, v] })
};

/** `List<Map<String,Object>>` */
export function typeToString(t: TypeRef): string {
    return t.args && t.args.length ? `${t.name}<${t.args.map(typeToString).join(',')}>` : t.name;
}

/**
 * Thrown (as a JavaScript exception) when the runtime meets something it does not implement faithfully.
 * It ends the test as Unsupported. `what` names the construct; the interpreter adds `at File.cls:line`.
 */
export class UnsupportedError extends Error {
    constructor(
        readonly what: string,
        public where?: string
    ) {
        super(`Unsupported: ${what}${where ? ` at ${where}` : ''}`);
    }
}

/**
 * A system exception raised by library code (`new ApexSystemError('MathException', 'Divide by 0')`). The
 * interpreter turns it into the Apex exception object (`System.MathException`) at the point it surfaces, so
 * Apex `catch` blocks, `getMessage()` and `getTypeName()` see exactly what the platform gives.
 */
export class ApexSystemError extends Error {
    constructor(
        /** Short type name without `System.`: `MathException`, `StringException`, `DmlException`, ... */
        readonly exceptionType: string,
        message: string,
        /** Extra native state, e.g. the DML row errors of a DmlException or inaccessible fields of a QueryException. */
        readonly detail?: unknown
    ) {
        super(message);
    }
}
