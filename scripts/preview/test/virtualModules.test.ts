import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readLabels } from '../labels';
import { previewVirtualModules } from '../virtualModules';

type Hook = (this: unknown, ...args: unknown[]) => unknown;

describe('preview virtual modules', () => {
    const plugin = previewVirtualModules({
        apexMethods: new Set(),
        labels: new Set(),
        missingLabels: new Set()
    });
    const resolveId = plugin.resolveId as unknown as Hook;
    const load = plugin.load as unknown as Hook;

    it('turns an Apex import into a callable wire adapter module', async () => {
        const id = (await resolveId.call(
            {},
            '@salesforce/apex/PortalOrdersController.getOrder',
            '/x/c.js'
        )) as string;
        const code = (await load.call({}, id)) as string;
        expect(code).toContain('createApexMethod("PortalOrdersController.getOrder")');
    });

    it('keeps lightning-base-components on their own i18n stubs and labels', async () => {
        const lbc = '/repo/node_modules/lightning-base-components/src/lightning/input/input.js';
        expect(await resolveId.call({}, '@salesforce/i18n/locale', lbc)).toBeNull();
        expect(await resolveId.call({}, '@salesforce/label/LightningInputFile.bodyText', lbc)).toBeNull();
        expect(await resolveId.call({}, '@salesforce/i18n/locale', '/repo/force-app/x.js')).toMatch(
            /i18n\/locale/
        );
    });

    it('gives the lightning-base-components labels the pages show in Japanese when the page is Japanese', async () => {
        const lbc = '/repo/node_modules/lightning-base-components/src/lightning/input/input.js';
        const id = (await resolveId.call(
            {},
            '@salesforce/label/LightningInput.helptextAlternativeText',
            lbc
        )) as string;
        const code = (await load.call({}, id)) as string;
        expect(code).toContain(`bootstrap.language === 'ja' ? "{0}のヘルプ" : "{0} Help Info"`);
    });

    it('gives every mountable component a loader, so each page is a chunk fetched when shown', async () => {
        const id = (await resolveId.call({}, '@preview/components', '/x/app.js')) as string;
        const code = (await load.call({}, id)) as string;
        expect(code).toContain(`"portalCatalog": () => import('c/portalCatalog').then((m) => m.default)`);
        expect(code).not.toMatch(/^import /m);
    });

    it('marks label and Apex modules pure, so the bundler may fold them into their importers', async () => {
        for (const source of ['@salesforce/label/c.Portal_Orders_Browse', '@salesforce/apex/A.b']) {
            const id = (await resolveId.call({}, source, '/x/c.js')) as string;
            expect(await load.call({}, id)).toMatch(/export default \/\*#__PURE__\*\/ /);
        }
    });

    it('maps the platform modules the components use to the local runtime', async () => {
        for (const source of [
            'lightning/navigation',
            'lightning/platformShowToastEvent',
            'lightning/confirm',
            '@salesforce/apex'
        ]) {
            expect(String(await resolveId.call({}, source, '/x/c.js'))).toMatch(/runtime/);
        }
    });
});

describe('readLabels', () => {
    it('reads the English values and the Japanese translation', () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'labels-'));
        const labels = path.join(dir, 'CustomLabels.labels-meta.xml');
        const ja = path.join(dir, 'ja.translation-meta.xml');
        fs.writeFileSync(
            labels,
            `<?xml version="1.0" encoding="UTF-8"?><CustomLabels xmlns="http://soap.sforce.com/2006/04/metadata">
<labels><fullName>A</fullName><language>en_US</language><protected>false</protected><shortDescription>A</shortDescription><value>Hello &amp; welcome</value></labels>
<labels><fullName>B</fullName><language>en_US</language><protected>false</protected><shortDescription>B</shortDescription><value>{0} days</value></labels>
</CustomLabels>`
        );
        fs.writeFileSync(
            ja,
            `<?xml version="1.0" encoding="UTF-8"?><Translations xmlns="http://soap.sforce.com/2006/04/metadata">
<customLabels><label>ようこそ</label><name>A</name></customLabels></Translations>`
        );
        expect(readLabels(labels, ja)).toEqual({
            en: { A: 'Hello & welcome', B: '{0} days' },
            ja: { A: 'ようこそ' }
        });
        fs.rmSync(dir, { recursive: true, force: true });
    });
});
