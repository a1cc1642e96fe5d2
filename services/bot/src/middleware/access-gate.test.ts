import { displayNameOf, inviteCodeOf } from './access-gate.js';

describe('access gate parsing', () => {
  it('when /start carries a code, then the code is read, also from a deep link with the bot name', () => {
    expect(inviteCodeOf('/start ABCD-EFGH-JKLM')).toBe('ABCD-EFGH-JKLM');
    expect(inviteCodeOf('/start@health_bot abcdefghjklm  ')).toBe('abcdefghjklm');
  });

  it('when there is no code or something else was sent, then there is none', () => {
    for (const text of [
      undefined,
      '',
      '/start',
      '/start   ',
      '/help ABCD',
      'start ABCD',
      `/start ${'x'.repeat(65)}`,
      '/start a b',
    ]) {
      expect(inviteCodeOf(text)).toBeUndefined();
    }
  });

  it('when a Telegram user has names, then they are joined; without, it is empty', () => {
    expect(displayNameOf({ id: 1, is_bot: false, first_name: 'Ana', last_name: 'Pérez 🌿' })).toBe(
      'Ana Pérez 🌿',
    );
    expect(displayNameOf({ id: 1, is_bot: false, first_name: '' })).toBe('');
  });
});
