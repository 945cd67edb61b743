/**
 * A minimal zip reader for jar files: the central directory and stored/deflated entries, nothing else (no zip64,
 * no encryption). Enough for apex-dev-tools' sobject-types jar without a Java or unzip dependency.
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
    name: string;
    /** 0 stored, 8 deflated. */
    method: number;
    compressedSize: number;
    size: number;
    localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

/** Lists the entries of a zip archive from its central directory. */
export function readZipEntries(zip: Buffer): ZipEntry[] {
    // The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
    const floor = Math.max(0, zip.length - 22 - 0xffff);
    let eocd = -1;
    for (let i = zip.length - 22; i >= floor; i--) {
        if (zip.readUInt32LE(i) === EOCD_SIGNATURE) {
            eocd = i;
            break;
        }
    }
    if (eocd < 0) throw new Error('not a zip archive: no end of central directory record');
    const count = zip.readUInt16LE(eocd + 10);
    let p = zip.readUInt32LE(eocd + 16);
    if (count === 0xffff || p === 0xffffffff) throw new Error('zip64 archives are not supported');
    const entries: ZipEntry[] = [];
    for (let i = 0; i < count; i++) {
        if (zip.readUInt32LE(p) !== CENTRAL_SIGNATURE) throw new Error(`bad central directory entry at ${p}`);
        const nameLength = zip.readUInt16LE(p + 28);
        const extraLength = zip.readUInt16LE(p + 30);
        const commentLength = zip.readUInt16LE(p + 32);
        entries.push({
            method: zip.readUInt16LE(p + 10),
            compressedSize: zip.readUInt32LE(p + 20),
            size: zip.readUInt32LE(p + 24),
            localHeaderOffset: zip.readUInt32LE(p + 42),
            name: zip.toString('utf8', p + 46, p + 46 + nameLength)
        });
        p += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
}

/** The uncompressed bytes of one entry. */
export function readZipEntry(zip: Buffer, entry: ZipEntry): Buffer {
    const p = entry.localHeaderOffset;
    if (zip.readUInt32LE(p) !== LOCAL_SIGNATURE) throw new Error(`bad local header for ${entry.name}`);
    const start = p + 30 + zip.readUInt16LE(p + 26) + zip.readUInt16LE(p + 28);
    const data = zip.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) return data;
    if (entry.method === 8) return inflateRawSync(data);
    throw new Error(`unsupported zip compression method ${entry.method} for ${entry.name}`);
}
