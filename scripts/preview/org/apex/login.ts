import { auraError, type ApexCall, type ApexMethodImpl } from '../context';
import { isEmail, siteLogin, usernameForEmail } from '../users';

// PortalLoginController: portal users log in with their email (their Username is generated, see
// SiteUserService.usernameFor); the platform's Site.login / Site.forgotPassword are played by ../users.
const LOGIN_FAILED = 'LOGIN_FAILED';

function text(value: unknown): string | null {
    return typeof value === 'string' ? value : null;
}

// PortalLoginController.safeStartUrl: a site-relative path (one leading '/', not '//' or an encoded slash
// or backslash, then URL characters only: no backslash, whitespace or control characters) of at most 255
// characters, else the site home.
const SITE_PATH = /^\/(?!\/|%2[fF]|%5[cC])[-A-Za-z0-9._~!$&'()*+,;=:@%/?#]*$/;

function safeStartUrl(startUrl: string | null): string {
    return startUrl !== null && startUrl.length <= 255 && SITE_PATH.test(startUrl) ? startUrl : '/';
}

function login(call: ApexCall, args: Record<string, unknown>): string {
    const email = text(args.email)?.trim() ?? null;
    const password = text(args.password);
    if (!isEmail(email) || password === null || password.trim() === '' || password.length > 128) {
        throw auraError('VALIDATION_FAILED');
    }
    const db = call.org.db;
    const username = usernameForEmail(db, email as string);
    // Unknown email, several users, wrong password: one answer, so the page tells nobody which it was.
    const url = username
        ? siteLogin(db, username, password, call.org.siteUrl(), safeStartUrl(text(args.startUrl)))
        : null;
    if (!url) throw auraError(LOGIN_FAILED);
    return url;
}

function requestPasswordReset(call: ApexCall, args: Record<string, unknown>): void {
    const email = text(args.email)?.trim() ?? null;
    if (!isEmail(email)) throw auraError('VALIDATION_FAILED');
    // Site.forgotPassword mails a reset link; the local org has no mail, and logs neither address nor user.
    if (usernameForEmail(call.org.db, email as string)) {
        call.org.log('Site.forgotPassword: a reset email would be sent (no mail in the local org)');
    }
}

export const PortalLoginController: Record<string, ApexMethodImpl> = {
    login: { params: ['email', 'password', 'startUrl'], access: 'guest', run: login },
    requestPasswordReset: { params: ['email'], access: 'guest', run: requestPasswordReset }
};
