import { ManualClock } from '@health-agent/core';
import { BotHarness, type TestChat } from '../testing/bot-harness.js';

const DAY = 24 * 60 * 60 * 1000;

describe('/today and /week', () => {
  // 23:30 on Thursday 7 May 2026 in New York: late, but still that local day.
  const clock = new ManualClock('2026-05-08T03:30:00Z');
  let harness: BotHarness;
  let chat: TestChat;
  let userId: string;

  beforeAll(async () => {
    harness = await BotHarness.start({ clock });
    await harness.services.access.allowTelegramId(8301, 'summary tester', null);
    chat = harness.chat({ id: 8301, first_name: 'Sam' });
    await chat.send('/help');
    userId = (await harness.db('users').where({ telegram_id: 8301 }).first()).id;
    await harness.services.profiles.updateProfile(userId, { timezone: 'America/New_York' });
  });
  afterAll(() => harness.close());

  /** Logs food through the chat: draft, then Confirm. */
  async function logMeal(text: string): Promise<void> {
    const draft = await chat.send(text);
    const confirm = draft.flatMap((reply) => reply.buttons).find((b) => b.text === '✅ Confirm');
    if (!confirm?.data) throw new Error(`no draft for "${text}": ${draft[0]?.text}`);
    await chat.press(confirm.data);
  }

  it('when nothing is logged, then /today and /week say so and suggest how to log', async () => {
    expect((await chat.send('/today'))[0]?.text).toBe(
      'Today, Thursday, May 7\nNothing logged yet. Tell me what you ate, like "2 eggs and toast".',
    );
    expect((await chat.send('/week'))[0]?.text).toBe(
      'Nothing logged in the last 7 days. Tell me what you ate, like "2 eggs and toast".',
    );
  });

  it('when food is confirmed at 23:30 local, then /today of that local day counts it; drafts never count', async () => {
    await logMeal('2 large eggs and 1 cup of cooked rice');
    await chat.send('1 apple'); // left as a draft
    const [today] = await chat.send('/today');
    expect(today?.text).toBe(
      [
        'Today, Thursday, May 7',
        'Energy: 348 kcal (no goal set: /start sets goals)',
        'Protein 17 g · Carbohydrates 45 g · Fat 10 g',
        '',
        'snack: 348 kcal',
        '  23:30 2 large eggs and 1 cup of cooked rice: 348 kcal',
      ].join('\n'),
    );
  });

  it('when goals are set, then /today compares with them and shows each meal', async () => {
    await harness.services.profiles.updateProfile(userId, {
      sex: 'female',
      birthDate: '1990-04-30',
      heightCm: 168,
      activityLevel: 'moderate',
    });
    const { goals } = await harness.services.profiles.setGoals(userId, { weeklyRateKg: 0, weightKg: 65 });
    await logMeal('breakfast: 1 banana');
    const [today] = await chat.send('/today');
    const text = today?.text ?? '';
    const eaten = 348 + 105;
    const kcalGoal = new Intl.NumberFormat('en').format(goals.dailyKcal);
    const left = new Intl.NumberFormat('en').format(goals.dailyKcal - 453);
    expect(text).toContain(
      `Energy: ${eaten} of ${kcalGoal} kcal (${Math.round((eaten / goals.dailyKcal) * 100)}%), ${left} kcal left`,
    );
    expect(text).toContain(`Protein 18 of ${goals.proteinG} g`);
    expect(text).toContain('breakfast: 105 kcal\n  23:30 1 banana: 105 kcal\n\nsnack: 348 kcal');
  });

  it('when more is eaten than the goal, then /today says by how much', async () => {
    const { dailyKcalGoal } = await harness.services.profiles.getProfile(userId);
    await logMeal('1000 g cooked rice and 1000 g cooked rice');
    const [today] = await chat.send('/today');
    const eaten = 453 + 2600;
    expect(today?.text).toContain(
      `${new Intl.NumberFormat('en').format(eaten - (dailyKcalGoal ?? 0))} kcal over`,
    );
  });

  it('when /week is asked, then every one of the 7 local days is listed with averages and days within the goal', async () => {
    clock.advance(2 * DAY);
    try {
      await logMeal('1 apple');
      const [week] = await chat.send('/week');
      const lines = (week?.text ?? '').split('\n');
      expect(lines[0]).toBe('Your week, Sun, May 3 to Sat, May 9:');
      expect(lines.slice(1, 8)).toEqual([
        'Sun, May 3: nothing logged',
        'Mon, May 4: nothing logged',
        'Tue, May 5: nothing logged',
        'Wed, May 6: nothing logged',
        'Thu, May 7: 3,053 kcal',
        'Fri, May 8: nothing logged',
        'Sat, May 9: 95 kcal ✓',
      ]);
      const { averages } = await harness.services.food.weeklySummary(userId);
      const kcal = (value: number | undefined) =>
        new Intl.NumberFormat('en', { maximumFractionDigits: 0 }).format(value ?? 0);
      expect(averages.overLoggedDays.dayCount).toBe(2);
      expect(week?.text).toContain(
        `Average: ${kcal(averages.overLoggedDays.totals?.kcal)} kcal on the 2 logged day(s); ${kcal(averages.overAllDays.totals?.kcal)} kcal a day over all 7.`,
      );
      expect(week?.text).toContain('Per logged day: protein');
      expect(week?.text).toContain('1 of 2 logged day(s) within your');
    } finally {
      clock.advance(-2 * DAY);
    }
  });

  it('when the user speaks Spanish, then the summary is in Spanish with Spanish dates', async () => {
    await harness.services.profiles.updateProfile(userId, { language: 'es' });
    const [today] = await chat.send('/today');
    expect(today?.text?.split('\n')[0]).toBe('Hoy, jueves, 7 de mayo');
    expect(today?.text).toContain('desayuno: 105 kcal');
    await harness.services.profiles.updateProfile(userId, { language: 'en' });
  });
});
