import { CardError, defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { toBooleanLoose, toNumberLoose } from '../../engine/values/coerce.js';
import { textOf } from '../../engine/values/types.js';

/**
 * Export Flow: another flow of this org as Okta's `.flow` export JSON text (pretty-printed with
 * `indent` spaces when `pretty`). The host provides the export (`services.exportFlow`).
 */
export default defineCard({
  type: 'utility:exportFlo',
  title: 'Export Flow',
  description: 'Export a flow as JSON.',
  kind: 'function',
  okta: { address: kernelAddress('utility:exportFlo'), timeout: 90000 },
  inputs: [
    { key: 'flo', type: 'flo', label: 'Flow' },
    { key: 'pretty', type: 'boolean', value: false },
    { key: 'indent', type: 'number', value: 2 },
  ],
  outputs: [{ key: 'output', type: 'file' }],
  async run(ctx) {
    const flowId = textOf(ctx.input('flo'));
    if (flowId === '') throw new CardError('no flow is chosen to export');
    const exportFlow = ctx.services.exportFlow;
    if (!exportFlow) throw new CardError("exporting a flow needs the host's flows (services.exportFlow), which this run does not have");
    const exported = await exportFlow(flowId);
    const indent = toNumberLoose(ctx.input('indent'));
    const spaces = toBooleanLoose(ctx.input('pretty')) === true ? (typeof indent === 'number' ? Math.max(0, Math.min(10, Math.floor(indent))) : 2) : 0;
    return { outputs: outputsByKey(ctx, { output: JSON.stringify(exported, null, spaces) }) };
  },
});
