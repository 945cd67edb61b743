/* global document */
// Synthetic shadow must load before any component (lightning-base-components relies on it).
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import App from 'x/app';

const app = createElement('x-app', { is: App });
document.getElementById('root').appendChild(app);
