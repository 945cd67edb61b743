// `npx tsx scripts/e2e/measure.ts [--cold]`: preview build time, the bytes of the catalog's first load over
// the wire (each file it fetched, fetched again as identity, gzip and `br, gzip`), and time to first render of
// the catalog (navigation start → first product card visible): the first (uncached) load of a new visitor and
// the median of their loads, and the very first visit after the preview started (its server cold too).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Request } from 'playwright-core';
import { buildPreview } from '../preview/build';
import { distDir } from '../preview/paths';
import { launchBrowser, startE2eStack } from './harness';

const RUNS = Number(process.env.MEASURE_RUNS || 5);
const ENCODINGS = ['identity', 'gzip', 'br, gzip'] as const;

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

function kb(bytes: number): string {
    return `${(bytes / 1024).toFixed(1)} KB`;
}

// The body as sent (not decoded), so the count is what crossed the wire.
function wireBytes(
    url: string,
    encoding: string,
    cookie: string
): Promise<{ bytes: number; sentAs: string }> {
    return new Promise((resolve, reject) => {
        http.get(url, { headers: { 'accept-encoding': encoding, cookie } }, (res) => {
            let bytes = 0;
            res.on('data', (chunk: Buffer) => (bytes += chunk.length));
            res.on('end', () => {
                if (res.statusCode !== 200) reject(new Error(`${url}: HTTP ${res.statusCode}`));
                else resolve({ bytes, sentAs: String(res.headers['content-encoding'] ?? 'identity') });
            });
            res.on('error', reject);
        }).on('error', reject);
    });
}

/** Signs in from a new browser profile and loads the catalog `runs` times; the first load is uncached. */
async function visitCatalog(previewUrl: string, runs: number) {
    const browser = await launchBrowser();
    try {
        const page = await browser.context.newPage();
        // Native querySelector, saved before synthetic shadow patches it; rAF polling = frame accuracy.
        // A string, not a function: tsx would add helpers the page does not have.
        await page.addInitScript(`(() => {
            const qs = Document.prototype.querySelector;
            const tick = () => {
                const card = qs.call(document, '[data-product]');
                if (card && card.getBoundingClientRect().height > 0) {
                    window.__firstCard = performance.now();
                    console.debug('__firstCard');
                    return;
                }
                requestAnimationFrame(tick);
            };
            requestAnimationFrame(tick);
        })();`);
        // What portalLogin does: PortalLoginController.login, then its one-time URL sets the session cookie.
        const login = await page.request.post(`${previewUrl}/_org/apex/PortalLoginController.login`, {
            data: { params: { email: 'measure@example.jp', password: 'Measure-2026', startUrl: null } }
        });
        if (!login.ok()) throw new Error('login failed');
        const signIn = await page.request.get(((await login.json()) as { result: string }).result);
        if (!signIn.ok()) throw new Error('login failed');

        // Every GET of the first load (the page, its scripts, styles, fonts, icons; not the Apex calls).
        const firstLoad = new Set<string>();
        const received: Promise<number>[] = [];
        const collect = (request: Request) => {
            if (request.method() === 'GET' && request.url().startsWith(previewUrl)) {
                firstLoad.add(request.url());
                received.push(request.sizes().then((sizes) => sizes.responseBodySize));
            }
        };
        page.on('requestfinished', collect);
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
            // Told by the page itself: a locator or waitForFunction would have Playwright compile its injected
            // script on the page's main thread while the catalog renders, and count it as the page's time.
            const rendered = page.waitForEvent('console', { predicate: (m) => m.text() === '__firstCard' });
            await page.goto(`${previewUrl}/catalog`);
            await rendered;
            times.push(await page.evaluate(() => (window as unknown as { __firstCard: number }).__firstCard));
            if (i === 0) {
                // Icons load after the first card: count them too.
                await page.waitForLoadState('networkidle');
                page.off('requestfinished', collect);
            }
        }
        const cookie = (await browser.context.cookies(previewUrl))
            .map((c) => `${c.name}=${c.value}`)
            .join('; ');
        return { times, firstLoad, received: await Promise.all(received), cookie };
    } finally {
        await browser.close();
    }
}

async function main(): Promise<void> {
    const cold = process.argv.includes('--cold');
    if (cold) fs.rmSync(path.join(distDir, '.transform-cache'), { recursive: true, force: true });
    const build = await buildPreview({ quiet: true });
    console.log(
        `build (${cold ? 'cold transform cache' : 'warm transform cache'}): ${(build.ms / 1000).toFixed(1)} s`
    );

    const stack = await startE2eStack();
    try {
        await stack.org.addCustomerUser({
            customerNumber: '10000003',
            email: 'measure@example.jp',
            firstName: 'Olivia',
            lastName: 'Brown',
            password: 'Measure-2026'
        });
        // The very first visit after the preview starts also pays for its cold server (the local org runs the
        // catalog's Apex for the first time); a new visitor after it finds the server warm, as on a live site.
        const coldServer = await visitCatalog(stack.previewUrl, 1);
        const { times, firstLoad, received, cookie } = await visitCatalog(stack.previewUrl, RUNS);

        const totals: Record<string, number> = Object.fromEntries(ENCODINGS.map((e) => [e, 0]));
        console.log(`first load, bytes over the wire (body) per file: ${ENCODINGS.join(' | ')}`);
        for (const url of firstLoad) {
            const cells: string[] = [];
            for (const encoding of ENCODINGS) {
                const { bytes, sentAs } = await wireBytes(url, encoding, cookie);
                totals[encoding] += bytes;
                cells.push(`${kb(bytes)}${sentAs === 'identity' ? '' : ` (${sentAs})`}`);
            }
            console.log(`  ${url.slice(stack.previewUrl.length)}: ${cells.join(' | ')}`);
        }
        console.log(
            `first load total over the wire (${firstLoad.size} files): ` +
                ENCODINGS.map((e) => `${e} ${kb(totals[e])}`).join(', ') +
                `; chromium received ${kb(received.reduce((a, b) => a + b, 0))}`
        );
        console.log(
            `catalog first render, new visitor (new browser profile, server warm): first load ` +
                `${Math.round(times[0])} ms, median ${Math.round(median(times))} ms over ${RUNS} loads ` +
                `(all: ${times.map((t) => Math.round(t)).join(', ')}); ` +
                `the first visit after the preview started: ${Math.round(coldServer.times[0])} ms`
        );
    } finally {
        await stack.close();
    }
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
