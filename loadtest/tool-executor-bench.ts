// Benchmark: the overhead of running a trivial dynamic tool through LocalSandboxExecutor, cold (a new
// runner process per execution) and warm (a pooled runner that started and prepared QuickJS before the
// execution was asked for). Executions run one at a time; in the warm series the pool is topped up and
// ready before each timed execution, as it is when executions are not back to back. Prints p50/p95/p99.
// Run with `node loadtest/tool-executor-bench.ts` after `npx tsc -b`; not a test, nothing is asserted.
import { createHash } from 'node:crypto';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { LocalSandboxExecutor } from '../services/core/dist/tools/local-executor/index.js';

const coldIterations = Number(process.env.BENCH_COLD_ITERATIONS ?? 30);
const warmIterations = Number(process.env.BENCH_WARM_ITERATIONS ?? 100);
const runnerPath = path.resolve(process.env.TOOL_RUNNER_PATH ?? 'services/tool-runner/dist/main.js');

const code = '(input, data) => ({ sum: input.n + data.items.length })';
const tool = { id: 'bench', version: 1, sha256: createHash('sha256').update(code).digest('hex'), code };
const limits = { timeoutMs: 2_000, memoryMb: 32, maxOutputBytes: 65_536 };

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

async function series(
  name: string,
  iterations: number,
  executor: LocalSandboxExecutor,
  beforeEach: () => Promise<unknown>,
) {
  const timings: number[] = [];
  for (let index = 0; index < iterations; index += 1) {
    await beforeEach();
    const startedAt = performance.now();
    const result = await executor.execute({
      executionId: `${name}-${index}`,
      tool,
      input: { n: index },
      data: { items: [1, 2, 3] },
      limits,
    });
    timings.push(performance.now() - startedAt);
    if (result.status !== 'succeeded') {
      throw new Error(
        `${name} execution ${index} ended as ${result.status}: ${JSON.stringify(result.error)}`,
      );
    }
  }
  const sorted = [...timings].sort((a, b) => a - b);
  const ms = (value: number) => Math.round(value * 10) / 10;
  return {
    series: name,
    iterations,
    p50ms: ms(percentile(sorted, 50)),
    p95ms: ms(percentile(sorted, 95)),
    p99ms: ms(percentile(sorted, 99)),
    minMs: ms(sorted[0] ?? Number.NaN),
    maxMs: ms(sorted.at(-1) ?? Number.NaN),
  };
}

const loadBefore = loadavg();
const cold = new LocalSandboxExecutor({ runnerPath, warmPoolSize: 0, maxConcurrent: 1 });
const warm = new LocalSandboxExecutor({ runnerPath, warmPoolSize: 2, maxConcurrent: 1 });
try {
  const results = [];
  results.push(await series('cold', coldIterations, cold, async () => undefined));
  results.push(
    await series('warm', warmIterations, warm, async () => {
      if (!(await warm.warmUp(60_000))) throw new Error('the warm pool did not get ready within 60 s');
    }),
  );
  const loadAfter = loadavg();
  console.log(
    `tool executor benchmark: node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model}), ` +
      `${Math.round(totalmem() / 2 ** 30)} GiB, load average ${loadBefore[0]?.toFixed(2)} before, ` +
      `${loadAfter[0]?.toFixed(2)} after`,
  );
  console.table(results);
} finally {
  await Promise.all([cold.close(), warm.close()]);
}
