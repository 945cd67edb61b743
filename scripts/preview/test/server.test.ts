import type { PreviewAssets } from '../build';
import type { SessionUser } from '../org/apexOrg';
import { preloadsFor } from '../server';

const asset = (path: string) => ({ path, bytes: 1, gzip: 1, br: 1 });
const assets: PreviewAssets = {
    script: asset('build/app.js'),
    chunks: [],
    stylesheet: asset('styles/slds.css'),
    preloads: {
        entry: ['build/shared.js'],
        components: {
            portalCatalog: ['build/portalCatalog.js', 'build/button.js'],
            portalLogin: ['build/portalLogin.js']
        }
    }
};
const customer = { isStaff: false } as SessionUser;

describe('preloadsFor: the chunks of the page asked for, fetched with the entry', () => {
    it("preloads a customer's page with its chunk's imports, trailing slash or not", () => {
        expect(preloadsFor('/catalog', customer, assets)).toEqual([
            'build/shared.js',
            'build/portalCatalog.js',
            'build/button.js'
        ]);
        expect(preloadsFor('/catalog/', customer, assets)).toEqual(preloadsFor('/catalog', customer, assets));
    });

    it('preloads only what the shell will show: no customer page for a guest or staff', () => {
        expect(preloadsFor('/catalog', null, assets)).toEqual(['build/shared.js']);
        expect(preloadsFor('/catalog', { isStaff: true } as SessionUser, assets)).toEqual([
            'build/shared.js'
        ]);
        expect(preloadsFor('/login', null, assets)).toEqual(['build/shared.js', 'build/portalLogin.js']);
    });

    it('preloads nothing for a page with no built component, or a bundle built before preloads', () => {
        expect(preloadsFor('/orders', customer, assets)).toEqual(['build/shared.js']);
        expect(preloadsFor('/catalog', customer, { ...assets, preloads: undefined })).toEqual([]);
    });
});
