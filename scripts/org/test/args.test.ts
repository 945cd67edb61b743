import { parseOrgArgs, UsageError } from '../args';

describe('parseOrgArgs', () => {
    it('reads the alias, dry run and duration', () => {
        expect(parseOrgArgs('setup', ['--alias', 'demo', '--dry-run', '--duration-days', '3'])).toEqual({
            alias: 'demo',
            dryRun: true,
            durationDays: 3,
            devHub: undefined,
            publish: true
        });
    });

    it('accepts --flag=value and defaults', () => {
        const options = parseOrgArgs('deploy', ['--alias=ci-org', '--no-publish']);
        expect(options).toMatchObject({ alias: 'ci-org', dryRun: false, durationDays: 7, publish: false });
    });

    it.each(['setup', 'seed', 'deploy', 'validate'] as const)(
        'org:%s without --alias explains what is missing',
        (cmd) => {
            expect(() => parseOrgArgs(cmd, ['--dry-run'])).toThrow(UsageError);
            expect(() => parseOrgArgs(cmd, ['--dry-run'])).toThrow(
                new RegExp(
                    `Missing required --alias <org alias> for org:${cmd}[\\s\\S]*usage: npm run org:${cmd} -- --alias`
                )
            );
        }
    );

    it('rejects a flag without its value', () => {
        expect(() => parseOrgArgs('seed', ['--alias'])).toThrow('--alias needs a value');
        expect(() => parseOrgArgs('seed', ['--alias', '--dry-run'])).toThrow('--alias needs a value');
    });

    it('rejects unknown and misplaced flags', () => {
        expect(() => parseOrgArgs('seed', ['--alias', 'x', '--force'])).toThrow(
            'Unknown argument "--force" for org:seed'
        );
        expect(() => parseOrgArgs('validate', ['--alias', 'x', '--duration-days', '2'])).toThrow(
            'Unknown argument'
        );
    });

    it('validates the duration and the alias shape', () => {
        expect(() => parseOrgArgs('setup', ['--alias', 'x', '--duration-days', '45'])).toThrow(
            'from 1 to 30'
        );
        expect(() => parseOrgArgs('setup', ['--alias', 'x', '--duration-days', '1.5'])).toThrow(
            'whole number'
        );
        expect(() => parseOrgArgs('setup', ['--alias', 'bad alias;rm'])).toThrow('Invalid --alias');
    });
});
