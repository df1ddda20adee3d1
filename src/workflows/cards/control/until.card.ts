import { CardError, defineCard, kernelAddress } from '../../engine/card.js';
import { toIsoDate } from '../../engine/values/coerce.js';
import { textOf } from '../../engine/values/types.js';

const MAX_WAIT_MS = 30 * 24 * 3600 * 1000;

/** Wait Until: pauses the flow until `date` (a date in the past does not wait). */
export default defineCard({
  type: 'control:until',
  title: 'Wait Until',
  description: 'Wait until a date and time before continuing the flow.',
  kind: 'function',
  okta: { address: kernelAddress('control:until'), timeout: 90000 },
  inputs: [{ key: 'date', type: 'Date' }],
  outputs: [],
  async run(ctx) {
    const iso = toIsoDate(ctx.input('date'));
    if (iso === undefined) throw new CardError(`'${textOf(ctx.input('date'))}' is not a date to wait for`);
    const ms = Date.parse(iso) - ctx.now().getTime();
    if (ms > MAX_WAIT_MS) throw new CardError(`a flow cannot wait more than 30 days (until ${iso})`);
    await ctx.sleep(Math.max(0, ms));
    return {};
  },
});
