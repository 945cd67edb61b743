import { LightningElement } from 'lwc';
import getAddress from '@salesforce/apex/PortalProfileController.getAddress';
import updateAddress from '@salesforce/apex/PortalProfileController.updateAddress';
import { addressLines, normalisePostalCode } from 'c/portalFormat';

import TITLE from '@salesforce/label/c.Portal_Profile_Title';
import INTRO from '@salesforce/label/c.Portal_Profile_Intro';
import EMPTY from '@salesforce/label/c.Portal_Profile_Empty';
import EDIT from '@salesforce/label/c.Portal_Profile_Edit';
import SAVE from '@salesforce/label/c.Portal_Profile_Save';
import CANCEL from '@salesforce/label/c.Portal_Common_Cancel';
import SAVING from '@salesforce/label/c.Portal_Profile_Saving';
import SAVED from '@salesforce/label/c.Portal_Profile_Saved';

/** The billing address (kept in the billing system): shown, and edited in Japanese or international format. */
export default class PortalProfileAddress extends LightningElement {
    address;
    draft;
    error;
    loading = true;
    editing = false;
    saving = false;
    saved = false;

    labels = {
        title: TITLE,
        intro: INTRO,
        empty: EMPTY,
        edit: EDIT,
        save: SAVE,
        cancel: CANCEL,
        saving: SAVING,
        saved: SAVED
    };

    connectedCallback() {
        this.load();
    }

    async load() {
        try {
            this.address = await getAddress();
            this.error = undefined;
        } catch (error) {
            this.error = error;
        }
        this.loading = false;
    }

    get lines() {
        return addressLines(this.address);
    }

    get showView() {
        return !this.loading && !this.editing && !!this.address;
    }

    get isEmpty() {
        return this.lines.length === 0;
    }

    get statusText() {
        if (this.saving) {
            return SAVING;
        }
        return this.saved ? SAVED : '';
    }

    handleEdit() {
        this.draft = { ...(this.address || {}) };
        this.editing = true;
        this.saved = false;
        this.error = undefined;
    }

    handleCancel() {
        this.editing = false;
        this.error = undefined;
    }

    handleDraft(event) {
        this.draft = event.detail.address;
    }

    async handleSave() {
        if (this.saving) {
            return;
        }
        if (!this.template.querySelector('c-address-form').validate()) {
            return;
        }
        this.saving = true;
        this.error = undefined;
        try {
            const request = {
                line1: this.draft.line1,
                line2: this.draft.line2 || null,
                city: this.draft.city,
                state: this.draft.state,
                postalCode: normalisePostalCode(this.draft.country, this.draft.postalCode),
                country: this.draft.country
            };
            this.address = await updateAddress({ requestJson: JSON.stringify(request) });
            this.editing = false;
            this.saved = true;
        } catch (error) {
            this.error = error;
        }
        this.saving = false;
    }
}
