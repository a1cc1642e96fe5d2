import { formatAmount, formatFoodWeight, formatKcal, shortened } from './food-numbers.js';

describe('food numbers', () => {
  it('when amounts are formatted, then small ones keep a decimal and the language decides separators', () => {
    expect(formatAmount(16.84, 'en')).toBe('17');
    expect(formatAmount(4.56, 'en')).toBe('4.6');
    expect(formatAmount(4.56, 'sv')).toBe('4,6');
    expect(formatAmount(3, 'en')).toBe('3');
    expect(formatKcal(348.4, 'en')).toBe('348');
    expect(formatKcal(2150, 'en')).toBe('2,150');
  });

  it('when a food weight is shown, then imperial readers get ounces first', () => {
    expect(formatFoodWeight(158, 'metric', 'en')).toBe('158 g');
    expect(formatFoodWeight(100, 'imperial', 'en')).toBe('3.5 oz (100 g)');
  });

  it('when text is too long for a line, then it is cut at a whole character with an ellipsis', () => {
    expect(shortened('  two\n eggs ', 20)).toBe('two eggs');
    expect(shortened('🍳'.repeat(30), 5)).toBe('🍳🍳🍳🍳…');
  });
});
