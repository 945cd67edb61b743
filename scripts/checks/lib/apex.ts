import path from 'node:path';
import {
    ApexErrorListener,
    ApexLexer,
    ApexParserFactory,
    type ApexToken,
    type ApexTokenStream,
    type ClassBodyDeclarationContext,
    type CompilationUnitContext,
    type ModifierContext,
    type TriggerUnitContext,
    type TypeDeclarationContext
} from '@apexdevtools/apex-parser';
import { readText } from './files';

export interface ApexSyntaxProblem {
    line: number;
    /** 1-based, like an editor shows it. */
    column: number;
    message: string;
}

export interface ApexMethodInfo {
    name: string;
    line: number;
    isStatic: boolean;
    annotations: string[];
}

export interface ApexTypeInfo {
    kind: 'class' | 'interface' | 'enum' | 'trigger';
    name: string;
    /** Line of the type's name (the `class Foo` line). */
    line: number;
    annotations: string[];
    methods: ApexMethodInfo[];
}

export interface ParsedApex {
    file: string;
    source: string;
    errors: ApexSyntaxProblem[];
    /** Every token, including comments (COMMENT_CHANNEL) and whitespace. */
    tokens: ApexToken[];
    /** The top-level type; undefined when the source is too broken to tell. */
    type?: ApexTypeInfo;
    /** The parse tree: a compilation unit for a .cls, a trigger unit for a .trigger. */
    tree: CompilationUnitContext | TriggerUnitContext;
}

class CollectingListener extends ApexErrorListener {
    readonly problems: ApexSyntaxProblem[] = [];
    apexSyntaxError(line: number, column: number, msg: string): void {
        this.problems.push({ line, column: column + 1, message: shorten(msg) });
    }
}

const cache = new Map<string, { source: string; parsed: ParsedApex }>();

/** Parses a .cls or .trigger once per process (several checks share the result). */
export function parseApexFile(file: string): ParsedApex {
    const source = readText(file);
    const hit = cache.get(file);
    if (hit && hit.source === source) return hit.parsed;
    const parsed = parseApexSource(file, source);
    cache.set(file, { source, parsed });
    return parsed;
}

export function parseApexSource(file: string, source: string): ParsedApex {
    const listener = new CollectingListener();
    const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
    const isTrigger = path.extname(file).toLowerCase() === '.trigger';
    let type: ApexTypeInfo | undefined;
    let tree: CompilationUnitContext | TriggerUnitContext;
    if (isTrigger) {
        const unit = parser.triggerUnit();
        tree = unit;
        const id = unit.id_list()[0];
        if (id)
            type = { kind: 'trigger', name: id.getText(), line: id.start.line, annotations: [], methods: [] };
    } else {
        const unit = parser.compilationUnit();
        tree = unit;
        const decl = unit.typeDeclaration();
        if (decl) type = describeType(decl);
    }
    const stream = parser.getTokenStream() as ApexTokenStream;
    stream.fill();
    return { file, source, errors: listener.problems, tokens: stream.tokens, type, tree };
}

function annotationsOf(modifiers: ModifierContext[]): string[] {
    const names: string[] = [];
    for (const m of modifiers) {
        const a = m.annotation();
        const id = a?.id();
        if (a && id) names.push(id.getText().toLowerCase());
    }
    return names;
}

function hasStatic(modifiers: ModifierContext[]): boolean {
    return modifiers.some((m) => m.STATIC() !== null && m.STATIC() !== undefined);
}

function describeType(decl: TypeDeclarationContext): ApexTypeInfo | undefined {
    const annotations = annotationsOf(decl.modifier_list());
    const cls = decl.classDeclaration();
    if (cls) {
        const id = cls.id();
        if (!id) return undefined;
        const methods: ApexMethodInfo[] = [];
        const body = cls.classBody();
        for (const member of body ? body.classBodyDeclaration_list() : []) methods.push(...methodsOf(member));
        return { kind: 'class', name: id.getText(), line: id.start.line, annotations, methods };
    }
    const other = decl.interfaceDeclaration() ?? decl.enumDeclaration();
    const id = other?.id();
    if (!other || !id) return undefined;
    const kind = decl.interfaceDeclaration() ? 'interface' : 'enum';
    return { kind, name: id.getText(), line: id.start.line, annotations, methods: [] };
}

function methodsOf(member: ClassBodyDeclarationContext): ApexMethodInfo[] {
    const method = member.memberDeclaration()?.methodDeclaration();
    const id = method?.id();
    if (!method || !id) return [];
    const modifiers = member.modifier_list();
    return [
        {
            name: id.getText(),
            line: id.start.line,
            isStatic: hasStatic(modifiers),
            annotations: annotationsOf(modifiers)
        }
    ];
}

const COMMENT_TYPES = new Set([ApexLexer.COMMENT, ApexLexer.LINE_COMMENT, ApexLexer.DOC_COMMENT]);

export function isCommentToken(token: ApexToken): boolean {
    return COMMENT_TYPES.has(token.type);
}

/** Lower-cased identifiers used in code (comments and string literals are separate tokens, so they never count). */
export function codeIdentifiers(parsed: ParsedApex): Set<string> {
    const ids = new Set<string>();
    // Soft keywords (e.g. `order`, `name`) lex as their own token types, so match on the text instead.
    for (const t of parsed.tokens) {
        if (t.channel === 0 && t.type !== ApexLexer.StringLiteral && /^[A-Za-z_]\w*$/.test(t.text)) {
            ids.add(t.text.toLowerCase());
        }
    }
    return ids;
}

/** Last line a token covers (block comments span lines). */
export function tokenEndLine(token: ApexToken): number {
    return token.line + (token.text.match(/\n/g)?.length ?? 0);
}

/** ANTLR lists every expected token ("expecting {'after', 'before', ...}"); keep the message readable. */
function shorten(msg: string): string {
    let out = msg.replace(/expecting \{([^}]*)\}/, (whole, list: string) => {
        const items = list.split(', ');
        return items.length <= 6
            ? whole
            : `expecting one of ${items.slice(0, 5).join(', ')}, ... (${items.length} in all)`;
    });
    out = out.replace(/\r?\n/g, '\\n');
    return out.length > 160 ? `${out.slice(0, 157)}...` : out;
}
