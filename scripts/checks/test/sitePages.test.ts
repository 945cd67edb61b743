import { checkSitePages } from '../contracts/sitePages';
import { lines, makeProject, removeProjects } from './helpers';

jest.setTimeout(30000);
afterAll(removeProjects);

const SITE = 'digitalExperiences/site/Shop1';
const EXPOSED_META = `<?xml version="1.0" encoding="UTF-8"?>
<LightningComponentBundle xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>67.0</apiVersion>
    <isExposed>true</isExposed>
    <targets>
        <target>lightningCommunity__Page</target>
    </targets>
</LightningComponentBundle>
`;

function route(apiName: string, view: string): Record<string, string> {
    const body = {
        type: 'sfdc_cms__route',
        title: apiName,
        contentBody: { activeViewId: view, urlPrefix: view }
    };
    return { [`${SITE}/sfdc_cms__route/${apiName}/content.json`]: JSON.stringify(body, null, 4) };
}

function view(apiName: string, components: string[]): Record<string, string> {
    const tree = {
        definition: 'community_layout:sldsFlexibleLayout',
        children: [
            {
                type: 'region',
                name: 'content',
                children: components.map((c, i) => ({ type: 'component', id: `c${i}`, definition: `c:${c}` }))
            }
        ]
    };
    const body = { type: 'sfdc_cms__view', title: apiName, contentBody: { component: tree } };
    return { [`${SITE}/sfdc_cms__view/${apiName}/content.json`]: JSON.stringify(body, null, 4) };
}

/** An exposed LWC that navigates with the given statement (line 5 of its main file). */
function navigator(name: string, navigation: string): Record<string, string> {
    return {
        [`lwc/${name}/${name}.js`]: [
            "import { LightningElement } from 'lwc';",
            "import { NavigationMixin } from 'lightning/navigation';",
            'export default class X extends NavigationMixin(LightningElement) {',
            '    go() {',
            `        ${navigation}`,
            '    }',
            '}'
        ].join('\n'),
        [`lwc/${name}/${name}.html`]: '<template></template>\n',
        [`lwc/${name}/${name}.js-meta.xml`]: EXPOSED_META,
        [`lwc/${name}/__tests__/${name}.test.js`]: "it('renders', () => {});\n"
    };
}

const GOOD = {
    ...navigator(
        'shopHome',
        "this[NavigationMixin.Navigate]({ type: 'comm__namedPage', attributes: { name: 'Catalog__c' } });"
    ),
    ...navigator(
        'shopCatalog',
        "const links = { home: 'Home' }; this.page = { type: 'comm__namedPage', page: 'Home', links };"
    ),
    ...route('Home', 'home'),
    ...view('home', ['shopHome']),
    ...route('Catalog__c', 'Catalog'),
    ...view('Catalog', ['shopCatalog'])
};

describe('contract-site-pages', () => {
    it('passes when every page name is a route and every placed component is an exposed LWC', async () => {
        expect(await checkSitePages(makeProject(GOOD))).toEqual([]);
    });

    it('passes the clean sample, which navigates nowhere and has no site', async () => {
        expect(await checkSitePages(makeProject())).toEqual([]);
    });

    it('fails on a page name that is not a route of the site, custom or standard', async () => {
        const root = makeProject({
            ...GOOD,
            ...navigator(
                'shopOrders',
                "this[NavigationMixin.Navigate]({ type: 'comm__namedPage', attributes: { name: 'Orders__c' } }); const back = { page: 'Register' };"
            ),
            ...view('Catalog', ['shopCatalog', 'shopOrders'])
        });
        expect(lines(await checkSitePages(root))).toEqual([
            'force-app/main/default/lwc/shopOrders/shopOrders.js:5: page "Orders__c" is not a route of the site (digitalExperiences/site/*/sfdc_cms__route/Orders__c): navigation to it fails',
            'force-app/main/default/lwc/shopOrders/shopOrders.js:5: page "Register" is not a route of the site (digitalExperiences/site/*/sfdc_cms__route/Register): navigation to it fails'
        ]);
    });

    it('fails on a component placed on a page that is not in lwc/, or not exposed to sites', async () => {
        const root = makeProject({ ...GOOD, ...view('home', ['shopHome', 'shopBasket', 'greeting']) });
        expect(lines(await checkSitePages(root))).toEqual([
            `force-app/main/default/${SITE}/sfdc_cms__view/home/content.json:20: the page places c:shopBasket, which is not a component in lwc/`,
            `force-app/main/default/${SITE}/sfdc_cms__view/home/content.json:25: the page places c:greeting, which is not exposed to sites (isExposed true and target lightningCommunity__Page)`
        ]);
    });

    it('fails on a route whose view is not in the site', async () => {
        const root = makeProject({ ...GOOD, ...route('Catalog__c', 'Catalog_Old') });
        expect(lines(await checkSitePages(root))).toEqual([
            `force-app/main/default/${SITE}/sfdc_cms__route/Catalog__c/content.json:1: route Catalog__c shows view "Catalog_Old", which is not in the site`
        ]);
    });

    it('ignores string literals in components that never navigate to a named page', async () => {
        const root = makeProject({
            ...GOOD,
            ...navigator('shopForm', "this.fields = [{ name: 'Postal', label: 'Total__c' }];")
        });
        expect(await checkSitePages(root)).toEqual([]);
    });
});
