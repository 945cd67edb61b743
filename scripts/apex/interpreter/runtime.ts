/**
 * One org's worth of Apex execution: the classes of a project, the schema and store, the running user, the
 * transaction's static state, limits and async queue. The Interpreter executes code; the Runtime holds the state
 * it runs against and connects it to data (data.ts) and platform classes (system.ts).
 */
import type { QueryContext, StatementContext } from '@apexdevtools/apex-parser';
import type { ExpressionListContext } from '@apexdevtools/apex-parser';
import type { ProjectMetadata } from '../project/types';
import type { Schema } from '../schema/types';
import { ApexList, ApexSystemError, SObjectValue, type ApexValue } from '../values/model';
import { buildClassFromSource, allClasses, type ClassInfo } from './classes';
import { OTHER_EXCEPTIONS, SYSTEM_EXCEPTIONS } from './exceptions';
import { Frame, type Variable } from './frames';
import { Interpreter } from './interpreter';
import { SystemLibrary, SYSTEM_TYPES } from './system';
import { DataLayer, type RunningUser } from './data';
import { normalizeId } from '../values/ids';
import type { CalloutTransport } from './http';

export interface Coverage {
    /** class file name → covered line numbers */
    covered: Map<string, Set<number>>;
}

export interface Limits {
    queries: number;
    queryRows: number;
    callouts: number;
    queueableJobs: number;
    futureCalls: number;
    emailInvocations: number;
}

export function freshLimits(): Limits {
    return {
        queries: 0,
        queryRows: 0,
        callouts: 0,
        queueableJobs: 0,
        futureCalls: 0,
        emailInvocations: 0
    };
}

export class Runtime {
    readonly interp: Interpreter;
    readonly system: SystemLibrary;
    readonly data: DataLayer;
    readonly schema: Schema;
    /** Top-level and inner classes by lower-cased full name. */
    private readonly classes = new Map<string, ClassInfo>();
    readonly topLevel: ClassInfo[] = [];
    /** Per-transaction static variables: class full name → field → variable. */
    statics = new Map<string, Map<string, Variable>>();
    frames: Frame[] = [];
    user: RunningUser;
    readonly coverage: Coverage = { covered: new Map() };
    limits: Limits = freshLimits();
    /** Limits before Test.startTest (restored by Test.stopTest). */
    savedLimits?: Limits;
    private readonly soqlResults = new WeakSet<ApexList>();
    readonly loadErrors: string[] = [];
    /** When true, code runs as a test (Test.isRunningTest, callouts need mocks). */
    inTest = false;
    /** The signed-in user's session attributes (SourceIp, SessionType...) when code runs for a request, not a test. */
    session?: Map<string, string>;
    now: () => number = () => Date.now();
    /** Outside tests: performs HTTP callouts (the embedder's; none = callouts are Unsupported). */
    calloutTransport?: CalloutTransport;
    /** Outside tests: the URL `Site.login` answers for a signed-in user (the site's frontdoor); none = the start URL. */
    siteLoginUrl?: (userId: string, startUrl: string) => string;
    /** Receives `System.debug` messages (the embedder's debug log); none = discarded. */
    debugLog?: (message: string) => void;

    constructor(readonly project: ProjectMetadata) {
        this.schema = project.schema;
        for (const src of [...project.classes, ...project.triggers]) {
            try {
                const cls = buildClassFromSource(src);
                this.topLevel.push(cls);
                for (const c of allClasses(cls)) this.classes.set(c.name.toLowerCase(), c);
            } catch (e) {
                this.loadErrors.push((e as Error).message);
            }
        }
        this.interp = new Interpreter(this);
        this.system = new SystemLibrary(this);
        this.data = new DataLayer(this);
        this.user = this.data.defaultUser();
    }

    classByName(name: string): ClassInfo | undefined {
        return this.classes.get(name.toLowerCase());
    }

    /** Resolves a (possibly dotted) class name as seen from `from`: its inner classes, its outers', its ancestors', then top level. */
    resolveClass(name: string, from?: ClassInfo): ClassInfo | undefined {
        const lower = name.toLowerCase();
        let c: ClassInfo | undefined = from;
        while (c) {
            const hit = this.classes.get(`${c.name.toLowerCase()}.${lower}`);
            if (hit) return hit;
            // Inner classes of ancestors are visible by simple name too.
            let sup = this.interp?.superOf(c);
            while (sup) {
                const sc = this.classByName(sup);
                if (!sc) break;
                const inherited = this.classes.get(`${sc.name.toLowerCase()}.${lower}`);
                if (inherited) return inherited;
                sup = this.interp.superOf(sc);
            }
            c = c.outer;
        }
        return this.classes.get(lower);
    }

    systemTypeName(name: string): string | undefined {
        const lower = name.toLowerCase();
        const direct = SYSTEM_TYPES.get(lower) ?? SYSTEM_TYPES.get(lower.replace(/^(system|schema)\./, ''));
        if (direct) return direct;
        const short = lower.replace(/^system\./, '');
        const exc = SYSTEM_EXCEPTIONS.find((x) => x.toLowerCase() === short);
        if (exc) return `System.${exc}`;
        if (short === 'exception') return 'Exception';
        for (const k of OTHER_EXCEPTIONS.keys()) if (k.toLowerCase() === lower) return k;
        return undefined;
    }

    systemSuperclass(name: string): string | undefined {
        if (name === 'Exception') return undefined;
        if (name.startsWith('System.') && SYSTEM_EXCEPTIONS.includes(name.slice(7))) return 'Exception';
        return OTHER_EXCEPTIONS.get(name);
    }

    fileLabel(cls: ClassInfo): string {
        let top = cls;
        while (top.outer) top = top.outer;
        return `${top.name}.${top.kind === 'trigger' ? 'trigger' : 'cls'}`;
    }

    cover(cls: ClassInfo, line: number): void {
        let top = cls;
        while (top.outer) top = top.outer;
        let set = this.coverage.covered.get(top.name);
        if (!set) {
            set = new Set();
            this.coverage.covered.set(top.name, set);
        }
        set.add(line);
    }

    /** Called once per statement: the place to enforce the CPU time limit. */
    tick(): void {}

    currentSharing(): 'with' | 'without' {
        return this.frames.length ? this.frames[this.frames.length - 1].sharing : 'without';
    }

    toId(text: string): string {
        const id = normalizeId(text);
        if (!id) throw new ApexSystemError('StringException', `Invalid id: ${text}`);
        return id;
    }

    markSoqlResult(list: ApexList): ApexList {
        this.soqlResults.add(list);
        return list;
    }

    isSoqlResult(list: ApexList): boolean {
        return this.soqlResults.has(list);
    }

    // ---------------------------------------------------------------- data, delegated

    soql(q: QueryContext, f: Frame): ApexValue {
        return this.data.inlineQuery(q, f);
    }

    dmlStatement(s: StatementContext, f: Frame): void {
        this.data.dmlStatement(s, f);
    }

    newSObject(type: string, args: ExpressionListContext | null, f: Frame): SObjectValue {
        return this.data.newSObject(type, args, f);
    }

    sobjectField(record: SObjectValue, name: string) {
        return this.data.fieldLValue(record, name);
    }

    fieldName(sobjectType: string, lower: string): string {
        return this.schema.sobject(sobjectType)?.fields.get(lower)?.name ?? lower;
    }

    runAs<R>(args: ApexValue[], fn: () => R): R {
        return this.data.runAs(args, fn);
    }

    /** Starts a fresh transaction: statics, limits and pending work reset (a test method, an async job). */
    beginTransaction(): void {
        this.statics = new Map();
        this.limits = freshLimits();
        this.savedLimits = undefined;
        this.frames = [];
        this.data.beginTransaction();
    }

    /** Runs `fn` as top-level code with a frame of `cls`; Apex exceptions surface as ApexThrow. */
    runTopLevel<R>(cls: ClassInfo, method: string, fn: (f: Frame) => R): R {
        const frame = new Frame(
            cls,
            `<${method}>`,
            null,
            this.interp.sharingFor(cls, 'without'),
            cls.sharing
        );
        try {
            return this.interp.withFrame(frame, () => fn(frame));
        } catch (e) {
            if (e instanceof ApexSystemError) throw this.interp.toThrow(e, frame);
            throw e;
        }
    }
}
