import { en, type LocaleMessages, type MessageKey } from '../locales/en.js';
import { es } from '../locales/es.js';
import { sv } from '../locales/sv.js';

export const languages = ['en', 'sv', 'es'] as const;
export type Language = (typeof languages)[number];

export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

const locales: Record<Language, LocaleMessages> = { en, sv, es };

/** What each language calls itself, for the language picker. */
export const languageNames: Record<Language, string> = { en: 'English', sv: 'Svenska', es: 'Español' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** The language of someone without a profile yet, from their Telegram client's setting. */
export function languageFromTelegram(languageCode: string | undefined): Language {
  const base = languageCode?.toLowerCase().split('-')[0];
  return isLanguage(base) ? base : 'en';
}

/** Fills {placeholders}; one the caller did not give stays visible rather than vanishing. */
export function interpolate(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

export function createTranslator(language: Language): Translate {
  const messages = locales[language];
  return (key, params) => interpolate(messages[key] ?? en[key], params);
}

/** The placeholders a template uses, for checking that translations keep them. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string).sort();
}

export { locales };
