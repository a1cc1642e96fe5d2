// Benchmark: starts the built API on the embedded default and drives /healthz and /readyz with
// autocannon over loopback. Bounded in time; prints latency percentiles and throughput.
// Run with `make bench` (or `node loadtest/api-health.ts` after `make build`).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

const durationSeconds = Number(process.env.BENCH_DURATION_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const dataDir = mkdtempSync(path.join(tmpdir(), 'ha-bench-'));

const api = spawn(process.execPath, ['services/api/dist/main.js'], {
  env: {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    // Production's level: request logs are part of the cost being measured.
    LOG_LEVEL: 'info',
    MIGRATE_ON_START: 'true',
    DATABASE_URL: `pglite://${dataDir}`,
    REDIS_URL: '',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});

const port = await new Promise<number>((resolve, reject) => {
  let output = '';
  const timer = setTimeout(() => reject(new Error(`api did not start in 60 s: ${output}`)), 60_000);
  api.on('exit', (code) => reject(new Error(`api exited with ${code}: ${output}`)));
  api.stdout?.on('data', (chunk: Buffer) => {
    if (timer.hasRef()) output += chunk;
    const match = /"port":(\d+).*"msg":"api listening"/.exec(output);
    if (match && timer.hasRef()) {
      clearTimeout(timer);
      timer.unref();
      resolve(Number(match[1]));
    }
  });
});

async function run(pathname: string) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${pathname}`,
    connections,
    duration: durationSeconds,
  });
  return {
    path: pathname,
    requestsPerSecond: Math.round(result.requests.average),
    p50ms: result.latency.p50,
    p97_5ms: result.latency.p97_5,
    p99ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

try {
  const results = [await run('/healthz'), await run('/readyz')];
  console.log(
    `api health benchmark: ${connections} connections, ${durationSeconds} s each, node ${process.version}`,
  );
  console.table(results);
} finally {
  api.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
