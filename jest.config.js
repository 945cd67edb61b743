const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

const swc = [
    '@swc/jest',
    { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }
];

module.exports = {
    // testTimeout is a global option: Jest ignores it inside a project.
    testTimeout: 30000,
    // Jest's default is one worker fewer than the cores, which on 2 cores means running in band; the main
    // process only schedules, so give every core a worker.
    maxWorkers: '100%',
    projects: [
        {
            ...jestConfig,
            displayName: 'lwc',
            // Without roots the LWC preset would also pick up the TypeScript tests.
            roots: ['<rootDir>/force-app'],
            setupFiles: ['jest-canvas-mock'],
            setupFilesAfterEnv: [...(jestConfig.setupFilesAfterEnv || []), '<rootDir>/jest-sa11y-setup.js'],
            moduleNameMapper: {
                '^test-utils$': '<rootDir>/force-app/test/lwc-test-utils',
                '^@salesforce/apex$': '<rootDir>/force-app/test/jest-mocks/apex',
                '^lightning/navigation$': '<rootDir>/force-app/test/jest-mocks/lightning/navigation',
                '^lightning/platformShowToastEvent$':
                    '<rootDir>/force-app/test/jest-mocks/lightning/platformShowToastEvent',
                '^lightning/confirm$': '<rootDir>/force-app/test/jest-mocks/lightning/confirm',
                '^lightning/refresh$': '<rootDir>/force-app/test/jest-mocks/lightning/refresh',
                '^@salesforce/community/basePath$': '<rootDir>/force-app/test/jest-mocks/community/basePath'
            },
            modulePathIgnorePatterns: ['<rootDir>/.localdevserver']
        },
        {
            displayName: 'node',
            // A throwaway PostgreSQL server for the store suites that run on both dialects.
            globalSetup: '<rootDir>/middleware/test/helpers/postgres-setup.ts',
            globalTeardown: '<rootDir>/middleware/test/helpers/postgres-teardown.ts',
            roots: ['<rootDir>/middleware', '<rootDir>/scripts'],
            testEnvironment: 'node',
            testMatch: ['<rootDir>/middleware/test/**/*.test.ts', '<rootDir>/scripts/**/test/**/*.test.ts'],
            transform: {
                '^.+\\.ts$': swc,
                // jose is ESM-only; Jest 29 runs CommonJS.
                '^.+/node_modules/jose/.+\\.js$': swc,
                // The shell's route and page tables, which the preview server reads too, are browser ESM.
                '^.+/scripts/preview/src/.+\\.js$': swc
            },
            transformIgnorePatterns: ['/node_modules/(?!jose/)']
        }
    ]
};
