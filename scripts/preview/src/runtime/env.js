/* global window */
// What the preview server put into the page: the signed-in user and the page language.
const injected = typeof window !== 'undefined' && window.__PREVIEW__ ? window.__PREVIEW__ : {};

export const bootstrap = {
    user: { id: null, isGuest: true, kind: 'guest', name: '', ...(injected.user || {}) },
    lang: injected.lang || 'en-US',
    locale: injected.locale || 'en-US',
    currency: 'JPY',
    timeZone: 'Asia/Tokyo',
    basePath: '',
    language: injected.language || 'en'
};
