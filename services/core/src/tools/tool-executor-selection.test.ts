import { ConfigError, loadConfig } from '../config/index.js';
import { assertToolExecutorAvailable, KUBERNETES_EXECUTOR_UNAVAILABLE } from './tool-executor-selection.js';

describe('assertToolExecutorAvailable', () => {
  it('when TOOL_EXECUTOR is local (the default), then start-up goes on', () => {
    expect(loadConfig({}).TOOL_EXECUTOR).toBe('local');
    expect(() => assertToolExecutorAvailable(loadConfig({}))).not.toThrow();
  });

  it('when TOOL_EXECUTOR is kubernetes, then start-up stops with a message naming the fix', () => {
    const config = loadConfig({ TOOL_EXECUTOR: 'kubernetes' });
    expect(() => assertToolExecutorAvailable(config)).toThrow(ConfigError);
    expect(() => assertToolExecutorAvailable(config)).toThrow(
      'TOOL_EXECUTOR=kubernetes needs the operator, which is not part of this release; use local',
    );
    expect(KUBERNETES_EXECUTOR_UNAVAILABLE).toContain('use local');
  });

  it('when TOOL_EXECUTOR is something else, then the configuration itself is refused', () => {
    expect(() => loadConfig({ TOOL_EXECUTOR: 'docker' })).toThrow(/TOOL_EXECUTOR/);
  });

  it('when the tool settings are not given, then the documented defaults apply', () => {
    const config = loadConfig({});
    expect({
      autoApprove: config.TOOL_AUTO_APPROVE,
      timeoutMs: config.TOOL_TIMEOUT_MS,
      memoryMb: config.TOOL_MEMORY_MB,
      maxOutputBytes: config.TOOL_MAX_OUTPUT_BYTES,
      createQuota: config.TOOL_CREATE_QUOTA_PER_DAY,
      executeQuota: config.TOOL_EXECUTE_QUOTA_PER_DAY,
    }).toEqual({
      autoApprove: false,
      timeoutMs: 2000,
      memoryMb: 32,
      maxOutputBytes: 65536,
      createQuota: 5,
      executeQuota: 100,
    });
    expect(loadConfig({ TOOL_AUTO_APPROVE: 'true', TOOL_MEMORY_MB: '64' })).toMatchObject({
      TOOL_AUTO_APPROVE: true,
      TOOL_MEMORY_MB: 64,
    });
    expect(() => loadConfig({ TOOL_MEMORY_MB: '2' })).toThrow(/TOOL_MEMORY_MB/);
  });
});
