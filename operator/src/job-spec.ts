import type { V1Container, V1Job, V1ObjectMeta, V1PodSpec } from '@kubernetes/client-node';
import { IMAGE_BY_DIGEST_HINT, isImageByDigest } from './image-reference.js';
import { toolJobName } from './job-name.js';
import {
  TOOL_EXECUTION_API_VERSION,
  TOOL_EXECUTION_KIND,
  TOOL_EXECUTION_LIMIT_BOUNDS,
  TOOL_REQUEST_CONFIG_MAP_KEY,
  type ToolExecution,
  type ToolExecutionLimits,
} from './tool-execution-types.js';
import { ToolJobSpecError } from './tool-job-spec-error.js';

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'health-agent-operator';
export const EXECUTION_LABEL = 'tools.health-agent.io/execution';
export const EXECUTION_UID_LABEL = 'tools.health-agent.io/execution-uid';

/** The non-root user and group of the distroless/chainguard "nonroot" convention. */
export const TOOL_RUNNER_UID = 65532;
export const TOOL_RUNNER_CONTAINER_NAME = 'tool-runner';
export const REQUEST_MOUNT_PATH = '/request';
export const TOOL_RUNNER_COMMAND = [
  'node',
  '/app/dist/main.js',
  `${REQUEST_MOUNT_PATH}/${TOOL_REQUEST_CONFIG_MAP_KEY}`,
];

export const TOOL_JOB_DEFAULTS = {
  /** activeDeadlineSeconds also counts scheduling and container start, not only the tool's own run. */
  deadlineGraceSeconds: 15,
  /** Node.js and the QuickJS module need memory of their own beside the tool's heap (limits.memoryMb). */
  runtimeMemoryHeadroomMb: 96,
  tmpSizeLimitMb: 16,
  /** Room for the runtime's own log lines on top of /tmp and the result written to stdout. */
  logHeadroomMb: 16,
  terminationGracePeriodSeconds: 5,
} as const;

export interface ToolJobOptions {
  /** The tool-runner image, pinned by digest. */
  image: string;
  /** Namespace of the Job; must be the ToolExecution's own (owner references cannot cross namespaces). */
  namespace: string;
  ttlSecondsAfterFinished: number;
  /** e.g. `gvisor` to run the pod under a sandboxed kernel. */
  runtimeClassName?: string;
  deadlineGraceSeconds?: number;
  runtimeMemoryHeadroomMb?: number;
  tmpSizeLimitMb?: number;
}

const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE_MAX = 63;

function requireText(value: string | undefined, field: string): string {
  if (value === undefined || value === '') throw new ToolJobSpecError(`${field} is required`, field);
  return value;
}

function requireWholeNumber(
  value: number,
  field: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ToolJobSpecError(
      `${field} must be a whole number between ${min} and ${max}, got ${value}`,
      field,
    );
  }
  return value;
}

function checkLimits(limits: ToolExecutionLimits): void {
  for (const key of Object.keys(TOOL_EXECUTION_LIMIT_BOUNDS) as (keyof ToolExecutionLimits)[]) {
    const bounds = TOOL_EXECUTION_LIMIT_BOUNDS[key];
    requireWholeNumber(limits[key], `spec.limits.${key}`, bounds.min, bounds.max);
  }
}

/** Label values are capped at 63 characters; the uid label, always valid, is what selects exactly. */
export function executionLabelValue(name: string): string {
  return name.slice(0, LABEL_VALUE_MAX).replace(/[^A-Za-z0-9]+$/, '');
}

/** Seconds the Job may run: the tool's timeout rounded up to a whole second, plus the start-up grace. */
export function activeDeadlineSeconds(timeoutMs: number, graceSeconds: number): number {
  return Math.ceil(timeoutMs / 1000) + graceSeconds;
}

const MIB = 1024 * 1024;

/**
 * A Job that runs one ToolExecution in the tool-runner image, locked down beyond the Pod Security
 * Standards "restricted" profile: no root, no privilege escalation, no capabilities, no writable root
 * filesystem, no service-account token, no service links, fixed resources (requests = limits), a hard
 * deadline and no retries (a tool call is not idempotent from the user's point of view).
 */
export function buildToolJob(execution: ToolExecution, options: ToolJobOptions): V1Job {
  const name = requireText(execution.metadata.name, 'metadata.name');
  const namespace = requireText(execution.metadata.namespace, 'metadata.namespace');
  const uid = requireText(execution.metadata.uid, 'metadata.uid');
  const generation = execution.metadata.generation ?? 0;
  const { tool, configMapRef, limits } = execution.spec;
  const configMapName = requireText(configMapRef.name, 'spec.configMapRef.name');
  checkLimits(limits);

  if (!isImageByDigest(options.image)) {
    throw new ToolJobSpecError(`image "${options.image}" refused: ${IMAGE_BY_DIGEST_HINT}`, 'image');
  }
  if (options.namespace !== namespace) {
    throw new ToolJobSpecError(
      `the Job must live in the ToolExecution's namespace "${namespace}", not "${options.namespace}": owner references cannot cross namespaces`,
      'namespace',
    );
  }
  if (options.runtimeClassName !== undefined && !DNS_1123_SUBDOMAIN.test(options.runtimeClassName)) {
    throw new ToolJobSpecError(
      `runtimeClassName "${options.runtimeClassName}" is not a valid DNS-1123 subdomain`,
      'runtimeClassName',
    );
  }
  const ttl = requireWholeNumber(options.ttlSecondsAfterFinished, 'ttlSecondsAfterFinished', 0);
  const grace = requireWholeNumber(
    options.deadlineGraceSeconds ?? TOOL_JOB_DEFAULTS.deadlineGraceSeconds,
    'deadlineGraceSeconds',
    0,
  );
  const headroomMb = requireWholeNumber(
    options.runtimeMemoryHeadroomMb ?? TOOL_JOB_DEFAULTS.runtimeMemoryHeadroomMb,
    'runtimeMemoryHeadroomMb',
    0,
  );
  const tmpMb = requireWholeNumber(
    options.tmpSizeLimitMb ?? TOOL_JOB_DEFAULTS.tmpSizeLimitMb,
    'tmpSizeLimitMb',
    1,
  );

  const jobName = toolJobName({ namespace, name, uid, generation });
  const labels = {
    'app.kubernetes.io/name': 'tool-runner',
    'app.kubernetes.io/part-of': 'health-agent',
    [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
    [EXECUTION_LABEL]: executionLabelValue(name),
    [EXECUTION_UID_LABEL]: uid,
  };
  const annotations = {
    'tools.health-agent.io/execution-name': name,
    'tools.health-agent.io/tool-name': tool.name,
    'tools.health-agent.io/tool-version': tool.version,
    'tools.health-agent.io/tool-sha256': tool.sha256,
  };
  // The result goes to stdout, and container logs count against ephemeral-storage like /tmp does.
  const outputMb = Math.ceil(limits.maxOutputBytes / MIB);
  const ephemeralStorageMb = tmpMb + 2 * outputMb + TOOL_JOB_DEFAULTS.logHeadroomMb;
  const resources = {
    cpu: `${limits.cpuMillis}m`,
    memory: `${limits.memoryMb + headroomMb}Mi`,
    'ephemeral-storage': `${ephemeralStorageMb}Mi`,
  };

  const container: V1Container = {
    name: TOOL_RUNNER_CONTAINER_NAME,
    image: options.image,
    imagePullPolicy: 'IfNotPresent',
    command: [...TOOL_RUNNER_COMMAND],
    resources: { requests: { ...resources }, limits: { ...resources } },
    securityContext: {
      runAsNonRoot: true,
      runAsUser: TOOL_RUNNER_UID,
      runAsGroup: TOOL_RUNNER_UID,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
    volumeMounts: [
      { name: 'request', mountPath: REQUEST_MOUNT_PATH, readOnly: true },
      { name: 'tmp', mountPath: '/tmp' },
    ],
    terminationMessagePolicy: 'FallbackToLogsOnError',
    stdin: false,
    tty: false,
  };

  const podSpec: V1PodSpec = {
    restartPolicy: 'Never',
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    hostNetwork: false,
    hostPID: false,
    hostIPC: false,
    shareProcessNamespace: false,
    terminationGracePeriodSeconds: TOOL_JOB_DEFAULTS.terminationGracePeriodSeconds,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: TOOL_RUNNER_UID,
      runAsGroup: TOOL_RUNNER_UID,
      fsGroup: TOOL_RUNNER_UID,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    containers: [container],
    volumes: [
      {
        name: 'request',
        configMap: {
          name: configMapName,
          items: [{ key: TOOL_REQUEST_CONFIG_MAP_KEY, path: TOOL_REQUEST_CONFIG_MAP_KEY }],
          defaultMode: 0o444,
          optional: false,
        },
      },
      { name: 'tmp', emptyDir: { sizeLimit: `${tmpMb}Mi` } },
    ],
  };
  if (options.runtimeClassName !== undefined) podSpec.runtimeClassName = options.runtimeClassName;

  const metadata: V1ObjectMeta = {
    name: jobName,
    namespace,
    labels,
    annotations,
    ownerReferences: [
      {
        apiVersion: TOOL_EXECUTION_API_VERSION,
        kind: TOOL_EXECUTION_KIND,
        name,
        uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
  };

  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata,
    spec: {
      backoffLimit: 0,
      completions: 1,
      parallelism: 1,
      activeDeadlineSeconds: activeDeadlineSeconds(limits.timeoutMs, grace),
      ttlSecondsAfterFinished: ttl,
      template: {
        metadata: { labels: { ...labels }, annotations: { ...annotations } },
        spec: podSpec,
      },
    },
  };
}
