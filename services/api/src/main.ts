import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import {
  ConfigError,
  createLogger,
  createMetricsRegistry,
  createServices,
  createShutdown,
  LocalSandboxExecutor,
  loadConfig,
  openInfrastructure,
  systemClock,
} from '@health-agent/core';
import { createApp } from './app.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.LOG_LEVEL, service: 'api' });
  const registry = createMetricsRegistry({ service: 'api' });
  const infrastructure = await openInfrastructure(config, logger);
  // Tool code runs only in separate tool-runner processes, never in this one.
  const toolExecutor =
    config.TOOL_EXECUTOR === 'local'
      ? new LocalSandboxExecutor({
          runnerPath: path.resolve(config.TOOL_RUNNER_PATH),
          warmPoolSize: config.TOOL_WARM_RUNNERS,
          logger: logger.child({ component: 'tool-executor' }),
        })
      : undefined;
  const services = createServices({
    ...infrastructure,
    clock: systemClock,
    logger,
    registry,
    config,
    toolExecutor,
  });
  if (config.BOOTSTRAP_ADMIN_KEY_FILE) {
    // First start of a fresh installation: give the operator a way in, written where only they can read it.
    const bootstrap = await services.access.bootstrapAdmin();
    if (bootstrap) {
      mkdirSync(path.dirname(config.BOOTSTRAP_ADMIN_KEY_FILE), { recursive: true });
      writeFileSync(config.BOOTSTRAP_ADMIN_KEY_FILE, `${bootstrap.key}\n`, { mode: 0o600 });
      chmodSync(config.BOOTSTRAP_ADMIN_KEY_FILE, 0o600);
      logger.info(
        { userId: bootstrap.user.id, keyFile: config.BOOTSTRAP_ADMIN_KEY_FILE },
        'admin user created; its API key is in the key file',
      );
    }
  }
  const app = createApp({ services, logger, registry, config });
  const server = createServer(app);
  const shutdown = createShutdown({
    server,
    closers: [
      ...(toolExecutor ? [{ name: 'tool executor', close: () => toolExecutor.close() }] : []),
      { name: 'infrastructure', close: () => infrastructure.close() },
    ],
    logger,
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    exit: (code) => process.exit(code),
  });
  process.on('SIGINT', (signal) => void shutdown(signal));
  process.on('SIGTERM', (signal) => void shutdown(signal));
  server.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    logger.info({ port, host: config.HOST }, 'api listening');
  });
}

main().catch((error: unknown) => {
  // A bad configuration names the variable; anything else is a programmer or start-up error.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
