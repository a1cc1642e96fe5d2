import { z } from 'zod';
import { IMAGE_BY_DIGEST_HINT, isImageByDigest } from './image-reference.js';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const namespaceName = z
  .string()
  .max(63, 'expected at most 63 characters')
  .regex(DNS_1123_LABEL, 'expected a namespace name: lowercase letters, digits and dashes');
const objectName = z
  .string()
  .max(253, 'expected at most 253 characters')
  .regex(DNS_1123_SUBDOMAIN, 'expected a Kubernetes object name: lowercase letters, digits, dashes and dots');

const port = z.coerce
  .number({ message: 'expected a port number' })
  .int('expected a whole number')
  .min(1, 'expected a port between 1 and 65535')
  .max(65535, 'expected a port between 1 and 65535');

function seconds(min: number) {
  return z.coerce
    .number({ message: 'expected a number of seconds' })
    .int('expected a whole number of seconds')
    .min(min, `expected at least ${min}`);
}

/** Every environment variable the operator reads. */
export const operatorConfigSchema = z
  .object({
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    WATCH_NAMESPACE: namespaceName
      .default('health-agent-tools')
      .describe('Namespace whose ToolExecutions the operator reconciles and where tool Jobs run.'),
    TOOL_RUNNER_IMAGE: z
      .string({ message: 'is required: the tool-runner image, pinned by digest' })
      .refine(isImageByDigest, { message: IMAGE_BY_DIGEST_HINT })
      .describe('Tool-runner image by digest (repository@sha256:...). Tags are refused.'),
    TOOL_JOB_TTL_SECONDS: seconds(0)
      .default(300)
      .describe('How long a finished tool Job (and its pod and logs) stays before Kubernetes removes it.'),
    TOOL_JOB_DEADLINE_GRACE_SECONDS: seconds(0)
      .default(15)
      .describe('Added to the tool timeout to give the Job its activeDeadlineSeconds (pod start-up time).'),
    TOOL_RUNTIME_CLASS: objectName
      .optional()
      .describe('RuntimeClass for tool pods, e.g. gvisor; unset uses the cluster default runtime.'),
    METRICS_PORT: port.default(9090).describe('Port of /metrics, /healthz and /readyz.'),
    RESYNC_PERIOD_SECONDS: seconds(10).default(300).describe('Period of the full resync of every informer.'),
    LEADER_ELECTION_NAMESPACE: namespaceName
      .default('health-agent')
      .describe("Namespace of the leader-election Lease (the operator's own)."),
    LEADER_ELECTION_LEASE_NAME: objectName
      .default('health-agent-operator')
      .describe('Name of the Lease replicas compete for; only the holder reconciles.'),
    LEADER_ELECTION_LEASE_DURATION_SECONDS: seconds(1)
      .default(15)
      .describe('How long a Lease stays valid without renewal.'),
    LEADER_ELECTION_RENEW_DEADLINE_SECONDS: seconds(1)
      .default(10)
      .describe('How long the leader keeps trying to renew before it steps down.'),
    LEADER_ELECTION_RETRY_PERIOD_SECONDS: seconds(1)
      .default(2)
      .describe('Pause between attempts to acquire or renew the Lease.'),
    POD_NAME: z
      .string()
      .min(1)
      .optional()
      .describe('Leader-election identity; set from the downward API (metadata.name).'),
  })
  .superRefine((config, context) => {
    // Same ordering client-go enforces: otherwise two replicas can both believe they lead.
    if (config.LEADER_ELECTION_RENEW_DEADLINE_SECONDS >= config.LEADER_ELECTION_LEASE_DURATION_SECONDS) {
      context.addIssue({
        code: 'custom',
        path: ['LEADER_ELECTION_RENEW_DEADLINE_SECONDS'],
        message: 'expected less than LEADER_ELECTION_LEASE_DURATION_SECONDS',
      });
    }
    if (config.LEADER_ELECTION_RETRY_PERIOD_SECONDS >= config.LEADER_ELECTION_RENEW_DEADLINE_SECONDS) {
      context.addIssue({
        code: 'custom',
        path: ['LEADER_ELECTION_RETRY_PERIOD_SECONDS'],
        message: 'expected less than LEADER_ELECTION_RENEW_DEADLINE_SECONDS',
      });
    }
  });

export type OperatorConfig = z.infer<typeof operatorConfigSchema>;

export class OperatorConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid operator configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'OperatorConfigError';
  }
}

function describeIssue(issue: z.core.$ZodIssue, env: Record<string, string | undefined>): string {
  const variable = String(issue.path[0] ?? '(unknown)');
  const raw = env[variable];
  const got = raw === undefined || raw.trim() === '' ? 'it is not set' : `got ${JSON.stringify(raw)}`;
  return `${variable}: ${issue.message} (${got})`;
}

/** Parses the operator's environment once at start; empty values count as unset. */
export function loadOperatorConfig(env: Record<string, string | undefined>): OperatorConfig {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(operatorConfigSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') cleaned[key] = value.trim();
  }
  const result = operatorConfigSchema.safeParse(cleaned);
  if (!result.success) {
    throw new OperatorConfigError(result.error.issues.map((issue) => describeIssue(issue, env)));
  }
  return result.data;
}
