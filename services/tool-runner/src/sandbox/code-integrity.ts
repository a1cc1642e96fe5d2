import { createHash, timingSafeEqual } from 'node:crypto';

/** Lower-case hex sha256 of the tool source's UTF-8 bytes: how tool versions are content-addressed. */
export function sha256Hex(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}

/** True when the code is exactly the version that was approved under this digest. */
export function codeMatchesDigest(code: string, expectedSha256: string): boolean {
  const actual = Buffer.from(sha256Hex(code), 'utf8');
  const expected = Buffer.from(expectedSha256.toLowerCase(), 'utf8');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
