import { LightningElement } from 'lwc';
import { currentPageReference } from '../../../runtime/router.js';
import { isStaffLogin } from '../app/pages.js';
import { t, tValue } from '../app/strings.js';

// The local stack's demo logins (GET /_org/demo-logins) under the login forms. Customers: the emails they log
// in with, and how to get a portal login (register, link). Staff: the staff user, which fills the form on click.
export default class DemoLogins extends LightningElement {
    demo = null;

    connectedCallback() {
        fetch('/_org/demo-logins', { credentials: 'same-origin' })
            .then((response) => (response.ok ? response.json() : null))
            .then((demo) => {
                this.demo = demo;
            })
            .catch(() => {
                this.demo = null;
            });
    }

    get forStaff() {
        return isStaffLogin(currentPageReference());
    }

    get staff() {
        return this.demo && this.demo.staff;
    }

    get sections() {
        const demo = this.demo || {};
        const sections = [
            {
                key: 'customers',
                intro: t('demoCustomers'),
                empty: t('demoNoCustomers'),
                items: (demo.customers || []).map((c) => ({ key: c.email, main: c.email, note: c.note }))
            },
            {
                key: 'register',
                href: '/register',
                page: t('Register'),
                intro: `: ${t('demoRegister')}`,
                items: (demo.register || []).map((c) => ({
                    key: c.customerNumber,
                    main: `${c.customerNumber} / ${c.postalCode}`,
                    note: c.name
                }))
            },
            {
                key: 'link',
                href: '/link-account',
                page: t('Link_Account__c'),
                intro: `: ${t('demoLink')}`,
                items: (demo.link || []).map((c) => {
                    // The shell has the notes in Japanese; the server sends them in English.
                    const note = tValue('demoNote', c.noteKey);
                    return {
                        key: c.email,
                        main: `${c.email} / ${c.password}`,
                        note: note === c.noteKey ? c.note : `${c.name} (${note})`
                    };
                })
            }
        ];
        return sections
            .map((section) => ({ ...section, hasItems: section.items.length > 0 }))
            .filter((section) => section.hasItems || section.empty);
    }

    get strings() {
        return { title: t('demoTitle'), hint: t('demoHint'), staff: t('demoStaff') };
    }

    handleUseStaff() {
        this.dispatchEvent(
            new CustomEvent('use', {
                detail: { username: this.staff.username, password: this.staff.password }
            })
        );
    }
}
