/**
 * System.Id (developer.salesforce.com apexref apex_methods_system_id.htm): getSObjectType, to15, valueOf;
 * addError is a trigger feature of the DML layer, Unsupported here.
 */
import { ApexId, ApexToken, UnsupportedError, type ApexValue } from '../values/model';
import { keyPrefix, to15, toId } from '../values/ids';
import { methods, type NativeContext, type NativeMethod, type NativeStatic, type NativeType } from './native';

function self(v: ApexValue): ApexId {
    if (!(v instanceof ApexId)) throw new UnsupportedError('Id method on a non-Id value');
    return v;
}

/** The SObjectType token of an Id's key prefix ("Returns the token for the sObject corresponding to this ID"). */
export function sobjectTypeOfId(ctx: NativeContext, id: ApexId): ApexToken {
    const name = ctx.sobjectByKeyPrefix?.(keyPrefix(id));
    if (name === undefined) throw new UnsupportedError(`Id.getSObjectType for key prefix ${keyPrefix(id)}`);
    return new ApexToken('SObjectType', name);
}

export const ID_TYPE: NativeType = {
    name: 'Id',
    instance: methods<NativeMethod>({
        getSObjectType: (ctx, s, args) => {
            if (args.length) throw new UnsupportedError('Id.getSObjectType with arguments');
            return sobjectTypeOfId(ctx, self(s));
        },
        to15: (_ctx, s, args) => {
            if (args.length) throw new UnsupportedError('Id.to15 with arguments');
            return to15(self(s));
        },
        addError: () => {
            throw new UnsupportedError('Id.addError');
        }
    }),
    statics: methods<NativeStatic>({
        valueOf: (_ctx: NativeContext, args: ApexValue[]) => {
            if (args.length !== 1 || typeof args[0] !== 'string')
                throw new UnsupportedError('Id.valueOf overload');
            return toId(args[0]);
        }
    })
};

export const ID_TYPES = new Map<string, NativeType>([['id', ID_TYPE]]);
