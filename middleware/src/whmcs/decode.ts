/**
 * Decoders for WHMCS answers: each one checks a value's shape and returns it typed, or throws a ShapeError
 * naming where the shape went wrong (the path only, never the value: values can be personal data). Written
 * by hand rather than with zod: a read's answer went through some sixty zod pipes, one per field, which
 * cost about a fifth of the middleware's CPU for that read. The coercions themselves are in normalize.ts.
 */

/** A value that is not what the decoder expects; `path` is filled in on the way out (`items.0.amount`). */
export class ShapeError extends Error {
    readonly path: (string | number)[] = [];
    constructor() {
        super('unexpected shape');
        this.name = 'ShapeError';
    }

    /** The path as `a.0.b`, or `(root)` for the value itself. */
    where(): string {
        return this.path.join('.') || '(root)';
    }
}

export type Decoder<T> = (value: unknown) => T;

type Shape = Record<string, Decoder<unknown>>;
type Decoded<S extends Shape> = { [K in keyof S]: ReturnType<S[K]> };

export function fail(): never {
    throw new ShapeError();
}

/** Rethrows `err`, with `step` put in front of its path when it is a ShapeError. */
function within(err: unknown, step: string | number): never {
    if (err instanceof ShapeError) err.path.unshift(step);
    throw err;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * An object with these keys, each decoded (an absent key is decoded as `undefined`); other keys are dropped.
 * `build` turns the decoded fields into the result.
 */
export function object<S extends Shape, T = Decoded<S>>(
    shape: S,
    build?: (fields: Decoded<S>) => T
): Decoder<T> {
    const keys = Object.keys(shape);
    const decoders = keys.map((k) => shape[k]);
    return (value) => {
        if (!isPlainObject(value)) fail();
        const fields: Record<string, unknown> = {};
        let i = 0;
        try {
            for (; i < keys.length; i++) fields[keys[i]] = decoders[i](value[keys[i]]);
        } catch (err) {
            within(err, keys[i]);
        }
        return build ? build(fields as Decoded<S>) : (fields as T);
    };
}

/** An array whose every item decodes. */
export function array<T>(item: Decoder<T>): Decoder<T[]> {
    return (value) => {
        if (!Array.isArray(value)) fail();
        const out = new Array<T>(value.length);
        let i = 0;
        try {
            for (; i < value.length; i++) out[i] = item(value[i]);
        } catch (err) {
            within(err, i);
        }
        return out;
    };
}

/** An object used as a map: every value decodes, keys are kept. */
export function record<T>(item: Decoder<T>): Decoder<Record<string, T>> {
    return (value) => {
        if (!isPlainObject(value)) fail();
        const out: Record<string, T> = {};
        for (const key of Object.keys(value)) {
            try {
                out[key] = item(value[key]);
            } catch (err) {
                within(err, key);
            }
        }
        return out;
    };
}

/** `undefined` stays `undefined`; anything else must decode. */
export function optional<T>(decoder: Decoder<T>): Decoder<T | undefined> {
    return (value) => (value === undefined ? undefined : decoder(value));
}

export const string: Decoder<string> = (value) => (typeof value === 'string' ? value : fail());

export const nonEmptyString: Decoder<string> = (value) =>
    typeof value === 'string' && value !== '' ? value : fail();

/** A safe integer (what an id or a count must be). */
export const integer: Decoder<number> = (value) =>
    typeof value === 'number' && Number.isSafeInteger(value) ? value : fail();
