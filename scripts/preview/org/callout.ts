/**
 * Apex callouts of the preview, as the org's Named Credential makes them: `callout:Name/path` goes to the local
 * stand-in for the credential's URL with an RS256 JWT whose body claims come from the External Credential
 * metadata (the org signs with its certificate; here with the key in .local/jwt/).
 *
 * The interpreter is synchronous and runs in a worker thread (worker.ts): the worker posts the request with a
 * SharedArrayBuffer and blocks on Atomics.wait; the main thread (which also serves the middleware in `npm start`)
 * performs it with fetch and wakes the worker.
 */
import { randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { MessagePort } from 'node:worker_threads';
import { SignJWT } from 'jose';
import { ApexSystemError } from '../../apex/values/model';
import type { CalloutRequest, CalloutResponse, CalloutTransport } from '../../apex/interpreter/http';
import type { ProjectMetadata } from '../../apex/project/types';

/** A callout resolved against the Named Credential: the URL to call and the JWT claims to sign. */
export interface ResolvedCallout {
    url: string;
    method: string;
    headers: Record<string, string>;
    body: string | null;
    timeoutMs: number;
    /** JwtBodyClaim parameters of the External Credential; absent for a plain URL. */
    jwtClaims?: Record<string, string>;
}

export interface CalloutMessage {
    type: 'callout';
    buffer: SharedArrayBuffer;
    request: ResolvedCallout;
}

const BUFFER_BYTES = 16 * 1024 * 1024;
/** Lifetime of the Named Credential's JWT (the External Credential's description: 2 minutes). */
const JWT_LIFETIME = '2m';

function list(value: unknown): Record<string, unknown>[] {
    if (Array.isArray(value)) return value as Record<string, unknown>[];
    return value && typeof value === 'object' ? [value as Record<string, unknown>] : [];
}

/** `callout:Name/path` → the local URL of that credential and the claims of its External Credential. */
export function resolveCallout(
    project: ProjectMetadata,
    credentialUrls: Record<string, string>,
    request: CalloutRequest
): ResolvedCallout {
    const base = {
        method: request.method,
        headers: request.headers,
        body: request.body,
        timeoutMs: request.timeoutMs
    };
    const named = /^callout:([A-Za-z0-9_]+)(.*)$/.exec(request.endpoint);
    if (!named) return { ...base, url: request.endpoint };
    const credential = project.namedCredentials.get(named[1].toLowerCase());
    const url = credentialUrls[named[1].toLowerCase()];
    if (!credential || !url)
        throw new ApexSystemError('CalloutException', `Unable to find Named Credential ${named[1]}`);
    const external = credential.externalCredential
        ? project.externalCredentials.get(credential.externalCredential.toLowerCase())
        : undefined;
    let jwtClaims: Record<string, string> | undefined;
    if (external && external.authenticationProtocol.toLowerCase() === 'jwt') {
        jwtClaims = {};
        for (const p of list(external.raw.externalCredentialParameters)) {
            if (p.parameterType === 'JwtBodyClaim')
                jwtClaims[String(p.parameterName)] = String(p.parameterValue);
        }
    }
    return { ...base, url: url.replace(/\/$/, '') + named[2], jwtClaims };
}

/** Worker side: a synchronous transport that asks the main thread to make the call. */
export function blockingTransport(
    port: MessagePort,
    project: ProjectMetadata,
    credentialUrls: Record<string, string>
): CalloutTransport {
    return (request) => {
        const resolved = resolveCallout(project, credentialUrls, request);
        const buffer = new SharedArrayBuffer(BUFFER_BYTES);
        const state = new Int32Array(buffer, 0, 2);
        port.postMessage({ type: 'callout', buffer, request: resolved } satisfies CalloutMessage);
        // The main thread aborts the request at its timeout, so this wait ends.
        const woke = Atomics.wait(state, 0, 0, resolved.timeoutMs + 5000);
        if (woke === 'timed-out') throw new ApexSystemError('CalloutException', 'Read timed out');
        const text = Buffer.from(new Uint8Array(buffer, 8, state[1])).toString('utf8');
        const answer = JSON.parse(text) as { response?: CalloutResponse; error?: string };
        if (!answer.response) throw new ApexSystemError('CalloutException', answer.error ?? 'Callout failed');
        return answer.response;
    };
}

async function perform(request: ResolvedCallout, privateKey: KeyObject): Promise<CalloutResponse> {
    const headers: Record<string, string> = { ...request.headers };
    if (request.jwtClaims) {
        const jwt = await new SignJWT({ ...request.jwtClaims })
            .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
            .setIssuedAt()
            .setJti(randomUUID())
            .setExpirationTime(JWT_LIFETIME)
            .sign(privateKey);
        headers.Authorization = `Bearer ${jwt}`;
    }
    const response = await fetch(request.url, {
        method: request.method,
        headers,
        body: request.body === null || request.method === 'GET' ? undefined : request.body,
        signal: AbortSignal.timeout(request.timeoutMs)
    });
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => (out[name] = value));
    return {
        statusCode: response.status,
        status: response.statusText,
        headers: out,
        body: await response.text()
    };
}

/** Main-thread side: performs one callout message and wakes the worker. */
export async function answerCallout(message: CalloutMessage, privateKey: KeyObject): Promise<void> {
    let payload: string;
    try {
        payload = JSON.stringify({ response: await perform(message.request, privateKey) });
    } catch (error) {
        const timedOut = error instanceof Error && error.name === 'TimeoutError';
        payload = JSON.stringify({
            error: timedOut ? 'Read timed out' : `Unable to connect: ${(error as Error).message}`
        });
    }
    const bytes = Buffer.from(payload, 'utf8');
    const state = new Int32Array(message.buffer, 0, 2);
    if (bytes.length > message.buffer.byteLength - 8) {
        const tooBig = Buffer.from(JSON.stringify({ error: 'Exceeded max size limit of 6000000' }));
        new Uint8Array(message.buffer, 8).set(tooBig);
        state[1] = tooBig.length;
    } else {
        new Uint8Array(message.buffer, 8).set(bytes);
        state[1] = bytes.length;
    }
    Atomics.store(state, 0, 1);
    Atomics.notify(state, 0);
}
