/**
 * Readiness of a SQLite file. An open connection keeps answering from a deleted or overwritten file (the
 * descriptor outlives the name, pages stay cached), so `select 1` alone would report a lost ledger as
 * ready: the check also compares the file on disk with the one opened and reads its header.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export function sqliteFileCheck(path: string): () => void {
    const opened = statSync(path);
    return () => {
        const now = statSync(path); // throws ENOENT when deleted
        if (now.ino !== opened.ino || now.dev !== opened.dev) {
            throw new Error('the database file was replaced while open');
        }
        const header = Buffer.alloc(MAGIC.length);
        const fd = openSync(path, 'r');
        try {
            readSync(fd, header, 0, header.length, 0);
        } finally {
            closeSync(fd);
        }
        if (!header.equals(MAGIC)) throw new Error('the database file is not a SQLite database any more');
    };
}
