import type { ExecutionRequest, ExecutionResult, ToolExecutor } from './tool-executor.js';

type CannedAnswer =
  | ExecutionResult
  | ((request: ExecutionRequest) => ExecutionResult | Promise<ExecutionResult>);

/**
 * A ToolExecutor for tests that never evaluates code: it answers with results
 * canned per code sha256 and keeps a copy of every request it got, so tests can
 * check exactly what a tool would have been handed (whose data, which limits).
 */
export class FakeToolExecutor implements ToolExecutor {
  readonly kind = 'local' as const;
  readonly requests: ExecutionRequest[] = [];
  closed = false;
  private readonly answers = new Map<string, CannedAnswer>();

  /** What executions of the code with this sha256 return (or a function computing it from the request). */
  answer(sha256: string, answer: CannedAnswer): this {
    this.answers.set(sha256, answer);
    return this;
  }

  async execute(request: ExecutionRequest): Promise<ExecutionResult> {
    this.requests.push(structuredClone(request));
    const answer = this.answers.get(request.tool.sha256);
    if (answer === undefined) {
      return {
        status: 'failed',
        error: { code: 'NO_CANNED_RESULT', message: 'no answer canned for this code' },
        durationMs: 1,
      };
    }
    return typeof answer === 'function' ? answer(request) : answer;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
