import type { AppContext } from '../../platform/context.js';

/** How often the invoke URLs' traffic is summed up in the log. */
const SUMMARY_EVERY_MS = 60_000;

/**
 * Invoke URLs log no line per request (at thousands a second the log would cost more than the flow):
 * failures are logged as they happen, and once a minute one line sums up the calls by status class.
 */
export class InvokeSummary {
  private counts = new Map<string, number>();
  private total = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly ctx: AppContext) {}

  count(statusCode: number): void {
    const status = `${Math.floor(statusCode / 100)}xx`;
    this.counts.set(status, (this.counts.get(status) ?? 0) + 1);
    this.total += 1;
    if (!this.timer) {
      this.timer = setTimeout(() => this.write(), SUMMARY_EVERY_MS);
      this.timer.unref();
    }
  }

  /** Writes what was counted since the last line (at close too, so the last minute is not lost). */
  write(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.total === 0) return;
    this.ctx.log.info({ invocations: this.total, byStatus: Object.fromEntries(this.counts) }, 'flow invocations since the last summary');
    this.counts = new Map();
    this.total = 0;
  }
}
