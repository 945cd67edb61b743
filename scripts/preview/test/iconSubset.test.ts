import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { iconNamesIn, MISSING_ICON, subsetTemplates } from '../iconSubset';
import { lbcDir, lwcDir, srcDir } from '../paths';

const templatesOf = (category: string) =>
    path.join(
        lbcDir,
        'lightning',
        `iconSvgTemplates${category[0].toUpperCase()}${category.slice(1)}`,
        'buildTemplates',
        'templates.js'
    );

/** The generated module run as a function: its imports dropped, its default export returned. */
function evaluate(code: string): Record<string | symbol, unknown> {
    const body = code.replace(/^import .*$/gm, '').replace('export default ', 'return ');
    return new Function(body)() as Record<string | symbol, unknown>;
}

describe('iconNamesIn', () => {
    let root: string;
    beforeEach(() => {
        root = fs.mkdtempSync(path.join(os.tmpdir(), 'icons-'));
        const write = (relative: string, text: string) => {
            fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
            fs.writeFileSync(path.join(root, relative), text);
        };
        write('card/card.html', '<lightning-icon icon-name="standard:orders"></lightning-icon>');
        write('steps/steps.js', "const ICONS = { done: 'utility:success', failed: 'action:close' };");
        write('steps/__tests__/steps.test.js', "const shown = 'utility:only_in_a_test';");
        write('lightning/iconSvgTemplatesUtility/list.js', "'utility:every_icon_there_is'");
        write('notes.md', 'utility:not_a_source_file');
    });
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    it('finds category:name literals in .js and .html, as the templates’ keys', () => {
        const names = iconNamesIn([root]);
        for (const name of ['standard_orders', 'utility_success', 'action_close']) {
            expect(names.has(name)).toBe(true);
        }
    });

    it('skips tests, the icon templates themselves and other files', () => {
        const names = iconNamesIn([root]);
        for (const name of [
            'utility_only_in_a_test',
            'utility_every_icon_there_is',
            'utility_not_a_source_file'
        ]) {
            expect(names.has(name)).toBe(false);
        }
    });

    it('keeps the names lightning-toast builds at runtime, and ignores a root that does not exist', () => {
        const names = iconNamesIn([path.join(root, 'missing')]);
        expect([...names].sort()).toEqual([
            'utility_error',
            'utility_info',
            'utility_success',
            'utility_warning'
        ]);
    });
});

describe('subsetTemplates', () => {
    const source = [
        "import { default as utility_add } from './utility/add.html';",
        "import { default as utility_close } from './utility/close.html';",
        "import { default as utility_down } from './utility/down.html';",
        'export default { utility_add, utility_close, utility_down };'
    ].join('\n');

    it('imports only the kept icons', () => {
        const code = subsetTemplates(source, new Set(['utility_close', 'utility_other']));
        expect(code.match(/^import .*$/gm)).toEqual([
            "import { default as utility_close } from './utility/close.html';"
        ]);
        expect(code).toContain('const templates = { utility_close };');
    });

    it('answers a kept icon and reports a missing one by its icon name, never for other keys', () => {
        const errors: unknown[] = [];
        const spy = jest
            .spyOn(console, 'error')
            .mockImplementation((...args) => void errors.push(args.join(' ')));
        try {
            const code = subsetTemplates(source, new Set(['utility_close']));
            const templates = evaluate(
                code
                    .replace("from './utility/close.html';", '')
                    .replace(
                        'const templates = { utility_close };',
                        "const templates = { utility_close: 'close template' };"
                    )
            );
            expect(templates.utility_close).toBe('close template');
            expect(templates.utility_down).toBeUndefined();
            // A promise resolved with the library reads `then`; symbols and plain keys are not icons.
            expect(templates.then).toBeUndefined();
            expect(templates[Symbol.iterator]).toBeUndefined();
            expect(errors).toEqual([`${MISSING_ICON} utility:down is not one.`]);
        } finally {
            spy.mockRestore();
        }
    });
});

describe('the preview’s icon subset, on the real sources', () => {
    const names = iconNamesIn([lwcDir, srcDir, lbcDir]);

    it('holds every icon our components name, each one lightning-base-components has', () => {
        const ours = iconNamesIn([lwcDir, srcDir]);
        expect(ours.size).toBeGreaterThan(10);
        for (const name of ours) {
            const category = name.slice(0, name.indexOf('_'));
            expect(fs.readFileSync(templatesOf(category), 'utf8')).toContain(`{ default as ${name} }`);
            expect(names.has(name)).toBe(true);
        }
    });

    it('is a small part of the full set', () => {
        const utility = fs.readFileSync(templatesOf('utility'), 'utf8');
        const all = utility.match(/^import /gm)?.length ?? 0;
        const kept = subsetTemplates(utility, names).match(/^import /gm)?.length ?? 0;
        expect(all).toBeGreaterThan(500);
        expect(kept).toBeGreaterThan(10);
        expect(kept).toBeLessThan(all / 5);
    });
});
