import { HealthService } from './health-service.js';

describe('HealthService', () => {
  it('when every check passes, then the service is ready', async () => {
    const health = new HealthService([{ name: 'database', check: async () => {} }]);
    expect(await health.readiness()).toEqual({ ready: true, checks: { database: { ok: true } } });
  });

  it('when one check fails, then it is not ready and the failing check says why', async () => {
    const health = new HealthService([
      { name: 'database', check: async () => {} },
      { name: 'cache', check: async () => Promise.reject(new Error('connection refused')) },
    ]);
    expect(await health.readiness()).toEqual({
      ready: false,
      checks: { database: { ok: true }, cache: { ok: false, error: 'connection refused' } },
    });
  });
});
