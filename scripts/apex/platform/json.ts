/**
 * System.JSON, JSONGenerator (developer.salesforce.com apexref apex_class_System_Json.htm,
 * apex_class_System_JsonGenerator.htm; APEX-PLATFORM.md §8) and the result serialisation of @AuraEnabled
 * methods (apex_classes_annotation_AuraEnabled.htm).
 *
 * Output follows the platform's Jackson-based writer: nulls included unless suppressed, members in declaration
 * order, Date `yyyy-MM-dd`, Datetime ISO-8601 GMT with milliseconds, Decimal with its scale, Blob as base64,
 * SObjects with their `attributes`; pretty output is Jackson's default pretty printer (`"a" : 1`, arrays
 * `[ 1, 2 ]`, empty `{ }` / `[ ]`). JSONParser walks the same parsed tree as a token stream (Jackson's
 * JsonParser, apex_class_System_JsonParser.htm).
 */
import {
    ApexBlob,
    ApexDate,
    ApexDatetime,
    ApexDouble,
    ApexEnumValue,
    ApexId,
    ApexList,
    ApexMap,
    ApexObject,
    ApexSet,
    ApexSystemError,
    ApexTime,
    ApexTypeValue,
    Decimal,
    SObjectValue,
    T,
    UnsupportedError,
    typeToString,
    type ApexValue,
    type TypeRef
} from '../values/model';
import { normalizeId } from '../values/ids';
import { base64Decode } from './encoding';
import { methods, type NativeContext, type NativeMethod, type NativeStatic, type NativeType } from './native';

/** REST API version in SObject `attributes.url` (the project's sourceApiVersion). */
export const API_VERSION = '66.0';

// ---------- the JSON tree ----------

export type JsonNode =
    | { kind: 'object'; entries: [string, JsonNode][] }
    | { kind: 'array'; items: JsonNode[] }
    | { kind: 'string'; value: string }
    /** raw: the number's text as written (keeps a Decimal's scale). */
    | { kind: 'number'; raw: string }
    | { kind: 'boolean'; value: boolean }
    | { kind: 'null' };

const NULL: JsonNode = { kind: 'null' };
const jstr = (value: string): JsonNode => ({ kind: 'string', value });
const jnum = (raw: string): JsonNode => ({ kind: 'number', raw });

function jsonException(message: string): ApexSystemError {
    return new ApexSystemError('JSONException', message);
}

// ---------- parsing ----------

/**
 * A strict JSON parser keeping number text and key order. Syntax errors are JSONExceptions worded as the
 * platform's Jackson parser words them (e.g. `Unexpected character ('B' (code 66)): expected a valid value
 * (number, String, array, object, 'true', 'false' or 'null') at input location [1,2]`, salesforce.stackexchange
 * 108763).
 */
export function parseJson(text: string): JsonNode {
    let i = 0;
    /** Jackson's location: line, and column of the read pointer (1-based, after the offending char). */
    const location = (ptr: number): string => {
        const before = text.slice(0, ptr);
        return `[${before.split('\n').length},${ptr - before.lastIndexOf('\n')}]`;
    };
    const fail = (expected: string): never => {
        if (i >= text.length)
            throw jsonException(`Unexpected end-of-input: ${expected} at input location ${location(i)}`);
        const c = text[i];
        throw jsonException(
            `Unexpected character ('${c}' (code ${c.charCodeAt(0)})): ${expected} at input location ${location(i + 1)}`
        );
    };
    const ws = (): void => {
        while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
    };
    const str = (): string => {
        i++;
        let out = '';
        for (;;) {
            if (i >= text.length) fail('expected close marker for String');
            const c = text[i++];
            if (c === '"') return out;
            if (c === '\\') {
                const e = text[i++];
                const simple: Record<string, string> = {
                    '"': '"',
                    '\\': '\\',
                    '/': '/',
                    b: '\b',
                    f: '\f',
                    n: '\n',
                    r: '\r',
                    t: '\t'
                };
                if (simple[e] !== undefined) out += simple[e];
                else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i, i + 4))) {
                    out += String.fromCharCode(parseInt(text.slice(i, i + 4), 16));
                    i += 4;
                } else {
                    i--;
                    fail('Unrecognized character escape');
                }
            } else if (c.charCodeAt(0) < 0x20) {
                i--;
                fail(
                    'Illegal unquoted character: has to be escaped using backslash to be included in string value'
                );
            } else out += c;
        }
    };
    const value = (): JsonNode => {
        ws();
        const c = text[i];
        if (c === '{') {
            i++;
            const entries: [string, JsonNode][] = [];
            ws();
            if (text[i] === '}') {
                i++;
                return { kind: 'object', entries };
            }
            for (;;) {
                ws();
                if (text[i] !== '"') fail('was expecting double-quote to start field name');
                const k = str();
                ws();
                if (text[i] !== ':') fail('was expecting a colon to separate field name and value');
                i++;
                entries.push([k, value()]);
                ws();
                if (text[i] === ',') {
                    i++;
                    continue;
                }
                if (text[i] === '}') {
                    i++;
                    return { kind: 'object', entries };
                }
                fail('was expecting comma to separate Object entries');
            }
        }
        if (c === '[') {
            i++;
            const items: JsonNode[] = [];
            ws();
            if (text[i] === ']') {
                i++;
                return { kind: 'array', items };
            }
            for (;;) {
                items.push(value());
                ws();
                if (text[i] === ',') {
                    i++;
                    continue;
                }
                if (text[i] === ']') {
                    i++;
                    return { kind: 'array', items };
                }
                fail('was expecting comma to separate Array entries');
            }
        }
        if (c === '"') return jstr(str());
        const num = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i));
        if (num && num[0] !== '-') {
            i += num[0].length;
            return jnum(num[0]);
        }
        for (const [word, node] of [
            ['true', { kind: 'boolean', value: true }],
            ['false', { kind: 'boolean', value: false }],
            ['null', NULL]
        ] as [string, JsonNode][]) {
            if (text.startsWith(word, i) && !/[A-Za-z0-9_]/.test(text[i + word.length] ?? '')) {
                i += word.length;
                return node;
            }
        }
        return fail("expected a valid value (number, String, array, object, 'true', 'false' or 'null')");
    };
    const v = value();
    ws();
    if (i < text.length) throw new UnsupportedError('JSON text with content after its first value');
    return v;
}

// ---------- printing ----------

function quote(s: string): string {
    let out = '"';
    for (const c of s) {
        const n = c.charCodeAt(0);
        if (c === '"') out += '\\"';
        else if (c === '\\') out += '\\\\';
        else if (n < 0x20) {
            const short: Record<number, string> = { 8: 'b', 9: 't', 10: 'n', 12: 'f', 13: 'r' };
            out += short[n] ? `\\${short[n]}` : '\\u' + n.toString(16).toUpperCase().padStart(4, '0');
        } else out += c;
    }
    return out + '"';
}

/** Compact, or Jackson's DefaultPrettyPrinter (objects indent two spaces per object level; arrays stay inline). */
export function printJson(node: JsonNode, pretty: boolean, level = 0): string {
    switch (node.kind) {
        case 'null':
            return 'null';
        case 'boolean':
            return String(node.value);
        case 'number':
            return node.raw;
        case 'string':
            return quote(node.value);
        case 'array':
            if (!pretty) return `[${node.items.map((n) => printJson(n, false)).join(',')}]`;
            if (!node.items.length) return '[ ]';
            return `[ ${node.items.map((n) => printJson(n, true, level)).join(', ')} ]`;
        case 'object': {
            if (!pretty)
                return `{${node.entries.map(([k, v]) => `${quote(k)}:${printJson(v, false)}`).join(',')}}`;
            if (!node.entries.length) return '{ }';
            const ind = '  '.repeat(level + 1);
            const body = node.entries
                .map(([k, v]) => `${ind}${quote(k)} : ${printJson(v, true, level + 1)}`)
                .join(',\n');
            return `{\n${body}\n${'  '.repeat(level)}}`;
        }
    }
}

// ---------- Apex value → JSON ----------

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
export const formatDate = (d: ApexDate): string => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
/** ISO-8601 in GMT with milliseconds: `2026-02-01T10:15:30.000Z`. */
export function formatDatetime(d: ApexDatetime): string {
    const t = new Date(d.epochMs);
    if (t.getUTCFullYear() < 0 || t.getUTCFullYear() > 9999)
        throw new UnsupportedError('JSON of a Datetime outside years 0-9999');
    return t.toISOString();
}

interface WriteOptions {
    suppressNulls: boolean;
    /** The @AuraEnabled result rules instead of JSON.serialize's. */
    aura: boolean;
}

/** Map keys: the String form of a primitive key. */
function mapKey(k: ApexValue, ctx: NativeContext): string {
    if (typeof k === 'string') return k;
    if (
        k instanceof ApexId ||
        typeof k === 'number' ||
        typeof k === 'bigint' ||
        typeof k === 'boolean' ||
        k instanceof Decimal
    ) {
        return ctx.stringOf(k);
    }
    throw new UnsupportedError('JSON of a Map whose keys are not String, Id, numbers or Booleans');
}

class Writer {
    private readonly stack = new Set<object>();
    constructor(
        private readonly ctx: NativeContext,
        private readonly opts: WriteOptions
    ) {}

    write(v: ApexValue): JsonNode {
        if (v === null) return NULL;
        if (typeof v === 'boolean') return { kind: 'boolean', value: v };
        if (typeof v === 'number' || typeof v === 'bigint') return jnum(String(v));
        if (typeof v === 'string') return jstr(v);
        if (v instanceof ApexDouble) {
            if (!Number.isFinite(v.value)) throw new UnsupportedError('JSON of a non-finite Double');
            return jnum(this.ctx.stringOf(v));
        }
        if (v instanceof Decimal) return jnum(this.ctx.stringOf(v));
        if (v instanceof ApexId) return jstr(v.value);
        if (v instanceof ApexDate) return jstr(formatDate(v));
        if (v instanceof ApexDatetime) return jstr(formatDatetime(v));
        if (v instanceof ApexBlob) return jstr(Buffer.from(v.bytes).toString('base64'));
        if (v instanceof ApexEnumValue) return jstr(v.name);
        if (v instanceof ApexTime) throw new UnsupportedError('JSON of a Time');
        if (v instanceof ApexTypeValue) throw new UnsupportedError('JSON of a System.Type');
        if (!(
            v instanceof ApexList ||
            v instanceof ApexSet ||
            v instanceof ApexMap ||
            v instanceof SObjectValue ||
            v instanceof ApexObject
        )) {
            throw new UnsupportedError('JSON of a Schema token');
        }
        if (this.stack.has(v)) throw new UnsupportedError('JSON.serialize of an object graph with a cycle');
        this.stack.add(v);
        try {
            return this.container(v);
        } finally {
            this.stack.delete(v);
        }
    }

    private container(v: ApexList | ApexSet | ApexMap | SObjectValue | ApexObject): JsonNode {
        if (v instanceof ApexList) return { kind: 'array', items: v.items.map((x) => this.write(x)) };
        if (v instanceof ApexSet)
            return { kind: 'array', items: [...v.entries.values()].map((x) => this.write(x)) };
        if (v instanceof ApexMap) {
            const entries: [string, JsonNode][] = [];
            for (const { key, value } of v.entries.values()) {
                if (value === null && this.opts.suppressNulls && !this.opts.aura) {
                    throw new UnsupportedError('JSON.serialize suppressing nulls inside a Map');
                }
                entries.push([mapKey(key, this.ctx), this.write(value)]);
            }
            return { kind: 'object', entries };
        }
        if (v instanceof SObjectValue) return this.sobject(v);
        return this.object(v);
    }

    private sobject(v: SObjectValue): JsonNode {
        const entries: [string, JsonNode][] = [];
        if (!this.opts.aura) {
            const id = v.fields.get('id');
            const attributes: [string, JsonNode][] = [['type', jstr(v.sobjectType)]];
            if (id instanceof ApexId)
                attributes.push([
                    'url',
                    jstr(`/services/data/v${API_VERSION}/sobjects/${v.sobjectType}/${id.value}`)
                ]);
            entries.push(['attributes', { kind: 'object', entries: attributes }]);
        }
        for (const [lower, value] of v.fields) {
            const name = this.ctx.fieldName?.(v.sobjectType, lower);
            if (name === undefined)
                throw new UnsupportedError(`JSON of ${v.sobjectType} without the schema's field names`);
            if (value === null && this.opts.aura) continue;
            if (value === null && this.opts.suppressNulls)
                throw new UnsupportedError('JSON.serialize suppressing null SObject fields');
            if (value instanceof ApexList && !this.opts.aura) {
                // A child relationship serialises as a query result (REST API shape).
                entries.push([
                    name,
                    {
                        kind: 'object',
                        entries: [
                            ['totalSize', jnum(String(value.items.length))],
                            ['done', { kind: 'boolean', value: true }],
                            ['records', this.write(value)]
                        ]
                    }
                ]);
            } else {
                entries.push([name, this.write(value)]);
            }
        }
        return { kind: 'object', entries };
    }

    private object(v: ApexObject): JsonNode {
        const cls = this.ctx.classes.resolveClass(v.className);
        if (!cls) throw new UnsupportedError(`JSON of a ${v.className}`);
        const entries: [string, JsonNode][] = [];
        for (const f of this.ctx.classes.fields(cls)) {
            if (f.isStatic || f.isTransient || (this.opts.aura && !f.auraEnabled)) continue;
            const value = this.ctx.classes.getField(v, f.name);
            if (value === null && (this.opts.suppressNulls || this.opts.aura)) continue;
            entries.push([f.name, this.write(value)]);
        }
        return { kind: 'object', entries };
    }
}

export function serialize(v: ApexValue, ctx: NativeContext, suppressNulls = false, pretty = false): string {
    return printJson(new Writer(ctx, { suppressNulls, aura: false }).write(v), pretty);
}

function toPlain(n: JsonNode): unknown {
    switch (n.kind) {
        case 'null':
            return null;
        case 'boolean':
        case 'string':
            return n.value;
        case 'number':
            return Number(n.raw);
        case 'array':
            return n.items.map(toPlain);
        case 'object':
            return Object.fromEntries(n.entries.map(([k, v]) => [k, toPlain(v)]));
    }
}

/**
 * The value an @AuraEnabled method returns to Lightning, as plain JavaScript: only @AuraEnabled members of
 * Apex classes ("only members annotated @AuraEnabled are sent", AURAEN), SObjects with their populated fields
 * (no `attributes`; child relationships as arrays), Dates `yyyy-MM-dd`, Datetimes ISO-8601 GMT, Decimals as
 * numbers. Null members are left out, as the Aura serializer omits them (community knowledge).
 */
export function serializeForAura(v: ApexValue, ctx: NativeContext): unknown {
    if (
        typeof v === 'bigint' &&
        (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER))
    ) {
        throw new UnsupportedError('@AuraEnabled result of a Long beyond 2^53');
    }
    return toPlain(new Writer(ctx, { suppressNulls: false, aura: true }).write(v));
}

// ---------- JSON → Apex value ----------

/** BigDecimal(String) from a JSON number's text: unscaled digits and scale (an exponent lowers the scale). */
export function decimalFromText(raw: string): Decimal {
    const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(raw);
    if (!m) throw new UnsupportedError(`Decimal from ${raw}`);
    const frac = m[3] ?? '';
    const unscaled = BigInt(`${m[1]}${m[2]}${frac}`);
    return new Decimal(unscaled, frac.length - Number(m[4] ?? 0));
}

const INT_RE = /^-?\d+$/;

function untyped(n: JsonNode, ctx: NativeContext): ApexValue {
    switch (n.kind) {
        case 'null':
            return null;
        case 'boolean':
        case 'string':
            return n.value;
        case 'number': {
            if (!INT_RE.test(n.raw)) {
                if (/[eE]/.test(n.raw))
                    throw new UnsupportedError(`JSON.deserializeUntyped of the number ${n.raw}`);
                return decimalFromText(n.raw);
            }
            const b = BigInt(n.raw);
            if (b >= -2147483648n && b <= 2147483647n) return Number(b);
            if (b >= -(2n ** 63n) && b < 2n ** 63n) return b;
            throw new UnsupportedError(`JSON.deserializeUntyped of the integer ${n.raw} beyond Long`);
        }
        case 'array':
            return new ApexList(
                T.Object,
                n.items.map((x) => untyped(x, ctx))
            );
        case 'object': {
            const map = new ApexMap(T.String, T.Object);
            for (const [k, v] of n.entries) map.entries.set(ctx.keyOf(k), { key: k, value: untyped(v, ctx) });
            return map;
        }
    }
}

export function deserializeUntyped(json: string, ctx: NativeContext): ApexValue {
    return untyped(parseJson(json), ctx);
}

/**
 * Messages for shape mismatches as developers report them (community knowledge, unverified wording):
 * `Malformed JSON: Expected '[' at the beginning of List/Set`, `Malformed JSON: Expected '{' at the beginning
 * of object`, `Illegal value for primitive` (salesforce.stackexchange 389795).
 */
const EXPECTED_ARRAY = "Malformed JSON: Expected '[' at the beginning of List/Set";
const EXPECTED_OBJECT = "Malformed JSON: Expected '{' at the beginning of object";
const ILLEGAL_PRIMITIVE = 'Illegal value for primitive';

function parseDate(s: string): ApexDate | undefined {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return undefined;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = new Date(Date.UTC(y, mo - 1, d));
    if (t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return undefined;
    return new ApexDate(y, mo, d);
}

function parseDatetime(s: string): ApexDatetime | undefined {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:?\d{2})$/.exec(s);
    if (!m || !parseDate(`${m[1]}-${m[2]}-${m[3]}`)) return undefined;
    const [h, mi, sec] = [Number(m[4]), Number(m[5]), Number(m[6])];
    if (h > 23 || mi > 59 || sec > 59) return undefined;
    const ms = Number((m[7] ?? '0').padEnd(3, '0'));
    let offset = 0;
    if (m[8] !== 'Z') {
        const o = /^([+-])(\d{2}):?(\d{2})$/.exec(m[8])!;
        offset = (o[1] === '-' ? -1 : 1) * (Number(o[2]) * 60 + Number(o[3]));
    }
    return new ApexDatetime(
        Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), h, mi, sec, ms) - offset * 60000
    );
}

class Reader {
    constructor(
        private readonly ctx: NativeContext,
        private readonly strict: boolean
    ) {}

    read(n: JsonNode, type: TypeRef): ApexValue {
        if (n.kind === 'null') return null;
        const name = type.name.toLowerCase();
        switch (name) {
            case 'object':
                // Reported for Map<String, Object> members (salesforce.stackexchange 363786): use deserializeUntyped.
                throw jsonException('Apex Type unsupported in JSON: Object');
            case 'string':
                return this.scalar(n, 'string', (s) => s, type);
            case 'boolean':
                if (n.kind === 'boolean') return n.value;
                return this.mismatch(n, type);
            case 'integer':
            case 'long': {
                if (n.kind !== 'number') return this.mismatch(n, type);
                if (!INT_RE.test(n.raw)) throw new UnsupportedError(`JSON number ${n.raw} into ${type.name}`);
                const b = BigInt(n.raw);
                const fits =
                    name === 'integer'
                        ? b >= -2147483648n && b <= 2147483647n
                        : b >= -(2n ** 63n) && b < 2n ** 63n;
                if (!fits) throw new UnsupportedError(`JSON number ${n.raw} beyond ${type.name}`);
                return name === 'integer' ? Number(b) : b;
            }
            case 'decimal':
                if (n.kind !== 'number') return this.mismatch(n, type);
                return decimalFromText(n.raw);
            case 'double':
                if (n.kind !== 'number') return this.mismatch(n, type);
                return new ApexDouble(Number(n.raw));
            case 'id':
                return this.scalar(
                    n,
                    'string',
                    (s) => (normalizeId(s) === undefined ? undefined : new ApexId(normalizeId(s)!)),
                    type
                );
            case 'date':
                return this.scalar(n, 'string', parseDate, type);
            case 'datetime':
                return this.scalar(n, 'string', parseDatetime, type);
            case 'blob':
                return this.scalar(n, 'string', (s) => base64Decode(s), type);
            case 'list':
            case 'set':
                return this.collection(n, type);
            case 'map':
                return this.map(n, type);
            default:
                return this.named(n, type);
        }
    }

    /** A scalar from a JSON string; other JSON kinds and unconvertible text are refused. */
    private scalar(
        n: JsonNode,
        kind: 'string',
        convert: (s: string) => ApexValue | undefined,
        type: TypeRef
    ): ApexValue {
        if (n.kind !== kind) return this.mismatch(n, type);
        const v = convert(n.value);
        if (v === undefined)
            throw new UnsupportedError(`JSON string ${JSON.stringify(n.value)} into ${type.name}`);
        return v;
    }

    private mismatch(n: JsonNode, type: TypeRef): never {
        if (n.kind === 'object' || n.kind === 'array') throw jsonException(ILLEGAL_PRIMITIVE);
        throw new UnsupportedError(`JSON ${n.kind} into ${typeToString(type)}`);
    }

    private collection(n: JsonNode, type: TypeRef): ApexValue {
        if (n.kind !== 'array') throw jsonException(EXPECTED_ARRAY);
        const el = type.args?.[0] ?? T.Object;
        const items = n.items.map((x) => this.read(x, el));
        if (type.name.toLowerCase() === 'list') return new ApexList(el, items);
        return new ApexSet(el, new Map(items.map((x) => [this.ctx.keyOf(x), x])));
    }

    private map(n: JsonNode, type: TypeRef): ApexValue {
        if (n.kind !== 'object') throw jsonException(EXPECTED_OBJECT);
        const [kt, vt] = [type.args?.[0] ?? T.String, type.args?.[1] ?? T.Object];
        const map = new ApexMap(kt, vt);
        for (const [k, v] of n.entries) {
            const key = this.key(k, kt);
            map.entries.set(this.ctx.keyOf(key), { key, value: this.read(v, vt) });
        }
        return map;
    }

    private key(k: string, kt: TypeRef): ApexValue {
        switch (kt.name.toLowerCase()) {
            case 'string':
                return k;
            case 'id': {
                const id = normalizeId(k);
                if (id === undefined) throw new UnsupportedError(`JSON map key ${k} into Id`);
                return new ApexId(id);
            }
            case 'integer':
                if (INT_RE.test(k) && Math.abs(Number(k)) <= 2147483647) return Number(k);
                break;
            default:
                break;
        }
        throw new UnsupportedError(`JSON map key into ${kt.name}`);
    }

    private named(n: JsonNode, type: TypeRef): ApexValue {
        const classes = this.ctx.classes;
        if (type.name.toLowerCase() === 'sobject' || classes.isSObjectType(type.name))
            return this.sobject(n, type);
        if (classes.isEnum(type.name)) {
            if (n.kind !== 'string') return this.mismatch(n, type);
            const found = classes
                .enumValues(type.name)
                .find((e) => e instanceof ApexEnumValue && e.name === n.value);
            if (!found) throw new UnsupportedError(`JSON value ${n.value} for enum ${type.name}`);
            return found;
        }
        const cls = classes.resolveClass(type.name);
        if (!cls) throw new UnsupportedError(`JSON.deserialize into ${typeToString(type)}`);
        if (n.kind !== 'object') throw jsonException(EXPECTED_OBJECT);
        const fields = new Map(
            classes
                .fields(cls)
                .filter((f) => !f.isStatic && !f.isTransient)
                .map((f) => [f.name.toLowerCase(), f])
        );
        const target = classes.newInstance(cls);
        for (const [k, v] of n.entries) {
            const f = fields.get(k.toLowerCase());
            if (!f) {
                // deserializeStrict: `Unknown field: Demo.first` (reported on salesforce.stackexchange).
                if (this.strict) throw jsonException(`Unknown field: ${cls}.${k}`);
                continue;
            }
            classes.setField(target, f.name, this.read(v, f.type));
        }
        return target;
    }

    private sobject(n: JsonNode, type: TypeRef): ApexValue {
        if (n.kind !== 'object') throw jsonException(EXPECTED_OBJECT);
        const attributes = n.entries.find(([k]) => k === 'attributes')?.[1];
        const declared =
            attributes?.kind === 'object' ? attributes.entries.find(([k]) => k === 'type')?.[1] : undefined;
        let sobjectType = type.name;
        if (sobjectType.toLowerCase() === 'sobject') {
            if (declared?.kind !== 'string')
                throw new UnsupportedError('JSON.deserialize into SObject without attributes.type');
            sobjectType = declared.value;
        }
        const lookup = this.ctx.sobjectField;
        if (!lookup) throw new UnsupportedError('JSON of SObjects without a schema');
        const record = new SObjectValue(sobjectType);
        for (const [k, v] of n.entries) {
            if (k === 'attributes') continue;
            const field = lookup(sobjectType, k);
            if (!field) {
                // "No such column 'first' on sobject of type Account" (deserializeStrict, community report).
                if (this.strict)
                    throw jsonException(`No such column '${k}' on sobject of type ${sobjectType}`);
                continue;
            }
            let value: ApexValue;
            if (field.type.name === 'List' && v.kind === 'object') {
                const records = v.entries.find(([rk]) => rk === 'records')?.[1] ?? {
                    kind: 'array',
                    items: []
                };
                value = this.read(records, field.type);
            } else {
                value = this.read(v, field.type);
            }
            record.fields.set(field.name.toLowerCase(), value);
        }
        return record;
    }
}

export function deserialize(json: string, type: TypeRef, ctx: NativeContext, strict = false): ApexValue {
    return new Reader(ctx, strict).read(parseJson(json), type);
}

// ---------- JSONGenerator ----------

interface Frame {
    node: Extract<JsonNode, { kind: 'object' } | { kind: 'array' }>;
    pendingName?: string;
}
interface GeneratorState {
    pretty: boolean;
    stack: Frame[];
    root?: JsonNode;
    closed: boolean;
}

function generatorOf(v: ApexValue): GeneratorState {
    if (!(v instanceof ApexObject) || v.className !== 'JSONGenerator')
        throw new UnsupportedError('JSONGenerator method on another object');
    return v.native as GeneratorState;
}

function emit(g: GeneratorState, node: JsonNode): void {
    if (g.closed) throw new UnsupportedError('JSONGenerator write after close');
    const top = g.stack[g.stack.length - 1];
    if (!top) {
        if (g.root) throw new UnsupportedError('JSONGenerator with more than one root value');
        g.root = node;
    } else if (top.node.kind === 'array') {
        top.node.items.push(node);
    } else {
        if (top.pendingName === undefined)
            throw new UnsupportedError('JSONGenerator value without a field name');
        top.node.entries.push([top.pendingName, node]);
        top.pendingName = undefined;
    }
}

function fieldName(g: GeneratorState, name: ApexValue): void {
    const top = g.stack[g.stack.length - 1];
    if (top?.node.kind !== 'object' || top.pendingName !== undefined || typeof name !== 'string') {
        throw new UnsupportedError('JSONGenerator.writeFieldName outside an object');
    }
    top.pendingName = name;
}

function end(g: GeneratorState, kind: 'object' | 'array'): void {
    const top = g.stack[g.stack.length - 1];
    if (top?.node.kind !== kind || top.pendingName !== undefined)
        throw new UnsupportedError(`JSONGenerator end of a ${kind} not open`);
    g.stack.pop();
}

function typed<V>(
    check: (v: ApexValue) => v is V & ApexValue,
    what: string,
    toNode: (v: V, ctx: NativeContext) => JsonNode
) {
    return (ctx: NativeContext, v: ApexValue): JsonNode => {
        if (v === null) return NULL;
        if (!check(v)) throw new UnsupportedError(`JSONGenerator.write${what} with another type`);
        return toNode(v, ctx);
    };
}
const isNumberish = (v: ApexValue): v is number | bigint | Decimal | ApexDouble =>
    typeof v === 'number' || typeof v === 'bigint' || v instanceof Decimal || v instanceof ApexDouble;

const WRITERS: Record<string, (ctx: NativeContext, v: ApexValue) => JsonNode> = {
    String: typed(
        (v): v is string => typeof v === 'string',
        'String',
        (v) => jstr(v)
    ),
    Number: typed(isNumberish, 'Number', (v, ctx) =>
        new Writer(ctx, { suppressNulls: false, aura: false }).write(v)
    ),
    Boolean: typed(
        (v): v is boolean => typeof v === 'boolean',
        'Boolean',
        (v) => ({ kind: 'boolean', value: v })
    ),
    Date: typed(
        (v): v is ApexDate => v instanceof ApexDate,
        'Date',
        (v) => jstr(formatDate(v))
    ),
    DateTime: typed(
        (v): v is ApexDatetime => v instanceof ApexDatetime,
        'DateTime',
        (v) => jstr(formatDatetime(v))
    ),
    Blob: typed(
        (v): v is ApexBlob => v instanceof ApexBlob,
        'Blob',
        (v) => jstr(Buffer.from(v.bytes).toString('base64'))
    ),
    Id: typed(
        (v): v is ApexId => v instanceof ApexId,
        'Id',
        (v) => jstr(v.value)
    ),
    Object: (ctx, v) => new Writer(ctx, { suppressNulls: false, aura: false }).write(v)
};

const generatorMethods: Record<string, NativeMethod> = {
    writeStartObject: (_c, s) => {
        const g = generatorOf(s);
        const node: Frame['node'] = { kind: 'object', entries: [] };
        emit(g, node);
        g.stack.push({ node });
        return null;
    },
    writeStartArray: (_c, s) => {
        const g = generatorOf(s);
        const node: Frame['node'] = { kind: 'array', items: [] };
        emit(g, node);
        g.stack.push({ node });
        return null;
    },
    writeEndObject: (_c, s) => {
        end(generatorOf(s), 'object');
        return null;
    },
    writeEndArray: (_c, s) => {
        end(generatorOf(s), 'array');
        return null;
    },
    writeFieldName: (_c, s, a) => {
        fieldName(generatorOf(s), a[0]);
        return null;
    },
    writeNull: (_c, s) => {
        emit(generatorOf(s), NULL);
        return null;
    },
    writeNullField: (_c, s, a) => {
        const g = generatorOf(s);
        fieldName(g, a[0]);
        emit(g, NULL);
        return null;
    },
    writeTime: () => {
        throw new UnsupportedError('JSONGenerator.writeTime');
    },
    writeTimeField: () => {
        throw new UnsupportedError('JSONGenerator.writeTimeField');
    },
    getAsString: (_c, s) => {
        const g = generatorOf(s);
        if (g.stack.length)
            throw new UnsupportedError('JSONGenerator.getAsString with an open object or array');
        return g.root ? printJson(g.root, g.pretty) : '';
    },
    close: (_c, s) => {
        generatorOf(s).closed = true;
        return null;
    },
    isClosed: (_c, s) => generatorOf(s).closed
};
for (const [what, toNode] of Object.entries(WRITERS)) {
    generatorMethods[`write${what}`] = (ctx, s, a) => {
        emit(generatorOf(s), toNode(ctx, a[0]));
        return null;
    };
    generatorMethods[`write${what}Field`] = (ctx, s, a) => {
        const g = generatorOf(s);
        fieldName(g, a[0]);
        emit(g, toNode(ctx, a[1]));
        return null;
    };
}

export const JSON_GENERATOR_TYPE: NativeType = { name: 'JSONGenerator', instance: methods(generatorMethods) };

// ---------- JSONParser ----------

type TokenName =
    | 'START_OBJECT'
    | 'END_OBJECT'
    | 'START_ARRAY'
    | 'END_ARRAY'
    | 'FIELD_NAME'
    | 'VALUE_STRING'
    | 'VALUE_NUMBER_INT'
    | 'VALUE_NUMBER_FLOAT'
    | 'VALUE_TRUE'
    | 'VALUE_FALSE'
    | 'VALUE_NULL';

interface Token {
    token: TokenName;
    /** getCurrentName: the field name the value sits under (for END tokens, its START's). */
    name: string | null;
    text: string;
    /** Values and START tokens: the subtree (readValueAs); END index of a START token. */
    node?: JsonNode;
    end?: number;
}

function tokenize(root: JsonNode): Token[] {
    const out: Token[] = [];
    const walk = (n: JsonNode, name: string | null): void => {
        switch (n.kind) {
            case 'object': {
                const start = out.push({ token: 'START_OBJECT', name, text: '{', node: n }) - 1;
                for (const [k, v] of n.entries) {
                    out.push({ token: 'FIELD_NAME', name: k, text: k });
                    walk(v, k);
                }
                out[start].end = out.push({ token: 'END_OBJECT', name, text: '}' }) - 1;
                return;
            }
            case 'array': {
                const start = out.push({ token: 'START_ARRAY', name, text: '[', node: n }) - 1;
                for (const v of n.items) walk(v, null);
                out[start].end = out.push({ token: 'END_ARRAY', name, text: ']' }) - 1;
                return;
            }
            case 'string':
                out.push({ token: 'VALUE_STRING', name, text: n.value, node: n });
                return;
            case 'number':
                out.push({
                    token: INT_RE.test(n.raw) ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT',
                    name,
                    text: n.raw,
                    node: n
                });
                return;
            case 'boolean':
                out.push({
                    token: n.value ? 'VALUE_TRUE' : 'VALUE_FALSE',
                    name,
                    text: String(n.value),
                    node: n
                });
                return;
            case 'null':
                out.push({ token: 'VALUE_NULL', name, text: 'null', node: n });
        }
    };
    walk(root, null);
    return out;
}

interface ParserState {
    tokens: Token[];
    /** Index of the current token; -1 before the first nextToken(). */
    at: number;
    cleared: boolean;
    lastCleared: Token | null;
}

function parserOf(v: ApexValue): ParserState {
    if (!(v instanceof ApexObject) || v.className !== 'JSONParser')
        throw new UnsupportedError('JSONParser method on another object');
    return v.native as ParserState;
}
function currentToken(p: ParserState): Token | null {
    return p.cleared || p.at < 0 || p.at >= p.tokens.length ? null : p.tokens[p.at];
}
function tokenValue(ctx: NativeContext, t: Token | null): ApexValue {
    if (!t) return null;
    const value = ctx.classes
        .enumValues('JSONToken')
        .find((e) => e instanceof ApexEnumValue && e.name === t.token);
    if (!value) throw new UnsupportedError('System.JSONToken values');
    return value;
}
/** Jackson's accessor errors: `Current token (VALUE_STRING) not numeric, can not use numeric value accessors`. */
function valueOf(p: ParserState, accepted: TokenName[], what: string): Token {
    const t = currentToken(p);
    if (!t || !accepted.includes(t.token)) {
        const name = t ? t.token : 'null';
        if (what === 'numeric')
            throw jsonException(`Current token (${name}) not numeric, can not use numeric value accessors`);
        throw new UnsupportedError(`JSONParser ${what} accessor on ${name}`);
    }
    return t;
}
const NUMERIC: TokenName[] = ['VALUE_NUMBER_INT', 'VALUE_NUMBER_FLOAT'];

function readValueAs(ctx: NativeContext, self: ApexValue, type: ApexValue, strict: boolean): ApexValue {
    const p = parserOf(self);
    const t = currentToken(p);
    if (!t?.node) throw new UnsupportedError('JSONParser.readValueAs outside a value');
    const value = new Reader(ctx, strict).read(t.node, typeArg(type, 'JSONParser.readValueAs'));
    if (t.end !== undefined) p.at = t.end;
    return value;
}

const parserMethods: Record<string, NativeMethod> = {
    nextToken: (ctx, self) => {
        const p = parserOf(self);
        p.cleared = false;
        p.at = Math.min(p.at + 1, p.tokens.length);
        return tokenValue(ctx, currentToken(p));
    },
    nextValue: (ctx, self) => {
        const p = parserOf(self);
        p.cleared = false;
        p.at = Math.min(p.at + 1, p.tokens.length);
        if (currentToken(p)?.token === 'FIELD_NAME') p.at++;
        return tokenValue(ctx, currentToken(p));
    },
    getCurrentToken: (ctx, self) => tokenValue(ctx, currentToken(parserOf(self))),
    hasCurrentToken: (_ctx, self) => currentToken(parserOf(self)) !== null,
    clearCurrentToken: (_ctx, self) => {
        const p = parserOf(self);
        p.lastCleared = currentToken(p);
        p.cleared = true;
        return null;
    },
    getLastClearedToken: (ctx, self) => tokenValue(ctx, parserOf(self).lastCleared),
    getCurrentName: (_ctx, self) => currentToken(parserOf(self))?.name ?? null,
    getText: (_ctx, self) => currentToken(parserOf(self))?.text ?? null,
    skipChildren: (_ctx, self) => {
        const p = parserOf(self);
        const t = currentToken(p);
        if (t?.end !== undefined) p.at = t.end;
        return null;
    },
    getIntegerValue: (_ctx, self) => {
        const t = valueOf(parserOf(self), NUMERIC, 'numeric');
        const n = Number(t.text);
        if (t.token !== 'VALUE_NUMBER_INT' || n < -2147483648 || n > 2147483647) {
            throw new UnsupportedError(`JSONParser.getIntegerValue of ${t.text}`);
        }
        return n;
    },
    getLongValue: (_ctx, self) => {
        const t = valueOf(parserOf(self), NUMERIC, 'numeric');
        const b = t.token === 'VALUE_NUMBER_INT' ? BigInt(t.text) : undefined;
        if (b === undefined || b < -(2n ** 63n) || b >= 2n ** 63n)
            throw new UnsupportedError(`JSONParser.getLongValue of ${t.text}`);
        return b;
    },
    getDecimalValue: (_ctx, self) => decimalFromText(valueOf(parserOf(self), NUMERIC, 'numeric').text),
    getDoubleValue: (_ctx, self) => new ApexDouble(Number(valueOf(parserOf(self), NUMERIC, 'numeric').text)),
    getBooleanValue: (_ctx, self) =>
        valueOf(parserOf(self), ['VALUE_TRUE', 'VALUE_FALSE'], 'boolean').token === 'VALUE_TRUE',
    getDateValue: (_ctx, self) => {
        const text = valueOf(parserOf(self), ['VALUE_STRING'], 'date').text;
        const d = parseDate(text);
        if (!d) throw new UnsupportedError(`JSONParser.getDateValue of ${text}`);
        return d;
    },
    getDatetimeValue: (_ctx, self) => {
        const text = valueOf(parserOf(self), ['VALUE_STRING'], 'datetime').text;
        const d = parseDatetime(text);
        if (!d) throw new UnsupportedError(`JSONParser.getDatetimeValue of ${text}`);
        return d;
    },
    getTimeValue: () => {
        throw new UnsupportedError('JSONParser.getTimeValue');
    },
    getIdValue: (_ctx, self) => {
        const text = valueOf(parserOf(self), ['VALUE_STRING'], 'Id').text;
        const id = normalizeId(text);
        if (id === undefined) throw new UnsupportedError(`JSONParser.getIdValue of ${text}`);
        return new ApexId(id);
    },
    getBlobValue: (_ctx, self) => base64Decode(valueOf(parserOf(self), ['VALUE_STRING'], 'Blob').text),
    readValueAs: (ctx, self, a) => readValueAs(ctx, self, a[0], false),
    readValueAsStrict: (ctx, self, a) => readValueAs(ctx, self, a[0], true)
};

export const JSON_PARSER_TYPE: NativeType = { name: 'JSONParser', instance: methods(parserMethods) };

// ---------- System.JSON ----------

function jsonText(v: ApexValue, where: string): string {
    if (typeof v !== 'string')
        throw new UnsupportedError(`${where} with a ${v === null ? 'null' : 'non-String'} argument`);
    return v;
}
function typeArg(v: ApexValue, where: string): TypeRef {
    if (!(v instanceof ApexTypeValue)) throw new UnsupportedError(`${where} without a Type`);
    return v.type;
}
function flag(v: ApexValue | undefined): boolean {
    if (v === undefined) return false;
    if (typeof v !== 'boolean')
        throw new UnsupportedError('JSON.serialize with a null suppressApexObjectNulls');
    return v;
}

export const JSON_TYPE: NativeType = {
    name: 'JSON',
    statics: methods<NativeStatic>({
        serialize: (ctx, a) => serialize(a[0], ctx, flag(a[1]), false),
        serializePretty: (ctx, a) => serialize(a[0], ctx, flag(a[1]), true),
        deserialize: (ctx, a) =>
            deserialize(jsonText(a[0], 'JSON.deserialize'), typeArg(a[1], 'JSON.deserialize'), ctx, false),
        deserializeStrict: (ctx, a) =>
            deserialize(
                jsonText(a[0], 'JSON.deserializeStrict'),
                typeArg(a[1], 'JSON.deserializeStrict'),
                ctx,
                true
            ),
        deserializeUntyped: (ctx, a) => deserializeUntyped(jsonText(a[0], 'JSON.deserializeUntyped'), ctx),
        createGenerator: (_ctx, a) => {
            if (typeof a[0] !== 'boolean')
                throw new UnsupportedError('JSON.createGenerator without a Boolean');
            return new ApexObject('JSONGenerator', new Map(), {
                pretty: a[0],
                stack: [],
                closed: false
            } satisfies GeneratorState);
        },
        createParser: (_ctx, a) => {
            const state: ParserState = {
                tokens: tokenize(parseJson(jsonText(a[0], 'JSON.createParser'))),
                at: -1,
                cleared: false,
                lastCleared: null
            };
            return new ApexObject('JSONParser', new Map(), state);
        }
    })
};

export const JSON_TYPES = new Map<string, NativeType>([
    ['json', JSON_TYPE],
    ['jsongenerator', JSON_GENERATOR_TYPE],
    ['jsonparser', JSON_PARSER_TYPE]
]);
