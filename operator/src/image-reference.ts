/**
 * Image references pinned by digest. A tag can be moved to other content after review; a digest
 * cannot, so the tool-runner image that runs untrusted code is always named by its sha256.
 * Grammar after github.com/distribution/reference: [registry[:port]/]path[:tag]@sha256:<64 hex>.
 */
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*';
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const IMAGE_BY_DIGEST = new RegExp(`^(${NAME})(?::(${TAG}))?@sha256:([0-9a-f]{64})$`);

const MAX_NAME_LENGTH = 255;

export const IMAGE_BY_DIGEST_HINT =
  'expected an image pinned by digest: <repository>@sha256:<64 lowercase hex>';

export interface ImageByDigest {
  repository: string;
  tag?: string;
  digest: string;
}

/** The parts of `reference`, or null when it is not a well-formed image reference with a sha256 digest. */
export function parseImageByDigest(reference: string): ImageByDigest | null {
  const match = IMAGE_BY_DIGEST.exec(reference);
  if (!match) return null;
  const [, repository, tag, hex] = match;
  if (repository === undefined || hex === undefined || repository.length > MAX_NAME_LENGTH) return null;
  return tag === undefined
    ? { repository, digest: `sha256:${hex}` }
    : { repository, tag, digest: `sha256:${hex}` };
}

export function isImageByDigest(reference: string): boolean {
  return parseImageByDigest(reference) !== null;
}
