// Environment → sandbox options (docs/API.md "Starting the pieces"). Pure, so it can be tested directly.
import { isIP } from 'node:net';
import { SANDBOX_DEFAULTS } from './index';

export interface SandboxConfig {
    port: number;
    host: string;
    dbPath: string;
    identifier: string;
    secret: string;
    allowedIps: string[];
    portalUrl: string;
    keepData: boolean;
    /** True when the credential is the printed development default. */
    usingDefaults: boolean;
}

/** Returns the config, or a one-line reason why a variable is unusable. */
export function readSandboxConfig(env: NodeJS.ProcessEnv): { config: SandboxConfig } | { error: string } {
    const portRaw = env.SANDBOX_PORT?.trim() || String(SANDBOX_DEFAULTS.port);
    if (!/^\d+$/.test(portRaw) || Number(portRaw) > 65535) {
        return { error: `SANDBOX_PORT must be a port number (0-65535), got "${portRaw}"` };
    }
    const identifier = env.WHMCS_API_IDENTIFIER ?? SANDBOX_DEFAULTS.identifier;
    const secret = env.WHMCS_API_SECRET ?? SANDBOX_DEFAULTS.secret;
    if (identifier.trim() === '') return { error: 'WHMCS_API_IDENTIFIER must not be empty' };
    if (secret.trim() === '') return { error: 'WHMCS_API_SECRET must not be empty' };
    const allowedIps = (env.SANDBOX_ALLOWED_IPS?.trim() || SANDBOX_DEFAULTS.allowedIps.join(','))
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    for (const ip of allowedIps) {
        if (ip !== '*' && isIP(ip) === 0)
            return { error: `SANDBOX_ALLOWED_IPS has "${ip}", which is not an IP address` };
    }
    const portalUrl = env.SANDBOX_PORTAL_URL?.trim() || SANDBOX_DEFAULTS.portalUrl;
    let portalOk = false;
    try {
        const u = new URL(portalUrl);
        portalOk = u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
        portalOk = false;
    }
    if (!portalOk) return { error: `SANDBOX_PORTAL_URL must be an http(s) URL, got "${portalUrl}"` };
    const host = env.SANDBOX_HOST?.trim() || SANDBOX_DEFAULTS.host;
    if (isIP(host) === 0 && host !== 'localhost')
        return { error: `SANDBOX_HOST must be an IP address, got "${host}"` };
    return {
        config: {
            port: Number(portRaw),
            host,
            dbPath: env.SANDBOX_DB?.trim() || SANDBOX_DEFAULTS.dbPath,
            identifier,
            secret,
            allowedIps,
            portalUrl,
            keepData: env.SANDBOX_KEEP_DATA === '1',
            usingDefaults: identifier === SANDBOX_DEFAULTS.identifier && secret === SANDBOX_DEFAULTS.secret
        }
    };
}
