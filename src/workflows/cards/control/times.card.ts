import { CardError, defineCard, kernelAddress } from '../../engine/card.js';
import { concurrencyOf, flowRefOf, forEachLimited, helperInputs, runHelperOrFail } from '../shared/helper-flows.js';

const CARD_KEYS = ['count', 'flo', 'concurrency'];

/** Okta runs a helper at most this many times per Repeat card. */
const MAX_COUNT = 10000;

/**
 * Repeat: runs a helper flow `count` times (`context.index` 0, 1, …), `concurrency` at a time, with
 * the card's other inputs. A failing run fails the card.
 */
export default defineCard({
  type: 'control:times',
  title: 'Repeat',
  description: 'Run a helper flow a number of times.',
  kind: 'function',
  okta: { address: kernelAddress('control:times'), timeout: 300000 },
  inputs: [
    { key: 'count', type: 'number' },
    { key: 'flo', type: 'flo', label: 'Helper Flow' },
    { key: 'concurrency', type: 'number', value: 1 },
  ],
  outputs: [],
  extensible: { inputs: true },
  async run(ctx) {
    const count = Number(ctx.input('count') ?? 0);
    if (!Number.isInteger(count) || count < 0) throw new CardError(`count must be a whole number of times, not '${String(ctx.input('count'))}'`);
    if (count > MAX_COUNT) throw new CardError(`count ${count} is more than the ${MAX_COUNT} runs a Repeat card may make`);
    const flow = flowRefOf(ctx);
    const inputs = helperInputs(ctx.inputs, null, CARD_KEYS);
    await forEachLimited(count, concurrencyOf(ctx), (index) => runHelperOrFail(ctx, flow, { inputs, index }), true);
    return {};
  },
});
