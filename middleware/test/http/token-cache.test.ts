/**
 * The token verifier remembers accepted tokens until their exp: a remembered token is refused once it has
 * expired, refusals are not remembered, and a token differing in any character is verified on its own.
 */
import { errors as joseErrors } from 'jose';
import { createTokenVerifier, type TokenVerifier } from '../../src/http/auth';
import { newKeyPair, signToken, TEST_AUDIENCE, TEST_ISSUER, type TestKeyPair } from '../helpers/keys';

let keys: TestKeyPair;
let verify: TokenVerifier;
beforeAll(async () => {
    keys = await newKeyPair();
    verify = await createTokenVerifier({
        publicKeys: [keys.publicPem],
        issuer: TEST_ISSUER,
        audience: TEST_AUDIENCE,
        clockSkewSeconds: 0
    });
});

it('a remembered token is accepted until its exp, then refused', async () => {
    // exp is whole seconds: sign just after a second starts, so the token lives between 1 and 2 s.
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 10));
    const token = await signToken(keys.privateKey, { expiresIn: 2 });
    const first = await verify(token);
    expect(first.sub).toBe('005000000000001AAA');
    expect(await verify(token)).toEqual(first);
    await new Promise((resolve) => setTimeout(resolve, first.exp! * 1000 - Date.now() + 50));
    await expect(verify(token)).rejects.toBeInstanceOf(joseErrors.JWTExpired);
});

it('a refused token stays refused; a remembered token changed in its signature is refused', async () => {
    const wrongAudience = await signToken(keys.privateKey, { audience: 'someone-else' });
    for (let i = 0; i < 2; i++) {
        await expect(verify(wrongAudience)).rejects.toBeInstanceOf(joseErrors.JWTClaimValidationFailed);
    }
    const token = await signToken(keys.privateKey);
    await verify(token);
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    const tampered = `${token.slice(0, -2)}${last}${token.at(-1)}`;
    await expect(verify(tampered)).rejects.toBeInstanceOf(joseErrors.JWSSignatureVerificationFailed);
    const otherKey = await newKeyPair();
    await expect(verify(await signToken(otherKey.privateKey))).rejects.toBeInstanceOf(
        joseErrors.JWSSignatureVerificationFailed
    );
});

it('the payload it answers cannot be changed by a caller', async () => {
    const payload = await verify(await signToken(keys.privateKey));
    expect(Object.isFrozen(payload)).toBe(true);
});
