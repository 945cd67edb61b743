/**
 * How built-in (system) types are implemented: a table of native methods per type. The interpreter dispatches
 * `'abc'.toUpperCase()` to `NATIVE_TYPES.get('string').instance.get('touppercase')` and `String.valueOf(x)` to
 * `.statics.get('valueof')`. A native method receives the evaluated arguments and resolves its own overloads
 * (by arity and runtime types); an overload it does not implement throws UnsupportedError, never guesses.
 */
import type { ApexValue, TypeRef } from '../values/model';

export interface NativeContext {
    /** The running user's time zone (`Asia/Tokyo`) and locale (`ja_JP`), language (`ja`). */
    readonly timeZone: string;
    readonly locale: string;
    readonly language: string;
    /** The key under which a value is held in a Set or Map (see values/model.ts ApexSet). */
    keyOf(value: ApexValue): string;
    /** Apex `==` semantics (case-insensitive strings, Id forms, deep collections, equals() on classes). */
    equals(a: ApexValue, b: ApexValue): boolean;
    /** String.valueOf semantics, including toString() of user classes. */
    stringOf(value: ApexValue): string;
    /** The runtime type of a value (for JSON, casts and error messages). */
    typeOf(value: ApexValue): TypeRef;
    /** Reflection over Apex classes for JSON and Type.newInstance. */
    readonly classes: ClassReflection;
    /** Current instant (tests may pin it). */
    now(): number;
    /** The SObject (canonical name) whose records carry this 3-character key prefix (Id.getSObjectType). */
    sobjectByKeyPrefix?(prefix: string): string | undefined;
    /** The canonical name of an SObject field or relationship held under `lowerName` (JSON.serialize). */
    fieldName?(sobjectType: string, lowerName: string): string;
    /**
     * A field or relationship of an SObject by any-case name: its canonical name (`AccountId`, `Account`,
     * `Contacts`) and Apex type (`Id`, `Account`, `List<Contact>` for a child relationship), or undefined when
     * the object has no such field (JSON.deserialize into SObjects).
     */
    sobjectField?(sobjectType: string, name: string): { name: string; type: TypeRef } | undefined;
}

export interface ClassFieldInfo {
    /** Declared name, original case. */
    name: string;
    type: TypeRef;
    isStatic: boolean;
    isTransient: boolean;
    /** @AuraEnabled (for the result serialisation of @AuraEnabled methods). */
    auraEnabled: boolean;
}

export interface ClassReflection {
    /** Full canonical name of a user class, inner classes as `Outer.Inner`, or undefined. */
    resolveClass(name: string, from?: string): string | undefined;
    /** Instance fields (properties included) in declaration order, the superclass's first. */
    fields(className: string): ClassFieldInfo[];
    /** A new instance with field initialisers run and the no-argument constructor called. */
    newInstance(className: string): ApexValue;
    /** Reads / writes an instance field or property (through its accessors). */
    getField(target: ApexValue, name: string): ApexValue;
    setField(target: ApexValue, name: string, value: ApexValue): void;
    /** True when the class (or an ancestor) is an exception, an SObject type, an enum... */
    isEnum(name: string): boolean;
    enumValues(name: string): ApexValue[];
    isSObjectType(name: string): boolean;
}

export type NativeMethod = (ctx: NativeContext, self: ApexValue, args: ApexValue[]) => ApexValue;
export type NativeStatic = (ctx: NativeContext, args: ApexValue[]) => ApexValue;

export interface NativeType {
    /** Canonical name (`String`, `Decimal`, `Pattern`, `Matcher`, `JSON`, `Math`, `EncodingUtil`...). */
    name: string;
    /** Lower-cased method name → implementation. */
    instance?: Map<string, NativeMethod>;
    statics?: Map<string, NativeStatic>;
    /** Static properties/constants (`Math.PI` is a method in Apex, but e.g. `Integer.MAX_VALUE` ... if any). */
    staticFields?: Map<string, ApexValue>;
}

/** Builds a lower-cased Map from a plain object literal of methods. */
export function methods<F>(table: Record<string, F>): Map<string, F> {
    return new Map(Object.entries(table).map(([k, v]) => [k.toLowerCase(), v]));
}
