import { jsonNestingDepth } from './json-depth.js';

describe('jsonNestingDepth', () => {
  it.each([
    ['1', 0],
    ['"text"', 0],
    ['[]', 1],
    ['{"a":[1,{"b":[]}]}', 4],
    ['[[1],[2],[3]]', 2],
  ])('when measuring %s, then the depth is %i', (text, depth) => {
    expect(jsonNestingDepth(text)).toBe(depth);
  });

  it('when brackets appear inside strings, including after escaped quotes, then they do not count', () => {
    expect(jsonNestingDepth('{"a":"[[[{{{","b":"\\"[[[","c":"\\\\"}')).toBe(1);
  });

  it('when the nesting is far deeper than any recursion could follow, then it is still measured', () => {
    expect(jsonNestingDepth(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`)).toBe(1_000_000);
  });
});
