import { parseToolRunRequest, type ToolRunRequest, type ToolRunRequestInput } from '../request-schema.js';
import { sha256Hex } from '../sandbox/code-integrity.js';

export interface ToolRequestOverrides {
  executionId?: string;
  input?: unknown;
  data?: unknown;
  limits?: ToolRunRequestInput['limits'];
  sha256?: string;
}

/** The raw request a caller would send for this code, with a correct digest unless overridden. */
export function rawToolRequest(code: string, overrides: ToolRequestOverrides = {}): ToolRunRequestInput {
  return {
    executionId: overrides.executionId ?? 'exec-1',
    tool: { id: 'tool-1', version: 1, sha256: overrides.sha256 ?? sha256Hex(code), code },
    input: overrides.input ?? { n: 2 },
    data: overrides.data ?? { items: [1, 2, 3] },
    ...(overrides.limits === undefined ? {} : { limits: overrides.limits }),
  };
}

/** A validated request for this code; throws if the test built an invalid one. */
export function toolRequest(code: string, overrides: ToolRequestOverrides = {}): ToolRunRequest {
  const parsed = parseToolRunRequest(rawToolRequest(code, overrides));
  if (!parsed.ok) {
    throw new Error(parsed.message);
  }
  return parsed.request;
}
