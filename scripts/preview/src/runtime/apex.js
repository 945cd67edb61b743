// @salesforce/apex/Class.method: POST { params } to the local org. The function works imperatively and,
// through its `adapter` property (LWC callable adapters), with @wire.

function apexError(status, body) {
    const message = (body && body.message) || 'An unexpected error occurred.';
    return {
        status,
        ok: false,
        statusText: status >= 500 ? 'Server Error' : 'Bad Request',
        headers: {},
        body: {
            message,
            exceptionType: (body && body.exceptionType) || 'System.AuraHandledException',
            isUserDefinedException: true,
            stackTrace: ''
        }
    };
}

export async function callApex(name, params) {
    let response;
    try {
        response = await fetch(`/_org/apex/${name}`, {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ params: params || {} })
        });
    } catch {
        throw apexError(0, { message: 'Disconnected or Canceled', exceptionType: 'NetworkError' });
    }
    let payload = null;
    try {
        payload = await response.json();
    } catch {
        payload = null;
    }
    if (!response.ok || !payload || payload.error) {
        throw apexError(response.status || 500, payload && payload.error);
    }
    // Apex returns null as undefined to LWC (no body), keep that shape.
    return payload.result === null ? undefined : payload.result;
}

// Wired values → the adapter that produced them, so refreshApex(wiredValue) can fetch again.
export const wiredValues = new WeakMap();

function configComplete(config) {
    return Object.keys(config).every((key) => config[key] !== undefined);
}

function createWireAdapter(name) {
    return class ApexWireAdapter {
        constructor(dataCallback) {
            this.dataCallback = dataCallback;
            this.config = undefined;
            this.connected = false;
            this.sequence = 0;
        }

        connect() {
            this.connected = true;
            if (this.config) this.fetch();
        }

        disconnect() {
            this.connected = false;
        }

        update(config) {
            const next = config || {};
            if (this.config && JSON.stringify(this.config) === JSON.stringify(next)) return;
            this.config = next;
            if (this.connected) this.fetch();
        }

        fetch() {
            // The platform's Apex adapter waits until every reactive parameter has a value.
            if (!configComplete(this.config)) return Promise.resolve();
            const sequence = ++this.sequence;
            return callApex(name, this.config).then(
                (data) => this.emit(sequence, { data, error: undefined }),
                (error) => this.emit(sequence, { data: undefined, error })
            );
        }

        emit(sequence, value) {
            if (sequence !== this.sequence) return;
            wiredValues.set(value, this);
            this.dataCallback(value);
        }
    };
}

export function createApexMethod(name) {
    const method = (params) => callApex(name, params);
    method.adapter = createWireAdapter(name);
    method.methodName = name;
    return method;
}
