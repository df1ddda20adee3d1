import { describe, expect, test } from 'vitest';
import { compilePattern, flagsOf, matchesWhole, PatternError, patternProblem } from './linear-regex.js';

/* The regular expression dialect outside patterns are run with (RE2 through re2js), as Okta's users write them. */

describe('what Okta patterns use works', () => {
  test.each([
    ['[0-9]+', 'user42', true],
    ['^user\\d{2}$', 'user42', true],
    ['^user\\d{2}$', 'xuser42', false],
    ['(?:ab)+c', 'ababc', true],
    ['(\\w+)@(\\w+)\\.com', 'jane@atko.com', true],
    ['(?<local>[^@]+)@atko\\.com', 'jane@atko.com', true],
    ['(?i)^ADMIN', 'admins', true],
    ['\\bteam\\b', 'the team lead', true],
    ['\\p{L}+', 'Åsa', true],
    ['\\u00e9', 'café', true],
    ['a\\\\1', 'a\\1', true],
    ['[(?=]x', '=x', true],
    ['a\\/b', 'a/b', true],
    ['[^A-Za-z0-9.%]', 'jane.doe%', false],
    ['^$', '', true],
  ])('%s on %o: %o', (source, input, expected) => {
    expect(compilePattern(source).test(input)).toBe(expected);
  });

  test('flags: case-insensitive, multiline anchors, dot matching line breaks', () => {
    expect(compilePattern('^okta$', flagsOf('i')).test('OKTA')).toBe(true);
    expect(compilePattern('^okta$').test('OKTA')).toBe(false);
    expect(compilePattern('^b$', flagsOf('m')).test('a\nb\nc')).toBe(true);
    expect(compilePattern('^b$').test('a\nb\nc')).toBe(false);
    expect(compilePattern('a.b', flagsOf('s')).test('a\nb')).toBe(true);
    expect(compilePattern('a.b').test('a\nb')).toBe(false);
    expect(() => flagsOf('x')).toThrow(PatternError);
  });

  test('groups and replacements with $1, first or every match', () => {
    const p = compilePattern('(\\w+)@(\\w+)');
    expect(p.matcher('a@b c@d').replaceAll('$2 at $1')).toBe('b at a d at c');
    expect(p.matcher('a@b c@d').replaceFirst('$2 at $1')).toBe('b at a c@d');
    const m = p.matcher('mail jane@atko');
    expect(m.find()).toBe(true);
    expect([m.start(), m.group(1), m.group(2)]).toEqual([5, 'jane', 'atko']);
  });

  test('whole-value matching (schema patterns, REGEX group filters)', () => {
    expect(matchesWhole('Eng.*', 'Engineering')).toBe(true);
    expect(matchesWhole('Eng', 'Engineering')).toBe(false);
    expect(matchesWhole('a|ab', 'ab')).toBe(true);
  });
});

describe('what RE2 cannot run is refused with the reason', () => {
  test.each([
    ['a(?=b)', /lookahead and lookbehind/],
    ['a(?!b)', /lookahead and lookbehind/],
    ['(?<=a)b', /lookahead and lookbehind/],
    ['(?<!a)b', /lookahead and lookbehind/],
    ['(a)\\1', /backreferences/],
    ['(?<n>a)\\k<n>', /backreferences/],
    ['[a-', /is not a valid regular expression \(missing closing \]/],
    ['a{2000}', /is not a valid regular expression/],
    ['x'.repeat(5000), /longer than 4096/],
  ])('%#: %.40s', (source, reason) => {
    expect(() => compilePattern(source)).toThrow(reason);
    expect(patternProblem(source)).toMatch(reason);
  });
});

test('a pattern that backtracks exponentially on a native engine answers at once', () => {
  // On V8's RegExp this takes minutes (2^30 ways to split the run of letters); RE2 is linear.
  const input = `${'a'.repeat(30)}!`;
  expect(compilePattern('^([a-z]+)+$').test(input)).toBe(false);
  expect(matchesWhole('([a-z]+)+', input)).toBe(false);
  expect(matchesWhole('(a|aa)+', 'a'.repeat(40) + 'b')).toBe(false);
  expect(compilePattern('^([a-z]+)+$').test('a'.repeat(30))).toBe(true);
});
