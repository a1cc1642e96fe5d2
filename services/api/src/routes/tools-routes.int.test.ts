import { FakeToolExecutor, ManualClock, toolCodeSha256 } from '@health-agent/core';
import { startTestApi, type TestApi, type TestUser } from '../testing/test-api.js';

interface ErrorBody {
  error: { code: string; message: string; details: unknown };
}

interface ToolBody {
  id: string;
  name: string;
  status: string;
  currentVersion: number;
  createdBy: string | null;
  version: { version: number; sha256: string; code: string; declaredReads: string[] };
}

interface ExecutionBody {
  id: string;
  userId: string;
  status: string;
  output: unknown;
  error: { code: string; message: string } | null;
  logs: string[];
}

interface AuditBody {
  events: Array<{
    id: number;
    action: string;
    actorId: string | null;
    actorType: string;
    outcome: string;
    targetId: string | null;
    toolVersion: number | null;
    sha256: string | null;
    details: Record<string, unknown>;
  }>;
  nextCursor: string | null;
}

jest.setTimeout(60_000);

const EXECUTE_QUOTA = 4;

const waterSchema = {
  type: 'object',
  properties: { days: { type: 'integer', minimum: 1, maximum: 7 } },
  required: ['days'],
  additionalProperties: false,
};

let tools = 0;
function submission(overrides: Record<string, unknown> = {}) {
  tools += 1;
  return {
    name: `water_total_${tools}`,
    description: 'Total water of the last days',
    code: `function run(input, data) {\n  // ${tools}\n  return data['metrics:water:7d'].reduce((sum, entry) => sum + entry.value, 0);\n}`,
    inputSchema: waterSchema,
    declaredReads: ['metrics:water:7d'],
    ...overrides,
  };
}

describe('tools routes', () => {
  const clock = new ManualClock('2026-03-15T12:00:00Z');
  const executor = new FakeToolExecutor();
  let t: TestApi;
  let admin: TestUser;
  let alice: TestUser;
  let bob: TestUser;

  async function createApproved(owner: TestUser, overrides: Record<string, unknown> = {}): Promise<ToolBody> {
    const created = await t.call<ToolBody>('POST', '/v1/tools', {
      key: owner.key,
      body: submission(overrides),
    });
    expect(created.status).toBe(201);
    const approved = await t.call<ToolBody>('POST', `/v1/tools/${created.body.name}/approve`, {
      key: admin.key,
      body: { sha256: created.body.version.sha256 },
    });
    expect(approved.status).toBe(200);
    return approved.body;
  }

  async function auditOf(query: string): Promise<AuditBody> {
    const result = await t.call<AuditBody>('GET', `/v1/admin/audit?${query}`, { key: admin.key });
    expect(result.status).toBe(200);
    return result.body;
  }

  beforeAll(async () => {
    t = await startTestApi({
      clock,
      toolExecutor: executor,
      env: { TOOL_EXECUTE_QUOTA_PER_DAY: String(EXECUTE_QUOTA), TOOL_CREATE_QUOTA_PER_DAY: '20' },
    });
    admin = await t.createUser({ role: 'admin' });
    alice = await t.createUser();
    bob = await t.createUser();
  });
  afterAll(() => t.close());

  it('when a newcomer creates a tool, an admin approves it and the newcomer runs it on their own water log, then the audit trail shows all three', async () => {
    for (const amount of [250, 500]) {
      const logged = await t.call('POST', '/v1/users/me/metrics', {
        key: alice.key,
        body: { kind: 'water', amount },
      });
      expect(logged.status).toBe(201);
    }
    await t.call('POST', '/v1/users/me/metrics', { key: bob.key, body: { kind: 'water', amount: 1999 } });

    const body = submission();
    const created = await t.call<ToolBody>('POST', '/v1/tools', { key: alice.key, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: body.name,
      status: 'pending',
      currentVersion: 1,
      createdBy: alice.userId,
      version: {
        version: 1,
        sha256: toolCodeSha256(body.code),
        code: body.code,
        declaredReads: ['metrics:water:7d'],
      },
    });
    const sha256 = created.body.version.sha256;

    const early = await t.call<ErrorBody>('POST', `/v1/tools/${body.name}/execute`, {
      key: alice.key,
      body: { input: { days: 7 } },
    });
    expect(early.status).toBe(409);

    const selfApproval = await t.call<ErrorBody>('POST', `/v1/tools/${body.name}/approve`, {
      key: alice.key,
      body: {},
    });
    expect(selfApproval.status).toBe(403);
    expect(selfApproval.body.error.code).toBe('forbidden');

    const approved = await t.call<ToolBody>('POST', `/v1/tools/${body.name}/approve`, {
      key: admin.key,
      body: { sha256 },
    });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');

    executor.answer(sha256, (request) => ({
      status: 'succeeded',
      output: (request.data['metrics:water:7d'] as Array<{ value: number }>).reduce(
        (sum, entry) => sum + entry.value,
        0,
      ),
      logs: ['summed'],
      durationMs: 9,
    }));
    const run = await t.call<ExecutionBody>('POST', `/v1/tools/${body.name}/execute`, {
      key: alice.key,
      body: { input: { days: 7 } },
    });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({
      status: 'succeeded',
      output: 750,
      error: null,
      logs: ['summed'],
      userId: alice.userId,
    });
    const request = executor.requests.at(-1);
    expect(request?.input).toEqual({ days: 7 });
    expect(JSON.stringify(request?.data)).not.toContain('1999');

    const trail = await auditOf(`targetType=tool&targetId=${created.body.id}`);
    expect(trail.events.map((event) => [event.action, event.outcome, event.actorId])).toEqual([
      ['tool.execute', 'success', alice.userId],
      ['tool.approve', 'success', admin.userId],
      ['tool.approve', 'denied', alice.userId],
      ['tool.execute', 'denied', alice.userId],
      ['tool.create', 'success', alice.userId],
    ]);
    expect(trail.events.every((event) => event.sha256 === sha256 && event.toolVersion === 1)).toBe(true);
    expect(trail.events[0]?.details).toMatchObject({ executionId: run.body.id, status: 'succeeded' });

    const forUser = await t.call<ErrorBody>('GET', '/v1/admin/audit', { key: alice.key });
    expect(forUser.status).toBe(403);
  });

  it('when several users run a tool, then each sees only their own executions and an admin sees all', async () => {
    const tool = await createApproved(alice);
    executor.answer(tool.version.sha256, { status: 'succeeded', output: { ok: true }, durationMs: 1 });
    const mine = await t.call<ExecutionBody>('POST', `/v1/tools/${tool.name}/execute`, {
      key: alice.key,
      body: { input: { days: 1 } },
    });
    const theirs = await t.call<ExecutionBody>('POST', `/v1/tools/${tool.name}/execute`, {
      key: bob.key,
      body: { input: { days: 2 } },
    });
    expect([mine.status, theirs.status]).toEqual([200, 200]);

    const list = async (user: TestUser) =>
      (
        await t.call<{ executions: ExecutionBody[] }>('GET', `/v1/tools/${tool.name}/executions`, {
          key: user.key,
        })
      ).body.executions.map((execution) => execution.id);
    expect(await list(alice)).toEqual([mine.body.id]);
    expect(await list(bob)).toEqual([theirs.body.id]);
    expect((await list(admin)).sort()).toEqual([mine.body.id, theirs.body.id].sort());
  });

  it("when a user looks for another user's pending tool, then it does not exist for them", async () => {
    const pending = await t.call<ToolBody>('POST', '/v1/tools', { key: bob.key, body: submission() });
    expect((await t.call('GET', `/v1/tools/${pending.body.name}`, { key: alice.key })).status).toBe(404);
    expect((await t.call('GET', `/v1/tools/${pending.body.name}/versions`, { key: alice.key })).status).toBe(
      404,
    );
    expect(
      (await t.call('GET', `/v1/tools/${pending.body.name}/executions`, { key: alice.key })).status,
    ).toBe(404);
    const listed = await t.call<{ tools: ToolBody[] }>('GET', '/v1/tools?limit=200', { key: alice.key });
    expect(listed.body.tools.map((tool) => tool.name)).not.toContain(pending.body.name);
    const forAdmin = await t.call<{ tools: ToolBody[] }>('GET', '/v1/tools?status=pending&limit=200', {
      key: admin.key,
    });
    expect(forAdmin.body.tools.map((tool) => tool.name)).toContain(pending.body.name);
  });

  it('when the daily execution quota is used up, then the API answers 429 with Retry-After and the refusal is audited', async () => {
    const heavy = await t.createUser();
    const tool = await createApproved(alice);
    executor.answer(tool.version.sha256, { status: 'succeeded', output: 1, durationMs: 1 });
    for (let run = 0; run < EXECUTE_QUOTA; run += 1) {
      const result = await t.call('POST', `/v1/tools/${tool.name}/execute`, {
        key: heavy.key,
        body: { input: { days: 1 } },
      });
      expect(result.status).toBe(200);
    }
    const before = executor.requests.length;
    const refused = await t.call<ErrorBody>('POST', `/v1/tools/${tool.name}/execute`, {
      key: heavy.key,
      body: { input: { days: 1 } },
    });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'rate_limited', details: { quota: 'tool_execute' } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(executor.requests.length).toBe(before);
    const denied = await auditOf(`action=tool.execute&actorId=${heavy.userId}&outcome=denied`);
    expect(denied.events).toHaveLength(1);
    expect(denied.events[0]?.details).toMatchObject({ reason: 'rate_limited', name: tool.name });
  });

  it('when an admin disables a tool, then the next run is refused at once', async () => {
    const tool = await createApproved(alice);
    executor.answer(tool.version.sha256, { status: 'succeeded', output: 'fine', durationMs: 1 });
    expect(
      (await t.call('POST', `/v1/tools/${tool.name}/execute`, { key: bob.key, body: { input: { days: 1 } } }))
        .status,
    ).toBe(200);
    const disabled = await t.call<ToolBody>('POST', `/v1/tools/${tool.name}/disable`, {
      key: admin.key,
      body: { reason: 'abuse' },
    });
    expect(disabled.body.status).toBe('disabled');
    const refused = await t.call<ErrorBody>('POST', `/v1/tools/${tool.name}/execute`, {
      key: bob.key,
      body: { input: { days: 1 } },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toEqual({ status: 'disabled' });
    const userDisable = await t.call('POST', `/v1/tools/${tool.name}/disable`, { key: alice.key, body: {} });
    expect(userDisable.status).toBe(403);
  });

  it('when the input violates the schema, then the API answers 400 naming the fields and nothing runs', async () => {
    const tool = await createApproved(alice);
    const before = executor.requests.length;
    const result = await t.call<ErrorBody>('POST', `/v1/tools/${tool.name}/execute`, {
      key: alice.key,
      body: { input: { days: 'seven', userId: bob.userId } },
    });
    expect(result.status).toBe(400);
    expect(result.body.error.details).toEqual([
      { path: 'input.days', message: 'must be an integer' },
      { path: 'input.userId', message: 'is not an allowed property' },
    ]);
    const missing = await t.call<ErrorBody>('POST', `/v1/tools/${tool.name}/execute`, {
      key: alice.key,
      body: {},
    });
    expect(missing.status).toBe(400);
    expect(executor.requests.length).toBe(before);
  });

  it('when the code is over 64 KB, then the API answers 413; over the body limit, the server refuses it too', async () => {
    const padded = `function run() { return 1; }\n//${'x'.repeat(64 * 1024)}`;
    const tooBig = await t.call<ErrorBody>('POST', '/v1/tools', {
      key: bob.key,
      body: submission({ code: padded }),
    });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toMatchObject({
      code: 'payload_too_large',
      details: { field: 'code', maxBytes: 65536 },
    });
    const huge = await t.call<ErrorBody>('POST', '/v1/tools', {
      key: bob.key,
      body: submission({ code: 'x'.repeat(200_000) }),
    });
    expect(huge.status).toBe(413);
  });

  it('when names are unicode or very long, then creation answers 400 naming the field and lookups 404', async () => {
    for (const name of ['vatten_💧', 'Vatten', `w${'a'.repeat(64)}`, 'x'.repeat(5000)]) {
      const created = await t.call<ErrorBody>('POST', '/v1/tools', {
        key: bob.key,
        body: submission({ name }),
      });
      expect(created.status).toBe(400);
      expect(created.body.error.details).toEqual([expect.objectContaining({ path: 'name' })]);
      const found = await t.call('GET', `/v1/tools/${encodeURIComponent(name)}`, { key: bob.key });
      expect(found.status).toBe(404);
    }
    const [event] = (await auditOf(`action=tool.create&actorId=${bob.userId}&outcome=denied&limit=1`)).events;
    expect(String(event?.details.name)).toHaveLength(100);
  });

  it('when a creator adds a version, then it needs review again and the versions are listed newest first', async () => {
    const tool = await createApproved(alice);
    const code = 'const run = (input, data) => 0;';
    const next = await t.call<ToolBody>('POST', `/v1/tools/${tool.name}/versions`, {
      key: alice.key,
      body: { code, inputSchema: waterSchema, declaredReads: ['metrics:water:7d', 'profile:basic'] },
    });
    expect(next.status).toBe(201);
    expect(next.body).toMatchObject({
      status: 'pending',
      currentVersion: 2,
      version: { sha256: toolCodeSha256(code) },
    });
    const same = await t.call<ErrorBody>('POST', `/v1/tools/${tool.name}/versions`, {
      key: alice.key,
      body: { code, inputSchema: waterSchema },
    });
    expect(same.status).toBe(409);
    const byOther = await t.call('POST', `/v1/tools/${tool.name}/versions`, {
      key: bob.key,
      body: { code: 'const run = () => 2;', inputSchema: waterSchema },
    });
    expect(byOther.status).toBe(404);
    const versions = await t.call<{ versions: Array<{ version: number }> }>(
      'GET',
      `/v1/tools/${tool.name}/versions`,
      { key: alice.key },
    );
    expect(versions.body.versions.map((version) => version.version)).toEqual([2, 1]);
    const stale = await t.call('POST', `/v1/tools/${tool.name}/approve`, {
      key: admin.key,
      body: { sha256: tool.version.sha256 },
    });
    expect(stale.status).toBe(409);
    const rejected = await t.call<ToolBody & { decisionReason: string }>(
      'POST',
      `/v1/tools/${tool.name}/reject`,
      {
        key: admin.key,
        body: { reason: 'reads the profile for no reason' },
      },
    );
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      decisionReason: 'reads the profile for no reason',
    });
  });

  it('when the audit trail is paged, then the cursor walks it newest first and bad queries are 400', async () => {
    const first = await auditOf('limit=2');
    expect(first.events).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await auditOf(`limit=2&cursor=${first.nextCursor}`);
    expect(second.events[0]?.id).toBeLessThan(first.events[1]?.id ?? 0);
    const windowed = await auditOf('from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z');
    expect(windowed.events).toEqual([]);
    expect((await t.call('GET', '/v1/admin/audit?limit=500', { key: admin.key })).status).toBe(400);
    expect((await t.call('GET', '/v1/admin/audit?cursor=abc', { key: admin.key })).status).toBe(400);
    expect((await t.call('GET', '/v1/admin/audit?outcome=maybe', { key: admin.key })).status).toBe(400);
  });

  it('when the OpenAPI document is read, then every tool route and the audit route are in it', async () => {
    const { body } = await t.call<{ paths: Record<string, Record<string, unknown>> }>('GET', '/openapi.json');
    expect(Object.keys(body.paths['/v1/tools'] ?? {}).sort()).toEqual(['get', 'post']);
    for (const action of ['approve', 'reject', 'disable', 'execute']) {
      expect(body.paths[`/v1/tools/{name}/${action}`]?.post).toBeDefined();
    }
    expect(Object.keys(body.paths['/v1/tools/{name}/versions'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(body.paths['/v1/tools/{name}/executions']?.get).toBeDefined();
    expect(body.paths['/v1/admin/audit']?.get).toBeDefined();
  });
});
