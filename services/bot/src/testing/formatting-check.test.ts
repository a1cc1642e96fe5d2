import { formattingError, visibleLength } from './formatting-check.js';

describe("the fake's formatting check", () => {
  it('when HTML is well formed, then it passes; broken tags, stray < and bare & fail', () => {
    expect(formattingError('<b>ok</b> &lt; &amp; <a href="x">l</a>', 'HTML')).toBeUndefined();
    expect(formattingError('<b>open', 'HTML')).toContain("can't parse entities");
    expect(formattingError('<b>x</i>', 'HTML')).toContain("can't parse entities");
    expect(formattingError('5 < 7', 'HTML')).toContain("can't parse entities");
    expect(formattingError('a & b', 'HTML')).toContain("can't parse entities");
    expect(formattingError('<blink>x</blink>', 'HTML')).toContain('Unsupported start tag');
  });

  it('when Markdown is balanced or escaped, then it passes', () => {
    expect(formattingError('*bold* and _it_', 'Markdown')).toBeUndefined();
    expect(formattingError('*bold and _it', 'Markdown')).toContain("can't parse entities");
    expect(formattingError('1\\.5 *kg*', 'MarkdownV2')).toBeUndefined();
    expect(formattingError('1.5 kg', 'MarkdownV2')).toContain('reserved');
    expect(formattingError('*open', 'MarkdownV2')).toContain("can't parse entities");
    expect(formattingError('<b>anything', undefined)).toBeUndefined();
  });

  it('when HTML is counted, then markup does not count against the limit', () => {
    expect(visibleLength('<b>abc</b> &amp;', 'HTML')).toBe(5);
    expect(visibleLength('<b>abc</b>', undefined)).toBe(10);
  });
});
