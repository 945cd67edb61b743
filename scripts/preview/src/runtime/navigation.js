import { currentPageReference, navigate, subscribe, urlFor } from './router.js';

// lightning/navigation for the preview shell.
const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

export function NavigationMixin(Base) {
    return class extends Base {
        [Navigate](pageReference, replace) {
            navigate(pageReference, replace);
        }

        [GenerateUrl](pageReference) {
            return Promise.resolve(urlFor(pageReference));
        }
    };
}
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;

export class CurrentPageReference {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
        this.unsubscribe = null;
    }

    connect() {
        this.unsubscribe = subscribe((ref) => this.dataCallback(ref));
        this.dataCallback(currentPageReference());
    }

    disconnect() {
        if (this.unsubscribe) this.unsubscribe();
        this.unsubscribe = null;
    }

    update() {}
}
