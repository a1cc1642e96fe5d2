import { isDns1123Label, MAX_JOB_NAME_LENGTH, toolJobName } from './job-name.js';

const base = { namespace: 'health-agent-tools', name: 'calorie-trend', uid: 'uid-1', generation: 1 };

describe('toolJobName', () => {
  it('when called twice with the same execution, then it returns the same name', () => {
    expect(toolJobName({ ...base })).toBe(toolJobName({ ...base }));
  });

  it('when the name is plain, then it reads te-<name>-<10 hex>', () => {
    expect(toolJobName(base)).toMatch(/^te-calorie-trend-[0-9a-f]{10}$/);
  });

  it.each([
    ['uid', { uid: 'uid-2' }],
    ['generation', { generation: 2 }],
    ['namespace', { namespace: 'other' }],
    ['name', { name: 'calorie-trend2' }],
  ])('when only the %s differs, then the name differs', (_field, change) => {
    expect(toolJobName({ ...base, ...change })).not.toBe(toolJobName(base));
  });

  it('when namespace and name would concatenate alike, then the names still differ', () => {
    const a = toolJobName({ ...base, namespace: 'ab', name: 'c' });
    const b = toolJobName({ ...base, namespace: 'a', name: 'bc' });
    expect(a).not.toBe(b);
  });

  it.each([
    ['uppercase', 'CalorieTrend', /^te-calorietrend-[0-9a-f]{10}$/],
    ['accents', 'Café-Ünïcode', /^te-cafe-unicode-[0-9a-f]{10}$/],
    ['dots and underscores', 'my.tool_v2..run', /^te-my-tool-v2-run-[0-9a-f]{10}$/],
    ['leading and trailing junk', '--__tool__--', /^te-tool-[0-9a-f]{10}$/],
    ['only non-latin letters', '体重記録', /^te-[0-9a-f]{10}$/],
    ['emoji', '🍎🍎', /^te-[0-9a-f]{10}$/],
  ])('when the name has %s, then the Job name is a valid DNS-1123 label', (_case, name, pattern) => {
    const jobName = toolJobName({ ...base, name });
    expect(jobName).toMatch(pattern);
    expect(isDns1123Label(jobName)).toBe(true);
  });

  it('when the name is very long, then the Job name is cut to 63 characters and stays valid', () => {
    const jobName = toolJobName({ ...base, name: 'a'.repeat(253) });
    expect(jobName).toHaveLength(MAX_JOB_NAME_LENGTH);
    expect(isDns1123Label(jobName)).toBe(true);
  });

  it('when truncation would end on a dash, then the dash is dropped', () => {
    // 48 letters then a dash: the readable part is cut right after the dash.
    const jobName = toolJobName({ ...base, name: `${'a'.repeat(48)}-tail` });
    expect(jobName).toMatch(/^te-a{48}-[0-9a-f]{10}$/);
    expect(isDns1123Label(jobName)).toBe(true);
  });

  it('when two long names share their first 60 characters, then their Job names differ', () => {
    const prefix = 'x'.repeat(60);
    expect(toolJobName({ ...base, name: `${prefix}-one` })).not.toBe(
      toolJobName({ ...base, name: `${prefix}-two` }),
    );
  });
});

describe('isDns1123Label', () => {
  it.each([
    ['a', true],
    ['a-1', true],
    ['-a', false],
    ['a-', false],
    ['A', false],
    ['a.b', false],
    ['', false],
    ['a'.repeat(64), false],
  ])('when given %p, then it answers %p', (value, expected) => {
    expect(isDns1123Label(value)).toBe(expected);
  });
});
