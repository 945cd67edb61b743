import { checkMetadataXml } from '../metadataXml';
import { CLASS_META, DEFAULT, lines, makeProject, removeProjects } from './helpers';

jest.setTimeout(30000);
afterAll(removeProjects);

describe('metadata-xml', () => {
    it('finds nothing in the clean sample', async () => {
        expect(await checkMetadataXml(makeProject())).toEqual([]);
    });

    it('reports a malformed field XML at the line of the error', async () => {
        const root = makeProject({
            'objects/Thing__c/fields/Good__c.field-meta.xml': [
                '<?xml version="1.0" encoding="UTF-8"?>',
                '<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">',
                '    <fullName>Good__c</fullName>',
                '    <label>Good</labl>',
                '    <type>Text</type>',
                '</CustomField>'
            ].join('\n')
        });
        const findings = await checkMetadataXml(root);
        expect(lines(findings)).toEqual([
            `${DEFAULT}/objects/Thing__c/fields/Good__c.field-meta.xml:4: malformed XML: Expected closing tag 'label' (opened in line 4, col 5) instead of closing tag 'labl'.`
        ]);
        expect(findings[0].check).toBe('metadata-xml');
    });

    it('reports XML with two root elements', async () => {
        const root = makeProject({
            'labels/CustomLabels.labels-meta.xml': '<CustomLabels></CustomLabels>\n<labels/>\n'
        });
        expect(lines(await checkMetadataXml(root))).toEqual([
            `${DEFAULT}/labels/CustomLabels.labels-meta.xml:1: malformed XML: 2 root elements (expected one)`
        ]);
    });

    it('reports a .cls without its -meta.xml and a -meta.xml without its .cls', async () => {
        const root = makeProject({
            'classes/Orphan.cls': 'public with sharing class Orphan {}\n',
            'classes/Ghost.cls-meta.xml': CLASS_META
        });
        expect(lines(await checkMetadataXml(root))).toEqual([
            `${DEFAULT}/classes/Ghost.cls-meta.xml:1: Ghost.cls-meta.xml has no source file Ghost.cls (the metadata would deploy nothing)`,
            `${DEFAULT}/classes/Orphan.cls:1: Orphan.cls has no Orphan.cls-meta.xml (conversion and deploy would silently drop it)`
        ]);
    });

    it('reports a trigger without its meta file, an LWC bundle without js-meta.xml and a custom object without its object file', async () => {
        const root = makeProject({
            'triggers/ThingTrigger.trigger': 'trigger ThingTrigger on Thing__c (before insert) {}\n',
            'lwc/greeting/greeting.js-meta.xml': null,
            'objects/Widget__c/fields/Size__c.field-meta.xml':
                '<CustomField><fullName>Size__c</fullName></CustomField>\n'
        });
        expect(lines(await checkMetadataXml(root))).toEqual([
            `${DEFAULT}/lwc/greeting/greeting.js:1: LWC bundle greeting has no greeting.js-meta.xml`,
            `${DEFAULT}/objects/Widget__c:1: custom object Widget__c has no Widget__c.object-meta.xml`,
            `${DEFAULT}/triggers/ThingTrigger.trigger:1: ThingTrigger.trigger has no ThingTrigger.trigger-meta.xml (conversion and deploy would silently drop it)`
        ]);
    });

    it('leaves files that .forceignore excludes alone', async () => {
        const root = makeProject({
            '/.forceignore': '**/__tests__/**\n**/classes/Legacy*\n',
            'classes/Legacy.cls': 'x'
        });
        expect(await checkMetadataXml(root)).toEqual([]);
    });
    it('reports unpaired static resources and an Aura bundle without its meta file', async () => {
        const resourceMeta =
            '<?xml version="1.0" encoding="UTF-8"?>\n<StaticResource xmlns="http://soap.sforce.com/2006/04/metadata"><cacheControl>Private</cacheControl><contentType>image/png</contentType></StaticResource>\n';
        const root = makeProject({
            'staticresources/logo.png': 'png',
            'staticresources/logo.resource-meta.xml': resourceMeta,
            'staticresources/banner.png': 'png',
            'staticresources/ghost.resource-meta.xml': resourceMeta,
            'aura/legacy/legacy.cmp': '<aura:component></aura:component>\n'
        });
        expect(lines(await checkMetadataXml(root))).toEqual([
            `${DEFAULT}/aura/legacy:1: Aura bundle legacy has no legacy.cmp-meta.xml (or .app/.evt/.intf/.tokens)`,
            `${DEFAULT}/staticresources/banner.png:1: static resource banner.png has no .resource-meta.xml`,
            `${DEFAULT}/staticresources/ghost.resource-meta.xml:1: static resource ghost has no content file or folder`
        ]);
    });
});
