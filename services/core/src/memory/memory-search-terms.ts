/** At most this many distinct words of a message take part in a relevance search. */
export const MAX_SEARCH_WORDS = 32;
const MAX_WORD_LENGTH = 100;

// Letters and digits, keeping an inner apostrophe ("don't") so the parser sees one word.
const wordPattern = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/**
 * Turns a chat message into websearch_to_tsquery text that matches a fact sharing
 * ANY of the message's words ("a OR b OR c"): a message rarely repeats a fact word
 * for word, so AND semantics would find almost nothing. Operators the user typed
 * (quotes, leading '-', a literal "or") are dropped, never interpreted. Returns
 * null when the message has no words at all.
 */
export function relevanceQueryText(message: string): string | null {
  const words: string[] = [];
  const seen = new Set<string>();
  for (const match of message.normalize('NFC').matchAll(wordPattern)) {
    const word = match[0].toLowerCase().replace(/’/g, "'");
    if (word === 'or' || word.length > MAX_WORD_LENGTH || seen.has(word)) continue;
    seen.add(word);
    words.push(word);
    if (words.length === MAX_SEARCH_WORDS) break;
  }
  return words.length ? words.join(' OR ') : null;
}
