import {
    CatchClauseContext,
    ClassBodyDeclarationContext,
    ClassDeclarationContext,
    CreatorContext,
    DotExpressionContext,
    EnhancedForControlContext,
    EnumDeclarationContext,
    FormalParameterContext,
    IdPrimaryContext,
    InterfaceDeclarationContext,
    PrimaryExpressionContext,
    TypeRefContext,
    VariableDeclaratorContext,
    WhenValueContext
} from '@apexdevtools/apex-parser';
import { apexFiles } from './apexSyntax';
import { parseApexFile } from './lib/apex';
import {
    buildSymbolTable,
    lookupMember,
    supertypeChain,
    type ApexSymbolTable,
    type ApexTypeSymbol,
    type RuleNode
} from './lib/apexSymbols';
import { rel } from './lib/files';
import type { Check, CheckResult, Finding } from './lib/types';

const NAME = 'apex-references';

type TreeNode = NonNullable<RuleNode['children']>[number];

/** Names that, where a reference stands, mean something other than one of our top-level classes. */
interface Scope {
    /** Locals and parameters of the enclosing method, fields and enum values of the enclosing types. */
    variables: Set<string>;
    /** Inner types of the enclosing types (and their supertypes), and types declared in a trigger. */
    types: Set<string>;
}

/**
 * References through the names of our own Apex classes must exist: `Class.member` (a method, field, property,
 * constant, inner type or enum value, also `Class.Inner.member`), the argument count of `Class.method(...)`,
 * `Class.Inner` wherever a type is named (declarations, casts, `instanceof`, generics, `new`, `catch`) and the
 * argument count of `new Class(...)`. Calls on variables, `this.`/`super.`, unqualified names and platform
 * classes are out of scope, and anything ambiguous is skipped.
 */
export async function runApexReferences(projectRoot: string): Promise<CheckResult> {
    const files = apexFiles(projectRoot);
    const parsed = files.map((f) => parseApexFile(f));
    const table = buildSymbolTable(parsed.filter((p) => /\.cls$/i.test(p.file)));
    const scan = new ReferenceScan(table);
    // A file that does not parse is apex-syntax's finding; its tree would only mislead.
    for (const p of parsed) if (p.errors.length === 0) scan.scanFile(rel(projectRoot, p.file), p.tree);
    const c = scan.counts;
    return {
        findings: scan.findings,
        filesExamined: files.length,
        notes: [
            `${c.members + c.types + c.constructors} references through ${table.types.size} classes checked ` +
                `(members ${c.members}, inner type names ${c.types}, constructor calls ${c.constructors})`
        ]
    };
}

export async function checkApexReferences(projectRoot: string): Promise<Finding[]> {
    return (await runApexReferences(projectRoot)).findings;
}

export const apexReferencesCheck: Check = { name: NAME, run: runApexReferences };

class ReferenceScan {
    readonly findings: Finding[] = [];
    readonly counts = { members: 0, types: 0, constructors: 0 };
    private file = '';
    private readonly scopes = new Map<RuleNode, Scope>();

    constructor(private readonly table: ApexSymbolTable) {}

    scanFile(file: string, tree: RuleNode): void {
        this.file = file;
        const stack: TreeNode[] = [tree];
        for (let node = stack.pop(); node; node = stack.pop()) {
            if (node instanceof DotExpressionContext) this.memberChain(node);
            else if (node instanceof TypeRefContext) this.typeRef(node);
            else if (node instanceof CreatorContext) this.creator(node);
            else if (node instanceof CatchClauseContext) this.caught(node);
            const children = 'children' in node ? (node as RuleNode).children : null;
            if (children) stack.push(...children);
        }
    }

    /** `Class.a.b(...)`: starts at a dot expression whose left side is a bare name. */
    private memberChain(dot: DotExpressionContext): void {
        const head = dot.expression();
        const primary = head instanceof PrimaryExpressionContext ? head.primary() : null;
        if (!(primary instanceof IdPrimaryContext)) return;
        let sym = this.ourClass(primary.id().getText(), dot, true);
        for (let cur = dot; sym;) {
            const call = cur.dotMethodCall();
            const id = call ? call.anyId() : cur.anyId();
            const name = id.getText();
            if (name.toLowerCase() === 'class') return;
            this.counts.members++;
            const found = lookupMember(sym, name, this.table, call !== null);
            if (found.kind === 'unknown') return this.report(id, `${sym.path} has no member ${name}`);
            if (call) {
                if (found.kind !== 'method') return;
                const args = call.expressionList()?.expression_list().length ?? 0;
                if (found.method.arities.has(args)) return;
                const what = `${sym.path}.${found.method.name}`;
                return this.report(
                    id,
                    `${what} takes ${argumentCounts(found.method.arities)}, called with ${args}`
                );
            }
            const parent = cur.parentCtx;
            if (
                found.kind !== 'type' ||
                !(parent instanceof DotExpressionContext) ||
                parent.expression() !== cur
            ) {
                return;
            }
            sym = found.type;
            cur = parent;
        }
    }

    /** `Class.Inner` in a declaration, cast, `instanceof`, generic argument, `extends`... */
    private typeRef(ref: TypeRefContext): void {
        const [head, ...rest] = ref.typeName_list();
        const headId = head?.id();
        if (!headId || rest.length === 0) return;
        const sym = this.ourClass(headId.getText(), ref, false);
        const steps = rest.map((t) => t.id());
        if (sym) this.innerType(sym, steps);
    }

    /** `new Class(...)`, `new Class.Inner(...)`, `new Class.Inner[n]`. */
    private creator(creator: CreatorContext): void {
        const [head, ...rest] = creator.createdName().idCreatedNamePair_list();
        const top = head && this.ourClass(head.anyId().getText(), creator, false);
        const steps = rest.map((p) => p.anyId());
        const sym = top && this.innerType(top, steps);
        const args = creator.classCreatorRest()?.arguments();
        if (!sym || !args || sym.kind !== 'class') return;
        // Constructors are not inherited, but a platform superclass (Exception) brings its own.
        if (supertypeChain(sym, this.table).open) return;
        this.counts.constructors++;
        const count = args.expressionList()?.expression_list().length ?? 0;
        const allowed = sym.constructors.size > 0 ? sym.constructors : new Set([0]);
        if (!allowed.has(count)) {
            const at = rest.length > 0 ? rest[rest.length - 1] : head;
            this.report(at, `constructor ${sym.path} takes ${argumentCounts(allowed)}, called with ${count}`);
        }
    }

    /** `catch (Class.InnerException e)`. */
    private caught(clause: CatchClauseContext): void {
        const [head, ...rest] = clause.qualifiedName().id_list();
        const sym = rest.length > 0 && head ? this.ourClass(head.getText(), clause, false) : undefined;
        if (sym) this.innerType(sym, rest);
    }

    /** Follows `.Inner.Deeper` from `sym`; undefined when a step is missing (reported) or not a type (skipped). */
    private innerType(sym: ApexTypeSymbol, steps: (RuleNode | null)[]): ApexTypeSymbol | undefined {
        let current = sym;
        for (const step of steps) {
            // List/Set/Map have no id: not a name we could own.
            if (!step) return undefined;
            this.counts.types++;
            const found = lookupMember(current, step.getText(), this.table);
            if (found.kind === 'unknown') {
                this.report(step, `${current.path} has no inner type ${step.getText()}`);
            }
            // A field or method here means the parser read an expression as a type: ambiguous, skipped.
            if (found.kind !== 'type') return undefined;
            current = found.type;
        }
        return current;
    }

    /** Our top-level class named `name` at `node`, unless something closer by that name hides it there. */
    private ourClass(name: string, node: RuleNode, asExpression: boolean): ApexTypeSymbol | undefined {
        const key = name.toLowerCase();
        const sym = this.table.types.get(key);
        if (!sym) return undefined;
        const scope = this.scopeAt(node);
        if (scope.types.has(key) || (asExpression && scope.variables.has(key))) return undefined;
        return sym;
    }

    /**
     * What hides a class name at `node`: everything the enclosing method (or initializer) declares, wherever
     * in it, and the members of the enclosing types. A trigger is one scope.
     */
    private scopeAt(node: RuleNode): Scope {
        let member: RuleNode | undefined;
        let innermost: RuleNode | undefined;
        const enclosing: ApexTypeSymbol[] = [];
        let root: RuleNode = node;
        for (let n: RuleNode | undefined = node; n; n = n.parentCtx) {
            const sym = this.table.byDeclaration.get(n);
            if (sym) {
                innermost ??= n;
                enclosing.push(sym);
            } else if (n instanceof ClassBodyDeclarationContext && !innermost) {
                member ??= n;
            }
            root = n;
        }
        // In a method: the method and the types around it; in a class header: the types; elsewhere: the file.
        const key = member ?? innermost ?? root;
        let scope = this.scopes.get(key);
        if (!scope) {
            scope = this.buildScope(member, enclosing, root);
            this.scopes.set(key, scope);
        }
        return scope;
    }

    private buildScope(member: RuleNode | undefined, enclosing: ApexTypeSymbol[], root: RuleNode): Scope {
        const scope: Scope = { variables: new Set(), types: new Set() };
        if (enclosing.length === 0) {
            // A trigger (or a class that is not in the table): everything it declares.
            declaredNames(root, scope);
            return scope;
        }
        if (member) declaredNames(member, scope);
        for (const sym of enclosing) {
            for (const t of supertypeChain(sym, this.table).types) {
                for (const f of t.fields) scope.variables.add(f);
                for (const v of t.enumValues) scope.variables.add(v);
                for (const inner of t.types.keys()) scope.types.add(inner);
            }
        }
        return scope;
    }

    private report(at: RuleNode, message: string): void {
        this.findings.push({ file: this.file, line: at.start.line, message, check: NAME });
    }
}

/** Adds the variables, parameters and types declared anywhere under `node`. */
function declaredNames(node: RuleNode, scope: Scope): void {
    const stack: TreeNode[] = [node];
    for (let n = stack.pop(); n; n = stack.pop()) {
        if (
            n instanceof VariableDeclaratorContext ||
            n instanceof FormalParameterContext ||
            n instanceof EnhancedForControlContext ||
            n instanceof CatchClauseContext ||
            n instanceof WhenValueContext
        ) {
            const id = n.id();
            if (id) scope.variables.add(id.getText().toLowerCase());
        } else if (
            n instanceof ClassDeclarationContext ||
            n instanceof InterfaceDeclarationContext ||
            n instanceof EnumDeclarationContext
        ) {
            scope.types.add(n.id().getText().toLowerCase());
        }
        const children = 'children' in n ? (n as RuleNode).children : null;
        if (children) stack.push(...children);
    }
}

/** "1 argument", "2 arguments", "0 or 2 arguments", "0, 1 or 3 arguments". */
export function argumentCounts(counts: Set<number>): string {
    const sorted = [...counts].sort((a, b) => a - b);
    if (sorted.length === 1) return `${sorted[0]} argument${sorted[0] === 1 ? '' : 's'}`;
    return `${sorted.slice(0, -1).join(', ')} or ${sorted[sorted.length - 1]} arguments`;
}
