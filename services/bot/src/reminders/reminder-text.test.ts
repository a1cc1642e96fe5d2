import { createTranslator } from '../i18n/translator.js';
import { answerKeyboard, clockTime, reminderText, scheduleText, weekdaysText } from './reminder-text.js';

const en = createTranslator('en');
const sv = createTranslator('sv');
const schedule = { timeOfDay: '08:00', runAt: null };

describe('reminder texts', () => {
  it('when weekdays are listed, then runs of three or more become a range', () => {
    expect(weekdaysText([1, 2, 3, 4, 5], 'en')).toBe('Mon–Fri');
    expect(weekdaysText([1, 3, 5], 'en')).toBe('Mon, Wed, Fri');
    expect(weekdaysText([6, 7], 'en')).toBe('Sat, Sun');
    expect(weekdaysText([1, 2, 3, 5, 6], 'en')).toBe('Mon–Wed, Fri, Sat');
    expect(weekdaysText([1, 2, 3, 4, 5], 'sv')).toBe('mån–fre');
  });

  it('when a schedule is described, then each kind reads as words in the language', () => {
    expect(
      scheduleText({ ...schedule, kind: 'daily', weekdays: [1, 2, 3, 4, 5, 6, 7] }, 'UTC', en, 'en'),
    ).toBe('every day at 08:00');
    expect(scheduleText({ ...schedule, kind: 'daily', weekdays: [1, 2, 3, 4, 5] }, 'UTC', en, 'en')).toBe(
      'Mon–Fri at 08:00',
    );
    expect(scheduleText({ ...schedule, kind: 'weekly', weekdays: [7] }, 'UTC', en, 'en')).toBe(
      'every Sun at 08:00',
    );
    expect(scheduleText({ ...schedule, kind: 'weekly', weekdays: [7] }, 'UTC', sv, 'sv')).toBe(
      'varje sön kl. 08:00',
    );
    const once = scheduleText(
      { kind: 'once', timeOfDay: null, weekdays: [], runAt: new Date('2026-12-24T17:00:00Z') },
      'Europe/Stockholm',
      en,
      'en',
    );
    expect(once).toMatch(/^once, .*Dec.*24.*2026.*18:00$/);
  });

  it('when a time is shown, then it is the wall clock of the zone', () => {
    expect(clockTime(new Date('2026-03-29T06:00:00Z'), 'Europe/Stockholm', 'en')).toBe('08:00');
    expect(clockTime(new Date('2026-03-28T07:00:00Z'), 'Europe/Stockholm', 'en')).toBe('08:00');
  });

  it('when a reminder is delivered on time or late, then the late one says when it was due', () => {
    const scheduledFor = new Date('2026-12-24T17:00:00Z');
    const common = { scheduledFor, zone: 'Europe/Stockholm', t: en, language: 'en' as const };
    expect(reminderText({ message: 'call mum' }, { ...common, late: false })).toBe('⏰ Reminder: call mum');
    expect(reminderText({ message: 'call mum' }, { ...common, late: true })).toMatch(
      /^⏰ Reminder \(it was due .*18:00\): call mum$/,
    );
  });

  it('when the answer buttons are made, then Done, Skip and Snooze carry the occurrence', () => {
    const keyboard = answerKeyboard('0f8c2a4e-1b2c-4d5e-8f90-123456789abc', new Date(0), sv);
    const buttons = keyboard.inline_keyboard.flat();
    expect(buttons.map((button) => button.text)).toEqual(['✅ Klart', '⏭ Hoppa över', '😴 Snooza 30 min']);
    expect(buttons.map((button) => ('callback_data' in button ? button.callback_data : ''))).toEqual([
      'rem:d:0f8c2a4e1b2c4d5e8f90123456789abc:0',
      'rem:s:0f8c2a4e1b2c4d5e8f90123456789abc:0',
      'rem:z:0f8c2a4e1b2c4d5e8f90123456789abc:0',
    ]);
  });
});
