import { register as globalRegistry } from 'prom-client';
import { createHttpMetrics } from './http-metrics.js';
import { createMetricsRegistry } from './registry.js';

describe('metrics registry', () => {
  it('when two registries are created, then each holds its own metrics and nothing is global', async () => {
    const first = createMetricsRegistry({ service: 'api', defaultMetrics: false });
    const second = createMetricsRegistry({ service: 'bot', defaultMetrics: false });
    const httpA = createHttpMetrics(first);
    createHttpMetrics(second);
    httpA.requestDuration.observe({ method: 'GET', route: '/healthz', status_code: '200' }, 0.01);
    expect(await first.metrics()).toContain(
      'http_request_duration_seconds_count{service="api",method="GET",route="/healthz",status_code="200"} 1',
    );
    expect(await second.metrics()).not.toContain('route="/healthz"');
    expect(await globalRegistry.getMetricsAsJSON()).toEqual([]);
  });

  it('when default metrics are on, then process metrics are collected on the injected registry', async () => {
    const registry = createMetricsRegistry({ service: 'api' });
    expect(await registry.metrics()).toContain('process_cpu_user_seconds_total');
  });
});
