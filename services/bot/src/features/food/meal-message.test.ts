import { readMealMessage } from './meal-message.js';

describe('readMealMessage', () => {
  it('when a message starts the way people talk, then only the food is kept', () => {
    expect(readMealMessage('I had a banana')).toEqual({ foodText: 'a banana' });
    expect(readMealMessage("I've just eaten 2 eggs")).toEqual({ foodText: '2 eggs' });
    expect(readMealMessage('just ate 1 apple')).toEqual({ foodText: '1 apple' });
    expect(readMealMessage('2 large eggs and 1 cup of cooked rice')).toEqual({
      foodText: '2 large eggs and 1 cup of cooked rice',
    });
  });

  it('when a meal is named, then it is kept apart from the food', () => {
    expect(readMealMessage('for lunch I had a banana')).toEqual({ foodText: 'a banana', meal: 'lunch' });
    expect(readMealMessage('I had 2 eggs for breakfast')).toEqual({ foodText: '2 eggs', meal: 'breakfast' });
    expect(readMealMessage('Dinner: 200 g salmon')).toEqual({ foodText: '200 g salmon', meal: 'dinner' });
    expect(readMealMessage('an apple as a snack')).toEqual({ foodText: 'an apple', meal: 'snack' });
    expect(readMealMessage('brunch - 2 eggs at supper')).toEqual({ foodText: '2 eggs', meal: 'breakfast' });
  });

  it('when nothing but the chat words is left, then the message is kept as it was', () => {
    expect(readMealMessage('I had')).toEqual({ foodText: 'I had' });
    expect(readMealMessage('lunch:')).toEqual({ foodText: 'lunch:', meal: 'lunch' });
    expect(readMealMessage('🍳🍚')).toEqual({ foodText: '🍳🍚' });
  });
});
