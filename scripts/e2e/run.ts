// `npm run test:e2e`: the whole stack in-process on free ports with in-memory databases, driven by
// Debian's chromium through playwright-core. Prints "N passed, N failed" last.
import fs from 'node:fs';
import path from 'node:path';
import { ensurePreviewBuilt } from '../preview/build';
import { MISSING_ICON } from '../preview/iconSubset';
import { CHROMIUM_PATH, launchBrowser, resultsDir, startE2eStack, type JourneyContext } from './harness';
import { JOURNEYS } from './journeys/index';

async function main(): Promise<number> {
    if (!fs.existsSync(CHROMIUM_PATH)) {
        const reason = `chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
        if (process.env.CI && process.env.CI !== 'false') {
            console.error(`e2e: ${reason}`);
            console.log('0 passed, 1 failed');
            return 1;
        }
        console.log(`e2e: skipped: ${reason}`);
        return 0;
    }
    const filter = process.argv[2];
    await ensurePreviewBuilt((line) => console.log(line));
    const stack = await startE2eStack();
    const browser = await launchBrowser();
    const ctx: JourneyContext = { stack, context: browser.context, facts: {} };
    // An icon left out of the preview's subset would show as a blank square: the journey that meets it fails.
    const missingIcons: string[] = [];
    browser.context.on('console', (message) => {
        if (message.type() === 'error' && message.text().startsWith(MISSING_ICON))
            missingIcons.push(message.text());
    });
    let passed = 0;
    let failed = 0;
    try {
        for (const journey of JOURNEYS) {
            if (filter && !journey.name.includes(filter)) continue;
            const started = Date.now();
            try {
                await journey.run(ctx);
                if (missingIcons.length > 0) throw new Error([...new Set(missingIcons.splice(0))].join('\n'));
                passed += 1;
                console.log(`ok   ${journey.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
            } catch (error) {
                failed += 1;
                console.log(
                    `FAIL ${journey.name}\n     ${error instanceof Error ? error.message.split('\n').slice(0, 6).join('\n     ') : String(error)}`
                );
                fs.mkdirSync(resultsDir, { recursive: true });
                for (const [i, page] of browser.context.pages().entries()) {
                    const file = path.join(
                        resultsDir,
                        `${journey.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}-${i}.png`
                    );
                    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
                    console.log(`     screenshot: ${path.relative(process.cwd(), file)} (${page.url()})`);
                }
            } finally {
                for (const page of browser.context.pages()) await page.close().catch(() => undefined);
            }
        }
    } finally {
        await browser.close();
        await stack.close();
    }
    console.log(`${passed} passed, ${failed} failed`);
    return failed === 0 ? 0 : 1;
}

main().then(
    (code) => process.exit(code),
    (error: unknown) => {
        // Rollup errors carry the file in `id`; plain errors have a stack.
        const detail = error as { stack?: string; message?: string; id?: string };
        console.error(
            detail.id ? `${detail.message} (${detail.id})` : (detail.stack ?? detail.message ?? String(error))
        );
        console.log('0 passed, 1 failed');
        process.exit(1);
    }
);
