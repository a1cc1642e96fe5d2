/**
 * The line the CLI writes to stderr once it is ready to run a request fast (modules loaded, QuickJS
 * compiled and primed). Executors that spawn runners ahead of time wait for it; nothing else depends on it.
 */
export const READY_LINE = 'tool-runner: ready';
