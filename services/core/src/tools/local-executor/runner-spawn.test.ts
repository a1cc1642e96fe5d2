import { runnerArgs, runnerSpawnOptions } from './runner-spawn.js';

describe('runner spawn settings', () => {
  it('when a runner is spawned, then it inherits no environment and works in the given directory', () => {
    const options = runnerSpawnOptions('/tmp/ha-tool-run-x');

    expect(options.env).toEqual({});
    expect(options.cwd).toBe('/tmp/ha-tool-run-x');
    expect(options.shell).toBe(false);
    expect(options.stdio).toEqual(['pipe', 'pipe', 'pipe']);
  });

  it('when a runner is spawned, then it leads a process group of its own so a kill reaches all of it', () => {
    expect(runnerSpawnOptions('/tmp/x').detached).toBe(true);
  });

  it('when the arguments are built, then the heap is capped and the runner script comes last', () => {
    const args = runnerArgs('/opt/runner/main.js', 96);

    expect(args).toContain('--max-old-space-size=96');
    expect(args).toContain('--disallow-code-generation-from-strings');
    expect(args.at(-1)).toBe('/opt/runner/main.js');
  });
});
