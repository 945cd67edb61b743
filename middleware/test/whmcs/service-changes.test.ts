// UpgradeProduct and AddCancelRequest through the client: the documented request and answer shapes.
import { createWhmcsClient, WRITE_ACTIONS } from '../../src/whmcs';
import { CREDS, fixture, scriptedFetch } from './helpers';

function clientFor(body: unknown) {
    const fake = scriptedFetch({ body });
    return {
        client: createWhmcsClient({
            baseUrl: 'https://billing.example/',
            ...CREDS,
            fetchImpl: fake.fetchImpl
        }),
        calls: fake.calls
    };
}

it('UpgradeProduct sends type=product and the new product, and reads the documented answer (string and int ids)', async () => {
    const { client, calls } = clientFor(fixture('upgradeproduct.json'));
    const result = await client.upgradeProduct({
        serviceId: 5,
        paymentMethod: 'testcard',
        newProductId: 11,
        newProductBillingCycle: 'monthly'
    });
    expect(result).toEqual({
        oldProductId: 12,
        oldProductName: '5 Years',
        newProductId: 11,
        newProductName: '4 Years',
        price: '$-8.67 USD',
        orderId: 73,
        invoiceId: null
    });
    const p = calls[0].params;
    expect(
        Object.fromEntries(
            ['action', 'serviceid', 'paymentmethod', 'type', 'newproductid', 'newproductbillingcycle'].map(
                (k) => [k, p.get(k)]
            )
        )
    ).toEqual({
        action: 'UpgradeProduct',
        serviceid: '5',
        paymentmethod: 'testcard',
        type: 'product',
        newproductid: '11',
        newproductbillingcycle: 'monthly'
    });
    expect(p.has('calconly')).toBe(false);
});

it('AddCancelRequest sends the service, the type and the reason', async () => {
    const { client, calls } = clientFor({ result: 'success', serviceid: '1', userid: '1' });
    await client.addCancelRequest({ serviceId: 1, type: 'End of Billing Period', reason: 'Moving' });
    const p = calls[0].params;
    expect([p.get('action'), p.get('serviceid'), p.get('type'), p.get('reason')]).toEqual([
        'AddCancelRequest',
        '1',
        'End of Billing Period',
        'Moving'
    ]);
});

it('both are writes: never retried by the client', () => {
    expect(WRITE_ACTIONS.has('upgradeproduct')).toBe(true);
    expect(WRITE_ACTIONS.has('addcancelrequest')).toBe(true);
});
