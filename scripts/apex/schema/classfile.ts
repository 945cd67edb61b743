/**
 * Reads the fields of a compiled Java class (JVM spec §4: constant pool, fields, the `Signature` attribute).
 * Methods and code are skipped; only what the sobject-types jar needs.
 */

export interface JavaField {
    name: string;
    /** JVM descriptor: `Lcom/x/Y;`, `[Lcom/x/Y;`, `I`... */
    descriptor: string;
    /** Generic signature when present (`Ljava/util/List<Lcom/x/Y;>;`). */
    signature?: string;
    isStatic: boolean;
}

export interface JavaClass {
    /** Internal name, `com/nawforce/runforce/SObjects/Account`. */
    name: string;
    superName?: string;
    fields: JavaField[];
}

const ACC_STATIC = 0x0008;

export function parseClassFile(buf: Buffer): JavaClass {
    if (buf.readUInt32BE(0) !== 0xcafebabe) throw new Error('not a Java class file');
    const cpCount = buf.readUInt16BE(8);
    const utf8: (string | undefined)[] = new Array(cpCount);
    const classNameIndex: number[] = new Array(cpCount);
    let p = 10;
    for (let i = 1; i < cpCount; i++) {
        const tag = buf[p];
        switch (tag) {
            case 1: {
                const len = buf.readUInt16BE(p + 1);
                // Modified UTF-8 equals UTF-8 for the ASCII names and descriptors found in these classes.
                utf8[i] = buf.toString('utf8', p + 3, p + 3 + len);
                p += 3 + len;
                break;
            }
            case 7:
                classNameIndex[i] = buf.readUInt16BE(p + 1);
                p += 3;
                break;
            case 8:
            case 16:
            case 19:
            case 20:
                p += 3;
                break;
            case 15:
                p += 4;
                break;
            case 3:
            case 4:
            case 9:
            case 10:
            case 11:
            case 12:
            case 17:
            case 18:
                p += 5;
                break;
            case 5:
            case 6:
                p += 9;
                i++; // 8-byte constants take two slots
                break;
            default:
                throw new Error(`unknown constant pool tag ${tag} at ${p}`);
        }
    }
    const className = (index: number): string | undefined =>
        index ? utf8[classNameIndex[index]] : undefined;
    const name = className(buf.readUInt16BE(p + 2));
    if (!name) throw new Error('class file without a name');
    const superName = className(buf.readUInt16BE(p + 4));
    const interfaces = buf.readUInt16BE(p + 6);
    p += 8 + interfaces * 2;
    const fieldCount = buf.readUInt16BE(p);
    p += 2;
    const fields: JavaField[] = [];
    for (let i = 0; i < fieldCount; i++) {
        const flags = buf.readUInt16BE(p);
        const field: JavaField = {
            name: utf8[buf.readUInt16BE(p + 2)] ?? '',
            descriptor: utf8[buf.readUInt16BE(p + 4)] ?? '',
            isStatic: (flags & ACC_STATIC) !== 0
        };
        const attributes = buf.readUInt16BE(p + 6);
        p += 8;
        for (let a = 0; a < attributes; a++) {
            const attrName = utf8[buf.readUInt16BE(p)];
            const len = buf.readUInt32BE(p + 2);
            if (attrName === 'Signature') field.signature = utf8[buf.readUInt16BE(p + 6)];
            p += 6 + len;
        }
        fields.push(field);
    }
    return { name, superName, fields };
}
