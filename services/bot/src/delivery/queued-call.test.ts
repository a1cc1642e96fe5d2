import { InputFile } from 'grammy';
import { fromQueuedCall, MAX_QUEUED_FILE_BYTES, toQueuedCall, UnqueueableCallError } from './queued-call.js';

describe('queued calls', () => {
  it('when a send with an in-memory file is queued, then it comes back the same, bytes and name included', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    const stored = await toQueuedCall('sendDocument', {
      chat_id: 9,
      document: new InputFile(bytes, 'export.csv'),
      caption: 'Your data 📦',
    });
    expect(JSON.parse(JSON.stringify(stored))).toEqual(stored);
    const { method, payload } = fromQueuedCall(JSON.parse(JSON.stringify(stored)));
    expect(method).toBe('sendDocument');
    expect(payload.caption).toBe('Your data 📦');
    const file = payload.document as InputFile;
    expect(file.filename).toBe('export.csv');
    expect(Buffer.from((await file.toRaw()) as Uint8Array).equals(bytes)).toBe(true);
  });

  it('when a call cannot be stored, then it is refused with the reason', async () => {
    await expect(toQueuedCall('deleteMessage', { chat_id: 1 })).rejects.toBeInstanceOf(UnqueueableCallError);
    const huge = new InputFile(Buffer.alloc(MAX_QUEUED_FILE_BYTES + 1));
    await expect(toQueuedCall('sendDocument', { chat_id: 1, document: huge })).rejects.toThrow('too large');
  });

  it('when a stored row is not a call, then reading it fails', () => {
    expect(() => fromQueuedCall({ method: 'sendMessage' })).toThrow();
    expect(() => fromQueuedCall({ method: 'banChatMember', params: {} })).toThrow();
    expect(fromQueuedCall({ method: 'sendMessage', params: { chat_id: 1, text: 'hi' } }).payload).toEqual({
      chat_id: 1,
      text: 'hi',
    });
  });
});
