import fs from 'node:fs';
import path from 'node:path';
import { parseAuraMethods, readApexSurface } from '../apexSurface';
import { APEX_METHODS } from '../org/methods';
import { classesDir, lwcDir } from '../paths';

// The local org is a double of the Apex layer: it may only serve methods Apex has, with the same parameters.
describe('local org ↔ Apex surface', () => {
    const surface = readApexSurface(classesDir);

    it.each([...APEX_METHODS.keys()])('%s exists in force-app as a static @AuraEnabled method', (name) => {
        const apex = surface.get(name);
        expect(apex).toBeDefined();
        expect(apex?.isStatic).toBe(true);
    });

    it.each([...APEX_METHODS.entries()])('%s has the Apex parameter names, in order', (name, impl) => {
        const apex = surface.get(name);
        expect(apex?.params.map((p) => p.name)).toEqual(impl.params);
    });

    it('serves every Apex method the LWCs import', () => {
        const imported = new Set<string>();
        for (const dir of fs.existsSync(lwcDir) ? fs.readdirSync(lwcDir) : []) {
            const file = path.join(lwcDir, dir, `${dir}.js`);
            if (!fs.existsSync(file)) continue;
            for (const match of fs
                .readFileSync(file, 'utf8')
                .matchAll(/@salesforce\/apex\/([A-Za-z0-9_]+\.[A-Za-z0-9_]+)/g)) {
                imported.add(match[1]);
            }
        }
        // Guards against a vacuous pass (no LWC folder, or the import pattern no longer matching).
        expect(imported.size).toBeGreaterThan(0);
        const missing = [...imported].filter((name) => !APEX_METHODS.has(name));
        expect(missing).toEqual([]);
    });
});

describe('parseAuraMethods', () => {
    it('reads static @AuraEnabled methods with their parameters and cacheable flag', () => {
        const methods = parseAuraMethods(`public with sharing class Foo {
            public class Dto { @AuraEnabled public String x; }
            @AuraEnabled(cacheable=true)
            public static List<Dto> getList() { return null; }
            @AuraEnabled
            public static Map<String, Object> save(String requestJson, Id recordId) { return null; }
            public static void notExposed(String a) {}
        }`);
        expect(methods).toEqual([
            { className: 'Foo', name: 'getList', params: [], cacheable: true, isStatic: true },
            {
                className: 'Foo',
                name: 'save',
                params: [
                    { type: 'String', name: 'requestJson' },
                    { type: 'Id', name: 'recordId' }
                ],
                cacheable: false,
                isStatic: true
            }
        ]);
    });
});
