/**
 * Raised when a Job cannot be built safely from a ToolExecution and the operator's options: a missing
 * identity field, limits outside their bounds, an image not pinned by digest. The operator records it
 * on the ToolExecution's status instead of creating a Job it cannot vouch for.
 */
export class ToolJobSpecError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'ToolJobSpecError';
  }
}
