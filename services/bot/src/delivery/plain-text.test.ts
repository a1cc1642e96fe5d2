import { toPlainText } from './plain-text.js';

describe('toPlainText', () => {
  it('when HTML, then known tags go and entities are decoded, but a stray < stays', () => {
    expect(
      toPlainText('<b>Goal</b> &lt;2000 &amp; <a href="https://x">link</a> 5 < 7 &#128512;', 'HTML'),
    ).toBe('Goal <2000 & link 5 < 7 😀');
    expect(toPlainText('<unknown>kept</unknown>', 'HTML')).toBe('<unknown>kept</unknown>');
  });

  it('when MarkdownV2, then escapes are removed; legacy Markdown is left as written', () => {
    expect(toPlainText('1\\.5 kg \\- fine\\!', 'MarkdownV2')).toBe('1.5 kg - fine!');
    expect(toPlainText('*bold and _odd', 'Markdown')).toBe('*bold and _odd');
  });
});
