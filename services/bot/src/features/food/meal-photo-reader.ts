/** A food a vision model saw in a photo, in words the food parser reads: "grilled chicken", "150 g". */
export interface SeenFood {
  name: string;
  portion: string;
}

export type MealPhotoReading =
  | { status: 'read'; foods: SeenFood[] }
  /** No vision model is configured, or it could not answer: the user is asked to describe the meal. */
  | { status: 'unavailable' };

/**
 * Where a vision model plugs in: one call from a Telegram photo to food names and portions.
 * What it returns is only text for the usual draft, so it goes through the same confirm step
 * as a typed meal, and a reader that fails can never produce numbers of its own.
 */
export interface MealPhotoReader {
  readMeal(photo: { userId: string; fileId: string }): Promise<MealPhotoReading>;
}

/** The reader until a vision model is configured. */
export const noVisionModel: MealPhotoReader = {
  readMeal: async () => ({ status: 'unavailable' }),
};

/** The foods of a reading as one meal description, like "150 g grilled chicken, 1 cup rice". */
export function mealTextOf(foods: readonly SeenFood[]): string {
  return foods
    .map((food) => `${food.portion.trim()} ${food.name.trim()}`.trim())
    .filter((phrase) => phrase !== '')
    .join(', ');
}
