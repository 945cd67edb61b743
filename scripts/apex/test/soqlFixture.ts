/**
 * A hand-built schema and store for the SOQL tests (independent of the project loader).
 */
import type { ExpressionContext } from '@apexdevtools/apex-parser';
import { ApexId, type ApexValue } from '../values/model';
import { idChecksum } from '../values/ids';
import type { FieldDescribe, FieldType, SObjectDescribe, Schema } from '../schema/types';
import type { Row, Store } from '../data/store';
import { parseSoql, runSoql, type SoqlOptions, type SoqlResult } from '../data/soql';

function field(name: string, type: FieldType, extra: Partial<FieldDescribe> = {}): FieldDescribe {
    return {
        name,
        label: name,
        type,
        nillable: true,
        createable: true,
        updateable: true,
        defaultedOnCreate: false,
        calculated: false,
        custom: name.endsWith('__c'),
        unique: false,
        caseSensitive: false,
        externalId: false,
        referenceTo: [],
        restrictedPicklist: false,
        ...extra
    };
}

function ref(name: string, to: string[], relationshipName: string): FieldDescribe {
    return field(name, 'reference', { referenceTo: to, relationshipName });
}

function sobject(
    name: string,
    keyPrefix: string,
    fields: FieldDescribe[],
    children: SObjectDescribe['childRelationships'] = []
): SObjectDescribe {
    return {
        name,
        label: name,
        labelPlural: name + 's',
        keyPrefix,
        custom: name.endsWith('__c'),
        customMetadata: false,
        setup: false,
        createable: true,
        updateable: true,
        deletable: true,
        queryable: true,
        fields: new Map(
            [field('Id', 'id'), field('IsDeleted', 'boolean'), ...fields].map((f) => [
                f.name.toLowerCase(),
                f
            ])
        ),
        childRelationships: children
    };
}

const picklist = (values: string[]) =>
    values.map((value) => ({ value, label: value, active: true, defaultValue: false }));

export function makeSchema(): Schema {
    const objects = [
        sobject(
            'Account',
            '001',
            [
                field('Name', 'string'),
                field('Industry', 'picklist', {
                    picklistValues: picklist(['Telecom', 'Banking', 'Agriculture'])
                }),
                field('AnnualRevenue', 'currency'),
                field('NumberOfEmployees', 'int'),
                field('CreatedDate', 'datetime'),
                field('Tags__c', 'multipicklist'),
                field('Active__c', 'boolean'),
                field('Since__c', 'date'),
                field('Code__c', 'string', { caseSensitive: true }),
                field('Score__c', 'double', { calculated: true }),
                ref('OwnerId', ['User'], 'Owner'),
                ref('ParentId', ['Account'], 'Parent')
            ],
            [
                { childSObject: 'Contact', field: 'AccountId', relationshipName: 'Contacts' },
                { childSObject: 'Account', field: 'ParentId', relationshipName: 'ChildAccounts' },
                { childSObject: 'Task', field: 'WhatId', relationshipName: 'Tasks' }
            ]
        ),
        sobject(
            'Contact',
            '003',
            [
                field('Name', 'string'),
                field('LastName', 'string'),
                field('Email', 'email'),
                field('Birthdate', 'date'),
                ref('AccountId', ['Account'], 'Account')
            ],
            [{ childSObject: 'Task', field: 'WhoId', relationshipName: 'Tasks' }]
        ),
        sobject('User', '005', [
            field('Name', 'string'),
            field('Email', 'email'),
            field('Secret__c', 'string')
        ]),
        sobject('Group', '00G', [field('Name', 'string')]),
        sobject('Event', '00U', [field('Subject', 'string'), ref('WhatId', [], 'What')]),
        sobject('Task', '00T', [
            field('Subject', 'string'),
            ref('WhatId', ['Account', 'Contact'], 'What'),
            ref('WhoId', ['Contact'], 'Who'),
            ref('OwnerId', ['User', 'Group'], 'Owner')
        ])
    ];
    const byName = new Map(objects.map((o) => [o.name.toLowerCase(), o]));
    return {
        sobject: (n) => byName.get(n.toLowerCase()),
        sobjectByKeyPrefix: (p) => objects.find((o) => o.keyPrefix === p),
        sobjects: () => objects
    };
}

export function id(prefix: string, n: number): ApexId {
    const id15 = prefix + String(n).padStart(12, '0');
    return new ApexId(id15 + idChecksum(id15));
}

export function makeStore(): Store {
    return { tables: new Map(), deleted: new Map() };
}

export function insert(
    store: Store,
    sobjectName: string,
    values: Record<string, ApexValue>,
    deleted = false
): Row {
    const row: Row = new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
    const key = sobjectName.toLowerCase();
    const tables = deleted ? store.deleted : store.tables;
    if (!tables.has(key)) tables.set(key, new Map());
    tables.get(key)!.set((row.get('id') as ApexId).value, row);
    return row;
}

export interface Harness {
    schema: Schema;
    store: Store;
    binds: Record<string, ApexValue>;
    options: Partial<SoqlOptions>;
    run(text: string, extra?: Partial<SoqlOptions>): SoqlResult;
    records(text: string, extra?: Partial<SoqlOptions>): import('../values/model').SObjectValue[];
}

/** 2026-03-15T03:00:00Z = 12:00 on 2026-03-15 in Asia/Tokyo. */
export const NOW = Date.UTC(2026, 2, 15, 3, 0, 0);

export function harness(): Harness {
    const schema = makeSchema();
    const store = makeStore();
    const h: Harness = {
        schema,
        store,
        binds: {},
        options: {},
        run(text, extra = {}) {
            const opts: SoqlOptions = {
                schema,
                store,
                bind: (e: ExpressionContext | string) => {
                    const name = typeof e === 'string' ? e : e.getText();
                    if (!(name in h.binds)) throw new Error(`no bind ${name}`);
                    return h.binds[name];
                },
                mode: 'system',
                canReadObject: () => true,
                canReadField: () => true,
                isVisible: () => true,
                timeZone: 'Asia/Tokyo',
                now: () => NOW,
                ...h.options,
                ...extra
            };
            return runSoql(parseSoql(text), opts);
        },
        records(text, extra) {
            const r = h.run(text, extra);
            if (r.kind === 'count') throw new Error('count result');
            return r.records;
        }
    };
    return h;
}
