import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlProblem {
    line: number;
    message: string;
}

/** Well-formedness of one XML document: fast-xml-parser's validator plus "exactly one root element". */
export function validateXml(text: string): XmlProblem | undefined {
    const result = XMLValidator.validate(text, { allowBooleanAttributes: false });
    if (result !== true) return { line: result.err.line || 1, message: result.err.msg };
    // The validator accepts several top-level elements; a metadata file has exactly one.
    const nodes = new XMLParser({ preserveOrder: true, commentPropName: '#comment' }).parse(text) as Record<
        string,
        unknown
    >[];
    const roots = nodes
        .map((n) => Object.keys(n).find((k) => k !== ':@'))
        .filter((k) => k && !k.startsWith('?') && k !== '#comment' && k !== '#text');
    if (roots.length !== 1) {
        return {
            line: 1,
            message: roots.length === 0 ? 'no root element' : `${roots.length} root elements (expected one)`
        };
    }
    return undefined;
}

/** Parser for comparing metadata: text stays text, attributes are dropped. */
export function parseXml(text: string): Record<string, unknown> {
    return new XMLParser({
        ignoreAttributes: true,
        parseTagValue: false,
        trimValues: true,
        ignoreDeclaration: true
    }).parse(text) as Record<string, unknown>;
}

/** The single root element's name and content. */
export function rootOf(doc: Record<string, unknown>): { name: string; value: unknown } | undefined {
    const name = Object.keys(doc).find((k) => !k.startsWith('?'));
    return name === undefined ? undefined : { name, value: doc[name] };
}

export function asArray<T>(v: T | T[] | undefined): T[] {
    if (v === undefined) return [];
    return Array.isArray(v) ? v : [v];
}
