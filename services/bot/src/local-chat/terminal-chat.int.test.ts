import { PassThrough } from 'node:stream';
import { Api, InlineKeyboard, InputFile } from 'grammy';
import { FakeTelegramServer } from '../testing/fake-telegram-server.js';
import { TerminalChat } from './terminal-chat.js';

const person = { id: 5150, first_name: 'Terry' };
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000010000000100806000000', 'hex');

describe('terminal chat', () => {
  let fake: FakeTelegramServer;
  let api: Api;
  let output: string;
  let saved: Array<{ filename: string; bytes: Buffer }>;
  let chat: TerminalChat;

  beforeEach(async () => {
    fake = await FakeTelegramServer.start();
    api = new Api(fake.token, { apiRoot: fake.apiRoot });
    output = '';
    saved = [];
    const stream = new PassThrough();
    stream.on('data', (chunk) => (output += chunk));
    let handled = 0;
    chat = new TerminalChat({
      fake,
      person,
      output: stream,
      saveFile: async (filename, bytes) => {
        saved.push({ filename, bytes });
        return `data/chat/${filename}`;
      },
      // Stands in for the bot: every look at the counter finds one more update handled.
      handledUpdates: async () => handled++,
    });
    // The chat exists once the person has written.
    await chat.handleLine('hello');
  });
  afterEach(() => fake.stop());

  const pushed = async () => (await api.getUpdates({ offset: 0, timeout: 0 })).slice(-1)[0];

  it('when a line is typed, then it reaches the bot as a text message from the person', async () => {
    await chat.handleLine('/remind 08:00 take vitamins 💊');
    expect(await pushed()).toMatchObject({
      message: {
        text: '/remind 08:00 take vitamins 💊',
        from: { id: 5150 },
        chat: { id: 5150, type: 'private' },
      },
    });
    await chat.handleLine('   ');
    expect((await pushed())?.message?.text).toBe('/remind 08:00 take vitamins 💊');
  });

  it('when the bot sends messages with buttons, then they print with numbers and #n presses the button', async () => {
    await api.sendMessage(5150, 'Which units?\nPick one.', {
      reply_markup: new InlineKeyboard()
        .text('Metric', 'units:metric')
        .row()
        .text('Imperial', 'units:imperial')
        .url('Docs', 'https://example.org'),
    });
    await chat.printNew();
    expect(output).toContain(
      'bot> Which units?\n     Pick one.\n     [#1 Metric]\n     [#2 Imperial] [Docs]\n',
    );

    await chat.handleLine('#2');
    const press = await pushed();
    expect(press?.callback_query).toMatchObject({ data: 'units:imperial', from: { id: 5150 } });
    await api.answerCallbackQuery(press?.callback_query?.id as string, { text: 'Units set to imperial.' });
    await api.answerCallbackQuery('someone-elses-query', { text: 'not for this chat' });
    await api.editMessageText(5150, press?.callback_query?.message?.message_id as number, 'Units: imperial');
    await chat.printNew();
    expect(output).toContain('bot> (notice) Units set to imperial.\n');
    expect(output).not.toContain('not for this chat');
    expect(output).toContain('bot> (edited) Units: imperial\n');

    await chat.handleLine('#99');
    expect(output).toContain('bot> (there is no button #99)');
  });

  it('when the bot sends a photo or a file, then it is saved and its place printed', async () => {
    await api.sendPhoto(5150, new InputFile(png, 'chart.png'), { caption: 'Calories, last 7 days' });
    await api.sendDocument(5150, new InputFile(Buffer.from('{"a":1}'), 'export.json'));
    await api.sendMessage(9999, 'to another chat').catch(() => undefined);
    await chat.printNew();
    expect(output).toContain(
      'bot> [photo: chart.png saved to data/chat/chart.png]\n     Calories, last 7 days\n',
    );
    expect(output).toContain('bot> [file: export.json saved to data/chat/export.json]\n');
    expect(output).not.toContain('to another chat');
    expect(saved.map((file) => [file.filename, file.bytes.length])).toEqual([
      ['chart.png', png.length],
      ['export.json', 7],
    ]);
  });

  it('when a location is typed with !location, then the bot gets a location message', async () => {
    await chat.handleLine('!location 59.33, 18.07');
    expect((await pushed())?.message?.location).toEqual({ latitude: 59.33, longitude: 18.07 });
  });

  it('when the bot does not answer in time, then the line fails with a clear error', async () => {
    const silent = new TerminalChat({
      fake,
      person,
      output: new PassThrough(),
      saveFile: async () => '',
      handledUpdates: async () => 0,
      answerTimeoutMs: 50,
    });
    await expect(silent.handleLine('anyone?')).rejects.toThrow('the bot did not answer in time');
  });
});
