import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { readLabels } from '../preview/labels';
import { CHROMIUM_ARGS } from './chromiumFlags';
import { jaTranslationFile, labelsFile, repoRoot } from '../preview/paths';
import { startStack, type RunningStack } from '../local/stack';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const resultsDir = path.join(repoRoot, 'test-results', 'e2e');

const labels = readLabels(labelsFile, jaTranslationFile);

/** The English (or Japanese) text of a Custom Label, so tests follow label edits. */
export function L(name: string, language: 'en' | 'ja' = 'en'): string {
    const value = language === 'ja' ? (labels.ja[name] ?? labels.en[name]) : labels.en[name];
    if (value === undefined) throw new Error(`No Custom Label ${name}`);
    return value;
}

export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const port = (server.address() as net.AddressInfo).port;
            server.close(() => resolve(port));
        });
    });
}

export async function startE2eStack(): Promise<RunningStack> {
    return startStack({
        previewPort: await freePort(),
        middlewarePort: await freePort(),
        sandboxPort: await freePort(),
        stateDir: null,
        logLevel: 'silent',
        // The local org's log (Apex debug lines, failed requests): next to the screenshots.
        log: (line) => {
            fs.mkdirSync(resultsDir, { recursive: true });
            fs.appendFileSync(path.join(resultsDir, 'local-org.log'), `${line}\n`);
        }
    });
}

export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-e2e-'));
    const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        viewport: { width: 1280, height: 900 },
        args: CHROMIUM_ARGS
    });
    context.setDefaultTimeout(20_000);
    return {
        context,
        async close() {
            await context.close();
            fs.rmSync(profile, { recursive: true, force: true });
        }
    };
}

/** A fresh page with its own cookies (one customer or staff member per journey). */
export async function newSession(context: BrowserContext): Promise<Page> {
    await context.clearCookies();
    const page = await context.newPage();
    page.on('pageerror', (error) => process.stderr.write(`  [page error] ${error.message}\n`));
    return page;
}

/** The <input> of a lightning-input marked data-field=… (or data-id=…). */
export function field(page: Page | Locator, name: string): Locator {
    return page.locator(`[data-field="${name}"] input, [data-id="${name}"] input`).first();
}

/** The <button> inside a lightning-button / c-sso-button marked data-id=… */
export function button(page: Page | Locator, id: string): Locator {
    return page.locator(`[data-id="${id}"] button`).first();
}

export function assert(condition: unknown, message: string): asserts condition {
    if (!condition) throw new Error(message);
}

export interface Journey {
    name: string;
    run(ctx: JourneyContext): Promise<void>;
}

export interface JourneyContext {
    stack: RunningStack;
    context: BrowserContext;
    /** Shared facts between journeys that build on each other (e.g. the order staff approve). */
    facts: Record<string, string>;
}
