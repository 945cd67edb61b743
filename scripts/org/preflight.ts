// org:preflight: reads the org's settings and says which feature the portal needs is off, and how to turn
// it on. Reading is split from judging so the judging is tested on recorded org answers (no org here).

/** What the preflight reads from an org (Metadata API read/list and an Account describe). */
export interface OrgFacts {
    /** readMetadata('OrderSettings', 'Order'). */
    orderSettings?: Record<string, unknown>;
    /** readMetadata('LanguageSettings', 'Language'). */
    languageSettings?: Record<string, unknown>;
    /** readMetadata('CommunitiesSettings', 'Communities'). */
    communitiesSettings?: Record<string, unknown>;
    /** listMetadata Translations: the languages added to Translation Workbench. */
    translationLanguages: string[];
    /** Field names of Account (BillingStateCode exists only with State and Country picklists). */
    accountFields: string[];
}

export type Remedy =
    /** Deployed from scripts/org/settings by org:setup and org:deploy. */
    | { kind: 'deployed'; setting: string }
    /** Only an admin can turn it on; the Setup path and why it is not metadata. */
    | { kind: 'manual'; setupPath: string; why: string };

export interface FeatureCheck {
    feature: string;
    ok: boolean;
    remedy: Remedy;
}

/** The settings files org:setup and org:deploy deploy before force-app. */
export const SETTINGS_METADATA_DIR = 'scripts/org/settings';

// Metadata read answers booleans as true or as the XML text "true", depending on the client version.
const isOn = (value: unknown): boolean => value === true || value === 'true';

/** Features that a settings deploy turns on: name, the setting, where the preflight reads it. */
const DEPLOYABLE: [string, string, (facts: OrgFacts) => unknown][] = [
    ['Orders', 'OrderSettings.enableOrders', (f) => f.orderSettings?.enableOrders],
    [
        'Digital Experiences (Experience Cloud)',
        'CommunitiesSettings.enableNetworksEnabled',
        (f) => f.communitiesSettings?.enableNetworksEnabled
    ],
    [
        'Translation Workbench',
        'LanguageSettings.enableTranslationWorkbench',
        (f) => f.languageSettings?.enableTranslationWorkbench
    ],
    [
        'End-user languages (Japanese for portal users)',
        'LanguageSettings.enableEndUserLanguages',
        (f) => f.languageSettings?.enableEndUserLanguages
    ]
];

export function assessOrg(facts: OrgFacts): FeatureCheck[] {
    return [
        ...DEPLOYABLE.map(([feature, setting, read]): FeatureCheck => ({
            feature,
            ok: isOn(read(facts)),
            remedy: { kind: 'deployed', setting }
        })),
        {
            feature: 'Japanese in Translation Workbench',
            ok: facts.translationLanguages.includes('ja'),
            remedy: {
                kind: 'manual',
                setupPath:
                    'Setup > Translation Workbench > Translation Language Settings > Add: Japanese, Active',
                why: 'a translation language is not a deployable setting; without it the ja translations fail to deploy'
            }
        },
        {
            feature: 'State and Country/Territory Picklists',
            ok: facts.accountFields.includes('BillingStateCode'),
            remedy: {
                kind: 'manual',
                setupPath:
                    'Setup > State and Country/Territory Picklists > Configure states and countries, scan, convert, then Enable for users',
                why: 'enabling converts existing address data, which needs an admin to review the scan'
            }
        }
    ];
}

export function renderPreflight(alias: string, checks: readonly FeatureCheck[]): string[] {
    const lines = [`Org ${alias}: features the portal needs`];
    for (const c of checks) {
        if (c.ok) {
            lines.push(`  ok       ${c.feature}`);
        } else if (c.remedy.kind === 'deployed') {
            lines.push(`  off      ${c.feature}: deployed by org:setup / org:deploy (${c.remedy.setting})`);
        } else {
            lines.push(
                `  MISSING  ${c.feature}: turn it on in ${c.remedy.setupPath} (manual: ${c.remedy.why})`
            );
        }
    }
    return lines;
}

/** Features off that no deploy can turn on: the deploy would fail on them, so the commands stop first. */
export function blockers(checks: readonly FeatureCheck[]): FeatureCheck[] {
    return checks.filter((c) => !c.ok && c.remedy.kind === 'manual');
}

// ---- Real org reads (loaded lazily) ---------------------------------------------------------------

interface PreflightConnection {
    metadata: {
        read(type: string, fullName: string): Promise<unknown>;
        list(queries: { type: string }[]): Promise<unknown>;
    };
    describe(type: string): Promise<{ fields: { name: string }[] }>;
}

interface CoreModule {
    Org: { create(options: { aliasOrUsername: string }): Promise<{ getConnection(): PreflightConnection }> };
}

/** The org's answers as the Metadata API and describe give them (recorded in test/fixtures). */
export interface OrgAnswers {
    orderSettings?: unknown;
    languageSettings?: unknown;
    communitiesSettings?: unknown;
    /** listMetadata answers one object, not a list, when there is one language; nothing when none. */
    translations?: unknown;
    accountDescribe?: { fields?: { name: string }[] };
}

const record = (value: unknown): Record<string, unknown> | undefined =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : undefined;

export function factsFromAnswers(answers: OrgAnswers): OrgFacts {
    const listed = answers.translations;
    const translations = Array.isArray(listed) ? listed : listed ? [listed] : [];
    return {
        orderSettings: record(answers.orderSettings),
        languageSettings: record(answers.languageSettings),
        communitiesSettings: record(answers.communitiesSettings),
        translationLanguages: translations
            .map((t) => record(t)?.fullName)
            .filter((name): name is string => typeof name === 'string'),
        accountFields: (answers.accountDescribe?.fields ?? []).map((f) => f.name)
    };
}

/** Reads the facts through @salesforce/core (auth from the sf CLI store). */
export async function readOrgFacts(alias: string): Promise<OrgFacts> {
    const specifier = '@salesforce/core';
    const core = (await import(specifier)) as CoreModule;
    const conn = (await core.Org.create({ aliasOrUsername: alias })).getConnection();
    return factsFromAnswers({
        orderSettings: await conn.metadata.read('OrderSettings', 'Order'),
        languageSettings: await conn.metadata.read('LanguageSettings', 'Language'),
        communitiesSettings: await conn.metadata.read('CommunitiesSettings', 'Communities'),
        translations: await conn.metadata.list([{ type: 'Translations' }]),
        accountDescribe: await conn.describe('Account')
    });
}
