import { describe, expect, it } from 'vitest';
import { TokenSigner, type Claims } from '../../server/tokens.js';

const claims: Claims = {
  board: '23456789abcd' as Claims['board'],
  epoch: 'e1e1e1e1e1',
  role: 'participant',
  id: 'p-abc',
  name: 'Ana',
  team: 'mpusd',
  issuedAt: 1_700_000_000_000,
};

describe('signed tokens', () => {
  const signer = new TokenSigner('s'.repeat(43));

  it('round-trips its claims', () => {
    expect(signer.verify(signer.sign(claims))).toEqual(claims);
  });

  it('refuses a token signed with another secret', () => {
    const other = new TokenSigner('t'.repeat(43));
    expect(signer.verify(other.sign(claims))).toBeNull();
  });

  it('refuses any change to the payload (privilege escalation)', () => {
    const token = signer.sign(claims);
    const [payload, mac] = token.split('.') as [string, string];
    const forged = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    forged.r = 'facilitator';
    const forgedToken = `${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${mac}`;
    expect(signer.verify(forgedToken)).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['no dot', 'abc'],
    ['dot first', '.abc'],
    ['not a string', 42],
    ['huge', 'a'.repeat(5_000) + '.b'],
    ['bad base64 mac', 'eyJ2IjoxfQ.!!!'],
  ])('refuses malformed input: %s', (_n, t) => {
    expect(signer.verify(t)).toBeNull();
  });

  it('refuses a well-signed payload with the wrong shape', () => {
    const s = signer as unknown as { mac(p: string): string };
    const payload = Buffer.from(JSON.stringify({ v: 1, b: 'nope', e: 'x', r: 'root', i: 'x', n: 'x', t: '', at: 0 })).toString('base64url');
    expect(signer.verify(`${payload}.${s.mac(payload)}`)).toBeNull();
  });

  it('refuses a short secret', () => {
    expect(() => new TokenSigner('short')).toThrow();
  });
});
