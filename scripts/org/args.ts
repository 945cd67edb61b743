// Command-line parsing shared by the org scripts. Kept dependency-free so `--dry-run` runs anywhere.

export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'UsageError';
    }
}

export interface OrgOptions {
    alias: string;
    dryRun: boolean;
    /** Scratch org lifetime (org:setup only). */
    durationDays: number;
    /** Dev Hub alias or username for `sf org create scratch`; the sf default is used when absent. */
    devHub?: string;
    /** org:deploy: republish the LWR site after deploying (default true). */
    publish: boolean;
}

export type CommandName = 'setup' | 'seed' | 'deploy' | 'validate' | 'preflight';

const FLAGS_BY_COMMAND: Record<CommandName, string[]> = {
    setup: ['--alias', '--dry-run', '--duration-days', '--dev-hub'],
    seed: ['--alias', '--dry-run'],
    deploy: ['--alias', '--dry-run', '--no-publish'],
    validate: ['--alias', '--dry-run'],
    preflight: ['--alias', '--dry-run']
};

const VALUE_FLAGS = new Set(['--alias', '--duration-days', '--dev-hub']);

// sf aliases allow letters, digits and a few separators; anything else is almost certainly a typo.
const ALIAS_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,79}$/;

export function usage(command: CommandName): string {
    const extra: Record<CommandName, string> = {
        setup: ' [--duration-days N] [--dev-hub ALIAS]',
        seed: '',
        deploy: ' [--no-publish]',
        validate: '',
        preflight: ''
    };
    return `usage: npm run org:${command} -- --alias <org alias> [--dry-run]${extra[command]}`;
}

export function parseOrgArgs(command: CommandName, argv: readonly string[]): OrgOptions {
    const allowed = FLAGS_BY_COMMAND[command];
    const values = new Map<string, string>();
    const switches = new Set<string>();

    for (let i = 0; i < argv.length; i++) {
        const raw = argv[i];
        const eq = raw.indexOf('=');
        const flag = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
        if (!allowed.includes(flag)) {
            throw new UsageError(`Unknown argument "${raw}" for org:${command}.\n${usage(command)}`);
        }
        if (VALUE_FLAGS.has(flag)) {
            const value = eq > 0 && raw.startsWith('--') ? raw.slice(eq + 1) : argv[++i];
            if (value === undefined || value === '' || value.startsWith('--')) {
                throw new UsageError(`${flag} needs a value.\n${usage(command)}`);
            }
            values.set(flag, value);
        } else {
            switches.add(flag);
        }
    }

    const alias = values.get('--alias');
    if (!alias) {
        throw new UsageError(`Missing required --alias <org alias> for org:${command}.\n${usage(command)}`);
    }
    if (!ALIAS_PATTERN.test(alias)) {
        throw new UsageError(`Invalid --alias "${alias}": use letters, digits, ".", "_", "-" or "@".`);
    }

    let durationDays = 7;
    const duration = values.get('--duration-days');
    if (duration !== undefined) {
        durationDays = Number(duration);
        if (!Number.isInteger(durationDays) || durationDays < 1 || durationDays > 30) {
            throw new UsageError(`--duration-days must be a whole number from 1 to 30, got "${duration}".`);
        }
    }

    return {
        alias,
        dryRun: switches.has('--dry-run'),
        durationDays,
        devHub: values.get('--dev-hub'),
        publish: !switches.has('--no-publish')
    };
}
