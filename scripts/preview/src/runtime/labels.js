import labels from '@preview/labels';
import { bootstrap } from './env.js';

// Labels are read once at load, like the platform does per request; the language switch reloads the page.
export function label(name) {
    if (bootstrap.language === 'ja' && Object.prototype.hasOwnProperty.call(labels.ja, name)) {
        return labels.ja[name];
    }
    if (Object.prototype.hasOwnProperty.call(labels.en, name)) return labels.en[name];
    return `c.${name}`;
}
