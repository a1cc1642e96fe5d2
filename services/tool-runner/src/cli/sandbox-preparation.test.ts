import { DEFAULT_LIMITS } from '../limits.js';
import { toolRequest } from '../testing/tool-request.js';
import {
  PREPARED_PAYLOAD_ALLOWANCE_BYTES,
  preparedCeiling,
  preparedModuleServes,
} from './sandbox-preparation.js';

const PAGE = 64 * 1024;

describe('preparedModuleServes', () => {
  it('when a request has the default limits and a small payload, then the prepared module serves it', () => {
    expect(preparedModuleServes(toolRequest('() => 1', { input: {}, data: {} }))).toBe(true);
    expect(preparedModuleServes(toolRequest('() => 1', { data: { text: 'x'.repeat(30_000) } }))).toBe(true);
  });

  it('when the payload is well beyond the allowance, then a module sized for it is needed', () => {
    const data = { text: 'x'.repeat(2 * PREPARED_PAYLOAD_ALLOWANCE_BYTES) };

    expect(preparedModuleServes(toolRequest('() => 1', { data }))).toBe(false);
  });

  it.each([
    ['a smaller heap', { memoryMb: 8 }],
    ['a larger heap', { memoryMb: 64 }],
    ['a larger output cap', { maxOutputBytes: 1024 * 1024 }],
  ])('when the request asks for %s, then the prepared ceiling is not used', (_name, limits) => {
    expect(preparedModuleServes(toolRequest('() => 1', { limits }))).toBe(false);
  });

  it('when served, then the ceiling is at most the payload allowance (twice, as copied in) above the exact one', () => {
    const { pages, lowestServedMaximum } = preparedCeiling();

    expect((pages.maximum - lowestServedMaximum) * PAGE).toBeLessThanOrEqual(
      2 * PREPARED_PAYLOAD_ALLOWANCE_BYTES + PAGE,
    );
    expect(DEFAULT_LIMITS.memoryMb).toBe(32);
  });
});
