import { mealTextOf, noVisionModel } from './meal-photo-reader.js';

describe('meal photo reader', () => {
  it('when no vision model is configured, then every photo reads as unavailable', async () => {
    await expect(noVisionModel.readMeal({ userId: 'u', fileId: 'f' })).resolves.toEqual({
      status: 'unavailable',
    });
  });

  it('when foods are seen, then they become one description for the usual draft', () => {
    expect(
      mealTextOf([
        { name: 'grilled chicken breast', portion: '150 g' },
        { name: ' rice ', portion: '1 cup' },
        { name: 'apple', portion: '' },
        { name: ' ', portion: ' ' },
      ]),
    ).toBe('150 g grilled chicken breast, 1 cup rice, apple');
  });
});
