import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { createLogger, isPretty, type LogOutput } from './logger.js';

/** A stream that keeps what is written, and says whether it is a terminal. */
function sink(isTTY: boolean): LogOutput & { text(): string } {
  const chunks: string[] = [];
  return { isTTY, write: (line: string) => { chunks.push(line); return true; }, text: () => chunks.join('') };
}

describe('logs', () => {
  it('are JSON lines by default when the output is not a terminal', () => {
    const out = sink(false);
    createLogger({ level: 'info', format: 'auto', output: out }).info({ userId: '00u1' }, 'user created');
    const line = JSON.parse(out.text().trim());
    expect(line).toMatchObject({ level: 30, msg: 'user created', userId: '00u1' });
    expect(typeof line.time).toBe('number');
  });

  it('are pretty lines, in color, on a terminal (auto), and with TOLLGATE_LOG_FORMAT=pretty anywhere', () => {
    const tty = sink(true);
    createLogger({ level: 'info', format: 'auto', output: tty }).warn({ hookId: 'cal1' }, 'hook slow');
    expect(tty.text()).toMatch(/WARN.*hook slow/);
    expect(tty.text()).toContain('\u001b[');
    expect(stripVTControlCharacters(tty.text())).toContain('hookId: "cal1"');
    expect(() => JSON.parse(tty.text())).toThrow();

    const pipe = sink(false);
    createLogger({ level: 'info', format: 'pretty', output: pipe }).info('hello');
    expect(pipe.text()).toMatch(/INFO.*hello/);
    expect(pipe.text()).not.toContain('\u001b[');
  });

  it('are JSON with TOLLGATE_LOG_FORMAT=json even on a terminal, and honour the level', () => {
    const tty = sink(true);
    const log = createLogger({ level: 'warn', format: 'json', output: tty });
    log.info('dropped');
    log.error('kept');
    expect(tty.text().trim().split('\n').map((l) => JSON.parse(l).msg)).toEqual(['kept']);
    expect(isPretty('json', tty)).toBe(false);
  });

  it('are configured from the environment, and a bad value is refused with a clear error', () => {
    expect(loadConfig({}, {})).toMatchObject({ logLevel: 'info', logFormat: 'auto', metricsPublic: false, shutdownTimeoutMs: 10_000 });
    expect(loadConfig({}, { TOLLGATE_LOG_LEVEL: 'debug', TOLLGATE_LOG_FORMAT: 'JSON', TOLLGATE_METRICS_PUBLIC: 'true' }))
      .toMatchObject({ logLevel: 'debug', logFormat: 'json', metricsPublic: true });
    expect(loadConfig({}, { LOG_LEVEL: 'silent' }).logLevel).toBe('silent');
    expect(() => loadConfig({}, { TOLLGATE_LOG_FORMAT: 'xml' })).toThrow('TOLLGATE_LOG_FORMAT must be one of json, pretty, auto, not xml');
    expect(() => loadConfig({}, { TOLLGATE_LOG_LEVEL: 'loud' })).toThrow('TOLLGATE_LOG_LEVEL must be one of');
    expect(() => loadConfig({}, { TOLLGATE_SHUTDOWN_TIMEOUT_MS: '0' })).toThrow('TOLLGATE_SHUTDOWN_TIMEOUT_MS must be a whole number of at least 1, not 0');
  });
});
