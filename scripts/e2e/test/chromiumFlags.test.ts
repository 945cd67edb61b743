import fs from 'node:fs';
import path from 'node:path';
import { CHROMIUM_ARGS, PLAYWRIGHT_DISABLED_FEATURES } from '../chromiumFlags';

// Chromium keeps only the last --disable-features: ours must still carry every feature Playwright disables.
describe('the browser tests’ Chromium switches', () => {
    it('repeat Playwright’s own --disable-features list, as the installed playwright-core has it', () => {
        const bundle = fs.readFileSync(
            path.join(path.dirname(require.resolve('playwright-core/package.json')), 'lib', 'coreBundle.js'),
            'utf8'
        );
        const list = /disabledFeatures = \[([\s\S]*?)\]/.exec(bundle);
        expect(list).not.toBeNull();
        const playwrights = [...(list?.[1] ?? '').matchAll(/^\s*"([A-Za-z0-9]+)"/gm)].map((m) => m[1]);
        expect(playwrights.length).toBeGreaterThan(5);
        expect(PLAYWRIGHT_DISABLED_FEATURES).toEqual(playwrights);
    });

    it('disable the omnibox popup, in the one --disable-features switch', () => {
        const switches = CHROMIUM_ARGS.filter((a) => a.startsWith('--disable-features='));
        expect(switches).toHaveLength(1);
        const features = switches[0].slice('--disable-features='.length).split(',');
        expect(features).toEqual(expect.arrayContaining(['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup']));
        expect(features).toEqual(expect.arrayContaining(PLAYWRIGHT_DISABLED_FEATURES));
    });
});
