import type { V1PodSpec } from '@kubernetes/client-node';
import { buildToolJob } from './job-spec.js';
import { restrictedProfileViolations } from './pod-security-restricted.js';
import { aToolExecution, toolJobOptions } from './testing/tool-execution-fixture.js';

function toolPodSpec(): V1PodSpec {
  const spec = buildToolJob(aToolExecution(), toolJobOptions()).spec?.template.spec;
  if (!spec) throw new Error('job has no pod spec');
  return spec;
}

function withContainerContext(change: Record<string, unknown>): V1PodSpec {
  const spec = toolPodSpec();
  const [container] = spec.containers;
  if (!container) throw new Error('no container');
  container.securityContext = { ...container.securityContext, ...change };
  return spec;
}

describe('restrictedProfileViolations', () => {
  it('when given the tool Job pod, then it complies with the restricted profile', () => {
    expect(restrictedProfileViolations(toolPodSpec())).toEqual([]);
  });

  it('when a pod sets nothing at all, then every restricted requirement is reported', () => {
    const problems = restrictedProfileViolations({ containers: [{ name: 'app', image: 'x' }] });
    expect(problems).toEqual([
      'container app: allowPrivilegeEscalation must be false',
      'container app: capabilities must drop ALL',
      'container app: runAsNonRoot must be true (on the pod or the container)',
      'container app: seccompProfile must be set (on the pod or the container)',
    ]);
  });

  it.each([
    ['privileged', { privileged: true }, 'privileged must not be true'],
    ['escalation', { allowPrivilegeEscalation: true }, 'allowPrivilegeEscalation must be false'],
    ['root user', { runAsUser: 0 }, 'runAsUser must not be 0'],
    ['runAsNonRoot false', { runAsNonRoot: false }, 'runAsNonRoot must not be false'],
    [
      'unconfined seccomp',
      { seccompProfile: { type: 'Unconfined' } },
      'seccompProfile must be RuntimeDefault',
    ],
    ['added capability', { capabilities: { drop: ['ALL'], add: ['SYS_ADMIN'] } }, 'capability SYS_ADMIN'],
    ['kept capabilities', { capabilities: { drop: ['NET_RAW'] } }, 'capabilities must drop ALL'],
    ['unmasked proc', { procMount: 'Unmasked' }, 'procMount must be Default'],
    ['unconfined AppArmor', { appArmorProfile: { type: 'Unconfined' } }, 'AppArmor must not be Unconfined'],
    ['SELinux user', { seLinuxOptions: { user: 'system_u' } }, 'SELinux user and role must not be set'],
    ['SELinux type', { seLinuxOptions: { type: 'spc_t' } }, 'SELinux type spc_t is not allowed'],
    ['host process', { windowsOptions: { hostProcess: true } }, 'hostProcess must not be true'],
  ])('when a container asks for %s, then it is reported', (_case, change, message) => {
    const problems = restrictedProfileViolations(withContainerContext(change));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('container tool-runner: ');
    expect(problems[0]).toContain(message);
  });

  it('when NET_BIND_SERVICE is added, then it is allowed', () => {
    const spec = withContainerContext({ capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } });
    expect(restrictedProfileViolations(spec)).toEqual([]);
  });

  it('when the pod shares host namespaces or uses a hostPath, then each is reported', () => {
    const spec: V1PodSpec = {
      ...toolPodSpec(),
      hostNetwork: true,
      hostPID: true,
      hostIPC: true,
      volumes: [{ name: 'root', hostPath: { path: '/' } }],
    };
    expect(restrictedProfileViolations(spec)).toEqual([
      'pod: hostNetwork must not be true',
      'pod: hostPID must not be true',
      'pod: hostIPC must not be true',
      'volume root: type hostPath is not allowed',
    ]);
  });

  it('when the pod-level context breaks the profile, then each problem is reported', () => {
    const spec = toolPodSpec();
    spec.securityContext = {
      runAsUser: 0,
      runAsNonRoot: false,
      seccompProfile: { type: 'Unconfined' },
      sysctls: [
        { name: 'kernel.msgmax', value: '1' },
        { name: 'net.ipv4.tcp_syncookies', value: '1' },
      ],
      appArmorProfile: { type: 'Unconfined' },
      seLinuxOptions: { role: 'r', type: 'spc_t' },
      windowsOptions: { hostProcess: true },
    };
    expect(restrictedProfileViolations(spec)).toEqual([
      'pod: hostProcess must not be true',
      'pod: AppArmor must not be Unconfined',
      'pod: SELinux user and role must not be set',
      'pod: SELinux type spc_t is not allowed',
      'pod: runAsUser must not be 0',
      'pod: runAsNonRoot must not be false',
      'pod: seccompProfile must be RuntimeDefault or Localhost',
      'pod: sysctl kernel.msgmax is not allowed',
    ]);
  });

  it('when an init container or a host port breaks the profile, then it is reported too', () => {
    const spec = toolPodSpec();
    spec.initContainers = [{ name: 'init', image: 'x', securityContext: { privileged: true } }];
    spec.containers[0]!.ports = [{ containerPort: 80, hostPort: 80 }];
    const problems = restrictedProfileViolations(spec);
    expect(problems).toContain('container init: privileged must not be true');
    expect(problems).toContain('container tool-runner: hostPort must not be set');
  });
});
