// Runs a plan step by step, or prints it for --dry-run. Shared by the org commands.
import { parseOrgArgs, UsageError, type CommandName, type OrgOptions } from './args';
import { classifyBackgroundOperation, pollUntil, type PollOptions } from './poll';
import { backgroundOperationQuery, formatSfCommand, renderPlan, type Step } from './plan';
import { assessOrg, blockers, renderPreflight, type OrgFacts } from './preflight';
import { buildSeedPlan, loadSeedFiles, type SeedPlan } from './seed-plan';
import { jobIdOf, type SfRunner } from './sf-cli';
import type { SeedSummary } from './seed-run';

export interface ExecDeps {
    sf: SfRunner;
    seed: (alias: string, plan: SeedPlan) => Promise<SeedSummary>;
    log: (line: string) => void;
    /** Reads the settings the preflight judges. */
    readOrg: (alias: string) => Promise<OrgFacts>;
    /** Overrides for tests (fake clock / sleep). */
    poll?: Pick<PollOptions<unknown>, 'now' | 'sleep' | 'initialDelayMs' | 'maxDelayMs'>;
}

interface BackgroundOperationRow {
    Status?: string;
    Error?: string | null;
}

export async function executePlan(alias: string, steps: readonly Step[], deps: ExecDeps): Promise<void> {
    let jobId: string | undefined;
    let n = 0;
    for (const step of steps) {
        n++;
        deps.log(`${n}. ${step.title}`);
        switch (step.kind) {
            case 'sf': {
                deps.log(`   $ ${formatSfCommand(step.args)}`);
                const json = await deps.sf(step.args);
                if (step.captureJobId) jobId = jobIdOf(json);
                break;
            }
            case 'pollSiteJob': {
                if (!jobId) {
                    deps.log('   sf returned no job id: the job runs in the background, nothing to wait for');
                    break;
                }
                const soql = backgroundOperationQuery(jobId);
                const result = await pollUntil<BackgroundOperationRow | undefined>({
                    check: async () => {
                        const json = await deps.sf(['data', 'query', '--query', soql, '--target-org', alias]);
                        const records = (json.result as { records?: BackgroundOperationRow[] } | undefined)
                            ?.records;
                        return records?.[0];
                    },
                    classify: (row) => classifyBackgroundOperation(row?.Status),
                    timeoutMs: step.timeoutMs,
                    onAttempt: (attempt, row) =>
                        deps.log(`   attempt ${attempt}: ${row?.Status ?? 'not visible yet'}`),
                    ...deps.poll
                });
                if (result.outcome === 'failed') {
                    throw new Error(
                        `${step.title}: job ${jobId} ended with status ${result.value?.Status}: ${result.value?.Error ?? 'no error text'}`
                    );
                }
                if (result.outcome === 'timeout') {
                    throw new Error(
                        `${step.title}: job ${jobId} still running after ${Math.round(result.elapsedMs / 1000)} s`
                    );
                }
                jobId = undefined;
                break;
            }
            case 'seed': {
                const summary = await deps.seed(alias, step.plan);
                deps.log(
                    `   products +${summary.productsInserted}/~${summary.productsUpdated}, prices +${summary.pricesInserted}/~${summary.pricesUpdated}, accounts ${summary.accountsUpserted}`
                );
                break;
            }
            case 'nextSteps':
                for (const line of step.lines) deps.log(`   - ${line}`);
                break;
            case 'preflight': {
                const checks = assessOrg(await deps.readOrg(alias));
                for (const line of renderPreflight(alias, checks)) deps.log(`   ${line}`);
                const missing = blockers(checks);
                if (missing.length > 0) {
                    throw new Error(
                        `turn on first (Setup): ${missing.map((c) => c.feature).join('; ')}. The deploy would fail without them.`
                    );
                }
                break;
            }
            case 'ensureCertificate': {
                const json = await deps.sf([
                    'data',
                    'query',
                    '--use-tooling-api',
                    '--query',
                    step.query,
                    '--target-org',
                    alias
                ]);
                const records = (json.result as { records?: unknown[] } | undefined)?.records ?? [];
                if (records.length > 0) {
                    deps.log(
                        '   the org has it: kept (a redeploy would replace the key pair the middleware trusts)'
                    );
                    break;
                }
                deps.log(`   $ ${formatSfCommand(step.deployArgs)}`);
                await deps.sf(step.deployArgs);
                break;
            }
            case 'apex': {
                deps.log(`   $ ${formatSfCommand(step.args)}`);
                const result = (await deps.sf(step.args)).result as
                    { success?: boolean; compileProblem?: string; exceptionMessage?: string } | undefined;
                if (result?.success === false) {
                    throw new Error(
                        `${step.title}: ${result.compileProblem || result.exceptionMessage || 'Apex failed'}`
                    );
                }
                break;
            }
        }
    }
}

export interface CommandSpec {
    name: CommandName;
    needsSeed: boolean;
    build: (options: OrgOptions, seed: SeedPlan | undefined) => Step[];
}

export interface Io {
    out: (line: string) => void;
    err: (line: string) => void;
    rootDir: string;
}

/** Parses arguments, builds the plan and prints it (dry run) or runs it. Returns the exit code. */
export async function runCommand(
    spec: CommandSpec,
    argv: readonly string[],
    io: Io,
    realDeps: () => Promise<ExecDeps>
): Promise<number> {
    let options: OrgOptions;
    try {
        options = parseOrgArgs(spec.name, argv);
    } catch (err) {
        if (err instanceof UsageError) {
            io.err(err.message);
            return 2;
        }
        throw err;
    }
    try {
        const seed = spec.needsSeed
            ? (() => {
                  const files = loadSeedFiles(io.rootDir);
                  return buildSeedPlan(files.catalog, files.accounts);
              })()
            : undefined;
        const steps = spec.build(options, seed);
        if (options.dryRun) {
            const heading = `org:${spec.name} plan for org alias "${options.alias}" (dry run: nothing is executed, no network)`;
            for (const line of renderPlan(heading, steps)) io.out(line);
            return 0;
        }
        await executePlan(options.alias, steps, await realDeps());
        io.out(`org:${spec.name} finished for ${options.alias}.`);
        return 0;
    } catch (err) {
        io.err(`org:${spec.name} failed: ${(err as Error).message}`);
        return 1;
    }
}
