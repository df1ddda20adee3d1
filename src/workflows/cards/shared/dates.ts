import { DateTime, IANAZone } from 'luxon';
import { CardError } from '../../engine/card.js';
import { textOf } from '../../engine/values/types.js';

/*
 * Dates for the Date & Time cards. Values travel as ISO-8601 text (as in Okta's JSON); luxon does
 * the calendar and time-zone arithmetic. Okta's format codes are Moment.js's (help.okta.com "Date to
 * Text", "Text to Date"): D DD Do, M MM MMM MMMM, Y YY YYYY, H HH h hh k kk, m mm, s ss, S SS SSS,
 * a A, Z ZZ z, d ddd dddd (d: weekday, 1 is Monday), X (Unix seconds), x (Unix milliseconds), and
 * literal text in [brackets]. `yyyy`/`yy` are accepted as years too (one template writes them).
 */

const ENGLISH = 'en-US';

/** A date from a card input: ISO or another common text form, a Date, or milliseconds since 1970. */
export function dateOf(value: unknown, what = 'the date'): DateTime {
  const date = readDate(value);
  if (!date) throw new CardError(`${what} '${textOf(value)}' is not a date`);
  return date;
}

export function readDate(value: unknown): DateTime | undefined {
  if (value instanceof Date) return valid(DateTime.fromJSDate(value, { zone: 'utc' }));
  if (typeof value === 'number') return valid(DateTime.fromMillis(value, { zone: 'utc' }));
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^-?\d{11,}$/.test(text)) return valid(DateTime.fromMillis(Number(text), { zone: 'utc' }));
  return (
    valid(DateTime.fromISO(text, { zone: 'utc', setZone: true })) ??
    valid(DateTime.fromRFC2822(text, { zone: 'utc', setZone: true })) ??
    valid(DateTime.fromHTTP(text, { zone: 'utc', setZone: true })) ??
    valid(DateTime.fromSQL(text, { zone: 'utc', setZone: true })) ??
    fromJavaScript(text)
  );
}

function valid(date: DateTime): DateTime | undefined {
  return date.isValid ? date : undefined;
}

/** Last resort: the forms JavaScript's Date reads ("September 7, 2016", "9/7/2016 10:00"), as UTC. */
function fromJavaScript(text: string): DateTime | undefined {
  const millis = Date.parse(/[zZ]|[+-]\d\d:?\d\d$|GMT|UTC/.test(text) ? text : `${text} UTC`);
  return Number.isNaN(millis) ? undefined : DateTime.fromMillis(millis, { zone: 'utc' });
}

/** A date as Okta writes Date values: ISO-8601 in UTC with milliseconds. */
export function isoOf(date: DateTime): string {
  return date.toUTC().toISO() ?? '';
}

/**
 * The time zone an input names (IANA, e.g. `US/Pacific`, `Europe/Paris`); nothing is UTC. A name
 * that is not a zone also gives UTC, as Okta does (a template uses the non-zone `America/Pacific`).
 */
export function zoneOf(value: unknown): string {
  const name = textOf(value).trim();
  if (name === '' || !IANAZone.isValidZone(name)) return 'UTC';
  return name;
}

type Token = { literal: string } | { code: string };

const CODES = [
  'YYYYYY', 'YYYY', 'yyyy', 'YY', 'yy', 'Y', 'GGGG', 'GG', 'gggg', 'gg', 'Qo', 'Q',
  'MMMM', 'MMM', 'MM', 'Mo', 'M',
  'DDDD', 'DDDo', 'DDD', 'DD', 'Do', 'D',
  'dddd', 'ddd', 'dd', 'do', 'd', 'E', 'e',
  'Wo', 'WW', 'W', 'wo', 'ww', 'w',
  'HH', 'H', 'hh', 'h', 'kk', 'k', 'mm', 'm', 'ss', 's', 'SSS', 'SS', 'S',
  'A', 'a', 'ZZ', 'Z', 'zz', 'z', 'X', 'x',
];

/** The format codes Date to Text and Convert understand (listed in the cards' descriptions). */
export const FORMAT_CODES: readonly string[] = CODES;

/**
 * The time zone an input names, strictly: empty is UTC, anything else must be an IANA zone. Date to Text
 * fails on an unknown zone rather than printing the date in a zone the flow did not ask for.
 */
export function knownZoneOf(value: unknown): string {
  const name = textOf(value).trim();
  if (name === '') return 'UTC';
  if (!IANAZone.isValidZone(name)) throw new CardError(`time zone '${name}' is not a known time zone (use an IANA name such as America/Los_Angeles, Europe/Paris or UTC)`);
  return name;
}

/** Splits a Moment.js format into codes and literal text (longest code first; [text] is literal). */
function tokenize(format: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < format.length) {
    if (format[at] === '[') {
      const close = format.indexOf(']', at);
      if (close !== -1) {
        tokens.push({ literal: format.slice(at + 1, close) });
        at = close + 1;
        continue;
      }
    }
    const code = CODES.find((candidate) => format.startsWith(candidate, at));
    if (code) {
      tokens.push({ code });
      at += code.length;
    } else {
      const last = tokens.at(-1);
      if (last && 'literal' in last) last.literal += format[at];
      else tokens.push({ literal: format[at] });
      at++;
    }
  }
  return tokens;
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0').replace(/^/, n < 0 ? '-' : '');

function formatCode(date: DateTime, code: string): string {
  switch (code) {
    case 'YYYYYY':
      return (date.year < 0 ? '-' : '+') + pad(Math.abs(date.year), 6);
    case 'YYYY':
    case 'yyyy':
    case 'Y':
      return pad(date.year, 4);
    case 'YY':
    case 'yy':
      return pad(date.year % 100);
    // Moment: GGGG/GG the ISO week-numbering year, gggg/gg the locale (en-US) week-numbering year.
    case 'GGGG':
      return pad(date.weekYear, 4);
    case 'GG':
      return pad(date.weekYear % 100);
    case 'gggg':
      return pad(date.localWeekYear, 4);
    case 'gg':
      return pad(date.localWeekYear % 100);
    case 'Wo':
      return ordinal(date.weekNumber);
    case 'wo':
      return ordinal(date.localWeekNumber);
    case 'Q':
      return String(date.quarter);
    case 'Qo':
      return ordinal(date.quarter);
    case 'MMMM':
      return date.setLocale(ENGLISH).toFormat('LLLL');
    case 'MMM':
      return date.setLocale(ENGLISH).toFormat('LLL');
    case 'MM':
      return pad(date.month);
    case 'Mo':
      return ordinal(date.month);
    case 'M':
      return String(date.month);
    case 'DDDD':
      return pad(date.ordinal, 3);
    case 'DDDo':
      return ordinal(date.ordinal);
    case 'DDD':
      return String(date.ordinal);
    case 'DD':
      return pad(date.day);
    case 'Do':
      return ordinal(date.day);
    case 'D':
      return String(date.day);
    case 'dddd':
      return date.setLocale(ENGLISH).toFormat('cccc');
    case 'ddd':
      return date.setLocale(ENGLISH).toFormat('ccc');
    case 'dd':
      return date.setLocale(ENGLISH).toFormat('ccc').slice(0, 2);
    case 'do':
      return ordinal(date.weekday);
    case 'd':
    case 'E':
      return String(date.weekday);
    case 'e':
      return String(date.weekday % 7);
    case 'WW':
      return pad(date.weekNumber);
    case 'W':
      return String(date.weekNumber);
    case 'ww':
      return pad(date.localWeekNumber);
    case 'w':
      return String(date.localWeekNumber);
    case 'HH':
      return pad(date.hour);
    case 'H':
      return String(date.hour);
    case 'hh':
      return pad(date.hour % 12 || 12);
    case 'h':
      return String(date.hour % 12 || 12);
    case 'kk':
      return pad(date.hour || 24);
    case 'k':
      return String(date.hour || 24);
    case 'mm':
      return pad(date.minute);
    case 'm':
      return String(date.minute);
    case 'ss':
      return pad(date.second);
    case 's':
      return String(date.second);
    case 'SSS':
      return pad(date.millisecond, 3);
    case 'SS':
      return pad(Math.floor(date.millisecond / 10));
    case 'S':
      return String(Math.floor(date.millisecond / 100));
    case 'A':
      return date.hour < 12 ? 'AM' : 'PM';
    case 'a':
      return date.hour < 12 ? 'am' : 'pm';
    case 'Z':
      return date.toFormat('ZZ');
    case 'ZZ':
      return date.toFormat('ZZZ');
    case 'z':
    case 'zz':
      return date.setLocale(ENGLISH).offsetNameShort ?? date.toFormat('ZZ');
    case 'X':
      return String(Math.floor(date.toMillis() / 1000));
    case 'x':
      return String(date.toMillis());
    default:
      return code;
  }
}

/** The date as text in Okta's format codes, in the zone. */
export function formatDate(date: DateTime, format: string, zone: string): string {
  const local = date.setZone(zone);
  return tokenize(format)
    .map((token) => ('literal' in token ? token.literal : formatCode(local, token.code)))
    .join('');
}

/** Moment.js codes read by luxon's parser. */
const PARSE_CODES: Record<string, string> = {
  YYYY: 'yyyy', yyyy: 'yyyy', Y: 'y', YY: 'yy', yy: 'yy',
  MMMM: 'MMMM', MMM: 'MMM', MM: 'MM', M: 'M',
  DD: 'dd', D: 'd', DDDD: 'ooo', DDD: 'o',
  dddd: 'EEEE', ddd: 'EEE', d: 'E', E: 'E',
  HH: 'HH', H: 'H', hh: 'hh', h: 'h', kk: 'HH', k: 'H', mm: 'mm', m: 'm', ss: 'ss', s: 's',
  SSS: 'SSS', SS: 'S', S: 'S', A: 'a', a: 'a', Z: 'ZZ', ZZ: 'ZZZ',
};

/** Text read with Okta's format codes (times without an offset are in `zone`); undefined if it does not fit. */
export function parseDate(text: string, format: string, zone = 'UTC'): DateTime | undefined {
  let luxonFormat = '';
  let source = text.trim();
  const tokens = tokenize(format.trim());
  // Unix time is a whole text of its own: milliseconds (`x`) or seconds (`X`, fractions allowed).
  if (tokens.length === 1 && 'code' in tokens[0] && (tokens[0].code === 'x' || tokens[0].code === 'X')) {
    if (!/^-?\d+(\.\d+)?$/.test(source)) return undefined;
    const millis = tokens[0].code === 'x' ? Number(source) : Math.round(Number(source) * 1000);
    return valid(DateTime.fromMillis(millis, { zone: 'utc' }));
  }
  for (const token of tokens) {
    if ('literal' in token) luxonFormat += `'${token.literal.replace(/'/g, "''")}'`;
    else if (token.code === 'Do') {
      luxonFormat += 'd';
      source = source.replace(/(\d{1,2})(st|nd|rd|th)/i, '$1');
    } else if (Object.hasOwn(PARSE_CODES, token.code)) luxonFormat += PARSE_CODES[token.code];
    else throw new CardError(`format code '${token.code}' cannot be used to read a date`);
  }
  // Moment reads am/pm in either case; luxon wants its own.
  if (/a/.test(luxonFormat)) source = source.replace(/\b(am|pm)\b/i, (match) => match.toUpperCase());
  const parsed = DateTime.fromFormat(source, luxonFormat, { zone, setZone: false, locale: ENGLISH });
  return parsed.isValid ? parsed.toUTC() : undefined;
}

/** Okta's duration units (Add, Subtract): milliseconds … years, singular or plural. */
export function unitOf(value: unknown): 'milliseconds' | 'seconds' | 'minutes' | 'hours' | 'days' | 'weeks' | 'months' | 'years' {
  const unit = textOf(value).trim().toLowerCase();
  const plural = unit.endsWith('s') ? unit : `${unit}s`;
  const units = ['milliseconds', 'seconds', 'minutes', 'hours', 'days', 'weeks', 'months', 'years'] as const;
  const found = units.find((candidate) => candidate === plural);
  if (!found) throw new CardError(`unit '${textOf(value)}' is not one of ${units.join(', ')}`);
  return found;
}
