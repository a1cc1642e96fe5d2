import { createLogger, createMetricsRegistry, systemClock } from '@health-agent/core';
import { Bot, session } from 'grammy';
import type { Update } from 'grammy/types';
import type { BotContext, SessionData } from '../bot-context.js';
import { createBotMetrics } from '../metrics/bot-metrics.js';
import { accessGate } from '../middleware/access-gate.js';
import { updateContext } from '../middleware/update-context.js';
import { BotHarness } from '../testing/bot-harness.js';
import { photoUpdate, type TelegramPerson } from '../testing/telegram-updates.js';
import type { MealPhotoReader, MealPhotoReading } from './food/meal-photo-reader.js';
import { foodFeature } from './food.js';

/**
 * The photo path with a vision reader plugged in. The harness's bot has none configured (as in
 * production today), so these tests build the food feature with a reader of their own over the
 * same services, database and fake Bot API, and hand it updates directly.
 */
describe('food photos with a vision reader', () => {
  const person: TelegramPerson = { id: 8201, first_name: 'Vera' };
  let harness: BotHarness;
  let userId: string;
  let updateIds = 1;
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    level: 'debug',
    service: 'bot',
    destination: { write: (line: string) => void logs.push(JSON.parse(line)) },
  });

  beforeAll(async () => {
    harness = await BotHarness.start();
    await harness.services.access.allowTelegramId(person.id, 'photo tester', null);
    // The fake Bot API learns the chat from an update, as Telegram knows a chat once it wrote.
    await harness.chat(person).send('/help');
    userId = (await harness.db('users').where({ telegram_id: person.id }).first()).id;
  });
  afterAll(() => harness.close());

  function botReading(reader: MealPhotoReader): Bot<BotContext> {
    const bot = new Bot<BotContext>(harness.fake.token, {
      client: { apiRoot: harness.fake.apiRoot },
      botInfo: harness.fake.bot,
    });
    bot.use(
      updateContext({
        logger,
        metrics: createBotMetrics(createMetricsRegistry({ service: 'bot', defaultMetrics: false })),
      }),
    );
    bot.use(session<SessionData, BotContext>({ initial: () => ({}) }));
    bot.use(accessGate(harness.services));
    bot.use(
      foodFeature(
        { services: harness.services, clock: systemClock, newFlowId: () => 'photo' },
        { mealPhotos: reader },
      ),
    );
    return bot;
  }

  async function sendPhoto(reader: MealPhotoReader): Promise<string[]> {
    const from = harness.fake.calls.length;
    const update = { ...photoUpdate(person, 'meal-photo'), update_id: updateIds++ } as Update;
    await botReading(reader).handleUpdate(update);
    return harness.fake.calls
      .slice(from)
      .filter((call) => call.method === 'sendMessage' && call.params.chat_id === person.id)
      .map((call) => String(call.params.text));
  }

  const entries = () => harness.db('food_entries').where({ user_id: userId });

  it('when the vision reader fails or has no answer, then the user is asked to describe the meal and no entry is stored', async () => {
    const failing: MealPhotoReader = {
      readMeal: async () => {
        throw new Error('vision model timed out');
      },
    };
    const unavailable: MealPhotoReader = { readMeal: async () => ({ status: 'unavailable' }) };
    const empty: MealPhotoReader = { readMeal: async () => ({ status: 'read', foods: [] }) };
    for (const reader of [failing, unavailable, empty]) {
      expect(await sendPhoto(reader)).toEqual([
        'I can\'t see what is in photos yet. Please describe the meal in words, like "2 eggs and 1 cup of rice".',
      ]);
    }
    expect(await entries()).toEqual([]);
    expect(logs.some((line) => line.msg === 'meal photo could not be read')).toBe(true);
  });

  it('when the vision reader names foods the table does not know, then nothing is invented or stored', async () => {
    const unknown: MealPhotoReader = {
      readMeal: async (): Promise<MealPhotoReading> => ({
        status: 'read',
        foods: [{ name: 'zzyzx qwertyfood', portion: 'a plate of' }],
      }),
    };
    expect(await sendPhoto(unknown)).toEqual([
      'I couldn\'t make out the meal in that photo. Please describe it in words, like "2 eggs and 1 cup of rice".',
    ]);
    expect(await entries()).toEqual([]);
  });

  it('when the vision reader names foods and portions, then they become a draft behind the same Confirm step', async () => {
    const seen: Array<{ userId: string; fileId: string }> = [];
    const reader: MealPhotoReader = {
      readMeal: async (photo) => {
        seen.push(photo);
        return {
          status: 'read',
          foods: [
            { name: 'large eggs', portion: '2' },
            { name: 'cooked rice', portion: '1 cup of' },
          ],
        };
      },
    };
    const [draft] = await sendPhoto(reader);
    expect(seen).toEqual([{ userId, fileId: 'meal-photo' }]);
    expect(draft).toContain('• 2 large eggs: 100 g, 143 kcal');
    expect(draft).toContain('Total: 348 kcal');
    expect(draft).toContain('Nothing is saved until you press Confirm.');
    const stored = await entries();
    expect(stored.map((row) => row.status)).toEqual(['draft']);
  });
});
