import { MAX_SEARCH_WORDS, relevanceQueryText } from './memory-search-terms.js';

describe('relevanceQueryText', () => {
  it('when a message has words, then they are joined with OR, lower-cased and deduplicated', () => {
    expect(relevanceQueryText('What should I eat? Eat peanuts!')).toBe(
      'what OR should OR i OR eat OR peanuts',
    );
  });

  it('when the message holds search operators, then they are dropped, not interpreted', () => {
    expect(relevanceQueryText('"coffee" -decaf or tea OR milk')).toBe('coffee OR decaf OR tea OR milk');
  });

  it('when a word has an inner apostrophe, then it stays one word', () => {
    expect(relevanceQueryText("I don’t like it's")).toBe("i OR don't OR like OR it's");
  });

  it('when the message is unicode or emoji, then letters of every script count and emoji do not', () => {
    expect(relevanceQueryText('Jag äter gröt 🥣 每天')).toBe('jag OR äter OR gröt OR 每天');
  });

  it('when the message has no words, then there is no query', () => {
    expect(relevanceQueryText('')).toBeNull();
    expect(relevanceQueryText('🍕 !!! ...')).toBeNull();
  });

  it('when the message is long or has absurd words, then the query stays bounded', () => {
    const many = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');
    expect(relevanceQueryText(many)?.split(' OR ')).toHaveLength(MAX_SEARCH_WORDS);
    expect(relevanceQueryText(`${'x'.repeat(101)} ok`)).toBe('ok');
  });
});
