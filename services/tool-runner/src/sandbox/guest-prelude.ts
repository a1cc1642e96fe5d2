/**
 * JavaScript that runs inside each fresh QuickJS context before the tool. It captures the built-ins the
 * harness relies on (so a tool that replaces JSON.parse or Array.prototype methods cannot change how its
 * input is parsed or its output serialised), installs the only global the host adds (a size-capped
 * console), removes the wall clock and SharedArrayBuffer, and evaluates to the harness object the host
 * calls. Nothing the harness holds is reachable from tool code: it lives in this closure.
 *
 * It also holds back a block of heap for the host's clean-up (see releaseReserve).
 *
 * Everything the host reads back is a string inside an array literal or the closure's own log array, so
 * reading it never runs tool code (no getters, toJSON or proxies on the way out).
 */

export interface GuestPreludeSettings {
  maxLogBytes: number;
  maxOutputBytes: number;
  /** Heap set aside while the tool runs and given back before the host reads results. */
  reserveBytes: number;
}

/** Appended once when a tool logs more than limits.maxLogBytes; later lines are dropped. */
export function logTruncationMarker(maxLogBytes: number): string {
  return `[logs truncated: limit of ${maxLogBytes} bytes reached]`;
}

/** Result tags of the harness's serialize(): [tag, text]. */
export const SERIALIZED = { json: 'json', invalid: 'invalid', tooLarge: 'too-large' } as const;

export const CLOCK_UNAVAILABLE_MESSAGE =
  'the clock is not available to tools: pass the time you need in input or data';

export function buildGuestPrelude(settings: GuestPreludeSettings): string {
  const maxLogChars = Math.floor(settings.maxLogBytes);
  const maxOutputBytes = Math.floor(settings.maxOutputBytes);
  const reserveBytes = Math.floor(settings.reserveBytes);
  return `(() => {
  'use strict';
  const MAX_LOG_CHARS = ${maxLogChars};
  const MAX_OUTPUT_BYTES = ${maxOutputBytes};
  const TRUNCATION_MARKER = ${JSON.stringify(logTruncationMarker(maxLogChars))};
  const CLOCK_UNAVAILABLE = ${JSON.stringify(CLOCK_UNAVAILABLE_MESSAGE)};
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  const apply = Reflect.apply;
  const construct = Reflect.construct;
  const defineProperty = Object.defineProperty;
  const getPrototypeOf = Object.getPrototypeOf;
  const toText = String;
  const sliceText = String.prototype.slice;
  const TypeErrorCtor = TypeError;
  const typeErrorPrototype = TypeError.prototype;
  const NativeDate = Date;

  // Taken before the tool runs and released after it, so that a tool which exhausts the heap still
  // leaves room for the host to copy its output, logs and error out.
  let cleanupReserve = new ArrayBuffer(${reserveBytes});
  const releaseReserve = () => {
    cleanupReserve = null;
    return cleanupReserve;
  };

  // Logs: a closure-private array of strings, filled through defineProperty so every entry is an own
  // data property the host can read without running tool code.
  const logs = [];
  let logCount = 0;
  let logBudget = MAX_LOG_CHARS;
  let logsClosed = false;
  const appendLine = (line) => {
    defineProperty(logs, logCount, { value: line, writable: false, enumerable: true, configurable: false });
    logCount += 1;
  };
  const formatArg = (value) => {
    if (typeof value === 'string') return value;
    try {
      const json = stringify(value);
      if (typeof json === 'string') return json;
    } catch (ignored) {}
    try {
      return toText(value);
    } catch (ignored) {
      return '[unprintable]';
    }
  };
  const log = function log(...args) {
    if (logsClosed) return;
    let line = '';
    for (let i = 0; i < args.length; i += 1) {
      line += (i === 0 ? '' : ' ') + formatArg(args[i]);
      if (line.length > logBudget) break;
    }
    const cost = line.length + 1;
    if (cost > logBudget) {
      if (logBudget > 1) appendLine(apply(sliceText, line, [0, logBudget - 1]));
      appendLine(TRUNCATION_MARKER);
      logsClosed = true;
      return;
    }
    logBudget -= cost;
    appendLine(line);
  };
  defineProperty(globalThis, 'console', {
    value: { log, info: log, warn: log, error: log, debug: log },
    writable: true,
    enumerable: false,
    configurable: true,
  });

  // No wall clock: tools are pure functions of (input, data); Date still parses and formats given times.
  const clockUnavailable = () => new TypeErrorCtor(CLOCK_UNAVAILABLE);
  const SandboxDate = function Date(...args) {
    if (new.target === undefined || args.length === 0) throw clockUnavailable();
    return construct(NativeDate, args, new.target);
  };
  SandboxDate.prototype = NativeDate.prototype;
  SandboxDate.UTC = NativeDate.UTC;
  SandboxDate.parse = NativeDate.parse;
  SandboxDate.now = function now() {
    throw clockUnavailable();
  };
  const replaceable = (value) => ({ value, writable: true, enumerable: false, configurable: true });
  defineProperty(NativeDate.prototype, 'constructor', replaceable(SandboxDate));
  defineProperty(globalThis, 'Date', replaceable(SandboxDate));
  delete globalThis.SharedArrayBuffer;

  const resolveTool = (completion) => {
    let named;
    try {
      named = typeof run === 'function' ? run : undefined;
    } catch (ignored) {
      named = undefined;
    }
    if (named !== undefined) return named;
    return typeof completion === 'function' ? completion : undefined;
  };

  // Parsed in a call of its own so the host can drop the JSON texts before the tool runs.
  const parseArgs = (inputText, dataText) => [parse(inputText), parse(dataText)];
  const invoke = (tool, args) => apply(tool, undefined, args);

  const REJECTED = {};
  let rejection = '';
  const clip = (text) => (text.length > 200 ? apply(sliceText, text, [0, 200]) + '...' : text);
  const replacer = function (key, value) {
    const kind = typeof value;
    if (kind === 'function' || kind === 'symbol' || kind === 'bigint') {
      rejection = (key === '' ? 'the output is' : 'the value at key "' + clip(key) + '" is') +
        ' a ' + kind + ', which JSON cannot represent';
      throw REJECTED;
    }
    return value;
  };
  const isTypeError = (error) =>
    error !== null && typeof error === 'object' && getPrototypeOf(error) === typeErrorPrototype;
  const INVALID = '${SERIALIZED.invalid}';
  const serialize = (value) => {
    if (value === undefined) return [INVALID, 'the tool returned undefined, which JSON cannot represent'];
    let text;
    try {
      text = stringify(value, replacer);
    } catch (error) {
      if (error === REJECTED) return [INVALID, rejection];
      if (isTypeError(error)) {
        const message = typeof error.message === 'string' ? error.message : '';
        return [INVALID, 'the output cannot be represented as JSON: ' + message];
      }
      throw error;
    }
    if (typeof text !== 'string') return [INVALID, 'the output cannot be represented as JSON'];
    if (text.length > MAX_OUTPUT_BYTES) return ['${SERIALIZED.tooLarge}', '' + text.length];
    return ['${SERIALIZED.json}', text];
  };

  const describe = (error) => {
    let name = '';
    let message = '';
    try {
      if (error !== null && (typeof error === 'object' || typeof error === 'function')) {
        const errorName = error.name;
        const errorMessage = error.message;
        name = typeof errorName === 'string' ? errorName : '';
        message = typeof errorMessage === 'string' ? errorMessage : toText(error);
      } else {
        message = toText(error);
      }
    } catch (ignored) {
      message = 'the thrown value could not be described';
    }
    return [typeof name === 'string' ? name : '', typeof message === 'string' ? message : ''];
  };

  return { resolveTool, parseArgs, invoke, serialize, describe, releaseReserve, logs };
})()`;
}
