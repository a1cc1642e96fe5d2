import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { V1PodSpec } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { MAX_JOB_NAME_LENGTH } from './job-name.js';
import { buildToolJob } from './job-spec.js';
import { restrictedProfileViolations } from './pod-security-restricted.js';
import { type StructuralSchema, schemaViolations } from './testing/structural-schema.js';
import { aToolExecution, toolJobOptions } from './testing/tool-execution-fixture.js';
import {
  type ConfigMapReference,
  MAX_STATUS_ERROR_CODE_CHARS,
  MAX_STATUS_ERROR_MESSAGE_CHARS,
  MAX_STATUS_RESULT_CHARS,
  TOOL_EXECUTION_GROUP,
  TOOL_EXECUTION_KIND,
  TOOL_EXECUTION_LIMIT_BOUNDS,
  TOOL_EXECUTION_PHASES,
  TOOL_EXECUTION_PLURAL,
  TOOL_EXECUTION_VERSION,
  type ToolExecutionCondition,
  type ToolExecutionError,
  type ToolExecutionLimits,
  type ToolExecutionSpec,
  type ToolExecutionStatus,
  type ToolReference,
} from './tool-execution-types.js';

// Reads the repository's YAML (no network): jest runs from the repository root.
const root = process.cwd();
const k8sDir = join(root, 'k8s');
const chartDir = join(root, 'charts', 'health-agent');

type Json = Record<string, unknown>;

function asRecord(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${what} is not a map`);
  return value as Json;
}

function asList(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${what} is not a list`);
  return value;
}

function get(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Json)[key];
  }
  return current;
}

interface Manifest {
  file: string;
  object: Json;
}

function parseYamlFile(path: string): Json[] {
  const documents = parseAllDocuments(readFileSync(path, 'utf8'));
  if (!Array.isArray(documents)) return [];
  return documents.map((document, index) => {
    if (document.errors.length > 0)
      throw new Error(`${path} document ${index}: ${document.errors[0]?.message}`);
    return asRecord(document.toJS(), `${path} document ${index}`);
  });
}

function loadManifests(): Manifest[] {
  const files = readdirSync(k8sDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.ya?ml$/.test(file))
    .sort();
  return files.flatMap((file) => parseYamlFile(join(k8sDir, file)).map((object) => ({ file, object })));
}

const manifests = loadManifests();

function objectsOfKind(kind: string): Json[] {
  return manifests.filter((manifest) => manifest.object.kind === kind).map((manifest) => manifest.object);
}

function onlyObject(kind: string): Json {
  const objects = objectsOfKind(kind);
  if (objects.length !== 1) throw new Error(`expected one ${kind}, found ${objects.length}`);
  return objects[0]!;
}

/** Binary quantities and millicores, the only forms these manifests use. */
function quantity(value: unknown): number {
  const match = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi)?$/.exec(String(value));
  if (!match) throw new Error(`unsupported quantity ${String(value)}`);
  const factor = { m: 0.001, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 }[match[2] ?? ''] ?? 1;
  return Number(match[1]) * factor;
}

/** For each field of T, whether it is required: the literals below fail to compile when the types change. */
type Requiredness<T> = { [K in keyof T]-?: Record<never, never> extends Pick<T, K> ? false : true };

const specFields: Requiredness<ToolExecutionSpec> = { tool: true, configMapRef: true, limits: true };
const toolFields: Requiredness<ToolReference> = { name: true, version: true, sha256: true };
const configMapFields: Requiredness<ConfigMapReference> = { name: true };
const limitFields: Requiredness<ToolExecutionLimits> = {
  timeoutMs: true,
  memoryMb: true,
  cpuMillis: true,
  maxOutputBytes: true,
};
const statusFields: Requiredness<ToolExecutionStatus> = {
  phase: false,
  jobName: false,
  startedAt: false,
  finishedAt: false,
  result: false,
  resultTruncated: false,
  error: false,
  conditions: false,
  observedGeneration: false,
};
const errorFields: Requiredness<ToolExecutionError> = { code: true, message: true };
const conditionFields: Requiredness<ToolExecutionCondition> = {
  type: true,
  status: true,
  reason: true,
  message: true,
  lastTransitionTime: true,
  observedGeneration: false,
};

describe('k8s manifests', () => {
  it('when every YAML file under k8s/ is parsed, then each document is a named Kubernetes object', () => {
    expect(manifests.length).toBeGreaterThanOrEqual(9);
    for (const { file, object } of manifests) {
      expect([file, typeof object.apiVersion, typeof object.kind]).toEqual([file, 'string', 'string']);
      expect([file, typeof get(object, 'metadata.name')]).toEqual([file, 'string']);
    }
  });

  describe('ToolExecution CRD', () => {
    const crd = onlyObject('CustomResourceDefinition');
    const versions = asList(get(crd, 'spec.versions'), 'spec.versions');
    const version = asRecord(versions[0], 'spec.versions[0]');
    const schema = asRecord(get(version, 'schema.openAPIV3Schema'), 'openAPIV3Schema') as StructuralSchema;
    const specSchema = schema.properties?.spec as StructuralSchema;
    const statusSchema = schema.properties?.status as StructuralSchema;

    it('when read, then it defines the namespaced group, kind and single served storage version', () => {
      expect(get(crd, 'metadata.name')).toBe(`${TOOL_EXECUTION_PLURAL}.${TOOL_EXECUTION_GROUP}`);
      expect(get(crd, 'spec.group')).toBe(TOOL_EXECUTION_GROUP);
      expect(get(crd, 'spec.scope')).toBe('Namespaced');
      expect(get(crd, 'spec.names.kind')).toBe(TOOL_EXECUTION_KIND);
      expect(get(crd, 'spec.names.plural')).toBe(TOOL_EXECUTION_PLURAL);
      expect(versions).toHaveLength(1);
      expect(version).toMatchObject({ name: TOOL_EXECUTION_VERSION, served: true, storage: true });
      expect(version.subresources).toEqual({ status: {} });
    });

    it('when read, then kubectl shows phase, tool and age', () => {
      const columns = asList(version.additionalPrinterColumns, 'additionalPrinterColumns');
      expect(columns).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'Phase', jsonPath: '.status.phase' }),
          expect.objectContaining({ name: 'Tool', jsonPath: '.spec.tool.name' }),
          expect.objectContaining({ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }),
        ]),
      );
    });

    it.each([
      ['spec', () => specSchema, specFields],
      ['spec.tool', () => specSchema.properties?.tool, toolFields],
      ['spec.configMapRef', () => specSchema.properties?.configMapRef, configMapFields],
      ['spec.limits', () => specSchema.properties?.limits, limitFields],
      ['status', () => statusSchema, statusFields],
      ['status.error', () => statusSchema.properties?.error, errorFields],
      ['status.conditions[]', () => statusSchema.properties?.conditions?.items, conditionFields],
    ])(
      'when %s is compared with the TypeScript type, then fields and required fields match',
      (_path, pick, fields) => {
        const part = pick() as StructuralSchema;
        expect(Object.keys(part.properties ?? {}).sort()).toEqual(Object.keys(fields).sort());
        const required = Object.entries(fields)
          .filter(([, isRequired]) => isRequired)
          .map(([key]) => key);
        expect([...(part.required ?? [])].sort()).toEqual(required.sort());
      },
    );

    it('when read, then the top level requires spec, and spec is immutable', () => {
      expect(schema.required).toEqual(['spec']);
      expect(get(specSchema, 'x-kubernetes-validations')).toEqual([
        expect.objectContaining({ rule: 'self == oldSelf' }),
      ]);
    });

    it('when read, then sha256 must be 64 lowercase hex characters', () => {
      expect(specSchema.properties?.tool?.properties?.sha256?.pattern).toBe('^[0-9a-f]{64}$');
    });

    it('when read, then the limit bounds equal the operator constants', () => {
      for (const [key, bounds] of Object.entries(TOOL_EXECUTION_LIMIT_BOUNDS)) {
        const limit = specSchema.properties?.limits?.properties?.[key];
        expect([key, limit?.type, limit?.minimum, limit?.maximum]).toEqual([
          key,
          'integer',
          bounds.min,
          bounds.max,
        ]);
      }
    });

    it('when read, then status values are capped like the operator caps them', () => {
      expect(statusSchema.properties?.phase?.enum).toEqual([...TOOL_EXECUTION_PHASES]);
      expect(statusSchema.properties?.jobName?.maxLength).toBe(MAX_JOB_NAME_LENGTH);
      expect(statusSchema.properties?.result?.maxLength).toBe(MAX_STATUS_RESULT_CHARS);
      expect(statusSchema.properties?.error?.properties?.code?.maxLength).toBe(MAX_STATUS_ERROR_CODE_CHARS);
      expect(statusSchema.properties?.error?.properties?.message?.maxLength).toBe(
        MAX_STATUS_ERROR_MESSAGE_CHARS,
      );
    });

    const status: ToolExecutionStatus = {
      phase: 'Failed',
      jobName: 'te-calorie-trend-0123456789',
      startedAt: '2025-01-01T00:00:00Z',
      finishedAt: '2025-01-01T00:00:02Z',
      result: '{"status":"failed"}',
      resultTruncated: false,
      error: { code: 'TOOL_ERROR', message: 'boom' },
      conditions: [
        { type: 'Complete', status: 'True', reason: 'JobFailed', message: 'x', lastTransitionTime: 'now' },
      ],
      observedGeneration: 1,
    };

    it('when a ToolExecution built from the TypeScript types is validated, then the schema accepts it', () => {
      expect(schemaViolations(schema, { ...aToolExecution(), metadata: {}, status })).toEqual([]);
    });

    it.each([
      [
        'an uppercase sha256',
        { tool: { name: 't', version: '1', sha256: 'AB'.repeat(32) } },
        'spec.tool.sha256',
      ],
      [
        'a zero timeout',
        { limits: { timeoutMs: 0, memoryMb: 32, cpuMillis: 100, maxOutputBytes: 100 } },
        'timeoutMs',
      ],
      [
        'too much memory',
        { limits: { timeoutMs: 1, memoryMb: 513, cpuMillis: 100, maxOutputBytes: 100 } },
        'memoryMb',
      ],
      [
        'a missing limit',
        { limits: { timeoutMs: 1, memoryMb: 32, maxOutputBytes: 100 } },
        'cpuMillis: required',
      ],
      ['an invalid ConfigMap name', { configMapRef: { name: 'Not_Valid' } }, 'spec.configMapRef.name'],
    ])('when the spec has %s, then the schema refuses it', (_case, change, expected) => {
      const execution = aToolExecution();
      const problems = schemaViolations(schema, {
        ...execution,
        metadata: {},
        spec: { ...execution.spec, ...change },
      });
      expect(problems).toEqual([expect.stringContaining(expected)]);
    });
  });

  describe('tools namespace', () => {
    const namespace = objectsOfKind('Namespace').find(
      (object) => get(object, 'metadata.name') === 'health-agent-tools',
    );

    it('when read, then Pod Security Admission enforces, audits and warns on restricted', () => {
      expect(get(namespace, 'metadata.labels')).toMatchObject({
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/warn': 'restricted',
      });
    });

    it('when the namespaced policies are read, then they all live in the tools namespace', () => {
      for (const kind of ['NetworkPolicy', 'ResourceQuota', 'LimitRange']) {
        expect([kind, get(onlyObject(kind), 'metadata.namespace')]).toEqual([kind, 'health-agent-tools']);
      }
    });

    it('when the NetworkPolicy is read, then it selects every pod and denies ingress and egress', () => {
      const policy = onlyObject('NetworkPolicy');
      expect(get(policy, 'spec.podSelector')).toEqual({});
      expect([...asList(get(policy, 'spec.policyTypes'), 'policyTypes')].sort()).toEqual([
        'Egress',
        'Ingress',
      ]);
      expect(get(policy, 'spec.ingress') ?? []).toEqual([]);
      expect(get(policy, 'spec.egress') ?? []).toEqual([]);
    });

    it('when the ResourceQuota is read, then it caps compute and forbids Secrets, Services and volumes', () => {
      const hard = asRecord(get(onlyObject('ResourceQuota'), 'spec.hard'), 'spec.hard');
      for (const key of [
        'pods',
        'requests.cpu',
        'limits.memory',
        'limits.ephemeral-storage',
        'count/jobs.batch',
      ]) {
        expect([key, hard[key] !== undefined]).toEqual([key, true]);
      }
      expect(hard[`count/${TOOL_EXECUTION_PLURAL}.${TOOL_EXECUTION_GROUP}`]).toBeDefined();
      for (const key of ['secrets', 'services', 'persistentvolumeclaims'])
        expect([key, hard[key]]).toEqual([key, '0']);
    });

    it('when the LimitRange is read, then requests must equal limits and defaults cover what the quota counts', () => {
      const limits = asList(get(onlyObject('LimitRange'), 'spec.limits'), 'spec.limits');
      const container = asRecord(
        limits.find((limit) => get(limit, 'type') === 'Container'),
        'Container limits',
      );
      expect(container.maxLimitRequestRatio).toEqual({ cpu: '1', memory: '1', 'ephemeral-storage': '1' });
      for (const resource of ['cpu', 'memory', 'ephemeral-storage']) {
        expect([resource, get(container, `default.${resource}`)]).toEqual([
          resource,
          get(container, `defaultRequest.${resource}`),
        ]);
      }
    });

    it.each([
      ['smallest', { timeoutMs: 1, memoryMb: 4, cpuMillis: 10, maxOutputBytes: 16 }],
      ['largest', { timeoutMs: 60_000, memoryMb: 512, cpuMillis: 2_000, maxOutputBytes: 16 * 1024 * 1024 }],
    ])('when the %s allowed tool Job is built, then its resources fit the LimitRange', (_case, limits) => {
      const job = buildToolJob(aToolExecution({ limits }), toolJobOptions());
      const resources = asRecord(
        get(job.spec?.template.spec?.containers[0], 'resources.limits'),
        'resources',
      );
      const range = asList(get(onlyObject('LimitRange'), 'spec.limits'), 'spec.limits');
      const container = range.find((limit) => get(limit, 'type') === 'Container');
      for (const [resource, value] of Object.entries(resources)) {
        expect([resource, quantity(value) <= quantity(get(container, `max.${resource}`))]).toEqual([
          resource,
          true,
        ]);
        expect([resource, quantity(value) >= quantity(get(container, `min.${resource}`))]).toEqual([
          resource,
          true,
        ]);
      }
    });

    it('when a tool Job is built for the namespace, then its pod passes the restricted profile', () => {
      const job = buildToolJob(aToolExecution(), toolJobOptions({ runtimeClassName: 'gvisor' }));
      expect(job.metadata?.namespace).toBe(get(namespace, 'metadata.name'));
      expect(restrictedProfileViolations(job.spec?.template.spec as V1PodSpec)).toEqual([]);
    });
  });

  describe('operator RBAC', () => {
    const roles = [...objectsOfKind('Role'), ...objectsOfKind('ClusterRole')];
    const rules = roles.flatMap((role) =>
      asList(role.rules, 'rules').map((rule) => ({
        namespace: get(role, 'metadata.namespace'),
        rule: asRecord(rule, 'rule'),
      })),
    );

    it('when read, then it uses namespaced Roles only', () => {
      expect(objectsOfKind('ClusterRole')).toEqual([]);
      expect(objectsOfKind('ClusterRoleBinding')).toEqual([]);
      expect(roles.length).toBeGreaterThan(0);
    });

    it('when read, then no rule uses a wildcard, touches Secrets or can escalate', () => {
      for (const { rule } of rules) {
        const words = [
          ...asList(rule.apiGroups, 'apiGroups'),
          ...asList(rule.resources, 'resources'),
          ...asList(rule.verbs, 'verbs'),
        ];
        expect(words).not.toContain('*');
        expect(rule.resources).not.toContain('secrets');
        for (const verb of ['escalate', 'bind', 'impersonate', 'deletecollection'])
          expect(rule.verbs).not.toContain(verb);
      }
    });

    it('when read, then the grants are exactly what the operator needs', () => {
      const grants: Record<string, string[]> = {};
      for (const { namespace, rule } of rules) {
        for (const group of asList(rule.apiGroups, 'apiGroups')) {
          for (const resource of asList(rule.resources, 'resources')) {
            const key = `${String(namespace)} ${String(group) || 'core'}/${String(resource)}`;
            grants[key] = [...(grants[key] ?? []), ...asList(rule.verbs, 'verbs').map(String)].sort();
          }
        }
      }
      expect(grants).toEqual({
        'health-agent-tools tools.health-agent.io/toolexecutions': ['get', 'list', 'watch'],
        'health-agent-tools tools.health-agent.io/toolexecutions/status': ['get', 'patch', 'update'],
        'health-agent-tools batch/jobs': ['create', 'delete', 'get', 'list', 'watch'],
        'health-agent-tools core/pods': ['get', 'list', 'watch'],
        'health-agent-tools core/pods/log': ['get'],
        'health-agent-tools core/configmaps': ['create', 'delete', 'get'],
        'health-agent-tools core/events': ['create', 'patch'],
        'health-agent-tools events.k8s.io/events': ['create', 'patch'],
        'health-agent coordination.k8s.io/leases': ['create', 'get', 'update'],
        'health-agent core/events': ['create', 'patch'],
        'health-agent events.k8s.io/events': ['create', 'patch'],
      });
    });

    it('when read, then every RoleBinding binds an existing Role to the operator ServiceAccount', () => {
      const serviceAccount = onlyObject('ServiceAccount');
      for (const binding of objectsOfKind('RoleBinding')) {
        const role = roles.find(
          (candidate) =>
            get(candidate, 'metadata.name') === get(binding, 'roleRef.name') &&
            get(candidate, 'metadata.namespace') === get(binding, 'metadata.namespace'),
        );
        expect(role).toBeDefined();
        expect(binding.subjects).toEqual([
          {
            kind: 'ServiceAccount',
            name: get(serviceAccount, 'metadata.name'),
            namespace: get(serviceAccount, 'metadata.namespace'),
          },
        ]);
      }
    });
  });
});

describe('Helm chart skeleton', () => {
  it('when Chart.yaml is read, then it is an apiVersion v2 application chart', () => {
    const [chart] = parseYamlFile(join(chartDir, 'Chart.yaml'));
    expect(chart).toMatchObject({ apiVersion: 'v2', name: 'health-agent', type: 'application' });
    expect(String(chart?.version)).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('when values.yaml is read, then every image is named by repository and digest, never by tag', () => {
    const [values] = parseYamlFile(join(chartDir, 'values.yaml'));
    const images: [string, Json][] = [];
    const visit = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return;
      for (const [key, child] of Object.entries(node)) {
        if (key === 'image') images.push([`${path}${key}`, asRecord(child, `${path}${key}`)]);
        else visit(child, `${path}${key}.`);
      }
    };
    visit(values, '');
    expect(images.map(([path]) => path)).toContain('api.image');
    for (const [path, image] of images) {
      expect([path, typeof image.repository, image.tag]).toEqual([path, 'string', undefined]);
      // Empty until a release fills it in: the image helper refuses to render without a digest.
      expect([path, image.digest]).toEqual([path, expect.stringMatching(/^(sha256:[0-9a-f]{64})?$/)]);
    }
    expect(get(values, 'secrets.existingSecret')).toBe('');
  });

  it('when the image helper is read, then it fails rendering unless the digest is a sha256', () => {
    const helpers = readFileSync(join(chartDir, 'templates', '_helpers.tpl'), 'utf8');
    expect(helpers).toContain('regexMatch "^sha256:[0-9a-f]{64}$" $digest');
    expect(helpers).toContain('printf "%s@%s" .image.repository $digest');
  });

  it('when the chart templates are listed, then the API Deployment, Service, ServiceAccount and ConfigMap exist', () => {
    expect(readdirSync(join(chartDir, 'templates')).sort()).toEqual([
      'NOTES.txt',
      '_helpers.tpl',
      'api-deployment.yaml',
      'api-service.yaml',
      'configmap.yaml',
      'serviceaccount.yaml',
    ]);
  });
});
