/**
 * Okta's flow schedule (`cron` object) read as a cron expression with seconds, in its time zone:
 * `seconds`, `minutes`, `hours`, `dayOfTheMonth`, `month`, `dayOfTheWeek` hold cron fields (`*`, `*\/15`,
 * `0,4`, `3-12/3`, names such as MON or JAN), `timeZone` an IANA zone (default UTC), `startDate` and
 * `endDate` optional bounds. Day of month and day of week follow cron's rule: when both are restricted, a
 * day matching either runs. Times that a daylight-saving change skips do not run; a time the change
 * repeats runs once, at its first occurrence.
 */
import { DateTime } from 'luxon';
import { isPlainObject } from '../engine/values/types.js';

export interface CronSchedule {
  seconds: readonly number[];
  minutes: readonly number[];
  hours: readonly number[];
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  /** 0 = Sunday … 6 = Saturday. */
  daysOfWeek: ReadonlySet<number>;
  /** The day fields as cron reads them: when both are restricted, either may match. */
  dayOfMonthRestricted: boolean;
  dayOfWeekRestricted: boolean;
  timeZone: string;
  startsAt?: number;
  endsAt?: number;
}

export class CronError extends Error {}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
/** How far a search looks for the next or previous tick (a schedule of 29 February finds one). */
const SEARCH_DAYS = 366 * 8;

/** Reads Okta's `cron` object; throws CronError naming the field that cannot be read. */
export function parseOktaCron(cron: unknown): CronSchedule {
  if (!isPlainObject(cron)) throw new CronError('the schedule must be an object');
  const text = (name: string, fallback: string): string => {
    const value = cron[name];
    if (value === undefined || value === null || value === '') return fallback;
    if (typeof value !== 'string' && typeof value !== 'number') throw new CronError(`${name} must be text`);
    return String(value).trim();
  };
  const timeZone = text('timeZone', 'UTC');
  if (!DateTime.now().setZone(timeZone).isValid) throw new CronError(`timeZone '${timeZone}' is not a time zone`);
  const dayOfMonth = text('dayOfTheMonth', '*');
  const dayOfWeek = text('dayOfTheWeek', '*');
  const schedule: CronSchedule = {
    seconds: sorted(parseField('seconds', text('seconds', '0'), 0, 59)),
    minutes: sorted(parseField('minutes', text('minutes', '*'), 0, 59)),
    hours: sorted(parseField('hours', text('hours', '*'), 0, 23)),
    daysOfMonth: parseField('dayOfTheMonth', dayOfMonth, 1, 31),
    months: parseField('month', text('month', '*'), 1, 12, MONTH_NAMES, 1),
    // 7 is Sunday too.
    daysOfWeek: new Set([...parseField('dayOfTheWeek', dayOfWeek, 0, 7, DAY_NAMES, 0)].map((d) => d % 7)),
    dayOfMonthRestricted: !dayOfMonth.startsWith('*'),
    dayOfWeekRestricted: !dayOfWeek.startsWith('*'),
    timeZone,
  };
  const start = dateBound(text('startDate', ''), timeZone, 'startDate');
  const end = dateBound(text('endDate', ''), timeZone, 'endDate');
  if (start !== undefined) schedule.startsAt = start;
  if (end !== undefined) schedule.endsAt = end;
  return schedule;
}

function sorted(values: ReadonlySet<number>): number[] {
  return [...values].sort((a, b) => a - b);
}

function parseField(name: string, field: string, min: number, max: number, names: readonly string[] = [], nameBase = 0): Set<number> {
  const values = new Set<number>();
  const number = (token: string): number => {
    const index = names.indexOf(token.toUpperCase());
    if (index >= 0) return index + nameBase;
    if (!/^\d+$/.test(token)) throw new CronError(`${name} '${field}' is not a cron field`);
    const value = Number(token);
    if (value < min || value > max) throw new CronError(`${name} '${field}' is out of range ${min}-${max}`);
    return value;
  };
  for (const part of field.split(',')) {
    const [range, stepText, extra] = part.split('/');
    if (extra !== undefined || range === '') throw new CronError(`${name} '${field}' is not a cron field`);
    const step = stepText === undefined ? 1 : number(stepText);
    if (step < 1) throw new CronError(`${name} '${field}' has a step of 0`);
    let from: number;
    let to: number;
    if (range === '*') [from, to] = [min, max];
    else if (range.includes('-')) {
      const [a, b] = range.split('-');
      [from, to] = [number(a), number(b)];
      if (from > to) throw new CronError(`${name} '${field}' has a range that runs backwards`);
    } else {
      from = number(range);
      // `5/15`: from 5 to the end, every 15.
      to = stepText === undefined ? from : max;
    }
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return values;
}

function dateBound(text: string, zone: string, name: string): number | undefined {
  if (text === '') return undefined;
  const date = DateTime.fromISO(text, { zone });
  if (!date.isValid) throw new CronError(`${name} '${text}' is not a date`);
  return date.toMillis();
}

function dayMatches(schedule: CronSchedule, day: DateTime): boolean {
  if (!schedule.months.has(day.month)) return false;
  const byMonth = schedule.daysOfMonth.has(day.day);
  const byWeek = schedule.daysOfWeek.has(day.weekday % 7);
  if (schedule.dayOfMonthRestricted && schedule.dayOfWeekRestricted) return byMonth || byWeek;
  return byMonth && byWeek;
}

/** The wall-clock time of a day, or undefined when the zone skips it (daylight saving). */
function at(day: DateTime, hour: number, minute: number, second: number): DateTime | undefined {
  const time = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute, second }, { zone: day.zone });
  return time.hour === hour && time.minute === minute && time.second === second && time.day === day.day ? time : undefined;
}

function inBounds(schedule: CronSchedule, ms: number): boolean {
  return (schedule.startsAt === undefined || ms >= schedule.startsAt) && (schedule.endsAt === undefined || ms <= schedule.endsAt);
}

/** The latest tick at or before `when`, or undefined when there is none within eight years. */
export function previousTick(schedule: CronSchedule, when: Date): Date | undefined {
  const limit = when.getTime();
  const local = DateTime.fromMillis(limit, { zone: schedule.timeZone });
  let day = local.startOf('day');
  for (let i = 0; i < SEARCH_DAYS; i++, day = day.minus({ days: 1 })) {
    if (!dayMatches(schedule, day)) continue;
    // On the limit's own day, wall-clock times after it are skipped without building them.
    const today = i === 0;
    for (const hour of [...schedule.hours].reverse()) {
      if (today && hour > local.hour) continue;
      for (const minute of [...schedule.minutes].reverse()) {
        if (today && hour === local.hour && minute > local.minute) continue;
        for (const second of [...schedule.seconds].reverse()) {
          const time = at(day, hour, minute, second);
          if (!time || time.toMillis() > limit) continue;
          const ms = time.toMillis();
          return inBounds(schedule, ms) ? new Date(ms) : undefined;
        }
      }
    }
  }
  return undefined;
}

/** The first tick after `when`, or undefined when there is none within eight years (or past `endDate`). */
export function nextTick(schedule: CronSchedule, when: Date): Date | undefined {
  const limit = when.getTime();
  const local = DateTime.fromMillis(limit, { zone: schedule.timeZone });
  let day = local.startOf('day');
  for (let i = 0; i < SEARCH_DAYS; i++, day = day.plus({ days: 1 })) {
    if (!dayMatches(schedule, day)) continue;
    const today = i === 0;
    for (const hour of schedule.hours) {
      if (today && hour < local.hour) continue;
      for (const minute of schedule.minutes) {
        if (today && hour === local.hour && minute < local.minute) continue;
        for (const second of schedule.seconds) {
          const time = at(day, hour, minute, second);
          if (!time) continue;
          const ms = time.toMillis();
          if (ms <= limit || (schedule.startsAt !== undefined && ms < schedule.startsAt)) continue;
          return schedule.endsAt !== undefined && ms > schedule.endsAt ? undefined : new Date(ms);
        }
      }
    }
  }
  return undefined;
}
