/**
 * Apex triggers: the DML engine calls `run` for each phase (before/after) and event of a statement; every trigger
 * of the project on that object and event executes with the `Trigger` context variables (Apex Developer Guide,
 * "Trigger Context Variables"). `record.addError(message)` on a record of Trigger.new fails that row.
 */
import type { TriggerUnitContext } from '@apexdevtools/apex-parser';
import {
    ApexEnumValue,
    ApexId,
    ApexList,
    ApexMap,
    SObjectValue,
    T,
    UnsupportedError,
    type ApexValue
} from '../values/model';
import type { TriggerCall } from '../data/dml';
import type { ClassInfo } from './classes';
import { Frame } from './frames';
import type { Runtime } from './runtime';

interface Active {
    call: TriggerCall;
    newList: ApexList | null;
    oldList: ApexList | null;
}

export class TriggerRunner {
    private readonly stack: Active[] = [];

    constructor(private readonly rt: Runtime) {}

    private triggersFor(sobject: string, phase: string, event: string): ClassInfo[] {
        return this.rt.topLevel.filter((c) => {
            if (c.kind !== 'trigger') return false;
            const unit = (c as ClassInfo & { trigger: TriggerUnitContext }).trigger;
            const ids = unit.id_list();
            if (ids[1].getText().toLowerCase() !== sobject.toLowerCase()) return false;
            return unit.triggerCase_list().some((tc) => tc.getText().toLowerCase() === `${phase}${event}`);
        });
    }

    run(call: TriggerCall): void {
        const triggers = this.triggersFor(call.sobject, call.phase, call.event);
        if (!triggers.length) return;
        const type = { name: call.sobject };
        const active: Active = {
            call,
            newList: call.newRecords ? new ApexList(type, call.newRecords) : null,
            oldList: call.oldRecords ? new ApexList(type, call.oldRecords) : null
        };
        this.stack.push(active);
        try {
            for (const t of triggers) {
                const unit = (t as ClassInfo & { trigger: TriggerUnitContext }).trigger;
                const frame = new Frame(t, t.name, null, 'without', undefined);
                this.rt.interp.withFrame(frame, () => {
                    for (const m of unit.triggerBlock().triggerBlockMember_list()) {
                        const s = m.statement();
                        if (!s) throw new UnsupportedError('declarations inside a trigger');
                        this.rt.interp.exec(s, frame);
                    }
                });
            }
        } finally {
            this.stack.pop();
        }
    }

    /** `Trigger.new`, `Trigger.isBefore`, ... ; outside a trigger the Boolean variables are false and the rest null. */
    variable(name: string): ApexValue {
        const a = this.stack[this.stack.length - 1];
        const n = name.toLowerCase();
        const is = (phase?: string, event?: string): boolean =>
            !!a && (!phase || a.call.phase === phase) && (!event || a.call.event === event);
        switch (n) {
            case 'new':
                return a?.newList ?? null;
            case 'old':
                return a?.oldList ?? null;
            case 'newmap':
                // Not in before insert: the records have no Ids yet.
                return a?.newList && !(a.call.phase === 'before' && a.call.event === 'insert')
                    ? this.mapOf(a.newList)
                    : null;
            case 'oldmap':
                return a?.oldList ? this.mapOf(a.oldList) : null;
            case 'isexecuting':
                return !!a;
            case 'isbefore':
                return is('before');
            case 'isafter':
                return is('after');
            case 'isinsert':
                return is(undefined, 'insert');
            case 'isupdate':
                return is(undefined, 'update');
            case 'isdelete':
                return is(undefined, 'delete');
            case 'isundelete':
                return is(undefined, 'undelete');
            case 'size':
                return a ? (a.newList ?? a.oldList)!.items.length : 0;
            case 'operationtype':
                return a
                    ? new ApexEnumValue(
                          'TriggerOperation',
                          `${a.call.phase}_${a.call.event}`.toUpperCase(),
                          0
                      )
                    : null;
        }
        throw new UnsupportedError(`Trigger.${name}`);
    }

    private mapOf(list: ApexList): ApexMap {
        const map = new ApexMap(T.Id, list.elementType);
        for (const r of list.items) {
            const id = (r as SObjectValue).fields.get('id');
            if (id instanceof ApexId) map.entries.set(`s:${id.value}`, { key: id, value: r });
        }
        return map;
    }

    /** `record.addError(message)`: true when the record is in the running trigger's Trigger.new. */
    addError(record: SObjectValue, message: string): boolean {
        for (let i = this.stack.length - 1; i >= 0; i--) {
            const a = this.stack[i];
            const idx = a.newList?.items.indexOf(record) ?? -1;
            if (idx >= 0) {
                a.call.addError(idx, message);
                return true;
            }
            const oldIdx = a.oldList?.items.indexOf(record) ?? -1;
            if (oldIdx >= 0 && a.call.event === 'delete') {
                a.call.addError(oldIdx, message);
                return true;
            }
        }
        return false;
    }
}
