const { defineConfig, globalIgnores } = require('eslint/config');
const eslintJs = require('@eslint/js');
const globals = require('globals');
const lwcConfig = require('@salesforce/eslint-config-lwc/recommended');
const tseslint = require('typescript-eslint');

module.exports = defineConfig([
    globalIgnores([
        'node_modules/**',
        '.local/**',
        'coverage/**',
        '.sf/**',
        '.sfdx/**',
        '**/staticresources/**',
        'scripts/preview/dist/**',
        'test-results/**'
    ]),
    {
        files: ['force-app/main/default/lwc/**/*.js'],
        extends: [lwcConfig]
    },
    {
        files: ['force-app/main/default/lwc/**/__tests__/**/*.js'],
        extends: [lwcConfig],
        rules: { '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off' },
        languageOptions: { globals: { ...globals.node, ...globals.jest } }
    },
    {
        files: ['force-app/test/jest-mocks/**/*.js', '*.js', 'scripts/**/*.{js,mjs,cjs}'],
        extends: [eslintJs.configs.recommended],
        languageOptions: { globals: { ...globals.node, ...globals.es2021, ...globals.jest } }
    },
    {
        files: ['**/*.ts'],
        extends: [eslintJs.configs.recommended, ...tseslint.configs.recommended],
        languageOptions: { globals: { ...globals.node } },
        rules: {
            '@typescript-eslint/no-unused-vars': [
                'error',
                { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
            ]
        }
    }
]);
