import {
  apiKeyPrefix,
  hashSecret,
  issueApiKey,
  issueInviteCode,
  normaliseInviteCode,
} from './api-key-codec.js';

const fixedBytes = (fill: number) => (size: number) => Buffer.alloc(size, fill);

describe('API key codec', () => {
  it('when a key is issued, then it has a readable prefix, 256 random bits and only its hash is kept', () => {
    const issued = issueApiKey();
    expect(issued.plaintext).toMatch(/^ha_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(apiKeyPrefix(issued.plaintext)).toBe(issued.prefix);
    expect(issued.hash).toBe(hashSecret(issued.plaintext));
    expect(issued.hash).not.toContain(issued.plaintext.slice(12));
    expect(issueApiKey().plaintext).not.toBe(issued.plaintext);
  });

  it('when random bytes are injected, then the key is predictable', () => {
    expect(issueApiKey(fixedBytes(1)).plaintext).toBe(issueApiKey(fixedBytes(1)).plaintext);
  });

  it('when a string is not shaped like a key, then it has no prefix', () => {
    expect(apiKeyPrefix('')).toBeUndefined();
    expect(apiKeyPrefix('ha_short_x')).toBeUndefined();
    expect(apiKeyPrefix(`ha_ABCDEFGH_${'a'.repeat(43)}`)).toBeUndefined();
  });

  it('when invite codes are issued and typed back loosely, then they normalise to the same code', () => {
    const code = issueInviteCode(fixedBytes(7));
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(normaliseInviteCode(` ${code.toLowerCase().replace(/-/g, ' ')} `)).toBe(normaliseInviteCode(code));
  });
});
