/**
 * Text as it reads without its formatting, for resending a message whose markup Telegram
 * refused. Only well-formed tags and escapes are removed, so a stray "<" or "*" stays visible.
 */
export function toPlainText(text: string, parseMode: string): string {
  if (parseMode === 'HTML') {
    return text
      .replace(
        /<\/?(?:b|strong|i|em|u|ins|s|strike|del|code|pre|tg-spoiler|blockquote|span|a|tg-emoji)(?:\s[^<>]*)?>/gi,
        '',
      )
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
      .replace(/&amp;/g, '&');
  }
  if (parseMode === 'MarkdownV2') return text.replace(/\\([_*[\]()~`>#+\-=|{}.!\\])/g, '$1');
  return text;
}
