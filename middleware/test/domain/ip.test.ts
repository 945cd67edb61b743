import { ipLockoutKey } from '../../src/domain/ip';

describe('ipLockoutKey', () => {
    it('an IPv4 address is its own key, however it is written in IPv6', () => {
        expect(ipLockoutKey('10.2.2.2')).toBe('10.2.2.2');
        expect(ipLockoutKey('::ffff:10.2.2.2')).toBe('10.2.2.2');
        expect(ipLockoutKey('::FFFF:0a02:0202')).toBe('10.2.2.2');
        expect(ipLockoutKey('0:0:0:0:0:ffff:10.2.2.2')).toBe('10.2.2.2');
    });

    it('an IPv6 address counts by its /64', () => {
        const key = '2001:db8:0:1::/64';
        expect(ipLockoutKey('2001:db8:0:1::1')).toBe(key);
        expect(ipLockoutKey('2001:DB8:0:1:aaaa:bbbb:cccc:dddd')).toBe(key);
        expect(ipLockoutKey('2001:0db8:0000:0001:ffff:ffff:ffff:ffff')).toBe(key);
        expect(ipLockoutKey('2001:db8:0:2::1')).not.toBe(key);
        expect(ipLockoutKey('::1')).toBe('0:0:0:0::/64');
    });

    it('null for what is not an address', () => {
        for (const bad of [
            '',
            'localhost',
            '10.2.2.256',
            '1.2.3',
            '2001:db8::1::2',
            '1:2:3:4:5:6:7:8:9',
            '12345::'
        ]) {
            expect(ipLockoutKey(bad)).toBeNull();
        }
    });
});
