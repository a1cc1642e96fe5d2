import type { Db } from '../db/db.js';
import type { SupportedJsonSchema } from './tool-input-schema.js';
import type { StoredExecutionStatus, ToolExecutionRecord, ToolStatus, ToolVersion } from './tool-types.js';

/** The only place that reads or writes dynamic_tools, tool_versions and tool_executions. */

export interface ToolRow {
  id: string;
  name: string;
  description: string;
  status: ToolStatus;
  currentVersion: number;
  createdBy: string | null;
  decidedBy: string | null;
  decisionReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

interface DynamicToolRow {
  id: string;
  name: string;
  description: string;
  status: ToolStatus;
  current_version: number;
  created_by: string | null;
  decided_by: string | null;
  decision_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

interface ToolVersionRow {
  tool_id: string;
  version: number;
  sha256: string;
  code: string;
  input_schema: SupportedJsonSchema;
  declared_reads: string[];
  created_by: string | null;
  created_at: Date;
}

interface ToolExecutionRow {
  id: string;
  tool_id: string;
  version: number;
  user_id: string;
  status: StoredExecutionStatus;
  executor: 'local' | 'kubernetes';
  input: unknown;
  output: unknown;
  error: string | null;
  duration_ms: number | null;
  created_at: Date;
  finished_at: Date | null;
}

function toTool(row: DynamicToolRow): ToolRow {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    status: row.status,
    currentVersion: Number(row.current_version),
    createdBy: row.created_by,
    decidedBy: row.decided_by,
    decisionReason: row.decision_reason,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

function toVersion(row: ToolVersionRow): ToolVersion {
  return {
    version: Number(row.version),
    // char(64) comes back exactly 64 characters long; trim guards against padding anyway.
    sha256: row.sha256.trim(),
    code: row.code,
    inputSchema: row.input_schema,
    declaredReads: row.declared_reads,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
  };
}

/** The error column holds `code: message`; split it back. */
function toError(text: string | null): { code: string; message: string } | null {
  if (text === null) return null;
  const separator = text.indexOf(': ');
  return separator < 0
    ? { code: 'ERROR', message: text }
    : { code: text.slice(0, separator), message: text.slice(separator + 2) };
}

function toExecution(row: ToolExecutionRow): ToolExecutionRecord {
  return {
    id: row.id,
    toolId: row.tool_id,
    version: Number(row.version),
    userId: row.user_id,
    status: row.status,
    executor: row.executor,
    input: row.input,
    output: row.output ?? null,
    error: toError(row.error),
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
    createdAt: new Date(row.created_at),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
  };
}

const MAX_ERROR_CHARS = 4000;

export async function findToolByName(
  db: Db,
  name: string,
  lock?: 'update' | 'share',
): Promise<ToolRow | undefined> {
  let query = db('dynamic_tools').where({ name });
  if (lock === 'update') query = query.forUpdate();
  if (lock === 'share') query = query.forShare();
  const row: DynamicToolRow | undefined = await query.first();
  return row ? toTool(row) : undefined;
}

export async function insertTool(
  db: Db,
  tool: {
    name: string;
    description: string;
    status: ToolStatus;
    createdBy: string;
    decidedBy: string | null;
    at: Date;
  },
): Promise<ToolRow> {
  const [row] = await db('dynamic_tools')
    .insert({
      name: tool.name,
      description: tool.description,
      status: tool.status,
      current_version: 1,
      created_by: tool.createdBy,
      decided_by: tool.decidedBy,
      created_at: tool.at,
      updated_at: tool.at,
    })
    .returning('*');
  return toTool(row as DynamicToolRow);
}

export async function updateTool(
  db: Db,
  id: string,
  change: {
    status: ToolStatus;
    decidedBy: string | null;
    decisionReason: string | null;
    currentVersion?: number;
    description?: string;
    at: Date;
  },
): Promise<ToolRow> {
  const [row] = await db('dynamic_tools')
    .where({ id })
    .update({
      status: change.status,
      decided_by: change.decidedBy,
      decision_reason: change.decisionReason,
      ...(change.currentVersion === undefined ? {} : { current_version: change.currentVersion }),
      ...(change.description === undefined ? {} : { description: change.description }),
      updated_at: change.at,
    })
    .returning('*');
  return toTool(row as DynamicToolRow);
}

export async function listTools(
  db: Db,
  filter: { visibleToUserId?: string; status?: ToolStatus; limit: number; offset: number },
): Promise<ToolRow[]> {
  const query = db('dynamic_tools').orderBy('name', 'asc').limit(filter.limit).offset(filter.offset);
  if (filter.status) query.where({ status: filter.status });
  const userId = filter.visibleToUserId;
  if (userId !== undefined) {
    query.where((visible) => visible.where({ status: 'approved' }).orWhere({ created_by: userId }));
  }
  const rows: DynamicToolRow[] = await query;
  return rows.map(toTool);
}

export async function insertVersion(
  db: Db,
  version: {
    toolId: string;
    version: number;
    sha256: string;
    code: string;
    inputSchema: SupportedJsonSchema;
    declaredReads: string[];
    createdBy: string;
    at: Date;
  },
): Promise<ToolVersion> {
  const [row] = await db('tool_versions')
    .insert({
      tool_id: version.toolId,
      version: version.version,
      sha256: version.sha256,
      code: version.code,
      input_schema: JSON.stringify(version.inputSchema),
      declared_reads: JSON.stringify(version.declaredReads),
      created_by: version.createdBy,
      created_at: version.at,
    })
    .returning('*');
  return toVersion(row as ToolVersionRow);
}

export async function findVersion(db: Db, toolId: string, version: number): Promise<ToolVersion | undefined> {
  const row: ToolVersionRow | undefined = await db('tool_versions')
    .where({ tool_id: toolId, version })
    .first();
  return row ? toVersion(row) : undefined;
}

export async function findVersionBySha256(
  db: Db,
  toolId: string,
  sha256: string,
): Promise<ToolVersion | undefined> {
  const row: ToolVersionRow | undefined = await db('tool_versions')
    .where({ tool_id: toolId, sha256 })
    .first();
  return row ? toVersion(row) : undefined;
}

/** Newest first. */
export async function listVersions(db: Db, toolId: string): Promise<ToolVersion[]> {
  const rows: ToolVersionRow[] = await db('tool_versions')
    .where({ tool_id: toolId })
    .orderBy('version', 'desc');
  return rows.map(toVersion);
}

export async function insertRunningExecution(
  db: Db,
  execution: {
    toolId: string;
    version: number;
    userId: string;
    executor: 'local' | 'kubernetes';
    input: unknown;
    at: Date;
  },
): Promise<ToolExecutionRecord> {
  const [row] = await db('tool_executions')
    .insert({
      tool_id: execution.toolId,
      version: execution.version,
      user_id: execution.userId,
      status: 'running',
      executor: execution.executor,
      input: JSON.stringify(execution.input),
      created_at: execution.at,
    })
    .returning('*');
  return toExecution(row as ToolExecutionRow);
}

export async function finishExecution(
  db: Db,
  id: string,
  result: {
    status: Exclude<StoredExecutionStatus, 'running'>;
    output: unknown;
    error: { code: string; message: string } | null;
    durationMs: number;
    at: Date;
  },
): Promise<ToolExecutionRecord> {
  const [row] = await db('tool_executions')
    .where({ id })
    .update({
      status: result.status,
      output: result.output === undefined ? null : JSON.stringify(result.output),
      error: result.error ? `${result.error.code}: ${result.error.message}`.slice(0, MAX_ERROR_CHARS) : null,
      duration_ms: Math.max(0, Math.round(result.durationMs)),
      finished_at: result.at,
    })
    .returning('*');
  return toExecution(row as ToolExecutionRow);
}

/** Newest first; only the given user's when userId is set. */
export async function listExecutions(
  db: Db,
  filter: { toolId: string; userId?: string; limit: number; offset: number },
): Promise<ToolExecutionRecord[]> {
  const query = db('tool_executions')
    .where({ tool_id: filter.toolId })
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(filter.limit)
    .offset(filter.offset);
  if (filter.userId !== undefined) query.where({ user_id: filter.userId });
  const rows: ToolExecutionRow[] = await query;
  return rows.map(toExecution);
}
