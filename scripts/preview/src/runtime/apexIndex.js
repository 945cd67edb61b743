import { wiredValues } from './apex.js';

// refreshApex(wiredValue): ask the adapter that emitted the value to fetch again.
export function refreshApex(wiredValue) {
    const adapter = wiredValue && wiredValues.get(wiredValue);
    if (!adapter) return Promise.resolve();
    return adapter.fetch();
}

export function getSObjectValue(record, field) {
    if (!record) return undefined;
    const name = typeof field === 'string' ? field : field && field.fieldApiName;
    return name ? record[name] : undefined;
}
