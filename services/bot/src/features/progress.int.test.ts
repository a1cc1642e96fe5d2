import { ManualClock } from '@health-agent/core';
import { BotHarness, type TestChat } from '../testing/bot-harness.js';

describe('/xp, /streaks and /achievements', () => {
  const clock = new ManualClock('2026-11-26T12:00:00Z');
  let harness: BotHarness;
  let chat: TestChat;

  beforeAll(async () => {
    harness = await BotHarness.start({ clock });
    await harness.services.access.allowTelegramId(9401, 'progress tester', null);
    chat = harness.chat({ id: 9401, first_name: 'Progress' });
    await chat.send('/help');
  });
  afterAll(() => harness.close());

  const reply = async (text: string) => (await chat.send(text))[0]?.text;

  it('when nothing is logged yet, then level 1, no streaks and the nearest achievements are shown', async () => {
    expect(await reply('/xp')).toBe('Level 1 · Bronze\n▱▱▱▱▱▱▱▱▱▱ 0/100 XP\n100 XP to level 2. Total: 0 XP.');
    expect(await reply('/streaks')).toBe('No streaks yet: log something today to start one.');
    const achievements = (await reply('/achievements'))?.split('\n') ?? [];
    expect(achievements[0]).toMatch(/^Achievements: 0 of \d+ unlocked\.$/);
    expect(achievements[1]).toBe('Closest next:');
    expect(achievements.slice(2)).toHaveLength(5);
    expect(achievements.slice(2).every((line) => /^▫️ .+: .+ \(\d+\/\d+\)$/.test(line))).toBe(true);
  });

  it('when water and sleep are logged over two days, then XP, tier progress, streaks and unlocked achievements follow', async () => {
    clock.set('2026-11-25T20:00:00Z');
    await chat.send('/water 500');
    clock.set('2026-11-26T08:00:00Z');
    await chat.send('/water');
    await chat.send('/sleep 8h q9');

    const progress = await harness.services.gamification.getProgress(
      (await harness.db('users').where({ telegram_id: 9401 }).first()).id,
    );
    const filled = Math.floor((progress.xpIntoLevel / progress.xpForNextLevel) * 10);
    expect(await reply('/xp')).toBe(
      `Level ${progress.level} · Bronze\n${'▰'.repeat(filled)}${'▱'.repeat(10 - filled)} ${progress.xpIntoLevel}/${progress.xpForNextLevel} XP\n${progress.nextLevelAt - progress.totalXp} XP to level ${progress.level + 1}. Total: ${progress.totalXp} XP.`,
    );
    expect(progress.totalXp).toBeGreaterThan(0);

    const streaks = (await reply('/streaks'))?.split('\n') ?? [];
    expect(streaks[0]).toBe('Your streaks:');
    expect(streaks).toContain('🔥 water: 2-day streak (best 2, freeze days left: 2)');
    expect(streaks).toContain('🔥 sleep: 1-day streak (best 1, freeze days left: 2)');
    expect(streaks).toContain('🔥 any logging: 2-day streak (best 2, freeze days left: 2)');
    expect(streaks).toContain('▫️ food: no streak now (best 0)');
    expect(streaks.at(-1)).toContain('Freeze days cover a missed day');

    const achievements = (await reply('/achievements'))?.split('\n') ?? [];
    expect(achievements[0]).toMatch(/^Achievements: [1-9]\d* of \d+ unlocked\.$/);
    expect(achievements).toContain('🏆 First sip: Log water for the first time.');
  });

  it('when a Swedish user asks, then the command texts that are translated come in Swedish', async () => {
    const user = (await harness.db('users').where({ telegram_id: 9401 }).first()).id;
    await harness.services.profiles.updateProfile(user, { language: 'sv' });
    expect(await reply('/water 250')).toMatch(/^💧 Loggade 250 ml vatten\./);
    await harness.services.profiles.updateProfile(user, { language: 'en' });
  });
});
