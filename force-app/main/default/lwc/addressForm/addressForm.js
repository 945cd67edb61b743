import { LightningElement, api } from 'lwc';
import { countryName, isValidPostalCode, normalisePostalCode } from 'c/portalFormat';

import COUNTRY from '@salesforce/label/c.Portal_Address_Country';
import POSTAL_CODE from '@salesforce/label/c.Portal_Address_PostalCode';
import POSTAL_CODE_HELP_JP from '@salesforce/label/c.Portal_Address_PostalCodeHelpJP';
import PREFECTURE from '@salesforce/label/c.Portal_Address_Prefecture';
import CITY_JP from '@salesforce/label/c.Portal_Address_CityJP';
import STREET_JP from '@salesforce/label/c.Portal_Address_StreetJP';
import BUILDING_JP from '@salesforce/label/c.Portal_Address_BuildingJP';
import LINE1 from '@salesforce/label/c.Portal_Address_Line1';
import LINE2 from '@salesforce/label/c.Portal_Address_Line2';
import CITY from '@salesforce/label/c.Portal_Address_City';
import STATE from '@salesforce/label/c.Portal_Address_State';
import REQUIRED from '@salesforce/label/c.Portal_Form_Required';
import POSTAL_INVALID from '@salesforce/label/c.Portal_Address_PostalCodeInvalid';

// Countries offered first; the current value is always added.
const COUNTRIES = ['JP', 'US', 'GB', 'CA', 'AU', 'DE', 'FR', 'SG', 'KR', 'TW', 'CN'];
const FIELDS = ['line1', 'line2', 'city', 'state', 'postalCode', 'country'];

/**
 * Edits one Address ({ line1, line2, city, state, postalCode, country }). Japanese addresses are
 * asked in Japanese order (〒 postal code, prefecture, city, street, building); others in western order.
 * Fires `addresschange` with { address, valid } on every edit.
 */
export default class AddressForm extends LightningElement {
    @api disabled = false;

    fields = { line1: '', line2: '', city: '', state: '', postalCode: '', country: 'JP' };
    touched = {};
    showAll = false;

    labels = {
        country: COUNTRY,
        postalCode: POSTAL_CODE,
        postalCodeHelpJp: POSTAL_CODE_HELP_JP,
        prefecture: PREFECTURE,
        cityJp: CITY_JP,
        streetJp: STREET_JP,
        buildingJp: BUILDING_JP,
        line1: LINE1,
        line2: LINE2,
        city: CITY,
        state: STATE
    };

    @api
    get address() {
        return { ...this.fields };
    }
    set address(address) {
        const next = { ...this.fields };
        FIELDS.forEach((field) => {
            next[field] =
                address && address[field] !== undefined && address[field] !== null ? address[field] : '';
        });
        next.country = next.country || 'JP';
        this.fields = next;
    }

    /** Shows every message and returns whether the address is complete and valid. */
    @api
    validate() {
        this.showAll = true;
        return this.isValid;
    }

    get isJapan() {
        return this.fields.country === 'JP';
    }

    get countryOptions() {
        const codes = COUNTRIES.includes(this.fields.country)
            ? COUNTRIES
            : [...COUNTRIES, this.fields.country];
        return codes.map((code) => ({ label: countryName(code), value: code }));
    }

    get errors() {
        const { line1, city, state, postalCode, country } = this.fields;
        const required = (text) => (String(text ?? '').trim() ? '' : REQUIRED);
        return {
            line1: required(line1),
            city: required(city),
            state: country === 'JP' ? required(state) : '',
            postalCode:
                required(postalCode) || (isValidPostalCode(country, postalCode) ? '' : POSTAL_INVALID),
            country: required(country)
        };
    }

    get isValid() {
        return Object.values(this.errors).every((message) => !message);
    }

    message(field) {
        return this.showAll || this.touched[field] ? this.errors[field] : '';
    }

    get line1Error() {
        return this.message('line1');
    }
    get cityError() {
        return this.message('city');
    }
    get stateError() {
        return this.message('state');
    }
    get postalCodeError() {
        return this.message('postalCode');
    }

    handleChange(event) {
        const field = event.target.dataset.field;
        const raw =
            event.detail && event.detail.value !== undefined ? event.detail.value : event.target.value;
        this.fields = { ...this.fields, [field]: raw ?? '' };
        this.touched = { ...this.touched, [field]: true };
        this.notify();
    }

    handlePostalBlur() {
        const postalCode = normalisePostalCode(this.fields.country, this.fields.postalCode);
        if (postalCode !== this.fields.postalCode) {
            this.fields = { ...this.fields, postalCode };
            this.notify();
        }
    }

    notify() {
        this.dispatchEvent(
            new CustomEvent('addresschange', { detail: { address: { ...this.fields }, valid: this.isValid } })
        );
    }
}
