import { checkConversion } from '../conversion';
import { CLASS_META, DEFAULT, lines, makeProject, removeProjects } from './helpers';

jest.setTimeout(30000);
afterAll(removeProjects);

describe('sdr-conversion', () => {
    it('finds nothing in the clean sample', async () => {
        expect(await checkConversion(makeProject())).toEqual([]);
    });

    it('reports a .cls that the conversion silently drops (no -meta.xml)', async () => {
        const root = makeProject({ 'classes/Orphan.cls': 'public with sharing class Orphan {}\n' });
        expect(lines(await checkConversion(root))).toEqual([
            `${DEFAULT}/classes/Orphan.cls:1: belongs to no metadata component: the conversion drops it`
        ]);
    });

    it('reports a malformed field that the conversion mangles', async () => {
        const root = makeProject({
            'objects/Thing__c/fields/Good__c.field-meta.xml':
                '<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>Good__c<fullName><label>Good</label><type>Text</type></CustomField>\n'
        });
        expect(lines(await checkConversion(root))).toEqual([
            `${DEFAULT}/objects/Thing__c/fields/Good__c.field-meta.xml:1: CustomField Thing__c.Good__c: the converted Thing__c.object has no <fields> entry with <fullName>Good__c</fullName> (mangled by the conversion)`
        ]);
    });

    it('blames the malformed child when the converted parent comes out malformed', async () => {
        const root = makeProject({
            'objects/Account/fields/Customer_Number__c.field-meta.xml':
                '<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">garbage <<>></CustomField>\n'
        });
        const findings = await checkConversion(root);
        expect(findings).toHaveLength(1);
        expect(findings[0]).toMatchObject({
            file: `${DEFAULT}/objects/Account/fields/Customer_Number__c.field-meta.xml`,
            line: 1,
            check: 'sdr-conversion'
        });
        expect(findings[0].message).toMatch(/^CustomField Account\.Customer_Number__c/);
    });

    it('reports a -meta.xml whose source is missing, as SDR refuses to resolve it', async () => {
        const root = makeProject({ 'classes/Ghost.cls-meta.xml': CLASS_META });
        const findings = await checkConversion(root);
        expect(lines(findings)).toEqual([
            `${DEFAULT}/classes/Ghost.cls-meta.xml:1: SDR cannot resolve the source: Expected source files for type 'ApexClass'`
        ]);
    });
});
