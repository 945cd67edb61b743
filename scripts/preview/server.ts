import http from 'node:http';
import path from 'node:path';
import express, { type Request, type Response } from 'express';
import { precompressedAssets } from './assets';
import { allAssets, previewAssets, type PreviewAssets } from './build';
import { LANGUAGE_COOKIE, readCookies, type LocalOrg } from './org/index';
import type { SessionUser } from './org/apexOrg';
import { publicDir, sldsAssetsDir } from './paths';
import { PAGES } from './src/lwc/x/app/pages.js';
import { ROUTES } from './src/runtime/router.js';

export interface PreviewServer {
    url: string;
    port: number;
    close(): Promise<void>;
}

function escapeJson(value: unknown): string {
    // Safe inside <script>: no closing tag, no HTML comment openers.
    return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/**
 * The chunks of the page asked for, to fetch with the entry: the shell picks the page's component from the
 * same tables (router.js, pages.js) once the entry has run, and the page's chunk then imports the rest.
 */
export function preloadsFor(pathname: string, user: SessionUser | null, assets: PreviewAssets): string[] {
    const preloads = assets.preloads;
    if (!preloads) return [];
    const routePath = pathname.replace(/\/+$/, '') || '/';
    const page = PAGES[(ROUTES.find((r) => r.path === routePath) ?? ROUTES[0]).name];
    const shown =
        page?.access === 'any' ||
        (page?.access === 'guest' && !user) ||
        (page?.access === 'customer' && user !== null && !user.isStaff);
    const component = shown ? page.components?.find((name) => preloads.components[name]) : undefined;
    return [...preloads.entry, ...(component ? preloads.components[component] : [])];
}

// The page the Experience Cloud site would serve: SLDS, the bundle and who is signed in.
function indexHtml(req: Request, user: SessionUser | null, assets: PreviewAssets): string {
    const cookieLanguage = readCookies(req)[LANGUAGE_COOKIE];
    const language =
        cookieLanguage === 'ja' || cookieLanguage === 'en' ? cookieLanguage : (user?.language ?? 'en');
    const bootstrap = {
        user: user
            ? {
                  id: user.id,
                  isGuest: false,
                  kind: user.isStaff ? 'staff' : 'customer',
                  name: user.name
              }
            : { id: null, isGuest: true, kind: 'guest', name: '' },
        language,
        lang: language === 'ja' ? 'ja' : 'en-US',
        locale: language === 'ja' ? 'ja-JP' : 'en-US'
    };
    const title = language === 'ja' ? 'カスタマーポータル' : 'Customer Portal';
    return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/assets/${assets.stylesheet.path}">
<script>window.__PREVIEW__ = ${escapeJson(bootstrap)};</script>
<script type="module" src="/assets/${assets.script.path}"></script>
${preloadsFor(req.path, user, assets)
    .map((file) => `<link rel="modulepreload" href="/assets/${file}">\n`)
    .join('')}
</head>
<body>
<div id="root"></div>
</body>
</html>
`;
}

export function createPreviewApp(org: LocalOrg): express.Express {
    const app = express();
    app.disable('x-powered-by');
    app.set('trust proxy', 'loopback');
    app.use('/_org', org.router);
    app.use(
        '/assets',
        precompressedAssets(publicDir, () => {
            const assets = previewAssets();
            return assets ? allAssets(assets) : [];
        })
    );
    // SLDS fonts and images, referenced from its stylesheet.
    app.use('/assets', express.static(sldsAssetsDir, { maxAge: '1h', fallthrough: false }));
    app.get('/favicon.ico', (_req: Request, res: Response) => {
        res.status(204).end();
    });
    // Every other GET is a site page: the shell routes it in the browser.
    app.use((req: Request, res: Response) => {
        if (req.method !== 'GET' || path.extname(req.path)) {
            res.status(404).type('text/plain').send('Not found');
            return;
        }
        // no-store, not no-cache: the page carries who is signed in. It names the hashed assets, so a new
        // build reaches the browser on the next load.
        res.setHeader('Cache-Control', 'no-store');
        const assets = previewAssets();
        if (!assets) {
            res.status(503).type('text/plain').send('The preview bundle is not built yet.');
            return;
        }
        org.userFor(req).then(
            (user) => res.type('html').send(indexHtml(req, user, assets)),
            () => res.status(500).type('text/plain').send('The local org failed.')
        );
    });
    return app;
}

export function listen(app: express.Express, port: number, host = '127.0.0.1'): Promise<PreviewServer> {
    return new Promise((resolve, reject) => {
        const server = http.createServer(app);
        server.once('error', reject);
        server.listen(port, host, () => {
            server.off('error', reject);
            const address = server.address();
            const actual = typeof address === 'object' && address ? address.port : port;
            resolve({
                url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actual}`,
                port: actual,
                close: () =>
                    new Promise<void>((done) => {
                        server.closeAllConnections();
                        server.close(() => done());
                    })
            });
        });
    });
}
