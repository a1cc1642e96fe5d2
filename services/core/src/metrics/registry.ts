import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * One Registry per process, created at the composition root and injected; nothing
 * registers on prom-client's global registry, so tests can build many side by side.
 */
export function createMetricsRegistry(options: { service: string; defaultMetrics?: boolean }): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: options.service });
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  return registry;
}
