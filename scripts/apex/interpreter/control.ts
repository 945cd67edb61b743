/**
 * How control leaves the normal path: Apex exceptions travel as ApexThrow (a JavaScript exception carrying the
 * Apex exception object); `return`, `break` and `continue` are completion codes of statement execution.
 */
import type { ApexObject, ApexValue } from '../values/model';

export class ApexThrow extends Error {
    constructor(readonly exception: ApexObject) {
        super('ApexThrow');
    }
}

/** Assertion failures and limit exceptions end the test: `catch` blocks never see them. */
export function isUncatchable(e: ApexObject): boolean {
    return e.className === 'System.AssertException' || e.className === 'System.LimitException';
}

export const NORMAL = 0;
export const BREAK = 1;
export const CONTINUE = 2;
export const RETURN = 3;
export type Completion = typeof NORMAL | typeof BREAK | typeof CONTINUE | typeof RETURN;

export interface ReturnSlot {
    value: ApexValue;
}
