import type { V1Container, V1Job, V1PodSpec } from '@kubernetes/client-node';
import { isDns1123Label, toolJobName } from './job-name.js';
import { activeDeadlineSeconds, buildToolJob, executionLabelValue, TOOL_JOB_DEFAULTS } from './job-spec.js';
import {
  aToolExecution,
  TEST_IMAGE,
  TEST_NAMESPACE,
  toolJobOptions,
} from './testing/tool-execution-fixture.js';
import { ToolJobSpecError } from './tool-job-spec-error.js';

function podSpecOf(job: V1Job): V1PodSpec {
  const spec = job.spec?.template.spec;
  if (!spec) throw new Error('job has no pod spec');
  return spec;
}

function containerOf(job: V1Job): V1Container {
  const [container, ...others] = podSpecOf(job).containers;
  if (!container || others.length > 0) throw new Error('expected exactly one container');
  return container;
}

function buildError(run: () => unknown): ToolJobSpecError {
  try {
    run();
  } catch (error) {
    if (error instanceof ToolJobSpecError) return error;
    throw error;
  }
  throw new Error('expected a ToolJobSpecError');
}

describe('buildToolJob', () => {
  const execution = aToolExecution();
  const job = buildToolJob(execution, toolJobOptions());

  describe('identity', () => {
    it('when built, then the Job is named deterministically after the execution, in its namespace', () => {
      expect(job.apiVersion).toBe('batch/v1');
      expect(job.kind).toBe('Job');
      expect(job.metadata?.name).toBe(
        toolJobName({
          namespace: TEST_NAMESPACE,
          name: 'calorie-trend-7f3a',
          uid: '5f0c6f1e-9d1b-4f5e-8a55-0c1d2e3f4a5b',
          generation: 1,
        }),
      );
      expect(buildToolJob(aToolExecution(), toolJobOptions())).toEqual(job);
      expect(job.metadata?.namespace).toBe(TEST_NAMESPACE);
    });

    it('when built, then the ToolExecution is its controlling owner, so deleting it deletes the Job', () => {
      expect(job.metadata?.ownerReferences).toEqual([
        {
          apiVersion: 'tools.health-agent.io/v1alpha1',
          kind: 'ToolExecution',
          name: 'calorie-trend-7f3a',
          uid: '5f0c6f1e-9d1b-4f5e-8a55-0c1d2e3f4a5b',
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
    });

    it('when built, then the Job and its pod carry the operator and execution labels', () => {
      const expected = {
        'app.kubernetes.io/managed-by': 'health-agent-operator',
        'tools.health-agent.io/execution': 'calorie-trend-7f3a',
        'tools.health-agent.io/execution-uid': '5f0c6f1e-9d1b-4f5e-8a55-0c1d2e3f4a5b',
      };
      expect(job.metadata?.labels).toMatchObject(expected);
      expect(job.spec?.template.metadata?.labels).toMatchObject(expected);
    });

    it('when built, then the tool name, version and sha256 are recorded as annotations', () => {
      expect(job.metadata?.annotations).toMatchObject({
        'tools.health-agent.io/tool-name': 'calorie_trend',
        'tools.health-agent.io/tool-version': '3',
        'tools.health-agent.io/tool-sha256': 'cd'.repeat(32),
      });
    });

    it('when the execution name is longer than a label value may be, then the label is cut to a valid value', () => {
      const longName = `${'a'.repeat(62)}.b${'c'.repeat(100)}`;
      const longJob = buildToolJob(aToolExecution({ name: longName }), toolJobOptions());
      const label = longJob.metadata?.labels?.['tools.health-agent.io/execution'];
      expect(label).toBe('a'.repeat(62));
      expect(longJob.metadata?.annotations?.['tools.health-agent.io/execution-name']).toBe(longName);
      expect(isDns1123Label(longJob.metadata?.name ?? '')).toBe(true);
    });
  });

  describe('job behaviour', () => {
    it('when built, then it never retries, runs once and is removed after the TTL', () => {
      expect(job.spec?.backoffLimit).toBe(0);
      expect(job.spec?.completions).toBe(1);
      expect(job.spec?.parallelism).toBe(1);
      expect(job.spec?.ttlSecondsAfterFinished).toBe(300);
      expect(podSpecOf(job).restartPolicy).toBe('Never');
    });

    it('when the timeout is 2000 ms, then the deadline is 2 s plus the default grace', () => {
      expect(job.spec?.activeDeadlineSeconds).toBe(2 + TOOL_JOB_DEFAULTS.deadlineGraceSeconds);
    });

    it.each([
      [1, 0, 1],
      [999, 0, 1],
      [1000, 0, 1],
      [1001, 0, 2],
      [2500, 5, 8],
      [60_000, 15, 75],
    ])(
      'when timeoutMs is %d and grace %d, then activeDeadlineSeconds is %d',
      (timeoutMs, grace, expected) => {
        expect(activeDeadlineSeconds(timeoutMs, grace)).toBe(expected);
        const built = buildToolJob(
          aToolExecution({ limits: { timeoutMs } }),
          toolJobOptions({ deadlineGraceSeconds: grace }),
        );
        expect(built.spec?.activeDeadlineSeconds).toBe(expected);
      },
    );

    it('when built, then the runner is given the mounted request file as its argument', () => {
      expect(containerOf(job).command).toEqual(['node', '/app/dist/main.js', '/request/request.json']);
      expect(containerOf(job).image).toBe(TEST_IMAGE);
    });

    it('when built, then the ConfigMap is mounted read-only with only the request key', () => {
      expect(podSpecOf(job).volumes).toContainEqual({
        name: 'request',
        configMap: {
          name: 'calorie-trend-7f3a-request',
          items: [{ key: 'request.json', path: 'request.json' }],
          defaultMode: 0o444,
          optional: false,
        },
      });
      expect(containerOf(job).volumeMounts).toContainEqual({
        name: 'request',
        mountPath: '/request',
        readOnly: true,
      });
    });
  });

  describe('lockdown (Pod Security Standards "restricted" and beyond)', () => {
    const pod = podSpecOf(job);
    const container = containerOf(job);

    it('when built, then the pod runs as non-root user and group 65532', () => {
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      expect(pod.securityContext?.runAsUser).toBe(65532);
      expect(pod.securityContext?.runAsGroup).toBe(65532);
      expect(container.securityContext?.runAsNonRoot).toBe(true);
      expect(container.securityContext?.runAsUser).toBe(65532);
      expect(container.securityContext?.runAsGroup).toBe(65532);
    });

    it('when built, then the root filesystem is read-only', () => {
      expect(container.securityContext?.readOnlyRootFilesystem).toBe(true);
    });

    it('when built, then privilege escalation and privileged mode are off', () => {
      expect(container.securityContext?.allowPrivilegeEscalation).toBe(false);
      expect(container.securityContext?.privileged).toBe(false);
    });

    it('when built, then every capability is dropped and none added', () => {
      expect(container.securityContext?.capabilities).toEqual({ drop: ['ALL'] });
    });

    it('when built, then seccomp uses the RuntimeDefault profile on pod and container', () => {
      expect(pod.securityContext?.seccompProfile).toEqual({ type: 'RuntimeDefault' });
      expect(container.securityContext?.seccompProfile).toEqual({ type: 'RuntimeDefault' });
    });

    it('when built, then no service-account token is mounted and no service links are injected', () => {
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.enableServiceLinks).toBe(false);
    });

    it('when built, then the host namespaces are not shared', () => {
      expect(pod.hostNetwork).toBe(false);
      expect(pod.hostPID).toBe(false);
      expect(pod.hostIPC).toBe(false);
      expect(pod.shareProcessNamespace).toBe(false);
    });

    it('when built, then requests equal limits for cpu, memory with runtime headroom, and ephemeral storage', () => {
      // 64 KiB of output rounds up to 1 MiB, counted twice, plus /tmp and the log headroom.
      const expected = { cpu: '250m', memory: `${32 + 96}Mi`, 'ephemeral-storage': `${16 + 2 + 16}Mi` };
      expect(container.resources?.limits).toEqual(expected);
      expect(container.resources?.requests).toEqual(expected);
    });

    it('when the output limit is 16 MiB, then ephemeral storage grows to hold it on stdout', () => {
      const big = buildToolJob(
        aToolExecution({ limits: { maxOutputBytes: 16 * 1024 * 1024 } }),
        toolJobOptions(),
      );
      expect(containerOf(big).resources?.limits?.['ephemeral-storage']).toBe(`${16 + 32 + 16}Mi`);
    });

    it('when headroom and /tmp size are given, then memory and the emptyDir follow them', () => {
      const tuned = buildToolJob(
        aToolExecution(),
        toolJobOptions({ runtimeMemoryHeadroomMb: 64, tmpSizeLimitMb: 8 }),
      );
      expect(containerOf(tuned).resources?.limits?.memory).toBe('96Mi');
      expect(podSpecOf(tuned).volumes).toContainEqual({ name: 'tmp', emptyDir: { sizeLimit: '8Mi' } });
    });

    it('when built, then /tmp is a size-limited emptyDir, the only writable path', () => {
      expect(pod.volumes).toContainEqual({ name: 'tmp', emptyDir: { sizeLimit: '16Mi' } });
      expect(container.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
      const writable = (container.volumeMounts ?? []).filter((mount) => mount.readOnly !== true);
      expect(writable.map((mount) => mount.mountPath)).toEqual(['/tmp']);
    });

    it('when no runtime class is given, then none is set', () => {
      expect(pod.runtimeClassName).toBeUndefined();
    });

    it('when a runtime class is given, then the pod uses it', () => {
      const gvisor = buildToolJob(execution, toolJobOptions({ runtimeClassName: 'gvisor' }));
      expect(podSpecOf(gvisor).runtimeClassName).toBe('gvisor');
    });
  });

  describe('refusals', () => {
    it.each([
      ['a tag', 'ghcr.io/health-agent/tool-runner:1.0.0'],
      ['no tag or digest', 'ghcr.io/health-agent/tool-runner'],
      ['a malformed digest', 'ghcr.io/health-agent/tool-runner@sha256:abc'],
    ])('when the image has %s, then it is refused with a message asking for a digest', (_case, image) => {
      const error = buildError(() => buildToolJob(execution, toolJobOptions({ image })));
      expect(error.field).toBe('image');
      expect(error.message).toContain(image);
      expect(error.message).toContain('@sha256:<64 lowercase hex>');
    });

    it('when the Job namespace differs from the execution, then it is refused', () => {
      const error = buildError(() => buildToolJob(execution, toolJobOptions({ namespace: 'default' })));
      expect(error.field).toBe('namespace');
      expect(error.message).toMatch(/owner references cannot cross namespaces/);
    });

    it.each([
      ['metadata.name', aToolExecution({ name: '' })],
      ['metadata.namespace', aToolExecution({ namespace: '' })],
      ['metadata.uid', aToolExecution({ uid: '' })],
      ['spec.configMapRef.name', aToolExecution({ configMapName: '' })],
    ])('when %s is missing, then it is refused naming the field', (field, incomplete) => {
      const error = buildError(() => buildToolJob(incomplete, toolJobOptions({ namespace: TEST_NAMESPACE })));
      expect(error.field).toBe(field);
      expect(error.message).toBe(`${field} is required`);
    });

    it.each([
      ['timeoutMs', 0],
      ['timeoutMs', 60_001],
      ['memoryMb', 3],
      ['memoryMb', 513],
      ['cpuMillis', 2_001],
      ['maxOutputBytes', 15],
      ['memoryMb', 32.5],
      ['cpuMillis', Number.NaN],
    ])('when limits.%s is %p, then it is refused', (key, value) => {
      const error = buildError(() =>
        buildToolJob(aToolExecution({ limits: { [key]: value } }), toolJobOptions()),
      );
      expect(error.field).toBe(`spec.limits.${key}`);
    });

    it.each([
      ['runtimeClassName', { runtimeClassName: 'gVisor' }],
      ['ttlSecondsAfterFinished', { ttlSecondsAfterFinished: -1 }],
      ['deadlineGraceSeconds', { deadlineGraceSeconds: 1.5 }],
      ['tmpSizeLimitMb', { tmpSizeLimitMb: 0 }],
      ['runtimeMemoryHeadroomMb', { runtimeMemoryHeadroomMb: -5 }],
    ])('when the %s option is invalid, then it is refused', (field, options) => {
      expect(buildError(() => buildToolJob(execution, toolJobOptions(options))).field).toBe(field);
    });
  });
});

describe('executionLabelValue', () => {
  it('when the name fits, then it is used as is', () => {
    expect(executionLabelValue('calorie-trend')).toBe('calorie-trend');
  });

  it('when the cut would end on a dot or dash, then those are trimmed', () => {
    expect(executionLabelValue(`${'a'.repeat(61)}.-b`)).toBe('a'.repeat(61));
  });
});
