/**
 * The SOQL engine over force-app's real schema (project loader + standard objects): every inline query of the
 * project's classes resolves, and a few run over records.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
    ApexParserFactory,
    FieldExpressionContext,
    LimitClauseContext,
    OffsetClauseContext,
    SoqlLiteralContext,
    ValueContext,
    type ExpressionContext
} from '@apexdevtools/apex-parser';
import { ApexId, ApexList, ApexSystemError, T, type ApexValue } from '../values/model';
import { idChecksum } from '../values/ids';
import { defaultSourceDirs, loadProject } from '../project/load';
import type { Schema } from '../schema/types';
import { parseSoql, runSoql, type SoqlOptions } from '../data/soql';
import type { Store } from '../data/store';

const ROOT = join(__dirname, '..', '..', '..');
const CLASSES = join(ROOT, 'force-app', 'main', 'default', 'classes');

let schema: Schema;
beforeAll(() => {
    schema = loadProject(defaultSourceDirs(ROOT)).schema;
});

/** The `[SELECT ...]` literals of a source file, found by the lexer and parsed alone (a whole-class parse is slow). */
function soqlLiterals(source: string): SoqlLiteralContext[] {
    const stream = ApexParserFactory.createTokenStream(ApexParserFactory.createLexer(source));
    stream.fill();
    const tokens = stream.tokens.filter((t) => t.channel === 0);
    const out: SoqlLiteralContext[] = [];
    for (let i = 0; i < tokens.length - 1; i++) {
        if (tokens[i].text !== '[' || tokens[i + 1].text.toLowerCase() !== 'select') continue;
        let depth = 0;
        let j = i;
        for (; j < tokens.length; j++) {
            if (tokens[j].text === '[') depth++;
            if (tokens[j].text === ']' && --depth === 0) break;
        }
        const text = source.slice(tokens[i].start, tokens[j].stop + 1);
        out.push(ApexParserFactory.createParser(text, true).soqlLiteral());
    }
    return out;
}

/** A plausible value for a bind: an empty list after IN, 1 for LIMIT/OFFSET, a pattern after LIKE, else null. */
function stubBind(e: ExpressionContext | string): ApexValue {
    const value = (e as ExpressionContext).parentCtx?.parentCtx;
    if (value instanceof LimitClauseContext || value instanceof OffsetClauseContext) return 1;
    if (value instanceof ValueContext && value.parentCtx instanceof FieldExpressionContext) {
        const op = value.parentCtx.comparisonOperator();
        if (op.IN()) return new ApexList(T.Id, []);
        if (op.LIKE()) return '%';
    }
    return null;
}

function options(store: Store, extra: Partial<SoqlOptions> = {}): SoqlOptions {
    return {
        schema,
        store,
        bind: stubBind,
        mode: 'system',
        canReadObject: () => true,
        canReadField: () => true,
        isVisible: () => true,
        timeZone: 'Asia/Tokyo',
        now: () => Date.UTC(2026, 2, 15),
        ...extra
    };
}

const emptyStore = (): Store => ({ tables: new Map(), deleted: new Map() });

function id(prefix: string, n: number): ApexId {
    const id15 = prefix + String(n).padStart(12, '0');
    return new ApexId(id15 + idChecksum(id15));
}

test('every inline SOQL query in force-app resolves against the project schema', () => {
    const failures: string[] = [];
    let count = 0;
    for (const file of readdirSync(CLASSES).filter((f) => f.endsWith('.cls'))) {
        for (const literal of soqlLiterals(readFileSync(join(CLASSES, file), 'utf8'))) {
            count++;
            try {
                runSoql(literal.query(), options(emptyStore()));
            } catch (e) {
                failures.push(`${file}: ${literal.getText()}: ${(e as Error).message}`);
            }
        }
    }
    expect(failures).toEqual([]);
    expect(count).toBeGreaterThan(50);
});

test('custom fields and standard objects of the project run over records', () => {
    const store = emptyStore();
    const prefix = schema.sobject('Order')!.keyPrefix;
    const orders = new Map([
        [
            id(prefix, 1).value,
            new Map<string, ApexValue>([
                ['id', id(prefix, 1)],
                ['provisioning_status__c', 'Activating']
            ])
        ],
        [
            id(prefix, 2).value,
            new Map<string, ApexValue>([
                ['id', id(prefix, 2)],
                ['provisioning_status__c', 'Active']
            ])
        ]
    ]);
    store.tables.set('order', orders);
    const count = runSoql(
        parseSoql("SELECT COUNT() FROM Order WHERE Provisioning_Status__c = 'activating' WITH SYSTEM_MODE"),
        options(store)
    );
    expect(count).toEqual({ kind: 'count', count: 1, rows: 1 });
    const denied = () =>
        runSoql(
            parseSoql('SELECT Provisioning_Status__c FROM Order WITH USER_MODE'),
            options(store, { canReadField: (o, f) => !(o === 'Order' && f === 'Provisioning_Status__c') })
        );
    expect(denied).toThrow(ApexSystemError);
    expect(() => runSoql(parseSoql('SELECT Provisioning_Status FROM Order'), options(store))).toThrow(
        "No such column 'Provisioning_Status' on entity 'Order'."
    );
});
