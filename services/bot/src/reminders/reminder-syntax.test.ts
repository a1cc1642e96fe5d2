import { parseRemindCommand, readTimeOfDay, readWeekdays } from './reminder-syntax.js';

const today = '2026-03-02';
const parse = (text: string) => parseRemindCommand(text, today);

describe('/remind syntax', () => {
  it('when a time, days and a text are given, then a daily reminder on those weekdays is read', () => {
    expect(parse('08:00 mon-fri take vitamins')).toEqual({
      action: 'create',
      reminder: { kind: 'daily', time: '08:00', weekdays: [1, 2, 3, 4, 5], message: 'take vitamins' },
    });
  });

  it('when "daily" or no days are given, then the reminder is for every day', () => {
    expect(parse('21:30 daily stretch')).toEqual({
      action: 'create',
      reminder: { kind: 'daily', time: '21:30', message: 'stretch' },
    });
    expect(parse('7:05 drink   a glass of water 💧')).toEqual({
      action: 'create',
      reminder: { kind: 'daily', time: '07:05', message: 'drink   a glass of water 💧' },
    });
    expect(parse('09:00 mon-sun x')).toMatchObject({ reminder: { kind: 'daily', time: '09:00' } });
    expect(parse('09:00 mon-sun x')).not.toHaveProperty('reminder.weekdays');
  });

  it('when one weekday comes before or after the time, then the reminder is weekly', () => {
    expect(parse('sun 10:00 weekly plan')).toEqual({
      action: 'create',
      reminder: { kind: 'weekly', time: '10:00', weekday: 7, message: 'weekly plan' },
    });
    expect(parse('10:00 Wednesday call the pharmacy')).toMatchObject({
      reminder: { kind: 'weekly', weekday: 3, message: 'call the pharmacy' },
    });
  });

  it('when days are given as lists, wrapping ranges, keywords or in Swedish and Spanish, then they are read', () => {
    expect(readWeekdays('mon,wed,fri')).toEqual([1, 3, 5]);
    expect(readWeekdays('fri-mon')).toEqual([1, 5, 6, 7]);
    expect(readWeekdays('mon-wed,sat')).toEqual([1, 2, 3, 6]);
    expect(readWeekdays('weekdays')).toEqual([1, 2, 3, 4, 5]);
    expect(readWeekdays('WEEKENDS')).toEqual([6, 7]);
    expect(readWeekdays('mån-fre')).toEqual([1, 2, 3, 4, 5]);
    expect(readWeekdays('lun,mié,vie')).toEqual([1, 3, 5]);
    expect(readWeekdays('sön')).toEqual([7]);
    expect(readWeekdays('mon-')).toBeUndefined();
    expect(readWeekdays('mon-tue-wed')).toBeUndefined();
    expect(readWeekdays('vitamins')).toBeUndefined();
  });

  it('when times are typed in other common ways, then they become HH:MM, and impossible ones are refused', () => {
    expect(readTimeOfDay('8:30')).toBe('08:30');
    expect(readTimeOfDay('08.30')).toBe('08:30');
    expect(readTimeOfDay('8am')).toBe('08:00');
    expect(readTimeOfDay('12am')).toBe('00:00');
    expect(readTimeOfDay('12pm')).toBe('12:00');
    expect(readTimeOfDay('9:45pm')).toBe('21:45');
    expect(readTimeOfDay('23:59')).toBe('23:59');
    for (const bad of ['24:00', '8:61', '8', '0800', '13pm', '0am', '8:5', 'noon']) {
      expect([bad, readTimeOfDay(bad)]).toEqual([bad, undefined]);
    }
  });

  it('when a one-time reminder is given, then its local date and time are read, in either order', () => {
    expect(parse('once 2026-12-24 18:00 call mum')).toEqual({
      action: 'create',
      reminder: { kind: 'once', date: '2026-12-24', time: '18:00', message: 'call mum' },
    });
    expect(parse('once 18:00 2026-12-24 call mum')).toMatchObject({ reminder: { date: '2026-12-24' } });
    expect(parse('once tomorrow 7am dentist')).toMatchObject({
      reminder: { kind: 'once', date: '2026-03-03', time: '07:00', message: 'dentist' },
    });
    expect(parse('once today 23:00 bed')).toMatchObject({ reminder: { date: today } });
  });

  it('when the time is wrong, then the error names the time as typed', () => {
    expect(parse('25:00 mon-fri take vitamins')).toEqual({
      action: 'invalid',
      error: { problem: 'time', input: '25:00' },
    });
    expect(parse('8:61 stretch')).toMatchObject({ error: { problem: 'time', input: '8:61' } });
    expect(parse('sun 10 weekly plan')).toMatchObject({ error: { problem: 'time', input: '10' } });
    expect(parse('once 2026-12-24 7 call')).toMatchObject({ error: { problem: 'time', input: '7' } });
  });

  it('when the days are wrong, then the error names the days as typed', () => {
    expect(parse('08:00 mon-fry take vitamins')).toEqual({
      action: 'invalid',
      error: { problem: 'days', input: 'mon-fry' },
    });
    expect(parse('mon-frl 08:00 x')).toMatchObject({ error: { problem: 'days', input: 'mon-frl' } });
  });

  it('when a word with a dash follows the time, then it is taken as the text, not as days', () => {
    expect(parse('08:00 check-in with coach')).toMatchObject({
      reminder: { kind: 'daily', message: 'check-in with coach' },
    });
  });

  it('when the date is wrong, then the error names it', () => {
    expect(parse('once 2026-02-30 18:00 x')).toMatchObject({
      error: { problem: 'date', input: '2026-02-30' },
    });
    expect(parse('once 24/12 18:00 x')).toMatchObject({ error: { problem: 'date', input: '24/12' } });
  });

  it('when the text is missing, then that is the error', () => {
    expect(parse('08:00')).toEqual({ action: 'invalid', error: { problem: 'message' } });
    expect(parse('08:00 mon-fri')).toEqual({ action: 'invalid', error: { problem: 'message' } });
    expect(parse('once 2026-12-24 18:00   ')).toEqual({ action: 'invalid', error: { problem: 'message' } });
  });

  it('when nothing usable is given, then the usage is asked for', () => {
    expect(parse('')).toEqual({ action: 'help' });
    expect(parse('help')).toEqual({ action: 'help' });
    expect(parse('take vitamins')).toEqual({ action: 'invalid', error: { problem: 'usage' } });
    expect(parse('mon')).toEqual({ action: 'invalid', error: { problem: 'usage' } });
    expect(parse('once')).toEqual({ action: 'invalid', error: { problem: 'usage' } });
  });

  it('when list or delete with a number are asked for, then they are read', () => {
    expect(parse('list')).toEqual({ action: 'list' });
    expect(parse('  LIST ')).toEqual({ action: 'list' });
    expect(parse('delete 2')).toEqual({ action: 'delete', position: 2 });
    expect(parse('delete #12')).toEqual({ action: 'delete', position: 12 });
    expect(parse('delete')).toEqual({ action: 'invalid', error: { problem: 'number', input: '' } });
    expect(parse('delete 0')).toMatchObject({ error: { problem: 'number' } });
    expect(parse('delete two')).toMatchObject({ error: { problem: 'number', input: 'two' } });
  });
});
