import { createHash } from 'node:crypto';
import { addDays, ManualClock } from '@health-agent/core';
import { PNG } from 'pngjs';
import { renderCalorieChart } from '../charts/calorie-chart.js';
import type { PixelPoint } from '../charts/chart-rendering.js';
import { chartColours, systemChartStyle } from '../charts/chart-style.js';
import { renderSleepChart } from '../charts/sleep-chart.js';
import { renderWeightChart } from '../charts/weight-chart.js';
import { BotHarness, type BotReply, type TestChat } from '../testing/bot-harness.js';

const TODAY = '2026-11-26';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const style = systemChartStyle();

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const daysBack = (count: number) =>
  Array.from({ length: count }, (_, index) => addDays(TODAY, index - count + 1));

function near(actual: readonly number[], hex: string, tolerance: number): boolean {
  const expected = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16));
  return actual.every((value, index) => Math.abs(value - (expected[index] as number)) <= tolerance);
}

function pixelAt(image: PNG, point: PixelPoint): number[] {
  const offset = (Math.round(point.y) * image.width + Math.round(point.x)) * 4;
  return [image.data[offset], image.data[offset + 1], image.data[offset + 2]] as number[];
}

describe('/stats', () => {
  const clock = new ManualClock(`${TODAY}T12:00:00Z`);
  let harness: BotHarness;

  beforeAll(async () => {
    harness = await BotHarness.start({ clock });
  });
  afterAll(() => harness.close());

  async function person(telegramId: number): Promise<{ chat: TestChat; userId: string }> {
    await harness.services.access.allowTelegramId(telegramId, 'stats tester', null);
    const chat = harness.chat({ id: telegramId, first_name: `Stats ${telegramId}` });
    await chat.send('/help');
    return { chat, userId: (await harness.db('users').where({ telegram_id: telegramId }).first()).id };
  }

  /** The photos the bot sent in these replies, with the uploaded bytes the fake received. */
  function photosIn(replies: BotReply[]): Array<{ caption: string; png: Buffer }> {
    const uploads = harness.fake.callsOf('sendPhoto');
    return replies
      .filter((reply) => reply.method === 'sendPhoto')
      .map((reply) => {
        const call = uploads.find((candidate) => candidate.params === reply.params);
        return { caption: reply.text as string, png: call?.files.photo?.bytes as Buffer };
      });
  }

  const at = (day: string, time = '12:00') => new Date(`${day}T${time}:00Z`);

  async function eat(userId: string, day: string, text: string): Promise<number> {
    const draft = await harness.services.food.draftFromText(userId, text, { eatenAt: at(day) });
    if (draft.status !== 'drafted') throw new Error(`"${text}" was not understood`);
    return (await harness.services.food.confirm(userId, draft.entry.id)).entry.totals.kcal;
  }

  it('when nothing is logged, then each chart is a friendly sentence and no picture is sent', async () => {
    const { chat } = await person(9301);
    const replies = await chat.send('/stats');
    expect(replies.map((reply) => reply.method)).toEqual(['sendMessage', 'sendMessage', 'sendMessage']);
    expect(replies.map((reply) => reply.text)).toEqual([
      'No food logged in the last 30 days, so there is no calorie chart yet. Tell me what you eat, or use /log.',
      'No weight logged in the last 30 days. /weight 72.5 starts your chart.',
      'No sleep logged in the last 14 days. /sleep starts your chart.',
    ]);
  });

  describe('with food, weight and sleep logged', () => {
    let chat: TestChat;
    let userId: string;
    const kcalByDay = new Map<string, number>();

    beforeAll(async () => {
      ({ chat, userId } = await person(9302));
      await harness.db('user_profiles').where({ user_id: userId }).update({ daily_kcal_goal: 2000 });
      for (const [day, text] of [
        [TODAY, '3 eggs and 2 slices of bread'],
        [addDays(TODAY, -1), '200 g rice and 150 g chicken breast'],
        [addDays(TODAY, -3), '2 bananas'],
        [addDays(TODAY, -12), '100 g cheddar cheese'],
      ] as const) {
        kcalByDay.set(day, (kcalByDay.get(day) ?? 0) + (await eat(userId, day, text)));
      }
      for (const [daysAgo, kg] of [
        [20, 81],
        [9, 80.2],
        [5, 79.8],
        [1, 79.1],
      ] as const) {
        await harness.services.healthMetrics.log(userId, {
          kind: 'weight',
          amount: kg,
          recordedAt: at(addDays(TODAY, -daysAgo), '07:00'),
        });
      }
      for (const [daysAgo, minutes] of [
        [0, 450],
        [2, 390],
        [13, 480],
      ] as const) {
        await harness.services.healthMetrics.log(userId, {
          kind: 'sleep',
          durationMinutes: minutes,
          recordedAt: at(addDays(TODAY, -daysAgo), '07:30'),
        });
      }
    });

    const calorieDays = (count: number) =>
      daysBack(count).map((day) => ({ day, kcal: Math.round(kcalByDay.get(day) ?? 0) }));

    it('when /stats is sent, then four valid PNG charts arrive, each with a caption saying what it shows', async () => {
      const replies = await chat.send('/stats');
      const photos = photosIn(replies);
      expect(replies.map((reply) => reply.method)).toEqual([
        'sendPhoto',
        'sendPhoto',
        'sendPhoto',
        'sendPhoto',
      ]);
      for (const { png } of photos) {
        expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
        const image = PNG.sync.read(png);
        expect([image.width, image.height]).toEqual([800, 450]);
      }
      const week = calorieDays(7).filter((day) => day.kcal > 0);
      const weekAverage = Math.round(week.reduce((sum, day) => sum + day.kcal, 0) / week.length);
      expect(photos[0]?.caption).toBe(
        `Calories, last 7 days: ${weekAverage.toLocaleString('en')} kcal a day on average on the days you logged food (3); goal 2,000 kcal, kept on ${week.filter((day) => day.kcal <= 2000).length} of them.`,
      );
      expect(photos[1]?.caption).toMatch(
        /^Calories, last 30 days: .* on the days you logged food \(4\); goal 2,000 kcal/,
      );
      // The trend at the last weigh-in averages all four weigh-ins (80.03 kg); it started the period at 81 kg.
      expect(photos[2]?.caption).toBe(
        'Weight, last 30 days: 79.1 kg at your last weigh-in, 7-day average 80 kg (-1 kg over the period).',
      );
      expect(photos[3]?.caption).toBe(
        'Sleep, last 14 days: 7 h 20 min a night on average on the nights you logged (3).',
      );
    });

    it('when the sent calorie charts are compared with a rendering of the known data, then they are identical', async () => {
      const photos = photosIn(await chat.send('/stats calories'));
      expect(photos).toHaveLength(2);
      const legend = { eaten: 'Eaten', goal: 'Goal' };
      const week = await renderCalorieChart(
        { title: 'Calories, last 7 days', legend, days: calorieDays(7), goalKcal: 2000 },
        style,
      );
      const month = await renderCalorieChart(
        { title: 'Calories, last 30 days', legend, days: calorieDays(30), goalKcal: 2000 },
        style,
      );
      expect(sha(photos[0]?.png as Buffer)).toBe(sha(week.png));
      expect(sha(photos[1]?.png as Buffer)).toBe(sha(month.png));
      // Today's bar in the sent picture has the bar colour of its side of the goal.
      const image = PNG.sync.read(photos[0]?.png as Buffer);
      const todayBar = week.points[0]?.[6] as PixelPoint;
      const todayKcal = kcalByDay.get(TODAY) as number;
      expect(
        near(
          pixelAt(image, { x: todayBar.x, y: todayBar.y + 5 }),
          todayKcal > 2000 ? chartColours.caloriesOverGoal : chartColours.caloriesWithinGoal,
          2,
        ),
      ).toBe(true);
    });

    it('when the sent weight chart is compared, then it matches the known trend and its line has the trend colour', async () => {
      const [photo] = photosIn(await chat.send('/stats weight'));
      const weights = new Map([
        [addDays(TODAY, -20), { weight: 81, trend: 81 }],
        [addDays(TODAY, -9), { weight: 80.2, trend: 80.6 }],
        [addDays(TODAY, -5), { weight: 79.8, trend: 80.33 }],
        [addDays(TODAY, -1), { weight: 79.1, trend: 80.03 }],
      ]);
      const expected = await renderWeightChart(
        {
          title: 'Weight, last 30 days',
          legend: { weight: 'Weight', trend: '7-day average' },
          unit: 'kg',
          days: daysBack(30).map((day) => ({
            day,
            weight: weights.get(day)?.weight ?? null,
            trend: weights.get(day)?.trend ?? null,
          })),
        },
        style,
      );
      expect(sha(photo?.png as Buffer)).toBe(sha(expected.png));
      const image = PNG.sync.read(photo?.png as Buffer);
      const trend = (expected.points[1] ?? []).filter((point): point is PixelPoint => point !== null);
      expect(trend).toHaveLength(4);
      for (let index = 0; index < trend.length - 1; index++) {
        const a = trend[index] as PixelPoint;
        const b = trend[index + 1] as PixelPoint;
        for (const share of [0.25, 0.5, 0.75]) {
          const sample = { x: a.x + (b.x - a.x) * share, y: a.y + (b.y - a.y) * share };
          expect(near(pixelAt(image, sample), chartColours.weightTrend, 40)).toBe(true);
        }
      }
      for (const dot of expected.points[0] ?? []) {
        if (dot) expect(near(pixelAt(image, dot), chartColours.weight, 40)).toBe(true);
      }
    });

    it('when the sent sleep chart is compared, then it matches the known nights', async () => {
      const [photo] = photosIn(await chat.send('/stats sleep'));
      const minutes = new Map([
        [TODAY, 450],
        [addDays(TODAY, -2), 390],
        [addDays(TODAY, -13), 480],
      ]);
      const expected = await renderSleepChart(
        {
          title: 'Sleep, last 14 days',
          legend: { hours: 'Hours slept' },
          days: daysBack(14).map((day) => ({ day, minutes: minutes.get(day) ?? 0 })),
        },
        style,
      );
      expect(sha(photo?.png as Buffer)).toBe(sha(expected.png));
    });

    it('when more is logged, then the next chart is a different picture', async () => {
      const [before] = photosIn(await chat.send('/stats sleep'));
      await harness.services.healthMetrics.log(userId, {
        kind: 'sleep',
        durationMinutes: 300,
        recordedAt: at(addDays(TODAY, -1)),
      });
      const [after] = photosIn(await chat.send('/stats sleep'));
      expect(sha(after?.png as Buffer)).not.toBe(sha(before?.png as Buffer));
      expect(after?.caption).toContain('on the nights you logged (4)');
    });

    it('when Telegram fails a photo upload once, then the delivery layer retries and the chart still arrives', async () => {
      harness.fake.fail('sendPhoto', { kind: 'server_error', status: 502 }, { times: 1, chatId: 9302 });
      const calls = harness.fake.callsOf('sendPhoto').length;
      const replies = await chat.send('/stats weight');
      expect(harness.fake.callsOf('sendPhoto').length).toBe(calls + 2);
      const delivered = harness.fake.callsOf('sendPhoto').at(-1);
      expect(delivered?.response.ok).toBe(true);
      expect(delivered?.files.photo?.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(replies.filter((reply) => reply.method === 'sendPhoto')).toHaveLength(2);
    });

    it('when /stats names no chart it knows or is absurdly long, then the usage is shown', async () => {
      for (const text of ['/stats bogus', '/stats 📈', `/stats ${'w'.repeat(5000)}`]) {
        expect((await chat.send(text)).map((reply) => reply.text)).toEqual([
          'Send /stats for all charts, or just one: /stats calories, /stats weight or /stats sleep.',
        ]);
      }
    });
  });

  it('when food was eaten only earlier in the month and no goal is set, then the week says so and the month has no goal', async () => {
    const { chat, userId } = await person(9303);
    await eat(userId, addDays(TODAY, -15), '2 apples');
    const replies = await chat.send('/stats calories');
    expect(replies.map((reply) => reply.method)).toEqual(['sendMessage', 'sendPhoto']);
    expect(replies[0]?.text).toBe(
      'No food logged in the last 7 days, so there is no calorie chart yet. Tell me what you eat, or use /log.',
    );
    expect(replies[1]?.text).toMatch(
      /on the days you logged food \(1\)\. Set a goal with \/start to see it here\.$/,
    );
  });

  it('when an imperial user asks for the weight chart, then it is drawn in pounds', async () => {
    const { chat, userId } = await person(9304);
    await harness.services.profiles.updateProfile(userId, { units: 'imperial' });
    await harness.services.healthMetrics.log(userId, {
      kind: 'weight',
      amount: 160,
      unit: 'lb',
      recordedAt: at(TODAY, '07:00'),
    });
    const [photo] = photosIn(await chat.send('/stats weight'));
    expect(photo?.caption).toBe(
      'Weight, last 30 days: 160 lb at your last weigh-in, 7-day average 160 lb (±0 lb over the period).',
    );
    const expected = await renderWeightChart(
      {
        title: 'Weight, last 30 days',
        legend: { weight: 'Weight', trend: '7-day average' },
        unit: 'lb',
        days: daysBack(30).map((day) => ({
          day,
          weight: day === TODAY ? 160 : null,
          trend: day === TODAY ? 160 : null,
        })),
      },
      style,
    );
    expect(sha(photo?.png as Buffer)).toBe(sha(expected.png));
  });
});
