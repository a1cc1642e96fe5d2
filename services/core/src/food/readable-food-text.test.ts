import { readableFoodText } from './readable-food-text.js';

describe('readable food text', () => {
  it('when text carries emoji, skin tones or joiners, then they become spaces and the words stay', () => {
    expect(readableFoodText('🍳 2 large eggs 🥚')).toBe('2 large eggs');
    expect(readableFoodText('1 banana 👍🏽 and ❤️ 1 apple')).toBe('1 banana and 1 apple');
    expect(readableFoodText('👨‍🍳 pasta')).toBe('pasta');
  });

  it('when text has accents, fractions or other scripts, then they are kept for the parser', () => {
    expect(readableFoodText('½ avocado, crème fraîche, 寿司')).toBe('½ avocado, crème fraîche, 寿司');
  });

  it('when text is only emoji, then nothing readable is left', () => {
    expect(readableFoodText('🍕🍔')).toBe('');
  });
});
