import {
  createDatabase,
  createLogger,
  createMetricsRegistry,
  createServices,
  ManualClock,
  MemoryCache,
  type Services,
} from '@health-agent/core';
import { Api } from 'grammy';
import type { Knex } from 'knex';
import { createTelegramDelivery } from '../delivery/telegram-delivery.js';
import { createBotMetrics } from '../metrics/bot-metrics.js';
import { BotHarness } from '../testing/bot-harness.js';
import type { RecordedCall } from '../testing/fake-telegram-server.js';
import { ReminderDispatcher, type ReminderDispatcherDependencies } from './reminder-dispatcher.js';
import { createReminderMetrics } from './reminder-metrics.js';

const logger = createLogger({ level: 'silent', service: 'test' });
const clock = new ManualClock('2026-03-02T07:00:00Z');

/** The reminder a sent message is for, read from its Done button. */
function reminderIdOf(call: RecordedCall): string | undefined {
  const markup = call.params.reply_markup as { inline_keyboard?: Array<Array<{ callback_data?: string }>> };
  const done = markup?.inline_keyboard?.flat().find((button) => button.callback_data?.startsWith('rem:d:'));
  const hex = done?.callback_data?.split(':')[2];
  return hex
    ? `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
    : undefined;
}

async function until(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('reminder dispatcher (integration)', () => {
  let harness: BotHarness;
  let nextTelegramId = 8100;

  beforeAll(async () => {
    harness = await BotHarness.start({ clock });
  });
  afterAll(() => harness.close());

  beforeEach(async () => {
    clock.set('2026-03-02T07:00:00Z');
    harness.fake.clearFailures();
    // Each test starts with no reminders due, so counts are its own.
    await harness.db('reminders').delete();
  });

  function dispatcher(overrides: Partial<ReminderDispatcherDependencies> = {}): ReminderDispatcher {
    return new ReminderDispatcher({
      reminders: harness.services.reminders,
      profiles: harness.services.profiles,
      api: harness.bot.api,
      clock,
      logger,
      metrics: createReminderMetrics(harness.registry),
      claimerId: 'dispatcher-test',
      intervalMs: 60_000,
      ...overrides,
    });
  }

  /** A Telegram user who has written to the bot (so the chat exists), with a profile. */
  async function person(
    profile: Record<string, unknown> = {},
  ): Promise<{ telegramId: number; userId: string }> {
    const telegramId = nextTelegramId++;
    await harness.services.access.allowTelegramId(telegramId, 'dispatcher tester', null);
    // Admit first, so the account exists whatever the bot is still doing with the update.
    const user = await harness.services.access.admitTelegramUser({
      telegramId,
      displayName: `P${telegramId}`,
    });
    await harness.chat({ id: telegramId, first_name: `P${telegramId}` }).send('/help');
    const userId = user?.id as string;
    if (Object.keys(profile).length > 0) await harness.services.profiles.updateProfile(userId, profile);
    return { telegramId, userId };
  }

  const remindersSentTo = (telegramId: number) =>
    harness.fake
      .callsOf('sendMessage')
      .filter((call) => call.params.chat_id === telegramId && String(call.params.text).startsWith('⏰'));

  const eventsOf = (reminderId: string) =>
    harness.db('reminder_events').where({ reminder_id: reminderId }).orderBy('created_at').pluck('action');

  it('when two dispatchers with their own connections share one database, then every due reminder is sent exactly once', async () => {
    const people = await Promise.all(Array.from({ length: 10 }, () => person()));
    const reminderIds: string[] = [];
    for (const { userId } of people) {
      for (let i = 0; i < 6; i += 1) {
        const reminder = await harness.services.reminders.create(userId, {
          kind: 'daily',
          message: `drink water #${i} 💧`,
          time: `08:0${i}`,
        });
        reminderIds.push(reminder.id);
      }
    }
    clock.set('2026-03-02T08:10:00Z');

    // The second replica: its own pool (on PostgreSQL), services, delivery and Bot API client.
    const backend = harness.db.client.config.client === 'pg' ? 'postgres' : 'pglite';
    let secondPool: Knex | undefined;
    if (backend === 'postgres') {
      const connection = harness.db.client.config.connection as { connectionString: string };
      secondPool = createDatabase({ url: connection.connectionString, poolMax: 3 });
    }
    const registry = createMetricsRegistry({ service: 'bot', defaultMetrics: false });
    const second: Services = createServices({
      db: secondPool ?? harness.db,
      cache: new MemoryCache(),
      clock,
      logger,
      registry,
      config: harness.config,
    });
    const secondApi = new Api(harness.fake.token, { apiRoot: harness.fake.apiRoot });
    createTelegramDelivery({
      breakers: second.breakers,
      outbox: second.outbox,
      logger,
      metrics: createBotMetrics(registry),
      settings: { retries: 3, retryBaseDelayMs: 5, maxRetryAfterSeconds: 3 },
    }).install(secondApi);

    const first = dispatcher({ claimerId: 'replica-a', intervalMs: 5, batchSize: 4 });
    const other = new ReminderDispatcher({
      reminders: second.reminders,
      profiles: second.profiles,
      api: secondApi,
      clock,
      logger,
      metrics: createReminderMetrics(registry),
      claimerId: 'replica-b',
      intervalMs: 5,
      batchSize: 4,
    });
    const before = harness.fake.callsOf('sendMessage').length;
    try {
      first.start();
      other.start();
      const reminderCalls = () =>
        harness.fake
          .callsOf('sendMessage')
          .slice(before)
          .filter((call) => reminderIdOf(call) !== undefined);
      await until(() => reminderCalls().length >= reminderIds.length);
      // A while longer, so a duplicate would have time to show.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await Promise.all([first.stop(), other.stop()]);

      const perReminder = new Map<string, number>();
      for (const call of reminderCalls()) {
        const id = reminderIdOf(call) as string;
        perReminder.set(id, (perReminder.get(id) ?? 0) + 1);
      }
      expect(reminderIds.map((id) => perReminder.get(id) ?? 0)).toEqual(reminderIds.map(() => 1));
      expect(reminderCalls()).toHaveLength(reminderIds.length);
      const sentEvents = await harness
        .db('reminder_events')
        .whereIn('reminder_id', reminderIds)
        .where({ action: 'sent' });
      expect(sentEvents).toHaveLength(reminderIds.length);
      const claimers = await harness.db('reminders').whereIn('id', reminderIds).whereNotNull('claimed_by');
      expect(claimers).toEqual([]);
      // Both replicas did part of the work: the claims really raced.
      const counted = await registry.getSingleMetric('bot_reminders_sent_total')?.get();
      const sentByB = counted?.values.reduce((sum, value) => sum + value.value, 0) ?? 0;
      expect(sentByB).toBeGreaterThan(0);
      expect(sentByB).toBeLessThan(reminderIds.length);
    } finally {
      await Promise.all([first.stop(), other.stop()]);
      second.breakers.shutdown();
      await secondPool?.destroy();
    }
  });

  it('when a reminder comes due in quiet hours, then it waits for their end and is sent once then', async () => {
    const { telegramId, userId } = await person({
      timezone: 'Europe/Stockholm',
      quietHoursStart: 22,
      quietHoursEnd: 7,
    });
    clock.set('2026-03-02T20:00:00Z');
    const reminder = await harness.services.reminders.create(userId, {
      kind: 'daily',
      message: 'stretch',
      time: '23:00',
    });
    clock.set('2026-03-02T22:00:00Z'); // 23:00 in Stockholm
    expect(await dispatcher().runOnce()).toMatchObject({ deferred: 1, sent: 0 });
    expect((await harness.services.reminders.get(userId, reminder.id)).nextRunAt?.toISOString()).toBe(
      '2026-03-03T06:00:00.000Z',
    );
    clock.set('2026-03-03T05:59:00Z');
    expect((await dispatcher().runOnce()).sent).toBe(0);
    clock.set('2026-03-03T06:00:00Z'); // 07:00, the end of quiet hours
    expect((await dispatcher().runOnce()).sent).toBe(1);
    expect(remindersSentTo(telegramId)).toHaveLength(1);
    // Then the regular schedule goes on: 23:00 the same day.
    expect((await harness.services.reminders.get(userId, reminder.id)).nextRunAt?.toISOString()).toBe(
      '2026-03-03T22:00:00.000Z',
    );
  });

  it('when what a reminder asks for was already logged in its window, then it is passed over, not sent', async () => {
    const { telegramId, userId } = await person();
    const reminder = await harness.services.reminders.create(userId, {
      kind: 'daily',
      message: 'drink a glass of water',
      time: '08:00',
      condition: 'water_logged',
      conditionWindowMinutes: 60,
    });
    clock.set('2026-03-02T07:40:00Z');
    await harness.services.healthMetrics.log(userId, { kind: 'water', amount: 300 });
    clock.set('2026-03-02T08:00:00Z');
    expect(await dispatcher().runOnce()).toMatchObject({ conditionMet: 1, sent: 0 });
    expect(remindersSentTo(telegramId)).toEqual([]);
    expect(await eventsOf(reminder.id)).toEqual(['condition_met']);
    // The next day, with no water logged, it is sent.
    clock.set('2026-03-03T08:00:00Z');
    expect((await dispatcher().runOnce()).sent).toBe(1);
  });

  it('when the bot was down past the allowed lateness, then a daily reminder is passed over and a one-time one is sent saying when it was due', async () => {
    const { telegramId, userId } = await person({ timezone: 'Europe/Stockholm' });
    clock.set('2026-03-02T06:00:00Z');
    const daily = await harness.services.reminders.create(userId, {
      kind: 'daily',
      message: 'vitamins',
      time: '08:00',
    });
    const once = await harness.services.reminders.create(userId, {
      kind: 'once',
      message: 'call mum',
      runAt: '2026-03-02T08:00:00Z',
    });
    clock.set('2026-03-02T10:30:00Z'); // 2.5 hours after both
    expect(await dispatcher().runOnce()).toMatchObject({ passedOver: 1, sent: 1 });
    const sent = remindersSentTo(telegramId);
    expect(sent.map((call) => call.params.text)).toEqual([
      '⏰ Reminder (it was due Mon, Mar 2, 09:00): call mum',
    ]);
    expect(await eventsOf(daily.id)).toEqual([]);
    expect((await harness.services.reminders.get(userId, daily.id)).nextRunAt?.toISOString()).toBe(
      '2026-03-03T07:00:00.000Z',
    );
    expect(await eventsOf(once.id)).toEqual(['sent']);
    // Within the allowed lateness a reminder is sent as usual.
    clock.set('2026-03-03T07:45:00Z');
    expect((await dispatcher().runOnce()).sent).toBe(1);
    expect(remindersSentTo(telegramId).at(-1)?.params.text).toBe('⏰ Reminder: vitamins');
  });

  it('when the user blocked the bot, then the send fails with 403, the user is paused and no more reminders are claimed', async () => {
    const { telegramId, userId } = await person();
    const reminder = await harness.services.reminders.create(userId, {
      kind: 'daily',
      message: 'walk',
      time: '08:00',
    });
    harness.fake.blockChat(telegramId);
    try {
      clock.set('2026-03-02T08:00:00Z');
      expect(await dispatcher().runOnce()).toMatchObject({ failed: 1, sent: 0 });
      expect((await harness.services.access.getUser(userId)).status).toBe('paused');
      expect(await eventsOf(reminder.id)).toEqual(['failed']);
      clock.set('2026-03-02T10:00:00Z');
      expect(await dispatcher().runOnce()).toMatchObject({ failed: 0, sent: 0 });
      const metrics = await harness.registry.getSingleMetricAsString('bot_reminders_not_sent_total');
      expect(metrics).toContain('reason="blocked"');
    } finally {
      harness.fake.unblockChat(telegramId);
    }
  });

  it('when Telegram keeps failing with 5xx, then the reminder waits in the outbox, counts as sent, and arrives with its buttons later', async () => {
    const { telegramId, userId } = await person();
    const reminder = await harness.services.reminders.create(userId, {
      kind: 'daily',
      message: 'meds',
      time: '08:00',
    });
    harness.fake.fail(
      'sendMessage',
      { kind: 'server_error', status: 502 },
      { times: 20, chatId: telegramId },
    );
    clock.set('2026-03-02T08:00:00Z');
    expect(await dispatcher().runOnce()).toMatchObject({ queued: 1 });
    expect(await eventsOf(reminder.id)).toEqual(['sent']);
    harness.fake.clearFailures();
    await harness.outboxWorker.runOnce();
    const delivered = remindersSentTo(telegramId).filter((call) => call.status === 200);
    expect(delivered).toHaveLength(1);
    expect(reminderIdOf(delivered[0] as RecordedCall)).toBe(reminder.id);
    expect(await harness.registry.getSingleMetricAsString('bot_reminders_sent_total')).toContain(
      'via="outbox"',
    );
  });

  it('when Telegram refuses a send, then the reminder is retried after the back-off, not at once', async () => {
    const { telegramId, userId } = await person();
    const reminder = await harness.services.reminders.create(userId, {
      kind: 'daily',
      message: 'read',
      time: '08:00',
    });
    harness.fake.fail(
      'sendMessage',
      { kind: 'bad_request', description: 'Bad Request: something odd' },
      { chatId: telegramId },
    );
    clock.set('2026-03-02T08:00:00Z');
    expect(await dispatcher({ retryDelayMs: 120_000 }).runOnce()).toMatchObject({ failed: 1 });
    clock.set('2026-03-02T08:01:00Z');
    expect((await dispatcher().runOnce()).sent).toBe(0);
    clock.set('2026-03-02T08:02:01Z');
    expect((await dispatcher().runOnce()).sent).toBe(1);
    expect(await eventsOf(reminder.id)).toEqual(['failed', 'sent']);
    expect(remindersSentTo(telegramId).filter((call) => call.status === 200)).toHaveLength(1);
  });

  it('when a reminder belongs to a user without Telegram, then it is passed over to its next time', async () => {
    const userId = (
      await harness.db('users').insert({ display_name: 'API only', role: 'user' }).returning('id')
    )[0].id as string;
    await harness.db('user_profiles').insert({ user_id: userId, timezone: 'UTC', day_start_hour: 0 });
    const reminder = await harness.services.reminders.create(userId, {
      kind: 'daily',
      message: 'api',
      time: '08:00',
    });
    clock.set('2026-03-02T08:00:00Z');
    expect(await dispatcher().runOnce()).toMatchObject({ passedOver: 1, sent: 0 });
    expect((await harness.services.reminders.get(userId, reminder.id)).nextRunAt?.toISOString()).toBe(
      '2026-03-03T08:00:00.000Z',
    );
  });
});
