import { openUrl } from 'c/portalUrl';

describe('c/portalUrl', () => {
    it('navigates the current tab (jsdom reports navigation as not implemented)', () => {
        const errors = jest.spyOn(console, 'error').mockImplementation(() => {});
        expect(() => openUrl('https://billing.example/sso/1')).not.toThrow();
        errors.mockRestore();
    });
});
