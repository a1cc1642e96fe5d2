import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten';
import { logTruncationMarker } from './guest-prelude.js';

/** The longest prefix of text whose UTF-8 encoding fits in maxBytes, cut between code points. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) {
    return text;
  }
  let bytes = 0;
  let end = 0;
  for (const codePoint of text) {
    const size = Buffer.byteLength(codePoint);
    if (bytes + size > maxBytes) {
      break;
    }
    bytes += size;
    end += codePoint.length;
  }
  return text.slice(0, end);
}

// Not context.getLength(): after an out-of-memory error in the guest it reports no length at all.
function arrayLength(context: QuickJSContext, array: QuickJSHandle): number {
  const length = context.getProp(array, 'length');
  try {
    return context.typeof(length) === 'number' ? context.getNumber(length) : 0;
  } finally {
    length.dispose();
  }
}

/**
 * Copies the guest's captured console lines out of QuickJS. The guest already caps them by characters;
 * the host re-checks in UTF-8 bytes and never trusts the guest's bookkeeping. Only own data properties of
 * the closure-private array are read, so no tool code runs here.
 */
export function readCapturedLogs(
  context: QuickJSContext,
  logs: QuickJSHandle,
  maxLogBytes: number,
): string[] {
  const marker = logTruncationMarker(maxLogBytes);
  const count = arrayLength(context, logs);
  const lines: string[] = [];
  let bytes = 0;
  for (let index = 0; index < count; index += 1) {
    const item = context.getProp(logs, index);
    const line = context.typeof(item) === 'string' ? context.getString(item) : '';
    item.dispose();
    if (line === marker) {
      lines.push(marker);
      break;
    }
    const size = Buffer.byteLength(line);
    if (bytes + size > maxLogBytes) {
      const room = maxLogBytes - bytes;
      if (room > 0) {
        lines.push(truncateUtf8(line, room));
      }
      lines.push(marker);
      break;
    }
    bytes += size;
    lines.push(line);
  }
  return lines;
}
