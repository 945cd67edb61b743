import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { lineIndex } from './files';

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

/** An element of a metadata file, with the line of its start tag. */
export interface XmlElement {
    name: string;
    line: number;
    /** The element's own text: entities and character references decoded, CDATA kept as written, trimmed. */
    text: string;
    children: XmlElement[];
}

/** fast-xml-parser's ordered output: `{ tag: children, ':@'?: attributes }` or `{ '#text': value }`. */
type OrderedNode = { [key: string]: unknown; [meta: symbol]: { startIndex?: number } | undefined };

const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

/**
 * The root element of a document as a tree that keeps each element's line (fast-xml-parser's
 * `captureMetaData`), for checks that report a value at its element. Undefined when there is no root element;
 * malformed XML is metadata-xml's finding, so this does not validate.
 */
export function parseXmlElements(text: string): XmlElement | undefined {
    const nodes = new XMLParser({
        preserveOrder: true,
        captureMetaData: true,
        ignoreAttributes: true,
        parseTagValue: false,
        trimValues: true,
        ignoreDeclaration: true,
        // Also decodes numeric character references (&#26085;), which XML requires and the default leaves as is.
        htmlEntities: true
    }).parse(text) as OrderedNode[];
    const lineOf = lineIndex(text);
    const toElement = (node: OrderedNode): XmlElement | undefined => {
        const name = Object.keys(node).find((k) => k !== ':@');
        if (name === undefined || name.startsWith('#') || name.startsWith('?')) return undefined;
        const element: XmlElement = {
            name,
            line: lineOf(node[META]?.startIndex ?? 0),
            text: '',
            children: []
        };
        for (const child of node[name] as OrderedNode[]) {
            if ('#text' in child) element.text += String(child['#text']);
            else {
                const e = toElement(child);
                if (e) element.children.push(e);
            }
        }
        return element;
    };
    for (const node of nodes) {
        const root = toElement(node);
        if (root) return root;
    }
    return undefined;
}

/** The children of `element` called `name`, in document order. */
export function childElements(element: XmlElement, name: string): XmlElement[] {
    return element.children.filter((c) => c.name === name);
}

/** The text of the first child called `name`; undefined when there is none. */
export function childText(element: XmlElement, name: string): string | undefined {
    return element.children.find((c) => c.name === name)?.text;
}
