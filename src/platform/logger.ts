/**
 * The process's logger: pino JSON lines by default (what log collectors read), or pino-pretty's readable
 * lines when a person watches: `TOLLGATE_LOG_FORMAT=pretty`, or `auto` (the default) with stdout on a terminal.
 *
 * Pretty lines are formatted in the logging call (prettyFactory) instead of pino-pretty's stream, which
 * goes through a Transform and can lose the last lines when the process exits right after them.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';
import type { LogFormat } from './config.js';

export interface LogOutput {
  write(line: string): unknown;
  isTTY?: boolean;
}

export interface LoggerOptions {
  level: string;
  format: LogFormat;
  /** Where lines go: stdout (the default) or stderr by file descriptor, or any stream (tests). */
  output?: 1 | 2 | LogOutput;
}

/** Whether lines to `output` are formatted for people. */
export function isPretty(format: LogFormat, output: 1 | 2 | LogOutput = 1): boolean {
  if (format !== 'auto') return format === 'pretty';
  const stream = output === 1 ? process.stdout : output === 2 ? process.stderr : output;
  return stream.isTTY === true;
}

export function createLogger(options: LoggerOptions): Logger {
  const output = options.output ?? 1;
  if (!isPretty(options.format, output)) {
    const destination: DestinationStream = typeof output === 'number' ? pino.destination(output) : output;
    return pino({ level: options.level }, destination);
  }
  const stream = output === 1 ? process.stdout : output === 2 ? process.stderr : output;
  const format = prettyFactory({ colorize: stream.isTTY === true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
  return pino({ level: options.level }, { write: (line: string) => { stream.write(format(line)); } });
}
