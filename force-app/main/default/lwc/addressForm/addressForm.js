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

// The fields below the country, in the order they are asked. `label` and `help` name entries of
// `labels`; `showError` fields get an error paragraph (data-error) under them.
const JAPANESE_ORDER = [
    {
        name: 'postalCode',
        label: 'postalCode',
        help: 'postalCodeHelpJp',
        autocomplete: 'postal-code',
        required: true,
        showError: true
    },
    { name: 'state', label: 'prefecture', autocomplete: 'address-level1', required: true, showError: true },
    { name: 'city', label: 'cityJp', autocomplete: 'address-level2', required: true, showError: true },
    { name: 'line1', label: 'streetJp', autocomplete: 'address-line1', required: true, showError: true },
    { name: 'line2', label: 'buildingJp', autocomplete: 'address-line2', required: false, showError: false }
];
const WESTERN_ORDER = [
    { name: 'line1', label: 'line1', autocomplete: 'address-line1', required: true, showError: true },
    { name: 'line2', label: 'line2', autocomplete: 'address-line2', required: false, showError: false },
    { name: 'city', label: 'city', autocomplete: 'address-level2', required: true, showError: true },
    { name: 'state', label: 'state', autocomplete: 'address-level1', required: false, showError: false },
    { name: 'postalCode', label: 'postalCode', autocomplete: 'postal-code', required: true, showError: true }
];

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

    /** The fields to render, in this country's order, with their values and messages. */
    get addressFields() {
        const order = this.isJapan ? 'jp' : 'intl';
        return (this.isJapan ? JAPANESE_ORDER : WESTERN_ORDER).map((field) => ({
            // Keys differ per order so that switching country re-creates the inputs.
            key: `${order}-${field.name}`,
            feedbackKey: `${order}-${field.name}-feedback`,
            errorKey: field.showError ? field.name : undefined,
            name: field.name,
            label: this.labels[field.label],
            help: field.help ? this.labels[field.help] : undefined,
            autocomplete: field.autocomplete,
            required: field.required,
            value: this.fields[field.name],
            error: field.showError ? this.message(field.name) : ''
        }));
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

    handleChange(event) {
        const field = event.target.dataset.field;
        const raw =
            event.detail && event.detail.value !== undefined ? event.detail.value : event.target.value;
        this.fields = { ...this.fields, [field]: raw ?? '' };
        this.touched = { ...this.touched, [field]: true };
        this.notify();
    }

    handleBlur(event) {
        // Only a Japanese postal code is normalised on blur (to 123-4567).
        if (!this.isJapan || event.target.dataset.field !== 'postalCode') {
            return;
        }
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
