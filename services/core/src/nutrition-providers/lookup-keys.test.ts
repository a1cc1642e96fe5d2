import { ValidationError } from '../errors/index.js';
import { barcodeCacheKey, nameCacheKey, normalizeBarcode, normalizeFoodQuery } from './lookup-keys.js';

describe('lookup keys', () => {
  it('when queries differ only in case, spacing or compatibility forms, then they normalise to one key', () => {
    expect(normalizeFoodQuery('  Cooked\tRICE  ')).toBe('cooked rice');
    expect(normalizeFoodQuery('ｒｉｃｅ')).toBe('rice');
    expect(nameCacheKey(normalizeFoodQuery('Rice'), 5)).toBe(nameCacheKey(normalizeFoodQuery(' rice '), 5));
    expect(nameCacheKey('rice', 5)).not.toBe(nameCacheKey('rice', 10));
  });

  it('when a query keeps emoji or accents, then they are kept as written', () => {
    expect(normalizeFoodQuery('🍚 Crème brûlée')).toBe('🍚 crème brûlée');
  });

  it('when a query is blank, too long or holds control characters, then it is a validation error naming the field', () => {
    expect(() => normalizeFoodQuery(' ')).toThrow(ValidationError);
    expect(() => normalizeFoodQuery('a'.repeat(201))).toThrow('at most 200');
    try {
      normalizeFoodQuery('rice\u0007');
      throw new Error('expected a validation error');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).details).toEqual([
        { path: 'query', message: 'control characters are not allowed' },
      ]);
    }
  });

  it('when a barcode is printed with spaces or dashes, then the digits remain; lengths 8, 12, 13 and 14 are accepted', () => {
    expect(normalizeBarcode('3 017620-422003')).toBe('3017620422003');
    for (const length of [8, 12, 13, 14]) expect(normalizeBarcode('1'.repeat(length))).toHaveLength(length);
    expect(barcodeCacheKey('12345678')).toBe('nutrition:v1:barcode:12345678');
  });

  it('when a barcode has letters or a wrong length, then it is refused', () => {
    for (const bad of [
      '',
      '1234567',
      '123456789',
      '12345678901',
      '1'.repeat(15),
      '1234567a',
      '１２３４５６７８',
    ]) {
      expect(() => normalizeBarcode(bad)).toThrow(ValidationError);
    }
  });
});
