/**
 * The Apex interpreter: executes statements and expressions of the parse tree, resolves names and types,
 * dispatches methods (overloads by argument types, virtual/override), constructs objects and raises Apex
 * exceptions. Platform classes live in system.ts / collections.ts; data access goes through the Runtime.
 */
import {
    ArrayExpressionContext,
    AssignExpressionContext,
    Arth1ExpressionContext,
    Arth2ExpressionContext,
    BitAndExpressionContext,
    BitExpressionContext,
    BitNotExpressionContext,
    BitOrExpressionContext,
    BlockContext,
    CastExpressionContext,
    CmpExpressionContext,
    CoalExpressionContext,
    CondExpressionContext,
    DotExpressionContext,
    EqualityExpressionContext,
    ExpressionContext,
    IdPrimaryContext,
    InstanceOfExpressionContext,
    LiteralPrimaryContext,
    LogAndExpressionContext,
    LogOrExpressionContext,
    MethodCallExpressionContext,
    NegExpressionContext,
    NewExpressionContext,
    PostOpExpressionContext,
    PreOpExpressionContext,
    PrimaryExpressionContext,
    SoqlPrimaryContext,
    SoslPrimaryContext,
    StatementContext,
    SubExpressionContext,
    SuperPrimaryContext,
    ThisPrimaryContext,
    TypeRefPrimaryContext,
    VoidPrimaryContext,
    type CreatorContext,
    type ExpressionListContext,
    type LiteralContext,
    type LocalVariableDeclarationContext,
    type ApexParserRuleContext as ParserRuleContext,
    type TypeRefContext,
    type WhenValueContext
} from '@apexdevtools/apex-parser';
import {
    ApexDouble,
    ApexEnumValue,
    ApexId,
    ApexList,
    ApexMap,
    ApexObject,
    ApexSet,
    ApexSystemError,
    ApexToken,
    ApexTypeValue,
    Decimal,
    SObjectValue,
    T,
    UnsupportedError,
    typeToString,
    type ApexValue,
    type TypeRef
} from '../values/model';
import * as num from '../values/numbers';
import { hasAnnotation, type ClassInfo, type FieldInfo, type MethodInfo } from './classes';
import { ApexThrow, BREAK, CONTINUE, NORMAL, RETURN, isUncatchable, type Completion } from './control';
import { exceptionState, newException, OTHER_EXCEPTIONS, SYSTEM_EXCEPTIONS } from './exceptions';
import { Frame, type Variable } from './frames';
import * as ops from './ops';
import { identityOf, isNumber, PRIMITIVES, runtimeType, typeNameForMessage } from './semantics';
import type { Runtime } from './runtime';

/** A type name met where an expression was expected (`Foo.bar()`, `Outer.Inner.X`, `System.debug`). */
export class TypeHandle {
    constructor(readonly name: string) {}
}

/** A namespace prefix met in an expression (`System.`, `Schema.`, `Database.`). */
class NamespaceHandle {
    constructor(readonly name: string) {}
}

type Evaluated = ApexValue | TypeHandle | NamespaceHandle;

/** Something assignable: a variable, a field, a list slot, an SObject field, a property. */
interface LValue {
    get(): ApexValue;
    set(v: ApexValue): void;
    type(): TypeRef;
}

const NAMESPACES = new Set([
    'system',
    'schema',
    'database',
    'site',
    'auth',
    'messaging',
    'dom',
    'approval',
    'connectapi',
    'reports',
    'flow',
    'cache',
    'sfdc_checkout',
    'commercepayments',
    'invocable',
    'process'
]);

export class Interpreter {
    private readonly typeCache = new WeakMap<TypeRefContext, Map<string, TypeRef>>();
    private callDepth = 0;
    private runningFuture = false;

    constructor(readonly rt: Runtime) {}

    // ---------------------------------------------------------------- types

    /** Resolves a written type in the context of a class (inner classes first, then outer, top-level, system). */
    resolveType(ctx: TypeRefContext, from: ClassInfo | undefined): TypeRef {
        let perClass = this.typeCache.get(ctx);
        const key = from?.name ?? '';
        const hit = perClass?.get(key);
        if (hit) return hit;
        const names = ctx.typeName_list();
        let t: TypeRef;
        const first = names[0];
        if (names.length === 1 && (first.LIST() || first.SET() || first.MAP())) {
            const args =
                first
                    .typeArguments()
                    ?.typeList()
                    .typeRef_list()
                    .map((a) => this.resolveType(a, from)) ?? [];
            const name = first.LIST() ? 'List' : first.SET() ? 'Set' : 'Map';
            t = { name, args };
        } else {
            const dotted = names.map((n) => n.id()?.getText() ?? n.getText()).join('.');
            const last = names[names.length - 1];
            const args = last
                .typeArguments()
                ?.typeList()
                .typeRef_list()
                .map((a) => this.resolveType(a, from));
            t = this.resolveTypeName(dotted, from);
            if (args?.length) t = { name: t.name, args };
        }
        const subs = ctx.arraySubscripts();
        if (subs && subs.LBRACK_list().length) {
            for (let i = 0; i < subs.LBRACK_list().length; i++) t = T.listOf(t);
        }
        if (!perClass) {
            perClass = new Map();
            this.typeCache.set(ctx, perClass);
        }
        perClass.set(key, t);
        return t;
    }

    resolveTypeName(dotted: string, from: ClassInfo | undefined): TypeRef {
        const user = this.rt.resolveClass(dotted, from);
        if (user) return { name: user.name };
        let name = dotted;
        const lower = name.toLowerCase();
        const prim = PRIMITIVES.get(lower.replace(/^system\./, ''));
        if (prim) return { name: prim };
        const sobj = this.rt.schema.sobject(lower.replace(/^schema\./, ''));
        if (sobj) return { name: sobj.name };
        const sys = this.rt.systemTypeName(name);
        if (sys) return { name: sys };
        if (lower.startsWith('system.') || lower.startsWith('schema.')) name = name.slice(7);
        return { name };
    }

    // ---------------------------------------------------------------- assignability

    isSubclass(className: string, ancestor: string): boolean {
        const target = ancestor.toLowerCase();
        let current: string | undefined = className;
        const seen = new Set<string>();
        while (current && !seen.has(current.toLowerCase())) {
            const lc = current.toLowerCase();
            if (lc === target) return true;
            seen.add(lc);
            const cls = this.rt.classByName(current);
            if (cls) {
                for (const i of this.interfacesOf(cls)) if (this.isSubclass(i, ancestor)) return true;
                current = this.superOf(cls);
            } else {
                current = this.rt.systemSuperclass(current);
            }
        }
        return false;
    }

    superOf(cls: ClassInfo): string | undefined {
        if (cls.superClass === undefined && cls.superTypeCtx) {
            // Resolving the name may look through this class's ancestors: mark it as having none meanwhile.
            cls.superClass = '';
            cls.superClass = this.resolveType(cls.superTypeCtx, cls.outer ?? cls).name;
        }
        return cls.superClass || undefined;
    }

    interfacesOf(cls: ClassInfo): string[] {
        if (!cls.interfaces)
            cls.interfaces = cls.interfaceCtxs.map((c) => this.resolveType(c, cls.outer ?? cls).name);
        return cls.interfaces;
    }

    /** `v instanceof t` (null is never an instance). */
    isInstance(v: ApexValue, t: TypeRef): boolean {
        if (v === null) return false;
        const name = t.name.toLowerCase();
        if (name === 'object') return true;
        const rtt = runtimeType(v);
        const rn = rtt.name.toLowerCase();
        if (v instanceof SObjectValue) return name === 'sobject' || rn === name;
        if (v instanceof ApexObject || v instanceof ApexEnumValue) return this.isSubclass(rtt.name, t.name);
        if (v instanceof ApexList || v instanceof ApexSet || v instanceof ApexMap) {
            if (rn !== name) return false;
            if (!t.args?.length) return true;
            const args = rtt.args ?? [];
            return t.args.every((a, i) => this.typeArgAssignable(args[i], a));
        }
        if (name === 'string' && rn === 'id') return true;
        if (name === 'id' && typeof v === 'string') return false;
        if (rn === name) return true;
        return false;
    }

    private typeArgAssignable(actual: TypeRef | undefined, wanted: TypeRef): boolean {
        if (!actual) return false;
        const w = wanted.name.toLowerCase();
        if (w === 'object') return true;
        const a = actual.name.toLowerCase();
        if (a === w) return (wanted.args ?? []).every((x, i) => this.typeArgAssignable(actual.args?.[i], x));
        if (w === 'sobject') return this.rt.schema.sobject(a) !== undefined || a === 'sobject';
        if (this.rt.classByName(actual.name)) return this.isSubclass(actual.name, wanted.name);
        return false;
    }

    /** Converts a value to the declared type of its destination (numeric widening, String → Id, SOQL row). */
    coerce(v: ApexValue, t: TypeRef, line?: number): ApexValue {
        if (v === null) return null;
        const name = t.name;
        switch (name) {
            case 'Object':
            case 'String':
                if (name === 'String' && v instanceof ApexId) return v.value;
                return v;
            case 'Integer':
                return v;
            case 'Long':
                if (typeof v === 'number') return BigInt(v);
                return v;
            case 'Double':
                if (isNumber(v) && !(v instanceof ApexDouble)) return new ApexDouble(num.toDouble(v));
                return v;
            case 'Decimal':
                if (isNumber(v) && !(v instanceof Decimal)) return num.toDecimal(v);
                return v;
            case 'Id':
                if (typeof v === 'string') return new ApexId(this.rt.toId(v));
                return v;
        }
        if (v instanceof ApexList && this.rt.isSoqlResult(v) && this.rt.schema.sobject(name)) {
            if (v.items.length === 0)
                throw new ApexSystemError('QueryException', 'List has no rows for assignment to SObject');
            if (v.items.length > 1)
                throw new ApexSystemError(
                    'QueryException',
                    'List has more than 1 row for assignment to SObject'
                );
            return v.items[0];
        }
        void line;
        return v;
    }

    /** A cast `(T) v`: checks the runtime type, as the platform does at run time. */
    cast(v: ApexValue, t: TypeRef): ApexValue {
        if (v === null) return null;
        const n = t.name.toLowerCase();
        if (n === 'object') return v;
        if (isNumber(v) && ['integer', 'long', 'double', 'decimal'].includes(n)) {
            const rn = runtimeType(v).name.toLowerCase();
            if (rn === n) return v;
            // Widening conversions are implicit in Apex; a narrowing one fails like any bad cast, except that
            // Decimal and Double convert both ways (an aggregate's Decimal read as Double, as apex-recipes does).
            if ((rn === 'decimal' && n === 'double') || (rn === 'double' && n === 'decimal'))
                return this.coerce(v, { name: PRIMITIVES.get(n)! });
            const rank = ['integer', 'long', 'double', 'decimal'];
            if (rank.indexOf(rn) < rank.indexOf(n) && !(rn === 'double' && n === 'decimal'))
                return this.coerce(v, { name: PRIMITIVES.get(n)! });
        }
        if (n === 'id' && typeof v === 'string') return new ApexId(this.rt.toId(v));
        if (n === 'string' && v instanceof ApexId) return v.value;
        if (v instanceof ApexList && this.rt.isSoqlResult(v) && this.rt.schema.sobject(n))
            return this.coerce(v, t);
        if (this.isInstance(v, t)) {
            if ((v instanceof ApexList || v instanceof ApexSet || v instanceof ApexMap) && t.args?.length)
                return v;
            return v;
        }
        if (v instanceof ApexList && n === 'list' && t.args?.length) {
            // List<SObject> built as List<SObject> cast to List<Account> is allowed when every element fits.
            const et = t.args[0];
            if (
                v.elementType.name === 'SObject' &&
                this.rt.schema.sobject(et.name) &&
                v.items.every((x) => x === null || this.isInstance(x, et))
            ) {
                return new ApexList(et, v.items);
            }
        }
        throw new ApexSystemError(
            'TypeException',
            `Invalid conversion from runtime type ${typeNameForMessage(runtimeType(v))} to ${typeNameForMessage(t)}`
        );
    }

    // ---------------------------------------------------------------- equality and keys

    equals(a: ApexValue, b: ApexValue): boolean {
        const p = ops.primitiveEquals(a, b);
        if (p !== undefined) return p;
        if (a instanceof ApexList && b instanceof ApexList) {
            return a.items.length === b.items.length && a.items.every((x, i) => this.equals(x, b.items[i]));
        }
        if (a instanceof ApexSet && b instanceof ApexSet) {
            if (a.entries.size !== b.entries.size) return false;
            for (const k of a.entries.keys()) if (!b.entries.has(k)) return false;
            return true;
        }
        if (a instanceof ApexMap && b instanceof ApexMap) {
            if (a.entries.size !== b.entries.size) return false;
            for (const [k, e] of a.entries) {
                const o = b.entries.get(k);
                if (!o || !this.equals(e.value, o.value)) return false;
            }
            return true;
        }
        if (a instanceof SObjectValue && b instanceof SObjectValue) {
            if (a.sobjectType !== b.sobjectType) return false;
            const keys = new Set([...a.fields.keys(), ...b.fields.keys()]);
            for (const k of keys) {
                const x = a.fields.get(k) ?? null;
                const y = b.fields.get(k) ?? null;
                if (
                    x instanceof SObjectValue ||
                    x instanceof ApexList ||
                    y instanceof SObjectValue ||
                    y instanceof ApexList
                )
                    continue;
                if (!this.equals(x, y)) return false;
            }
            return true;
        }
        if (a instanceof ApexObject && b instanceof ApexObject) {
            const m = this.findMethod(a.className, 'equals', 1);
            if (m && !m.native) return this.invoke(m, a, [b]) === true;
            return a === b;
        }
        return a === b;
    }

    /** The Set/Map key of a value (see values/model.ts). Strings are case-sensitive keys. */
    keyOf(v: ApexValue): string {
        if (v === null) return 'null';
        switch (typeof v) {
            case 'string':
                return `s:${v}`;
            case 'number':
                return `n:${v}`;
            case 'bigint':
                return `n:${v}`;
            case 'boolean':
                return `b:${v}`;
        }
        if (v instanceof ApexId) return `s:${v.value}`;
        if (v instanceof Decimal) return `dec:${v.unscaled}e${v.scale}`;
        if (v instanceof ApexDouble) return `dbl:${v.value}`;
        if (v instanceof ApexEnumValue) return `e:${v.enumType}.${v.name}`;
        if (v instanceof ApexObject) {
            const m = this.findMethod(v.className, 'hashcode', 0);
            if (m && !m.native) {
                return `h:${String(this.invoke(m, v, []))}`;
            }
            return `o:${identityOf(v)}`;
        }
        if (v instanceof ApexList) return `l:[${v.items.map((x) => this.keyOf(x)).join(',')}]`;
        if (v instanceof ApexSet) return `set:[${[...v.entries.keys()].sort().join(',')}]`;
        if (v instanceof ApexMap)
            return `m:{${[...v.entries.entries()].map(([k, e]) => `${k}=${this.keyOf(e.value)}`).join(',')}}`;
        if (v instanceof SObjectValue) {
            const parts = [...v.fields.entries()]
                .filter(([, x]) => !(x instanceof SObjectValue || x instanceof ApexList))
                .sort(([x], [y]) => (x < y ? -1 : 1))
                .map(([k, x]) => `${k}=${this.keyOf(x)}`);
            return `so:${v.sobjectType}{${parts.join(',')}}`;
        }
        return `x:${this.stringOf(v)}`;
    }

    stringOf(v: ApexValue): string {
        const p = ops.primitiveString(v, this.rt.user.timeZone);
        if (p !== undefined) return p;
        if (v instanceof ApexList) return `(${v.items.map((x) => this.stringOf(x)).join(', ')})`;
        if (v instanceof ApexSet)
            return `{${[...v.entries.values()].map((x) => this.stringOf(x)).join(', ')}}`;
        if (v instanceof ApexMap)
            return `{${[...v.entries.values()].map((e) => `${this.stringOf(e.key)}=${this.stringOf(e.value)}`).join(', ')}}`;
        if (v instanceof SObjectValue) {
            const parts = [...v.fields.entries()]
                .filter(([, x]) => !(x instanceof SObjectValue || x instanceof ApexList))
                .map(([k, x]) => `${this.rt.fieldName(v.sobjectType, k)}=${this.stringOf(x)}`);
            return `${v.sobjectType}:{${parts.join(', ')}}`;
        }
        if (v instanceof ApexObject) {
            const m = this.findMethod(v.className, 'tostring', 0);
            if (m && !m.native) return this.stringOf(this.invoke(m, v, []));
            if (this.isSubclass(v.className, 'Exception')) {
                const s = exceptionState(v);
                return `${this.exceptionTypeName(v)}: ${s.message ?? 'null'}`;
            }
            const fields = [...v.fields.entries()].map(
                ([k, x]) => `${this.fieldDisplayName(v.className, k)}=${this.stringOf(x)}`
            );
            return `${v.className.split('.').pop()}:[${fields.join(', ')}]`;
        }
        throw new UnsupportedError(`String.valueOf of ${ops.describe(v)}`);
    }

    private fieldDisplayName(className: string, lower: string): string {
        for (const f of this.allFields(className)) if (f.name.toLowerCase() === lower) return f.name;
        return lower;
    }

    exceptionTypeName(e: ApexObject): string {
        return e.className;
    }

    // ---------------------------------------------------------------- classes

    allFields(className: string): FieldInfo[] {
        const out: FieldInfo[] = [];
        let cls = this.rt.classByName(className);
        const chain: ClassInfo[] = [];
        while (cls) {
            chain.unshift(cls);
            const sup = this.superOf(cls);
            cls = sup ? this.rt.classByName(sup) : undefined;
        }
        for (const c of chain) out.push(...c.fields.filter((f) => !f.isStatic));
        return out;
    }

    /** Finds a field (static or instance) visible from `cls`: its own, its ancestors', then its outer classes' statics. */
    findField(cls: ClassInfo, name: string, staticOnly = false): FieldInfo | undefined {
        const lower = name.toLowerCase();
        let c: ClassInfo | undefined = cls;
        while (c) {
            const f = c.fields.find((x) => x.name.toLowerCase() === lower && (!staticOnly || x.isStatic));
            if (f) return f;
            const sup = this.superOf(c);
            c = sup ? this.rt.classByName(sup) : undefined;
        }
        return undefined;
    }

    findMethod(className: string, lowerName: string, arity: number): MethodInfo | undefined {
        let cls = this.rt.classByName(className);
        while (cls) {
            const list = cls.methods.get(lowerName);
            const m = list?.find((x) => x.params.length === arity && !x.isAbstract);
            if (m) return m;
            const sup = this.superOf(cls);
            cls = sup ? this.rt.classByName(sup) : undefined;
        }
        return undefined;
    }

    /** Runs a class's static initialisation once per transaction. */
    ensureStatics(cls: ClassInfo): void {
        const statics = this.rt.statics;
        if (statics.has(cls.name)) return;
        const map = new Map<string, Variable>();
        statics.set(cls.name, map);
        const sup = this.superOf(cls);
        const supCls = sup ? this.rt.classByName(sup) : undefined;
        if (supCls) this.ensureStatics(supCls);
        for (const f of cls.fields)
            if (f.isStatic)
                map.set(f.name.toLowerCase(), {
                    type: this.resolveType(f.typeCtx, cls),
                    value: null,
                    final: f.isFinal
                });
        const frame = new Frame(cls, '<clinit>', null, this.sharingFor(cls, 'without'), cls.sharing);
        for (const item of cls.staticInit) {
            if (item instanceof BlockContext) {
                this.withFrame(frame, () => this.execBlock(item, frame));
            } else if (item.init) {
                const init = item.init;
                this.rt.cover(cls, item.line);
                const v = this.withFrame(frame, () => this.evalValue(init, frame));
                map.get(item.name.toLowerCase())!.value = this.coerce(
                    v,
                    map.get(item.name.toLowerCase())!.type
                );
            }
        }
    }

    sharingFor(cls: ClassInfo, caller: 'with' | 'without'): 'with' | 'without' {
        if (cls.sharing === 'with' || cls.sharing === 'without') return cls.sharing;
        if (cls.sharing === 'inherited') return caller;
        // No keyword: API 67.0+ runs with sharing; earlier versions inherit the caller's mode.
        return cls.apiVersion >= 67 ? 'with' : caller;
    }

    /** `new C(args)` for a user class. */
    instantiate(cls: ClassInfo, args: ApexValue[], caller?: Frame): ApexObject {
        if (cls.kind !== 'class')
            throw new ApexSystemError('TypeException', `Cannot instantiate ${cls.kind} ${cls.name}`);
        if (cls.modifiers.has('abstract'))
            throw new ApexSystemError(
                'TypeException',
                `Abstract classes cannot be instantiated: ${cls.name}`
            );
        this.ensureStatics(cls);
        const obj = new ApexObject(cls.name);
        for (const f of this.allFields(cls.name)) obj.fields.set(f.name.toLowerCase(), null);
        this.construct(cls, obj, args, caller);
        return obj;
    }

    private construct(cls: ClassInfo, obj: ApexObject, args: ApexValue[], caller?: Frame): void {
        const ctor = this.chooseOverload(cls.constructors, args, cls);
        const sup = this.superOf(cls);
        const supCls = sup ? this.rt.classByName(sup) : undefined;
        if (!ctor) {
            if (cls.constructors.length === 0 && args.length === 0) {
                if (supCls) this.construct(supCls, obj, [], caller);
                else if (sup && this.isSubclass(cls.name, 'Exception')) exceptionState(obj);
                this.runInstanceInit(cls, obj);
                return;
            }
            if (cls.constructors.length === 0 && this.isSubclass(cls.name, 'Exception')) {
                // Custom exceptions get the four constructors of Exception (Apex Developer Guide, "Create Custom Exceptions").
                this.initException(obj, args);
                this.runInstanceInit(cls, obj);
                return;
            }
            throw new ApexSystemError(
                'TypeException',
                `Constructor not defined: [${cls.name}].<Constructor>(${args.map((a) => typeToString(runtimeType(a))).join(', ')})`
            );
        }
        const frame = new Frame(
            cls,
            cls.name.split('.').pop()!,
            obj,
            this.sharingFor(cls, caller?.sharing ?? 'without'),
            cls.sharing
        );
        this.bindParams(ctor, frame, args);
        const stmts = ctor.body!.statement_list();
        const first = stmts[0];
        const explicit = first ? this.explicitConstructorCall(first) : undefined;
        this.withFrame(frame, () => {
            if (explicit?.kind === 'this') {
                const a = this.evalArgs(explicit.args, frame);
                this.construct(cls, obj, a, frame);
            } else {
                if (explicit?.kind === 'super') {
                    const a = this.evalArgs(explicit.args, frame);
                    if (supCls) this.construct(supCls, obj, a, frame);
                    else if (sup && this.isSubclass(cls.name, 'Exception')) this.initException(obj, a);
                    else if (a.length) throw new UnsupportedError(`super(...) into ${sup}`);
                } else if (supCls) {
                    this.construct(supCls, obj, [], frame);
                } else if (sup && this.isSubclass(cls.name, 'Exception')) {
                    exceptionState(obj);
                }
                this.runInstanceInit(cls, obj);
            }
            for (let i = explicit ? 1 : 0; i < stmts.length; i++) {
                const c = this.exec(stmts[i], frame);
                if (c === RETURN) break;
            }
        });
    }

    private initException(obj: ApexObject, args: ApexValue[]): void {
        const s = exceptionState(obj);
        for (const a of args) {
            if (typeof a === 'string' || a === null) s.message = a;
            else if (a instanceof ApexObject) s.cause = a;
        }
        if (args.length === 1 && args[0] instanceof ApexObject) s.message = this.stringOf(args[0]);
    }

    private explicitConstructorCall(
        stmt: StatementContext
    ): { kind: 'this' | 'super'; args: ExpressionListContext | null } | undefined {
        const es = stmt.expressionStatement();
        const e = es?.expression();
        if (!(e instanceof MethodCallExpressionContext)) return undefined;
        const mc = e.methodCall();
        if (mc.THIS()) return { kind: 'this', args: mc.expressionList() };
        if (mc.SUPER()) return { kind: 'super', args: mc.expressionList() };
        return undefined;
    }

    private runInstanceInit(cls: ClassInfo, obj: ApexObject): void {
        const frame = new Frame(cls, '<init>', obj, this.sharingFor(cls, 'without'), cls.sharing);
        this.withFrame(frame, () => {
            for (const item of cls.instanceInit) {
                if (item instanceof BlockContext) this.execBlock(item, frame);
                else if (item.init) {
                    this.rt.cover(cls, item.line);
                    const v = this.evalValue(item.init, frame);
                    obj.fields.set(
                        item.name.toLowerCase(),
                        this.coerce(v, this.resolveType(item.typeCtx, cls))
                    );
                }
            }
        });
    }

    /** Picks the overload whose parameters accept the arguments' runtime types (most specific first). */
    chooseOverload(candidates: MethodInfo[], args: ApexValue[], from: ClassInfo): MethodInfo | undefined {
        const byArity = candidates.filter((m) => m.params.length === args.length);
        if (byArity.length <= 1) return byArity[0];
        const hints = this.argHints.get(args);
        let best: MethodInfo | undefined;
        let bestScore = -1;
        for (const m of byArity) {
            let score = 0;
            let ok = true;
            for (let i = 0; i < args.length; i++) {
                const pt = this.resolveType(m.params[i].typeCtx, m.owner);
                const s = this.matchScore(args[i], pt, hints?.[i]);
                if (s < 0) {
                    ok = false;
                    break;
                }
                score += s;
            }
            if (ok && score > bestScore) {
                best = m;
                bestScore = score;
            }
        }
        void from;
        return best;
    }

    private matchScore(v: ApexValue, t: TypeRef, hint?: TypeRef): number {
        if (v === null) {
            if (!hint) return 1;
            const h = hint.name.toLowerCase();
            const n = t.name.toLowerCase();
            if (h === n) return 4;
            if (n === 'object') return 1;
            if (this.rt.classByName(hint.name) && this.isSubclass(hint.name, t.name)) return 3;
            if (n === 'sobject' && this.rt.schema.sobject(hint.name)) return 3;
            const rank = ['integer', 'long', 'double', 'decimal'];
            if (rank.indexOf(h) >= 0 && rank.indexOf(n) > rank.indexOf(h)) return 2;
            return -1;
        }
        const n = t.name.toLowerCase();
        const rt = runtimeType(v);
        const rn = rt.name.toLowerCase();
        if (rn === n) {
            if (t.args?.length && rt.args?.length) {
                return t.args.every((a, i) => this.typeArgAssignable(rt.args![i], a)) ? 4 : 1;
            }
            return 4;
        }
        if (n === 'object') return 1;
        if (isNumber(v)) {
            const rank = ['integer', 'long', 'double', 'decimal'];
            if (rank.indexOf(rn) >= 0 && rank.indexOf(n) > rank.indexOf(rn)) return 2;
            return -1;
        }
        if (n === 'id' && typeof v === 'string') return 2;
        if (n === 'string' && v instanceof ApexId) return 3;
        if (this.isInstance(v, t)) return 3;
        return -1;
    }

    // ---------------------------------------------------------------- invocation

    private bindParams(m: MethodInfo, frame: Frame, args: ApexValue[]): void {
        m.params.forEach((p, i) => {
            const type = this.resolveType(p.typeCtx, m.owner);
            frame.declare(p.name, { type, value: this.coerce(args[i] ?? null, type) });
        });
    }

    withFrame<R>(frame: Frame, fn: () => R): R {
        this.rt.frames.push(frame);
        if (this.rt.frames.length > 1000) {
            this.rt.frames.pop();
            throw new ApexSystemError('LimitException', 'Maximum stack depth reached: 1001');
        }
        try {
            return fn();
        } finally {
            this.rt.frames.pop();
        }
    }

    /** Calls a user method (static when `self` is null). */
    invoke(
        m: MethodInfo,
        self: ApexObject | SObjectValue | null,
        args: ApexValue[],
        caller?: Frame
    ): ApexValue {
        if (m.native) return m.native(self, args) as ApexValue;
        if (!m.body)
            throw new ApexSystemError(
                'TypeException',
                `Abstract method ${m.owner.name}.${m.name} has no implementation`
            );
        if (m.isStatic && this.hasAnnotation(m, 'future') && !this.runningFuture) {
            // @future: queued with its (primitive) arguments; it runs as its own job.
            this.rt.data.async.deferFuture(() => {
                this.runningFuture = true;
                try {
                    this.invoke(m, null, args, caller);
                } finally {
                    this.runningFuture = false;
                }
            });
            return null;
        }
        this.ensureStatics(m.owner);
        const frame = new Frame(
            m.owner,
            m.name,
            m.isStatic ? null : self,
            this.sharingFor(m.owner, caller?.sharing ?? this.rt.currentSharing()),
            m.owner.sharing
        );
        this.bindParams(m, frame, args);
        const slot = { value: null as ApexValue };
        this.callDepth++;
        try {
            this.withFrame(frame, () => {
                const c = this.execBlock(m.body!, frame, slot);
                void c;
            });
        } finally {
            this.callDepth--;
        }
        if (m.returnTypeCtx) return this.coerce(slot.value, this.resolveType(m.returnTypeCtx, m.owner));
        return null;
    }

    /** Virtual dispatch: the runtime class's override of `name`, chosen by the arguments. */
    callInstance(
        obj: ApexObject,
        name: string,
        args: ApexValue[],
        caller: Frame,
        superFrom?: ClassInfo
    ): ApexValue {
        const lower = name.toLowerCase();
        const stub = (obj.native as { stubProvider?: ApexObject } | undefined)?.stubProvider;
        if (stub && !superFrom) return this.callStub(obj, stub, lower, args, caller);
        let cls = superFrom ? this.classOrSuper(superFrom) : this.rt.classByName(obj.className);
        const start = cls;
        while (cls) {
            const list = (cls.methods.get(lower) ?? []).filter((m) => !m.isStatic && !m.isAbstract);
            const m = this.chooseOverload(list, args, cls);
            if (m) return this.invoke(m, obj, args, caller);
            const sup = this.superOf(cls);
            if (!sup) break;
            const next = this.rt.classByName(sup);
            if (!next) return this.rt.system.callObjectMethod(obj, lower, args, caller, sup);
            cls = next;
        }
        return this.rt.system.callObjectMethod(
            obj,
            lower,
            args,
            caller,
            (start ? this.superOf(start) : undefined) ?? obj.className
        );
    }

    /**
     * A call on a `Test.createStub` object goes to its StubProvider's handleMethodCall(stubbedObject,
     * stubbedMethodName, returnType, listOfParamTypes, listOfParamNames, listOfArgs) (Apex Developer Guide, "Build
     * a Mocking Framework with the Stub API").
     */
    private callStub(
        obj: ApexObject,
        provider: ApexObject,
        lower: string,
        args: ApexValue[],
        caller: Frame
    ): ApexValue {
        const candidates: MethodInfo[] = [];
        const visit = (name: string | undefined, seen = new Set<string>()): void => {
            const cls = name ? this.rt.classByName(name) : undefined;
            if (!cls || seen.has(cls.name)) return;
            seen.add(cls.name);
            candidates.push(...(cls.methods.get(lower) ?? []).filter((m) => !m.isStatic));
            visit(this.superOf(cls), seen);
            for (const i of this.interfacesOf(cls)) visit(i, seen);
        };
        visit(obj.className);
        const m = this.chooseOverload(candidates, args, this.rt.classByName(obj.className)!);
        if (!m)
            throw new UnsupportedError(`a stubbed call of ${obj.className}.${lower} with no matching method`);
        const typeOf = (ctx: TypeRefContext | undefined): ApexTypeValue =>
            new ApexTypeValue(ctx ? this.resolveType(ctx, m.owner) : { name: 'void' });
        const result = this.callInstance(
            provider,
            'handleMethodCall',
            [
                obj,
                m.name,
                typeOf(m.returnTypeCtx),
                new ApexList(
                    { name: 'System.Type' },
                    m.params.map((p) => typeOf(p.typeCtx))
                ),
                new ApexList(
                    T.String,
                    m.params.map((p) => p.name)
                ),
                new ApexList(T.Object, [...args])
            ],
            caller
        );
        return m.returnTypeCtx ? this.cast(result, this.resolveType(m.returnTypeCtx, m.owner)) : null;
    }

    private classOrSuper(cls: ClassInfo): ClassInfo | undefined {
        const sup = this.superOf(cls);
        return sup ? this.rt.classByName(sup) : undefined;
    }

    callStatic(cls: ClassInfo, name: string, args: ApexValue[], caller: Frame): ApexValue {
        const lower = name.toLowerCase();
        let c: ClassInfo | undefined = cls;
        while (c) {
            const list = (c.methods.get(lower) ?? []).filter((m) => m.isStatic);
            const m = this.chooseOverload(list, args, c);
            if (m) return this.invoke(m, null, args, caller);
            const sup = this.superOf(c);
            c = sup ? this.rt.classByName(sup) : undefined;
        }
        if (cls.kind === 'enum') return this.rt.system.callEnumStatic(cls, lower, args);
        throw new UnsupportedError(`Method does not exist or incorrect signature: ${cls.name}.${name}`);
    }

    // ---------------------------------------------------------------- statements

    execBlock(block: BlockContext, f: Frame, slot?: { value: ApexValue }): Completion {
        f.push();
        try {
            for (const s of block.statement_list()) {
                const c = this.exec(s, f, slot);
                if (c !== NORMAL) return c;
            }
            return NORMAL;
        } finally {
            f.pop();
        }
    }

    private currentSlot: { value: ApexValue } | undefined;

    exec(s: StatementContext, f: Frame, slot?: { value: ApexValue }): Completion {
        if (slot) this.currentSlot = slot;
        const line = s.start.line;
        f.line = line;
        this.rt.cover(f.cls, line);
        this.rt.tick();
        const child = s.getChild(0) as ParserRuleContext;
        const kind = child.constructor.name;
        switch (kind) {
            case 'BlockContext':
                return this.execBlock(child as BlockContext, f, slot);
            case 'LocalVariableDeclarationStatementContext':
                this.declareLocals(s.localVariableDeclarationStatement()!.localVariableDeclaration(), f);
                return NORMAL;
            case 'ExpressionStatementContext':
                this.evalAny(s.expressionStatement()!.expression(), f);
                return NORMAL;
            case 'IfStatementContext': {
                const st = s.ifStatement()!;
                const cond = this.evalValue(st.parExpression().expression(), f);
                const branches = st.statement_list();
                if (this.truth(cond)) return this.exec(branches[0], f, slot);
                if (branches[1]) return this.exec(branches[1], f, slot);
                return NORMAL;
            }
            case 'ReturnStatementContext': {
                const e = s.returnStatement()!.expression();
                const target = slot ?? this.currentSlot;
                if (target) target.value = e ? this.evalValue(e, f) : null;
                return RETURN;
            }
            case 'ForStatementContext':
                return this.execFor(s, f, slot);
            case 'WhileStatementContext': {
                const w = s.whileStatement()!;
                while (this.truth(this.evalValue(w.parExpression().expression(), f))) {
                    const body = w.statement();
                    if (!body) continue;
                    const c = this.exec(body, f, slot);
                    if (c === BREAK) break;
                    if (c === RETURN) return c;
                }
                return NORMAL;
            }
            case 'DoWhileStatementContext': {
                const d = s.doWhileStatement()!;
                do {
                    const c = this.execBlock(d.block(), f, slot);
                    if (c === BREAK) break;
                    if (c === RETURN) return c;
                } while (this.truth(this.evalValue(d.parExpression().expression(), f)));
                return NORMAL;
            }
            case 'TryStatementContext':
                return this.execTry(s, f, slot);
            case 'ThrowStatementContext': {
                const v = this.evalValue(s.throwStatement()!.expression(), f);
                if (!(v instanceof ApexObject)) throw this.toThrow(ops.npe(), f);
                this.fillStack(v, f);
                throw new ApexThrow(v);
            }
            case 'BreakStatementContext':
                return BREAK;
            case 'ContinueStatementContext':
                return CONTINUE;
            case 'SwitchStatementContext':
                return this.execSwitch(s, f, slot);
            case 'InsertStatementContext':
            case 'UpdateStatementContext':
            case 'DeleteStatementContext':
            case 'UndeleteStatementContext':
            case 'UpsertStatementContext':
            case 'MergeStatementContext':
                this.rt.dmlStatement(s, f);
                return NORMAL;
            case 'RunAsStatementContext': {
                const r = s.runAsStatement()!;
                const args = r.expressionList() ? this.evalArgs(r.expressionList(), f) : [];
                return this.rt.runAs(args, () => this.execBlock(r.block(), f, slot));
            }
            default:
                throw new UnsupportedError(`statement ${kind}`);
        }
    }

    private declareLocals(decl: LocalVariableDeclarationContext, f: Frame): void {
        const type = this.resolveType(decl.typeRef(), f.cls);
        const isFinal = decl.modifier_list().some((m) => m.getText().toLowerCase() === 'final');
        for (const v of decl.variableDeclarators().variableDeclarator_list()) {
            const init = v.expression();
            const value = init ? this.coerce(this.evalValue(init, f), type) : null;
            f.declare(v.id().getText(), { type, value, final: isFinal });
        }
    }

    private execFor(s: StatementContext, f: Frame, slot?: { value: ApexValue }): Completion {
        const st = s.forStatement()!;
        const ctl = st.forControl();
        const body = st.statement();
        const enhanced = ctl.enhancedForControl();
        f.push();
        try {
            if (enhanced) {
                const type = this.resolveType(enhanced.typeRef(), f.cls);
                const name = enhanced.id().getText();
                const source = this.evalValue(enhanced.expression(), f);
                if (source === null) throw ops.npe();
                let items: ApexValue[];
                let coll: ApexList | ApexSet | ApexMap | undefined;
                if (source instanceof ApexList) {
                    coll = source;
                    items = source.items;
                } else if (source instanceof ApexSet) {
                    coll = source;
                    items = [...source.entries.values()];
                } else if (source instanceof ApexObject) {
                    return this.iterateIterable(source, type, name, body, f, slot);
                } else throw new UnsupportedError(`for-each over ${ops.describe(source)}`);
                // A SOQL for loop over `List<SObject>` batches: `for (List<Account> batch : [SELECT ...])`.
                if (type.name === 'List' && source instanceof ApexList && this.rt.isSoqlResult(source)) {
                    const batches: ApexValue[] = [];
                    for (let i = 0; i < items.length; i += 200)
                        batches.push(new ApexList(source.elementType, items.slice(i, i + 200)));
                    if (batches.length === 0) batches.push(new ApexList(source.elementType, []));
                    items = batches;
                    coll = undefined;
                }
                if (coll) coll.iterating++;
                try {
                    for (let i = 0; i < items.length; i++) {
                        // A list may shrink while it is iterated (Apex allows it for lists, not sets and maps).
                        if (coll instanceof ApexList && i >= coll.items.length) break;
                        const item = coll instanceof ApexList ? coll.items[i] : items[i];
                        const c = this.loopBody(name, type, item, body, f, slot);
                        if (c === BREAK) break;
                        if (c === RETURN) return c;
                    }
                } finally {
                    if (coll) coll.iterating--;
                }
                return NORMAL;
            }
            const init = ctl.forInit();
            if (init) {
                const lv = init.localVariableDeclaration();
                if (lv) this.declareLocals(lv, f);
                else this.evalArgs(init.expressionList(), f);
            }
            const cond = ctl.expression();
            const update = ctl.forUpdate();
            for (;;) {
                if (cond && !this.truth(this.evalValue(cond, f))) break;
                if (body) {
                    const c = this.exec(body, f, slot);
                    if (c === BREAK) break;
                    if (c === RETURN) return c;
                }
                if (update) this.evalArgs(update.expressionList(), f);
            }
            return NORMAL;
        } finally {
            f.pop();
        }
    }

    /** for-each over a user Iterable: calls iterator(), then hasNext()/next(). */
    private iterateIterable(
        src: ApexObject,
        type: TypeRef,
        name: string,
        body: StatementContext | null,
        f: Frame,
        slot?: { value: ApexValue }
    ): Completion {
        const it = this.callInstance(src, 'iterator', [], f);
        if (!(it instanceof ApexObject))
            throw new UnsupportedError('for-each over an Iterable whose iterator is not an Apex object');
        while (this.callInstance(it, 'hasNext', [], f) === true) {
            const item = this.callInstance(it, 'next', [], f);
            const c = this.loopBody(name, type, item, body, f, slot);
            if (c === BREAK) break;
            if (c === RETURN) return c;
        }
        return NORMAL;
    }

    /** One iteration of a for-each: the loop variable in its own scope, then the body. */
    private loopBody(
        name: string,
        type: TypeRef,
        item: ApexValue,
        body: StatementContext | null,
        f: Frame,
        slot?: { value: ApexValue }
    ): Completion {
        f.push();
        f.declare(name, { type, value: this.coerce(item, type) });
        try {
            return body ? this.exec(body, f, slot) : NORMAL;
        } finally {
            f.pop();
        }
    }

    private execTry(s: StatementContext, f: Frame, slot?: { value: ApexValue }): Completion {
        const t = s.tryStatement()!;
        let completion: Completion = NORMAL;
        let pending: unknown;
        try {
            completion = this.execBlock(t.block(), f, slot);
        } catch (err) {
            const thrown = this.catchable(err, f);
            if (!thrown) throw err;
            let handled = false;
            for (const c of t.catchClause_list()) {
                const type = this.resolveTypeName(c.qualifiedName().getText(), f.cls);
                if (
                    this.isSubclass(thrown.className, type.name) ||
                    (type.name === 'Exception' && this.isSubclass(thrown.className, 'Exception'))
                ) {
                    handled = true;
                    f.push();
                    f.declare(c.id().getText(), { type, value: thrown });
                    try {
                        completion = this.execBlock(c.block(), f, slot);
                    } catch (inner) {
                        pending = inner;
                    } finally {
                        f.pop();
                    }
                    break;
                }
            }
            if (!handled) pending = err instanceof ApexThrow ? err : new ApexThrow(thrown);
        }
        const fin = t.finallyBlock();
        if (fin) {
            const c = this.execBlock(fin.block(), f, slot);
            if (c !== NORMAL) return c;
        }
        if (pending) throw pending;
        return completion;
    }

    /** The Apex exception a JavaScript error stands for, or undefined when Apex code may not catch it. */
    catchable(err: unknown, f: Frame): ApexObject | undefined {
        if (err instanceof ApexThrow) return isUncatchable(err.exception) ? undefined : err.exception;
        if (err instanceof ApexSystemError) {
            const t = this.toThrow(err, f);
            if (err instanceof ApexSystemError) (err as { converted?: ApexThrow }).converted = t;
            return isUncatchable(t.exception) ? undefined : t.exception;
        }
        return undefined;
    }

    /** Turns a library error into the Apex exception object, with the stack of where it surfaced. */
    toThrow(err: ApexSystemError, f: Frame): ApexThrow {
        const converted = (err as { converted?: ApexThrow }).converted;
        if (converted) return converted;
        const name = this.exceptionClassName(err.exceptionType);
        const e = newException(name, err.message, err.detail);
        this.fillStack(e, f);
        const t = new ApexThrow(e);
        (err as { converted?: ApexThrow }).converted = t;
        return t;
    }

    exceptionClassName(short: string): string {
        if (short.includes('.')) return short;
        if (SYSTEM_EXCEPTIONS.includes(short)) return `System.${short}`;
        if (OTHER_EXCEPTIONS.has(short)) return short;
        return `System.${short}`;
    }

    fillStack(e: ApexObject, f: Frame): void {
        const s = exceptionState(e);
        if (s.stack.length) return;
        const frames = this.rt.frames.length ? this.rt.frames : [f];
        s.line = frames[frames.length - 1].line;
        s.stack = frames
            .slice()
            .reverse()
            .filter((fr) => !fr.method.startsWith('<'))
            .map((fr) => `Class.${fr.cls.name}.${fr.method}: line ${fr.line}, column 1`);
    }

    private execSwitch(s: StatementContext, f: Frame, slot?: { value: ApexValue }): Completion {
        const sw = s.switchStatement()!;
        const v = this.evalValue(sw.expression(), f);
        for (const w of sw.whenControl_list()) {
            const wv = w.whenValue();
            if (wv.ELSE()) return this.execBlock(w.block(), f, slot);
            const typed = wv.typeRef();
            if (typed) {
                const t = this.resolveType(typed, f.cls);
                if (this.isInstance(v, t)) {
                    f.push();
                    try {
                        f.declare(wv.id()!.getText(), { type: t, value: v });
                        return this.execBlock(w.block(), f, slot);
                    } finally {
                        f.pop();
                    }
                }
                continue;
            }
            if (this.whenMatches(v, wv, f)) return this.execBlock(w.block(), f, slot);
        }
        return NORMAL;
    }

    private whenMatches(v: ApexValue, wv: WhenValueContext, f: Frame): boolean {
        for (const lit of wv.whenLiteral_list()) {
            let l = lit;
            while (l.whenLiteral()) l = l.whenLiteral()!;
            let candidate: ApexValue;
            if (l.NULL()) candidate = null;
            else if (l.StringLiteral()) candidate = this.parseString(l.StringLiteral()!.getText());
            else if (l.IntegerLiteral())
                candidate = (l.SUB_list().length ? -1 : 1) * Number(l.IntegerLiteral()!.getText());
            else if (l.LongLiteral())
                candidate =
                    BigInt(l.LongLiteral()!.getText().slice(0, -1)) * (l.SUB_list().length ? -1n : 1n);
            else if (l.qualifiedName()) {
                const name = l.qualifiedName()!.getText();
                if (v instanceof ApexEnumValue) {
                    if (v.name.toLowerCase() === name.split('.').pop()!.toLowerCase()) return true;
                    continue;
                }
                candidate = this.evalName(name, f) as ApexValue;
            } else continue;
            // Strings in switch are compared case-sensitively? The guide: switch on String is case-insensitive.
            if (v === null ? candidate === null : candidate !== null && this.equals(v, candidate))
                return true;
        }
        return false;
    }

    truth(v: ApexValue): boolean {
        if (v === null) throw ops.npe();
        if (typeof v !== 'boolean') throw new UnsupportedError(`condition of type ${ops.describe(v)}`);
        return v;
    }

    // ---------------------------------------------------------------- expressions

    evalValue(e: ExpressionContext, f: Frame): ApexValue {
        const v = this.evalAny(e, f);
        if (v instanceof TypeHandle || v instanceof NamespaceHandle) {
            throw new UnsupportedError(`Variable does not exist: ${v.name}`);
        }
        return v;
    }

    evalArgs(list: ExpressionListContext | null, f: Frame): ApexValue[] {
        if (!list) return [];
        const exprs = list.expression_list();
        const values = exprs.map((e) => this.evalValue(e, f));
        // Overloads are chosen by the arguments' static types; a null argument has no runtime type to go by.
        if (values.includes(null))
            this.argHints.set(
                values,
                exprs.map((e) => this.staticTypeOf(e, f))
            );
        return values;
    }

    private readonly argHints = new WeakMap<ApexValue[], (TypeRef | undefined)[]>();

    /** The declared type of an expression where it is evident without type inference (casts, variables, fields, literals). */
    private staticTypeOf(e: ExpressionContext, f: Frame): TypeRef | undefined {
        if (e instanceof CastExpressionContext) return this.resolveType(e.typeRef(), f.cls);
        if (e instanceof SubExpressionContext) return this.staticTypeOf(e.expression(), f);
        if (e instanceof NewExpressionContext) return undefined;
        if (e instanceof PrimaryExpressionContext) {
            const p = e.primary();
            if (p instanceof IdPrimaryContext) {
                const name = p.id().getText();
                const v = f.lookup(name);
                if (v) return v.type;
                let cls: ClassInfo | undefined = f.cls;
                while (cls) {
                    const field = this.findField(cls, name);
                    if (field) return this.resolveType(field.typeCtx, field.owner);
                    cls = cls.outer;
                }
            }
        }
        return undefined;
    }

    evalAny(e: ExpressionContext, f: Frame): Evaluated {
        try {
            return this.evalInner(e, f);
        } catch (err) {
            if (err instanceof UnsupportedError && !err.where) {
                err.where = `${this.rt.fileLabel(f.cls)}:${e.start.line}`;
                err.message = `Unsupported: ${err.what} at ${err.where}`;
            }
            if (err instanceof ApexSystemError) throw this.toThrow(err, f);
            throw err;
        }
    }

    private evalInner(e: ExpressionContext, f: Frame): Evaluated {
        if (e instanceof PrimaryExpressionContext) return this.evalPrimary(e, f);
        if (e instanceof DotExpressionContext) return this.evalDot(e, f);
        if (e instanceof MethodCallExpressionContext) return this.evalMethodCall(e, f);
        if (e instanceof AssignExpressionContext) return this.evalAssign(e, f);
        if (e instanceof EqualityExpressionContext) {
            const [a, b] = e.expression_list().map((x) => this.evalValue(x, f));
            const op = e.getChild(1).getText();
            if (op === '===' || op === '!==') {
                const same = this.identical(a, b);
                return op === '===' ? same : !same;
            }
            const eq = this.equals(a, b);
            return op === '==' ? eq : !eq;
        }
        if (e instanceof LogAndExpressionContext) {
            const [x, y] = e.expression_list();
            return this.truth(this.evalValue(x, f)) ? this.truth(this.evalValue(y, f)) : false;
        }
        if (e instanceof LogOrExpressionContext) {
            const [x, y] = e.expression_list();
            return this.truth(this.evalValue(x, f)) ? true : this.truth(this.evalValue(y, f));
        }
        if (e instanceof NegExpressionContext) {
            const v = this.evalValue(e.expression(), f);
            if (e.BANG()) return !this.truth(v);
            if (v === null) throw ops.npe();
            if (typeof v === 'number') return ~v;
            if (typeof v === 'bigint') return BigInt.asIntN(64, ~v);
            throw new UnsupportedError('operator ~');
        }
        if (e instanceof Arth1ExpressionContext || e instanceof Arth2ExpressionContext) {
            const [a, b] = e.expression_list().map((x) => this.evalValue(x, f));
            const op = e.getChild(1).getText();
            if (op === '+') return ops.add(a, b, (v) => this.stringOf(v), this.rt.user.timeZone);
            if (op === '%') throw new UnsupportedError('operator %');
            return ops.arith(op as '-' | '*' | '/', a, b, this.rt.user.timeZone);
        }
        if (e instanceof CmpExpressionContext) {
            const [a, b] = e.expression_list().map((x) => this.evalValue(x, f));
            const op = (e.GT() ? '>' : '<') + (e.ASSIGN() ? '=' : '');
            return ops.relational(op as '<', a, b);
        }
        if (e instanceof CondExpressionContext) {
            const [c, x, y] = e.expression_list();
            return this.truth(this.evalValue(c, f)) ? this.evalValue(x, f) : this.evalValue(y, f);
        }
        if (e instanceof CoalExpressionContext) {
            const [x, y] = e.expression_list();
            const v = this.evalValue(x, f);
            return v !== null ? v : this.evalValue(y, f);
        }
        if (e instanceof SubExpressionContext) return this.evalAny(e.expression(), f);
        if (e instanceof NewExpressionContext) return this.evalNew(e.creator(), f);
        if (e instanceof CastExpressionContext) {
            const t = this.resolveType(e.typeRef(), f.cls);
            const v = this.evalValue(e.expression(), f);
            return this.cast(v, t);
        }
        if (e instanceof InstanceOfExpressionContext) {
            const v = this.evalValue(e.expression(), f);
            return this.isInstance(v, this.resolveType(e.typeRef(), f.cls));
        }
        if (e instanceof ArrayExpressionContext) {
            const [a, i] = e.expression_list();
            return this.listSlot(this.evalValue(a, f), this.evalValue(i, f)).get();
        }
        if (e instanceof PreOpExpressionContext) {
            const op = e.getChild(0).getText();
            if (op === '++' || op === '--') {
                const lv = this.lvalue(e.expression(), f);
                const nv =
                    op === '++'
                        ? ops.add(lv.get(), 1, (v) => this.stringOf(v), this.rt.user.timeZone)
                        : ops.arith('-', lv.get(), 1, this.rt.user.timeZone);
                lv.set(this.coerce(nv, lv.type()));
                return lv.get();
            }
            const v = this.evalValue(e.expression(), f);
            return op === '-'
                ? ops.negate(v)
                : v === null
                  ? (() => {
                        throw ops.npe();
                    })()
                  : v;
        }
        if (e instanceof PostOpExpressionContext) {
            const lv = this.lvalue(e.expression(), f);
            const old = lv.get();
            const nv = e.INC()
                ? ops.add(old, 1, (v) => this.stringOf(v), this.rt.user.timeZone)
                : ops.arith('-', old, 1, this.rt.user.timeZone);
            lv.set(this.coerce(nv, lv.type()));
            return old;
        }
        if (
            e instanceof BitAndExpressionContext ||
            e instanceof BitOrExpressionContext ||
            e instanceof BitNotExpressionContext
        ) {
            const [a, b] = e.expression_list().map((x) => this.evalValue(x, f));
            const op = e.getChild(1).getText();
            return this.bitwise(op, a, b);
        }
        if (e instanceof BitExpressionContext) {
            const [a, b] = e.expression_list().map((x) => this.evalValue(x, f));
            const op = e.LT_list().length ? '<<' : e.GT_list().length === 3 ? '>>>' : '>>';
            return this.bitwise(op, a, b);
        }
        throw new UnsupportedError(`expression ${e.constructor.name}`);
    }

    private identical(a: ApexValue, b: ApexValue): boolean {
        if (a === null || b === null) return a === b;
        if (typeof a !== 'object' || a instanceof ApexId || a instanceof Decimal || a instanceof ApexDouble)
            return this.equals(a, b);
        return a === b;
    }

    private bitwise(op: string, a: ApexValue, b: ApexValue): ApexValue {
        if (a === null || b === null) throw ops.npe();
        if (typeof a === 'boolean' && typeof b === 'boolean') {
            if (op === '&') return a && b;
            if (op === '|') return a || b;
            if (op === '^') return a !== b;
        }
        if (typeof a === 'number' && typeof b === 'number') {
            switch (op) {
                case '&':
                    return a & b;
                case '|':
                    return a | b;
                case '^':
                    return a ^ b;
                case '<<':
                    return a << b;
                case '>>':
                    return a >> b;
                case '>>>':
                    return (a >>> b) | 0;
            }
        }
        if (
            (typeof a === 'bigint' || typeof a === 'number') &&
            (typeof b === 'bigint' || typeof b === 'number')
        ) {
            const x = BigInt(a);
            const y = BigInt(b);
            switch (op) {
                case '&':
                    return x & y;
                case '|':
                    return x | y;
                case '^':
                    return x ^ y;
                case '<<':
                    return BigInt.asIntN(64, x << (y & 63n));
                case '>>':
                    return x >> (y & 63n);
                case '>>>':
                    return BigInt.asIntN(64, BigInt.asUintN(64, x) >> (y & 63n));
            }
        }
        throw new UnsupportedError(`operator ${op} on ${ops.describe(a)}`);
    }

    private evalPrimary(e: PrimaryExpressionContext, f: Frame): Evaluated {
        const p = e.primary();
        if (p instanceof LiteralPrimaryContext) return this.literal(p.literal());
        if (p instanceof IdPrimaryContext) return this.evalName(p.id().getText(), f);
        if (p instanceof ThisPrimaryContext) {
            if (!f.self)
                throw new ApexSystemError('TypeException', 'this is not available in a static context');
            return f.self;
        }
        if (p instanceof SoqlPrimaryContext) return this.rt.soql(p.soqlLiteral().query(), f);
        if (p instanceof TypeRefPrimaryContext)
            return new ApexTypeValue(this.resolveType(p.typeRef(), f.cls));
        if (p instanceof VoidPrimaryContext) return new ApexTypeValue({ name: 'void' });
        if (p instanceof SuperPrimaryContext) return f.self;
        if (p instanceof SoslPrimaryContext) throw new UnsupportedError('SOSL');
        throw new UnsupportedError(`primary ${p.constructor.name}`);
    }

    literal(l: LiteralContext): ApexValue {
        if (l.IntegerLiteral()) {
            const n = Number(l.getText());
            if (n > 2147483648) throw new UnsupportedError(`integer literal ${l.getText()}`);
            return n | 0;
        }
        if (l.LongLiteral()) return BigInt.asIntN(64, BigInt(l.getText().slice(0, -1)));
        if (l.NumberLiteral()) {
            const text = l.getText();
            if (/[dD]$/.test(text)) return new ApexDouble(Number(text.slice(0, -1)));
            return num.parseDecimalLiteral(text);
        }
        if (l.StringLiteral()) return this.parseString(l.getText());
        if (l.BooleanLiteral()) return l.getText().toLowerCase() === 'true';
        if (l.NULL()) return null;
        throw new UnsupportedError(`literal ${l.getText()}`);
    }

    parseString(quoted: string): string {
        const body = quoted.slice(1, -1);
        let out = '';
        for (let i = 0; i < body.length; i++) {
            const c = body[i];
            if (c !== '\\') {
                out += c;
                continue;
            }
            const n = body[++i];
            switch (n) {
                case 'n':
                    out += '\n';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case 'b':
                    out += '\b';
                    break;
                case 'f':
                    out += '\f';
                    break;
                case 'u':
                    out += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16));
                    i += 4;
                    break;
                default:
                    out += n;
            }
        }
        return out;
    }

    /** A bare name: local, field of this class (or outer statics), class name, namespace, system type. */
    evalName(name: string, f: Frame): Evaluated {
        const v = f.lookup(name);
        if (v) return v.value;
        const field = this.fieldRef(f, name);
        if (field) return field.get();
        return this.typeOrNamespace(name, f);
    }

    private typeOrNamespace(name: string, f: Frame): Evaluated {
        const cls = this.rt.resolveClass(name, f.cls);
        if (cls) return new TypeHandle(cls.name);
        const lower = name.toLowerCase();
        const sobj = this.rt.schema.sobject(lower);
        if (sobj) return new TypeHandle(sobj.name);
        const sys = this.rt.systemTypeName(name);
        if (sys) return new TypeHandle(sys);
        if (PRIMITIVES.has(lower)) return new TypeHandle(PRIMITIVES.get(lower)!);
        if (NAMESPACES.has(lower)) return new NamespaceHandle(name);
        throw new UnsupportedError(`Variable does not exist: ${name}`);
    }

    /** A field reachable by simple name from the frame: instance (when `this` exists), own statics, outer statics. */
    private fieldRef(f: Frame, name: string): LValue | undefined {
        let cls: ClassInfo | undefined = f.cls;
        while (cls) {
            const field = this.findField(cls, name);
            if (field) {
                if (field.isStatic) return this.staticField(field);
                if (f.self instanceof ApexObject && cls === f.cls) return this.instanceField(f.self, field);
                if (f.self instanceof ApexObject && this.isSubclass(f.self.className, cls.name))
                    return this.instanceField(f.self, field);
            }
            cls = cls.outer;
        }
        return undefined;
    }

    staticField(field: FieldInfo): LValue {
        this.ensureStatics(field.owner);
        const map = this.rt.statics.get(field.owner.name)!;
        const key = field.name.toLowerCase();
        const prop = field.property;
        return {
            get: () => {
                if (prop?.getter && prop.getter !== 'auto')
                    return this.runAccessor(field, null, prop.getter, undefined);
                return map.get(key)!.value;
            },
            set: (v) => {
                if (prop?.setter && prop.setter !== 'auto') {
                    this.runAccessor(field, null, prop.setter, v);
                    return;
                }
                map.get(key)!.value = this.coerce(v, map.get(key)!.type);
            },
            type: () => map.get(key)!.type
        };
    }

    instanceField(obj: ApexObject, field: FieldInfo): LValue {
        const key = field.name.toLowerCase();
        const type = this.resolveType(field.typeCtx, field.owner);
        const prop = field.property;
        return {
            get: () => {
                if (prop?.getter && prop.getter !== 'auto')
                    return this.runAccessor(field, obj, prop.getter, undefined);
                if (prop && !prop.getter)
                    throw new ApexSystemError('TypeException', `Variable is not visible: ${field.name}`);
                return obj.fields.get(key) ?? null;
            },
            set: (v) => {
                if (prop?.setter && prop.setter !== 'auto') {
                    this.runAccessor(field, obj, prop.setter, v);
                    return;
                }
                obj.fields.set(key, this.coerce(v, type));
            },
            type: () => type
        };
    }

    /** Runs a property accessor; inside it the property's name refers to its own storage. */
    private runAccessor(
        field: FieldInfo,
        obj: ApexObject | null,
        block: BlockContext,
        value: ApexValue | undefined
    ): ApexValue {
        const type = this.resolveType(field.typeCtx, field.owner);
        const key = field.name.toLowerCase();
        const frame = new Frame(
            field.owner,
            field.name,
            obj,
            this.sharingFor(field.owner, 'without'),
            field.owner.sharing
        );
        // Inside its accessors the property name is the backing variable.
        const storage: Variable = obj
            ? {
                  type,
                  get value() {
                      return obj.fields.get(key) ?? null;
                  },
                  set value(v: ApexValue) {
                      obj.fields.set(key, v);
                  }
              }
            : this.rt.statics.get(field.owner.name)!.get(key)!;
        frame.declare(field.name, storage);
        if (value !== undefined) frame.declare('value', { type, value: this.coerce(value, type) });
        const slot = { value: null as ApexValue };
        this.withFrame(frame, () => this.execBlock(block, frame, slot));
        return value === undefined ? this.coerce(slot.value, type) : null;
    }

    // ---------------------------------------------------------------- dot, calls

    private evalDot(e: DotExpressionContext, f: Frame): Evaluated {
        const left = e.expression();
        const call = e.dotMethodCall();
        const safe = !!e.QUESTIONDOT();
        if (
            left instanceof PrimaryExpressionContext &&
            left.primary() instanceof SuperPrimaryContext &&
            call
        ) {
            const args = this.evalArgs(call.expressionList(), f);
            return this.callInstance(f.self as ApexObject, call.anyId().getText(), args, f, f.cls);
        }
        const target = this.evalAny(left, f);
        if (call) {
            const name = call.anyId().getText();
            if (target === null) {
                if (safe) return null;
                throw ops.npe();
            }
            const args = this.evalArgs(call.expressionList(), f);
            return this.callOn(target, name, args, f);
        }
        const name = e.anyId()!.getText();
        if (target === null) {
            if (safe) return null;
            throw ops.npe();
        }
        return this.member(target, name, f);
    }

    /** `target.name` (not a call). */
    private member(target: Evaluated, name: string, f: Frame): Evaluated {
        if (target instanceof NamespaceHandle) {
            const full = `${target.name}.${name}`;
            const cls = this.rt.resolveClass(full, f.cls);
            if (cls) return new TypeHandle(cls.name);
            const ns = target.name.toLowerCase();
            if (ns === 'schema') {
                const sobj = this.rt.schema.sobject(name);
                if (sobj) return new TypeHandle(sobj.name);
            }
            const sys =
                this.rt.systemTypeName(full) ??
                (ns === 'system' || ns === 'schema' ? this.rt.systemTypeName(name) : undefined);
            if (sys) return new TypeHandle(sys);
            if (PRIMITIVES.has(name.toLowerCase()) && ns === 'system')
                return new TypeHandle(PRIMITIVES.get(name.toLowerCase())!);
            throw new UnsupportedError(`${full}`);
        }
        if (target instanceof TypeHandle) {
            const cls = this.rt.classByName(target.name);
            if (cls) {
                const inner = cls.inner.get(name.toLowerCase());
                if (inner) return new TypeHandle(inner.name);
                if (cls.kind === 'enum') {
                    const idx = cls.enumValues.findIndex((v) => v.toLowerCase() === name.toLowerCase());
                    if (idx >= 0) return new ApexEnumValue(cls.name, cls.enumValues[idx], idx);
                }
                const field = this.findField(cls, name, true);
                if (field) return this.staticField(field).get();
                throw new UnsupportedError(`Variable does not exist: ${target.name}.${name}`);
            }
            if (target.name === 'Schema' || target.name === 'System') {
                // Schema.Account, Schema.SObjectType, System.Type: the namespace-qualified type.
                const sobj = target.name === 'Schema' ? this.rt.schema.sobject(name) : undefined;
                if (sobj) return new TypeHandle(sobj.name);
                const sys = this.rt.systemTypeName(name);
                if (sys) return new TypeHandle(sys);
            }
            return this.rt.system.staticMember(target.name, name, f);
        }
        if (target instanceof ApexToken) return this.rt.data.describe.tokenProperty(target, name);
        // `[SELECT ...].Field` reads the single row, as an assignment to an SObject would.
        if (target instanceof ApexList && this.rt.isSoqlResult(target)) {
            return this.lvalueOfMember(this.coerce(target, target.elementType), name).get();
        }
        return this.lvalueOfMember(target, name).get();
    }

    private lvalueOfMember(target: Evaluated, name: string): LValue {
        if (target instanceof TypeHandle) {
            const cls = this.rt.classByName(target.name);
            if (cls) {
                const field = this.findField(cls, name, true);
                if (field) return this.staticField(field);
            }
            if (target.name === 'RestContext') return this.rt.data.rest.contextProperty(name);
            throw new UnsupportedError(`assignment to ${target.name}.${name}`);
        }
        if (target === null) throw ops.npe();
        if (target instanceof SObjectValue) return this.rt.sobjectField(target, name);
        if (target instanceof ApexObject) {
            const cls = this.rt.classByName(target.className);
            if (cls) {
                const field = this.findField(cls, name);
                if (field && !field.isStatic) return this.instanceField(target, field);
                if (field) return this.staticField(field);
            }
            const sys = this.rt.system.objectProperty(target, name);
            if (sys) return sys;
            throw new UnsupportedError(`Variable does not exist: ${name}`);
        }
        throw new UnsupportedError(`field ${name} of ${ops.describe(target as ApexValue)}`);
    }

    /** `target.name(args)` */
    private callOn(target: Evaluated, name: string, args: ApexValue[], f: Frame): ApexValue {
        if (target instanceof TypeHandle) {
            const cls = this.rt.classByName(target.name);
            if (cls) return this.callStatic(cls, name, args, f);
            return this.rt.system.callStatic(target.name, name, args, f);
        }
        if (target instanceof NamespaceHandle) {
            const ns = target.name.toLowerCase();
            if (ns === 'system') return this.rt.system.callStatic('System', name, args, f);
            throw new UnsupportedError(`${target.name}.${name}()`);
        }
        if (target instanceof ApexObject && this.rt.classByName(target.className)) {
            return this.callInstance(target, name, args, f);
        }
        return this.rt.system.callMethod(target, name, args, f);
    }

    private evalMethodCall(e: MethodCallExpressionContext, f: Frame): ApexValue {
        const mc = e.methodCall();
        if (mc.THIS() || mc.SUPER())
            throw new UnsupportedError('this(...)/super(...) outside the first statement of a constructor');
        const name = mc.id()!.getText();
        const args = this.evalArgs(mc.expressionList(), f);
        const lower = name.toLowerCase();
        // An unqualified call: instance method of this object, then statics of this class and its outers.
        let cls: ClassInfo | undefined = f.cls;
        while (cls) {
            let c: ClassInfo | undefined = cls;
            while (c) {
                const list = c.methods.get(lower);
                if (list?.length) {
                    if (
                        f.self instanceof ApexObject &&
                        list.some((m) => !m.isStatic) &&
                        this.isSubclass(f.self.className, c.name)
                    ) {
                        return this.callInstance(f.self, name, args, f);
                    }
                    const statics = list.filter((m) => m.isStatic);
                    const m = this.chooseOverload(statics, args, c);
                    if (m) return this.invoke(m, null, args, f);
                }
                const sup = this.superOf(c);
                c = sup ? this.rt.classByName(sup) : undefined;
            }
            cls = cls.outer;
        }
        if (f.self instanceof ApexObject) {
            const sup = this.rt.classByName(f.self.className);
            if (sup && this.superOf(sup) && !this.rt.classByName(this.superOf(sup)!)) {
                return this.rt.system.callObjectMethod(f.self, lower, args, f, this.superOf(sup)!);
            }
        }
        throw new UnsupportedError(`Method does not exist or incorrect signature: ${name}`);
    }

    // ---------------------------------------------------------------- assignment

    private evalAssign(e: AssignExpressionContext, f: Frame): ApexValue {
        const [left, right] = e.expression_list();
        const op = e.getChild(1).getText();
        const lv = this.lvalue(left, f);
        let v = this.evalValue(right, f);
        if (op !== '=') {
            const cur = lv.get();
            const bop = op.slice(0, -1);
            if (bop === '+') v = ops.add(cur, v, (x) => this.stringOf(x), this.rt.user.timeZone);
            else if (bop === '-' || bop === '*' || bop === '/')
                v = ops.arith(bop, cur, v, this.rt.user.timeZone);
            else v = this.bitwise(bop, cur, v);
        }
        const coerced = this.coerce(v, lv.type());
        lv.set(coerced);
        return coerced;
    }

    lvalue(e: ExpressionContext, f: Frame): LValue {
        if (e instanceof PrimaryExpressionContext) {
            const p = e.primary();
            if (p instanceof IdPrimaryContext) {
                const name = p.id().getText();
                const v = f.lookup(name);
                if (v) {
                    return {
                        get: () => v.value,
                        set: (x) => {
                            v.value = x;
                        },
                        type: () => v.type
                    };
                }
                const field = this.fieldRef(f, name);
                if (field) return field;
                throw new UnsupportedError(`Variable does not exist: ${name}`);
            }
        }
        if (e instanceof DotExpressionContext && !e.dotMethodCall()) {
            const target = this.evalAny(e.expression(), f);
            if (target === null) throw ops.npe();
            return this.lvalueOfMember(target, e.anyId()!.getText());
        }
        if (e instanceof ArrayExpressionContext) {
            const [a, i] = e.expression_list();
            return this.listSlot(this.evalValue(a, f), this.evalValue(i, f));
        }
        if (e instanceof SubExpressionContext) return this.lvalue(e.expression(), f);
        throw new UnsupportedError(`assignment target ${e.getText()}`);
    }

    private listSlot(list: ApexValue, index: ApexValue): LValue {
        if (list === null || index === null) throw ops.npe();
        if (list instanceof ApexMap) throw new UnsupportedError('map[index]');
        if (!(list instanceof ApexList)) throw new UnsupportedError(`indexing ${ops.describe(list)}`);
        const i = Number(index);
        const check = (): void => {
            if (i < 0 || i >= list.items.length)
                throw new ApexSystemError('ListException', `List index out of bounds: ${i}`);
        };
        return {
            get: () => {
                check();
                return list.items[i];
            },
            set: (v) => {
                check();
                list.items[i] = this.coerce(v, list.elementType);
            },
            type: () => list.elementType
        };
    }

    // ---------------------------------------------------------------- new

    private evalNew(c: CreatorContext, f: Frame): ApexValue {
        const created = c.createdName();
        const pairs = created.idCreatedNamePair_list();
        const first = pairs[0].anyId().getText().toLowerCase();
        const lastPair = pairs[pairs.length - 1];
        const typeArgs =
            lastPair
                .typeList()
                ?.typeRef_list()
                .map((t) => this.resolveType(t, f.cls)) ?? [];
        const dotted = pairs.map((p) => p.anyId().getText()).join('.');
        if (pairs.length === 1 && (first === 'list' || first === 'set' || first === 'map')) {
            return this.newCollection(first, typeArgs, c, f);
        }
        const t = this.resolveTypeName(dotted, f.cls);
        const arr = c.arrayCreatorRest();
        if (arr) {
            const elem = typeArgs.length ? { name: t.name, args: typeArgs } : t;
            const init = arr.arrayInitializer();
            if (init)
                return new ApexList(
                    elem,
                    init.expression_list().map((x) => this.coerce(this.evalValue(x, f), elem))
                );
            const size = Number(this.evalValue(arr.expression()!, f));
            return new ApexList(elem, new Array(size).fill(null));
        }
        const rest = c.classCreatorRest();
        const argList = rest?.arguments().expressionList() ?? null;
        const sobj = this.rt.schema.sobject(t.name);
        if (sobj) return this.rt.newSObject(sobj.name, argList, f);
        const cls = this.rt.classByName(t.name);
        const args = this.evalArgs(argList, f);
        if (cls) return this.instantiate(cls, args, f);
        return this.rt.system.construct(t.name, typeArgs, args, f);
    }

    private newCollection(kind: string, typeArgs: TypeRef[], c: CreatorContext, f: Frame): ApexValue {
        const elem = typeArgs[0] ?? T.Object;
        if (kind === 'list') {
            const list = new ApexList(elem);
            const setRest = c.setCreatorRest();
            if (setRest) {
                for (const x of setRest.expression_list())
                    list.items.push(this.coerce(this.evalValue(x, f), elem));
                return list;
            }
            const args = this.evalArgs(c.classCreatorRest()?.arguments().expressionList() ?? null, f);
            if (args.length === 1) {
                const src = args[0];
                if (src instanceof ApexList) list.items = src.items.map((x) => this.coerce(x, elem));
                else if (src instanceof ApexSet)
                    list.items = [...src.entries.values()].map((x) => this.coerce(x, elem));
                else if (typeof src === 'number') void 0;
                else if (src === null) throw ops.npe();
                else throw new UnsupportedError(`new List from ${ops.describe(src)}`);
            }
            return list;
        }
        if (kind === 'set') {
            const set = new ApexSet(elem);
            const setRest = c.setCreatorRest();
            const items: ApexValue[] = [];
            if (setRest) for (const x of setRest.expression_list()) items.push(this.evalValue(x, f));
            else {
                const args = this.evalArgs(c.classCreatorRest()?.arguments().expressionList() ?? null, f);
                if (args.length === 1) {
                    const src = args[0];
                    if (src instanceof ApexList) items.push(...src.items);
                    else if (src instanceof ApexSet) items.push(...src.entries.values());
                    else if (src === null) throw ops.npe();
                    else throw new UnsupportedError(`new Set from ${ops.describe(src)}`);
                }
            }
            for (const x of items) {
                const v = this.coerce(x, elem);
                set.entries.set(this.keyOf(v), v);
            }
            return set;
        }
        const keyType = typeArgs[0] ?? T.Object;
        const valueType = typeArgs[1] ?? T.Object;
        const map = new ApexMap(keyType, valueType);
        const mapRest = c.mapCreatorRest();
        if (mapRest) {
            for (const pair of mapRest.mapCreatorRestPair_list()) {
                const [k, v] = pair.expression_list().map((x) => this.evalValue(x, f));
                const key = this.coerce(k, keyType);
                map.entries.set(this.keyOf(key), { key, value: this.coerce(v, valueType) });
            }
            return map;
        }
        const args = this.evalArgs(c.classCreatorRest()?.arguments().expressionList() ?? null, f);
        if (args.length === 1) {
            const src = args[0];
            if (src instanceof ApexMap) {
                for (const e of src.entries.values()) {
                    const key = this.coerce(e.key, keyType);
                    map.entries.set(this.keyOf(key), { key, value: this.coerce(e.value, valueType) });
                }
            } else if (src instanceof ApexList) {
                // Map<Id, SObject>(List<SObject>): keyed by each record's Id.
                for (const r of src.items) {
                    if (!(r instanceof SObjectValue))
                        throw new UnsupportedError('new Map from a list of non-SObjects');
                    const id = r.fields.get('id') ?? null;
                    if (id === null)
                        throw new ApexSystemError(
                            'ListException',
                            'Row with null Id at index: ' + src.items.indexOf(r)
                        );
                    const key = this.coerce(id, keyType);
                    map.entries.set(this.keyOf(key), { key, value: r });
                }
            } else if (src === null) throw ops.npe();
            else throw new UnsupportedError(`new Map from ${ops.describe(src)}`);
        }
        return map;
    }

    hasAnnotation(m: MethodInfo, name: string): boolean {
        return !!hasAnnotation(m.annotations, name);
    }
}
