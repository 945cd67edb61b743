/**
 * Environment → typed configuration. Every problem is reported at once, naming the variable, so a
 * misconfigured start fails with one readable line.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import catalog from '../../data/catalog.json';
import { EFFECTIVE_RULES, type EffectiveRule } from './domain/service-requests';

export interface WhmcsConfig {
    apiUrl: string;
    identifier: string;
    secret: string;
    accessKey?: string;
    timeoutMs: number;
    /** Gateway module name sent with AddOrder. */
    paymentMethod: string;
    /** True when no WHMCS variables were set and the local sandbox defaults are used. */
    usingSandboxDefaults: boolean;
    fields: {
        customerNumber: number;
        mnpReservationNumber: number;
        mnpExpiresOn: number;
        mnpPhoneNumber: number;
        mnpHolderName: number;
        vpnRegion: number;
        installationAddress: number;
    };
    /** WHMCS product ids of Internet plans (for "already has Internet"). */
    internetProductIds: number[];
    /** Path (relative to the WHMCS system URL) of the "add a payment method" page. */
    addPaymentMethodPath: string;
}

export interface Config {
    port: number;
    host: string;
    databasePath: string;
    databaseUrl?: string;
    logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
    whmcs: WhmcsConfig;
    jwt: {
        /** PEM blocks: SPKI public keys or X.509 certificates. */
        publicKeys: string[];
        issuer: string;
        audience: string;
        clockSkewSeconds: number;
        maxLifetimeSeconds: number;
    };
    rules: {
        mnpMinDaysLeft: number;
        vpnRegions: string[];
    };
    verification: {
        maxFailuresPerEmail: number;
        maxFailuresPerIp: number;
        windowMinutes: number;
    };
    provisioning: {
        leaseMs: number;
        waitMs: number;
        settleMs: number;
    };
    /** How long a client confirmed to exist is not asked for again on reads (0: always asked). */
    knownClientTtlSeconds: number;
    /** When plan changes and cancellations take effect (one rule for now). */
    serviceChangeEffective: EffectiveRule;
}

export class ConfigError extends Error {
    readonly problems: string[];
    constructor(problems: string[]) {
        super(`invalid configuration: ${problems.join('; ')}`);
        this.name = 'ConfigError';
        this.problems = problems;
    }
}

export const SANDBOX_DEFAULTS = {
    apiUrl: 'http://127.0.0.1:8081',
    identifier: 'sandbox-identifier',
    secret: 'sandbox-secret-change-me'
} as const;

const PEM_BLOCK = /-----BEGIN (PUBLIC KEY|CERTIFICATE)-----[\s\S]+?-----END \1-----/g;

/** Extracts SPKI public keys and X.509 certificates from text holding one or more PEM blocks. */
export function extractPemBlocks(text: string): string[] {
    // Environment files often carry PEM with literal "\n" sequences.
    const normalised = text.replace(/\\n/g, '\n');
    return [...normalised.matchAll(PEM_BLOCK)].map((m) => m[0]);
}

const internetPlanIds = catalog.products
    .filter((p) => p.Portal_Category__c === 'Internet' && p.Portal_Item_Type__c === 'Plan')
    .map((p) => p.WHMCS_Product_Id__c);
const fieldDefaults = catalog.whmcsCustomFields;

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const fieldId = (fallback: number) => int(1, 2_147_483_647).default(fallback);
const csv = z
    .string()
    .transform((s) =>
        s
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean)
    )
    .pipe(z.array(z.string()).min(1));
const idList = z
    .string()
    .transform((s) =>
        s
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean)
            .map(Number)
    )
    .pipe(z.array(z.number().int().positive()).min(1));
const optionalText = z
    .string()
    .optional()
    .transform((s) => (s && s.trim() !== '' ? s.trim() : undefined));

const envSchema = z.object({
    PORT: int(0, 65535).default(8080),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATABASE_PATH: z.string().min(1).default('.local/middleware.db'),
    DATABASE_URL: optionalText.pipe(
        z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }).optional()
    ),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    WHMCS_API_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    WHMCS_API_IDENTIFIER: optionalText,
    WHMCS_API_SECRET: optionalText,
    WHMCS_ACCESS_KEY: optionalText,
    WHMCS_TIMEOUT_MS: int(100, 120_000).default(10_000),
    WHMCS_PAYMENT_METHOD: z.string().min(1).default('testcard'),
    WHMCS_CUSTOMER_NUMBER_FIELD_ID: fieldId(fieldDefaults.client.customerNumber),
    WHMCS_MNP_RESERVATION_FIELD_ID: fieldId(fieldDefaults.product.mnpReservationNumber),
    WHMCS_MNP_EXPIRY_FIELD_ID: fieldId(fieldDefaults.product.mnpExpiresOn),
    WHMCS_MNP_PHONE_FIELD_ID: fieldId(fieldDefaults.product.mnpPhoneNumber),
    WHMCS_MNP_HOLDER_FIELD_ID: fieldId(fieldDefaults.product.mnpHolderName),
    WHMCS_VPN_REGION_FIELD_ID: fieldId(fieldDefaults.product.vpnRegion),
    WHMCS_INSTALLATION_ADDRESS_FIELD_ID: fieldId(fieldDefaults.product.installationAddress),
    WHMCS_INTERNET_PRODUCT_IDS: idList.default(internetPlanIds),
    WHMCS_ADD_PAYMENT_METHOD_PATH: z
        .string()
        .regex(/^[^:]+$/, 'must be a path relative to the WHMCS system URL')
        .default('index.php?rp=/account/paymentmethods/add'),
    JWT_PUBLIC_KEYS: optionalText,
    JWT_PUBLIC_KEYS_FILE: optionalText,
    JWT_ISSUER: z.string().min(1).default('salesforce-portal'),
    JWT_AUDIENCE: z.string().min(1).default('portal-middleware'),
    JWT_CLOCK_SKEW_SECONDS: int(0, 300).default(30),
    JWT_MAX_LIFETIME_SECONDS: int(60, 86_400).default(3600),
    MNP_MIN_DAYS_LEFT: int(0, 365).default(10),
    VPN_REGIONS: csv.default(catalog.vpnRegions),
    VERIFY_MAX_FAILURES_PER_EMAIL: int(1, 1000).default(5),
    VERIFY_MAX_FAILURES_PER_IP: int(1, 100_000).default(20),
    VERIFY_WINDOW_MINUTES: int(1, 24 * 60).default(15),
    PROVISIONING_LEASE_MS: int(1000, 600_000).default(60_000),
    PROVISIONING_WAIT_MS: int(0, 120_000).default(15_000),
    PROVISIONING_SETTLE_MS: int(100, 3_600_000).default(120_000),
    KNOWN_CLIENT_TTL_SECONDS: int(0, 600).default(60),
    SERVICE_CHANGE_EFFECTIVE: z.enum(EFFECTIVE_RULES).default('end_of_billing_period')
});

const MISSING_KEYS =
    'JWT_PUBLIC_KEYS: required (PEM public keys or certificates), or set JWT_PUBLIC_KEYS_FILE';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
    // Empty strings count as "not set", the way shells and .env files usually mean them.
    const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
    const parsed = envSchema.safeParse(cleaned);
    const problems: string[] = [];
    if (!parsed.success) {
        for (const issue of parsed.error.issues) {
            problems.push(`${issue.path.join('.') || 'environment'}: ${issue.message}`);
        }
        if (!cleaned.JWT_PUBLIC_KEYS && !cleaned.JWT_PUBLIC_KEYS_FILE) problems.push(MISSING_KEYS);
        throw new ConfigError(problems);
    }
    const e = parsed.data;

    const whmcsVars = [e.WHMCS_API_URL, e.WHMCS_API_IDENTIFIER, e.WHMCS_API_SECRET];
    const usingSandboxDefaults = whmcsVars.every((v) => v === undefined);
    if (!usingSandboxDefaults) {
        if (!e.WHMCS_API_URL)
            problems.push('WHMCS_API_URL: required when other WHMCS_API_* variables are set');
        if (!e.WHMCS_API_IDENTIFIER) problems.push('WHMCS_API_IDENTIFIER: required with WHMCS_API_URL');
        if (!e.WHMCS_API_SECRET) problems.push('WHMCS_API_SECRET: required with WHMCS_API_URL');
    }

    // A lease shorter than a few WHMCS calls could expire mid-step and let a second caller in.
    if (e.PROVISIONING_LEASE_MS < 4 * e.WHMCS_TIMEOUT_MS) {
        problems.push('PROVISIONING_LEASE_MS: must be at least 4 × WHMCS_TIMEOUT_MS');
    }
    // WHMCS may commit an AddOrder after our timeout: waiting less than that would make a duplicate.
    if (e.PROVISIONING_SETTLE_MS < e.WHMCS_TIMEOUT_MS) {
        problems.push('PROVISIONING_SETTLE_MS: must be at least WHMCS_TIMEOUT_MS');
    }

    let keyText = e.JWT_PUBLIC_KEYS ?? '';
    if (e.JWT_PUBLIC_KEYS_FILE) {
        try {
            keyText += '\n' + readFileSync(e.JWT_PUBLIC_KEYS_FILE, 'utf8');
        } catch {
            problems.push(`JWT_PUBLIC_KEYS_FILE: cannot read ${e.JWT_PUBLIC_KEYS_FILE}`);
        }
    }
    const publicKeys = extractPemBlocks(keyText);
    if (!e.JWT_PUBLIC_KEYS && !e.JWT_PUBLIC_KEYS_FILE) {
        problems.push(
            'JWT_PUBLIC_KEYS: required (PEM public keys or certificates), or set JWT_PUBLIC_KEYS_FILE'
        );
    } else if (publicKeys.length === 0 && !problems.some((p) => p.startsWith('JWT_PUBLIC_KEYS_FILE'))) {
        problems.push('JWT_PUBLIC_KEYS: no "BEGIN PUBLIC KEY" or "BEGIN CERTIFICATE" PEM block found');
    }
    if (problems.length > 0) throw new ConfigError(problems);

    return {
        port: e.PORT,
        host: e.HOST,
        databasePath: e.DATABASE_PATH,
        databaseUrl: e.DATABASE_URL,
        logLevel: e.LOG_LEVEL,
        whmcs: {
            apiUrl: e.WHMCS_API_URL ?? SANDBOX_DEFAULTS.apiUrl,
            identifier: e.WHMCS_API_IDENTIFIER ?? SANDBOX_DEFAULTS.identifier,
            secret: e.WHMCS_API_SECRET ?? SANDBOX_DEFAULTS.secret,
            accessKey: e.WHMCS_ACCESS_KEY,
            timeoutMs: e.WHMCS_TIMEOUT_MS,
            paymentMethod: e.WHMCS_PAYMENT_METHOD,
            usingSandboxDefaults,
            fields: {
                customerNumber: e.WHMCS_CUSTOMER_NUMBER_FIELD_ID,
                mnpReservationNumber: e.WHMCS_MNP_RESERVATION_FIELD_ID,
                mnpExpiresOn: e.WHMCS_MNP_EXPIRY_FIELD_ID,
                mnpPhoneNumber: e.WHMCS_MNP_PHONE_FIELD_ID,
                mnpHolderName: e.WHMCS_MNP_HOLDER_FIELD_ID,
                vpnRegion: e.WHMCS_VPN_REGION_FIELD_ID,
                installationAddress: e.WHMCS_INSTALLATION_ADDRESS_FIELD_ID
            },
            internetProductIds: e.WHMCS_INTERNET_PRODUCT_IDS,
            addPaymentMethodPath: e.WHMCS_ADD_PAYMENT_METHOD_PATH
        },
        jwt: {
            publicKeys,
            issuer: e.JWT_ISSUER,
            audience: e.JWT_AUDIENCE,
            clockSkewSeconds: e.JWT_CLOCK_SKEW_SECONDS,
            maxLifetimeSeconds: e.JWT_MAX_LIFETIME_SECONDS
        },
        rules: { mnpMinDaysLeft: e.MNP_MIN_DAYS_LEFT, vpnRegions: e.VPN_REGIONS },
        verification: {
            maxFailuresPerEmail: e.VERIFY_MAX_FAILURES_PER_EMAIL,
            maxFailuresPerIp: e.VERIFY_MAX_FAILURES_PER_IP,
            windowMinutes: e.VERIFY_WINDOW_MINUTES
        },
        provisioning: {
            leaseMs: e.PROVISIONING_LEASE_MS,
            waitMs: e.PROVISIONING_WAIT_MS,
            settleMs: e.PROVISIONING_SETTLE_MS
        },
        knownClientTtlSeconds: e.KNOWN_CLIENT_TTL_SECONDS,
        serviceChangeEffective: e.SERVICE_CHANGE_EFFECTIVE
    };
}
