/**
 * HTTP callouts: HttpRequest / HttpResponse / Http.send. In a test a callout goes to the mock set with
 * `Test.setMock(HttpCalloutMock.class, mock)`; without one it fails as in an org. Pending DML before a callout is
 * `You have uncommitted work pending`. `callout:Name` endpoints must name one of the project's Named Credentials.
 */
import {
    ApexBlob,
    ApexList,
    ApexObject,
    ApexSystemError,
    ApexTypeValue,
    T,
    UnsupportedError,
    type ApexValue
} from '../values/model';
import type { Frame } from './frames';
import type { Runtime } from './runtime';

interface RequestState {
    endpoint: string | null;
    method: string | null;
    body: string | null;
    headers: Map<string, { name: string; value: string }>;
    timeout: number;
}

/** One callout outside a test, as the transport an embedder installs on the Runtime (`rt.calloutTransport`) sees it. */
export interface CalloutRequest {
    /** As Apex set it: `callout:Name/path` is resolved by the transport. */
    endpoint: string;
    method: string;
    headers: Record<string, string>;
    body: string | null;
    timeoutMs: number;
}

export interface CalloutResponse {
    statusCode: number;
    status: string;
    headers: Record<string, string>;
    body: string;
}

/** Performs a callout synchronously (the interpreter is synchronous); throws ApexSystemError('CalloutException') when unreachable. */
export type CalloutTransport = (request: CalloutRequest) => CalloutResponse;

interface ResponseState {
    statusCode: number;
    status: string | null;
    body: string | null;
    headers: Map<string, { name: string; value: string }>;
}

export class Callouts {
    private mock: ApexObject | undefined;

    constructor(private readonly rt: Runtime) {}

    reset(): void {
        this.mock = undefined;
    }

    setMock(type: ApexValue, mock: ApexValue): void {
        if (!(type instanceof ApexTypeValue))
            throw new ApexSystemError('TypeException', 'Test.setMock needs a mock type');
        const name = type.type.name.toLowerCase();
        if (name !== 'httpcalloutmock') throw new UnsupportedError(`Test.setMock(${type.type.name})`);
        if (!(mock instanceof ApexObject) || !this.rt.interp.isSubclass(mock.className, 'HttpCalloutMock')) {
            throw new ApexSystemError('TypeException', 'The mock does not implement HttpCalloutMock');
        }
        this.mock = mock;
    }

    construct(name: string, args: ApexValue[]): ApexValue | undefined {
        if (args.length) return undefined;
        if (name === 'HttpRequest') {
            const o = new ApexObject('HttpRequest');
            o.native = {
                endpoint: null,
                method: null,
                body: null,
                headers: new Map(),
                timeout: 10000
            } satisfies RequestState;
            return o;
        }
        if (name === 'HttpResponse') {
            const o = new ApexObject('HttpResponse');
            o.native = {
                statusCode: 0,
                status: null,
                body: null,
                headers: new Map()
            } satisfies ResponseState;
            return o;
        }
        if (name === 'Http') return new ApexObject('Http');
        return undefined;
    }

    objectMethod(obj: ApexObject, m: string, a: ApexValue[], f: Frame): ApexValue | undefined {
        const text = (v: ApexValue): string | null => (v === null ? null : this.rt.interp.stringOf(v));
        if (obj.className === 'HttpRequest' || obj.className === 'HttpResponse') {
            const shared = this.bodyAndHeaders(obj.native as RequestState | ResponseState, m, a);
            if (shared !== undefined) return shared;
        }
        if (obj.className === 'HttpRequest') {
            const s = obj.native as RequestState;
            switch (m) {
                case 'setendpoint':
                    s.endpoint = text(a[0]);
                    return null;
                case 'getendpoint':
                    return s.endpoint;
                case 'setmethod':
                    s.method = text(a[0]);
                    return null;
                case 'getmethod':
                    return s.method;
                case 'settimeout': {
                    const ms = Number(a[0]);
                    if (ms < 1 || ms > 120000)
                        throw new ApexSystemError(
                            'CalloutException',
                            'Timeout value must be between 1 and 120000 milliseconds'
                        );
                    s.timeout = ms;
                    return null;
                }
                case 'setcompressed':
                    return null;
                case 'tostring':
                    return `System.HttpRequest[Endpoint=${s.endpoint}, Method=${s.method}]`;
            }
            return undefined;
        }
        if (obj.className === 'HttpResponse') {
            const s = obj.native as ResponseState;
            switch (m) {
                case 'setstatuscode':
                    s.statusCode = Number(a[0]);
                    return null;
                case 'getstatuscode':
                    return s.statusCode;
                case 'setstatus':
                    s.status = text(a[0]);
                    return null;
                case 'getstatus':
                    return s.status;
                case 'getheaderkeys':
                    return new ApexList(
                        T.String,
                        [...s.headers.values()].map((h) => h.name)
                    );
                case 'tostring':
                    return `System.HttpResponse[Status=${s.status}, StatusCode=${s.statusCode}]`;
            }
            return undefined;
        }
        if (obj.className === 'Http' && m === 'send') return this.send(a[0], f);
        return undefined;
    }

    /** The body and header methods HttpRequest and HttpResponse share. */
    private bodyAndHeaders(
        s: RequestState | ResponseState,
        m: string,
        a: ApexValue[]
    ): ApexValue | undefined {
        const text = (v: ApexValue): string | null => (v === null ? null : this.rt.interp.stringOf(v));
        switch (m) {
            case 'setbody':
                s.body = text(a[0]);
                return null;
            case 'getbody':
                return s.body ?? '';
            case 'setbodyasblob':
                s.body = a[0] instanceof ApexBlob ? Buffer.from(a[0].bytes).toString('utf8') : null;
                return null;
            case 'getbodyasblob':
                return s.body === null ? null : new ApexBlob(Buffer.from(s.body, 'utf8'));
            case 'setheader':
                if (a[0] === null)
                    throw new ApexSystemError('NullPointerException', 'Argument cannot be null.');
                s.headers.set(String(a[0]).toLowerCase(), { name: String(a[0]), value: text(a[1]) ?? '' });
                return null;
            case 'getheader':
                return s.headers.get(String(a[0]).toLowerCase())?.value ?? null;
        }
        return undefined;
    }

    private send(req: ApexValue, f: Frame): ApexValue {
        if (!(req instanceof ApexObject) || req.className !== 'HttpRequest')
            throw new ApexSystemError('NullPointerException', 'Argument cannot be null.');
        const s = req.native as RequestState;
        if (!s.endpoint) throw new ApexSystemError('CalloutException', 'Endpoint URL is not set');
        if (!s.method) throw new ApexSystemError('CalloutException', 'Method is not set');
        this.rt.data.tx.assertCanCallout();
        const limits = this.rt.limits;
        limits.callouts++;
        if (limits.callouts > 100)
            throw new ApexSystemError('LimitException', `Too many callouts: ${limits.callouts}`);
        if (this.rt.inTest) {
            if (!this.mock)
                throw new ApexSystemError(
                    'CalloutException',
                    'Methods defined as TestMethod do not support Web service callouts'
                );
            const res = this.rt.interp.callInstance(this.mock, 'respond', [req], f);
            if (!(res instanceof ApexObject) || res.className !== 'HttpResponse')
                throw new ApexSystemError('CalloutException', 'The mock returned no HttpResponse');
            return res;
        }
        // In a test the mock answers before the endpoint is resolved; outside one a Named Credential must exist.
        const named = /^callout:([A-Za-z0-9_]+)/.exec(s.endpoint);
        if (
            named &&
            !this.rt.project.namedCredentials.has(named[1].toLowerCase()) &&
            ![...this.rt.project.namedCredentials.values()].some(
                (n) => n.name.toLowerCase() === named[1].toLowerCase()
            )
        ) {
            throw new ApexSystemError('CalloutException', `Unable to find Named Credential ${named[1]}`);
        }
        if (this.rt.calloutTransport) {
            const answer = this.rt.calloutTransport({
                endpoint: s.endpoint,
                method: s.method,
                headers: Object.fromEntries([...s.headers.values()].map((h) => [h.name, h.value])),
                body: s.body,
                timeoutMs: s.timeout
            });
            const res = new ApexObject('HttpResponse');
            res.native = {
                statusCode: answer.statusCode,
                status: answer.status,
                body: answer.body,
                headers: new Map(
                    Object.entries(answer.headers).map(([name, value]) => [
                        name.toLowerCase(),
                        { name, value }
                    ])
                )
            } satisfies ResponseState;
            return res;
        }
        throw new UnsupportedError('an HTTP callout outside a test');
    }
}
