// The org commands and the real (networked) dependencies they run with.
import { type CommandSpec, type ExecDeps, type Io, runCommand } from './execute';
import {
    buildDeployPlan,
    buildPreflightPlan,
    buildSeedOnlyPlan,
    buildSetupPlan,
    buildValidatePlan
} from './plan';
import { readOrgFacts } from './preflight';
import type { SeedPlan } from './seed-plan';
import { connectByAlias, runSeed } from './seed-run';
import { runSf } from './sf-cli';

const requireSeed = (seed: SeedPlan | undefined): SeedPlan => {
    if (!seed) throw new Error('seed plan missing');
    return seed;
};

export const COMMANDS: Record<CommandSpec['name'], CommandSpec> = {
    setup: { name: 'setup', needsSeed: true, build: (o, s) => buildSetupPlan(o, requireSeed(s)) },
    seed: { name: 'seed', needsSeed: true, build: (o, s) => buildSeedOnlyPlan(o, requireSeed(s)) },
    deploy: { name: 'deploy', needsSeed: false, build: (o) => buildDeployPlan(o) },
    validate: { name: 'validate', needsSeed: false, build: (o) => buildValidatePlan(o) },
    preflight: { name: 'preflight', needsSeed: false, build: (o) => buildPreflightPlan(o) }
};

export async function realDeps(): Promise<ExecDeps> {
    const log = (line: string): void => console.log(line);
    return {
        sf: runSf,
        log,
        readOrg: readOrgFacts,
        seed: async (alias, plan) => runSeed(plan, await connectByAlias(alias), (l) => log(`   ${l}`))
    };
}

export const consoleIo: Io = {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    rootDir: process.cwd()
};

export function main(name: CommandSpec['name']): void {
    runCommand(COMMANDS[name], process.argv.slice(2), consoleIo, realDeps).then(
        (code) => {
            process.exitCode = code;
        },
        (err: unknown) => {
            console.error(err);
            process.exitCode = 1;
        }
    );
}
