import { codeMatchesDigest, sha256Hex } from './code-integrity.js';

describe('code integrity', () => {
  it('when hashing, then the digest is the lower-case hex sha256 of the UTF-8 source', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('when the digest matches in any letter case, then the code is accepted', () => {
    const digest = sha256Hex('() => 1');

    expect(codeMatchesDigest('() => 1', digest)).toBe(true);
    expect(codeMatchesDigest('() => 1', digest.toUpperCase())).toBe(true);
  });

  it('when one character of the code differs, then it is refused', () => {
    expect(codeMatchesDigest('() => 2', sha256Hex('() => 1'))).toBe(false);
  });

  it('when the digest has the wrong length, then it is refused', () => {
    expect(codeMatchesDigest('() => 1', 'abc')).toBe(false);
  });
});
