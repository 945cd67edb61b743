// `npx tsx scripts/e2e/measure.ts`: preview build time, bundle size (raw + gzip) and time to first render of
// the catalog (navigation start → first product card visible), median of several loads.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildPreview, bundleFile } from '../preview/build';
import { distDir } from '../preview/paths';
import { launchBrowser, startE2eStack } from './harness';

const RUNS = Number(process.env.MEASURE_RUNS || 5);

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
    const cold = process.argv.includes('--cold');
    if (cold) fs.rmSync(path.join(distDir, '.transform-cache'), { recursive: true, force: true });
    const build = await buildPreview({ quiet: true });
    const code = fs.readFileSync(bundleFile);
    const gzip = gzipSync(code, { level: 9 }).length;
    console.log(
        `build (${cold ? 'cold transform cache' : 'warm transform cache'}): ${(build.ms / 1000).toFixed(1)} s`
    );
    console.log(
        `bundle: ${(code.length / 1024 / 1024).toFixed(2)} MB raw, ${(gzip / 1024 / 1024).toFixed(2)} MB gzip`
    );

    const stack = await startE2eStack();
    const browser = await launchBrowser();
    try {
        await stack.org.addCustomerUser({
            customerNumber: '10000003',
            email: 'measure@example.jp',
            firstName: 'Olivia',
            lastName: 'Brown',
            password: 'Measure-2026'
        });
        const page = await browser.context.newPage();
        // Native querySelector, saved before synthetic shadow patches it; rAF polling = frame accuracy.
        // A string, not a function: tsx would add helpers the page does not have.
        await page.addInitScript(`(() => {
            const qs = Document.prototype.querySelector;
            const tick = () => {
                const card = qs.call(document, '[data-product]');
                if (card && card.getBoundingClientRect().height > 0) {
                    window.__firstCard = performance.now();
                    return;
                }
                requestAnimationFrame(tick);
            };
            requestAnimationFrame(tick);
        })();`);
        // What portalLogin does: PortalLoginController.login, then its one-time URL sets the session cookie.
        const login = await page.request.post(`${stack.previewUrl}/_org/apex/PortalLoginController.login`, {
            data: { params: { email: 'measure@example.jp', password: 'Measure-2026', startUrl: null } }
        });
        if (!login.ok()) throw new Error('login failed');
        const signIn = await page.request.get(((await login.json()) as { result: string }).result);
        if (!signIn.ok()) throw new Error('login failed');
        const times: number[] = [];
        for (let i = 0; i < RUNS; i++) {
            await page.goto(`${stack.previewUrl}/catalog`);
            await page.locator('[data-product]').first().waitFor();
            await page.waitForFunction(
                () => (window as unknown as { __firstCard?: number }).__firstCard !== undefined
            );
            times.push(await page.evaluate(() => (window as unknown as { __firstCard: number }).__firstCard));
        }
        console.log(
            `catalog first render: median ${Math.round(median(times))} ms over ${RUNS} loads ` +
                `(first load ${Math.round(times[0])} ms; all: ${times.map((t) => Math.round(t)).join(', ')})`
        );
    } finally {
        await browser.close();
        await stack.close();
    }
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
