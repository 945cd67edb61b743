// The ordered steps of each org command. The same list is printed by --dry-run and executed for real,
// so what a dry run shows is exactly what runs.
import type { OrgOptions } from './args';
import { SETTINGS_METADATA_DIR } from './preflight';
import { describeSeedPlan, type SeedPlan } from './seed-plan';

/** The Network's name (force-app/main/default/networks); `sf community publish` takes it. */
export const SITE_NAME = 'Customer Portal';
export const SCRATCH_DEF = 'config/project-scratch-def.json';
export const SOURCE_DIR = 'force-app';
/** The self-signed JWT certificate the External Credential signs with, deployed once per org (a new key pair). */
export const PREREQ_METADATA_DIR = 'scripts/org/metadata';
export const CERTIFICATE_NAME = 'Portal_Middleware_JWT';
/** Anonymous Apex for what is no metadata: the guest user's permission set, the re-drive schedule. */
export const GUEST_ACCESS_APEX = 'scripts/org/apex/grant-guest-access.apex';
export const SCHEDULE_REDRIVE_APEX = 'scripts/org/apex/schedule-redrive.apex';
/** Permission sets for the admin user that runs setup (staff screens + provisioning automation). */
export const ADMIN_PERMISSION_SETS = ['Portal_Staff', 'Portal_Integration'];
export const DEPLOY_WAIT_MINUTES = 60;
export const SITE_JOB_TIMEOUT_MS = 15 * 60_000;

/** The one query the site-job poller runs (BackgroundOperation is where sf community create/publish jobs live). */
export function backgroundOperationQuery(jobId: string): string {
    if (!/^[A-Za-z0-9]{15,18}$/.test(jobId)) throw new Error(`Unexpected BackgroundOperation id "${jobId}"`);
    return `SELECT Id, Status, Error FROM BackgroundOperation WHERE Id = '${jobId}'`;
}

export type Step =
    /** captureJobId: keep the BackgroundOperation id sf returns for the next poll (none: the poll is skipped). */
    | { kind: 'sf'; title: string; args: string[]; captureJobId?: boolean }
    | { kind: 'pollSiteJob'; title: string; timeoutMs: number }
    /** Reads the org's settings; stops the command when a feature that no deploy can turn on is off. */
    | { kind: 'preflight'; title: string }
    /** Deploys the certificate from `metadataDir` unless the org has it (a redeploy would replace its key pair). */
    | { kind: 'ensureCertificate'; title: string; query: string; deployArgs: string[] }
    /** `sf apex run --file ...`; fails when the Apex does not compile or throws. */
    | { kind: 'apex'; title: string; args: string[] }
    | { kind: 'seed'; title: string; plan: SeedPlan }
    | { kind: 'nextSteps'; title: string; lines: string[] };

function sf(title: string, args: string[], captureJobId?: boolean): Step {
    return { kind: 'sf', title, args, captureJobId };
}

/** The query that tells whether the org has the certificate (Tooling API). */
export function certificateQuery(name: string): string {
    if (!/^[A-Za-z][A-Za-z0-9_]{0,79}$/.test(name)) throw new Error(`Unexpected certificate name "${name}"`);
    return `SELECT Id FROM Certificate WHERE DeveloperName = '${name}'`;
}

function apexStep(alias: string, title: string, file: string): Step {
    return { kind: 'apex', title, args: ['apex', 'run', '--file', file, '--target-org', alias] };
}

const preflightStep: Step = {
    kind: 'preflight',
    title: 'Preflight: the org has Orders, Digital Experiences, Translation Workbench with Japanese, State and Country picklists'
};

/** What force-app needs in the org before it deploys: settings, then the certificate. */
function prerequisiteSteps(alias: string): Step[] {
    return [
        sf(
            'Deploy the org settings (Orders, Digital Experiences, Translation Workbench, end-user languages)',
            [
                'project',
                'deploy',
                'start',
                '--metadata-dir',
                SETTINGS_METADATA_DIR,
                '--target-org',
                alias,
                '--wait',
                '30'
            ]
        ),
        {
            kind: 'ensureCertificate',
            title: `Deploy the JWT signing certificate ${CERTIFICATE_NAME} unless the org has it (the External Credential needs it)`,
            query: certificateQuery(CERTIFICATE_NAME),
            deployArgs: [
                'project',
                'deploy',
                'start',
                '--metadata-dir',
                PREREQ_METADATA_DIR,
                '--target-org',
                alias,
                '--wait',
                '30'
            ]
        }
    ];
}

function guestAccessStep(alias: string): Step {
    return apexStep(alias, 'Give the site guest user Portal_Guest', GUEST_ACCESS_APEX);
}

export function deployStep(alias: string): Step {
    return sf('Deploy force-app (the Experience Cloud site included)', [
        'project',
        'deploy',
        'start',
        '--source-dir',
        SOURCE_DIR,
        '--target-org',
        alias,
        '--wait',
        String(DEPLOY_WAIT_MINUTES)
    ]);
}

function publishSteps(alias: string): Step[] {
    return [
        sf(
            'Publish the LWR site (components are frozen at publish)',
            ['community', 'publish', '--name', SITE_NAME, '--target-org', alias],
            true
        ),
        {
            kind: 'pollSiteJob',
            title: 'Wait for the publish job (BackgroundOperation) with backoff',
            timeoutMs: SITE_JOB_TIMEOUT_MS
        }
    ];
}

export function seedSteps(seed: SeedPlan): Step[] {
    return [
        { kind: 'seed', title: 'Seed catalog, standard price book entries and demo accounts', plan: seed }
    ];
}

/** What stays manual, each with the reason no script or metadata does it. */
export function nextStepLines(alias: string): string[] {
    return [
        `Set the real middleware URL on Named Credential Portal_Middleware (Setup > Named Credentials, org ${alias}), because the URL differs per environment and git holds a placeholder (https://middleware.example.invalid).`,
        `Download the public certificate ${CERTIFICATE_NAME} (Setup > Certificate and Key Management) and add it to the middleware's JWT public keys (issuer salesforce-portal, audience portal-middleware), because the key pair is generated in the org and its private key never leaves it.`,
        'Give the owner of the customer Accounts a role (Setup > Users), because the platform creates portal users only on Accounts whose owner has one, and users and roles are org data, not source.',
        'Activate Order_Portal_Record_Page and Account_Portal_Record_Page (Lightning App Builder > Activation: org default, or per app and profile), because deploying the objects with action overrides would replace the record pages an existing org already uses.'
    ];
}

export function buildSetupPlan(options: OrgOptions, seed: SeedPlan): Step[] {
    const { alias } = options;
    const create = ['org', 'create', 'scratch', '--definition-file', SCRATCH_DEF, '--alias', alias];
    create.push('--duration-days', String(options.durationDays), '--wait', '30');
    if (options.devHub) create.push('--target-dev-hub', options.devHub);

    return [
        sf('Create the scratch org', create),
        preflightStep,
        ...prerequisiteSteps(alias),
        deployStep(alias),
        sf('Assign the staff and integration permission sets to the admin user', [
            'org',
            'assign',
            'permset',
            ...ADMIN_PERMISSION_SETS.flatMap((name) => ['--name', name]),
            '--target-org',
            alias
        ]),
        guestAccessStep(alias),
        ...seedSteps(seed),
        ...publishSteps(alias),
        apexStep(
            alias,
            'Schedule the hourly re-drive of paused orders (runs as this admin, who holds Portal_Integration)',
            SCHEDULE_REDRIVE_APEX
        ),
        { kind: 'nextSteps', title: 'Next steps (manual)', lines: nextStepLines(alias) }
    ];
}

export function buildSeedOnlyPlan(options: OrgOptions, seed: SeedPlan): Step[] {
    void options;
    return seedSteps(seed);
}

export function buildDeployPlan(options: OrgOptions): Step[] {
    const steps: Step[] = [
        preflightStep,
        ...prerequisiteSteps(options.alias),
        deployStep(options.alias),
        guestAccessStep(options.alias)
    ];
    if (options.publish) steps.push(...publishSteps(options.alias));
    return steps;
}

export function buildPreflightPlan(options: OrgOptions): Step[] {
    void options;
    return [preflightStep];
}

export function buildValidatePlan(options: OrgOptions): Step[] {
    return [
        sf('Check-only deploy of force-app running local Apex tests', [
            'project',
            'deploy',
            'validate',
            '--source-dir',
            SOURCE_DIR,
            '--test-level',
            'RunLocalTests',
            '--target-org',
            options.alias,
            '--wait',
            String(DEPLOY_WAIT_MINUTES)
        ])
    ];
}

/** Quotes an argument for display the way a POSIX shell would need it. */
export function shellQuote(arg: string): string {
    return /^[A-Za-z0-9_./:=@,+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function formatSfCommand(args: readonly string[]): string {
    return ['sf', ...args].map(shellQuote).join(' ');
}

export function renderPlan(heading: string, steps: readonly Step[]): string[] {
    const lines = [heading];
    let n = 0;
    for (const step of steps) {
        n++;
        switch (step.kind) {
            case 'sf':
                lines.push(`${n}. ${step.title}`, `     ${formatSfCommand(step.args)}`);
                break;
            case 'pollSiteJob':
                lines.push(
                    `${n}. ${step.title}`,
                    `     poll: ${backgroundOperationQuery('0000000000JOBID').replace('0000000000JOBID', `<jobId from step ${n - 1}>`)} ` +
                        `(backoff 2s x1.6 up to 30s, timeout ${Math.round(step.timeoutMs / 60_000)} min)`
                );
                break;
            case 'seed':
                lines.push(`${n}. ${step.title}`, ...describeSeedPlan(step.plan).map((l) => `     ${l}`));
                break;
            case 'nextSteps':
                lines.push(`${n}. ${step.title}`, ...step.lines.map((l) => `     - ${l}`));
                break;
            case 'preflight':
                lines.push(
                    `${n}. ${step.title}`,
                    '     read: OrderSettings, CommunitiesSettings, LanguageSettings, Translations languages, Account fields; stop if a manual feature is off'
                );
                break;
            case 'ensureCertificate':
                lines.push(
                    `${n}. ${step.title}`,
                    `     query (Tooling API): ${step.query}`,
                    `     if none: ${formatSfCommand(step.deployArgs)}`
                );
                break;
            case 'apex':
                lines.push(`${n}. ${step.title}`, `     ${formatSfCommand(step.args)}`);
                break;
        }
    }
    return lines;
}
