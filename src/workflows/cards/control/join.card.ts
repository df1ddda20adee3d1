import { defineCard, kernelAddress } from '../../engine/card.js';
import { mirrorInputs } from '../shared/by-key.js';

/**
 * Join: merges the If/Else branches. Each input is wired from both branches; only the branch that
 * ran gives it a value, which goes to the output named in Okta's `joins` map (a Join without that
 * map passes each input to the output with the same key or position).
 */
export default defineCard({
  type: 'control:join',
  title: 'Join',
  description: 'Joining IO from multiple mutually exclusive if/else branches.',
  kind: 'function',
  okta: { address: kernelAddress('control:join'), timeout: 90000 },
  inputs: [],
  outputs: [],
  extensible: { inputs: true, outputs: true },
  run(ctx) {
    const joins = ctx.card.joins ?? {};
    if (!Object.values(joins).some((targets) => targets.length > 0)) return { outputs: mirrorInputs(ctx) };
    const outputs: Record<string, unknown> = {};
    for (const { field, value } of ctx.inputs) {
      for (const target of Object.hasOwn(joins, field.id) ? joins[field.id] : []) outputs[target.output] = value;
    }
    return { outputs };
  },
});
