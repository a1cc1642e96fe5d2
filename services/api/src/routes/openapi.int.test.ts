import { startTestApi, type TestApi } from '../testing/test-api.js';

describe('OpenAPI document', () => {
  let t: TestApi;

  beforeAll(async () => {
    t = await startTestApi();
  });
  afterAll(() => t.close());

  it('when served, then it is OpenAPI 3.1 and documents every mounted /v1 route with its method', async () => {
    const { status, body } = await t.call<{
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    }>('GET', '/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    const mounted = t.apiApp.api.mounted;
    expect(mounted.length).toBeGreaterThan(10);
    for (const route of mounted) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      expect(body.paths[path]?.[route.method]).toBeDefined();
    }
  });

  it('when the Express router is walked, then every route it serves was declared through the ApiRouter', () => {
    const layers = (
      t.apiApp.api.router as unknown as {
        stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }>;
      }
    ).stack;
    const served = layers.flatMap((layer) =>
      layer.route ? Object.keys(layer.route.methods).map((method) => `${method} ${layer.route?.path}`) : [],
    );
    const declared = t.apiApp.api.mounted.map((route) => `${route.method} ${route.path}`);
    expect(served.sort()).toEqual(declared.sort());
  });

  it('when /docs is opened, then the browsable UI is served', async () => {
    const result = await t.call('GET', '/docs/');
    expect(result.status).toBe(200);
    expect(result.text).toContain('swagger-ui');
  });
});
