import type { SpawnOptions } from 'node:child_process';

/**
 * How a tool-runner process is started. Everything the process could inherit from the service is cut
 * off here, in one place that tests check directly.
 */

/** Node flags of a runner process, then the runner script. */
export function runnerArgs(runnerPath: string, heapMb: number): string[] {
  return [
    // The runner's own JavaScript heap (request, result, zod); the tool's memory is the WebAssembly
    // memory the runner caps itself.
    `--max-old-space-size=${heapMb}`,
    // Nothing in the runner evaluates strings as code on the host; refusing it costs nothing.
    '--disallow-code-generation-from-strings',
    runnerPath,
  ];
}

/**
 * An empty environment (no secrets, no NODE_OPTIONS, no proxy settings: Node needs none of it), the given
 * empty working directory, three pipes and nothing else, and a process group of its own so that a kill
 * reaches everything the runner might have started.
 */
export function runnerSpawnOptions(workingDirectory: string): SpawnOptions {
  return {
    cwd: workingDirectory,
    env: {},
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
    shell: false,
    windowsHide: true,
  };
}
