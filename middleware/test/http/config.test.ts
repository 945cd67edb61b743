import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, SANDBOX_DEFAULTS, extractPemBlocks, loadConfig } from '../../src/config';
import { importPublicKeys } from '../../src/http/auth';
import { testKeys } from '../helpers/stack';

let pem: string;
beforeAll(async () => {
    pem = (await testKeys()).publicPem;
});

function problems(env: Record<string, string>): string[] {
    try {
        loadConfig(env);
    } catch (err) {
        if (err instanceof ConfigError) return err.problems;
        throw err;
    }
    return [];
}

describe('loadConfig', () => {
    it('defaults point at the sandbox with catalog field ids', () => {
        const c = loadConfig({ JWT_PUBLIC_KEYS: pem });
        expect(c.port).toBe(8080);
        expect(c.databasePath).toBe('.local/middleware.db');
        expect(c.whmcs).toMatchObject({
            apiUrl: SANDBOX_DEFAULTS.apiUrl,
            identifier: 'sandbox-identifier',
            secret: 'sandbox-secret-change-me',
            paymentMethod: 'testcard',
            usingSandboxDefaults: true,
            fields: {
                customerNumber: 1,
                mnpReservationNumber: 11,
                mnpExpiresOn: 12,
                mnpPhoneNumber: 13,
                mnpHolderName: 14,
                vpnRegion: 21,
                installationAddress: 31
            },
            internetProductIds: [101, 102, 103]
        });
        expect(c.jwt).toMatchObject({
            issuer: 'salesforce-portal',
            audience: 'portal-middleware',
            clockSkewSeconds: 30
        });
        expect(c.rules).toEqual({ mnpMinDaysLeft: 10, vpnRegions: ['JP', 'US', 'SG', 'DE'] });
        expect(c.verification).toEqual({ maxFailuresPerEmail: 5, maxFailuresPerIp: 20, windowMinutes: 15 });
    });

    it('reads overrides', () => {
        const c = loadConfig({
            JWT_PUBLIC_KEYS: pem,
            PORT: '9000',
            WHMCS_API_URL: 'https://billing.example.com/',
            WHMCS_API_IDENTIFIER: 'id',
            WHMCS_API_SECRET: 'sec',
            WHMCS_CUSTOMER_NUMBER_FIELD_ID: '7',
            WHMCS_INTERNET_PRODUCT_IDS: '5, 6',
            VPN_REGIONS: 'JP,FR',
            MNP_MIN_DAYS_LEFT: '7',
            LOG_LEVEL: 'warn'
        });
        expect(c.port).toBe(9000);
        expect(c.whmcs.usingSandboxDefaults).toBe(false);
        expect(c.whmcs.fields.customerNumber).toBe(7);
        expect(c.whmcs.internetProductIds).toEqual([5, 6]);
        expect(c.rules).toEqual({ mnpMinDaysLeft: 7, vpnRegions: ['JP', 'FR'] });
        expect(c.logLevel).toBe('warn');
    });

    it('names every missing or bad variable at once', () => {
        const p = problems({
            PORT: 'eighty',
            WHMCS_API_URL: 'ftp://x',
            LOG_LEVEL: 'loud',
            WHMCS_VPN_REGION_FIELD_ID: '-1'
        });
        const named = p.map((x) => x.split(':')[0]);
        expect(named).toEqual(
            expect.arrayContaining(['PORT', 'WHMCS_API_URL', 'LOG_LEVEL', 'WHMCS_VPN_REGION_FIELD_ID'])
        );
    });

    it('requires the JWT keys and a complete WHMCS credential', () => {
        expect(problems({})).toEqual([expect.stringMatching(/^JWT_PUBLIC_KEYS: required/)]);
        expect(problems({ JWT_PUBLIC_KEYS: 'not a pem' })).toEqual([expect.stringMatching(/no .*PEM block/)]);
        const p = problems({ JWT_PUBLIC_KEYS: pem, WHMCS_API_URL: 'https://billing.example.com' });
        expect(p).toEqual([
            expect.stringMatching(/^WHMCS_API_IDENTIFIER/),
            expect.stringMatching(/^WHMCS_API_SECRET/)
        ]);
    });

    it('refuses a provisioning lease shorter than a few WHMCS calls', () => {
        expect(
            problems({ JWT_PUBLIC_KEYS: pem, WHMCS_TIMEOUT_MS: '20000', PROVISIONING_LEASE_MS: '60000' })
        ).toEqual([expect.stringMatching(/^PROVISIONING_LEASE_MS/)]);
    });

    it('reads JWT_PUBLIC_KEYS_FILE and escaped newlines', () => {
        const dir = mkdtempSync(join(tmpdir(), 'mw-cfg-'));
        try {
            const file = join(dir, 'keys.pem');
            writeFileSync(file, `${pem}\n${pem}`);
            expect(loadConfig({ JWT_PUBLIC_KEYS_FILE: file }).jwt.publicKeys).toHaveLength(2);
            expect(problems({ JWT_PUBLIC_KEYS_FILE: join(dir, 'missing.pem') })).toEqual([
                expect.stringMatching(/^JWT_PUBLIC_KEYS_FILE: cannot read/)
            ]);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
        expect(extractPemBlocks(pem.replace(/\n/g, '\\n'))).toHaveLength(1);
    });

    it('accepts a PostgreSQL DATABASE_URL only', () => {
        const c = loadConfig({ JWT_PUBLIC_KEYS: pem, DATABASE_URL: 'postgres://u:p@db/portal' });
        expect(c.databaseUrl).toBe('postgres://u:p@db/portal');
        expect(problems({ JWT_PUBLIC_KEYS: pem, DATABASE_URL: 'mysql://u:p@db/portal' })).toEqual([
            'DATABASE_URL: must be a postgres:// or postgresql:// URL'
        ]);
    });
});

describe('key import', () => {
    it('imports SPKI keys and X.509 certificates; rejects garbage', async () => {
        const cert = [
            '-----BEGIN CERTIFICATE-----',
            'MIIBszCCAV2gAwIBAgIUJv2yXg==',
            '-----END CERTIFICATE-----'
        ].join('\n');
        expect(await importPublicKeys([pem])).toHaveLength(1);
        await expect(importPublicKeys([cert])).rejects.toThrow(/key 1 is not an RSA public key/);
    });
});
