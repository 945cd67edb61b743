import catalog from '../../../data/catalog.json';
import type { BillingService } from '../../src/domain/ports';
import {
    categoryOf,
    identifierOf,
    isSubscription,
    presentSubscription
} from '../../src/domain/subscriptions';

const FIELDS = catalog.whmcsCustomFields.product;

function service(over: Partial<BillingService> = {}): BillingService {
    return {
        id: 7,
        productId: 202,
        orderId: 3,
        name: 'SIM Voice 20 GB',
        status: 'Active',
        billingCycle: 'monthly',
        recurringAmount: '2480.00',
        nextDueDate: '2026-12-27',
        registeredOn: '0000-00-00',
        groupName: 'SIM',
        customFields: {},
        ...over
    };
}

describe('subscriptions', () => {
    it('one-time and free services are fees, every other cycle a subscription', () => {
        expect(isSubscription(service({ billingCycle: 'onetime' }))).toBe(false);
        expect(isSubscription(service({ billingCycle: 'free' }))).toBe(false);
        for (const cycle of ['monthly', 'annually', 'unknown']) {
            expect(isSubscription(service({ billingCycle: cycle }))).toBe(true);
        }
    });

    it('the category is the product group, any case; another group is Other', () => {
        expect(categoryOf(' sim ')).toBe('SIM');
        expect(categoryOf('Internet')).toBe('Internet');
        expect(categoryOf('vpn')).toBe('VPN');
        expect(categoryOf('Hosting')).toBe('Other');
        expect(categoryOf('')).toBe('Other');
    });

    it('the identifier is the first filled field: phone number, VPN region, installation address', () => {
        expect(
            identifierOf(service({ customFields: { 11: '1234567890', 13: ' 090-1234-5678 ' } }), FIELDS)
        ).toEqual({ kind: 'phone_number', value: '090-1234-5678' });
        expect(identifierOf(service({ customFields: { 13: '  ', 21: 'SG' } }), FIELDS)).toEqual({
            kind: 'vpn_region',
            value: 'SG'
        });
        expect(identifierOf(service({ customFields: { 31: '1-1 Marunouchi, Tokyo' } }), FIELDS)).toEqual({
            kind: 'installation_address',
            value: '1-1 Marunouchi, Tokyo'
        });
        // A field id the settings do not name (here the MNP holder's name) is never shown.
        expect(identifierOf(service({ customFields: { 14: 'Kenta Suzuki' } }), FIELDS)).toBeNull();
    });

    it('presents money and dates normalised', () => {
        expect(presentSubscription(service({ recurringAmount: '2480' }), FIELDS)).toEqual({
            id: 7,
            productId: 202,
            orderId: 3,
            name: 'SIM Voice 20 GB',
            category: 'SIM',
            status: 'Active',
            billingCycle: 'monthly',
            recurringAmount: '2480.00',
            nextDueDate: '2026-12-27',
            registeredOn: null,
            identifier: null
        });
    });
});
