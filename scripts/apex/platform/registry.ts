/**
 * Every native type table (platform/*.ts), by lower-cased type name, for the interpreter's dispatch.
 */
import type { NativeType } from './native';
import { BLOB_TYPES } from './blob';
import { CRYPTO_TYPES } from './crypto';
import { DATE_TYPES } from './dates';
import { ENCODING_TYPES } from './encoding';
import { ID_TYPES } from './id';
import { JSON_TYPES } from './json';
import { MATH_TYPES } from './math';
import { NUMBER_TYPES } from './numbers';
import { PATTERN_TYPES } from './pattern';
import { STRING_TYPES } from './string';

export const NATIVE_TYPES = new Map<string, NativeType>();
for (const table of [
    BLOB_TYPES,
    CRYPTO_TYPES,
    DATE_TYPES,
    ENCODING_TYPES,
    ID_TYPES,
    JSON_TYPES,
    MATH_TYPES,
    NUMBER_TYPES,
    PATTERN_TYPES,
    STRING_TYPES
]) {
    for (const [k, v] of table) NATIVE_TYPES.set(k, v);
}
