import { describe, expect, test } from 'vitest';
import { readTemplate, templateFiles } from '../../../test/helpers/templates.js';
import { readFlopack } from '../flopack/flopack.js';
import { CronError, nextTick, parseOktaCron, previousTick } from './okta-cron.js';

/** Okta's cron object with its defaults (daily at 9:00 in Los Angeles) and the given fields. */
const cron = (fields: Record<string, string> = {}) => ({
  seconds: '00', minutes: '0', hours: '9', dayOfTheMonth: '*/1', month: '*', dayOfTheWeek: '*', startDate: '', endDate: '', recurrence: 0, timeZone: 'America/Los_Angeles', ...fields,
});

const iso = (date: Date | undefined) => date?.toISOString();

describe("Okta's flow schedule", () => {
  test.each([
    ['daily 9:00 in Los Angeles, winter (PST, UTC-8)', cron(), '2026-01-15T18:00:00Z', '2026-01-15T17:00:00.000Z', '2026-01-16T17:00:00.000Z'],
    ['daily 9:00 in Los Angeles, summer (PDT, UTC-7)', cron(), '2026-07-15T15:59:59Z', '2026-07-14T16:00:00.000Z', '2026-07-15T16:00:00.000Z'],
    ['daily midnight in Asia/Calcutta (UTC+5:30)', cron({ hours: '0', timeZone: 'Asia/Calcutta' }), '2026-01-15T00:00:00Z', '2026-01-14T18:30:00.000Z', '2026-01-15T18:30:00.000Z'],
    ['every 15 minutes', cron({ hours: '*', minutes: '*/15', dayOfTheMonth: '*' }), '2026-01-15T10:07:30Z', '2026-01-15T10:00:00.000Z', '2026-01-15T10:15:00.000Z'],
    ['Sundays and Thursdays at 2:00 (0,4)', cron({ hours: '2', dayOfTheMonth: '*', dayOfTheWeek: '0,4' }), '2026-01-14T12:00:00Z', '2026-01-11T10:00:00.000Z', '2026-01-15T10:00:00.000Z'],
    ['the 18th of every third month from March, New York', cron({ dayOfTheMonth: '18', month: '3-12/3', timeZone: 'America/New_York' }), '2026-01-01T00:00:00Z', '2025-12-18T14:00:00.000Z', '2026-03-18T13:00:00.000Z'],
    ['hourly in GMT', cron({ hours: '*/1', dayOfTheMonth: '*', timeZone: 'GMT' }), '2026-01-15T10:00:00Z', '2026-01-15T10:00:00.000Z', '2026-01-15T11:00:00.000Z'],
    ['the first of the month at 9:00', cron({ dayOfTheMonth: '1', month: '*/1' }), '2026-02-10T00:00:00Z', '2026-02-01T17:00:00.000Z', '2026-03-01T17:00:00.000Z'],
    ['Mondays by name', cron({ dayOfTheMonth: '*', dayOfTheWeek: 'MON' }), '2026-01-15T00:00:00Z', '2026-01-12T17:00:00.000Z', '2026-01-19T17:00:00.000Z'],
  ])('%s', (_name, schedule, at, previous, next) => {
    const parsed = parseOktaCron(schedule);
    expect(iso(previousTick(parsed, new Date(at)))).toBe(previous);
    expect(iso(nextTick(parsed, new Date(at)))).toBe(next);
  });

  test('a time that daylight saving skips does not run; the next day it does', () => {
    // 2026-03-08: Los Angeles jumps from 2:00 to 3:00.
    const parsed = parseOktaCron(cron({ hours: '2', minutes: '30' }));
    expect(iso(nextTick(parsed, new Date('2026-03-08T08:00:00Z')))).toBe('2026-03-09T09:30:00.000Z');
    expect(iso(previousTick(parsed, new Date('2026-03-09T00:00:00Z')))).toBe('2026-03-07T10:30:00.000Z');
  });

  test('day of month and day of week both restricted: either runs (cron rule)', () => {
    const parsed = parseOktaCron(cron({ dayOfTheMonth: '13', dayOfTheWeek: '5', timeZone: 'UTC' }));
    // Friday 2026-01-09, then Tuesday 2026-01-13, then Friday 2026-01-16.
    expect(iso(nextTick(parsed, new Date('2026-01-08T00:00:00Z')))).toBe('2026-01-09T09:00:00.000Z');
    expect(iso(nextTick(parsed, new Date('2026-01-09T10:00:00Z')))).toBe('2026-01-13T09:00:00.000Z');
    expect(iso(nextTick(parsed, new Date('2026-01-13T10:00:00Z')))).toBe('2026-01-16T09:00:00.000Z');
  });

  test('start and end dates bound the ticks', () => {
    const parsed = parseOktaCron(cron({ startDate: '2026-02-01', endDate: '2026-02-03T23:59:59' }));
    expect(previousTick(parsed, new Date('2026-01-20T00:00:00Z'))).toBeUndefined();
    expect(iso(nextTick(parsed, new Date('2026-01-20T00:00:00Z')))).toBe('2026-02-01T17:00:00.000Z');
    expect(nextTick(parsed, new Date('2026-02-03T18:00:00Z'))).toBeUndefined();
  });

  test.each([
    [{ timeZone: 'Mars/Olympus' }, /timeZone 'Mars\/Olympus'/],
    [{ hours: '25' }, /hours '25' is out of range 0-23/],
    [{ minutes: 'every' }, /minutes 'every' is not a cron field/],
    [{ month: '9-3' }, /runs backwards/],
    [{ minutes: '*/0' }, /step of 0|out of range/],
    [{ startDate: 'someday' }, /startDate 'someday' is not a date/],
  ])('an unreadable schedule is refused with the field named: %j', (fields, message) => {
    expect(() => parseOktaCron(cron(fields))).toThrow(CronError);
    expect(() => parseOktaCron(cron(fields))).toThrow(message);
  });

  test('every schedule of the 125 templates is read, and has a next tick', () => {
    let count = 0;
    for (const file of templateFiles()) {
      for (const flow of readFlopack(readTemplate(file)).flows) {
        if (!flow.schedule) continue;
        count++;
        expect(flow.schedule.enabled).toBe(true);
        const parsed = parseOktaCron(flow.schedule.cron);
        expect(nextTick(parsed, new Date('2026-01-01T00:00:00Z')), `${file}: ${flow.name}`).toBeInstanceOf(Date);
      }
    }
    expect(count).toBeGreaterThanOrEqual(45);
  });
});
