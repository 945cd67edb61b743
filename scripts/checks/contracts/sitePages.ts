import { existsSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { lineIndex, listDeployableFiles, readText, rel } from '../lib/files';
import { lwcBundles, lwcSourceFiles } from '../lib/lwc';
import type { Check, CheckResult, Finding } from '../lib/types';

const NAME = 'contract-site-pages';

/** A page name in a component: the API name of a site route (`comm__namedPage` attributes.name). */
export interface PageUse {
    name: string;
    file: string;
    line: number;
}

// Page names reach NavigationMixin through helpers and maps, so every literal that can only be one counts:
// a custom page (`X__c`), or the value of a `name:`/`page:` property (standard pages: `Home`, `Register`...).
const CUSTOM_PAGE = /^[A-Za-z][A-Za-z0-9_]*__c$/;
const STANDARD_PAGE = /^[A-Z][A-Za-z0-9_]*$/;
const PAGE_PROPERTIES = new Set(['name', 'page']);

/** Page names used by a component file that navigates to named pages (none when it never says `comm__namedPage`). */
export function pageUses(file: string): PageUse[] {
    const text = readText(file);
    if (!text.includes('comm__namedPage')) return [];
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
    const uses: PageUse[] = [];
    const visit = (node: ts.Node): void => {
        if (ts.isStringLiteralLike(node)) {
            const parent = node.parent;
            const byProperty =
                ts.isPropertyAssignment(parent) &&
                parent.initializer === node &&
                PAGE_PROPERTIES.has(parent.name.getText(sf).replace(/['"]/g, '')) &&
                STANDARD_PAGE.test(node.text);
            if (CUSTOM_PAGE.test(node.text) || byProperty) {
                const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
                uses.push({ name: node.text, file, line });
            }
        }
        ts.forEachChild(node, visit);
    };
    visit(sf);
    return uses;
}

interface Placement {
    component: string;
    file: string;
    line: number;
}

export interface SiteModel {
    /** Route API names (the page names components navigate to), per site folder. */
    routes: Map<string, { file: string; activeViewId?: string }>;
    views: Set<string>;
    placements: Placement[];
}

function contentJson(file: string): { contentBody?: Record<string, unknown> } | undefined {
    try {
        return JSON.parse(readText(file)) as { contentBody?: Record<string, unknown> };
    } catch {
        return undefined; // metadata-xml / sdr-conversion report unreadable files
    }
}

/** Every `c:` component in a view's component tree, at the line where the file names it. */
function placementsIn(file: string, body: unknown): Placement[] {
    const text = readText(file);
    const lineOf = lineIndex(text);
    const out: Placement[] = [];
    const walk = (node: unknown): void => {
        if (Array.isArray(node)) {
            node.forEach(walk);
        } else if (node && typeof node === 'object') {
            const def = (node as { definition?: unknown }).definition;
            if (typeof def === 'string' && def.startsWith('c:')) {
                const at = text.indexOf(`"${def}"`);
                out.push({ component: def.slice(2), file, line: at >= 0 ? lineOf(at) : 1 });
            }
            Object.values(node).forEach(walk);
        }
    };
    walk(body);
    return out;
}

/** The LWR sites under force-app (DigitalExperienceBundle `site/<Name>`), merged. */
export function siteModel(projectRoot: string): SiteModel {
    const model: SiteModel = { routes: new Map(), views: new Set(), placements: [] };
    const pattern =
        /[\\/]digitalExperiences[\\/]site[\\/][^\\/]+[\\/](sfdc_cms__route|sfdc_cms__view)[\\/]([^\\/]+)[\\/]content\.json$/;
    for (const file of listDeployableFiles(projectRoot)) {
        const m = pattern.exec(file);
        if (!m) continue;
        const [, type, apiName] = m;
        const json = contentJson(file);
        if (type === 'sfdc_cms__route') {
            const activeViewId = json?.contentBody?.activeViewId;
            model.routes.set(apiName, {
                file,
                activeViewId: typeof activeViewId === 'string' ? activeViewId : undefined
            });
        } else {
            model.views.add(apiName);
            model.placements.push(...placementsIn(file, json?.contentBody?.component));
        }
    }
    return model;
}

/** Exposed to Experience Builder: `isExposed` true and the `lightningCommunity__Page` target. */
function isSiteComponent(dir: string, name: string): boolean {
    const meta = path.join(dir, `${name}.js-meta.xml`);
    if (!existsSync(meta)) return false;
    const xml = readText(meta);
    return (
        /<isExposed>\s*true\s*<\/isExposed>/.test(xml) &&
        xml.includes('<target>lightningCommunity__Page</target>')
    );
}

/**
 * The site and the components agree: every page name a component navigates to is a route of the site,
 * every route shows a view that exists, and every component a view places is an LWC in force-app that
 * Experience Builder can place.
 */
export async function runSitePages(projectRoot: string): Promise<CheckResult> {
    const findings: Finding[] = [];
    const add = (file: string, line: number, message: string): void => {
        findings.push({ file: rel(projectRoot, file), line, message, check: NAME });
    };
    const site = siteModel(projectRoot);
    const sources = lwcSourceFiles(projectRoot);
    for (const file of sources) {
        for (const use of pageUses(file)) {
            if (!site.routes.has(use.name)) {
                add(
                    use.file,
                    use.line,
                    `page "${use.name}" is not a route of the site (digitalExperiences/site/*/sfdc_cms__route/${use.name}): navigation to it fails`
                );
            }
        }
    }
    for (const [name, route] of site.routes) {
        if (route.activeViewId === undefined || !site.views.has(route.activeViewId)) {
            add(
                route.file,
                1,
                `route ${name} shows view "${route.activeViewId ?? ''}", which is not in the site`
            );
        }
    }
    const bundles = new Map(lwcBundles(projectRoot).map((b) => [b.name, b.dir]));
    for (const p of site.placements) {
        const dir = bundles.get(p.component);
        if (dir === undefined) {
            add(p.file, p.line, `the page places c:${p.component}, which is not a component in lwc/`);
        } else if (!isSiteComponent(dir, p.component)) {
            add(
                p.file,
                p.line,
                `the page places c:${p.component}, which is not exposed to sites (isExposed true and target lightningCommunity__Page)`
            );
        }
    }
    return { findings, filesExamined: sources.length + site.routes.size + site.views.size };
}

export async function checkSitePages(projectRoot: string): Promise<Finding[]> {
    return (await runSitePages(projectRoot)).findings;
}

export const sitePagesCheck: Check = { name: NAME, run: runSitePages };
