import { describe, expect, test } from 'vitest';
import type { CardDeclaration } from '../../engine/card.js';
import { callCard } from '../test-kit.js';
import add from './add.card.js';
import diff from './diff.card.js';
import epoch from './epoch.card.js';
import format from './format.card.js';
import fromISO from './fromISO.card.js';
import now from './now.card.js';
import parse from './parse.card.js';
import subtract from './subtract.card.js';
import unix from './unix.card.js';

async function run(card: CardDeclaration, values: Record<string, unknown>) {
  const inputs = card.inputs.map((field) => ({ ...field, value: Object.hasOwn(values, field.key) ? values[field.key] : null }));
  return (await callCard(card, { inputs, now: new Date('2016-09-07T16:55:25.670Z') })).outputs;
}

describe('Now (date:now)', () => {
  test('the host clock, whole and in parts, in UTC', async () => {
    expect(await run(now, {})).toEqual({
      date: '2016-09-07T16:55:25.670Z',
      iso: '2016-09-07T16:55:25.670Z',
      full: 'Wed, 07 Sep 2016 16:55:25 GMT',
      time: '16:55:25',
      year: 2016,
      month: 'September',
      day: 7,
      hour: 16,
      minute: 55,
      second: 25,
      millisecond: 670,
    });
  });
});

describe('Add and Subtract', () => {
  test.each([
    [add, '2016-09-07T00:01:25.670Z', 90, 'days', '2016-12-06T00:01:25.670Z'],
    [add, '2016-01-31T00:00:00.000Z', 1, 'months', '2016-02-29T00:00:00.000Z'],
    [add, '2016-09-07T00:00:00.000Z', 5, 'minutes', '2016-09-07T00:05:00.000Z'],
    [add, '2016-09-07T00:00:00.000Z', 1, 'years', '2017-09-07T00:00:00.000Z'],
    [add, '2016-09-07T00:00:00.000Z', 1.5, 'hours', '2016-09-07T01:30:00.000Z'],
    [subtract, '2016-09-07T00:00:00.000Z', 7, 'days', '2016-08-31T00:00:00.000Z'],
    [subtract, '2016-03-01T10:00:00+02:00', 1, 'hours', '2016-03-01T07:00:00.000Z'],
    [subtract, '2016-09-07T00:00:00.000Z', 2, 'weeks', '2016-08-24T00:00:00.000Z'],
  ])('%#: %s %s %s → %s', async (card, start, scale, unit, expected) => {
    expect(await run(card, { start, scale, unit })).toEqual({ output: expected });
  });

  test('an unknown unit or a fraction of a month fails', async () => {
    await expect(run(add, { start: '2016-01-01', scale: 1, unit: 'fortnights' })).rejects.toThrow(/unit 'fortnights' is not one of/);
    await expect(run(add, { start: '2016-01-01', scale: 1.5, unit: 'months' })).rejects.toThrow(/whole numbers/);
    await expect(run(add, { start: 'soon', scale: 1, unit: 'days' })).rejects.toThrow(/start 'soon' is not a date/);
  });
});

describe('Difference (date:diff)', () => {
  // Okta: "end date" (key `start`) is the later date, "start date" (key `end`) the earlier; outputs include
  // partial units, and are negative when the start date is later.
  test('end date (key start) minus start date (key end), with partial units', async () => {
    const out = await run(diff, { start: '2017-03-02T12:30:00Z', end: '2016-01-01T00:00:00Z' });
    expect(out).toMatchObject({ days: 426.5208333333333, hours: 10236.5, minutes: 614190, seconds: 36851400, milliseconds: 36851400000 });
    expect(out.years).toBeGreaterThan(1.16);
    expect(out.years).toBeLessThan(1.17);
    expect(out.months).toBeGreaterThan(14.03);
    expect(out.months).toBeLessThan(14.05);
  });
  test('36 hours is 1.5 days; negative when the start date is the later one', async () => {
    expect(await run(diff, { start: '2016-01-02T12:00:00Z', end: '2016-01-01T00:00:00Z' })).toMatchObject({ days: 1.5, hours: 36 });
    expect(await run(diff, { start: '2016-01-01T12:00:00Z', end: '2016-01-02T00:00:00Z' })).toMatchObject({ days: -0.5, hours: -12 });
  });
});

describe('Date to Text (date:format)', () => {
  // Okta's examples (help.okta.com "Date to Text") for 2016-09-07T00:01:25.670Z.
  test.each([
    ['M/D/Y', 'US/Pacific', '9/6/2016'],
    ['h:mm a z', 'US/Pacific', '5:01 pm PDT'],
    ['dddd, MMMM D, Y', 'UTC', 'Wednesday, September 7, 2016'],
    ['D-MMM-YY HH:mm:ss.S z', 'UTC', '7-Sep-16 00:01:25.6 UTC'],
    ['MM/DD/YY', 'Etc/UTC', '09/07/16'],
    ['yyyy-MM-DDTHH:mm:ss.SSS', 'UTC', '2016-09-07T00:01:25.670'],
    // ISO week-year: 1 January 2016 is in week 53 of 2015.
    ['GGGG-[W]WW', 'UTC', '2016-W36'],
    ['Wo gggg', 'UTC', '36th 2016'],
    ['YYYY-MM-DD[T]HH:mm:ssZ', 'Europe/Paris', '2016-09-07T02:01:25+02:00'],
    ['Do [of] MMM, ddd d', 'UTC', '7th of Sep, Wed 3'],
    ['X x', 'UTC', '1473206485 1473206485670'],
    ['', 'UTC', '2016-09-07T00:01:25.670Z'],
  ])('%o in %s → %o', async (pattern, zone, expected) => {
    expect(await run(format, { start: '2016-09-07T00:01:25.670Z', format: pattern, zone })).toEqual({ output: expected });
  });
});

describe('Date to Text: ISO week-year and unknown zones', () => {
  test('GGGG is the ISO week-numbering year (2016-01-01 is in week 53 of 2015)', async () => {
    expect(await run(format, { start: '2016-01-01T12:00:00Z', format: 'GGGG-[W]WW YYYY GG', zone: 'UTC' })).toEqual({ output: '2015-W53 2016 15' });
  });
  test('an unknown time zone fails naming it (a template writes America/Pacific)', async () => {
    await expect(run(format, { start: '2016-09-07T00:01:25.670Z', format: 'dddd, MMMM D, Y h:mm a z', zone: 'America/Pacific' }))
      .rejects.toThrow("time zone 'America/Pacific' is not a known time zone");
  });
  test('the description lists the supported codes', () => {
    expect(format.description).toContain('GGGG');
    expect(format.description).toContain('Do');
  });
});

describe('Text to Date (date:parse)', () => {
  // help.okta.com "Text to Date": 2/1 is 1 February with D/M and 2 January with M/D.
  test.each([
    ['2/1/2016', 'D/M/Y', '2016-01-02T00:00:00.000Z'],
    ['2/1/2016', 'M/D/Y', '2016-02-01T00:00:00.000Z'],
    ['1656375171000', 'x', '2022-06-28T00:12:51.000Z'],
    ['1656375171', 'X', '2022-06-28T00:12:51.000Z'],
    ['09/07/2016', 'MM/DD/Y', '2016-09-07T00:00:00.000Z'],
    ['7 September 2016 4:58 pm', 'D MMMM YYYY h:mm a', '2016-09-07T16:58:00.000Z'],
    ['2016-09-07T16:55:25+02:00', '', '2016-09-07T14:55:25.000Z'],
  ])('%o with %o → %o', async (text, pattern, expected) => {
    expect(await run(parse, { start: text, format: pattern })).toEqual({ output: expected });
  });

  test('text that does not fit the format fails', async () => {
    await expect(run(parse, { start: '2016-09-07', format: 'MM/DD/Y' })).rejects.toThrow(/does not match the date format 'MM\/DD\/Y'/);
  });
});

describe('Convert (date:fromISO), UNIX and EPOCH', () => {
  test('one date in every form (help.okta.com "Convert": epoch in seconds, unix in milliseconds)', async () => {
    expect(await run(fromISO, { start: '2016-09-07T16:55:25.670Z', format: 'M/D/Y h:mm a', zone: 'US/Pacific' })).toEqual({
      date: '2016-09-07T16:55:25.670Z',
      iso: '2016-09-07T16:55:25Z',
      epoch: '1473267325',
      unix: '1473267325670',
      human: 'Wed, September 7th at 4:55 PM',
      custom: '9/7/2016 9:55 am',
    });
  });

  test("human is Okta's form: \"Wed, September 7th at 12:01 AM\" (in UTC)", async () => {
    expect(await run(fromISO, { start: '2016-09-07T00:01:25.670Z' })).toMatchObject({ human: 'Wed, September 7th at 12:01 AM' });
    expect(await run(fromISO, { start: '2021-03-22T13:05:00Z' })).toMatchObject({ human: 'Mon, March 22nd at 1:05 PM' });
  });

  test('reads common text forms too', async () => {
    expect(await run(fromISO, { start: 'Wed, 07 Sep 2016 16:55:25 GMT' })).toMatchObject({ unix: '1473267325000', custom: null });
    expect(await run(fromISO, { start: '2016-09-07' })).toMatchObject({ iso: '2016-09-07T00:00:00Z' });
  });

  test.each([
    // help.okta.com "UNIX": 2016-09-07T00:01:25.670Z → 1473206485670
    [unix, '2016-09-07T00:01:25.670Z', 1473206485670],
    [epoch, '2016-09-07T00:01:25.670Z', 1473206485],
    [unix, '1970-01-01T00:00:00Z', 0],
  ])('%#: %s → %d', async (card, start, expected) => {
    expect(await run(card, { start })).toEqual({ output: expected });
  });
});
