import { auraError, currentCustomer, requireClientId, type ApexMethodImpl } from '../context';
import { addressToMap, toAddress, validateAddress } from './address';

export const PortalProfileController: Record<string, ApexMethodImpl> = {
    getAddress: {
        params: [],
        access: 'customer',
        async run(call) {
            const clientId = requireClientId(currentCustomer(call));
            const res = await call.org.middleware.send('GET', `/v1/clients/${clientId}/address`);
            return toAddress(res.address);
        }
    },
    updateAddress: {
        params: ['requestJson'],
        access: 'customer',
        async run(call, args) {
            let parsed: unknown;
            try {
                parsed = JSON.parse(String(args.requestJson));
            } catch {
                throw auraError('VALIDATION_FAILED');
            }
            const address = validateAddress(toAddress(parsed));
            const clientId = requireClientId(currentCustomer(call));
            const res = await call.org.middleware.send('PUT', `/v1/clients/${clientId}/address`, {
                address: addressToMap(address)
            });
            return toAddress(res.address);
        }
    }
};
