/**
 * Instance methods of List, Set, Map and SObject (Apex Reference: List Class, Set Class, Map Class, SObject Class).
 */
import {
    ApexId,
    ApexList,
    ApexMap,
    ApexObject,
    ApexSet,
    ApexSystemError,
    ApexToken,
    SObjectValue,
    T,
    UnsupportedError,
    type ApexValue
} from '../values/model';
import type { SObjectDescribe } from '../schema/types';
import type { Interpreter } from './interpreter';
import type { Frame } from './frames';
import { npe } from './ops';

function checkIndex(list: ApexList, i: number, allowEnd = false): void {
    if (i < 0 || i > list.items.length || (!allowEnd && i === list.items.length)) {
        throw new ApexSystemError('ListException', `List index out of bounds: ${i}`);
    }
}

function notIterating(c: ApexList | ApexSet | ApexMap): void {
    if (c.iterating > 0 && !(c instanceof ApexList)) {
        throw new ApexSystemError('FinalException', 'Cannot modify a collection while it is being iterated.');
    }
}

function iterableItems(v: ApexValue): ApexValue[] {
    if (v === null) throw npe();
    if (v instanceof ApexList) return v.items;
    if (v instanceof ApexSet) return [...v.entries.values()];
    throw new UnsupportedError(`addAll from ${v.constructor.name}`);
}

export function listMethod(
    ip: Interpreter,
    list: ApexList,
    name: string,
    args: ApexValue[],
    f: Frame
): ApexValue {
    const a = args;
    switch (name) {
        case 'add':
            if (a.length === 1) {
                list.items.push(ip.coerce(a[0], list.elementType));
                return null;
            }
            checkIndex(list, Number(a[0]), true);
            list.items.splice(Number(a[0]), 0, ip.coerce(a[1], list.elementType));
            return null;
        case 'addall':
            for (const x of iterableItems(a[0])) list.items.push(ip.coerce(x, list.elementType));
            return null;
        case 'get': {
            if (a[0] === null) throw npe();
            const i = Number(a[0]);
            checkIndex(list, i);
            return list.items[i];
        }
        case 'set': {
            const i = Number(a[0]);
            checkIndex(list, i);
            list.items[i] = ip.coerce(a[1], list.elementType);
            return null;
        }
        case 'size':
            return list.items.length;
        case 'isempty':
            return list.items.length === 0;
        case 'clear':
            list.items = [];
            return null;
        case 'contains':
            return list.items.some((x) => ip.equals(x, a[0]));
        case 'indexof':
            return list.items.findIndex((x) => ip.equals(x, a[0]));
        case 'remove': {
            const i = Number(a[0]);
            checkIndex(list, i);
            return list.items.splice(i, 1)[0];
        }
        case 'clone':
            return new ApexList(list.elementType, [...list.items]);
        case 'deepclone':
            return new ApexList(
                list.elementType,
                list.items.map((x) =>
                    x instanceof SObjectValue ? cloneSObject(x, !!a[0], !!a[1], !!a[2]) : x
                )
            );
        case 'equals':
            return ip.equals(list, a[0]);
        case 'hashcode':
            return hash(ip.keyOf(list));
        case 'tostring':
            return ip.stringOf(list);
        case 'sort':
            if (a.length > 0) sortWithComparator(ip, list, a[0], f);
            else sortList(ip, list, f);
            return null;
        case 'iterator':
            return iteratorOf(list.items);
        case 'getsobjecttype': {
            const t = list.elementType.name;
            return ip.rt.schema.sobject(t)
                ? new ApexToken('SObjectType', ip.rt.schema.sobject(t)!.name)
                : null;
        }
    }
    throw new UnsupportedError(`List.${name}`);
}

export function iteratorOf(items: ApexValue[]): ApexObject {
    const it = new ApexObject('System.ListIterator');
    it.native = { items: [...items], index: 0 };
    return it;
}

function sortList(ip: Interpreter, list: ApexList, f: Frame): void {
    if (list.items.length < 2) return;
    const first = list.items.find((x) => x !== null);
    if (first instanceof ApexObject) {
        // Comparable: compareTo(Object) decides.
        list.items.sort(nullsFirst((x, y) => Number(ip.callInstance(x as ApexObject, 'compareTo', [y], f))));
        return;
    }
    if (first instanceof SObjectValue) {
        list.items.sort(nullsFirst((x, y) => compareSObjects(ip, x as SObjectValue, y as SObjectValue)));
        return;
    }
    list.items.sort((x, y) => compareValues(ip, x, y, 'sorting Booleans'));
}

/** The default sort's place for null, before everything else; undefined when neither is null. */
function nullOrder(x: ApexValue, y: ApexValue): number | undefined {
    if (x === null) return y === null ? 0 : -1;
    if (y === null) return 1;
    return undefined;
}

function nullsFirst(compare: (x: ApexValue, y: ApexValue) => number) {
    return (x: ApexValue, y: ApexValue): number => nullOrder(x, y) ?? compare(x, y);
}

/** Nulls first, then Unicode order for text and Ids, the relational operators' order for the rest. */
function compareValues(ip: Interpreter, x: ApexValue, y: ApexValue, booleans: string): number {
    return nullOrder(x, y) ?? compareScalars(ip, x, y, booleans);
}

function compareScalars(ip: Interpreter, x: ApexValue, y: ApexValue, booleans: string): number {
    if (typeof x === 'string' && typeof y === 'string') return x < y ? -1 : x > y ? 1 : 0;
    if (x instanceof ApexId && y instanceof ApexId) return x.value < y.value ? -1 : x.value > y.value ? 1 : 0;
    if (typeof x === 'boolean' || typeof y === 'boolean') {
        if (x === y) return 0;
        throw new UnsupportedError(booleans);
    }
    // Numbers, dates and times: the relational operators' order.
    const lt = ip.rt.system.relational('<', x, y);
    if (lt) return -1;
    return ip.rt.system.relational('>', x, y) ? 1 : 0;
}

/**
 * The default order of sObjects (Apex Developer Guide, "Sorting Lists of sObjects"): the sObject type's label,
 * then Name, then the other standard fields in alphabetical order (Id apart), then the custom fields in
 * alphabetical order; text in Unicode order, an empty field before a filled one. The order of true and false is
 * not documented: two records that differ first in a Boolean field are Unsupported.
 */
function compareSObjects(ip: Interpreter, x: SObjectValue, y: SObjectValue): number {
    const tx = ip.rt.schema.sobject(x.sobjectType);
    const ty = ip.rt.schema.sobject(y.sobjectType);
    if (!tx || !ty) throw new UnsupportedError(`sorting sObjects of an unknown type`);
    if (tx !== ty) return compareValues(ip, tx.label, ty.label, '');
    const empty = (v: ApexValue | undefined) => (v === undefined || v === '' ? null : v);
    for (const field of sortFields(tx)) {
        const order = compareValues(
            ip,
            empty(x.fields.get(field)),
            empty(y.fields.get(field)),
            `sorting ${tx.name} records that differ first in a Boolean field`
        );
        if (order !== 0) return order;
    }
    return 0;
}

const sortFieldsOf = new WeakMap<SObjectDescribe, string[]>();

/** Name, then the standard fields, then the custom ones, each alphabetical; Id and compound fields left out. */
function sortFields(type: SObjectDescribe): string[] {
    let fields = sortFieldsOf.get(type);
    if (!fields) {
        const all = [...type.fields.values()].filter(
            (d) => d.type !== 'id' && d.type !== 'address' && d.type !== 'location' && d.name !== 'Name'
        );
        const alphabetical = (custom: boolean) =>
            all
                .filter((d) => d.custom === custom)
                .map((d) => d.name.toLowerCase())
                .sort();
        fields = [
            ...(type.fields.has('name') ? ['name'] : []),
            ...alphabetical(false),
            ...alphabetical(true)
        ];
        sortFieldsOf.set(type, fields);
    }
    return fields;
}

/** `sort(Comparator)`: its compare() decides, nulls included (the Apex Reference: the Comparator handles them). */
function sortWithComparator(ip: Interpreter, list: ApexList, comparator: ApexValue, f: Frame): void {
    if (!(comparator instanceof ApexObject)) throw new UnsupportedError('List.sort() with a null Comparator');
    list.items.sort((x, y) => {
        const order = ip.callInstance(comparator, 'compare', [x, y], f);
        if (order === null) throw new UnsupportedError('a Comparator.compare() that returns null');
        return Number(order);
    });
}

function hash(s: string): number {
    let h = 0;
    for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
    return h;
}

export function setMethod(ip: Interpreter, set: ApexSet, name: string, args: ApexValue[]): ApexValue {
    const a = args;
    const put = (x: ApexValue): boolean => {
        const v = ip.coerce(x, set.elementType);
        const k = ip.keyOf(v);
        if (set.entries.has(k)) return false;
        set.entries.set(k, v);
        return true;
    };
    switch (name) {
        case 'add':
            notIterating(set);
            return put(a[0]);
        case 'addall': {
            notIterating(set);
            let changed = false;
            for (const x of iterableItems(a[0])) changed = put(x) || changed;
            return changed;
        }
        case 'contains':
            return set.entries.has(ip.keyOf(ip.coerce(a[0], set.elementType)));
        case 'containsall':
            return iterableItems(a[0]).every((x) => set.entries.has(ip.keyOf(ip.coerce(x, set.elementType))));
        case 'remove': {
            notIterating(set);
            return set.entries.delete(ip.keyOf(ip.coerce(a[0], set.elementType)));
        }
        case 'removeall': {
            notIterating(set);
            let changed = false;
            for (const x of iterableItems(a[0]))
                changed = set.entries.delete(ip.keyOf(ip.coerce(x, set.elementType))) || changed;
            return changed;
        }
        case 'retainall': {
            notIterating(set);
            const keep = new Set(iterableItems(a[0]).map((x) => ip.keyOf(ip.coerce(x, set.elementType))));
            let changed = false;
            for (const k of [...set.entries.keys()]) {
                if (!keep.has(k)) {
                    set.entries.delete(k);
                    changed = true;
                }
            }
            return changed;
        }
        case 'size':
            return set.entries.size;
        case 'isempty':
            return set.entries.size === 0;
        case 'clear':
            notIterating(set);
            set.entries.clear();
            return null;
        case 'clone':
            return new ApexSet(set.elementType, new Map(set.entries));
        case 'equals':
            return ip.equals(set, a[0]);
        case 'hashcode':
            return hash([...set.entries.keys()].sort().join(','));
        case 'tostring':
            return ip.stringOf(set);
        case 'iterator':
            return iteratorOf([...set.entries.values()]);
    }
    throw new UnsupportedError(`Set.${name}`);
}

export function mapMethod(ip: Interpreter, map: ApexMap, name: string, args: ApexValue[]): ApexValue {
    const a = args;
    const key = (x: ApexValue): string =>
        ip.keyOf(map.caseInsensitive && typeof x === 'string' ? x.toLowerCase() : ip.coerce(x, map.keyType));
    switch (name) {
        case 'put': {
            notIterating(map);
            const k = ip.coerce(a[0], map.keyType);
            const ks = key(k);
            const old = map.entries.get(ks);
            map.entries.set(ks, { key: old ? old.key : k, value: ip.coerce(a[1], map.valueType) });
            return old ? old.value : null;
        }
        case 'get':
            return map.entries.get(key(a[0]))?.value ?? null;
        case 'containskey':
            return map.entries.has(key(a[0]));
        case 'remove': {
            notIterating(map);
            const ks = key(a[0]);
            const old = map.entries.get(ks);
            map.entries.delete(ks);
            return old ? old.value : null;
        }
        case 'keyset': {
            const s = new ApexSet(map.keyType);
            for (const [k, e] of map.entries) s.entries.set(k, e.key);
            return s;
        }
        case 'values':
            return new ApexList(
                map.valueType,
                [...map.entries.values()].map((e) => e.value)
            );
        case 'size':
            return map.entries.size;
        case 'isempty':
            return map.entries.size === 0;
        case 'clear':
            notIterating(map);
            map.entries.clear();
            return null;
        case 'putall': {
            notIterating(map);
            const src = a[0];
            if (src instanceof ApexMap) {
                for (const e of src.entries.values()) mapMethod(ip, map, 'put', [e.key, e.value]);
            } else if (src instanceof ApexList) {
                for (const r of src.items) {
                    if (!(r instanceof SObjectValue))
                        throw new UnsupportedError('Map.putAll of non-SObjects');
                    mapMethod(ip, map, 'put', [r.fields.get('id') ?? null, r]);
                }
            } else if (src === null) throw npe();
            return null;
        }
        case 'clone':
            return new ApexMap(map.keyType, map.valueType, new Map(map.entries), map.caseInsensitive);
        case 'deepclone':
            return new ApexMap(
                map.keyType,
                map.valueType,
                new Map(
                    [...map.entries].map(([k, e]) => [
                        k,
                        {
                            key: e.key,
                            value:
                                e.value instanceof SObjectValue
                                    ? cloneSObject(e.value, true, false, false)
                                    : e.value
                        }
                    ])
                )
            );
        case 'equals':
            return ip.equals(map, a[0]);
        case 'tostring':
            return ip.stringOf(map);
        case 'hashcode':
            return hash(ip.keyOf(map));
        case 'getsobjecttype':
            return ip.rt.schema.sobject(map.valueType.name)
                ? new ApexToken('SObjectType', map.valueType.name)
                : null;
    }
    throw new UnsupportedError(`Map.${name}`);
}

/**
 * SObject.clone(preserveId, isDeepClone, preserveReadonlyTimestamps, preserveAutonumber): a shallow copy shares
 * related records; a deep one copies them.
 */
export function cloneSObject(
    r: SObjectValue,
    preserveId: boolean,
    deep: boolean,
    preserveTimestamps: boolean
): SObjectValue {
    const fields = new Map<string, ApexValue>();
    for (const [k, v] of r.fields) {
        if (k === 'id' && !preserveId) continue;
        if (
            !preserveTimestamps &&
            (k === 'createddate' ||
                k === 'lastmodifieddate' ||
                k === 'createdbyid' ||
                k === 'lastmodifiedbyid' ||
                k === 'systemmodstamp')
        )
            continue;
        if (deep && v instanceof SObjectValue) fields.set(k, cloneSObject(v, true, true, true));
        else if (deep && v instanceof ApexList)
            fields.set(
                k,
                new ApexList(
                    v.elementType,
                    v.items.map((x) => (x instanceof SObjectValue ? cloneSObject(x, true, true, true) : x))
                )
            );
        else fields.set(k, v);
    }
    const copy = new SObjectValue(r.sobjectType, fields, r.queried ? new Set(r.queried) : null);
    return copy;
}

export const LIST_TYPE = T.listOf;
