import { DEFAULT_LIMITS } from '../limits.js';
import { parseToolRunResult } from '../result-schema.js';
import { sha256Hex } from '../sandbox/code-integrity.js';
import { intakeRequest } from './request-intake.js';

const SAMPLE_CODE = '(input) => input';

/**
 * Validates a sample request and a sample result once, while a runner spawned ahead of time waits for its
 * request: zod builds its parsers on first use, which would otherwise add to the first real request.
 */
export function primeValidators(): void {
  intakeRequest(
    JSON.stringify({
      executionId: 'validator-primer',
      tool: { id: 'validator-primer', version: 0, sha256: sha256Hex(SAMPLE_CODE), code: SAMPLE_CODE },
      input: { n: 1 },
      data: { items: [1, 2, 3] },
      limits: DEFAULT_LIMITS,
    }),
  );
  parseToolRunResult({
    executionId: 'validator-primer',
    status: 'succeeded',
    output: { n: 1, items: [1, 2, 3] },
    logs: ['primed'],
    durationMs: 1,
    limits: DEFAULT_LIMITS,
  });
}
