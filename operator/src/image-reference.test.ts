import { isImageByDigest, parseImageByDigest } from './image-reference.js';

const hex = '0123456789abcdef'.repeat(4);

describe('parseImageByDigest', () => {
  it('when the image has a registry, a port, a path and a digest, then each part is returned', () => {
    expect(parseImageByDigest(`registry.example.com:5000/health/tool-runner@sha256:${hex}`)).toEqual({
      repository: 'registry.example.com:5000/health/tool-runner',
      digest: `sha256:${hex}`,
    });
  });

  it('when the image carries a tag beside its digest, then the digest still pins it', () => {
    expect(parseImageByDigest(`ghcr.io/x/tool-runner:1.2.3@sha256:${hex}`)).toEqual({
      repository: 'ghcr.io/x/tool-runner',
      tag: '1.2.3',
      digest: `sha256:${hex}`,
    });
  });

  it.each([
    ['a tag only', 'ghcr.io/x/tool-runner:1.2.3'],
    ['no tag and no digest', 'tool-runner'],
    ['the latest tag', 'tool-runner:latest'],
    ['a short digest', `tool-runner@sha256:${hex.slice(1)}`],
    ['an uppercase digest', `tool-runner@sha256:${hex.toUpperCase()}`],
    ['another algorithm', `tool-runner@sha512:${hex}${hex}`],
    ['an uppercase repository', `Tool-Runner@sha256:${hex}`],
    ['surrounding spaces', ` tool-runner@sha256:${hex} `],
    ['an empty string', ''],
    ['a repository over 255 characters', `${'a'.repeat(256)}@sha256:${hex}`],
  ])('when the image has %s, then it is refused', (_case, reference) => {
    expect(parseImageByDigest(reference)).toBeNull();
    expect(isImageByDigest(reference)).toBe(false);
  });
});
