/**
 * The local org's thread: the Apex runtime blocks while a callout runs (callout.ts), so it lives in a worker and
 * the main thread keeps serving HTTP (the preview, and in `npm start` the middleware the callout goes to).
 * Messages are handled one at a time, like one app server executing requests in turn.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ApexOrg } from './apexOrg';
import { blockingTransport } from './callout';
import { demoLogins } from '../demoLogins';
import type { OrgRequest, WorkerSettings } from './protocol';

const settings = workerData as WorkerSettings;
const port = parentPort!;
let org: ApexOrg;

function handle(request: OrgRequest): unknown {
    switch (request.op) {
        case 'apex':
            return org.callApex(
                request.name,
                request.params,
                org.userIdOf(request.session),
                request.sourceIp
            );
        case 'session':
            return org.sessionUser(request.session);
        case 'staffLogin':
            return org.staffLogin(request.username, request.password);
        case 'frontdoor':
            return org.frontdoor(request.token);
        case 'logout':
            return org.endSession(request.session);
        case 'language':
            return org.setLanguage(request.session, request.language);
        case 'query':
            return org.query(request.soql);
        case 'demoLogins':
            return demoLogins((soql) => org.query(soql), settings.rootDir);
        case 'addCustomerUser':
            return org.addCustomerUser(request.user);
        case 'siteUrl':
            org.siteUrl = request.url;
            return null;
        case 'idle':
            return null;
    }
}

try {
    org = new ApexOrg({
        forceAppDir: settings.forceAppDir,
        rootDir: settings.rootDir,
        siteUrl: settings.siteUrl,
        log: (line) => port.postMessage({ type: 'log', line })
    });
    org.rt.calloutTransport = blockingTransport(port, org.rt.project, settings.credentialUrls);
    port.postMessage({ type: 'ready' });
} catch (error) {
    port.postMessage({
        type: 'failed',
        error: error instanceof Error ? (error.stack ?? error.message) : String(error)
    });
}

port.on('message', (message: { id: number; request: OrgRequest }) => {
    try {
        port.postMessage({ type: 'reply', id: message.id, result: handle(message.request) ?? null });
    } catch (error) {
        port.postMessage({
            type: 'reply',
            id: message.id,
            error: error instanceof Error ? error.message : String(error)
        });
    }
    // Async Apex the request queued runs once it has committed and answered (the platform's async queue).
    if (message.request.op === 'apex') org.runQueued();
});
