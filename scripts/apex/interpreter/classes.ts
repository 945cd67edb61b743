/**
 * The class model: what the interpreter knows about each Apex type declared in source, built once from the
 * apex-parser tree. Bodies stay parse-tree contexts and are executed as they are.
 */
import {
    ApexErrorListener,
    ApexParserFactory,
    type BlockContext,
    type ClassBodyDeclarationContext,
    type ClassDeclarationContext,
    type CompilationUnitContext,
    type EnumDeclarationContext,
    type ExpressionContext,
    type FormalParametersContext,
    type InterfaceDeclarationContext,
    type ModifierContext,
    type ApexParserRuleContext as ParserRuleContext,
    type PropertyDeclarationContext,
    type TriggerUnitContext,
    type TypeRefContext
} from '@apexdevtools/apex-parser';
import type { TypeRef } from '../values/model';
import type { ApexSourceFile } from '../project/types';

export type Sharing = 'with' | 'without' | 'inherited' | undefined;

export interface Annotation {
    /** Lower-cased name (`istest`, `auraenabled`, `testsetup`, `future`, `invocablemethod`). */
    name: string;
    /** Lower-cased key → raw value text (`seealldata` → `true`, `callout` → `true`). */
    params: Map<string, string>;
}

export interface ParamInfo {
    name: string;
    typeCtx: TypeRefContext;
}

export interface MethodInfo {
    name: string;
    owner: ClassInfo;
    isStatic: boolean;
    isAbstract: boolean;
    isConstructor: boolean;
    params: ParamInfo[];
    /** undefined = void */
    returnTypeCtx?: TypeRefContext;
    body?: BlockContext;
    annotations: Annotation[];
    modifiers: Set<string>;
    line: number;
    /** Built-in implementation (exception constructors, enum methods). */
    native?: (self: unknown, args: unknown[]) => unknown;
}

export interface FieldInfo {
    name: string;
    owner: ClassInfo;
    isStatic: boolean;
    isFinal: boolean;
    isTransient: boolean;
    typeCtx: TypeRefContext;
    init?: ExpressionContext;
    annotations: Annotation[];
    modifiers: Set<string>;
    /** A property: accessors run these blocks; an auto-property (`get; set;`) stores like a field. */
    property?: { getter?: BlockContext | 'auto'; setter?: BlockContext | 'auto' };
    line: number;
}

export interface ClassInfo {
    /** Full name: `Outer` or `Outer.Inner`. */
    name: string;
    kind: 'class' | 'interface' | 'enum' | 'trigger';
    file: string;
    outer?: ClassInfo;
    modifiers: Set<string>;
    annotations: Annotation[];
    sharing: Sharing;
    apiVersion: number;
    superTypeCtx?: TypeRefContext;
    interfaceCtxs: TypeRefContext[];
    /** Resolved lazily by the interpreter (needs the whole registry). */
    superClass?: string;
    interfaces?: string[];
    fields: FieldInfo[];
    /** Lower-cased name → overloads. */
    methods: Map<string, MethodInfo[]>;
    constructors: MethodInfo[];
    /** Static and instance initialiser blocks and field initialisers, in declaration order. */
    staticInit: (FieldInfo | BlockContext)[];
    instanceInit: (FieldInfo | BlockContext)[];
    inner: Map<string, ClassInfo>;
    enumValues: string[];
    isTest: boolean;
    line: number;
    /** Lines that hold executable code (for coverage). */
    coverable: Set<number>;
}

export class ApexSyntaxError extends Error {}

class Listener extends ApexErrorListener {
    errors: string[] = [];
    apexSyntaxError(line: number, column: number, msg: string): void {
        this.errors.push(`line ${line}:${column + 1} ${msg}`);
    }
}

function annotationOf(m: ModifierContext): Annotation | undefined {
    const a = m.annotation();
    if (!a) return undefined;
    const params = new Map<string, string>();
    const pairs = a.elementValuePairs();
    if (pairs) {
        for (const p of pairs.elementValuePair_list()) {
            params.set(p.id().getText().toLowerCase(), p.elementValue().getText());
        }
    }
    const single = a.elementValue();
    if (single) params.set('value', single.getText());
    return { name: a.id().getText().toLowerCase(), params };
}

function readModifiers(mods: ModifierContext[]): {
    modifiers: Set<string>;
    annotations: Annotation[];
    sharing: Sharing;
} {
    const modifiers = new Set<string>();
    const annotations: Annotation[] = [];
    let sharing: Sharing;
    for (const m of mods) {
        const ann = annotationOf(m);
        if (ann) {
            annotations.push(ann);
            continue;
        }
        const text = m.getText().toLowerCase();
        if (text.startsWith('with')) {
            if (text.startsWith('without')) sharing = 'without';
            else sharing = 'with';
        } else if (text.startsWith('inherited')) sharing = 'inherited';
        else modifiers.add(text);
    }
    return { modifiers, annotations, sharing };
}

export function hasAnnotation(list: Annotation[], name: string): Annotation | undefined {
    return list.find((a) => a.name === name);
}

function paramsOf(ctx: FormalParametersContext): ParamInfo[] {
    const list = ctx.formalParameterList();
    if (!list) return [];
    return list.formalParameter_list().map((p) => ({ name: p.id().getText(), typeCtx: p.typeRef() }));
}

function newClass(
    name: string,
    kind: ClassInfo['kind'],
    file: string,
    outer: ClassInfo | undefined,
    mods: ReturnType<typeof readModifiers>,
    apiVersion: number,
    line: number
): ClassInfo {
    return {
        name,
        kind,
        file,
        outer,
        modifiers: mods.modifiers,
        annotations: mods.annotations,
        sharing: mods.sharing,
        apiVersion,
        interfaceCtxs: [],
        fields: [],
        methods: new Map(),
        constructors: [],
        staticInit: [],
        instanceInit: [],
        inner: new Map(),
        enumValues: [],
        isTest:
            !!hasAnnotation(mods.annotations, 'istest') ||
            (outer?.isTest ?? false) ||
            mods.modifiers.has('testmethod'),
        line,
        coverable: new Set()
    };
}

function addMethod(cls: ClassInfo, m: MethodInfo): void {
    const key = m.name.toLowerCase();
    const list = cls.methods.get(key) ?? [];
    list.push(m);
    cls.methods.set(key, list);
}

/** Marks the lines of executable statements below `ctx` (coverage denominator). */
function markCoverable(cls: ClassInfo, ctx: ParserRuleContext | undefined | null): void {
    if (!ctx) return;
    const visit = (node: ParserRuleContext): void => {
        const name = node.constructor.name;
        if (name === 'StatementContext') {
            const child = node.getChild(0) as ParserRuleContext;
            const childName = child?.constructor?.name;
            if (childName !== 'BlockContext' && childName !== 'TryStatementContext') {
                cls.coverable.add(node.start.line);
            }
        }
        for (let i = 0; i < node.getChildCount(); i++) {
            const c = node.getChild(i) as ParserRuleContext;
            if (c && typeof c.getChildCount === 'function' && c.start) visit(c);
        }
    };
    visit(ctx);
}

function buildBody(
    cls: ClassInfo,
    decls: ClassBodyDeclarationContext[],
    source: ApexSourceFile,
    apiVersion: number
): void {
    for (const decl of decls) {
        const block = decl.block();
        if (block) {
            if (decl.STATIC()) cls.staticInit.push(block);
            else cls.instanceInit.push(block);
            markCoverable(cls, block);
            continue;
        }
        const member = decl.memberDeclaration();
        if (!member) continue;
        const mods = readModifiers(decl.modifier_list());
        const isStatic = mods.modifiers.has('static');
        const method = member.methodDeclaration();
        if (method) {
            const m: MethodInfo = {
                name: method.id().getText(),
                owner: cls,
                isStatic,
                isAbstract: mods.modifiers.has('abstract') || !method.block(),
                isConstructor: false,
                params: paramsOf(method.formalParameters()),
                returnTypeCtx: method.typeRef() ?? undefined,
                body: method.block() ?? undefined,
                annotations: mods.annotations,
                modifiers: mods.modifiers,
                line: method.start.line
            };
            addMethod(cls, m);
            markCoverable(cls, method.block());
            continue;
        }
        const ctor = member.constructorDeclaration();
        if (ctor) {
            cls.constructors.push({
                name: '<init>',
                owner: cls,
                isStatic: false,
                isAbstract: false,
                isConstructor: true,
                params: paramsOf(ctor.formalParameters()),
                body: ctor.block(),
                annotations: mods.annotations,
                modifiers: mods.modifiers,
                line: ctor.start.line
            });
            markCoverable(cls, ctor.block());
            continue;
        }
        const field = member.fieldDeclaration();
        if (field) {
            for (const v of field.variableDeclarators().variableDeclarator_list()) {
                const f: FieldInfo = {
                    name: v.id().getText(),
                    owner: cls,
                    isStatic,
                    isFinal: mods.modifiers.has('final'),
                    isTransient: mods.modifiers.has('transient'),
                    typeCtx: field.typeRef(),
                    init: v.expression() ?? undefined,
                    annotations: mods.annotations,
                    modifiers: mods.modifiers,
                    line: v.start.line
                };
                cls.fields.push(f);
                (isStatic ? cls.staticInit : cls.instanceInit).push(f);
                if (f.init) cls.coverable.add(v.start.line);
            }
            continue;
        }
        const prop = member.propertyDeclaration();
        if (prop) {
            const f = propertyOf(cls, prop, mods, isStatic);
            cls.fields.push(f);
            (isStatic ? cls.staticInit : cls.instanceInit).push(f);
            continue;
        }
        const innerClass = member.classDeclaration();
        if (innerClass) {
            const c = buildClass(innerClass, source, cls, mods, apiVersion);
            cls.inner.set(c.name.split('.').pop()!.toLowerCase(), c);
            continue;
        }
        const innerIface = member.interfaceDeclaration();
        if (innerIface) {
            const c = buildInterface(innerIface, source, cls, mods, apiVersion);
            cls.inner.set(c.name.split('.').pop()!.toLowerCase(), c);
            continue;
        }
        const innerEnum = member.enumDeclaration();
        if (innerEnum) {
            const c = buildEnum(innerEnum, source, cls, mods, apiVersion);
            cls.inner.set(c.name.split('.').pop()!.toLowerCase(), c);
        }
    }
}

function propertyOf(
    cls: ClassInfo,
    prop: PropertyDeclarationContext,
    mods: ReturnType<typeof readModifiers>,
    isStatic: boolean
): FieldInfo {
    const property: FieldInfo['property'] = {};
    for (const b of prop.propertyBlock_list()) {
        const g = b.getter();
        if (g) {
            property.getter = g.block() ?? 'auto';
            markCoverable(cls, g.block());
        }
        const s = b.setter();
        if (s) {
            property.setter = s.block() ?? 'auto';
            markCoverable(cls, s.block());
        }
    }
    return {
        name: prop.id().getText(),
        owner: cls,
        isStatic,
        isFinal: mods.modifiers.has('final'),
        isTransient: mods.modifiers.has('transient'),
        typeCtx: prop.typeRef(),
        annotations: mods.annotations,
        modifiers: mods.modifiers,
        property,
        line: prop.start.line
    };
}

function fullName(outer: ClassInfo | undefined, name: string): string {
    return outer ? `${outer.name}.${name}` : name;
}

function buildClass(
    ctx: ClassDeclarationContext,
    source: ApexSourceFile,
    outer: ClassInfo | undefined,
    mods: ReturnType<typeof readModifiers>,
    apiVersion: number
): ClassInfo {
    const cls = newClass(
        fullName(outer, ctx.id().getText()),
        'class',
        source.file,
        outer,
        mods,
        apiVersion,
        ctx.start.line
    );
    cls.superTypeCtx = ctx.typeRef() ?? undefined;
    cls.interfaceCtxs = ctx.typeList()?.typeRef_list() ?? [];
    buildBody(cls, ctx.classBody().classBodyDeclaration_list(), source, apiVersion);
    return cls;
}

function buildInterface(
    ctx: InterfaceDeclarationContext,
    source: ApexSourceFile,
    outer: ClassInfo | undefined,
    mods: ReturnType<typeof readModifiers>,
    apiVersion: number
): ClassInfo {
    const cls = newClass(
        fullName(outer, ctx.id().getText()),
        'interface',
        source.file,
        outer,
        mods,
        apiVersion,
        ctx.start.line
    );
    cls.interfaceCtxs = ctx.typeList()?.typeRef_list() ?? [];
    for (const m of ctx.interfaceBody().interfaceMethodDeclaration_list()) {
        const mm = readModifiers(m.modifier_list());
        addMethod(cls, {
            name: m.id().getText(),
            owner: cls,
            isStatic: false,
            isAbstract: true,
            isConstructor: false,
            params: paramsOf(m.formalParameters()),
            returnTypeCtx: m.typeRef() ?? undefined,
            annotations: mm.annotations,
            modifiers: mm.modifiers,
            line: m.start.line
        });
    }
    return cls;
}

function buildEnum(
    ctx: EnumDeclarationContext,
    source: ApexSourceFile,
    outer: ClassInfo | undefined,
    mods: ReturnType<typeof readModifiers>,
    apiVersion: number
): ClassInfo {
    const cls = newClass(
        fullName(outer, ctx.id().getText()),
        'enum',
        source.file,
        outer,
        mods,
        apiVersion,
        ctx.start.line
    );
    cls.enumValues =
        ctx
            .enumConstants()
            ?.id_list()
            .map((i) => i.getText()) ?? [];
    return cls;
}

/** Parses a class file into its ClassInfo; syntax errors throw ApexSyntaxError. */
export function buildClassFromSource(source: ApexSourceFile): ClassInfo {
    const listener = new Listener();
    const { parser } = ApexParserFactory.createLexerAndParser(source.source, listener);
    const apiVersion = source.apiVersion ?? 67;
    if (source.kind === 'trigger') {
        const unit: TriggerUnitContext = parser.triggerUnit();
        if (listener.errors.length) throw new ApexSyntaxError(`${source.name}: ${listener.errors[0]}`);
        const cls = newClass(
            source.name,
            'trigger',
            source.file,
            undefined,
            { modifiers: new Set(), annotations: [], sharing: undefined },
            apiVersion,
            unit.start.line
        );
        markCoverable(cls, unit.triggerBlock());
        (cls as ClassInfo & { trigger: TriggerUnitContext }).trigger = unit;
        return cls;
    }
    const unit: CompilationUnitContext = parser.compilationUnit();
    if (listener.errors.length) throw new ApexSyntaxError(`${source.name}: ${listener.errors[0]}`);
    const td = unit.typeDeclaration();
    const mods = readModifiers(td.modifier_list());
    const c = td.classDeclaration();
    if (c) return buildClass(c, source, undefined, mods, apiVersion);
    const i = td.interfaceDeclaration();
    if (i) return buildInterface(i, source, undefined, mods, apiVersion);
    const e = td.enumDeclaration();
    if (e) return buildEnum(e, source, undefined, mods, apiVersion);
    throw new ApexSyntaxError(`${source.name}: no type declaration`);
}

/** Every class declared in the tree rooted at `cls` (itself and its inner types). */
export function* allClasses(cls: ClassInfo): Generator<ClassInfo> {
    yield cls;
    for (const inner of cls.inner.values()) yield* allClasses(inner);
}

export type { TypeRef };
