import { DateTime } from 'luxon';
import { CardError, defineCard, kernelAddress } from '../../engine/card.js';

const UNITS = ['second', 'minute', 'hour', 'day', 'week', 'month', 'year'] as const;

/** Okta keeps a waiting flow at most 30 days. */
const MAX_WAIT_MS = 30 * 24 * 3600 * 1000;

/** Wait For: pauses the flow for `delay` units (second … year; months and years by the calendar). */
export default defineCard({
  type: 'control:wait',
  title: 'Wait For',
  description: 'Wait for a duration before continuing the flow.',
  kind: 'function',
  okta: { address: kernelAddress('control:wait'), timeout: 90000 },
  inputs: [
    { key: 'delay', type: 'number', value: 1 },
    { key: 'unit', type: 'string', value: 'second' },
  ],
  outputs: [],
  async run(ctx) {
    const delay = Number(ctx.input('delay') ?? 0);
    const unit = String(ctx.input('unit') ?? 'second');
    if (!Number.isFinite(delay) || delay < 0) throw new CardError(`delay must be a number of ${unit}s, not '${String(ctx.input('delay'))}'`);
    if (!(UNITS as readonly string[]).includes(unit)) throw new CardError(`unit '${unit}' is not one of ${UNITS.join(', ')}`);
    const now = DateTime.fromJSDate(ctx.now(), { zone: 'utc' });
    const ms = now.plus({ [`${unit}s`]: delay }).toMillis() - now.toMillis();
    if (ms > MAX_WAIT_MS) throw new CardError(`a flow cannot wait more than 30 days (asked: ${delay} ${unit}s)`);
    await ctx.sleep(ms);
    return {};
  },
});
