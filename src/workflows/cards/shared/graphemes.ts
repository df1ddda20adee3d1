/**
 * User-perceived characters (grapheme clusters) for the text cards that count or cut by position (Text
 * Segment, Length, Find, Find Last). Okta's reference speaks of "characters" and "position"; counting
 * UTF-16 code units would cut an emoji or a letter with a combining mark in half ("👍🏽" is 4 units and 1
 * character, "é" written e + U+0301 is 2 units and 1 character), so Tollgate counts what a reader sees.
 * Text that is all single-unit characters (ASCII, most Latin text) gives the same numbers either way.
 */
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

// eslint-disable-next-line no-control-regex
const SIMPLE = /^[\u0000-\u02ff]*$/;

export function graphemes(text: string): string[] {
  if (SIMPLE.test(text)) return [...text];
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

export function graphemeLength(text: string): number {
  return SIMPLE.test(text) ? text.length : graphemes(text).length;
}

/** The grapheme position of a UTF-16 index found by indexOf (-1 stays -1). */
export function graphemeIndexOf(text: string, utf16Index: number): number {
  if (utf16Index < 0 || SIMPLE.test(text)) return utf16Index;
  return graphemeLength(text.slice(0, utf16Index));
}

/** The UTF-16 index where the grapheme at `position` starts (the text's length past the end). */
export function utf16IndexOf(text: string, position: number): number {
  if (SIMPLE.test(text)) return position;
  const parts = graphemes(text);
  let index = 0;
  for (let i = 0; i < Math.min(position, parts.length); i++) index += parts[i].length;
  return index;
}
