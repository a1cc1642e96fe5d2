import { telegramIdFromFolderName } from './memory-directory-reader.js';

describe('telegramIdFromFolderName', () => {
  it.each([
    ['123456789', 123456789],
    ['1', 1],
    ['9007199254740991', 9007199254740991],
  ])('when the folder is %j, then the Telegram id is %d', (name, id) => {
    expect(telegramIdFromFolderName(name)).toBe(id);
  });

  it.each(['0', '007', '-100123', '12a', '', ' 12', '1.5', '9007199254740993', '12345678901234567'])(
    'when the folder is %j, then it is not a Telegram id',
    (name) => {
      expect(telegramIdFromFolderName(name)).toBeNull();
    },
  );
});
