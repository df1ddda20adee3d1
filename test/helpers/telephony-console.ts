import { vi } from 'vitest';

/**
 * What the development telephony provider prints on the server's console (stderr): the test server runs
 * in this process, so its stderr is ours. Other writes go through untouched.
 */
export function captureDevelopmentTelephony() {
  const lines: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
    const text = String(chunk);
    if (text.startsWith('[development telephony]')) {
      lines.push(text);
      return true;
    }
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write);
  return {
    lines,
    /** The code of the last message printed (a voice message spells it digit by digit). */
    lastCode(): string {
      const match = /(\d(?: ?\d){5})\s*$/.exec(lines.at(-1) ?? '');
      if (!match) throw new Error(`no code printed by the development telephony provider: ${JSON.stringify(lines)}`);
      return match[1].replace(/ /g, '');
    },
    restore: () => spy.mockRestore(),
  };
}
