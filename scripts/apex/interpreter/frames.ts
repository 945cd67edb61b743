/**
 * Call frames and lexical scopes. Variable names are case-insensitive: scopes key by the lower-cased name.
 */
import type { ApexObject, ApexValue, SObjectValue, TypeRef } from '../values/model';
import type { ClassInfo, Sharing } from './classes';

export interface Variable {
    type: TypeRef;
    value: ApexValue;
    final?: boolean;
}

export class Frame {
    readonly scopes: Map<string, Variable>[] = [new Map()];
    line = 0;
    constructor(
        readonly cls: ClassInfo,
        readonly method: string,
        /** `this` for instance code; a trigger frame has none. */
        readonly self: ApexObject | SObjectValue | null,
        /** The sharing mode in force (the declaring class's keyword, or the caller's for inherited/none). */
        readonly sharing: 'with' | 'without',
        readonly declared: Sharing
    ) {}

    lookup(name: string): Variable | undefined {
        const key = name.toLowerCase();
        for (let i = this.scopes.length - 1; i >= 0; i--) {
            const v = this.scopes[i].get(key);
            if (v) return v;
        }
        return undefined;
    }

    declare(name: string, v: Variable): void {
        this.scopes[this.scopes.length - 1].set(name.toLowerCase(), v);
    }

    push(): void {
        this.scopes.push(new Map());
    }

    pop(): void {
        this.scopes.pop();
    }
}
