import type { KeyScope } from '../access/access-types.js';
import type { ExecutionStatus } from './tool-executor.js';
import type { SupportedJsonSchema } from './tool-input-schema.js';

export const toolStatuses = ['pending', 'approved', 'rejected', 'disabled'] as const;
export type ToolStatus = (typeof toolStatuses)[number];

/** Who asks the tool service for something; admins decide, everyone else is a user. */
export interface ToolActor {
  userId: string;
  scope: KeyScope;
  /** Set when the LLM agent acts for the user, so the audit trail names the agent as the actor. */
  viaAgent?: boolean;
}

/** One immutable, content-addressed version of a tool's code and contract. */
export interface ToolVersion {
  version: number;
  sha256: string;
  code: string;
  inputSchema: SupportedJsonSchema;
  declaredReads: string[];
  createdBy: string | null;
  createdAt: Date;
}

export interface Tool {
  id: string;
  name: string;
  description: string;
  status: ToolStatus;
  currentVersion: number;
  /** Hidden (null) from users other than the creator; admins always see it. */
  createdBy: string | null;
  decidedBy: string | null;
  decisionReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ToolWithVersion extends Tool {
  /** The current version: the one approval applies to and executions run. */
  version: ToolVersion;
}

export type StoredExecutionStatus = ExecutionStatus | 'running';

export interface ToolExecutionRecord {
  id: string;
  toolId: string;
  version: number;
  userId: string;
  status: StoredExecutionStatus;
  executor: 'local' | 'kubernetes';
  input: unknown;
  output: unknown;
  error: { code: string; message: string } | null;
  durationMs: number | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** What execute() returns: the stored record plus the tool's captured console output. */
export interface ToolExecutionOutcome extends ToolExecutionRecord {
  logs: string[];
}

export interface NewToolInput {
  name: string;
  description: string;
  code: string;
  inputSchema: unknown;
  declaredReads?: string[];
}

export interface NewToolVersionInput {
  code: string;
  inputSchema: unknown;
  declaredReads?: string[];
  /** Replaces the tool's description when given. */
  description?: string;
}

export interface ToolListQuery {
  /** Admins only; users always get approved tools plus their own. */
  status?: ToolStatus;
  limit?: number;
  offset?: number;
}

export interface PageQuery {
  limit?: number;
  offset?: number;
}

export interface ToolLimits {
  timeoutMs: number;
  memoryMb: number;
  maxOutputBytes: number;
}
