import { z } from 'zod';
import { toolStatuses } from './tool-types.js';

/** Lower-case ASCII, as the database also insists: a name is an identifier the LLM calls. */
export const TOOL_NAME_PATTERN = /^[a-z][a-z0-9_]{1,63}$/;

export const toolNameSchema = z
  .string()
  .regex(
    TOOL_NAME_PATTERN,
    'must be 2 to 64 characters: a lower-case letter, then lower-case letters, digits or underscores',
  );

const descriptionSchema = z.string().trim().min(1).max(1000);
const codeSchema = z.string().min(1, 'must not be empty');
const declaredReadsSchema = z.array(z.unknown()).default([]);

export const newToolSchema = z.object({
  name: toolNameSchema,
  description: descriptionSchema,
  code: codeSchema,
  inputSchema: z.unknown(),
  declaredReads: declaredReadsSchema,
});

export const newToolVersionSchema = z.object({
  code: codeSchema,
  inputSchema: z.unknown(),
  declaredReads: declaredReadsSchema,
  description: descriptionSchema.optional(),
});

const reasonSchema = z.string().trim().min(1).max(1000);

export const approvalSchema = z.object({
  /** The sha256 the admin reviewed: approval fails if the current version is another one. */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hexadecimal characters')
    .optional(),
  reason: reasonSchema.optional(),
});

export const rejectionSchema = z.object({ reason: reasonSchema });

export const disableSchema = z.object({ reason: reasonSchema.optional() });

export const toolListQuerySchema = z.object({
  status: z.enum(toolStatuses).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).max(1_000_000).default(0),
});

export const pageQuerySchema = z.object({
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).max(1_000_000).default(0),
});
