import { csvField, FOOD_CSV_COLUMNS, foodCsv } from './food-csv.js';

const header = FOOD_CSV_COLUMNS.join(',');

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['🍣 sushi', '🍣 sushi'],
    ['', ''],
  ])('when the value is %j, then the field is %j (RFC 4180)', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it('when text starts like a spreadsheet formula, then it is defused with an apostrophe', () => {
    expect(csvField('=HYPERLINK("x")', { text: true })).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1', { text: true })).toBe("'+1");
    expect(csvField('-1', { text: true })).toBe("'-1");
    expect(csvField('@sum', { text: true })).toBe("'@sum");
    expect(csvField('=1')).toBe('=1');
  });
});

describe('foodCsv', () => {
  const stockholm = { timezone: 'Europe/Stockholm', dayStartHour: 0 };

  it('when there are no entries, then only the header is written, CRLF-terminated', () => {
    expect(foodCsv([], stockholm)).toBe(`${header}\r\n`);
  });

  it('when an entry has items, then each item is a row with UTC and local times and nutrients', () => {
    const csv = foodCsv(
      [
        {
          id: 'e1',
          eatenAt: new Date('2026-01-15T22:30:00Z'),
          meal: 'dinner',
          source: 'text',
          items: [
            {
              foodName: 'Egg, whole, cooked, hard-boiled',
              grams: 100,
              nutrients: {
                kcal: 155,
                proteinG: 12.6,
                fatG: 10.6,
                carbsG: 1.12,
                fiberG: 0,
                sugarG: 1.12,
                sodiumMg: 124,
              },
              source: 'usda-sr28',
            },
            { foodName: 'Tea "Earl Grey", hot 🫖', grams: 240, nutrients: { kcal: 2, proteinG: null } },
          ],
        },
      ],
      stockholm,
    );
    expect(csv.split('\r\n')).toEqual([
      header,
      'e1,2026-01-15T22:30:00Z,2026-01-15T23:30:00+01:00,2026-01-15,Europe/Stockholm,dinner,' +
        '"Egg, whole, cooked, hard-boiled",100,155,12.6,10.6,1.12,0,1.12,124,usda-sr28',
      'e1,2026-01-15T22:30:00Z,2026-01-15T23:30:00+01:00,2026-01-15,Europe/Stockholm,dinner,' +
        '"Tea ""Earl Grey"", hot 🫖",240,2,,,,,,,text',
      '',
    ]);
  });

  it('when the day starts at 04:00 local, then a 02:00 snack belongs to the previous local day', () => {
    const csv = foodCsv(
      [
        {
          id: 'e2',
          eatenAt: new Date('2026-07-02T00:00:00Z'),
          meal: null,
          source: 'manual',
          items: [{ foodName: 'x' }],
        },
      ],
      { timezone: 'Europe/Stockholm', dayStartHour: 4 },
    );
    expect(csv.split('\r\n')[1]).toBe(
      'e2,2026-07-02T00:00:00Z,2026-07-02T02:00:00+02:00,2026-07-01,Europe/Stockholm,,x,,,,,,,,,manual',
    );
  });

  it('when items are malformed, then unknown fields become empty cells and nothing is invented', () => {
    const csv = foodCsv(
      [
        {
          id: 'e3',
          eatenAt: new Date('2026-01-01T00:00:00Z'),
          meal: 'snack',
          source: 'agent',
          items: [
            null,
            'text',
            { name: 'Legacy name', grams: '85.5', nutrients: { kcal: 'lots', fatG: Infinity } },
          ],
        },
      ],
      { timezone: 'UTC', dayStartHour: 0 },
    );
    const rows = csv.split('\r\n').slice(1, -1);
    expect(rows).toEqual([
      'e3,2026-01-01T00:00:00Z,2026-01-01T00:00:00Z,2026-01-01,UTC,snack,,,,,,,,,,agent',
      'e3,2026-01-01T00:00:00Z,2026-01-01T00:00:00Z,2026-01-01,UTC,snack,,,,,,,,,,agent',
      'e3,2026-01-01T00:00:00Z,2026-01-01T00:00:00Z,2026-01-01,UTC,snack,Legacy name,85.5,,,,,,,,agent',
    ]);
  });

  it('when an entry has no items, then it adds no rows', () => {
    const csv = foodCsv(
      [{ id: 'e4', eatenAt: new Date('2026-01-01T00:00:00Z'), meal: null, source: 'text', items: [] }],
      { timezone: 'UTC', dayStartHour: 0 },
    );
    expect(csv).toBe(`${header}\r\n`);
  });

  it('when a food name holds a line break, then the row stays one CSV record', () => {
    const csv = foodCsv(
      [
        {
          id: 'e5',
          eatenAt: new Date('2026-01-01T00:00:00Z'),
          meal: null,
          source: 'text',
          items: [{ foodName: 'a\r\nb' }],
        },
      ],
      { timezone: 'UTC', dayStartHour: 0 },
    );
    expect(csv).toContain(',"a\r\nb",');
  });
});
