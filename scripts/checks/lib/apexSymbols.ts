import path from 'node:path';
import {
    ClassDeclarationContext,
    CompilationUnitContext,
    EnumDeclarationContext,
    InterfaceDeclarationContext,
    type ClassBodyDeclarationContext,
    type FormalParametersContext,
    type TypeRefContext
} from '@apexdevtools/apex-parser';
import type { ParsedApex } from './apex';

/** Any rule node of an apex-parser tree (antlr4's ParserRuleContext, which the package does not re-export). */
export type RuleNode = NonNullable<TypeRefContext['parentCtx']>;

export type TypeDeclaration = ClassDeclarationContext | InterfaceDeclarationContext | EnumDeclarationContext;

export interface ApexMethodSymbol {
    /** As declared (the first overload's spelling). */
    name: string;
    /** Parameter counts of its overloads. */
    arities: Set<number>;
}

/** One of our Apex types (top-level or inner). Map keys are lower-cased: Apex names are case-insensitive. */
export interface ApexTypeSymbol {
    name: string;
    /** `Outer.Inner`, as declared, for messages. */
    path: string;
    kind: 'class' | 'interface' | 'enum';
    methods: Map<string, ApexMethodSymbol>;
    /** Fields, properties and constants. */
    fields: Set<string>;
    enumValues: Set<string>;
    types: Map<string, ApexTypeSymbol>;
    /** Parameter counts of the declared constructors (none declared: only the default one exists). */
    constructors: Set<number>;
    /** `extends` of a class, or of an interface (several): each a dotted name, split. */
    supers: string[][];
    outer?: ApexTypeSymbol;
}

/** What a name after `Type.` is, looked up in the type and the supertypes we own. */
export type MemberLookup =
    | { kind: 'type'; type: ApexTypeSymbol }
    | { kind: 'method'; method: ApexMethodSymbol }
    | { kind: 'field' | 'enumValue' }
    /** Not declared here nor in any of our supertypes, and no platform supertype could declare it. */
    | { kind: 'unknown' }
    /** Not found, but a supertype that is not ours (Exception, a platform class) might declare it. */
    | { kind: 'open' };

export interface ApexSymbolTable {
    /**
     * Our top-level types by lower-cased file name (the platform name). A class whose source does not parse is
     * left out: its members are unknown, so references to it are not checked.
     */
    types: Map<string, ApexTypeSymbol>;
    /** Declaration node → symbol, to find the types enclosing a reference. */
    byDeclaration: Map<RuleNode, ApexTypeSymbol>;
}

/** Built-in statics of every enum. */
const ENUM_METHODS: [string, number][] = [
    ['values', 0],
    ['valueOf', 1]
];

/** Symbols of the given .cls sources (those with syntax errors are left out). */
export function buildSymbolTable(classes: ParsedApex[]): ApexSymbolTable {
    const table: ApexSymbolTable = { types: new Map(), byDeclaration: new Map() };
    for (const parsed of classes) {
        const key = path
            .basename(parsed.file)
            .replace(/\.cls$/i, '')
            .toLowerCase();
        const decl = parsed.tree instanceof CompilationUnitContext ? parsed.tree.typeDeclaration() : null;
        const node = decl?.classDeclaration() ?? decl?.interfaceDeclaration() ?? decl?.enumDeclaration();
        if (parsed.errors.length === 0 && node) table.types.set(key, describe(node, undefined, table));
    }
    return table;
}

function describe(
    decl: TypeDeclaration,
    outer: ApexTypeSymbol | undefined,
    table: ApexSymbolTable
): ApexTypeSymbol {
    const name = decl.id().getText();
    const sym: ApexTypeSymbol = {
        name,
        path: outer ? `${outer.path}.${name}` : name,
        kind:
            decl instanceof ClassDeclarationContext
                ? 'class'
                : decl instanceof EnumDeclarationContext
                  ? 'enum'
                  : 'interface',
        methods: new Map(),
        fields: new Set(),
        enumValues: new Set(),
        types: new Map(),
        constructors: new Set(),
        supers: [],
        outer
    };
    table.byDeclaration.set(decl, sym);
    if (decl instanceof ClassDeclarationContext) {
        const ext = decl.typeRef();
        if (ext) sym.supers.push(typeRefParts(ext));
        for (const member of decl.classBody()?.classBodyDeclaration_list() ?? [])
            addMember(sym, member, table);
    } else if (decl instanceof InterfaceDeclarationContext) {
        for (const ext of decl.typeList()?.typeRef_list() ?? []) sym.supers.push(typeRefParts(ext));
        for (const m of decl.interfaceBody()?.interfaceMethodDeclaration_list() ?? []) {
            addMethod(sym, m.id().getText(), arity(m.formalParameters()));
        }
    } else {
        for (const id of decl.enumConstants()?.id_list() ?? [])
            sym.enumValues.add(id.getText().toLowerCase());
        for (const [method, count] of ENUM_METHODS) addMethod(sym, method, count);
    }
    return sym;
}

function addMember(sym: ApexTypeSymbol, member: ClassBodyDeclarationContext, table: ApexSymbolTable): void {
    const m = member.memberDeclaration();
    if (!m) return;
    const method = m.methodDeclaration();
    if (method) addMethod(sym, method.id().getText(), arity(method.formalParameters()));
    const ctor = m.constructorDeclaration();
    if (ctor) sym.constructors.add(arity(ctor.formalParameters()));
    for (const v of m.fieldDeclaration()?.variableDeclarators().variableDeclarator_list() ?? []) {
        sym.fields.add(v.id().getText().toLowerCase());
    }
    const property = m.propertyDeclaration();
    if (property) sym.fields.add(property.id().getText().toLowerCase());
    const inner = m.classDeclaration() ?? m.interfaceDeclaration() ?? m.enumDeclaration();
    if (inner) {
        const innerSym = describe(inner, sym, table);
        sym.types.set(innerSym.name.toLowerCase(), innerSym);
    }
}

function addMethod(sym: ApexTypeSymbol, name: string, count: number): void {
    const key = name.toLowerCase();
    const existing = sym.methods.get(key);
    if (existing) existing.arities.add(count);
    else sym.methods.set(key, { name, arities: new Set([count]) });
}

export function arity(params: FormalParametersContext | null | undefined): number {
    return params?.formalParameterList()?.formalParameter_list().length ?? 0;
}

/** `Outer.Inner` of a type reference; generic arguments are dropped (`List<X>` → `['List']`). */
export function typeRefParts(ref: TypeRefContext): string[] {
    return ref.typeName_list().map((t) => t.id()?.getText() ?? t.getText().replace(/<.*$/s, ''));
}

/** A dotted type name as the code inside `from` would resolve it: inner types of `from` and its outer types first, then top-level types. */
export function resolveType(
    parts: string[],
    from: ApexTypeSymbol | undefined,
    table: ApexSymbolTable
): ApexTypeSymbol | undefined {
    const [head, ...rest] = parts.map((p) => p.toLowerCase());
    let sym: ApexTypeSymbol | undefined;
    for (let scope = from; scope && !sym; scope = scope.outer) sym = scope.types.get(head);
    sym ??= table.types.get(head);
    for (const part of rest) sym = sym?.types.get(part);
    return sym;
}

/**
 * `name` after `sym.`, declared in `sym` or in one of its supertypes that we own (overloads split between a
 * class and its superclass are merged). After `sym.name(`, a method is looked for first; otherwise an inner
 * type, then a field or enum value, then a method.
 */
export function lookupMember(
    sym: ApexTypeSymbol,
    name: string,
    table: ApexSymbolTable,
    call = false
): MemberLookup {
    const key = name.toLowerCase();
    const chain = supertypeChain(sym, table);
    let method: ApexMethodSymbol | undefined;
    let other: MemberLookup | undefined;
    for (const t of chain.types) {
        const inner = t.types.get(key);
        if (inner) other ??= { kind: 'type', type: inner };
        else if (t.fields.has(key)) other ??= { kind: 'field' };
        else if (t.enumValues.has(key)) other ??= { kind: 'enumValue' };
        const m = t.methods.get(key);
        if (m)
            method = method ? { name: method.name, arities: new Set([...method.arities, ...m.arities]) } : m;
    }
    // A platform supertype may add overloads: then a method found in our types is not checked for arity.
    const asMethod: MemberLookup | undefined =
        method && (chain.open ? { kind: 'open' } : { kind: 'method', method });
    const found = call ? (asMethod ?? other) : (other ?? asMethod);
    return found ?? (chain.open ? { kind: 'open' } : { kind: 'unknown' });
}

/** `sym` and its supertypes we own, nearest first; `open` when one of them extends a type that is not ours. */
export function supertypeChain(
    sym: ApexTypeSymbol,
    table: ApexSymbolTable
): { types: ApexTypeSymbol[]; open: boolean } {
    const types: ApexTypeSymbol[] = [];
    let open = false;
    const queue = [sym];
    while (queue.length > 0) {
        const t = queue.shift() as ApexTypeSymbol;
        if (types.includes(t)) continue;
        types.push(t);
        for (const parts of t.supers) {
            const resolved = resolveType(parts, t.outer, table);
            if (resolved) queue.push(resolved);
            else open = true;
        }
    }
    return { types, open };
}
