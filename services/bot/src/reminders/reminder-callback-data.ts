/**
 * Callback data of reminder buttons, within Telegram's 64 bytes: the reminder id without
 * dashes and, for answers, the occurrence (scheduledFor, in ms, base 36). Nothing here is
 * trusted: the service checks the reminder belongs to the person pressing and that the
 * occurrence was sent and is unanswered, so forged data changes nothing.
 */

export type ReminderAnswer = 'done' | 'skip' | 'snooze';

export type ReminderButton =
  | { kind: 'answer'; answer: ReminderAnswer; reminderId: string; scheduledFor: Date }
  /** Delete from the list message, showing `page` of the list afterwards. */
  | { kind: 'delete'; reminderId: string; page: number }
  /** Turn the list message to another page. */
  | { kind: 'list'; page: number }
  /** Send the list as a new message (from a confirmation). */
  | { kind: 'showList' };

const answerCodes: Record<ReminderAnswer, string> = { done: 'd', skip: 's', snooze: 'z' };
const answersByCode: Record<string, ReminderAnswer> = { d: 'done', s: 'skip', z: 'snooze' };

/** Every reminder button's data matches this; the feature registers it once. */
export const reminderButtonPattern = /^rem:/;

function compactId(id: string): string {
  return id.replaceAll('-', '').toLowerCase();
}

function expandId(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function answerData(answer: ReminderAnswer, reminderId: string, scheduledFor: Date): string {
  return `rem:${answerCodes[answer]}:${compactId(reminderId)}:${scheduledFor.getTime().toString(36)}`;
}

export function deleteData(reminderId: string, page: number): string {
  return `rem:x:${compactId(reminderId)}:${page}`;
}

export const showListData = 'rem:ls';

export function listData(page: number): string {
  return `rem:l:${page}`;
}

/** The button a callback names, or undefined for data that is not a well-formed reminder button. */
export function readReminderButton(data: string): ReminderButton | undefined {
  if (data === showListData) return { kind: 'showList' };
  const list = /^rem:l:(\d{1,3})$/.exec(data);
  if (list) return { kind: 'list', page: Number(list[1]) };
  const deletion = /^rem:x:([0-9a-f]{32}):(\d{1,3})$/.exec(data);
  if (deletion)
    return { kind: 'delete', reminderId: expandId(deletion[1] as string), page: Number(deletion[2]) };
  const answer = /^rem:([dsz]):([0-9a-f]{32}):([0-9a-z]{1,11})$/.exec(data);
  if (!answer) return undefined;
  const ms = Number.parseInt(answer[3] as string, 36);
  const scheduledFor = new Date(ms);
  if (!Number.isSafeInteger(ms) || Number.isNaN(scheduledFor.getTime())) return undefined;
  return {
    kind: 'answer',
    answer: answersByCode[answer[1] as string] as ReminderAnswer,
    reminderId: expandId(answer[2] as string),
    scheduledFor,
  };
}
