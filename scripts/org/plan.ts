// The ordered steps of each org command. The same list is printed by --dry-run and executed for real,
// so what a dry run shows is exactly what runs.
import type { OrgOptions } from './args';
import { describeSeedPlan, type SeedPlan } from './seed-plan';

export const SITE_NAME = 'Customer Portal';
export const SITE_URL_PREFIX = 'portal';
export const SITE_TEMPLATE = 'Build Your Own (LWR)';
export const SCRATCH_DEF = 'config/project-scratch-def.json';
export const SOURCE_DIR = 'force-app';
/** Metadata deployed once, before force-app, into a new org: the self-signed JWT certificate. */
export const PREREQ_METADATA_DIR = 'scripts/org/metadata';
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
    /** captureJobId: 'required' fails without a BackgroundOperation id; 'optional' lets the next poll be skipped. */
    | { kind: 'sf'; title: string; args: string[]; captureJobId?: 'required' | 'optional' }
    | { kind: 'pollSiteJob'; title: string; timeoutMs: number }
    | { kind: 'seed'; title: string; plan: SeedPlan }
    | { kind: 'nextSteps'; title: string; lines: string[] };

function sf(title: string, args: string[], captureJobId?: 'required' | 'optional'): Step {
    return { kind: 'sf', title, args, captureJobId };
}

export function deployStep(alias: string): Step {
    return sf('Deploy force-app', [
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
            'optional'
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

export function nextStepLines(alias: string): string[] {
    return [
        `Set the real middleware URL on Named Credential Portal_Middleware (placeholder https://middleware.example.invalid): Setup > Named Credentials, org ${alias}.`,
        'Download the public certificate Portal_Middleware_JWT (Setup > Certificate and Key Management) and add it to the middleware JWT public keys (issuer salesforce-portal, audience portal-middleware).',
        `Assign Portal_Guest to the "${SITE_NAME}" site guest user (Experience Builder > Settings > General > guest user profile > Assigned Permission Sets).`,
        'Activate the record pages Order_Portal_Record_Page and Account_Portal_Record_Page as org default (Lightning App Builder > Activation).',
        'Give the owner of the customer Accounts a role (Setup > Users) so portal sign-up can create external users.',
        "Schedule the paused-order re-drive as a user with Portal_Integration: System.schedule('OrderProvisioningScheduler', '0 0 * * * ?', new OrderProvisioningScheduler()); (Anonymous Apex).",
        `Site Administration: add the customer user profile to Members and set Login & Registration to the Experience Builder pages (Login and Forgot Password: the Login page, which hosts portalLogin); then republish with npm run org:deploy -- --alias ${alias}. Customers who sign up or link get Portal_Customer automatically (PortalUserAccessJob); assign it by hand only to portal users created another way.`
    ];
}

export function buildSetupPlan(options: OrgOptions, seed: SeedPlan): Step[] {
    const { alias } = options;
    const create = ['org', 'create', 'scratch', '--definition-file', SCRATCH_DEF, '--alias', alias];
    create.push('--duration-days', String(options.durationDays), '--wait', '30');
    if (options.devHub) create.push('--target-dev-hub', options.devHub);

    return [
        sf('Create the scratch org', create),
        sf('Deploy the JWT signing certificate (new org only; a new key pair is generated there)', [
            'project',
            'deploy',
            'start',
            '--metadata-dir',
            PREREQ_METADATA_DIR,
            '--target-org',
            alias,
            '--wait',
            '30'
        ]),
        deployStep(alias),
        sf(
            'Create the LWR Experience Cloud site',
            [
                'community',
                'create',
                '--name',
                SITE_NAME,
                '--template-name',
                SITE_TEMPLATE,
                '--url-path-prefix',
                SITE_URL_PREFIX,
                '--target-org',
                alias,
                'templateParams.AuthenticationType=AUTHENTICATED_WITH_PUBLIC_ACCESS_ENABLED'
            ],
            'required'
        ),
        {
            kind: 'pollSiteJob',
            title: 'Wait for the site creation job (BackgroundOperation) with backoff',
            timeoutMs: SITE_JOB_TIMEOUT_MS
        },
        sf('Assign the staff and integration permission sets to the admin user', [
            'org',
            'assign',
            'permset',
            ...ADMIN_PERMISSION_SETS.flatMap((name) => ['--name', name]),
            '--target-org',
            alias
        ]),
        ...seedSteps(seed),
        ...publishSteps(alias),
        { kind: 'nextSteps', title: 'Next steps (manual)', lines: nextStepLines(alias) }
    ];
}

export function buildSeedOnlyPlan(options: OrgOptions, seed: SeedPlan): Step[] {
    void options;
    return seedSteps(seed);
}

export function buildDeployPlan(options: OrgOptions): Step[] {
    const steps: Step[] = [deployStep(options.alias)];
    if (options.publish) steps.push(...publishSteps(options.alias));
    return steps;
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
        }
    }
    return lines;
}
