/**
 * The service's own check of what an executor hands back: whatever the sandbox
 * promised, only plain JSON within the size cap is stored and returned.
 */

export type OutputCheck =
  | { ok: true; bytes: number }
  | { ok: false; code: 'OUTPUT_NOT_JSON' | 'OUTPUT_TOO_LARGE'; message: string };

const MAX_DEPTH = 64;

function isPlainJson(value: unknown, depth: number, seen: Set<object>): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || depth > MAX_DEPTH || seen.has(value)) return false;
  seen.add(value);
  const proto = Object.getPrototypeOf(value);
  let ok: boolean;
  if (Array.isArray(value)) {
    ok =
      proto === Array.prototype &&
      value.every((item) => item !== undefined && isPlainJson(item, depth + 1, seen));
  } else {
    ok =
      (proto === Object.prototype || proto === null) &&
      Object.values(value).every((item) => isPlainJson(item, depth + 1, seen));
  }
  seen.delete(value);
  return ok;
}

export function checkToolOutput(output: unknown, maxBytes: number): OutputCheck {
  if (!isPlainJson(output, 0, new Set())) {
    return {
      ok: false,
      code: 'OUTPUT_NOT_JSON',
      message: 'the tool output is not plain JSON (null, booleans, finite numbers, strings, arrays, objects)',
    };
  }
  const bytes = Buffer.byteLength(JSON.stringify(output), 'utf8');
  if (bytes > maxBytes) {
    return {
      ok: false,
      code: 'OUTPUT_TOO_LARGE',
      message: `the tool output is ${bytes} bytes; the limit is ${maxBytes}`,
    };
  }
  return { ok: true, bytes };
}
