import type { V1PodSpec, V1SecurityContext } from '@kubernetes/client-node';

/**
 * The rules of the Pod Security Standards "restricted" profile (which includes "baseline"), as Pod
 * Security Admission applies them at `latest` (https://kubernetes.io/docs/concepts/security/pod-security-standards/).
 * The tools namespace enforces them at admission; checking here too lets the operator refuse a
 * non-compliant Job with a clear status instead of an opaque 403, and lets tests prove compliance.
 */

const ALLOWED_VOLUME_TYPES = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);
const ALLOWED_SELINUX_TYPES = new Set([
  '',
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t',
]);
const ALLOWED_SECCOMP_TYPES = new Set(['RuntimeDefault', 'Localhost']);

interface ContainerLike {
  name: string;
  securityContext?: V1SecurityContext;
  ports?: { hostPort?: number }[];
}

function checkSecurityContext(
  where: string,
  context: V1SecurityContext | undefined,
  problems: string[],
): void {
  if (context?.privileged === true) problems.push(`${where}: privileged must not be true`);
  if (context?.windowsOptions?.hostProcess === true) problems.push(`${where}: hostProcess must not be true`);
  if (context?.procMount !== undefined && context.procMount !== 'Default') {
    problems.push(`${where}: procMount must be Default`);
  }
  if (context?.appArmorProfile?.type === 'Unconfined')
    problems.push(`${where}: AppArmor must not be Unconfined`);
  const seLinux = context?.seLinuxOptions;
  if (seLinux?.user !== undefined || seLinux?.role !== undefined) {
    problems.push(`${where}: SELinux user and role must not be set`);
  }
  if (seLinux?.type !== undefined && !ALLOWED_SELINUX_TYPES.has(seLinux.type)) {
    problems.push(`${where}: SELinux type ${seLinux.type} is not allowed`);
  }
  if (context?.allowPrivilegeEscalation !== false) {
    problems.push(`${where}: allowPrivilegeEscalation must be false`);
  }
  if (context?.runAsNonRoot === false) problems.push(`${where}: runAsNonRoot must not be false`);
  if (context?.runAsUser === 0) problems.push(`${where}: runAsUser must not be 0`);
  const seccomp = context?.seccompProfile?.type;
  if (seccomp !== undefined && !ALLOWED_SECCOMP_TYPES.has(seccomp)) {
    problems.push(`${where}: seccompProfile must be RuntimeDefault or Localhost`);
  }
  if (!(context?.capabilities?.drop ?? []).includes('ALL'))
    problems.push(`${where}: capabilities must drop ALL`);
  for (const added of context?.capabilities?.add ?? []) {
    if (added !== 'NET_BIND_SERVICE') problems.push(`${where}: capability ${added} must not be added`);
  }
}

/** Every way `spec` breaks the restricted profile, one message each; empty when it complies. */
export function restrictedProfileViolations(spec: V1PodSpec): string[] {
  const problems: string[] = [];
  if (spec.hostNetwork === true) problems.push('pod: hostNetwork must not be true');
  if (spec.hostPID === true) problems.push('pod: hostPID must not be true');
  if (spec.hostIPC === true) problems.push('pod: hostIPC must not be true');

  const pod = spec.securityContext;
  if (pod?.windowsOptions?.hostProcess === true) problems.push('pod: hostProcess must not be true');
  if (pod?.appArmorProfile?.type === 'Unconfined') problems.push('pod: AppArmor must not be Unconfined');
  if (pod?.seLinuxOptions?.user !== undefined || pod?.seLinuxOptions?.role !== undefined) {
    problems.push('pod: SELinux user and role must not be set');
  }
  if (pod?.seLinuxOptions?.type !== undefined && !ALLOWED_SELINUX_TYPES.has(pod.seLinuxOptions.type)) {
    problems.push(`pod: SELinux type ${pod.seLinuxOptions.type} is not allowed`);
  }
  if (pod?.runAsUser === 0) problems.push('pod: runAsUser must not be 0');
  if (pod?.runAsNonRoot === false) problems.push('pod: runAsNonRoot must not be false');
  const podSeccomp = pod?.seccompProfile?.type;
  if (podSeccomp !== undefined && !ALLOWED_SECCOMP_TYPES.has(podSeccomp)) {
    problems.push('pod: seccompProfile must be RuntimeDefault or Localhost');
  }
  for (const sysctl of pod?.sysctls ?? []) {
    if (!SAFE_SYSCTLS.has(sysctl.name)) problems.push(`pod: sysctl ${sysctl.name} is not allowed`);
  }

  for (const volume of spec.volumes ?? []) {
    const types = Object.keys(volume).filter((key) => key !== 'name');
    for (const type of types) {
      if (!ALLOWED_VOLUME_TYPES.has(type))
        problems.push(`volume ${volume.name}: type ${type} is not allowed`);
    }
  }

  const containers: ContainerLike[] = [
    ...(spec.initContainers ?? []),
    ...spec.containers,
    ...(spec.ephemeralContainers ?? []),
  ];
  for (const container of containers) {
    const where = `container ${container.name}`;
    checkSecurityContext(where, container.securityContext, problems);
    for (const port of container.ports ?? []) {
      if (port.hostPort !== undefined && port.hostPort !== 0)
        problems.push(`${where}: hostPort must not be set`);
    }
    // Non-root and seccomp may be set on the pod for everyone, or on each container.
    if (pod?.runAsNonRoot !== true && container.securityContext?.runAsNonRoot !== true) {
      problems.push(`${where}: runAsNonRoot must be true (on the pod or the container)`);
    }
    if (podSeccomp === undefined && container.securityContext?.seccompProfile?.type === undefined) {
      problems.push(`${where}: seccompProfile must be set (on the pod or the container)`);
    }
  }
  return problems;
}
