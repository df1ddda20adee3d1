import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startProgress, type ProgressStream } from './progress.js';

function stream(isTTY: boolean): ProgressStream & { text(): string } {
  const chunks: string[] = [];
  return { isTTY, columns: 100, write: (chunk: string) => { chunks.push(chunk); return true; }, text: () => chunks.join('') };
}

describe('progress of long work', () => {
  it('draws a bar on a terminal, and ends with the summary line', () => {
    const tty = stream(true);
    const progress = startProgress('Importing flows', 40, tty);
    for (let done = 1; done <= 40; done++) progress.update(done);
    progress.stop('Imported 40 flows');
    const text = tty.text();
    expect(text).toContain('\u001b['); // drawn in place, with escape codes
    const plain = stripVTControlCharacters(text);
    expect(plain).toMatch(/Importing flows [\u2588\u2591]{40} 0\/40 \(0%\)/);
    expect(plain).toMatch(/Importing flows \u2588{40} 40\/40 \(100%\) ETA 0s/);
    expect(plain.endsWith('Imported 40 flows\n')).toBe(true);
  });

  it('writes no bar and no escape codes elsewhere (CI, pipes): only the summary line', () => {
    const pipe = stream(false);
    const progress = startProgress('Importing flows', 40, pipe);
    for (let done = 1; done <= 40; done++) progress.update(done);
    progress.stop('Imported 40 flows');
    progress.stop('twice');
    expect(pipe.text()).toBe('Imported 40 flows\n');
  });
});
