import { loadOperatorConfig, OperatorConfigError } from './operator-config.js';
import { TEST_IMAGE } from './testing/tool-execution-fixture.js';

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadOperatorConfig(env);
  } catch (error) {
    if (error instanceof OperatorConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected an OperatorConfigError');
}

describe('loadOperatorConfig', () => {
  it('when only the image is set, then every other variable takes its default', () => {
    expect(loadOperatorConfig({ TOOL_RUNNER_IMAGE: TEST_IMAGE })).toEqual({
      LOG_LEVEL: 'info',
      WATCH_NAMESPACE: 'health-agent-tools',
      TOOL_RUNNER_IMAGE: TEST_IMAGE,
      TOOL_JOB_TTL_SECONDS: 300,
      TOOL_JOB_DEADLINE_GRACE_SECONDS: 15,
      METRICS_PORT: 9090,
      RESYNC_PERIOD_SECONDS: 300,
      LEADER_ELECTION_NAMESPACE: 'health-agent',
      LEADER_ELECTION_LEASE_NAME: 'health-agent-operator',
      LEADER_ELECTION_LEASE_DURATION_SECONDS: 15,
      LEADER_ELECTION_RENEW_DEADLINE_SECONDS: 10,
      LEADER_ELECTION_RETRY_PERIOD_SECONDS: 2,
    });
  });

  it('when values are set, then they are trimmed and coerced', () => {
    const config = loadOperatorConfig({
      TOOL_RUNNER_IMAGE: ` ${TEST_IMAGE} `,
      WATCH_NAMESPACE: 'tools',
      TOOL_JOB_TTL_SECONDS: '60',
      TOOL_RUNTIME_CLASS: 'gvisor',
      METRICS_PORT: '9100',
      POD_NAME: 'operator-0',
    });
    expect(config).toMatchObject({
      TOOL_RUNNER_IMAGE: TEST_IMAGE,
      WATCH_NAMESPACE: 'tools',
      TOOL_JOB_TTL_SECONDS: 60,
      TOOL_RUNTIME_CLASS: 'gvisor',
      METRICS_PORT: 9100,
      POD_NAME: 'operator-0',
    });
  });

  it('when a variable is empty, then it counts as unset', () => {
    expect(loadOperatorConfig({ TOOL_RUNNER_IMAGE: TEST_IMAGE, METRICS_PORT: '' }).METRICS_PORT).toBe(9090);
    expect(
      loadOperatorConfig({ TOOL_RUNNER_IMAGE: TEST_IMAGE, TOOL_RUNTIME_CLASS: ' ' }).TOOL_RUNTIME_CLASS,
    ).toBe(undefined);
  });

  it('when the image is missing, then the error names TOOL_RUNNER_IMAGE and says it is not set', () => {
    expect(problemsOf({})).toEqual([
      'TOOL_RUNNER_IMAGE: is required: the tool-runner image, pinned by digest (it is not set)',
    ]);
  });

  it('when the image has a tag instead of a digest, then the error asks for a digest and shows the value', () => {
    const [problem] = problemsOf({ TOOL_RUNNER_IMAGE: 'ghcr.io/x/tool-runner:latest' });
    expect(problem).toMatch(/^TOOL_RUNNER_IMAGE: expected an image pinned by digest/);
    expect(problem).toContain('"ghcr.io/x/tool-runner:latest"');
  });

  it('when several values are bad, then every one is reported by name', () => {
    const problems = problemsOf({
      TOOL_RUNNER_IMAGE: TEST_IMAGE,
      WATCH_NAMESPACE: 'Tools_NS',
      TOOL_JOB_TTL_SECONDS: '-1',
      TOOL_RUNTIME_CLASS: 'gVisor',
      METRICS_PORT: 'ninety',
    });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'METRICS_PORT',
      'TOOL_JOB_TTL_SECONDS',
      'TOOL_RUNTIME_CLASS',
      'WATCH_NAMESPACE',
    ]);
    expect(problems.find((p) => p.startsWith('METRICS_PORT'))).toBe(
      'METRICS_PORT: expected a port number (got "ninety")',
    );
    const error = new OperatorConfigError(problems);
    expect(error.message).toMatch(/^Invalid operator configuration:\n {2}- /);
  });

  it('when the renew deadline is not shorter than the lease, then leader election settings are refused', () => {
    const problems = problemsOf({
      TOOL_RUNNER_IMAGE: TEST_IMAGE,
      LEADER_ELECTION_LEASE_DURATION_SECONDS: '10',
      LEADER_ELECTION_RENEW_DEADLINE_SECONDS: '10',
    });
    expect(problems).toEqual([
      'LEADER_ELECTION_RENEW_DEADLINE_SECONDS: expected less than LEADER_ELECTION_LEASE_DURATION_SECONDS (got "10")',
    ]);
  });

  it('when the retry period is not shorter than the renew deadline, then it is refused', () => {
    const problems = problemsOf({
      TOOL_RUNNER_IMAGE: TEST_IMAGE,
      LEADER_ELECTION_RETRY_PERIOD_SECONDS: '10',
    });
    expect(problems).toEqual([
      'LEADER_ELECTION_RETRY_PERIOD_SECONDS: expected less than LEADER_ELECTION_RENEW_DEADLINE_SECONDS (got "10")',
    ]);
  });
});
