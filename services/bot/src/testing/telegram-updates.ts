import type { Chat, Message, MessageEntity, User } from 'grammy/types';
import type { NewUpdate } from './fake-telegram-server.js';

/** A person as Telegram describes them in updates. */
export interface TelegramPerson {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

let messageIds = 1;
let callbackIds = 1;

function sender(person: TelegramPerson): User {
  return { is_bot: false, ...person };
}

export function privateChatOf(person: TelegramPerson): Chat.PrivateChat {
  return { id: person.id, type: 'private', first_name: person.first_name };
}

export function groupChat(id: number): Chat.GroupChat {
  return { id, type: 'group', title: 'Family health group' };
}

function messageUpdate(message: object): NewUpdate {
  return { message } as NewUpdate;
}

function baseMessage(person: TelegramPerson, chat: Chat): Omit<Message, 'chat'> & { chat: Chat } {
  return {
    message_id: messageIds++,
    date: Math.floor(Date.now() / 1000),
    chat,
    from: sender(person),
  } as Omit<Message, 'chat'> & { chat: Chat };
}

/** A text message; a leading /command carries the bot_command entity Telegram adds. */
export function textUpdate(
  person: TelegramPerson,
  text: string,
  chat: Chat = privateChatOf(person),
): NewUpdate {
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  const entities: MessageEntity[] = command
    ? [{ type: 'bot_command', offset: 0, length: command[0].length }]
    : [];
  return messageUpdate({ ...baseMessage(person, chat), text, ...(entities.length ? { entities } : {}) });
}

export function editedTextUpdate(person: TelegramPerson, messageId: number, text: string): NewUpdate {
  return {
    edited_message: {
      ...baseMessage(person, privateChatOf(person)),
      message_id: messageId,
      edit_date: Math.floor(Date.now() / 1000),
      text,
    } as Message,
  } as NewUpdate;
}

export function locationUpdate(person: TelegramPerson, latitude: number, longitude: number): NewUpdate {
  return messageUpdate({ ...baseMessage(person, privateChatOf(person)), location: { latitude, longitude } });
}

export function stickerUpdate(person: TelegramPerson): NewUpdate {
  return messageUpdate({
    ...baseMessage(person, privateChatOf(person)),
    sticker: {
      file_id: 'sticker-file',
      file_unique_id: 'sticker-unique',
      type: 'regular',
      width: 512,
      height: 512,
      is_animated: false,
      is_video: false,
      emoji: '🥦',
    },
  });
}

export function photoUpdate(person: TelegramPerson, fileId: string): NewUpdate {
  return messageUpdate({
    ...baseMessage(person, privateChatOf(person)),
    photo: [{ file_id: fileId, file_unique_id: `${fileId}-u`, width: 640, height: 480 }],
  });
}

export function voiceUpdate(person: TelegramPerson): NewUpdate {
  return messageUpdate({
    ...baseMessage(person, privateChatOf(person)),
    voice: { file_id: 'voice-file', file_unique_id: 'voice-unique', duration: 3 },
  });
}

export function contactUpdate(person: TelegramPerson): NewUpdate {
  return messageUpdate({
    ...baseMessage(person, privateChatOf(person)),
    contact: { phone_number: '+46700000000', first_name: 'Someone' },
  });
}

/** A button press on a message the bot sent. */
export function callbackUpdate(person: TelegramPerson, message: Message, data: string): NewUpdate {
  return {
    callback_query: {
      id: `cbq-${callbackIds++}`,
      from: sender(person),
      chat_instance: `instance-${message.chat.id}`,
      message,
      data,
    },
  } as NewUpdate;
}

/** Telegram's notice that a person blocked ('kicked') or unblocked ('member') the bot. */
export function membershipUpdate(person: TelegramPerson, status: 'kicked' | 'member', bot: User): NewUpdate {
  const old = status === 'kicked' ? 'member' : 'kicked';
  return {
    my_chat_member: {
      chat: privateChatOf(person),
      from: sender(person),
      date: Math.floor(Date.now() / 1000),
      old_chat_member:
        old === 'kicked' ? { status: 'kicked', user: bot, until_date: 0 } : { status: 'member', user: bot },
      new_chat_member:
        status === 'kicked'
          ? { status: 'kicked', user: bot, until_date: 0 }
          : { status: 'member', user: bot },
    },
  } as NewUpdate;
}
