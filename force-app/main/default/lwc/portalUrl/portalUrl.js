// The one place that leaves the portal for an absolute URL (SSO links, the login page).
// Kept apart so tests can replace it: jsdom does not let tests observe window.location.assign.

/** Opens the URL in the same tab; the URL is never stored or logged (SSO links are bearer tokens). */
export function openUrl(url) {
    window.location.assign(url);
}
