import { createHash } from 'node:crypto';
import { parse } from '@babel/parser';
import type { Statement } from '@babel/types';

/** Largest tool source, in UTF-8 bytes (the database refuses more as well). */
export const MAX_TOOL_CODE_BYTES = 64 * 1024;

/** How versions are content-addressed: lower-case hex sha256 of the source's UTF-8 bytes. */
export function toolCodeSha256(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}

export type ToolCodeCheck = { ok: true } | { ok: false; message: string };

interface BabelSyntaxError {
  message: string;
  loc?: { line: number; column: number };
}

function parseScript(source: string): { body: Statement[] } | { error: BabelSyntaxError } {
  try {
    // A script, as the tool-runner evaluates it; no plugins, so only standard syntax is accepted.
    const file = parse(source, {
      sourceType: 'script',
      errorRecovery: false,
      allowReturnOutsideFunction: false,
    });
    return { body: file.program.body };
  } catch (error) {
    return { error: error as BabelSyntaxError };
  }
}

function definesRun(statement: Statement): boolean {
  if (statement.type === 'FunctionDeclaration') return statement.id?.name === 'run';
  if (statement.type === 'VariableDeclaration') {
    return statement.declarations.some(
      (declaration) => declaration.id.type === 'Identifier' && declaration.id.name === 'run',
    );
  }
  return false;
}

function endsInFunction(body: Statement[]): boolean {
  const last = body.at(-1);
  return (
    last?.type === 'ExpressionStatement' &&
    (last.expression.type === 'FunctionExpression' || last.expression.type === 'ArrowFunctionExpression')
  );
}

/**
 * Checks, by parsing only (the code is never evaluated in a service process), that
 * the source follows the tool-runner's convention: a script that defines `run`
 * (`function run(input, data) {...}` or `const run = ...`), or whose last statement is
 * a function or arrow expression. Like the runner, a source that parses only as an
 * expression (an anonymous `function (input, data) {...}`) is read in parentheses.
 */
export function checkToolCode(code: string): ToolCodeCheck {
  let parsed = parseScript(code);
  if ('error' in parsed) {
    const asExpression = parseScript(`(\n${code}\n)`);
    if ('error' in asExpression) {
      const { message, loc } = parsed.error;
      const where = loc ? ` (line ${loc.line}, column ${loc.column + 1})` : '';
      return {
        ok: false,
        message: `the code does not parse: ${message.replace(/ \(\d+:\d+\)$/, '')}${where}`,
      };
    }
    parsed = asExpression;
  }
  if (parsed.body.some(definesRun) || endsInFunction(parsed.body)) return { ok: true };
  return {
    ok: false,
    message: 'the code must define a function named run, or be a function expression (input, data) => output',
  };
}
