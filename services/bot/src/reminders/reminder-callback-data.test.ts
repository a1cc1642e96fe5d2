import {
  answerData,
  deleteData,
  listData,
  readReminderButton,
  showListData,
} from './reminder-callback-data.js';

const id = '0f8c2a4e-1b2c-4d5e-8f90-123456789abc';
const scheduledFor = new Date('2026-03-29T06:00:00.123Z');

describe('reminder button data', () => {
  it('when an answer button is made, then it fits Telegram and reads back to the same occurrence', () => {
    for (const answer of ['done', 'skip', 'snooze'] as const) {
      const data = answerData(answer, id, scheduledFor);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(readReminderButton(data)).toEqual({ kind: 'answer', answer, reminderId: id, scheduledFor });
    }
  });

  it('when list and delete buttons are made, then they read back', () => {
    expect(readReminderButton(deleteData(id, 3))).toEqual({ kind: 'delete', reminderId: id, page: 3 });
    expect(readReminderButton(listData(2))).toEqual({ kind: 'list', page: 2 });
    expect(readReminderButton(showListData)).toEqual({ kind: 'showList' });
  });

  it('when data is malformed or forged in shape, then it is not a reminder button', () => {
    for (const data of [
      'rem:',
      'rem:d',
      'rem:q:0f8c2a4e1b2c4d5e8f90123456789abc:abc',
      'rem:d:0f8c2a4e1b2c4d5e8f90123456789ab:abc',
      'rem:d:0f8c2a4e1b2c4d5e8f90123456789abc:',
      'rem:d:0f8c2a4e1b2c4d5e8f90123456789abc:zzzzzzzzzzz',
      'rem:x:0f8c2a4e1b2c4d5e8f90123456789abc',
      'rem:l:-1',
      'rem:l:1234',
      'rem:d:0F8C2A4E1B2C4D5E8F90123456789ABC:abc',
    ]) {
      expect([data, readReminderButton(data)]).toEqual([data, undefined]);
    }
  });
});
