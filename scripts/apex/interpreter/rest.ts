/**
 * Apex REST's request context (Apex Reference: RestContext, RestRequest, RestResponse). Tests build a RestRequest,
 * put it in `RestContext.request` and call the `@Http*` method directly; the runtime keeps the objects' properties.
 */
import { ApexMap, ApexObject, T, UnsupportedError, type ApexValue, type TypeRef } from '../values/model';

interface Property {
    get(): ApexValue;
    set(v: ApexValue): void;
    type(): TypeRef;
}

/** Property name (lower-cased) → its type. */
const REQUEST_PROPERTIES = new Map<string, TypeRef>([
    ['requesturi', T.String],
    ['httpmethod', T.String],
    ['requestbody', T.Blob],
    ['remoteaddress', T.String],
    ['resourcepath', T.String],
    ['params', T.mapOf(T.String, T.String)],
    ['headers', T.mapOf(T.String, T.String)]
]);
const RESPONSE_PROPERTIES = new Map<string, TypeRef>([
    ['statuscode', T.Integer],
    ['responsebody', T.Blob],
    ['headers', T.mapOf(T.String, T.String)]
]);

export class RestContextState {
    request: ApexValue = null;
    response: ApexValue = null;

    reset(): void {
        this.request = null;
        this.response = null;
    }

    construct(name: string, args: ApexValue[]): ApexValue | undefined {
        if (args.length || (name !== 'RestRequest' && name !== 'RestResponse')) return undefined;
        const o = new ApexObject(name);
        const props = name === 'RestRequest' ? REQUEST_PROPERTIES : RESPONSE_PROPERTIES;
        const values = new Map<string, ApexValue>();
        for (const [k, t] of props) values.set(k, t.name === 'Map' ? new ApexMap(T.String, T.String) : null);
        o.native = values;
        return o;
    }

    /** `RestContext.request` / `RestContext.response` as assignable static properties. */
    contextProperty(name: string): Property {
        const lower = name.toLowerCase();
        if (lower !== 'request' && lower !== 'response') throw new UnsupportedError(`RestContext.${name}`);
        return {
            get: () => (lower === 'request' ? this.request : this.response),
            set: (v) => {
                if (lower === 'request') this.request = v;
                else this.response = v;
            },
            type: () => ({ name: lower === 'request' ? 'RestRequest' : 'RestResponse' })
        };
    }

    objectProperty(obj: ApexObject, name: string): Property | undefined {
        const props =
            obj.className === 'RestRequest'
                ? REQUEST_PROPERTIES
                : obj.className === 'RestResponse'
                  ? RESPONSE_PROPERTIES
                  : undefined;
        const type = props?.get(name.toLowerCase());
        if (!props || !type) return undefined;
        const values = obj.native as Map<string, ApexValue>;
        const key = name.toLowerCase();
        return { get: () => values.get(key) ?? null, set: (v) => void values.set(key, v), type: () => type };
    }

    objectMethod(obj: ApexObject, m: string, a: ApexValue[]): ApexValue | undefined {
        if (obj.className !== 'RestRequest' && obj.className !== 'RestResponse') return undefined;
        if (m === 'addheader' || m === 'addparameter') {
            const map = (obj.native as Map<string, ApexValue>).get(
                m === 'addheader' ? 'headers' : 'params'
            ) as ApexMap;
            const key = String(a[0]);
            map.entries.set(`s:${key}`, { key, value: a[1] });
            return null;
        }
        return undefined;
    }
}
