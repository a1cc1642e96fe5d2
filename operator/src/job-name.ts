import { createHash } from 'node:crypto';

/** What identifies one attempt at running a ToolExecution: a new uid or a new generation is a new Job. */
export interface JobNameSource {
  namespace: string;
  name: string;
  uid: string;
  generation: number;
}

/** Job names become the `job-name` label value on their pods, so they must fit 63 characters. */
export const MAX_JOB_NAME_LENGTH = 63;
const PREFIX = 'te-';
const HASH_LENGTH = 10;
const MAX_READABLE_PART = MAX_JOB_NAME_LENGTH - PREFIX.length - 1 - HASH_LENGTH;

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function isDns1123Label(value: string): boolean {
  return value.length <= MAX_JOB_NAME_LENGTH && DNS_1123_LABEL.test(value);
}

/** Lowercase ASCII letters, digits and single dashes, accents folded; may come back empty. */
function readablePart(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_READABLE_PART)
    .replace(/^-+|-+$/g, '');
}

/**
 * The Job name for a ToolExecution: `te-<readable name>-<hash>`, a valid DNS-1123 label of at most 63
 * characters. The same execution always maps to the same name, so a create that answers 409 means the
 * Job already exists; the hash keeps names unique when truncation or folding makes readable parts collide.
 */
export function toolJobName(source: JobNameSource): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([source.namespace, source.name, source.uid, source.generation]))
    .digest('hex')
    .slice(0, HASH_LENGTH);
  const readable = readablePart(source.name);
  return readable === '' ? `${PREFIX}${hash}` : `${PREFIX}${readable}-${hash}`;
}
