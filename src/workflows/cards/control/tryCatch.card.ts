import { defineCard, kernelAddress } from '../../engine/card.js';
import { contextValues, flowRefOf, outputsFromHelper, runHelperOrFail } from '../shared/helper-flows.js';

/**
 * If Error: runs the Try section (the flow nested in `flo`); its Return fields become the outputs.
 * If a card in it fails, this card fails, and its error policy (`handler`, as Okta exports it) runs
 * the If Error section with `context.error` instead; the engine then takes that section's Return as
 * the outputs and the flow goes on. Outer values reach both sections through `context` inputs.
 */
export default defineCard({
  type: 'control:tryCatch',
  title: 'If Error',
  description: 'Try some steps and handle any error they raise.',
  kind: 'function',
  okta: { address: kernelAddress('control:tryCatch'), timeout: 300000 },
  inputs: [{ key: 'flo', type: 'flo', label: 'Helper Flow' }],
  outputs: [],
  extensible: { outputs: true },
  async run(ctx) {
    const result = await runHelperOrFail(ctx, flowRefOf(ctx), { inputs: {}, context: contextValues(ctx.inputs) });
    return { outputs: outputsFromHelper(ctx.outputFields, result) };
  },
});
