import { type AuditActorType, type AuditOutcome, recordAuditEvent } from '../audit/index.js';
import type { Clock } from '../clock/clock.js';
import type { Db } from '../db/db.js';
import {
  AppError,
  ConflictError,
  DependencyUnavailableError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  parseInput,
  RateLimitedError,
  ValidationError,
} from '../errors/index.js';
import type { Logger } from '../logging/logger.js';
import type { RateLimiter } from '../rate-limit/index.js';
import { checkToolCode, MAX_TOOL_CODE_BYTES, toolCodeSha256 } from './tool-code.js';
import { gatherToolData } from './tool-data.js';
import { parseDeclaredReads } from './tool-declared-reads.js';
import type { ExecutionResult, ExecutionStatus, ToolExecutor } from './tool-executor.js';
import { parseInputSchema, type SupportedJsonSchema, validateToolInput } from './tool-input-schema.js';
import { checkToolOutput } from './tool-output.js';
import * as repo from './tool-repository.js';
import {
  approvalSchema,
  disableSchema,
  newToolSchema,
  newToolVersionSchema,
  pageQuerySchema,
  rejectionSchema,
  TOOL_NAME_PATTERN,
  toolListQuerySchema,
} from './tool-schemas.js';
import type {
  NewToolInput,
  NewToolVersionInput,
  PageQuery,
  Tool,
  ToolActor,
  ToolExecutionOutcome,
  ToolExecutionRecord,
  ToolLimits,
  ToolListQuery,
  ToolStatus,
  ToolVersion,
  ToolWithVersion,
} from './tool-types.js';

export interface ToolService {
  /** Submits a new tool (version 1): pending, or approved when TOOL_AUTO_APPROVE is set. */
  create(actor: ToolActor, input: NewToolInput): Promise<ToolWithVersion>;
  /**
   * Adds an immutable version (creator or admin); the tool goes back to pending for review.
   * Code identical to an existing version is a ConflictError naming that version: versions
   * are content-addressed, so there is nothing new to store or to review.
   */
  addVersion(actor: ToolActor, name: string, input: NewToolVersionInput): Promise<ToolWithVersion>;
  /** Users: approved tools and their own. Admins: all, optionally by status. Sorted by name. */
  list(actor: ToolActor, query?: ToolListQuery): Promise<Tool[]>;
  get(actor: ToolActor, name: string): Promise<ToolWithVersion>;
  /** Newest first. */
  listVersions(actor: ToolActor, name: string): Promise<ToolVersion[]>;
  approve(
    actor: ToolActor,
    name: string,
    decision?: { sha256?: string; reason?: string },
  ): Promise<ToolWithVersion>;
  reject(actor: ToolActor, name: string, decision: { reason: string }): Promise<ToolWithVersion>;
  disable(actor: ToolActor, name: string, decision?: { reason?: string }): Promise<ToolWithVersion>;
  /** Runs the current, approved version on the caller's own data in the sandbox executor. */
  execute(actor: ToolActor, name: string, input: unknown): Promise<ToolExecutionOutcome>;
  /** Newest first: the caller's own executions, or everyone's for an admin. */
  listExecutions(actor: ToolActor, name: string, query?: PageQuery): Promise<ToolExecutionRecord[]>;
}

export interface ToolServiceDependencies {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Per-user daily quotas, keyed by user id; checked before any other work. */
  quotas: { create: RateLimiter; execute: RateLimiter };
  /** Absent until the composition root plugs one in: execute() then answers 503. */
  executor?: ToolExecutor;
  autoApprove: boolean;
  limits: ToolLimits;
}

/** Largest tool input, in UTF-8 bytes of its JSON. */
export const MAX_TOOL_INPUT_BYTES = 64 * 1024;

/** Error codes of results that hit a sandbox limit (audited as denied, not as a failure). */
const LIMIT_ERROR_CODES = new Set([
  'TIMEOUT',
  'HARD_TIMEOUT',
  'OUT_OF_MEMORY',
  'STACK_OVERFLOW',
  'HOST_STACK_OVERFLOW',
  'JOB_LIMIT',
  'OUTPUT_TOO_LARGE',
]);

const executionStatuses = new Set<unknown>([
  'succeeded',
  'failed',
  'timeout',
  'oom',
  'invalid-output',
  'rejected',
]);

type Decision = 'approve' | 'reject' | 'disable';

function parseDecision(
  decision: Decision,
  body: unknown,
): { reason?: string | undefined; sha256?: string | undefined } {
  if (decision === 'approve') return parseInput(approvalSchema, body ?? {}, 'approval');
  if (decision === 'reject') return parseInput(rejectionSchema, body ?? {}, 'rejection');
  return parseInput(disableSchema, body ?? {}, 'disable request');
}

const decisionRules: Record<Decision, { from: ToolStatus[]; to: ToolStatus; action: string }> = {
  approve: { from: ['pending', 'rejected', 'disabled'], to: 'approved', action: 'tool.approve' },
  reject: { from: ['pending'], to: 'rejected', action: 'tool.reject' },
  disable: { from: ['pending', 'approved'], to: 'disabled', action: 'tool.disable' },
};

/** What one audited operation has learnt so far about its target. */
interface Trail {
  action: string;
  actor: ToolActor;
  targetId: string | null;
  toolVersion?: number;
  sha256?: string;
  durationMs?: number;
  details: Record<string, unknown>;
}

/** Names as they may appear in the audit trail: bounded, whatever the caller sent. */
function shortName(name: unknown): string | null {
  return typeof name === 'string' ? name.slice(0, 100) : null;
}

function actorTypeOf(actor: ToolActor): AuditActorType {
  if (actor.viaAgent) return 'agent';
  return actor.scope === 'admin' ? 'admin' : 'user';
}

function outcomeOf(result: ExecutionResult): AuditOutcome {
  if (result.status === 'succeeded') return 'success';
  if (result.status === 'timeout' || result.status === 'oom') return 'denied';
  return result.error && LIMIT_ERROR_CODES.has(result.error.code) ? 'denied' : 'failure';
}

interface CheckedContract {
  inputSchema: SupportedJsonSchema;
  declaredReads: string[];
  sha256: string;
}

/** Size, syntax, schema and reads of submitted code: every problem is a 400 (413 for size). */
function checkContract(code: string, inputSchema: unknown, declaredReads: unknown[]): CheckedContract {
  const bytes = Buffer.byteLength(code, 'utf8');
  if (bytes > MAX_TOOL_CODE_BYTES) {
    throw new PayloadTooLargeError(`The tool code is ${bytes} bytes; the limit is ${MAX_TOOL_CODE_BYTES}`, {
      field: 'code',
      bytes,
      maxBytes: MAX_TOOL_CODE_BYTES,
    });
  }
  const issues: Array<{ path: string; message: string }> = [];
  const syntax = checkToolCode(code);
  if (!syntax.ok) issues.push({ path: 'code', message: syntax.message });
  const schema = parseInputSchema(inputSchema);
  if (!schema.ok) issues.push(...schema.issues);
  const reads = parseDeclaredReads(declaredReads);
  if (!reads.ok) issues.push(...reads.issues);
  if (!schema.ok || !reads.ok || issues.length > 0) throw new ValidationError('Invalid tool', issues);
  return {
    inputSchema: schema.schema,
    declaredReads: reads.reads.map((read) => read.key),
    sha256: toolCodeSha256(code),
  };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

export function createToolService(deps: ToolServiceDependencies): ToolService {
  const { db, clock, logger, quotas, limits } = deps;
  /** Errors whose audit event is already written (with the change they belong to). */
  const audited = new WeakSet<object>();

  function eventOf(trail: Trail, outcome: AuditOutcome, extra: Record<string, unknown> = {}) {
    return {
      actorType: actorTypeOf(trail.actor),
      actorId: trail.actor.userId,
      action: trail.action,
      targetType: 'tool',
      targetId: trail.targetId,
      outcome,
      ...(trail.toolVersion === undefined ? {} : { toolVersion: trail.toolVersion }),
      ...(trail.sha256 === undefined ? {} : { sha256: trail.sha256 }),
      ...(trail.durationMs === undefined ? {} : { durationMs: Math.max(0, Math.round(trail.durationMs)) }),
      details: { ...trail.details, ...extra },
      occurredAt: clock.now(),
    };
  }

  /**
   * Runs one audited operation. A refusal (an AppError) is written to the trail as
   * denied, anything else as a failure; writing happens after the operation's
   * transaction has rolled back, so the record survives it.
   */
  async function withAudit<T>(trail: Trail, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (typeof error === 'object' && error !== null && !audited.has(error)) {
        const refusal = error instanceof AppError && !(error instanceof DependencyUnavailableError);
        const reason = error instanceof AppError ? error.code : 'internal_error';
        const message = error instanceof Error ? error.message.slice(0, 500) : 'unknown error';
        try {
          await recordAuditEvent(db, eventOf(trail, refusal ? 'denied' : 'failure', { reason, message }));
        } catch (auditError) {
          logger.error(
            { err: auditError, action: trail.action },
            'could not write the audit event of a refusal',
          );
        }
      }
      throw error;
    }
  }

  async function consumeQuota(limiter: RateLimiter, actor: ToolActor, quota: 'tool_create' | 'tool_execute') {
    const decision = await limiter.consume(actor.userId);
    if (!decision.allowed) {
      const retryAfterSeconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      throw new RateLimitedError(
        `Daily ${quota.replace('_', ' ')} quota reached; try again in ${retryAfterSeconds} s`,
        {
          quota,
          retryAfterSeconds,
        },
      );
    }
  }

  function canSee(actor: ToolActor, tool: repo.ToolRow): boolean {
    return (
      actor.scope === 'admin' ||
      tool.createdBy === actor.userId ||
      tool.status === 'approved' ||
      tool.status === 'disabled'
    );
  }

  /** Who created and decided stays between the creator and the admins. */
  function view(actor: ToolActor, tool: repo.ToolRow): Tool {
    const admin = actor.scope === 'admin';
    return {
      ...tool,
      createdBy: admin || tool.createdBy === actor.userId ? tool.createdBy : null,
      decidedBy: admin ? tool.decidedBy : null,
    };
  }

  async function currentVersionOf(database: Db, tool: repo.ToolRow): Promise<ToolVersion> {
    const version = await repo.findVersion(database, tool.id, tool.currentVersion);
    if (!version) throw new Error(`tool ${tool.id} has no version ${tool.currentVersion}`);
    return version;
  }

  /** The tool by name if the actor may see it; otherwise exactly like a missing one. */
  async function findVisible(
    database: Db,
    actor: ToolActor,
    name: string,
    lock?: 'update' | 'share',
  ): Promise<repo.ToolRow> {
    const tool = TOOL_NAME_PATTERN.test(name) ? await repo.findToolByName(database, name, lock) : undefined;
    if (!tool || !canSee(actor, tool)) throw new NotFoundError('Tool not found', { name: shortName(name) });
    return tool;
  }

  async function withVersion(database: Db, actor: ToolActor, tool: repo.ToolRow): Promise<ToolWithVersion> {
    return { ...view(actor, tool), version: await currentVersionOf(database, tool) };
  }

  async function create(actor: ToolActor, input: NewToolInput): Promise<ToolWithVersion> {
    const trail: Trail = {
      action: 'tool.create',
      actor,
      targetId: null,
      details: { name: shortName((input as Partial<NewToolInput> | undefined)?.name) },
    };
    return withAudit(trail, async () => {
      await consumeQuota(quotas.create, actor, 'tool_create');
      const tool = parseInput(newToolSchema, input ?? {}, 'tool');
      const contract = checkContract(tool.code, tool.inputSchema, tool.declaredReads);
      Object.assign(trail, { toolVersion: 1, sha256: contract.sha256 });
      const status: ToolStatus = deps.autoApprove ? 'approved' : 'pending';
      const at = clock.now();
      const created = await db.transaction(async (trx) => {
        if (await repo.findToolByName(trx, tool.name)) throw nameTaken(tool.name);
        const row = await repo
          .insertTool(trx, {
            name: tool.name,
            description: tool.description,
            status,
            createdBy: actor.userId,
            decidedBy: null,
            at,
          })
          .catch((error: unknown) => {
            throw isUniqueViolation(error) ? nameTaken(tool.name) : error;
          });
        const version = await repo.insertVersion(trx, {
          toolId: row.id,
          version: 1,
          code: tool.code,
          createdBy: actor.userId,
          at,
          ...contract,
        });
        trail.targetId = row.id;
        await recordAuditEvent(
          trx,
          eventOf(trail, 'success', { status, declaredReads: contract.declaredReads }),
        );
        if (deps.autoApprove) await recordAutoApproval(trx, trail);
        return { ...view(actor, row), version };
      });
      logger.info({ toolId: created.id, name: created.name, status }, 'tool created');
      return created;
    });
  }

  function nameTaken(name: string): ConflictError {
    return new ConflictError('A tool with this name exists; submit a new version of it instead', { name });
  }

  async function recordAutoApproval(trx: Db, trail: Trail): Promise<void> {
    await recordAuditEvent(trx, {
      ...eventOf({ ...trail, action: 'tool.approve' }, 'success', { to: 'approved', autoApproved: true }),
      actorType: 'system',
      actorId: 'TOOL_AUTO_APPROVE',
    });
  }

  async function addVersion(
    actor: ToolActor,
    name: string,
    input: NewToolVersionInput,
  ): Promise<ToolWithVersion> {
    const trail: Trail = {
      action: 'tool.version',
      actor,
      targetId: null,
      details: { name: shortName(name) },
    };
    return withAudit(trail, async () => {
      await consumeQuota(quotas.create, actor, 'tool_create');
      const submitted = parseInput(newToolVersionSchema, input ?? {}, 'tool version');
      const contract = checkContract(submitted.code, submitted.inputSchema, submitted.declaredReads);
      trail.sha256 = contract.sha256;
      const status: ToolStatus = deps.autoApprove ? 'approved' : 'pending';
      const at = clock.now();
      const result = await db.transaction(async (trx) => {
        const tool = await findVisible(trx, actor, name, 'update');
        trail.targetId = tool.id;
        if (actor.scope !== 'admin' && tool.createdBy !== actor.userId) {
          throw new ForbiddenError("Only the tool's creator or an admin can add versions", { name });
        }
        const existing = await repo.findVersionBySha256(trx, tool.id, contract.sha256);
        if (existing) {
          trail.toolVersion = existing.version;
          throw new ConflictError(`This code is already version ${existing.version} of the tool`, {
            version: existing.version,
            sha256: contract.sha256,
          });
        }
        const next = tool.currentVersion + 1;
        trail.toolVersion = next;
        const version = await repo.insertVersion(trx, {
          toolId: tool.id,
          version: next,
          code: submitted.code,
          createdBy: actor.userId,
          at,
          ...contract,
        });
        const updated = await repo.updateTool(trx, tool.id, {
          status,
          decidedBy: null,
          decisionReason: null,
          currentVersion: next,
          ...(submitted.description === undefined ? {} : { description: submitted.description }),
          at,
        });
        await recordAuditEvent(
          trx,
          eventOf(trail, 'success', { from: tool.status, status, declaredReads: contract.declaredReads }),
        );
        if (deps.autoApprove) await recordAutoApproval(trx, trail);
        return { ...view(actor, updated), version };
      });
      logger.info({ toolId: result.id, version: result.version.version, status }, 'tool version added');
      return result;
    });
  }

  async function decide(
    actor: ToolActor,
    name: string,
    decision: Decision,
    body: unknown,
  ): Promise<ToolWithVersion> {
    const rule = decisionRules[decision];
    const trail: Trail = { action: rule.action, actor, targetId: null, details: { name: shortName(name) } };
    return withAudit(trail, async () => {
      if (actor.scope !== 'admin') {
        // The trail names the tool the user tried to decide on; the user learns nothing about it.
        const tool = TOOL_NAME_PATTERN.test(name) ? await repo.findToolByName(db, name) : undefined;
        if (tool) {
          const version = await currentVersionOf(db, tool);
          Object.assign(trail, { targetId: tool.id, toolVersion: version.version, sha256: version.sha256 });
        }
        throw new ForbiddenError(`Only an admin can ${decision} tools`);
      }
      const { reason, sha256 } = parseDecision(decision, body);
      const result = await db.transaction(async (trx) => {
        const tool = await findVisible(trx, actor, name, 'update');
        const version = await currentVersionOf(trx, tool);
        Object.assign(trail, { targetId: tool.id, toolVersion: version.version, sha256: version.sha256 });
        if (!rule.from.includes(tool.status)) {
          throw new ConflictError(`The tool is ${tool.status}; it cannot be ${rule.to} from there`, {
            status: tool.status,
          });
        }
        if (sha256 !== undefined && sha256 !== version.sha256) {
          throw new ConflictError('The current version is not the one reviewed; review it again', {
            reviewed: sha256,
            current: version.sha256,
            version: version.version,
          });
        }
        const updated = await repo.updateTool(trx, tool.id, {
          status: rule.to,
          decidedBy: actor.userId,
          decisionReason: reason ?? null,
          at: clock.now(),
        });
        await recordAuditEvent(
          trx,
          eventOf(trail, 'success', { from: tool.status, to: rule.to, ...(reason ? { reason } : {}) }),
        );
        return { ...view(actor, updated), version };
      });
      logger.info(
        { toolId: result.id, version: result.version.version, status: result.status },
        `tool ${rule.to}`,
      );
      return result;
    });
  }

  async function execute(actor: ToolActor, name: string, input: unknown): Promise<ToolExecutionOutcome> {
    const trail: Trail = {
      action: 'tool.execute',
      actor,
      targetId: null,
      details: { name: shortName(name) },
    };
    return withAudit(trail, async () => {
      await consumeQuota(quotas.execute, actor, 'tool_execute');
      const executor = deps.executor;
      // The state is checked, the data read and the execution registered in one transaction, the
      // tool row share-locked: a disable either commits first (and this run is refused) or waits.
      const prepared = await db.transaction(async (trx) => {
        const tool = await findVisible(trx, actor, name, 'share');
        const version = await currentVersionOf(trx, tool);
        Object.assign(trail, { targetId: tool.id, toolVersion: version.version, sha256: version.sha256 });
        if (tool.status !== 'approved') {
          throw new ConflictError(`The tool is ${tool.status}; only approved tools run`, {
            status: tool.status,
          });
        }
        if (toolCodeSha256(version.code) !== version.sha256) {
          throw new Error(
            `stored code of tool ${tool.id} version ${version.version} does not match its sha256`,
          );
        }
        checkInput(version, input);
        if (!executor) throw new DependencyUnavailableError('no tool executor configured');
        const reads = parseDeclaredReads(version.declaredReads);
        if (!reads.ok)
          throw new Error(`stored reads of tool ${tool.id} version ${version.version} are not allowed`);
        const data = await gatherToolData(trx, actor.userId, reads.reads, clock.now());
        const execution = await repo.insertRunningExecution(trx, {
          toolId: tool.id,
          version: version.version,
          userId: actor.userId,
          executor: executor.kind,
          input,
          at: clock.now(),
        });
        return { tool, version, data, execution, executor };
      });
      const { tool, version, execution } = prepared;
      trail.details.executionId = execution.id;
      const { result, crashed } = await runInSandbox(prepared.executor, {
        executionId: execution.id,
        tool: { id: tool.id, version: version.version, sha256: version.sha256, code: version.code },
        input,
        data: prepared.data,
        limits: { ...limits },
      });
      trail.durationMs = result.durationMs;
      const finished = await db.transaction(async (trx) => {
        // Disabling takes effect at once: a run that finishes after it keeps nothing.
        const now = await repo.findToolByName(trx, tool.name, 'share');
        const stillRunnable = now?.status === 'approved' && now.currentVersion === version.version;
        const final: ExecutionResult = stillRunnable
          ? result
          : {
              status: 'rejected',
              error: {
                code: 'TOOL_DISABLED',
                message: 'the tool was disabled or replaced while it ran; its output was withheld',
              },
              durationMs: result.durationMs,
            };
        const record = await repo.finishExecution(trx, execution.id, {
          status: final.status,
          output: final.status === 'succeeded' ? final.output : null,
          error: final.error ?? null,
          durationMs: final.durationMs,
          at: clock.now(),
        });
        await recordAuditEvent(
          trx,
          eventOf(trail, stillRunnable ? outcomeOf(final) : 'denied', {
            executionId: execution.id,
            executor: prepared.executor.kind,
            status: final.status,
            ...(final.error ? { errorCode: final.error.code } : {}),
          }),
        );
        return { record, stillRunnable };
      });
      logger.info(
        {
          toolId: tool.id,
          executionId: execution.id,
          status: finished.record.status,
          durationMs: result.durationMs,
        },
        'tool executed',
      );
      if (!finished.stillRunnable) {
        throw markAudited(
          new ConflictError('The tool was disabled while it ran; its output was withheld', {
            executionId: execution.id,
          }),
        );
      }
      if (crashed) {
        throw markAudited(
          new DependencyUnavailableError('The tool executor failed; the execution was recorded as failed', {
            executionId: execution.id,
          }),
        );
      }
      return { ...finished.record, logs: result.logs ?? [] };
    });
  }

  function markAudited<E extends Error>(error: E): E {
    audited.add(error);
    return error;
  }

  function checkInput(version: ToolVersion, input: unknown): void {
    const json = JSON.stringify(input ?? null);
    const bytes = Buffer.byteLength(json, 'utf8');
    if (bytes > MAX_TOOL_INPUT_BYTES) {
      throw new ValidationError(`The input is ${bytes} bytes; the limit is ${MAX_TOOL_INPUT_BYTES}`, [
        { path: 'input', message: `must be at most ${MAX_TOOL_INPUT_BYTES} bytes of JSON` },
      ]);
    }
    const schema = parseInputSchema(version.inputSchema);
    const issues = schema.ok ? validateToolInput(schema.schema, input) : schema.issues;
    if (issues.length > 0) {
      const fields = issues.map((issue) => issue.path).join(', ');
      throw new ValidationError(`The input does not match the tool's schema: ${fields}`, issues);
    }
  }

  /** The executor's answer, checked; an executor that throws becomes a failed result, never an unrecorded escape. */
  async function runInSandbox(
    executor: ToolExecutor,
    request: Parameters<ToolExecutor['execute']>[0],
  ): Promise<{ result: ExecutionResult; crashed: boolean }> {
    const started = clock.now().getTime();
    let result: ExecutionResult;
    try {
      result = await executor.execute(request);
    } catch (error) {
      logger.error({ err: error, executionId: request.executionId }, 'tool executor failed');
      const message = error instanceof Error ? error.message : String(error);
      return {
        result: {
          status: 'failed',
          error: { code: 'EXECUTOR_ERROR', message: `the executor failed: ${message}`.slice(0, 1000) },
          durationMs: Math.max(0, clock.now().getTime() - started),
        },
        crashed: true,
      };
    }
    if (!executionStatuses.has(result?.status)) {
      return {
        result: {
          status: 'failed',
          error: { code: 'EXECUTOR_ERROR', message: 'the executor answered with an unknown status' },
          durationMs: Math.max(0, clock.now().getTime() - started),
        },
        crashed: true,
      };
    }
    const durationMs = Number.isFinite(result.durationMs) ? Math.max(0, result.durationMs) : 0;
    if (result.status !== 'succeeded') return { result: { ...result, durationMs }, crashed: false };
    const output = checkToolOutput(result.output, limits.maxOutputBytes);
    if (output.ok) return { result: { ...result, durationMs }, crashed: false };
    const status: ExecutionStatus = 'invalid-output';
    return {
      result: {
        status,
        error: { code: output.code, message: output.message },
        durationMs,
        logs: result.logs ?? [],
      },
      crashed: false,
    };
  }

  return {
    create,
    addVersion,
    async list(actor, query = {}) {
      const { status, limit, offset } = parseInput(toolListQuerySchema, query ?? {}, 'query');
      const rows = await repo.listTools(db, {
        ...(actor.scope === 'admin' ? {} : { visibleToUserId: actor.userId }),
        ...(status ? { status } : {}),
        limit,
        offset,
      });
      return rows.map((row) => view(actor, row));
    },
    async get(actor, name) {
      return withVersion(db, actor, await findVisible(db, actor, name));
    },
    async listVersions(actor, name) {
      const tool = await findVisible(db, actor, name);
      return repo.listVersions(db, tool.id);
    },
    approve: (actor, name, decision = {}) => decide(actor, name, 'approve', decision),
    reject: (actor, name, decision) => decide(actor, name, 'reject', decision),
    disable: (actor, name, decision = {}) => decide(actor, name, 'disable', decision),
    execute,
    async listExecutions(actor, name, query = {}) {
      const { limit, offset } = parseInput(pageQuerySchema, query ?? {}, 'query');
      const tool = await findVisible(db, actor, name);
      return repo.listExecutions(db, {
        toolId: tool.id,
        ...(actor.scope === 'admin' ? {} : { userId: actor.userId }),
        limit,
        offset,
      });
    },
  };
}
