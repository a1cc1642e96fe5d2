/** Emoji, their skin-tone modifiers, variation selectors and joiners: decoration, never food words or amounts. */
const DECORATION = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u{FE0F}|\u{200D}/gu;

/**
 * The text as the offline parser should read it. People write "🍳 2 large eggs 🥚"; left in, an emoji
 * sits where the amount is expected and the eggs are misread. The entry keeps the text as written.
 */
export function readableFoodText(text: string): string {
  return text.replace(DECORATION, ' ').replace(/\s+/g, ' ').trim();
}
