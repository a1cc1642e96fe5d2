import type { Knex } from 'knex';
import { listAuditEvents, searchAuditEvents } from '../audit/index.js';
import { ManualClock } from '../clock/clock.js';
import {
  ConflictError,
  DependencyUnavailableError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  ValidationError,
} from '../errors/index.js';
import { createLogger } from '../logging/logger.js';
import { createRateLimiter } from '../rate-limit/index.js';
import { insertTestUser } from '../testing/fixtures.js';
import { createTestDatabase } from '../testing/test-backends.js';
import { FakeToolExecutor } from './fake-tool-executor.js';
import { toolCodeSha256 } from './tool-code.js';
import type { ExecutionResult } from './tool-executor.js';
import { createToolService, type ToolService } from './tool-service.js';
import type { NewToolInput, ToolActor } from './tool-types.js';

// PGlite migrations are slow on a busy machine.
jest.setTimeout(60_000);

const logger = createLogger({ level: 'silent', service: 'test' });
const limits = { timeoutMs: 1500, memoryMb: 16, maxOutputBytes: 200 };
const schema = {
  type: 'object',
  properties: {
    days: { type: 'integer', minimum: 1, maximum: 30 },
    label: { type: 'string', maxLength: 10 },
  },
  required: ['days'],
  additionalProperties: false,
};

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Knex;
let clock: ManualClock;
let admin: ToolActor;
let alice: ToolActor;
let bob: ToolActor;
let names = 0;
let quotaPrefixes = 0;

function nextName(): string {
  names += 1;
  return `tool_${names}`;
}

function toolInput(overrides: Partial<NewToolInput> = {}): NewToolInput {
  const name = overrides.name ?? nextName();
  return {
    name,
    description: 'Sums the calories of the last days',
    code: `function run(input, data) { return { name: ${JSON.stringify(name)}, days: input.days }; }`,
    inputSchema: schema,
    declaredReads: ['food_entries:7d', 'profile:basic'],
    ...overrides,
  };
}

function build(
  options: {
    executor?: FakeToolExecutor | null;
    autoApprove?: boolean;
    createQuota?: number;
    executeQuota?: number;
  } = {},
) {
  quotaPrefixes += 1;
  const executor = options.executor === undefined ? new FakeToolExecutor() : options.executor;
  const service = createToolService({
    db,
    clock,
    logger,
    quotas: {
      create: createRateLimiter({
        points: options.createQuota ?? 1000,
        durationSeconds: 86_400,
        keyPrefix: `c${quotaPrefixes}`,
      }),
      execute: createRateLimiter({
        points: options.executeQuota ?? 1000,
        durationSeconds: 86_400,
        keyPrefix: `e${quotaPrefixes}`,
      }),
    },
    ...(executor ? { executor } : {}),
    autoApprove: options.autoApprove ?? false,
    limits,
  });
  return { service, executor: executor as FakeToolExecutor };
}

async function approvedTool(
  service: ToolService,
  overrides: Partial<NewToolInput> = {},
  owner: ToolActor = alice,
) {
  const created = await service.create(owner, toolInput(overrides));
  return service.approve(admin, created.name);
}

async function trailOf(toolId: string) {
  return listAuditEvents(db, { targetType: 'tool', targetId: toolId });
}

async function lastEvent(action: string, actorId: string) {
  const [event] = await searchAuditEvents(db, { action, actorId, limit: 1 });
  return event;
}

async function insertFood(userId: string, eatenAt: string, kcal: number, description = 'meal') {
  await db('food_entries').insert({
    user_id: userId,
    status: 'confirmed',
    source: 'manual',
    description,
    items: JSON.stringify([{ name: description, kcal }]),
    total_kcal: kcal,
    eaten_at: eatenAt,
    confirmed_at: eatenAt,
  });
}

const succeeded = (output: unknown): ExecutionResult => ({
  status: 'succeeded',
  output,
  durationMs: 12,
  logs: ['hi'],
});

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  clock = new ManualClock('2026-03-10T12:00:00Z');
  admin = { userId: await insertTestUser(db, { role: 'admin' }), scope: 'admin' };
  alice = { userId: await insertTestUser(db, { timezone: 'America/New_York' }), scope: 'user' };
  bob = { userId: await insertTestUser(db), scope: 'user' };
});

afterAll(async () => {
  await database.cleanup();
});

describe('creating a tool', () => {
  it('when a user submits a valid tool, then it is pending at version 1, content-addressed, and audited', async () => {
    const { service } = build();
    const input = toolInput();
    const tool = await service.create(alice, input);
    expect(tool).toMatchObject({
      name: input.name,
      status: 'pending',
      currentVersion: 1,
      createdBy: alice.userId,
      decidedBy: null,
      version: {
        version: 1,
        sha256: toolCodeSha256(input.code),
        code: input.code,
        inputSchema: schema,
        declaredReads: ['food_entries:7d', 'profile:basic'],
      },
    });
    const [event] = await trailOf(tool.id);
    expect(event).toMatchObject({
      action: 'tool.create',
      actorType: 'user',
      actorId: alice.userId,
      outcome: 'success',
      toolVersion: 1,
      sha256: toolCodeSha256(input.code),
      details: { name: input.name, status: 'pending' },
    });
  });

  it('when TOOL_AUTO_APPROVE is set, then the tool is approved at once and the trail says the system approved it', async () => {
    const { service } = build({ autoApprove: true });
    const tool = await service.create(alice, toolInput());
    expect(tool.status).toBe('approved');
    expect(
      (await trailOf(tool.id)).map((event) => [event.action, event.actorType, event.details.autoApproved]),
    ).toEqual([
      ['tool.create', 'user', undefined],
      ['tool.approve', 'system', true],
    ]);
  });

  it('when the agent creates a tool for a user, then the audit names the agent as the actor', async () => {
    const { service } = build();
    const tool = await service.create({ ...alice, viaAgent: true }, toolInput());
    expect((await trailOf(tool.id))[0]).toMatchObject({ actorType: 'agent', actorId: alice.userId });
  });

  it('when the name is taken, then creation is a conflict and is audited as denied', async () => {
    const { service } = build();
    const input = toolInput();
    await service.create(alice, input);
    await expect(service.create(bob, toolInput({ name: input.name }))).rejects.toThrow(ConflictError);
    expect(await lastEvent('tool.create', bob.userId)).toMatchObject({
      outcome: 'denied',
      details: { reason: 'conflict', name: input.name },
    });
  });

  it.each([
    ['unicode', 'calorías_🍎'],
    ['upper case', 'SumCalories'],
    ['too long', `t${'x'.repeat(64)}`],
    ['one character', 'x'],
    ['leading digit', '1tool'],
    ['a path', '../etc'],
  ])(
    'when the name is %s, then it is refused naming the field, and the audit keeps a bounded name',
    async (_what, name) => {
      const { service } = build();
      const error = await service.create(alice, toolInput({ name })).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).details).toEqual([expect.objectContaining({ path: 'name' })]);
      const event = await lastEvent('tool.create', alice.userId);
      expect(event).toMatchObject({
        outcome: 'denied',
        targetId: null,
        details: { name: name.slice(0, 100), reason: 'validation_failed' },
      });
    },
  );

  it('when the code is over 64 KB, then it is refused as too large before parsing, and audited', async () => {
    const { service } = build();
    const code = `function run() { return 1; }\n//${'x'.repeat(64 * 1024)}`;
    await expect(service.create(alice, toolInput({ code }))).rejects.toThrow(PayloadTooLargeError);
    expect(await lastEvent('tool.create', alice.userId)).toMatchObject({
      outcome: 'denied',
      details: { reason: 'payload_too_large' },
    });
    // 64 KB of multi-byte characters is more than 64 KB of bytes.
    const emoji = `function run() { return 1; }//${'🍎'.repeat(16 * 1024)}`;
    await expect(service.create(alice, toolInput({ code: emoji }))).rejects.toThrow(PayloadTooLargeError);
  });

  it('when code, schema and reads are all wrong, then every problem is named in one answer', async () => {
    const { service } = build();
    const error = await service
      .create(
        alice,
        toolInput({
          code: 'function run( {',
          inputSchema: { type: 'object', properties: { a: { type: 'regex' } } },
          declaredReads: ['users:1d', 'food_entries:365d'],
        }),
      )
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual([
      { path: 'code', message: expect.stringContaining('does not parse') },
      { path: 'inputSchema.properties.a.type', message: expect.any(String) },
      { path: 'declaredReads.0', message: expect.stringContaining('not an allowed read') },
      { path: 'declaredReads.1', message: 'food entries can be read for at most 90 days' },
    ]);
  });

  it('when the input is not an object at all, then it is a validation error, not a crash', async () => {
    const { service } = build();
    await expect(service.create(alice, undefined as unknown as NewToolInput)).rejects.toThrow(
      ValidationError,
    );
    await expect(service.create(alice, toolInput({ description: '   ' }))).rejects.toThrow(ValidationError);
  });

  it('when a user has used the daily creation quota, then the next creation is refused before any work, and audited', async () => {
    const { service } = build({ createQuota: 2 });
    await service.create(alice, toolInput());
    await expect(service.create(alice, toolInput({ code: 'not even code (' }))).rejects.toThrow(
      ValidationError,
    );
    const error = await service.create(alice, toolInput()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).details).toEqual({
      quota: 'tool_create',
      retryAfterSeconds: expect.any(Number),
    });
    expect(await lastEvent('tool.create', alice.userId)).toMatchObject({
      outcome: 'denied',
      details: { reason: 'rate_limited' },
    });
    // Another user's quota is their own.
    await expect(service.create(bob, toolInput())).resolves.toMatchObject({ status: 'pending' });
  });
});

describe('deciding on a tool', () => {
  it('when an admin approves the reviewed version, then it is approved and the decision is audited', async () => {
    const { service } = build();
    const created = await service.create(alice, toolInput());
    const approved = await service.approve(admin, created.name, {
      sha256: created.version.sha256,
      reason: 'looks fine',
    });
    expect(approved).toMatchObject({
      status: 'approved',
      decidedBy: admin.userId,
      decisionReason: 'looks fine',
    });
    expect((await trailOf(created.id)).at(-1)).toMatchObject({
      action: 'tool.approve',
      actorType: 'admin',
      actorId: admin.userId,
      outcome: 'success',
      toolVersion: 1,
      sha256: created.version.sha256,
      details: { from: 'pending', to: 'approved', reason: 'looks fine' },
    });
  });

  it('when a user tries to approve, reject or disable, then it is forbidden and audited as denied', async () => {
    const { service } = build();
    const created = await service.create(alice, toolInput());
    await expect(service.approve(alice, created.name)).rejects.toThrow(ForbiddenError);
    await expect(service.reject(alice, created.name, { reason: 'no' })).rejects.toThrow(ForbiddenError);
    await expect(service.disable(bob, created.name)).rejects.toThrow(ForbiddenError);
    expect(await lastEvent('tool.approve', alice.userId)).toMatchObject({
      outcome: 'denied',
      details: { reason: 'forbidden' },
    });
    expect((await service.get(admin, created.name)).status).toBe('pending');
  });

  it('when the version changed since the admin reviewed it, then approval is a conflict', async () => {
    const { service } = build();
    const created = await service.create(alice, toolInput());
    await expect(service.approve(admin, created.name, { sha256: 'a'.repeat(64) })).rejects.toThrow(
      ConflictError,
    );
    await expect(service.approve(admin, created.name, { sha256: 'nope' })).rejects.toThrow(ValidationError);
  });

  it('when a decision does not fit the state, then it is a conflict', async () => {
    const { service } = build();
    const tool = await approvedTool(service);
    await expect(service.approve(admin, tool.name)).rejects.toThrow(ConflictError);
    await expect(service.reject(admin, tool.name, { reason: 'late' })).rejects.toThrow(ConflictError);
    await service.disable(admin, tool.name, { reason: 'abuse' });
    await expect(service.disable(admin, tool.name)).rejects.toThrow(ConflictError);
    // Re-enabling a disabled tool is an approval.
    await expect(service.approve(admin, tool.name)).resolves.toMatchObject({ status: 'approved' });
  });

  it('when an admin rejects, then a reason is required and recorded', async () => {
    const { service } = build();
    const created = await service.create(alice, toolInput());
    await expect(service.reject(admin, created.name, { reason: ' ' })).rejects.toThrow(ValidationError);
    const rejected = await service.reject(admin, created.name, { reason: 'reads too much' });
    expect(rejected).toMatchObject({ status: 'rejected', decisionReason: 'reads too much' });
    await expect(service.approve(admin, 'no_such_tool')).rejects.toThrow(NotFoundError);
  });
});

describe('seeing tools', () => {
  it("when users list and get tools, then they see approved ones and their own, never another user's pending one", async () => {
    const { service } = build();
    const mine = await service.create(alice, toolInput());
    const shared = await approvedTool(service, {}, bob);
    const bobsPending = await service.create(bob, toolInput());
    const listed = (await service.list(alice, { limit: 200 })).map((tool) => tool.name);
    expect(listed).toEqual(expect.arrayContaining([mine.name, shared.name]));
    expect(listed).not.toContain(bobsPending.name);
    await expect(service.get(alice, bobsPending.name)).rejects.toThrow(NotFoundError);
    await expect(service.listVersions(alice, bobsPending.name)).rejects.toThrow(NotFoundError);
    // Who created a shared tool, and which admin decided, stay hidden from other users.
    expect(await service.get(alice, shared.name)).toMatchObject({ createdBy: null, decidedBy: null });
    expect(await service.get(admin, shared.name)).toMatchObject({
      createdBy: bob.userId,
      decidedBy: admin.userId,
    });
    expect((await service.list(admin, { status: 'pending', limit: 200 })).map((tool) => tool.name)).toEqual(
      expect.arrayContaining([mine.name, bobsPending.name]),
    );
    expect(
      (await service.list(admin, { status: 'pending', limit: 200 })).every(
        (tool) => tool.status === 'pending',
      ),
    ).toBe(true);
  });

  it('when names are odd (unicode, very long, empty), then lookups are simply not found', async () => {
    const { service } = build();
    for (const name of ['calorías', 'x'.repeat(10_000), '', 'TOOL', "a' OR 1=1 --"]) {
      await expect(service.get(alice, name)).rejects.toThrow(NotFoundError);
      await expect(service.execute(alice, name, {})).rejects.toThrow(NotFoundError);
    }
  });

  it('when paging is out of range, then it is a validation error', async () => {
    const { service } = build();
    await expect(service.list(alice, { limit: 0 })).rejects.toThrow(ValidationError);
    await expect(service.list(alice, { limit: 201 })).rejects.toThrow(ValidationError);
  });
});

describe('versions', () => {
  it('when the creator adds a version, then it is immutable, numbered, back to pending, and listed newest first', async () => {
    const { service } = build();
    const tool = await approvedTool(service);
    const code = 'const run = (input) => input.days * 2;';
    const next = await service.addVersion(alice, tool.name, {
      code,
      inputSchema: schema,
      description: 'Doubles',
    });
    expect(next).toMatchObject({
      status: 'pending',
      currentVersion: 2,
      description: 'Doubles',
      version: { version: 2, sha256: toolCodeSha256(code) },
    });
    const versions = await service.listVersions(alice, tool.name);
    expect(versions.map((version) => [version.version, version.sha256])).toEqual([
      [2, toolCodeSha256(code)],
      [1, tool.version.sha256],
    ]);
    expect(versions[1]?.code).toBe(tool.version.code);
    expect((await trailOf(tool.id)).at(-1)).toMatchObject({
      action: 'tool.version',
      toolVersion: 2,
      details: { from: 'approved', status: 'pending' },
    });
  });

  it('when the code is identical to an existing version, then it is a conflict naming that version', async () => {
    const { service } = build();
    const tool = await approvedTool(service);
    const error = await service
      .addVersion(alice, tool.name, { code: tool.version.code, inputSchema: { type: 'object' } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).details).toEqual({ version: 1, sha256: tool.version.sha256 });
  });

  it("when another user adds a version to someone's tool, then it is forbidden (or not found while pending)", async () => {
    const { service } = build();
    const shared = await approvedTool(service);
    const pending = await service.create(alice, toolInput());
    const submission = { code: 'const run = () => 1;', inputSchema: { type: 'object' } };
    await expect(service.addVersion(bob, shared.name, submission)).rejects.toThrow(ForbiddenError);
    await expect(service.addVersion(bob, pending.name, submission)).rejects.toThrow(NotFoundError);
    // An admin may.
    await expect(service.addVersion(admin, shared.name, submission)).resolves.toMatchObject({
      currentVersion: 2,
    });
  });
});

describe('executing a tool', () => {
  it("when an approved tool runs, then it gets only the caller's declared data, limits and input, and the run is recorded and audited", async () => {
    const { service, executor } = build();
    const tool = await approvedTool(service);
    // Alice is in New York: 23:30 local on 9 March is 03:30Z on 10 March; now is 08:00 local on 10 March.
    await insertFood(alice.userId, '2026-03-10T03:30:00Z', 500, 'late snack');
    await insertFood(alice.userId, '2026-03-10T11:00:00Z', 300, 'breakfast');
    await insertFood(alice.userId, '2026-03-01T12:00:00Z', 999, 'too old');
    await insertFood(alice.userId, '2026-03-10T12:30:00Z', 777, 'in the future');
    await insertFood(bob.userId, '2026-03-10T10:00:00Z', 4242, 'bob secret');
    executor.answer(tool.version.sha256, succeeded({ total: 800 }));

    const outcome = await service.execute(alice, tool.name, { days: 3, label: 'ünï 🍎' });

    expect(outcome).toMatchObject({
      status: 'succeeded',
      output: { total: 800 },
      error: null,
      durationMs: 12,
      logs: ['hi'],
      userId: alice.userId,
      toolId: tool.id,
      version: 1,
      executor: 'local',
      input: { days: 3, label: 'ünï 🍎' },
    });
    const request = executor.requests.at(-1);
    expect(request).toMatchObject({
      executionId: outcome.id,
      tool: { id: tool.id, version: 1, sha256: tool.version.sha256, code: tool.version.code },
      input: { days: 3, label: 'ünï 🍎' },
      limits,
    });
    expect(Object.keys(request?.data ?? {}).sort()).toEqual([
      'food_entries:7d',
      'now',
      'profile:basic',
      'today',
    ]);
    expect(request?.data.now).toBe('2026-03-10T12:00:00.000Z');
    expect(request?.data.today).toBe('2026-03-10');
    const food = request?.data['food_entries:7d'] as Array<Record<string, unknown>>;
    expect(food.map((entry) => [entry.description, entry.totalKcal, entry.localDay])).toEqual([
      ['late snack', 500, '2026-03-09'],
      ['breakfast', 300, '2026-03-10'],
    ]);
    expect(JSON.stringify(request?.data)).not.toContain('bob secret');
    expect(request?.data['profile:basic']).toEqual({
      timezone: 'America/New_York',
      dayStartHour: 0,
      units: 'metric',
      goals: {
        dailyKcal: null,
        proteinG: null,
        carbsG: null,
        fatG: null,
        waterMl: null,
        goalWeightKg: null,
        weeklyRateKg: null,
      },
    });

    const stored = await db('tool_executions').where({ id: outcome.id }).first();
    expect(stored).toMatchObject({ status: 'succeeded', user_id: alice.userId, duration_ms: 12 });
    expect((await trailOf(tool.id)).at(-1)).toMatchObject({
      action: 'tool.execute',
      actorId: alice.userId,
      outcome: 'success',
      toolVersion: 1,
      sha256: tool.version.sha256,
      durationMs: 12,
      details: { executionId: outcome.id, status: 'succeeded', executor: 'local' },
    });
  });

  it("when crafted input names another user, then the data is still the caller's own", async () => {
    const { service, executor } = build();
    const tool = await approvedTool(service, {
      inputSchema: { type: 'object', properties: { userId: { type: 'string' } } },
      declaredReads: ['food_entries:2d'],
    });
    await insertFood(alice.userId, '2026-03-10T09:00:00Z', 100, 'alice own');
    await insertFood(bob.userId, '2026-03-10T09:00:00Z', 200, 'bob private');
    executor.answer(tool.version.sha256, succeeded(null));
    await service.execute(alice, tool.name, { userId: bob.userId });
    const data = JSON.stringify(executor.requests.at(-1)?.data);
    expect(data).toContain('alice own');
    expect(data).not.toContain('bob private');
    await service.execute(bob, tool.name, { userId: alice.userId });
    expect(JSON.stringify(executor.requests.at(-1)?.data)).toContain('bob private');
    expect(JSON.stringify(executor.requests.at(-1)?.data)).not.toContain('alice own');
  });

  it('when metrics and trackers are declared, then they come windowed, without notes, for the caller only', async () => {
    const { service, executor } = build();
    const tool = await approvedTool(service, {
      inputSchema: { type: 'object' },
      declaredReads: ['metrics:weight:30d', 'trackers:7d'],
    });
    await db('metric_entries').insert([
      {
        user_id: alice.userId,
        kind: 'weight',
        value: '70.5',
        unit: 'kg',
        recorded_at: '2026-03-05T08:00:00Z',
        note: 'private note',
      },
      { user_id: alice.userId, kind: 'weight', value: '70', unit: 'kg', recorded_at: '2026-03-10T12:00:00Z' },
      { user_id: alice.userId, kind: 'weight', value: '71', unit: 'kg', recorded_at: '2026-01-01T08:00:00Z' },
      { user_id: alice.userId, kind: 'water', value: '250', unit: 'ml', recorded_at: '2026-03-09T08:00:00Z' },
      { user_id: bob.userId, kind: 'weight', value: '99', unit: 'kg', recorded_at: '2026-03-09T08:00:00Z' },
    ]);
    const [tracker] = await db('custom_trackers')
      .insert({
        user_id: alice.userId,
        name: 'Headache',
        fields: JSON.stringify([{ key: 'level', type: 'rating' }]),
      })
      .returning('id');
    await db('tracker_entries').insert([
      {
        tracker_id: tracker.id,
        user_id: alice.userId,
        values: JSON.stringify({ level: 3 }),
        recorded_at: '2026-03-08T20:00:00Z',
        note: 'secret',
      },
      {
        tracker_id: tracker.id,
        user_id: alice.userId,
        values: JSON.stringify({ level: 5 }),
        recorded_at: '2026-02-01T20:00:00Z',
      },
    ]);
    executor.answer(tool.version.sha256, succeeded(1));
    await service.execute(alice, tool.name, {});
    const data = executor.requests.at(-1)?.data ?? {};
    expect(data['metrics:weight:30d']).toEqual([
      {
        recordedAt: '2026-03-05T08:00:00.000Z',
        localDay: '2026-03-05',
        value: 70.5,
        unit: 'kg',
        details: {},
      },
      // Logged at this very instant: inside the window.
      { recordedAt: '2026-03-10T12:00:00.000Z', localDay: '2026-03-10', value: 70, unit: 'kg', details: {} },
    ]);
    expect(data['trackers:7d']).toEqual([
      {
        name: 'Headache',
        description: '',
        fields: [{ key: 'level', type: 'rating' }],
        archived: false,
        entries: [{ values: { level: 3 }, recordedAt: '2026-03-08T20:00:00.000Z', localDay: '2026-03-08' }],
      },
    ]);
    expect(JSON.stringify(data)).not.toMatch(/private note|secret|99/);
  });

  it('when profile:basic is declared, then goals come along but never the name or health details', async () => {
    const { service, executor } = build();
    const carol = {
      userId: await insertTestUser(db, { timezone: 'Europe/Stockholm', dayStartHour: 4 }),
      scope: 'user' as const,
    };
    await db('user_profiles')
      .where({ user_id: carol.userId })
      .update({
        name: 'Carol Secret',
        units: 'imperial',
        daily_kcal_goal: 2100,
        goal_weight_kg: '65.5',
        weekly_rate_kg: '-0.25',
        conditions: JSON.stringify(['diabetes']),
        birth_date: '1990-01-01',
      });
    const tool = await approvedTool(service, {
      inputSchema: { type: 'object' },
      declaredReads: ['profile:basic'],
    });
    executor.answer(tool.version.sha256, succeeded(1));
    await service.execute(carol, tool.name, {});
    const data = executor.requests.at(-1)?.data ?? {};
    expect(data['profile:basic']).toEqual({
      timezone: 'Europe/Stockholm',
      dayStartHour: 4,
      units: 'imperial',
      goals: {
        dailyKcal: 2100,
        proteinG: null,
        carbsG: null,
        fatG: null,
        waterMl: null,
        goalWeightKg: 65.5,
        weeklyRateKg: -0.25,
      },
    });
    // 13:00 in Stockholm, after the 04:00 day start.
    expect(data.today).toBe('2026-03-10');
    expect(JSON.stringify(data)).not.toMatch(/Carol|diabetes|1990/);
  });

  it('when the user has no profile row, then UTC days are used and profile:basic is null', async () => {
    const { service, executor } = build();
    const [row] = await db('users').insert({ display_name: 'No profile' }).returning('id');
    const tool = await approvedTool(service, {
      inputSchema: { type: 'object' },
      declaredReads: ['profile:basic'],
    });
    executor.answer(tool.version.sha256, succeeded(1));
    await service.execute({ userId: row.id as string, scope: 'user' }, tool.name, {});
    expect(executor.requests.at(-1)?.data).toEqual({
      now: '2026-03-10T12:00:00.000Z',
      today: '2026-03-10',
      'profile:basic': null,
    });
  });

  it('when the input violates the schema, then it is a 400 naming the fields, audited, and the executor never runs', async () => {
    const { service, executor } = build();
    const tool = await approvedTool(service);
    const error = await service
      .execute(alice, tool.name, { days: 0, extra: 1 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe(
      "The input does not match the tool's schema: input.days, input.extra",
    );
    expect(executor.requests).toHaveLength(0);
    expect((await trailOf(tool.id)).at(-1)).toMatchObject({
      action: 'tool.execute',
      outcome: 'denied',
      details: { reason: 'validation_failed' },
    });
    const huge = await service
      .execute(alice, tool.name, { days: 1, label: 'x'.repeat(70_000) })
      .catch((caught: unknown) => caught);
    expect((huge as ValidationError).details).toEqual([
      { path: 'input', message: 'must be at most 65536 bytes of JSON' },
    ]);
  });

  it('when the tool is not approved, then execution is refused at once and audited', async () => {
    const { service, executor } = build();
    const pending = await service.create(alice, toolInput());
    await expect(service.execute(alice, pending.name, { days: 1 })).rejects.toThrow(ConflictError);
    const tool = await approvedTool(service);
    executor.answer(tool.version.sha256, succeeded('ok'));
    await expect(service.execute(bob, tool.name, { days: 1 })).resolves.toMatchObject({
      status: 'succeeded',
    });
    await service.disable(admin, tool.name, { reason: 'misbehaves' });
    const error = await service.execute(bob, tool.name, { days: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).details).toEqual({ status: 'disabled' });
    expect(executor.requests).toHaveLength(1);
    expect((await trailOf(tool.id)).at(-1)).toMatchObject({
      action: 'tool.execute',
      actorId: bob.userId,
      outcome: 'denied',
      details: { reason: 'conflict' },
    });
  });

  it('when the tool is disabled while it runs, then its output is withheld and the run is recorded as rejected', async () => {
    const { service, executor } = build();
    const tool = await approvedTool(service);
    executor.answer(tool.version.sha256, async () => {
      await service.disable(admin, tool.name);
      return succeeded({ leaked: true });
    });
    await expect(service.execute(alice, tool.name, { days: 1 })).rejects.toThrow(ConflictError);
    const [execution] = await service.listExecutions(alice, tool.name);
    expect(execution).toMatchObject({ status: 'rejected', output: null, error: { code: 'TOOL_DISABLED' } });
    const trail = await trailOf(tool.id);
    expect(trail.filter((event) => event.action === 'tool.execute')).toEqual([
      expect.objectContaining({
        outcome: 'denied',
        details: expect.objectContaining({ status: 'rejected', errorCode: 'TOOL_DISABLED' }),
      }),
    ]);
  });

  it.each<[string, ExecutionResult, string, string]>([
    [
      'a timeout',
      { status: 'timeout', error: { code: 'TIMEOUT', message: 'deadline' }, durationMs: 1500 },
      'timeout',
      'denied',
    ],
    [
      'out of memory',
      { status: 'oom', error: { code: 'OUT_OF_MEMORY', message: 'heap' }, durationMs: 30 },
      'oom',
      'denied',
    ],
    [
      'a stack overflow',
      { status: 'failed', error: { code: 'STACK_OVERFLOW', message: 'deep' }, durationMs: 3 },
      'failed',
      'denied',
    ],
    [
      'a thrown error',
      { status: 'failed', error: { code: 'TOOL_ERROR', message: 'boom' }, durationMs: 3 },
      'failed',
      'failure',
    ],
    ['output too large', succeeded('x'.repeat(500)), 'invalid-output', 'denied'],
    ['non-JSON output', { status: 'succeeded', output: 10n, durationMs: 1 }, 'invalid-output', 'failure'],
    [
      'an unknown status',
      { status: 'exploded', durationMs: 1 } as unknown as ExecutionResult,
      'failed',
      'failure',
    ],
  ])(
    'when the sandbox reports %s, then the run is recorded with that status and audited',
    async (_what, answer, status, outcome) => {
      const { service, executor } = build();
      const tool = await approvedTool(service);
      executor.answer(tool.version.sha256, answer);
      const run = service.execute(alice, tool.name, { days: 1 });
      if (status === 'failed' && outcome === 'failure' && answer.status !== 'failed') {
        await expect(run).rejects.toThrow(DependencyUnavailableError);
      } else {
        await expect(run).resolves.toMatchObject({ status, output: null });
      }
      const [execution] = await service.listExecutions(alice, tool.name);
      expect(execution?.status).toBe(status);
      expect(execution?.finishedAt).toEqual(clock.now());
      expect((await trailOf(tool.id)).at(-1)).toMatchObject({
        action: 'tool.execute',
        outcome,
        details: { status },
      });
    },
  );

  it('when the executor throws, then the run is recorded as failed and audited, and the caller gets a 503', async () => {
    const { service, executor } = build();
    const tool = await approvedTool(service);
    executor.answer(tool.version.sha256, () => {
      throw new Error('runner died');
    });
    const error = await service.execute(alice, tool.name, { days: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    const [execution] = await service.listExecutions(alice, tool.name);
    expect(execution).toMatchObject({
      status: 'failed',
      error: { code: 'EXECUTOR_ERROR', message: 'the executor failed: runner died' },
    });
    const executes = (await trailOf(tool.id)).filter((event) => event.action === 'tool.execute');
    expect(executes).toEqual([
      expect.objectContaining({
        outcome: 'failure',
        details: expect.objectContaining({ errorCode: 'EXECUTOR_ERROR' }),
      }),
    ]);
  });

  it('when no executor is configured, then execution answers 503 and the failure is audited', async () => {
    const { service } = build({ executor: null });
    const tool = await approvedTool(service);
    await expect(service.execute(alice, tool.name, { days: 1 })).rejects.toThrow(
      'no tool executor configured',
    );
    expect((await trailOf(tool.id)).at(-1)).toMatchObject({
      outcome: 'failure',
      details: { reason: 'dependency_unavailable' },
    });
    expect(await service.listExecutions(admin, tool.name)).toEqual([]);
  });

  it('when stored code no longer matches its sha256, then it is not run and the failure is audited', async () => {
    const { service, executor } = build();
    const tool = await approvedTool(service);
    await db('tool_versions')
      .where({ tool_id: tool.id })
      .update({ code: 'function run() { return "tampered"; }' });
    await expect(service.execute(alice, tool.name, { days: 1 })).rejects.toThrow(/does not match its sha256/);
    expect(executor.requests).toHaveLength(0);
    expect((await trailOf(tool.id)).at(-1)).toMatchObject({
      outcome: 'failure',
      details: { reason: 'internal_error' },
    });
  });

  it('when the daily execution quota is used up, then the next run is refused before any work, with a 429 and an audit event', async () => {
    const { service, executor } = build({ executeQuota: 2 });
    const tool = await approvedTool(service);
    executor.answer(tool.version.sha256, succeeded(1));
    await service.execute(alice, tool.name, { days: 1 });
    await expect(service.execute(alice, 'no_such_tool', {})).rejects.toThrow(NotFoundError);
    await expect(service.execute(alice, tool.name, { days: 1 })).rejects.toThrow(RateLimitedError);
    expect(executor.requests).toHaveLength(1);
    expect(await lastEvent('tool.execute', alice.userId)).toMatchObject({
      outcome: 'denied',
      targetId: null,
      details: { reason: 'rate_limited', name: tool.name },
    });
    await expect(service.execute(bob, tool.name, { days: 1 })).resolves.toMatchObject({
      status: 'succeeded',
    });
  });

  it("when executions are listed, then users see only their own and admins see everyone's, newest first", async () => {
    const { service, executor } = build();
    const tool = await approvedTool(service);
    executor.answer(tool.version.sha256, succeeded(1));
    const first = await service.execute(alice, tool.name, { days: 1 });
    clock.advance(1000);
    const second = await service.execute(bob, tool.name, { days: 2 });
    clock.advance(1000);
    const third = await service.execute(alice, tool.name, { days: 3 });
    expect((await service.listExecutions(alice, tool.name)).map((run) => run.id)).toEqual([
      third.id,
      first.id,
    ]);
    expect((await service.listExecutions(bob, tool.name)).map((run) => run.id)).toEqual([second.id]);
    expect((await service.listExecutions(admin, tool.name)).map((run) => run.id)).toEqual([
      third.id,
      second.id,
      first.id,
    ]);
    expect(
      (await service.listExecutions(admin, tool.name, { limit: 1, offset: 1 })).map((run) => run.id),
    ).toEqual([second.id]);
  });
});
