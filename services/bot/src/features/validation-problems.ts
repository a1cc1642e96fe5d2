import { ValidationError } from '@health-agent/core';

export interface FieldProblem {
  /** The field as the domain names it, e.g. "amount" or "values.severity". */
  path: string;
  message: string;
}

/** The field problems of a domain ValidationError, or one problem with its message when it lists none. */
export function problemsOf(error: ValidationError): FieldProblem[] {
  const details = Array.isArray(error.details) ? (error.details as Array<Partial<FieldProblem>>) : [];
  const problems = details
    .filter((detail) => typeof detail.message === 'string')
    .map((detail) => ({
      path: typeof detail.path === 'string' ? detail.path : '',
      message: detail.message as string,
    }));
  return problems.length > 0 ? problems : [{ path: '', message: error.message }];
}

/**
 * "amount: water must be 1-10000 ml per entry": each problem named by its field, so the
 * person knows what to change. `fieldName` renames a path (a tracker key to its label).
 */
export function describeProblems(
  error: ValidationError,
  fieldName: (path: string) => string = (path) => path,
): string {
  return problemsOf(error)
    .map((problem) => {
      const field = problem.path ? fieldName(problem.path) : '';
      return field ? `${field}: ${problem.message}` : problem.message;
    })
    .join('; ');
}

/** Whether an error is the domain refusing the input (shown to the user) rather than a failure. */
export function isRefusal(error: unknown): error is ValidationError {
  return error instanceof ValidationError;
}
