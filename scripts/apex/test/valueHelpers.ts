/**
 * Shared by the value tests: the ApexSystemError a call throws (other errors propagate).
 */
import { ApexSystemError } from '../values/model';

export function thrownSystemError(fn: () => unknown): ApexSystemError {
    try {
        fn();
    } catch (e) {
        if (e instanceof ApexSystemError) return e;
        throw e;
    }
    throw new Error('expected an exception');
}
