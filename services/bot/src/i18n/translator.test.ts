import { en, type MessageKey } from '../locales/en.js';
import { es } from '../locales/es.js';
import { sv } from '../locales/sv.js';
import { createTranslator, interpolate, languageFromTelegram, placeholdersOf } from './translator.js';

const translations = { sv, es };
/** What Swedish and Spanish must cover completely: commands, onboarding and what it asks. */
const requiredPrefixes = [
  'command.',
  'onboarding.',
  'timezone.',
  'goals.',
  'units.',
  'access.',
  'common.',
  'help.',
];

describe('translations', () => {
  it.each(Object.entries(translations))(
    'when %s translates a key, then it keeps exactly the English placeholders',
    (_, messages) => {
      for (const [key, text] of Object.entries(messages)) {
        expect([key, placeholdersOf(text as string)]).toEqual([key, placeholdersOf(en[key as MessageKey])]);
      }
    },
  );

  it.each(Object.entries(translations))(
    'when %s is checked, then commands and onboarding are fully translated',
    (_, messages) => {
      const required = (Object.keys(en) as MessageKey[]).filter((key) =>
        requiredPrefixes.some((p) => key.startsWith(p)),
      );
      expect(required.length).toBeGreaterThan(50);
      expect(required.filter((key) => !messages[key])).toEqual([]);
    },
  );

  it('when a language lacks a key, then English is used; placeholders are filled and unknown ones stay visible', () => {
    expect(createTranslator('sv')('onboarding.useName', { name: 'Åsa' })).toBe('Kalla mig Åsa');
    expect(createTranslator('es')('units.set', { units: 'métricas' })).toBe('Unidades: métricas.');
    expect(interpolate('Hi {name}, {missing}', { name: '🙂' })).toBe('Hi 🙂, {missing}');
    expect(interpolate('{n} kcal', { n: 0 })).toBe('0 kcal');
  });

  it('when Telegram reports a language, then supported ones are used and others fall back to English', () => {
    expect(languageFromTelegram('sv')).toBe('sv');
    expect(languageFromTelegram('es-MX')).toBe('es');
    expect(languageFromTelegram('SV')).toBe('sv');
    expect(languageFromTelegram('de')).toBe('en');
    expect(languageFromTelegram(undefined)).toBe('en');
  });
});
