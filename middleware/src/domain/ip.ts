/**
 * The key a source address is counted under for the verification lockout. One client must not get a
 * fresh allowance by spelling its address another way: an IPv4-mapped IPv6 address counts as its IPv4
 * address, and an IPv6 address by its /64 (one subscriber's LAN; the host part is the client's to pick).
 */
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEXTET = /^[0-9a-f]{1,4}$/;

/** The eight 16-bit groups of an IPv6 address, or null. An embedded IPv4 tail gives two groups. */
function ipv6Groups(text: string): number[] | null {
    const halves = text.split('::');
    if (halves.length > 2) return null;
    const parse = (part: string): number[] | null => {
        if (part === '') return [];
        const out: number[] = [];
        const words = part.split(':');
        for (let i = 0; i < words.length; i++) {
            const w = words[i];
            if (i === words.length - 1 && IPV4.test(w)) {
                const [a, b, c, d] = w.split('.').map(Number);
                out.push((a << 8) | b, (c << 8) | d);
            } else if (HEXTET.test(w)) {
                out.push(parseInt(w, 16));
            } else {
                return null;
            }
        }
        return out;
    };
    const head = parse(halves[0]);
    const tail = halves.length === 2 ? parse(halves[1]) : [];
    if (!head || !tail) return null;
    if (halves.length === 1) return head.length === 8 ? head : null;
    const missing = 8 - head.length - tail.length;
    return missing >= 1 ? [...head, ...Array<number>(missing).fill(0), ...tail] : null;
}

/** `10.2.2.2` for `10.2.2.2` or `::ffff:10.2.2.2`; `2001:db8:0:1::/64` for any host of that /64; null if not an IP. */
export function ipLockoutKey(value: string): string | null {
    const text = value.trim().toLowerCase();
    if (IPV4.test(text)) return text;
    const groups = text.includes(':') ? ipv6Groups(text) : null;
    if (!groups) return null;
    const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
    if (mapped) return [groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255].join('.');
    return `${groups
        .slice(0, 4)
        .map((g) => g.toString(16))
        .join(':')}::/64`;
}
